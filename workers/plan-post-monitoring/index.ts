import { z } from 'zod';
import { MonitoringSchedule } from '../../domain/post-award.js';
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
  }),
  errorCodes: [],
  async handler(input) {
    // A bad parameter is the process administrator's error in the diagram: an incident naming it.
    const schedule = MonitoringSchedule.safeParse(input);
    if (!schedule.success) throw new InputError(`报送计划参数有误：${describeInputError(schedule.error)}`);
    // New names: variables named like the task's input parameters would land in its local scope and vanish.
    return complete({
      periodCount: schedule.data.reportingYears,
      periodDuration: schedule.data.reportingPeriod,
      periodResponseWindow: schedule.data.responseWindow,
      periodReminderBefore: schedule.data.reminderBefore,
    });
  },
});
