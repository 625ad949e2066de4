import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { loadConfig, required, type Config } from '../config/config.js';
import { engineRest } from '../camunda/rest.js';
import { isMain, onShutdown, runMain } from '../config/cli.js';
import { createLogger } from '../config/logger.js';
import { readEditionsDir } from '../config/editions.js';
import { createMailer } from '../mail/mailer.js';
import { openStore, type Db } from '../store/index.js';
import { probeEngine, publishHealth } from './health.js';
import { WORKERS } from './registry.js';
import { startWorkerRuntime, type WorkerRuntime } from './runtime.js';
import type { WorkerDefinition } from './worker.js';
import { OFFICE } from '../camunda/identity.js';
import { startTaskNotifier } from './task-notifier/index.js';

/** Tasklist's address for the links in task notices (TASKLIST_URL, else next to the engine's REST API). */
export function tasklistUrl(cfg: Config): string {
  if (cfg.TASKLIST_URL) return cfg.TASKLIST_URL.endsWith('/') ? cfg.TASKLIST_URL : `${cfg.TASKLIST_URL}/`;
  return `${cfg.ENGINE_URL.replace(/\/engine-rest\/?$/, '')}/camunda/app/tasklist/default/`;
}

export interface StartWorkersOptions {
  /** The worker definitions to run (default: every worker, WORKERS); the simulation wraps them. */
  workers?: readonly WorkerDefinition[];
  /** Whether task notices are mailed (default true); the simulation's no-op run sends none. */
  taskNotifier?: boolean;
}

/** Wires store, mailer and every worker to the engine; the composition root of the workers. */
export function startWorkers(
  cfg: Config,
  db: Db,
  smtpUrl: string,
  log: Logger,
  options: StartWorkersOptions = {},
): WorkerRuntime {
  const mailer = createMailer({ db, smtpUrl, from: cfg.MAIL_FROM });
  const password = required(cfg, 'CAMUNDA_WORKER_PASSWORD');
  // ENGINE_URLS: the handlers' engine calls fail over between the nodes (camunda/rest.ts).
  const engine = engineRest(cfg.engineUrls, { username: cfg.CAMUNDA_WORKER_USER, password });
  // Issue 16 (4): the narrow identity account, only for workers/shared/identity.ts and grants.ts.
  const identity = cfg.CAMUNDA_IDENTITY_PASSWORD
    ? engineRest(cfg.engineUrls, {
        username: cfg.CAMUNDA_IDENTITY_USER,
        password: cfg.CAMUNDA_IDENTITY_PASSWORD,
      })
    : undefined;
  const runtime = startWorkerRuntime(
    options.workers ?? WORKERS,
    // Handlers get the settings they read, never the passwords of the configuration; Art. 28: the
    // edition files are read once, at start-up, and passed to every worker.
    {
      db,
      mailer,
      engine,
      identity,
      config: {
        CAMUNDA_WORKER_USER: cfg.CAMUNDA_WORKER_USER,
        dataDir: cfg.dataDir,
        publicUrl: cfg.publicUrl,
      },
      editions: readEditionsDir(),
    },
    {
      engineUrl: cfg.ENGINE_URL,
      engineUrls: cfg.engineUrls,
      username: cfg.CAMUNDA_WORKER_USER,
      password,
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
  const notifier =
    (options.taskNotifier ?? true) &&
    startTaskNotifier({
      rest: engine,
      mailer,
      tasklistUrl: tasklistUrl(cfg),
      officeGroup: OFFICE,
      intervalMs: cfg.TASK_NOTIFY_INTERVAL_MS,
      remindBeforeMs: cfg.TASK_REMINDER_HOURS * 3600000,
      createdAfter: cfg.TASK_NOTIFY_CREATED_AFTER ? new Date(cfg.TASK_NOTIFY_CREATED_AFTER) : undefined,
      log: log.child({ component: 'task-notifier' }),
    });
  // Issue 16 (3): /healthz (another process under npm start) reads the workers' state from the store.
  const health = runtime.health
    ? publishHealth(db, runtime.health, log, async () => {
        // Any node that answers will do (the nodes share one database).
        let last: Awaited<ReturnType<typeof probeEngine>> | undefined;
        for (const url of cfg.engineUrls) {
          last = await probeEngine(url, cfg.CAMUNDA_WORKER_USER, password);
          if (last.status === 'ok') return last;
        }
        return last!;
      })
    : undefined;
  return {
    health: runtime.health,
    async stop() {
      if (notifier) await notifier.stop();
      await runtime.stop();
      await health?.stop();
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
  process.send?.({ ready: true }); // npm start waits for this (scripts/lib/supervisor.ts)
  onShutdown(async () => {
    await runtime.stop();
    await db.close();
  });
}

if (isMain(import.meta.url)) runMain(main);
