// Issue 16 (3): the workers process tells /healthz how it is (a separate process under npm start):
// a row in process_health, refreshed every few seconds; a row older than HEALTH_STALE_MS means the
// workers are gone.
import type { Logger } from 'pino';
import type { Queryable } from '../store/index.js';
import type { WorkerHealth } from './runtime.js';

/** How often the workers write their state; /healthz treats a row older than HEALTH_STALE_MS as down. */
export const HEALTH_INTERVAL_MS = 2000;
export const HEALTH_STALE_MS = 8000;

export async function writeHealth(db: Queryable, component: string, health: WorkerHealth): Promise<void> {
  await db.query(
    `INSERT INTO process_health (component, status, message, pid, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (component) DO UPDATE
       SET status = EXCLUDED.status, message = EXCLUDED.message, pid = EXCLUDED.pid, updated_at = now()`,
    [component, health.status, health.message, process.pid],
  );
}

/** Publishes health() every HEALTH_INTERVAL_MS until the returned stop is called. */
export function publishHealth(
  db: Queryable,
  health: () => WorkerHealth,
  log: Logger,
): { stop(): Promise<void> } {
  let last = Promise.resolve();
  const tick = () => {
    last = writeHealth(db, 'workers', health()).catch((err: unknown) =>
      log.warn({ err: String(err) }, '无法记录工作进程状态'),
    );
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
