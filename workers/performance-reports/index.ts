import { z } from 'zod';
import {
  describeReports,
  performanceReportsOf,
  storePerformanceReport,
} from '../../store/performance-reports.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const PERFORMANCE_REPORTS_TOPIC = 'performance-reports';

/**
 * Art. 23: `load` shows the office every 质量绩效表 stored for the period (submitted through
 * POST /api/performance-reports); `record` first stores the one the office entered in its task
 * (once per task execution), then shows them.
 */
export const performanceReportsWorker = defineWorker({
  topic: PERFORMANCE_REPORTS_TOPIC,
  title: '登记与读取质量绩效表',
  input: z.looseObject({
    reportAction: z.enum(['load', 'record']),
    holderKey: z.string().trim().min(1),
    holderName: z.string().trim().min(1),
    awardYear: z.coerce.number().int().min(1900).max(2999),
    reportPeriod: z.coerce.number().int().min(1),
    reportYear: z.coerce.number().int().min(1900).max(2999),
    reportSummary: z.string().nullish(),
  }),
  variables: [
    'reportAction',
    'holderKey',
    'holderName',
    'awardYear',
    'reportPeriod',
    'reportYear',
    'reportSummary',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    if (input.reportAction === 'record') {
      const summary = (input.reportSummary ?? '').trim();
      if (summary.length < 2) throw new InputError('第二十三条：办公室代为登记的质量绩效表缺少绩效概述');
      await storePerformanceReport(
        deps.db,
        {
          holderKey: input.holderKey,
          holderName: input.holderName,
          awardYear: input.awardYear,
          period: input.reportPeriod,
          reportYear: input.reportYear,
          summary,
          indicators: {},
        },
        'office',
        ctx.effectId('performance-report'),
      );
    }
    const reports = await performanceReportsOf(deps.db, input.holderKey, input.awardYear, input.reportPeriod);
    return complete({
      reportReceived: reports.length > 0,
      performanceReportCount: reports.length,
      performanceReportsText: describeReports(reports),
    });
  },
});
