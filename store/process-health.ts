// Issue 16 (3): the rows of process_health, through which a process under npm start (the workers)
// tells /healthz (the server, another process) how it is; a row older than HEALTH_STALE_MS means the
// process is gone.
import os from 'node:os';
import type { Queryable } from './index.js';

/** How often the workers write their state; /healthz treats a row older than HEALTH_STALE_MS as down. */
export const HEALTH_INTERVAL_MS = 1000;
export const HEALTH_STALE_MS = 5000;

/** Writes (or refreshes) the state of one component, with this process's pid and host. */
export async function writeHealth(
  db: Queryable,
  component: string,
  health: { status: string; message: string },
): Promise<void> {
  await db.query(
    `INSERT INTO process_health (component, status, message, pid, host, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (component) DO UPDATE
       SET status = EXCLUDED.status, message = EXCLUDED.message, pid = EXCLUDED.pid,
           host = EXCLUDED.host, updated_at = now()`,
    [component, health.status, health.message, process.pid, os.hostname()],
  );
}
