import path from 'node:path';
import { z } from 'zod';
import { calendarOf, chineseDaysSource, isIsoDate } from '../../domain/calendar.js';
import { defaultCalendarDir, directorySource } from '../../store/calendar-files.js';
import { planPublicity, publicityNoticeText, publicityStartDay } from '../../domain/decision.js';
import { shanghaiDate } from '../../domain/edition.js';
import { cycleEdition } from '../shared/rules-edition.js';
import { recommenderGroup, findUnit } from '../../domain/units.js';
import { parseAwardList } from '../../domain/awards.js';
import { emailsOfGroup } from '../shared/identity.js';
import { applicationHistories, applicationRecord } from '../shared/applications.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const PLAN_PUBLICITY_TOPIC = 'plan-publicity';

export const PlanPublicityInput = z.looseObject({
  year: z.coerce.string().regex(/^\d{4}$/),
  awards: z.unknown(),
  publicityWorkingDays: z.coerce
    .number({ error: '参数 publicityWorkingDays（公示工作日数）应为数字' })
    .int('参数 publicityWorkingDays（公示工作日数）应为整数'),
  /**
   * Art. 18 (7): the office may fix the start (form award-proposal); otherwise the 公示 starts on the
   * next working day after the approval (the day this task runs, Shanghai).
   */
  publicityStartDate: z
    .string()
    .refine(isIsoDate, '公示开始日期 publicityStartDate 应为 YYYY-MM-DD')
    .nullish(),
});

/**
 * Art. 18 (7) 公示: computes the period of at least the edition's minimum of working days (official
 * Chinese calendar: the office's calendar/<year>.json, then <DATA_DIR>/calendar/<year>.json, then the
 * chinese-days package), writes the notice from the approved list and e-mails it once to each
 * applicant on the list and to the accounts of their recommending units.
 */
export const planPublicityWorker = defineWorker({
  topic: PLAN_PUBLICITY_TOPIC,
  title: '拟获奖名单公示',
  input: PlanPublicityInput,
  variables: ['year', 'awards', 'publicityWorkingDays', 'publicityStartDate', 'rulesEdition'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const list = parseAwardList(input.awards);
    if (!list.ok) throw new InputError(`获奖名单无效：${list.problems.join('；')}`);
    // Art. 18 (7), 28: the minimum of the edition the cycle recorded, never a fallback.
    const edition = await cycleEdition(input.rulesEdition, ctx, deps);
    const calendar = calendarOf(
      directorySource(defaultCalendarDir()),
      directorySource(path.join(deps.config.dataDir, 'calendar')),
      chineseDaysSource(),
    );
    let plan;
    try {
      const approvedOn = shanghaiDate(new Date());
      const { start, passedOfficeDate } = publicityStartDay(approvedOn, input.publicityStartDate, calendar);
      if (passedOfficeDate)
        ctx.log.warn(
          { passedOfficeDate, start },
          '办公室设定的公示开始日期不晚于批准日，改为批准后的下一个工作日',
        );
      plan = planPublicity(start, input.publicityWorkingDays, edition.publicityMinWorkingDays, calendar);
    } catch (err) {
      // A parameter below the 办法 or a year without a schedule: the administrator must fix it.
      throw new InputError((err as Error).message);
    }
    const text = publicityNoticeText({ year: input.year, awards: list.awards, plan });
    const rest = deps.engine;
    const subject = `【宝山区政府质量奖】${input.year} 年度拟获奖名单公示`;
    const units = new Set<string>();
    const histories = await applicationHistories(
      rest,
      list.awards.map((a) => a.applicationId),
    );
    for (const award of list.awards) {
      const record = applicationRecord(histories.get(award.applicationId));
      if (record.recommendingUnit) units.add(record.recommendingUnit);
      const email = award.email ?? record.applicantEmail;
      if (!email) {
        ctx.log.warn({ application: award.applicationId }, '获奖申报没有联系邮箱，公示通知未发送');
        continue;
      }
      await deps.mailer.sendOnce(ctx.effectKey(`mail:publicity:applicant:${award.applicationId}`), {
        to: [email],
        subject,
        text: `${award.applicantName}：\n\n${text}`,
      });
    }
    for (const unitId of [...units].sort()) {
      const to = await emailsOfGroup(rest, recommenderGroup(unitId));
      if (to.length === 0) {
        ctx.log.warn({ unit: unitId }, '推荐单位没有登记邮箱的账号，公示通知未发送');
        continue;
      }
      await deps.mailer.sendOnce(ctx.effectKey(`mail:publicity:unit:${unitId}`), {
        to,
        subject,
        text: `${findUnit(unitId)?.name ?? unitId}：\n\n${text}`,
      });
    }
    ctx.log.info({ start: plan.publicityStart, end: plan.publicityEnd }, '拟获奖名单已公示');
    return complete({
      publicityStart: plan.publicityStart,
      publicityEnd: plan.publicityEnd,
      publicityEndsAt: plan.publicityEndsAt,
      publicityDays: plan.publicityDays,
      publicityNoticeText: text,
    });
  },
});
