// Who may call the office's endpoints (issue 8 (4)): people log in with their own engine account over
// HTTP Basic; the engine checks the password and says which groups the person is in. Nothing here
// keeps a password or a user list of its own.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { EngineRestError, engineRest, type Credentials, type EngineRest } from '../camunda/rest.js';
import { HttpError } from './validation.js';

/** The person behind a request, as the engine knows them. */
export interface Principal {
  userId: string;
  groups: string[];
}

/** Checks credentials and returns the person; throws HttpError 401 (bad credentials) or 503. */
export type Verifier = (user: Credentials) => Promise<Principal>;

/** How a router checks people: the engine's REST URL (…/engine-rest) or a verifier (unit tests). */
export type EngineAuth = string | Verifier;

/** Reads HTTP Basic credentials; none or malformed is a 401 asking to log in. */
export function credentials(req: Request): Credentials {
  const header = req.get('authorization') ?? '';
  const m = /^Basic\s+(.+)$/i.exec(header);
  const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon <= 0)
    throw new HttpError(401, { error: 'unauthorized', message: '请先用流程引擎账号登录（用户名和密码）' });
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Engine refusals in people's words; an unreachable engine is 503; anything else a 502. */
export function engineError(err: unknown): never {
  if (err instanceof HttpError) throw err;
  if (err instanceof EngineRestError) {
    if (err.status === 401)
      throw new HttpError(401, { error: 'unauthorized', message: '用户名或密码错误，引擎拒绝登录' });
    if (err.status === 403)
      throw new HttpError(403, { error: 'forbidden', message: `引擎拒绝了此操作：${err.message}` });
    throw new HttpError(502, { error: 'engine_error', message: err.message });
  }
  // fetch failed (engine down or unreachable): the engine's state, not the caller's input, and not a crash.
  if (err instanceof Error && (err.cause as Error | undefined)?.name === 'TypeError')
    throw new HttpError(503, {
      error: 'engine_unavailable',
      message: `流程引擎暂时无法连接，请稍后重试（${err.message}）`,
    });
  throw err;
}

/** The engine's own check: a call with the person's credentials, which also lists their groups. */
export async function engineGroups(rest: EngineRest, userId: string): Promise<Principal> {
  try {
    const info = await rest.get<{ groups: { id: string }[] }>(
      `/identity/groups?userId=${encodeURIComponent(userId)}`,
    );
    return { userId, groups: info.groups.map((g) => g.id) };
  } catch (err) {
    return engineError(err);
  }
}

/** A verifier that asks the engine at engineUrl. */
export function engineVerifier(engineUrl: string): Verifier {
  return (user) => engineGroups(engineRest(engineUrl, user), user.username);
}

const verifierOf = (auth: EngineAuth): Verifier => (typeof auth === 'string' ? engineVerifier(auth) : auth);

/** The principal requireGroups left on the response. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('principalOf called on a route without requireGroups');
  return principal;
}

/**
 * Middleware: the caller logs in with their engine account and must be in one of the groups, else
 * 401 (no or wrong credentials) or 403 naming the groups. Sets res.locals.principal.
 */
export function requireGroups(auth: EngineAuth, groups: readonly string[], what: string): RequestHandler {
  const verify = verifierOf(auth);
  return (req: Request, res: Response, next: NextFunction): void => {
    Promise.resolve()
      .then(async () => {
        const principal = await verify(credentials(req));
        if (!principal.groups.some((g) => groups.includes(g)))
          throw new HttpError(403, {
            error: 'forbidden',
            message: `只有 ${groups.join('、')} 组的成员可以${what}；${principal.userId} 不是这些组的成员`,
          });
        res.locals.principal = principal;
      })
      .then(() => next(), next);
  };
}
