import { Router } from 'express';
import { OFFICE, PROCESS_ADMINS, reservedIds } from '../../camunda/identity.js';
import type { ReviewerRules } from '../../domain/assignment.js';
import type { RulesEdition } from '../../domain/edition.js';
import { shanghaiDate } from '../../domain/edition.js';
import { expertQualificationFailures, PoolExpert } from '../../domain/experts.js';
import type { Db } from '../../store/index.js';
import { findExperts, listExperts, upsertExpert } from '../../store/experts.js';
import { requireGroups, type EngineAuth } from '../auth.js';
import { parseRequest, RequestValidationError } from '../validation.js';
import { editionOnDay } from './quota.js';

/** Art. 12: the expert with whether the edition in force (its expertMinYears) allows selecting them. */
const withQualification = (rules: ReviewerRules) => (expert: PoolExpert) => {
  const qualificationFailures = expertQualificationFailures(expert, rules);
  return { ...expert, qualified: qualificationFailures.length === 0, qualificationFailures };
};

/**
 * POST /experts and GET /experts (mounted under /api): the office's expert pool, Art. 10 (4), 12, 21, 26.
 * Every expert is listed with whether Art. 12 of the edition in force today allows selecting them;
 * `?qualified=true` lists only those.
 * Only the office (and process-admins) may read or change the pool (Art. 26, issue 8 (4)).
 */
export function expertsRouter(deps: {
  db: Db;
  auth: EngineAuth;
  /** Art. 28: the edition files; the approved stored ones are added. */
  editions: readonly RulesEdition[];
  now?: () => Date;
}): Router {
  const router = Router();
  const rulesToday = () => editionOnDay(deps.db, deps.editions, shanghaiDate(deps.now?.() ?? new Date()));
  router.use('/experts', requireGroups(deps.auth, [OFFICE, PROCESS_ADMINS], '查看或维护评审专家库'));
  router.post('/experts', async (req, res) => {
    const expert = parseRequest(PoolExpert, req.body);
    // Issue 16 (6): the expert id becomes their engine account: never one of the product's own.
    if (reservedIds().has(expert.id.toLowerCase()))
      throw new RequestValidationError([
        { path: 'id', message: `专家编号 ${expert.id} 与流程平台已有的账号或组重名，请换一个编号` },
      ]);
    const rules = await rulesToday();
    const outcome = await deps.db.transaction((tx) => upsertExpert(tx, expert, 'api'));
    const [stored] = await findExperts(deps.db, [expert.id]);
    res
      .status(outcome === 'inserted' ? 201 : 200)
      .json({ outcome, expert: withQualification(rules)(stored!) });
  });
  router.get('/experts', async (req, res) => {
    const experts = (await listExperts(deps.db)).map(withQualification(await rulesToday()));
    res.json({ experts: req.query.qualified === 'true' ? experts.filter((e) => e.qualified) : experts });
  });
  return router;
}
