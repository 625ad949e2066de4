import { Router } from 'express';
import { expertQualificationFailures, PoolExpert } from '../../domain/experts.js';
import type { Db } from '../../store/index.js';
import { findExperts, listExperts, upsertExpert } from '../../store/experts.js';
import { parseRequest } from '../validation.js';

const withQualification = (expert: PoolExpert) => {
  const qualificationFailures = expertQualificationFailures(expert);
  return { ...expert, qualified: qualificationFailures.length === 0, qualificationFailures };
};

/**
 * POST /experts and GET /experts (mounted under /api): the office's expert pool, Art. 10 (4), 12, 21, 26.
 * Every expert is listed with whether Art. 12 allows selecting them; `?qualified=true` lists only those.
 */
export function expertsRouter(deps: { db: Db }): Router {
  const router = Router();
  router.post('/experts', async (req, res) => {
    const expert = parseRequest(PoolExpert, req.body);
    const outcome = await deps.db.transaction((tx) => upsertExpert(tx, expert, 'api'));
    const [stored] = await findExperts(deps.db, [expert.id]);
    res.status(outcome === 'inserted' ? 201 : 200).json({ outcome, expert: withQualification(stored!) });
  });
  router.get('/experts', async (req, res) => {
    const experts = (await listExperts(deps.db)).map(withQualification);
    res.json({ experts: req.query.qualified === 'true' ? experts.filter((e) => e.qualified) : experts });
  });
  return router;
}
