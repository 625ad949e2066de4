import { Router } from 'express';
import { EligibilityRequest, checkEligibility } from '../../domain/eligibility.js';
import type { Db } from '../../store/index.js';
import { withRegistryRecords } from '../../store/registry.js';
import { parseRequest } from '../validation.js';

/** POST /eligibility/check (mounted under /api): 资格预审, Art. 2, 3, 14, 15, 16, 25; no side effects. */
export function eligibilityRouter(deps: { db: Db }): Router {
  const router = Router();
  router.post('/eligibility/check', async (req, res) => {
    const request = parseRequest(EligibilityRequest, req.body);
    const applicant = await withRegistryRecords(deps.db, request.applicant);
    res.json(checkEligibility(applicant, request.asOf));
  });
  return router;
}
