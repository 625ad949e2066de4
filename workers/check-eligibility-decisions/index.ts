import { z } from 'zod';
import { engineData, type EngineDto, type Present } from '../../camunda/rest.js';
import { cycleKey } from '../../domain/cycle.js';
import { ACCEPTED_END_EVENT } from '../shared/applications.js';
import { complete, defineWorker } from '../worker.js';
import {
  eligibilityDecisions,
  pendingText,
  preliminaryListText,
  type ApplicationState,
} from './decisions.js';

export const CHECK_ELIGIBILITY_DECISIONS_TOPIC = 'check-eligibility-decisions';

/** An instance of the history: the engine always fills its id and state. */
type HistoricInstance = Present<EngineDto<'HistoricProcessInstanceDto'>, 'id' | 'state'>;

/**
 * Art. 10 (3), 18 (3): after the cycle's deadline, checks that every award-application of
 * `cycle-<year>/` has its eligibility decision; the cycle re-checks later while some are pending, then
 * the office confirms the 初选名单.
 */
export const checkEligibilityDecisionsWorker = defineWorker({
  topic: CHECK_ELIGIBILITY_DECISIONS_TOPIC,
  title: '检查资格审查是否完成',
  input: z.looseObject({ year: z.coerce.string().regex(/^\d{4}$/) }),
  variables: ['year'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const key = ctx.businessKey ?? cycleKey(input.year);
    const rest = deps.engine;
    const instances = (await engineData(
      rest.api.GET('/history/process-instance', {
        params: {
          query: { processDefinitionKey: 'award-application', processInstanceBusinessKeyLike: `${key}/%` },
        },
      }),
    )) as HistoricInstance[];
    // The history list does not say where an instance ended: ask for those that reached 正式受理.
    const accepted = new Set(
      (
        (await engineData(
          rest.api.GET('/history/process-instance', {
            params: {
              query: {
                processDefinitionKey: 'award-application',
                processInstanceBusinessKeyLike: `${key}/%`,
                executedActivityIdIn: ACCEPTED_END_EVENT,
                finished: true,
              },
            },
          }),
        )) as HistoricInstance[]
      ).map((i) => i.id),
    );
    const apps: ApplicationState[] = [];
    for (const i of instances) {
      if (!i.businessKey?.startsWith(`${key}/`)) continue;
      const [name] = await rest.get(
        `/history/variable-instance?processInstanceId=${i.id}&variableName=applicantName&deserializeValues=false`,
      );
      apps.push({
        businessKey: i.businessKey,
        applicantName: typeof name?.value === 'string' ? name.value : i.businessKey,
        state: i.state,
        endActivityId: accepted.has(i.id) ? ACCEPTED_END_EVENT : null,
      });
    }
    const decisions = eligibilityDecisions(apps);
    ctx.log.info(
      { cycleKey: key, pending: decisions.pending.length, accepted: decisions.accepted.length },
      '资格审查完成情况',
    );
    return complete({
      eligibilityPending: decisions.pending.length > 0,
      pendingApplicationsText: pendingText(decisions),
      preliminaryListText: preliminaryListText(decisions),
    });
  },
});
