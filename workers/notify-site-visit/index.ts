import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar.js';
import { assignmentsOf, isActiveAssignment } from '../../store/experts-review.js';
import { applicationFacts, applicationHistories } from '../shared/applications.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const NOTIFY_SITE_VISIT_TOPIC = 'notify-site-visit';

export const SiteVisitInput = z.looseObject({
  reviewApplicationId: z.string().min(1),
  reviewApplicantName: z.string().min(1),
  siteVisitDate: z
    .string({ error: '缺少现场评审日期' })
    .refine((d) => isIsoDate(d.slice(0, 10)), '现场评审日期应为 YYYY-MM-DD'),
  siteVisitPlace: z.string({ error: '缺少现场评审地点' }).trim().min(2, '现场评审地点至少 2 个字'),
});

/**
 * Art. 18 (5): e-mails the office's schedule of one 现场评审 (date and place) once to the review
 * team (the members who did not withdraw, Art. 26) and to the applicant.
 */
export const notifySiteVisitWorker = defineWorker({
  topic: NOTIFY_SITE_VISIT_TOPIC,
  title: '通知现场评审安排',
  input: SiteVisitInput,
  variables: ['reviewApplicationId', 'reviewApplicantName', 'siteVisitDate', 'siteVisitPlace'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const key = ctx.businessKey;
    if (!key) throw new InputError('评审周期缺少业务键（cycle-<年度>）');
    const date = input.siteVisitDate.slice(0, 10);
    const team = (await assignmentsOf(deps.db, key)).filter(
      (a) => a.applicationId === input.reviewApplicationId && isActiveAssignment(a),
    );
    const rest = deps.engine;
    const ids = team.map((a) => a.expertId);
    const users = ids.length ? await rest.get(`/user?idIn=${ids.map(encodeURIComponent).join(',')}`) : [];
    const teamEmails = users.map((u) => u.email ?? '').filter((e) => e.includes('@'));
    const applicant = applicationFacts(
      (await applicationHistories(rest, [input.reviewApplicationId])).get(input.reviewApplicationId),
    );
    const text = (to: string) =>
      [
        `${to}：`,
        '',
        `根据《上海市宝山区政府质量奖管理办法》第十八条第（五）项，审定委员会办公室安排对申报 ${input.reviewApplicationId}（${input.reviewApplicantName}）进行现场评审：`,
        '',
        `日期：${date}`,
        `地点：${input.siteVisitPlace}`,
        '',
        '宝山区政府质量奖审定委员会办公室',
      ].join('\n');
    const subject = `【宝山区政府质量奖】现场评审安排：${input.reviewApplicantName}`;
    if (teamEmails.length > 0)
      await deps.mailer.sendOnce(ctx.effectKey('mail:site-visit:team'), {
        to: teamEmails,
        subject,
        text: text('评审组各位专家'),
      });
    else ctx.log.warn({ application: input.reviewApplicationId }, '评审组没有登记邮箱，现场评审安排未发送');
    if (applicant.applicantEmail)
      await deps.mailer.sendOnce(ctx.effectKey('mail:site-visit:applicant'), {
        to: [applicant.applicantEmail],
        subject,
        text: text(input.reviewApplicantName),
      });
    else ctx.log.warn({ application: input.reviewApplicationId }, '申报没有联系邮箱，现场评审安排未发送');
    return complete();
  },
});
