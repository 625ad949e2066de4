import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { engineRest, type Credentials } from '../camunda/rest.js';
import type { Db } from '../store/index.js';
import { createApp } from './app.js';
import type { AssignmentLimits } from './routes/assignment.js';
import { apiRouters } from './routes/index.js';
import { modelerRouter } from './routes/modeler.js';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Listens on port; a port in use is an error that names it. */
export async function startServer(opts: {
  port: number;
  db: Db;
  log: Logger;
  /** The engine's REST API, for the modeler's deployed versions and deploy action. */
  engineUrl: string;
  /** RATE_LIMIT_PER_MINUTE and TRUST_PROXY (config/config.ts); defaults when absent. */
  rateLimitPerMinute?: number;
  trustProxy?: number;
  /** The workers' service account: POST /api/objections correlates into the cycle with it. */
  serviceAccount?: Credentials;
  /** ASSIGNMENT_MAX_APPLICATIONS, ASSIGNMENT_MAX_EXPERTS, ASSIGNMENT_TIME_BUDGET_MS; defaults when absent. */
  assignmentLimits?: AssignmentLimits;
}): Promise<RunningServer> {
  const app = createApp({
    db: opts.db,
    log: opts.log,
    apiRouters: apiRouters({
      db: opts.db,
      auth: opts.engineUrl,
      engine: opts.serviceAccount && engineRest(opts.engineUrl, opts.serviceAccount),
      assignmentLimits: opts.assignmentLimits,
    }),
    pageRouters: [modelerRouter({ engineUrl: opts.engineUrl, db: opts.db })],
    rateLimitPerMinute: opts.rateLimitPerMinute,
    trustProxy: opts.trustProxy,
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
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
