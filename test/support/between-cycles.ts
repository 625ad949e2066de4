// Helpers of the between-cycles engine tests (title misuse, incubation, retention, editions).
import type { EngineDto, Present } from '../../camunda/rest.js';
import { adminRest, waitFor } from './engine.js';
import type { MailAndWorkers } from './mail-and-workers.js';
import { openStore, type Db } from '../../store/index.js';

/** A timer job as the engine lists it, with the fields it always fills present. */
export type JobDto = Present<EngineDto<'JobDto'>, 'id' | 'jobDefinitionId'>;

/** Waits for the timer job of one activity in the instance and executes it now (never by waiting). */
export async function fireTimer(instanceId: string, activityId: string): Promise<JobDto> {
  const admin = adminRest();
  const { definitionId } = (await admin.get(`/process-instance/${instanceId}`)) as Present<
    EngineDto<'ProcessInstanceDto'>,
    'definitionId'
  >;
  const definitions = await admin.get(`/job-definition?processDefinitionId=${definitionId}`);
  const ids = new Set(definitions.filter((d) => d.activityId === activityId).map((d) => d.id));
  const job = await waitFor(`the timer ${activityId}`, async () =>
    ((await admin.get(`/job?processInstanceId=${instanceId}&timers=true`)) as JobDto[]).find((j) =>
      ids.has(j.jobDefinitionId),
    ),
  );
  await admin.post(`/job/${job.id}/execute`);
  return job;
}

/** A variable of an instance, running or ended, from the engine's history. */
export async function historicVariable(processInstanceId: string, name: string): Promise<unknown> {
  const [v] = await adminRest().get(
    `/history/variable-instance?processInstanceId=${processInstanceId}&variableName=${name}&deserializeValues=false`,
  );
  return v?.value;
}

/** Runs fn on the workers' store while they are stopped (the embedded store has one owner). */
export function storeAccess(mail: () => MailAndWorkers, dataDir: string) {
  return <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    let result: T;
    return mail()
      .restartWorkers(async () => {
        const db = await openStore({ dataDir });
        try {
          result = await fn(db);
        } finally {
          await db.close();
        }
      })
      .then(() => result);
  };
}
