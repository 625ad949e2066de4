import { z } from 'zod';
import { POST_MONITORING_PROCESS, postAwardBusinessKey } from '../shared/post-monitoring.js';
import { engineData, toVariables, type EngineRest } from '../../camunda/rest.js';
import { awardTitle, holderOf, RecordedAwardEntry } from '../../domain/certificate.js';
import { jsonValue } from '../../domain/awards.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const START_POST_MONITORING_TOPIC = 'start-post-monitoring';
export { POST_MONITORING_PROCESS, postAwardBusinessKey };

export const StartPostMonitoringInput = z.looseObject({
  awards: z.preprocess(jsonValue, z.array(RecordedAwardEntry, { error: '缺少获奖名单 awards' })),
  year: z.coerce
    .string()
    .trim()
    .regex(/^\d{4}$/),
});

/** The business key this worker starts a winner's monitoring with. */
export const monitoringBusinessKey = (cycleKey: string, applicationId: string) =>
  // The cycle's application ids may already be business keys `<cycle key>/<id>`: no doubled prefix.
  `${cycleKey}/${applicationId.startsWith(`${cycleKey}/`) ? applicationId.slice(cycleKey.length + 1) : applicationId}/monitoring`;

/** The instances (running or ended) of award-post-monitoring with one of the business keys. */
async function existingInstance(rest: EngineRest, keys: string[]): Promise<string | undefined> {
  for (const key of keys) {
    const [found] = await engineData(
      rest.api.GET('/history/process-instance', {
        params: {
          query: {
            processDefinitionKey: POST_MONITORING_PROCESS,
            processInstanceBusinessKey: key,
            maxResults: 1,
          },
        },
      }),
    );
    if (found?.id) return found.id;
  }
  return undefined;
}

/**
 * Art. 23: starts one award-post-monitoring instance per winner (three years of 质量绩效表). Idempotent:
 * a winner whose instance exists (under the key given here or the one the process renames itself to)
 * is not started again, so a redelivered task starts nobody twice.
 */
export const startPostMonitoringWorker = defineWorker({
  topic: START_POST_MONITORING_TOPIC,
  title: '启动获奖后质量绩效跟踪',
  input: StartPostMonitoringInput,
  variables: ['awards', 'year'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const cycleKey = ctx.businessKey ?? `cycle-${input.year}`;
    const missing = input.awards.filter((a) => !holderOf(a));
    if (missing.length)
      throw new InputError(
        `获奖者缺少统一社会信用代码或身份证号码，无法跟踪：${missing.map((a) => a.applicationId).join('、')}`,
      );
    // An empty list (every award withdrawn, Art. 7: all may stay empty) needs no engine call.
    const rest = input.awards.length ? deps.engine : undefined;
    const started: string[] = [];
    const existing: string[] = [];
    const noEmail: string[] = [];
    for (const award of input.awards) {
      const holder = holderOf(award)!;
      const holderKey = 'creditCode' in holder ? holder.creditCode : holder.idNumber;
      const businessKey = monitoringBusinessKey(cycleKey, award.applicationId);
      if (!award.email) {
        noEmail.push(award.applicantName);
        continue;
      }
      if (await existingInstance(rest!, [businessKey, postAwardBusinessKey(holderKey, input.year)])) {
        existing.push(award.applicantName);
        continue;
      }
      await rest!.post(`/process-definition/key/${POST_MONITORING_PROCESS}/start`, {
        businessKey,
        variables: toVariables({
          holderName: award.applicantName,
          holderKey,
          holderEmail: award.email,
          awardYear: input.year,
          cycleKey,
          applicationId: award.applicationId,
          awardTitle: awardTitle(award.awardClass, award.category),
        }),
      });
      started.push(award.applicantName);
    }
    ctx.log.info({ started, existing, noEmail }, '获奖后质量绩效跟踪');
    const text =
      `已为 ${started.length} 位获奖者启动获奖后质量绩效跟踪（第二十三条）` +
      (existing.length ? `；已在跟踪：${existing.join('、')}` : '') +
      (noEmail.length ? `；缺少联系邮箱未能启动，请办公室补录后手工启动：${noEmail.join('、')}` : '');
    return complete({ postMonitoringStarted: started.length + existing.length, postMonitoringText: text });
  },
});
