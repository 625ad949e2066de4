import { Router } from 'express';
import type { RulesEdition } from '../../domain/edition.js';
import { EligibilityRequest, checkEligibility } from '../../domain/eligibility.js';
import type { Db } from '../../store/index.js';
import { withRegistryRecords } from '../../store/registry.js';
import { parseRequest } from '../validation.js';
import { editionOnDay } from './quota.js';

/**
 * POST /eligibility/check (mounted under /api): 资格预审, Art. 2, 3, 14, 15, 16, 25, with the numbers of
 * the edition in force on asOf (Art. 28; 422 when none is); no side effects.
 */
export function eligibilityRouter(deps: { db: Db; editions: readonly RulesEdition[] }): Router {
  const router = Router();
  router.post('/eligibility/check', async (req, res) => {
    const request = parseRequest(EligibilityRequest, req.body);
    const edition = await editionOnDay(deps.db, deps.editions, request.asOf);
    const applicant = await withRegistryRecords(deps.db, request.applicant);
    res.json(checkEligibility(applicant, request.asOf, edition.eligibility));
  });
  return router;
}
