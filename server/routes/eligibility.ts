import { Router } from 'express';
import {
  EligibilityRequest,
  checkEligibility,
  type Applicant,
  type AwardRecord,
  type Sanction,
} from '../../domain/eligibility.js';
import type { Db } from '../../store/index.js';
import { findOrganizationRecords, findPersonRecords, findSanctions } from '../../store/registry.js';
import { parseRequest } from '../validation.js';

const awardKey = (a: AwardRecord) =>
  [a.level, a.category, a.year, a.title ?? '', a.revokedOn ?? ''].join('|');
const sanctionKey = (s: Sanction) => [s.type, s.date, s.description].join('|');

/** The request's records followed by those of the registry that the request does not already hold. */
function merge<T>(own: T[], registry: T[], key: (record: T) => string): T[] {
  const seen = new Set(own.map(key));
  const merged = [...own];
  for (const record of registry) {
    if (seen.has(key(record))) continue;
    seen.add(key(record));
    merged.push(record);
  }
  return merged;
}

/** Adds the registry's records of the same creditCode / idNumber (and of an individual's employer). */
export async function withRegistryRecords(db: Db, applicant: Applicant): Promise<Applicant> {
  if (applicant.kind === 'organization') {
    const registry = await findOrganizationRecords(db, applicant.creditCode);
    return {
      ...applicant,
      awards: merge(applicant.awards, registry.awards, awardKey),
      sanctions: merge(applicant.sanctions, registry.sanctions, sanctionKey),
    };
  }
  const registry = await findPersonRecords(db, applicant.idNumber);
  const employer = applicant.employer && {
    ...applicant.employer,
    sanctions: merge(
      applicant.employer.sanctions,
      await findSanctions(db, applicant.employer.creditCode),
      sanctionKey,
    ),
  };
  return {
    ...applicant,
    awards: merge(applicant.awards, registry.awards, awardKey),
    ...(employer ? { employer } : {}),
  };
}

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
