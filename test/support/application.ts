import { toVariables, type EngineDto, type EngineRest, type Present } from '../../camunda/rest.js';
import { adminRest, waitFor } from './engine.js';

/** An open task as the engine lists it: id, name and definition key always filled. */
export type TaskDto = Present<EngineDto<'TaskDto'>, 'id' | 'name' | 'taskDefinitionKey'>;

/** Valid 统一社会信用代码 (GB 32100 check characters) for test applicants. */
export const CREDIT_CODES = ['91310113MA1GKQ0A5Q', '91310113MA1GKQ0B3K'] as const;

/** The facts of an organization that passes every automatic check on 2026-11-28. */
export const ELIGIBLE_ORGANIZATION = {
  applicantKind: 'organization',
  applicantName: '上海宝山精密制造有限公司',
  creditCode: CREDIT_CODES[0],
  registeredDistrict: '宝山区',
  registrationDate: '2015-03-01',
  licensesValid: true,
  chiefQualityOfficer: true,
  municipalApplicationSameYear: false,
  recommendingUnit: 'luodian',
  truthfulDeclaration: true,
  asOf: '2026-11-28',
};

/** Starts award-application as `rest` (the office) for cycle-2025 with the given facts. */
export async function startApplication(
  rest: EngineRest,
  applicationId: string,
  facts: Record<string, unknown>,
): Promise<{ id: string; businessKey: string }> {
  return rest.post('/process-definition/key/award-application/start', {
    variables: toVariables({ cycleKey: 'cycle-2025', applicationId, ...ELIGIBLE_ORGANIZATION, ...facts }),
  }) as Promise<{ id: string; businessKey: string }>;
}

/** The open tasks of one instance that `rest`'s user may see. */
export function tasksOf(rest: EngineRest, processInstanceId: string): Promise<TaskDto[]> {
  return rest.get(`/task?processInstanceId=${processInstanceId}`) as Promise<TaskDto[]>;
}

/** Waits until `rest`'s user sees a task with this definition key in the instance. */
export async function waitForTask(
  rest: EngineRest,
  processInstanceId: string,
  key: string,
): Promise<TaskDto> {
  return waitFor(`task ${key}`, async () =>
    (await tasksOf(rest, processInstanceId)).find((t) => t.taskDefinitionKey === key),
  );
}

/** Completes a task with plain values as variables. */
export async function completeTask(
  rest: EngineRest,
  taskId: string,
  values: Record<string, unknown>,
): Promise<void> {
  await rest.post(`/task/${taskId}/complete`, { variables: toVariables(values) });
}

/** The end event an instance finished at, or undefined while it runs. */
export async function endedAt(processInstanceId: string): Promise<string | undefined> {
  const rest = adminRest();
  const hist = await rest.get(`/history/process-instance/${processInstanceId}`);
  if (hist.state !== 'COMPLETED') return undefined;
  const ends = await rest.get(
    `/history/activity-instance?processInstanceId=${processInstanceId}&activityType=noneEndEvent`,
  );
  return ends.find((e) => !e.activityId?.startsWith('End_Consult'))?.activityId ?? undefined;
}

/** A process variable's value as the admin sees it. */
export async function variable<T = unknown>(processInstanceId: string, name: string): Promise<T> {
  const v = await adminRest().get(
    `/process-instance/${processInstanceId}/variables/${name}?deserializeValue=false`,
  );
  return v.value as T;
}
