import { z } from 'zod';
import { cycleKey } from '../../domain/cycle.js';
import { aggregateScores, feedbackReport } from '../../domain/scoring.js';
import { assignmentsOf, isActiveAssignment } from '../../store/experts-review.js';
import { saveShortlist, scoreSheetsOf } from '../../store/reviews.js';
import { applicationFacts, applicationHistories } from '../shared/applications.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const RECORD_SHORTLIST_TOPIC = 'record-shortlist';

/**
 * Art. 18 (4) 好中选优: records the office's 现场评审名单; every application not on it receives its
 * 资料评审报告 with the improvement suggestions (one keyed e-mail per application). The shortlisted
 * ones go to their team's 组长 for the 现场评审 (Art. 11 组长负责制, 18 (5)).
 */
export const recordShortlistWorker = defineWorker({
  topic: RECORD_SHORTLIST_TOPIC,
  title: '确定现场评审名单',
  input: z.looseObject({
    year: z.coerce.string().regex(/^\d{4}$/),
    shortlistedApplications: z.array(z.string(), { error: '请选择进入现场评审的申报（第十八条第（四）项）' }),
  }),
  variables: ['year', 'shortlistedApplications'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const key = ctx.businessKey ?? cycleKey(input.year);
    const ranking = aggregateScores(await scoreSheetsOf(deps.db, key));
    const unknown = input.shortlistedApplications.filter(
      (id) => !ranking.some((r) => r.applicationId === id),
    );
    if (unknown.length > 0)
      throw new InputError(`现场评审名单中的申报未经资料评审（第十八条第（四）项）：${unknown.join('、')}`);
    const chosen = new Set(input.shortlistedApplications);
    await saveShortlist(
      deps.db,
      key,
      ranking.map((r) => ({
        applicationId: r.applicationId,
        shortlisted: chosen.has(r.applicationId),
        rank: r.rank,
        meanScore: r.mean,
      })),
    );
    const feedback = ranking.filter((x) => !chosen.has(x.applicationId));
    const histories = await applicationHistories(
      deps.engine,
      feedback.map((r) => r.applicationId),
    );
    for (const r of feedback) {
      const facts = applicationFacts(histories.get(r.applicationId));
      if (!facts.applicantEmail)
        throw new InputError(`申报 ${r.applicationId} 没有联系邮箱，无法反馈资料评审报告`);
      const result = await deps.mailer.sendOnce(ctx.effectKey(`mail:feedback:${r.applicationId}`), {
        to: [facts.applicantEmail],
        subject: `【宝山区政府质量奖】资料评审报告：${r.applicantName}`,
        text: [
          `${r.applicantName}：`,
          '',
          `您的申报（${r.applicationId}）已完成资料评审。根据《上海市宝山区政府质量奖管理办法》第十八条第（四）项，`,
          '审定委员会办公室按“好中选优”的原则确定了现场评审名单，您的申报未进入现场评审。现反馈资料评审报告如下：',
          '',
          feedbackReport(r),
          '',
          '宝山区政府质量奖审定委员会办公室',
        ].join('\n'),
      });
      ctx.log.info({ application: r.applicationId, result }, '资料评审报告已反馈');
    }
    const leads = (await assignmentsOf(deps.db, key)).filter((a) => isActiveAssignment(a) && a.lead);
    const siteVisits = ranking
      .filter((r) => chosen.has(r.applicationId))
      .map((r) => {
        const lead = leads.find((a) => a.applicationId === r.applicationId);
        if (!lead) throw new InputError(`申报 ${r.applicationId} 的评审组没有组长（第十一条）`);
        return {
          applicationId: r.applicationId,
          applicantName: r.applicantName,
          applicantKind: r.applicantKind,
          maxTotal: r.maxTotal,
          leadId: lead.expertId,
        };
      });
    return complete({ siteVisits });
  },
});
