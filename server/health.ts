// Issue 16 (3): /healthz says honestly whether the product works: the store answers, the engine is up,
// the workers poll it with accepted credentials. Degraded is not ok (503). Every check has a budget,
// so /healthz answers within a second whatever hangs.
import os from 'node:os';
import type { EngineUrls } from '../camunda/rest.js';
import type { Db } from '../store/index.js';
import { HEALTH_STALE_MS } from '../store/process-health.js';

export type HealthCheck = 'store' | 'engine' | 'workers';

export interface ComponentHealth {
  ok: boolean;
  /** In Chinese, for the operator. */
  message: string;
}

export interface HealthReport {
  ok: boolean;
  components: Partial<Record<HealthCheck, ComponentHealth>>;
}

const BUDGET_MS = 700;

function withBudget<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}在 ${BUDGET_MS} 毫秒内没有回应`)), BUDGET_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

const failed = (err: unknown): ComponentHealth => ({
  ok: false,
  message: err instanceof Error ? err.message : String(err),
});

async function storeHealth(db: Db): Promise<ComponentHealth> {
  await withBudget('数据库', db.query('SELECT 1'));
  return { ok: true, message: '数据库正常' };
}

/** With several nodes (ENGINE_URLS) the engine is up while any node is, the others named. */
async function engineHealth(engineUrl: EngineUrls): Promise<ComponentHealth> {
  if (typeof engineUrl !== 'string') {
    const all = await Promise.all(engineUrl.map((u) => engineHealth(u).catch(failed)));
    const down = engineUrl.filter((_, i) => !all[i]!.ok);
    if (down.length === 0) return { ok: true, message: '流程引擎正常' };
    if (down.length === engineUrl.length) return all[0]!;
    return { ok: true, message: `流程引擎正常；节点 ${down.join('、')} 暂时无法连接` };
  }
  const base = engineUrl.replace(/\/engine-rest\/?$/, '');
  const res = await withBudget('流程引擎', fetch(`${base}/actuator/health`));
  const body = (await res.json().catch(() => ({}))) as { status?: string };
  return res.ok && body.status === 'UP'
    ? { ok: true, message: '流程引擎正常' }
    : { ok: false, message: `流程引擎状态异常（HTTP ${res.status}，${body.status ?? '未知'}）` };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function workersHealth(db: Db): Promise<ComponentHealth> {
  const [row] = await withBudget(
    '数据库',
    db.query<{ status: string; message: string; age_ms: number; pid: number | null; host: string | null }>(
      `SELECT status, message, pid, host,
              (EXTRACT(EPOCH FROM (now() - updated_at)) * 1000)::float8 AS age_ms
       FROM process_health WHERE component = 'workers'`,
    ),
  );
  if (!row) return { ok: false, message: '工作进程尚未报告状态（未启动？）' };
  // On the same machine a vanished process is known at once, without waiting for its row to age.
  if (row.host === os.hostname() && row.pid && !alive(Number(row.pid)))
    return { ok: false, message: `工作进程（进程 ${row.pid}）已不在运行` };
  if (Number(row.age_ms) > HEALTH_STALE_MS)
    return {
      ok: false,
      message: `工作进程 ${Math.round(Number(row.age_ms) / 1000)} 秒没有报告状态（已停止？）`,
    };
  return { ok: row.status === 'ok', message: row.message };
}

/** The health check of the given components; each within its budget. */
export function healthReporter(opts: {
  db: Db;
  engineUrl: EngineUrls;
  checks: readonly HealthCheck[];
}): () => Promise<HealthReport> {
  return async () => {
    const run: Record<HealthCheck, () => Promise<ComponentHealth>> = {
      store: () => storeHealth(opts.db),
      engine: () => engineHealth(opts.engineUrl),
      workers: () => workersHealth(opts.db),
    };
    const results = await Promise.all(
      opts.checks.map(async (c) => [c, await run[c]().catch(failed)] as const),
    );
    const components = Object.fromEntries(results) as HealthReport['components'];
    return { ok: results.every(([, h]) => h.ok), components };
  };
}

/** HEALTH_CHECKS (config) as a list. */
export const parseHealthChecks = (value: string): HealthCheck[] =>
  value.split(',').filter((c): c is HealthCheck => c === 'store' || c === 'engine' || c === 'workers');
