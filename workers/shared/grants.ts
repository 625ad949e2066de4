// Art. 26 confidentiality on the engine: an expert reads the data (history and variables) of exactly
// the applications assigned to them. The engine gives the assignee their own tasks; these user
// authorizations add READ on each assigned award-application instance and its history, granted when
// the assignment is made or replaced and revoked on recusal and when the panel is dissolved. Every
// call is idempotent: it looks before it creates or deletes, so a redelivered task changes nothing.
//
// Issue 16 (4): with the identity account (identity.ts), these grants are the only authorizations it
// creates: READ, on one award-application instance and its history, for a member of `experts`.
import type { EngineDto, EngineRest, Present } from '../../camunda/rest.js';
import { EXPERTS, RESOURCE } from '../../camunda/identity.js';
import { IdentityRefused } from './identity.js';
import { eachLimited, ENGINE_CALLS_AT_ONCE } from './limited.js';

const enc = encodeURIComponent;

/** The resources an assigned expert may read: the instance and its history (finished applications). */
const READ_RESOURCES = [RESOURCE.historicProcessInstance, RESOURCE.processInstance] as const;

/** A grant: the engine always fills its id and permissions. */
type AuthorizationDto = Present<EngineDto<'AuthorizationDto'>, 'id' | 'permissions'>;

/** The award-application instance id of an application, by its business key (`cycle-<year>/<id>`). */
export async function applicationInstanceId(
  rest: EngineRest,
  businessKey: string,
): Promise<string | undefined> {
  const found = await rest.get(
    `/history/process-instance?processDefinitionKey=award-application&processInstanceBusinessKey=${enc(businessKey)}`,
  );
  return found[0]?.id ?? undefined;
}

async function userAuthorizations(
  rest: EngineRest,
  userId: string,
  resourceType: number,
  resourceId: string,
): Promise<AuthorizationDto[]> {
  return rest.get(
    `/authorization?type=1&userIdIn=${enc(userId)}&resourceType=${resourceType}&resourceId=${enc(resourceId)}`,
  ) as Promise<AuthorizationDto[]>;
}

/** Grants the expert READ on the application's instance and history (when missing). */
export async function grantApplicationRead(
  rest: EngineRest,
  expertId: string,
  instanceId: string,
): Promise<void> {
  // The checks, then the grants, each pair at once: nothing is granted before both checks passed.
  const [[instance], expert] = await Promise.all([
    rest.get(`/history/process-instance?processInstanceId=${enc(instanceId)}`),
    rest.get(`/user?id=${enc(expertId)}&memberOfGroup=${EXPERTS}`),
  ]);
  if (instance?.processDefinitionKey !== 'award-application')
    throw new IdentityRefused(`只能授予专家阅读申报（award-application）流程实例的权限，拒绝 ${instanceId}`);
  if (expert.length === 0)
    throw new IdentityRefused(`${expertId} 不是评审专家（experts 组成员），不授予阅读权限`);
  await Promise.all(
    READ_RESOURCES.map(async (resourceType) => {
      const existing = await userAuthorizations(rest, expertId, resourceType, instanceId);
      if (existing.some((a) => a.permissions.includes('READ') || a.permissions.includes('ALL'))) return;
      await rest.post('/authorization/create', {
        type: 1,
        userId: expertId,
        resourceType,
        resourceId: instanceId,
        permissions: ['READ'],
      });
    }),
  );
}

/** Removes the expert's READ on the application's instance and history (when present). */
export async function revokeApplicationRead(
  rest: EngineRest,
  expertId: string,
  instanceId: string,
): Promise<void> {
  for (const resourceType of READ_RESOURCES)
    for (const a of await userAuthorizations(rest, expertId, resourceType, instanceId))
      await rest.delete(`/authorization/${enc(a.id)}`);
}

/** Grants or revokes for a list of assignments (application business key → expert). */
export async function syncApplicationReads(
  rest: EngineRest,
  assignments: { applicationId: string; expertId: string }[],
  action: 'grant' | 'revoke',
): Promise<void> {
  const byApplication = new Map<string, string[]>();
  for (const a of assignments)
    byApplication.set(a.applicationId, [...(byApplication.get(a.applicationId) ?? []), a.expertId]);
  // Applications a few at a time; each application's experts one after another.
  await eachLimited([...byApplication], ENGINE_CALLS_AT_ONCE, async ([applicationId, experts]) => {
    const instanceId = await applicationInstanceId(rest, applicationId);
    if (!instanceId) return;
    for (const expertId of experts) {
      if (action === 'grant') await grantApplicationRead(rest, expertId, instanceId);
      else await revokeApplicationRead(rest, expertId, instanceId);
    }
  });
}
