import express, { type RequestHandler, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Db } from '../store/index.js';
import type { EngineAuth } from './auth.js';
import type { HealthReport } from './health.js';
import { mailRouter } from './mail-routes.js';
import { errorHandler, rejectMalformedText, requireJsonBody } from './validation.js';

/** Largest JSON body of an /api request (README, "Size limits"); a larger one is 413 payload_too_large. */
export const API_JSON_LIMIT = '1mb';

export interface AppDeps {
  db: Db;
  log: Logger;
  /** Extra routers mounted under /api by later features (eligibility, quota, calendar, ...). */
  apiRouters?: Router[];
  /** Routers of pages outside /api (the modeler). */
  pageRouters?: Router[];
  /** Requests per minute and client IP on each public POST endpoint (RATE_LIMIT_PER_MINUTE, default 60). */
  rateLimitPerMinute?: number;
  /** Reverse proxies whose X-Forwarded-For names the client (TRUST_PROXY, default 0). */
  trustProxy?: number;
  /** What /healthz checks besides the server itself (server/health.ts); without it, only readiness. */
  health?: () => Promise<HealthReport>;
  /** How /mail and /api/mail check the office's sign-in; without it they refuse everyone. */
  auth?: EngineAuth;
}

/** Default of RATE_LIMIT_PER_MINUTE (config/config.ts). */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60;

/**
 * The public endpoints anyone may POST to (issue 8 (4)): each gets its own budget per client IP.
 * Mounted by path, so a router added later (objections) is limited without editing it; a new public
 * POST endpoint (an intake API) is added to this list.
 */
export const RATE_LIMITED_POSTS = [
  '/api/eligibility/check',
  '/api/performance-reports',
  '/api/objections',
  '/api/account/set-password',
  '/api/applications',
] as const;

/** An IPv4 address as a dual-stack server sees it (::ffff:1.2.3.4). */
const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The limiter's key: the client's IPv4 address, or its IPv6 /56 network (ipKeyGenerator). The same
 * keys as the library's default; an IPv4 client of a server listening on :: is keyed without parsing
 * its address as IPv6 on every request (issue 18 item 4). No address at all: one shared budget.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = MAPPED_IPV4.exec(ip);
  return mapped ? mapped[1]! : ipKeyGenerator(ip);
}

/** One limiter per endpoint; the refusal is JSON with a Chinese message and Retry-After. */
function postLimiter(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.method !== 'POST',
    keyGenerator: (req) => clientKey(req.ip),
    // The library cannot see through clientKey that IPv6 addresses go through its ipKeyGenerator.
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, res) => {
      res.status(429).json({
        error: 'too_many_requests',
        message: `请求过于频繁：每个客户端每分钟最多 ${limit} 次，请稍后再试`,
      });
    },
  });
}

/**
 * Security headers on every answer (helmet). The modeler page loads only its own script and
 * stylesheet; bpmn-js sets inline styles and draws data:/blob: images, so those are allowed. No
 * upgrade-insecure-requests: the product also runs on plain http on the office's own machine.
 */
function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    // Plain http on a local machine must keep working; HTTPS deployments set HSTS at their proxy.
    strictTransportSecurity: false,
  });
}

/**
 * /api paths whose routers parse their own bodies: POST /api/objections takes multipart evidence
 * uploads and JSON with base64 files above the 1 MB default (server/routes/objections.ts sets its limits).
 */
export const OWN_BODY_PATHS: readonly string[] = ['/objections', '/applications'];

const unlessOwnBody =
  (middleware: RequestHandler): RequestHandler =>
  (req, res, next) =>
    OWN_BODY_PATHS.includes(req.path.replace(/(.)\/+$/, '$1')) ? next() : middleware(req, res, next);

/** Builds the express application; main.ts decides where it listens. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy) app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders());
  const limit = deps.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE;
  for (const path of RATE_LIMITED_POSTS) app.use(path, postLimiter(limit));
  // Only /api parses JSON here: page routers parse their own bodies with their own limits (the
  // modeler takes diagrams up to 5 MB), which a global 1 MB parser in front of them would cut off.
  app.use(
    '/api',
    unlessOwnBody(requireJsonBody),
    unlessOwnBody(express.json({ limit: API_JSON_LIMIT, type: ['application/json', 'application/*+json'] })),
    rejectMalformedText,
  );

  let ready = true;
  app.get('/healthz', (_req, res, next) => {
    if (!ready || !deps.health) {
      res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'stopping' });
      return;
    }
    // Issue 16 (3): degraded (engine, store or workers not working) is not ok.
    deps
      .health()
      .then((report) =>
        res
          .status(report.ok ? 200 : 503)
          .json({ status: report.ok ? 'ok' : 'degraded', components: report.components }),
      )
      .catch(next);
  });
  app.locals.setReady = (value: boolean) => {
    ready = value;
  };

  app.use(mailRouter(deps.db, deps.auth));
  for (const router of deps.apiRouters ?? []) app.use('/api', router);
  for (const router of deps.pageRouters ?? []) app.use(router);

  app.use('/api', (req, res) => {
    res.status(404).json({ error: 'not_found', message: `没有这个接口：${req.method} ${req.originalUrl}` });
  });
  app.use(errorHandler((err) => deps.log.error({ err }, 'unexpected error in request')));
  return app;
}
