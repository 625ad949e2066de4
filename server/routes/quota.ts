import { Router } from 'express';
import { editionInForce, shanghaiDate, type RulesEdition } from '../../domain/edition.js';
import { checkQuotas, QuotaCheckRequest } from '../../domain/quota.js';
import { knownEditionsCached } from '../../store/editions.js';
import type { Queryable } from '../../store/db.js';
import { HttpError, parseRequest } from '../validation.js';

export interface QuotaRouterOptions {
  /** The store of the editions the committee approved (Art. 9 (二)). */
  db: Queryable;
  /** The edition files read at start-up. */
  editions: readonly RulesEdition[];
  now?: () => Date;
}

/**
 * The edition in force on a day among the files and the approved ones, or 422 naming the day (Art. 28).
 * The approved ones are read at most every few seconds (knownEditionsCached): the pre-check path.
 */
export async function editionOnDay(
  db: Queryable,
  files: readonly RulesEdition[],
  day: string,
): Promise<RulesEdition> {
  const edition = editionInForce(day, await knownEditionsCached(db, files));
  if (!edition)
    throw new HttpError(422, {
      error: 'edition_unavailable',
      message: `第二十八条：${day} 不在任何已审议通过的办法版本的适用期内，无法按办法核对`,
    });
  return edition;
}

/** POST /quota/check (mounted under /api): Art. 7 quotas and Art. 19 prize caps of the edition in force today. */
export function quotaRouter(opts: QuotaRouterOptions): Router {
  const router = Router();
  const now = opts.now ?? (() => new Date());
  router.post('/quota/check', async (req, res) => {
    const { awards } = parseRequest(QuotaCheckRequest, req.body);
    const edition = await editionOnDay(opts.db, opts.editions, shanghaiDate(now()));
    res.json(checkQuotas(awards, edition.quotas, edition.prizeCaps));
  });
  return router;
}
