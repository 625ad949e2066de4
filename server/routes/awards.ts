import { Router } from 'express';
import { z } from 'zod';
import { OFFICE, PROCESS_ADMINS } from '../../camunda/identity.js';
import { awardsOfYear, expertProposals } from '../../store/awards.js';
import type { Db } from '../../store/index.js';
import { requireGroups, type EngineAuth } from '../auth.js';
import { parseRequest } from '../validation.js';

const YearQuery = z.object({
  year: z.coerce
    .number({ error: 'year 应为年份' })
    .int('year 应为年份')
    .min(1900, 'year 应在 1900–2999 之间')
    .max(2999, 'year 应在 1900–2999 之间')
    .optional(),
});

/**
 * GET /awards?year= (Art. 18 (8), 21): the awards the district government announced, with document
 * number and date — the winners recommended with priority to the municipal award; and
 * GET /awards/expert-proposals?year= (Art. 21): winning individuals and organizations' executives
 * proposed to the expert pool (not yet members: Art. 12 applies when the office adds them). Office only.
 */
export function awardsRouter(deps: { db: Db; auth: EngineAuth }): Router {
  const router = Router();
  const office = requireGroups(deps.auth, [OFFICE, PROCESS_ADMINS], '查看获奖名单');
  router.get('/awards', office, async (req, res) => {
    const { year } = parseRequest(YearQuery, req.query);
    const awards = await awardsOfYear(deps.db, year);
    res.json({
      year: year ?? null,
      awards,
      municipalRecommendation: awards.map((a) => ({
        applicationId: a.applicationId,
        applicantName: a.applicantName,
        title: a.title,
        awardYear: a.awardYear,
      })),
    });
  });
  router.get('/awards/expert-proposals', office, async (req, res) => {
    const { year } = parseRequest(YearQuery, req.query);
    res.json({ year: year ?? null, proposals: await expertProposals(deps.db, year) });
  });
  return router;
}
