// Issue 16 (3): the workers process tells /healthz how it is (a separate process under npm start):
// a row in process_health, refreshed every few seconds; a row older than HEALTH_STALE_MS means the
// workers are gone.
import type { Logger } from 'pino';
import { engineRest, EngineRestError } from '../camunda/rest.js';
import type { Queryable } from '../store/index.js';
import { HEALTH_INTERVAL_MS, writeHealth } from '../store/process-health.js';
import type { WorkerHealth } from './runtime.js';

export { HEALTH_INTERVAL_MS, HEALTH_STALE_MS, writeHealth } from '../store/process-health.js';

/** Publishes health() every HEALTH_INTERVAL_MS until the returned stop is called. */
export function publishHealth(
  db: Queryable,
  health: () => WorkerHealth,
  log: Logger,
  /** Asks the engine once with the workers' account, until the first poll has answered (long polls wait). */
  probe?: () => Promise<WorkerHealth>,
): { stop(): Promise<void> } {
  let last = Promise.resolve();
  const tick = () => {
    last = (async () => {
      let now = health();
      if (now.status === 'starting' && probe) now = await probe().catch(() => now);
      await writeHealth(db, 'workers', now);
    })().catch((err: unknown) => log.warn({ err: String(err) }, '无法记录工作进程状态'));
  };
  tick();
  const timer = setInterval(tick, HEALTH_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await last;
      await writeHealth(db, 'workers', { status: 'starting', message: '工作进程已停止' }).catch(
        () => undefined,
      );
    },
  };
}

/** One call with the workers' account: ok, refused credentials, or engine unreachable. */
export async function probeEngine(
  engineUrl: string,
  username: string,
  password: string,
): Promise<WorkerHealth> {
  try {
    await engineRest(engineUrl, { username, password }).api.GET('/external-task/count', {
      signal: AbortSignal.timeout(2000),
    });
    return { status: 'ok', message: '工作进程正常' };
  } catch (err) {
    if (err instanceof EngineRestError) {
      if (err.status === 401 || err.status === 403)
        return {
          status: 'credentials',
          message: `引擎拒绝了工作进程的服务账号 ${username}（HTTP ${err.status}）：请检查 CAMUNDA_WORKER_USER / CAMUNDA_WORKER_PASSWORD，或该账号是否已被引擎锁定`,
        };
      return { status: 'unreachable', message: `引擎回答 HTTP ${err.status}` };
    }
    // The typed client wraps a failed connection; the cause is fetch's own error.
    const cause = (err as Error).cause;
    return {
      status: 'unreachable',
      message: `引擎暂时无法连接：${(cause instanceof Error ? cause : (err as Error)).message}`,
    };
  }
}
