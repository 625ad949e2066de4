import { Router } from 'express';
import { OFFICE, PROCESS_ADMINS } from '../../camunda/identity.js';
import { z } from 'zod';
import { PerformanceReport } from '../../domain/post-award.js';
import type { Db } from '../../store/index.js';
import {
  performanceReportsOf,
  reportLinkHolder,
  storePerformanceReport,
} from '../../store/performance-reports.js';
import { requireGroups, type EngineAuth } from '../auth.js';
import { HttpError, parseRequest } from '../validation.js';

/** The token of a report link: 32 random bytes, base64url (store/performance-reports.ts). */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const refused = () =>
  new HttpError(403, {
    error: 'report_link_required',
    message: '第二十三条：质量绩效表须通过报送通知邮件中的专属链接报送；链接无效或与获奖者不符',
  });

/** The holder and award of a valid link token, or a 403 in Chinese. */
async function linkHolder(db: Db, token: unknown): Promise<{ holderKey: string; awardYear: number }> {
  if (typeof token !== 'string' || !LINK_TOKEN.test(token)) throw refused();
  const holder = await reportLinkHolder(db, token);
  if (!holder) throw refused();
  return holder;
}

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
 * office's 质量绩效表登记 task of award-post-monitoring reads them from the store. Submitting needs the
 * per-holder secret token of the request e-mail's link (issue 16; `token` in the body, checked before
 * anything else: 403 without it, with an unknown one or one of another holder or award) and is
 * rate-limited in app.ts; GET /performance-reports/link?token= tells the form page whose link it is.
 * Reading the reports is for the office (and process-admins) only; the office's paper entry goes
 * through its Tasklist task (workers/performance-reports).
 */
export function performanceReportsRouter(deps: { db: Db; auth: EngineAuth }): Router {
  const router = Router();
  router.post('/performance-reports', async (req, res) => {
    const holder = await linkHolder(deps.db, (req.body as { token?: unknown } | undefined)?.token);
    // The schema keeps only the report's own fields (the token is not stored).
    const report = parseRequest(PerformanceReport, req.body);
    if (report.holderKey !== holder.holderKey || report.awardYear !== holder.awardYear) throw refused();
    const stored = await storePerformanceReport(deps.db, report, 'api');
    res.status(201).json({ report: stored });
  });
  router.get('/performance-reports/link', async (req, res) => {
    res.json(await linkHolder(deps.db, req.query.token));
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
