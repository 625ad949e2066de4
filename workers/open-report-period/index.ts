import { z } from 'zod';
import { reportingPeriodDates } from '../../domain/post-award.js';
import { complete, defineWorker } from '../worker.js';

export const OPEN_REPORT_PERIOD_TOPIC = 'open-report-period';

/**
 * Art. 23: opens one yearly reporting period: which period and year it is, when the 质量绩效表 is due
 * and when the reminder goes. The timers of the diagram read these dates.
 */
export const openReportPeriodWorker = defineWorker({
  topic: OPEN_REPORT_PERIOD_TOPIC,
  title: '开启质量绩效表报送期',
  input: z.looseObject({
    loopCounter: z.coerce.number().int().min(0),
    awardYear: z.coerce.number().int().min(1900).max(2999),
    periodResponseWindow: z.string(),
    periodReminderBefore: z.string(),
  }),
  variables: ['loopCounter', 'awardYear', 'periodResponseWindow', 'periodReminderBefore'],
  errorCodes: [],
  async handler(input) {
    const dates = reportingPeriodDates(new Date(), {
      responseWindow: input.periodResponseWindow,
      reminderBefore: input.periodReminderBefore,
    });
    const reportPeriod = input.loopCounter + 1;
    return complete({
      reportPeriod,
      reportYear: input.awardYear + reportPeriod,
      dueAt: dates.dueAt,
      remindAt: dates.remindAt,
      dueDate: dates.dueDate,
      reportReceived: false,
      performanceReportsText: '',
    });
  },
});
