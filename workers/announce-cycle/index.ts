import { announcementText, cycleKey, CycleParameters } from '../../domain/cycle.js';
import { RECOMMENDING_UNITS, recommenderGroup } from '../../domain/units.js';
import { recordAnnouncement } from '../../store/experts-review.js';
import { emailsOfGroup } from '../shared/identity.js';
import { complete, defineWorker } from '../worker.js';

export const ANNOUNCE_CYCLE_TOPIC = 'announce-cycle';

/**
 * Art. 18 (1) 公告: records the cycle's announcement once and e-mails it to the members of every
 * recommending unit (Art. 13), one keyed mail per unit so a redelivered task sends nothing twice.
 */
export const announceCycleWorker = defineWorker({
  topic: ANNOUNCE_CYCLE_TOPIC,
  title: '发布评审公告',
  input: CycleParameters,
  variables: ['year', 'applicationStart', 'applicationEnd', 'deadline', 'cycleFields', 'teamSize'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const key = ctx.businessKey ?? cycleKey(input.year);
    const text = announcementText(input);
    await recordAnnouncement(deps.db, {
      cycleKey: key,
      processInstanceId: ctx.processInstanceId,
      parameters: input,
      text,
    });
    const rest = deps.engine;
    let notified = 0;
    for (const unit of RECOMMENDING_UNITS) {
      const to = await emailsOfGroup(rest, recommenderGroup(unit.id));
      if (to.length === 0) {
        ctx.log.warn({ unit: unit.id }, '推荐单位没有登记邮箱的账号，公告未发送');
        continue;
      }
      await deps.mailer.sendOnce(ctx.effectKey(`mail:announcement:${unit.id}`), {
        to,
        subject: `【宝山区政府质量奖】${input.year} 年度评审公告`,
        text: `${unit.name}：\n\n${text}`,
      });
      notified += 1;
    }
    ctx.log.info({ cycleKey: key, notified }, '评审公告已发布');
    return complete({ announcementText: text, announcedUnitCount: notified });
  },
});
