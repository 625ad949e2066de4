import { loadConfig } from '../config/config.js';
import { isMain, onShutdown, runMain } from '../config/cli.js';
import { createLogger } from '../config/logger.js';
import { openStore } from '../store/index.js';
import { startServer } from './server.js';

/** `npm run server`: only the web server, with the embedded store unless DATABASE_URL is set. */
async function main(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger(cfg.LOG_LEVEL, 'server');
  const db = await openStore({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.dataDir });
  const server = await startServer({
    port: cfg.PORT,
    db,
    log,
    engineUrl: cfg.ENGINE_URL,
    rateLimitPerMinute: cfg.RATE_LIMIT_PER_MINUTE,
    trustProxy: cfg.TRUST_PROXY,
    assignmentLimits: {
      maxApplications: cfg.ASSIGNMENT_MAX_APPLICATIONS,
      maxExperts: cfg.ASSIGNMENT_MAX_EXPERTS,
      timeBudgetMs: cfg.ASSIGNMENT_TIME_BUDGET_MS,
    },
    serviceAccount: cfg.CAMUNDA_WORKER_PASSWORD
      ? { username: cfg.CAMUNDA_WORKER_USER, password: cfg.CAMUNDA_WORKER_PASSWORD }
      : undefined,
  }).catch(async (err: unknown) => {
    await db.close();
    throw err;
  });
  log.info(`服务已启动：http://localhost:${server.port}`);
  onShutdown(async () => {
    await server.close();
    await db.close();
  });
}

if (isMain(import.meta.url)) runMain(main);
