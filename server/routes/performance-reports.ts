import { Router } from 'express';
import { OFFICE, PROCESS_ADMINS } from '../../camunda/identity.js';
import { z } from 'zod';
import { PerformanceReport } from '../../domain/post-award.js';
import type { Db } from '../../store/index.js';
import { performanceReportsOf, storePerformanceReport } from '../../store/performance-reports.js';
import { requireGroups, type EngineAuth } from '../auth.js';
import { parseRequest } from '../validation.js';

const ReportsQuery = z.object({
  holderKey: z.string({ error: '缺少 holderKey' }).trim().min(1, 'holderKey 不能为空').max(40),
  awardYear: z.coerce
    .number({ error: 'awardYear 应为年份' })
    .int('awardYear 应为年份')
    .min(1900, 'awardYear 应在 1900–2999 之间')
    .max(2999, 'awardYear 应在 1900–2999 之间'),
});

/**
 * POST /performance-reports and GET /performance-reports?holderKey=&awardYear= (mounted under /api):
 * Art. 23, the winner's yearly 《宝山区政府质量奖质量绩效表》. Every submission is stored; the
 * office's 质量绩效表登记 task of award-post-monitoring reads them from the store. Submitting is public
 * (rate-limited in app.ts); reading is for the office (and process-admins) only.
 */
export function performanceReportsRouter(deps: { db: Db; auth: EngineAuth }): Router {
  const router = Router();
  router.post('/performance-reports', async (req, res) => {
    const report = parseRequest(PerformanceReport, req.body);
    const stored = await storePerformanceReport(deps.db, report, 'api');
    res.status(201).json({ report: stored });
  });
  router.get(
    '/performance-reports',
    requireGroups(deps.auth, [OFFICE, PROCESS_ADMINS], '查看质量绩效表'),
    async (req, res) => {
      const query = parseRequest(ReportsQuery, req.query);
      res.json({ reports: await performanceReportsOf(deps.db, query.holderKey, query.awardYear) });
    },
  );
  return router;
}
