import { z } from 'zod';
import { cycleKey } from '../../domain/cycle.js';
import { aggregateScores, rankingText } from '../../domain/scoring.js';
import { reviewReportsOf, scoreSheetsOf, shortlistOf } from '../../store/reviews.js';
import { complete, defineWorker } from '../worker.js';

export const AGGREGATE_SCORES_TOPIC = 'aggregate-scores';

/**
 * Art. 18 (4)-(6): ranks the cycle's applications by the team mean of the 资料评审 totals (per
 * category too) and flags reviewers who deviate strongly. After the 现场评审 and 综合评价 the same
 * worker adds the office's 现场评审名单 and the reports: the input of the 建议名单 (Art. 18 (6)).
 */
export const aggregateScoresWorker = defineWorker({
  topic: AGGREGATE_SCORES_TOPIC,
  title: '汇总评审结果',
  input: z.looseObject({ year: z.coerce.string().regex(/^\d{4}$/) }),
  variables: ['year'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const key = ctx.businessKey ?? cycleKey(input.year);
    const ranking = aggregateScores(await scoreSheetsOf(deps.db, key));
    const shortlist = new Map((await shortlistOf(deps.db, key)).map((s) => [s.applicationId, s.shortlisted]));
    const reports = new Map((await reviewReportsOf(deps.db, key)).map((r) => [r.applicationId, r]));
    const summary = ranking.map((r) => {
      const report = reports.get(r.applicationId);
      return {
        rank: r.rank,
        applicationId: r.applicationId,
        applicantName: r.applicantName,
        applicantKind: r.applicantKind,
        documentScore: r.mean,
        maxTotal: r.maxTotal,
        categoryMeans: r.categoryMeans,
        deviatingReviewers: r.deviating,
        shortlisted: shortlist.get(r.applicationId) ?? false,
        ...(report
          ? {
              siteScore: report.siteScore,
              siteReport: report.siteReport,
              evaluationReport: report.evaluationReport,
            }
          : {}),
      };
    });
    const text = rankingText(ranking);
    ctx.log.info({ cycleKey: key, applications: ranking.length }, '评审结果已汇总');
    return complete({
      reviewSummary: summary,
      scoreRankingText: text,
      shortlistOptions: ranking.map((r) => ({
        label: `${r.rank}. ${r.applicantName}（${r.mean} / ${r.maxTotal} 分）`,
        value: r.applicationId,
      })),
    });
  },
});
