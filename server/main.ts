import { loadConfig } from '../config/config.js';
import { isMain, onShutdown, runMain } from '../config/cli.js';
import { createLogger } from '../config/logger.js';
import { openStore } from '../store/index.js';
import { parseHealthChecks } from './health.js';
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
    engineUrl: cfg.engineUrls,
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
    identityAccount: cfg.CAMUNDA_IDENTITY_PASSWORD
      ? { username: cfg.CAMUNDA_IDENTITY_USER, password: cfg.CAMUNDA_IDENTITY_PASSWORD }
      : undefined,
    // The local SMTP sink of npm start unless SMTP_URL names a real server.
    smtpUrl: cfg.SMTP_URL ?? `smtp://localhost:${cfg.MAIL_SINK_PORT}`,
    mailFrom: cfg.MAIL_FROM,
    publicUrl: cfg.publicUrl,
    intake: {
      limits: {
        maxFileBytes: cfg.INTAKE_MAX_FILE_MB * 1024 * 1024,
        maxEvidenceFiles: cfg.INTAKE_MAX_EVIDENCE_FILES,
      },
      publicUrl: cfg.publicUrl,
      onMailError: (err) => log.warn({ err }, 'confirmation e-mail not sent yet'),
    },
    serviceAccounts: [cfg.CAMUNDA_ADMIN_USER, cfg.CAMUNDA_WORKER_USER, cfg.CAMUNDA_IDENTITY_USER],
    healthChecks: parseHealthChecks(cfg.HEALTH_CHECKS),
  }).catch(async (err: unknown) => {
    await db.close();
    throw err;
  });
  log.info(`服务已启动：http://localhost:${server.port}`);
  process.send?.({ ready: true }); // npm start waits for this (scripts/lib/supervisor.ts)
  onShutdown(async () => {
    await server.close();
    await db.close();
  });
}

if (isMain(import.meta.url)) runMain(main);
