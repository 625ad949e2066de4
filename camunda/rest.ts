// A small client for the engine's REST API (deployments, identity, authorizations, tests).
// Workers do not use it: they go through workers/runtime.ts.

export interface Credentials {
  username: string;
  password: string;
}

/** A non-2xx answer from /engine-rest, with the engine's own message. */
export class EngineRestError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: unknown,
  ) {
    const detail =
      body && typeof body === 'object' && 'message' in body
        ? String((body as { message: unknown }).message)
        : '';
    super(`引擎接口 ${method} ${path} 返回 ${status}${detail ? `：${detail}` : ''}`);
  }
}

export interface EngineRest {
  baseUrl: string;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  put<T = unknown>(path: string, body?: unknown): Promise<T>;
  delete<T = unknown>(path: string): Promise<T>;
  postForm<T = unknown>(path: string, form: FormData): Promise<T>;
  as(credentials: Credentials): EngineRest;
}

/** Creates a client for baseUrl (…/engine-rest) that authenticates with HTTP Basic. */
export function engineRest(baseUrl: string, credentials: Credentials): EngineRest {
  const base = baseUrl.replace(/\/$/, '');
  const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const send = async <T>(method: string, path: string, init: RequestInit): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        ...init,
        method,
        headers: { Authorization: auth, ...init.headers },
      });
    } catch (err) {
      throw new Error(`无法连接引擎 ${base}：${(err as Error).cause ?? (err as Error).message}`, {
        cause: err,
      });
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // keep the raw text
    }
    if (!res.ok) throw new EngineRestError(res.status, method, path, parsed);
    return parsed as T;
  };
  const client: EngineRest = {
    baseUrl: base,
    request: (method, path, body) =>
      send(method, path, {
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      }),
    get: (path) => client.request('GET', path),
    post: (path, body) => client.request('POST', path, body ?? {}),
    put: (path, body) => client.request('PUT', path, body ?? {}),
    delete: (path) => client.request('DELETE', path),
    postForm: (path, form) => send('POST', path, { body: form }),
    as: (other) => engineRest(baseUrl, other),
  };
  return client;
}

/** Typed value for a process variable; objects become Spin JSON. */
export function toVariable(value: unknown): { value: unknown; type: string } {
  if (value === null) return { value: null, type: 'Null' };
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number') return { value, type: Number.isInteger(value) ? 'Long' : 'Double' };
  if (typeof value === 'string') return { value, type: 'String' };
  return { value: JSON.stringify(value), type: 'Json' };
}

/** Builds the `variables` map of a REST request from plain values. */
export function toVariables(
  values: Record<string, unknown>,
): Record<string, { value: unknown; type: string }> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toVariable(v)]));
}
