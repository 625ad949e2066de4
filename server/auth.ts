// Who may call the office's endpoints (issue 8 (4)): people log in with their own engine account over
// HTTP Basic; the engine checks the password and says which groups the person is in. Nothing here
// keeps a password or a user list of its own.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  EngineRestError,
  engineRest,
  type Credentials,
  type EngineRest,
  type EngineUrls,
} from '../camunda/rest.js';
import { HttpError } from './validation.js';

/** The person behind a request, as the engine knows them. */
export interface Principal {
  userId: string;
  groups: string[];
}

/**
 * Checks credentials and returns the person; throws HttpError 401 (bad credentials) or 503. `ip` is
 * the client's address, for the sign-in guard.
 */
export type Verifier = (user: Credentials, ip?: string) => Promise<Principal>;

/** How a router checks people: the engine's REST URL (…/engine-rest) or a verifier (unit tests). */
export type EngineAuth = EngineUrls | Verifier;

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
    const info = await rest.get(`/identity/groups?userId=${encodeURIComponent(userId)}`);
    return { userId, groups: (info.groups ?? []).flatMap((g) => (g.id ? [g.id] : [])) };
  } catch (err) {
    return engineError(err);
  }
}

/** A verifier that asks the engine at engineUrl (any of the nodes, given several). */
export function engineVerifier(engineUrl: EngineUrls): Verifier {
  return (user) => engineGroups(engineRest(engineUrl, user), user.username);
}

/** Failed sign-ins allowed per client IP and per account within SIGN_IN_WINDOW_MS (README, Access). */
export const SIGN_IN_LIMITS = { perIp: 10, perAccount: 5, windowMs: 15 * 60_000 } as const;

/**
 * Issue 16 (1): no guess reaches the engine unthrottled. Service accounts (the workers', the engine
 * admin) never sign in here: they are refused before the engine is asked, so nobody can lock them
 * through the server. Other accounts get SIGN_IN_LIMITS failed sign-ins per window, per client IP and
 * per account; beyond that a 429 in Chinese, again before the engine is asked (the engine locks an
 * account after 10 failures in a row: 5 per 15 minutes keeps a guesser far below that between two
 * successful sign-ins of its owner).
 */
export interface SignInGuard {
  /** Throws 403 (service account) or 429 (too many failures) before the engine is asked. */
  before(user: Credentials, ip: string): void;
  failed(user: Credentials, ip: string): void;
  succeeded(user: Credentials, ip: string): void;
}

export interface SignInGuardOptions {
  /** Accounts that never sign in to office pages or APIs (CAMUNDA_WORKER_USER, CAMUNDA_ADMIN_USER …). */
  serviceAccounts: readonly string[];
  perIp?: number;
  perAccount?: number;
  windowMs?: number;
  now?: () => number;
}

/** Bounded in memory: at most this many keys are tracked; the oldest go first. */
const MAX_TRACKED = 10_000;

export function signInGuard(opts: SignInGuardOptions): SignInGuard {
  const perIp = opts.perIp ?? SIGN_IN_LIMITS.perIp;
  const perAccount = opts.perAccount ?? SIGN_IN_LIMITS.perAccount;
  const windowMs = opts.windowMs ?? SIGN_IN_LIMITS.windowMs;
  const now = opts.now ?? Date.now;
  const service = new Set(opts.serviceAccounts.map((a) => a.toLowerCase()));
  const failures = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  };
  const add = (key: string) => {
    const list = recent(key);
    failures.delete(key);
    failures.set(key, [...list, now()]);
    while (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value!);
  };
  const tooMany = (retryAfterMs: number, who: string) =>
    new HttpError(429, {
      error: 'too_many_sign_in_failures',
      retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
      message: `${who}登录失败次数过多，请 ${Math.ceil(retryAfterMs / 60_000)} 分钟后再试；如忘记密码请联系审定委员会办公室`,
    });
  const ipKey = (ip: string) => `ip:${ip}`;
  const accountKey = (user: Credentials) => `user:${user.username.toLowerCase()}`;
  return {
    before(user, ip) {
      const ipFailures = recent(ipKey(ip));
      if (ipFailures.length >= perIp) throw tooMany(ipFailures[0]! + windowMs - now(), '此客户端');
      if (service.has(user.username.toLowerCase())) {
        add(ipKey(ip));
        throw new HttpError(403, {
          error: 'service_account',
          message: `${user.username} 是系统服务账号，不能登录办公室页面或接口；请用本人的账号登录`,
        });
      }
      const accountFailures = recent(accountKey(user));
      if (accountFailures.length >= perAccount)
        throw tooMany(accountFailures[0]! + windowMs - now(), `账号 ${user.username} `);
    },
    failed(user, ip) {
      add(ipKey(ip));
      add(accountKey(user));
    },
    succeeded(user) {
      failures.delete(accountKey(user));
    },
  };
}

/** Runs a sign-in through the guard: refused before the engine, failures (401) counted. */
export async function guardedSignIn<T>(
  guard: SignInGuard | undefined,
  user: Credentials,
  ip: string,
  signIn: () => Promise<T>,
): Promise<T> {
  guard?.before(user, ip);
  try {
    const result = await signIn();
    guard?.succeeded(user, ip);
    return result;
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) guard?.failed(user, ip);
    throw err;
  }
}

/** A verifier whose every sign-in goes through the guard. */
export function guardedVerifier(verify: Verifier, guard: SignInGuard): Verifier {
  return (user, ip = 'unknown') => guardedSignIn(guard, user, ip, () => verify(user, ip));
}

/** The client's address as the server sees it (TRUST_PROXY decides whether X-Forwarded-For counts). */
export const clientIp = (req: Request): string =>
  (req.ip ?? req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

const verifierOf = (auth: EngineAuth): Verifier => (typeof auth === 'function' ? auth : engineVerifier(auth));

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
        const principal = await verify(credentials(req), clientIp(req));
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
