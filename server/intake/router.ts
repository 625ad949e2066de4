import { Router, type Request, type Response } from 'express';
import type { EngineRest } from '../../camunda/rest.js';
import { shanghaiDate } from '../../domain/edition.js';
import { applicationByToken, sha256 } from '../../store/applications.js';
import type { Db } from '../../store/index.js';
import type { EngineAuth } from '../auth.js';
import { DEFAULT_INTAKE_LIMITS, materialsReader } from '../routes/applications.js';
import type { StoredApplication } from '../../store/applications.js';
import { INTAKE_SCRIPT, intakePage } from './page.js';
import { applicationStatus, materialsPage, statusPage } from './status.js';

/** GET /apply (the intake page), /apply/intake.js and /apply/status/<token> (the applicant's status). */
export function intakePagesRouter(deps: {
  db: Db;
  /** How readers of the materials are checked (the engine's REST URL); without it /apply/materials is absent. */
  auth?: EngineAuth;
  engine?: EngineRest;
  /** The identity account: reads the experts' READ grants (Art. 26). */
  grants?: EngineRest;
  limits?: { maxFileBytes: number; maxEvidenceFiles: number };
  now?: () => Date;
  onError?: (err: unknown) => void;
}): Router {
  const router = Router();
  const limits = deps.limits ?? DEFAULT_INTAKE_LIMITS;
  router.get('/apply', (_req, res) => {
    res.type('html').send(
      intakePage({
        year: shanghaiDate((deps.now ?? (() => new Date()))()).slice(0, 4),
        maxFileMb: Math.round(limits.maxFileBytes / 1024 / 1024),
        maxEvidenceFiles: limits.maxEvidenceFiles,
      }),
    );
  });
  router.get('/apply/intake.js', (_req, res) => {
    res.type('application/javascript').send(INTAKE_SCRIPT);
  });
  router.get('/apply/status/:token', async (req, res) => {
    const token = String(req.params.token);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const app = /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? await applicationByToken(deps.db, sha256(token))
      : undefined;
    if (!app) {
      res
        .status(404)
        .type('html')
        .send(
          '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>链接无效</title><p>链接无效或已过期：请使用受理确认邮件中的完整链接。</p></html>',
        );
      return;
    }
    let status;
    if (deps.engine && app.processInstanceId)
      status = await applicationStatus(deps.engine, app.processInstanceId).catch((err: unknown) => {
        deps.onError?.(err);
        return undefined;
      });
    res.type('html').send(statusPage(app, status));
  });
  if (deps.auth) {
    // Art. 26: the materials page the score sheet links to (office, the unit, assigned experts).
    const reader = materialsReader({
      db: deps.db,
      auth: deps.auth,
      engine: deps.engine,
      grants: deps.grants,
    });
    const page = (_req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(materialsPage(res.locals.application as StoredApplication));
    };
    router.get('/apply/materials/:cycle/:id', reader, page);
    router.get('/apply/materials/:id', reader, page);
  }
  return router;
}
