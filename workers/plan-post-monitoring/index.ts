import { z } from 'zod';
import { editionInForce, shanghaiDate } from '../../domain/edition.js';
import { MonitoringSchedule } from '../../domain/post-award.js';
import { knownEditions } from '../../store/editions.js';
import { recordedEdition } from '../shared/rules-edition.js';
import { describeInputError, complete, defineWorker, InputError } from '../worker.js';

export const PLAN_POST_MONITORING_TOPIC = 'plan-post-monitoring';

/**
 * Art. 23: checks the schedule of the yearly 质量绩效表 (BPMN parameters of the element template:
 * number of years, period, response window, reminder) and makes it the instance's plan.
 */
export const planPostMonitoringWorker = defineWorker({
  topic: PLAN_POST_MONITORING_TOPIC,
  title: '制定获奖后质量绩效报送计划',
  input: z.looseObject({
    reportingYears: z.unknown(),
    reportingPeriod: z.unknown(),
    responseWindow: z.unknown(),
    reminderBefore: z.unknown(),
    rulesEdition: z.string().nullish(),
  }),
  variables: ['reportingYears', 'reportingPeriod', 'responseWindow', 'reminderBefore', 'rulesEdition'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    // A bad parameter is the process administrator's error in the diagram: an incident naming it.
    const schedule = MonitoringSchedule.safeParse(input);
    if (!schedule.success) throw new InputError(`报送计划参数有误：${describeInputError(schedule.error)}`);
    // Art. 23, 28: the years may only be more than the edition of the award's cycle sets (else the one in force).
    const year = ctx.businessKey?.match(/^post-award\/.+\/(\d{4})$/)?.[1];
    const edition =
      (await recordedEdition(
        input.rulesEdition,
        { businessKey: year ? `cycle-${year}` : ctx.businessKey },
        deps,
      )) ?? editionInForce(shanghaiDate(new Date()), await knownEditions(deps.db, deps.editions));
    if (!edition)
      throw new InputError('第二十八条：今天不在任何已审议通过的办法版本的适用期内，无法核对报送年数');
    if (schedule.data.reportingYears < edition.postAwardReportYears)
      throw new InputError(
        `流程参数只能比办法更严，不能放宽：参数 reportingYears（第二十三条报送年数）为 ${schedule.data.reportingYears}，少于办法 ${edition.id} 规定的 ${edition.postAwardReportYears} 年；请在流程图中更正`,
      );
    // New names: variables named like the task's input parameters would land in its local scope and vanish.
    return complete({
      periodCount: schedule.data.reportingYears,
      periodDuration: schedule.data.reportingPeriod,
      periodResponseWindow: schedule.data.responseWindow,
      periodReminderBefore: schedule.data.reminderBefore,
    });
  },
});
