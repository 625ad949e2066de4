import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { loadConfig, required, type Config } from '../config/config.js';
import { isMain, onShutdown, runMain } from '../config/cli.js';
import { createLogger } from '../config/logger.js';
import { createMailer } from '../mail/mailer.js';
import { openStore, type Db } from '../store/index.js';
import { WORKERS } from './registry.js';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.js';

/** Wires store, mailer and every worker to the engine; the composition root of the workers. */
export function startWorkers(cfg: Config, db: Db, smtpUrl: string, log: Logger): WorkerRuntime {
  const mailer = createMailer({ db, smtpUrl, from: cfg.MAIL_FROM });
  const runtime = startWorkerRuntime(
    WORKERS,
    { db, mailer, config: cfg },
    {
      engineUrl: cfg.ENGINE_URL,
      username: cfg.CAMUNDA_WORKER_USER,
      password: required(cfg, 'CAMUNDA_WORKER_PASSWORD'),
      // Unique per runtime: the engine lets a worker id hold one pending long poll at a time.
      workerId: `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
      maxParallelExecutions: cfg.WORKER_MAX_PARALLEL,
      maxTasks: cfg.WORKER_MAX_TASKS,
      lockDurationMs: cfg.WORKER_LOCK_MS,
      longPollMs: cfg.WORKER_LONG_POLL_MS,
      retry: { retries: cfg.WORKER_RETRIES, baseMs: cfg.WORKER_RETRY_BASE_MS },
      maxBackoffMs: cfg.WORKER_BACKOFF_MAX_MS,
      log,
      testDelayMs: cfg.WORKER_TEST_DELAY_MS,
      // Removing the idempotency key is only ever honoured in tests.
      testUnkeyedTopic: process.env.NODE_ENV === 'test' ? cfg.QA_FAULT_UNKEYED_TOPIC : undefined,
    },
  );
  return {
    async stop() {
      await runtime.stop();
      mailer.close();
    },
  };
}

/** The store for people: the PostgreSQL host and database without the password, or the embedded folder. */
function storeName(cfg: Config): string {
  if (!cfg.DATABASE_URL) return `内嵌数据库 ${cfg.dataDir}`;
  try {
    const url = new URL(cfg.DATABASE_URL);
    return `DATABASE_URL ${url.host}${url.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** `npm run workers`: the workers alone (Docker, tests); SMTP_URL and the worker account are required. */
async function main(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger(cfg.LOG_LEVEL, 'workers');
  const smtpUrl = required(cfg, 'SMTP_URL');
  required(cfg, 'CAMUNDA_WORKER_PASSWORD');
  const db = await openStore({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.dataDir }).catch(
    (err: unknown) => {
      throw new Error(`无法打开数据库（${storeName(cfg)}）：${(err as Error).message ?? String(err)}`, {
        cause: err,
      });
    },
  );
  const runtime = startWorkers(cfg, db, smtpUrl, log);
  onShutdown(async () => {
    await runtime.stop();
    await db.close();
  });
}

if (isMain(import.meta.url)) runMain(main);
