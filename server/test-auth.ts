// Unit tests of routers check people with this verifier instead of an engine (the engine's own check
// is proven by test/access.test.ts). Never used by the product.
import type { Verifier } from './auth.js';
import { HttpError } from './validation.js';

/** The people the fake verifier knows: user id → groups; every password is `pw-<user id>`. */
export const TEST_PEOPLE: Record<string, string[]> = {
  office1: ['office'],
  admin1: ['process-admins'],
  expert1: ['experts'],
  'unit-luodian': ['recommender-luodian'],
};

/** A verifier that knows TEST_PEOPLE; wrong or unknown credentials are 401 as the engine answers. */
export const testVerifier: Verifier = async ({ username, password }) => {
  const groups = TEST_PEOPLE[username];
  if (!groups || password !== `pw-${username}`)
    throw new HttpError(401, { error: 'unauthorized', message: '用户名或密码错误，引擎拒绝登录' });
  return { userId: username, groups };
};

/** The Authorization header of a TEST_PEOPLE member (or of anyone with the given password). */
export const basicAuth = (user: string, password = `pw-${user}`): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
