import { z } from 'zod';
import { engineData, type EngineDto, type EngineRest, type Present } from '../../camunda/rest.js';
import { shanghaiDate } from '../../domain/edition.js';
import { isCalendarDate } from '../../domain/identifiers.js';
import {
  RETENTION_MIN_YEARS,
  retentionCutoff,
  retentionReportText,
  type RetentionItem,
} from '../../domain/retention.js';
import { expiredStoreRecords } from '../../store/retention.js';
import { complete, defineWorker } from '../worker.js';

export const BUILD_RETENTION_REPORT_TOPIC = 'build-retention-report';

/** The processes whose history holds application and review records (Art. 27). */
export const RETAINED_PROCESSES: Readonly<Record<string, string>> = {
  'award-application': '申报',
  'award-cycle': '年度评审',
};

/** An ended instance of the history: the engine fills its id, definition key and end time. */
type HistoricInstance = Present<
  EngineDto<'HistoricProcessInstanceDto'>,
  'id' | 'processDefinitionKey' | 'endTime'
>;

/** The ended instances of the retained processes that ended before the cutoff day (Shanghai). */
export async function expiredInstances(rest: EngineRest, cutoff: string): Promise<RetentionItem[]> {
  const before = `${cutoff}T00:00:00.000+0800`;
  const items: RetentionItem[] = [];
  for (const [key, name] of Object.entries(RETAINED_PROCESSES)) {
    const instances = (await engineData(
      rest.api.GET('/history/process-instance', {
        params: {
          query: {
            processDefinitionKey: key,
            finished: true,
            finishedBefore: before,
            sortBy: 'endTime',
            sortOrder: 'asc',
          },
        },
      }),
    )) as HistoricInstance[];
    for (const i of instances)
      items.push({
        kind: `engine:${key}`,
        ref: i.id,
        label: `${name}流程 ${i.businessKey ?? i.id}`,
        at: new Date(i.endTime).toISOString(),
      });
  }
  return items;
}

/**
 * Art. 27: lists the application and review records older than retentionYears (a BPMN parameter,
 * at least ten) as of retentionAsOf (default today): ended engine instances and store rows. Deletes
 * nothing; the office approves the list first.
 */
export const buildRetentionReportWorker = defineWorker({
  topic: BUILD_RETENTION_REPORT_TOPIC,
  title: '生成资料保存期限报告',
  input: z.looseObject({
    retentionYears: z.coerce
      .number()
      .int()
      .min(RETENTION_MIN_YEARS, `第二十七条：保存期限不得少于 ${RETENTION_MIN_YEARS} 年`),
    retentionAsOf: z
      .string()
      .transform((s) => s.slice(0, 10))
      .refine(isCalendarDate, '基准日应为 YYYY-MM-DD 日期')
      .nullish(),
  }),
  variables: ['retentionYears', 'retentionAsOf'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const asOf = input.retentionAsOf ?? shanghaiDate(new Date());
    const cutoff = retentionCutoff(asOf, input.retentionYears);
    const items = [
      ...(await expiredInstances(deps.engine, cutoff)),
      ...(await expiredStoreRecords(deps.db, cutoff)),
    ];
    ctx.log.info({ asOf, cutoff, count: items.length }, '已生成资料保存期限报告');
    return complete({
      retentionCutoff: cutoff,
      retentionReport: items,
      retentionCount: items.length,
      retentionReportText: retentionReportText(items, cutoff),
    });
  },
});
