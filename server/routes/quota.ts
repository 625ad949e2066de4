import { Router } from 'express';
import { EDITION_2023, editionInForce, type RulesEdition } from '../../domain/edition.js';
import { checkQuotas, QuotaCheckRequest } from '../../domain/quota.js';
import { parseRequest } from '../validation.js';

export interface QuotaRouterOptions {
  /** The rules edition to check against; by default the one in force today, else the 2023 办法. */
  edition?: RulesEdition;
  now?: () => Date;
}

/** POST /quota/check (mounted under /api): Art. 7 quotas and Art. 19 prize caps, no side effects. */
export function quotaRouter(opts: QuotaRouterOptions = {}): Router {
  const router = Router();
  const now = opts.now ?? (() => new Date());
  router.post('/quota/check', (req, res) => {
    const { awards } = parseRequest(QuotaCheckRequest, req.body);
    const edition = opts.edition ?? editionInForce(now()) ?? EDITION_2023;
    res.json(checkQuotas(awards, edition.quotas, edition.prizeCaps));
  });
  return router;
}
