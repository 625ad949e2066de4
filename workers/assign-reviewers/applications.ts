// How a cycle finds its applications: the accepted award-application instances whose business key
// starts with `<cycle key>/` (contracts.md), read from the engine's history as the workers' account.
import type { EngineRest } from '../../camunda/rest.js';
import type { ReviewApplication } from '../../domain/assignment.js';
import { reviewApplicationOf } from '../../domain/cycle.js';

/** The end event of award-application reached by a 正式受理 application (Art. 18 (3)). */
export const ACCEPTED_END_EVENT = 'End_Accepted';

interface HistoricInstance {
  id: string;
  businessKey: string | null;
}

/** The cycle's accepted applications with the facts assignment needs, by business key. */
export async function acceptedApplications(rest: EngineRest, cycleKey: string): Promise<ReviewApplication[]> {
  const like = encodeURIComponent(`${cycleKey}/%`);
  const instances = await rest.get<HistoricInstance[]>(
    `/history/process-instance?processDefinitionKey=award-application&processInstanceBusinessKeyLike=${like}` +
      `&executedActivityIdIn=${ACCEPTED_END_EVENT}&finished=true&sortBy=businessKey&sortOrder=asc`,
  );
  const applications: ReviewApplication[] = [];
  for (const instance of instances) {
    if (!instance.businessKey?.startsWith(`${cycleKey}/`)) continue;
    const vars = await rest.get<{ name: string; value: unknown }[]>(
      `/history/variable-instance?processInstanceId=${instance.id}&deserializeValues=false`,
    );
    applications.push(
      reviewApplicationOf(instance.businessKey, Object.fromEntries(vars.map((v) => [v.name, v.value]))),
    );
  }
  return applications;
}
