import { z } from 'zod';
import { saveReviewReport } from '../../store/reviews.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const RECORD_SITE_REVIEW_TOPIC = 'record-site-review';

const report = (label: string, article: string) =>
  z
    .string({ error: `缺少${label}（${article}）` })
    .trim()
    .min(2, `${label}至少 2 个字（${article}）`)
    .max(8000, `${label}不超过 8000 字`);

export const SiteReviewInput = z
  .looseObject({
    reviewApplicationId: z.string().min(1),
    reviewerId: z.string().min(1),
    reviewMaxTotal: z.coerce.number().int().positive(),
    siteScore: z.coerce.number({ error: '现场评审得分应为数字（第十八条第（五）项）' }),
    siteReport: report('现场评审报告', '第十八条第（五）项'),
    evaluationReport: report('综合评价报告', '第十八条第（六）项'),
  })
  .refine((v) => v.siteScore >= 0 && v.siteScore <= v.reviewMaxTotal, {
    path: ['siteScore'],
    message: '现场评审得分超出评分范围（第十七条、第十八条第（五）项）',
  });

/** Art. 18 (5), (6): stores the 组长's 现场评审报告 with its on-site score and the 综合评价报告. */
export const recordSiteReviewWorker = defineWorker({
  topic: RECORD_SITE_REVIEW_TOPIC,
  title: '登记现场评审与综合评价报告',
  input: SiteReviewInput,
  variables: [
    'reviewApplicationId',
    'reviewerId',
    'reviewMaxTotal',
    'siteScore',
    'siteReport',
    'evaluationReport',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const cycleKey = ctx.businessKey;
    if (!cycleKey) throw new InputError('评审周期缺少业务键（cycle-<年度>）');
    await saveReviewReport(deps.db, cycleKey, {
      applicationId: input.reviewApplicationId,
      leadExpertId: input.reviewerId,
      siteScore: input.siteScore,
      siteReport: input.siteReport,
      evaluationReport: input.evaluationReport,
    });
    return complete();
  },
});
