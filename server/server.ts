import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { engineRest, type Credentials, type EngineUrls } from '../camunda/rest.js';
import { createMailer } from '../mail/mailer.js';
import { readEditionsDir } from '../config/editions.js';
import type { RulesEdition } from '../domain/edition.js';
import type { Db } from '../store/index.js';
import { engineVerifier, guardedVerifier, signInGuard } from './auth.js';
import { createApp } from './app.js';
import { healthReporter, type HealthCheck } from './health.js';
import type { AssignmentLimits } from './routes/assignment.js';
import { apiRouters } from './routes/index.js';
import { modelerRouter } from './routes/modeler.js';
import { officePageRouter } from './office/page.js';
import { intakePagesRouter } from './intake/router.js';
import type { ApplicationsDeps } from './routes/applications.js';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on port; a port in use is an error that names it. */
export async function startServer(opts: {
  port: number;
  db: Db;
  log: Logger;
  /** The engine's REST API (every node's, ENGINE_URLS): sign-in, the modeler, objections, /healthz. */
  engineUrl: EngineUrls;
  /** RATE_LIMIT_PER_MINUTE and TRUST_PROXY (config/config.ts); defaults when absent. */
  rateLimitPerMinute?: number;
  trustProxy?: number;
  /** The workers' service account: POST /api/objections correlates into the cycle with it. */
  serviceAccount?: Credentials;
  /** Issue 16 (4): the narrow identity account: only the invited experts' accounts use it. */
  identityAccount?: Credentials;
  /** SMTP for the server's own mail (expert invitations, intake confirmations) and its sender; without it none is sent. */
  smtpUrl?: string;
  mailFrom?: string;
  /** PUBLIC_URL: where people reach the server (links in e-mails). */
  publicUrl?: string;
  /** Art. 28: the edition files; read from editions/ at start-up when not given. */
  editions?: readonly RulesEdition[];
  /** The intake (issue 14): file limits, PUBLIC_URL and the confirmation mailer. */
  intake?: Omit<ApplicationsDeps, 'db' | 'auth' | 'engine'>;
  /**
   * Accounts refused on office pages and APIs before the engine is asked (the engine admin, the
   * identity account …); the workers' account is always among them.
   */
  serviceAccounts?: string[];
  /** What /healthz checks (HEALTH_CHECKS); the store by default. */
  healthChecks?: HealthCheck[];
  /** ASSIGNMENT_MAX_APPLICATIONS, ASSIGNMENT_MAX_EXPERTS, ASSIGNMENT_TIME_BUDGET_MS; defaults when absent. */
  assignmentLimits?: AssignmentLimits;
}): Promise<RunningServer> {
  const mailer =
    opts.smtpUrl && opts.mailFrom
      ? createMailer({ db: opts.db, smtpUrl: opts.smtpUrl, from: opts.mailFrom })
      : undefined;
  const editions = opts.editions ?? readEditionsDir();
  const engine = opts.serviceAccount && engineRest(opts.engineUrl, opts.serviceAccount);
  const guard = signInGuard({
    serviceAccounts: [
      ...(opts.serviceAccounts ?? []),
      ...(opts.serviceAccount ? [opts.serviceAccount.username] : []),
      ...(opts.identityAccount ? [opts.identityAccount.username] : []),
    ],
  });
  const auth = guardedVerifier(engineVerifier(opts.engineUrl), guard);
  const app = createApp({
    db: opts.db,
    log: opts.log,
    apiRouters: apiRouters({
      db: opts.db,
      auth,
      engine,
      serviceAccount: opts.serviceAccount,
      identityEngine: opts.identityAccount && engineRest(opts.engineUrl, opts.identityAccount),
      identityAccount: opts.identityAccount,
      mailer,
      publicUrl: opts.publicUrl,
      editions,
      intake: opts.intake,
      assignmentLimits: opts.assignmentLimits,
    }),
    pageRouters: [
      modelerRouter({ engineUrl: opts.engineUrl, db: opts.db, auth }),
      officePageRouter(),
      intakePagesRouter({
        db: opts.db,
        auth,
        engine,
        grants: opts.identityAccount && engineRest(opts.engineUrl, opts.identityAccount),
        limits: opts.intake?.limits,
        onError: (err) => opts.log.warn({ err }, 'application status unavailable'),
      }),
    ],
    rateLimitPerMinute: opts.rateLimitPerMinute,
    trustProxy: opts.trustProxy,
    auth,
    health: healthReporter({
      db: opts.db,
      engineUrl: opts.engineUrl,
      checks: opts.healthChecks ?? ['store'],
    }),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.port);
    s.once('listening', () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`端口 ${opts.port} 已被占用（PORT），请换一个端口或停止占用它的程序`)
          : err,
      ),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        (app.locals.setReady as (v: boolean) => void)(false);
        server.close(() => {
          mailer?.close();
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
