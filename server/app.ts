import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Db } from '../store/index.js';
import { mailRouter } from './mail-routes.js';
import { errorHandler, requireJsonBody } from './validation.js';

/** Largest JSON body of an /api request (README, "Size limits"); a larger one is 413 payload_too_large. */
export const API_JSON_LIMIT = '1mb';

export interface AppDeps {
  db: Db;
  log: Logger;
  /** Extra routers mounted under /api by later features (eligibility, quota, calendar, ...). */
  apiRouters?: Router[];
  /** Routers of pages outside /api (the modeler). */
  pageRouters?: Router[];
}

/** Builds the express application; main.ts decides where it listens. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Only /api parses JSON here: page routers parse their own bodies with their own limits (the
  // modeler takes diagrams up to 5 MB), which a global 1 MB parser in front of them would cut off.
  app.use(
    '/api',
    requireJsonBody,
    express.json({ limit: API_JSON_LIMIT, type: ['application/json', 'application/*+json'] }),
  );

  let ready = true;
  app.get('/healthz', (_req, res) => {
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'stopping' });
  });
  app.locals.setReady = (value: boolean) => {
    ready = value;
  };

  app.use(mailRouter(deps.db));
  for (const router of deps.apiRouters ?? []) app.use('/api', router);
  for (const router of deps.pageRouters ?? []) app.use(router);

  app.use('/api', (req, res) => {
    res.status(404).json({ error: 'not_found', message: `没有这个接口：${req.method} ${req.originalUrl}` });
  });
  app.use(errorHandler((err) => deps.log.error({ err }, 'unexpected error in request')));
  return app;
}
