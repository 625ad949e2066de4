import { DEPARTMENTS, departmentGroup } from '../domain/departments.js';
import { RECOMMENDING_UNITS, recommenderGroup } from '../domain/units.js';
import { ensureTaskFilters } from './filters.js';
import { engineData, EngineRestError, type EngineRest } from './rest.js';

// Groups, accounts and authorizations the processes need. Everything here is idempotent: run it
// on every start; it creates what is missing and leaves the rest alone.

export interface GroupSpec {
  id: string;
  name: string;
}

export const OFFICE = 'office';
export const COMMITTEE = 'committee';
export const DISTRICT_GOVERNMENT = 'district-government';
export const EXPERTS = 'experts';
export const PROCESS_ADMINS = 'process-admins';
export const WORKERS_GROUP = 'service-workers';
/** Issue 16 (4): the narrow identity account's group (workers/form-panel only). */
export const IDENTITY_GROUP = 'service-identity';
/** The engine's administrators' group (Camunda's own). */
export const CAMUNDA_ADMIN_GROUP = 'camunda-admin';
/** Art. 10 (7): the third-party service organization that runs the incubation year. */
export const INCUBATOR = 'incubator';

export const BUSINESS_GROUPS: readonly GroupSpec[] = [
  { id: OFFICE, name: '审定委员会办公室（区市场监管局）' },
  { id: COMMITTEE, name: '区政府质量奖审定委员会' },
  { id: DISTRICT_GOVERNMENT, name: '区政府' },
  { id: EXPERTS, name: '评审专家' },
  { id: PROCESS_ADMINS, name: '流程管理员' },
  { id: INCUBATOR, name: '培育孵化第三方服务机构' },
  ...RECOMMENDING_UNITS.map((u) => ({ id: recommenderGroup(u.id), name: `推荐单位：${u.name}` })),
  ...DEPARTMENTS.map((d) => ({ id: departmentGroup(d.id), name: `相关部门：${d.name}` })),
];

// Camunda 7 resource type ids (Resources enum).
export const RESOURCE = {
  application: 0,
  user: 1,
  group: 2,
  groupMembership: 3,
  authorization: 4,
  filter: 5,
  processDefinition: 6,
  task: 7,
  processInstance: 8,
  deployment: 9,
  historicTask: 19,
  historicProcessInstance: 20,
} as const;

interface Grant {
  groupId: string;
  resourceType: number;
  resourceId: string;
  permissions: string[];
}

/** The authorizations of each group (Art. 26: experts and units see only their own tasks). */
export function grants(): Grant[] {
  const list: Grant[] = [];
  for (const g of BUSINESS_GROUPS) {
    list.push({
      groupId: g.id,
      resourceType: RESOURCE.application,
      resourceId: 'tasklist',
      permissions: ['ACCESS'],
    });
    list.push({ groupId: g.id, resourceType: RESOURCE.filter, resourceId: '*', permissions: ['READ'] });
  }
  for (const groupId of [
    ...RECOMMENDING_UNITS.map((u) => recommenderGroup(u.id)),
    ...DEPARTMENTS.map((d) => departmentGroup(d.id)),
  ]) {
    // Tasklist loads the task's deployed form through the process definition.
    list.push({
      groupId,
      resourceType: RESOURCE.processDefinition,
      resourceId: 'award-application',
      permissions: ['READ'],
    });
  }
  list.push(
    { groupId: OFFICE, resourceType: RESOURCE.application, resourceId: 'cockpit', permissions: ['ACCESS'] },
    {
      groupId: OFFICE,
      resourceType: RESOURCE.processDefinition,
      resourceId: '*',
      permissions: ['READ', 'CREATE_INSTANCE', 'READ_INSTANCE', 'READ_HISTORY', 'READ_TASK'],
    },
    {
      groupId: OFFICE,
      resourceType: RESOURCE.processInstance,
      resourceId: '*',
      permissions: ['CREATE', 'READ'],
    },
    { groupId: OFFICE, resourceType: RESOURCE.deployment, resourceId: '*', permissions: ['READ'] },
    {
      groupId: PROCESS_ADMINS,
      resourceType: RESOURCE.application,
      resourceId: 'cockpit',
      permissions: ['ACCESS'],
    },
    { groupId: PROCESS_ADMINS, resourceType: RESOURCE.deployment, resourceId: '*', permissions: ['ALL'] },
    {
      groupId: PROCESS_ADMINS,
      resourceType: RESOURCE.processDefinition,
      resourceId: '*',
      permissions: ['ALL'],
    },
    // The workers' service account: fetch, lock and complete external tasks of every process.
    {
      groupId: WORKERS_GROUP,
      resourceType: RESOURCE.processDefinition,
      resourceId: '*',
      permissions: ['READ', 'READ_INSTANCE', 'UPDATE_INSTANCE', 'READ_HISTORY'],
    },
    {
      groupId: WORKERS_GROUP,
      resourceType: RESOURCE.processInstance,
      resourceId: '*',
      permissions: ['READ', 'UPDATE', 'CREATE'],
    },
    // start-post-monitoring (Art. 23) starts one award-post-monitoring instance per winner.
    {
      groupId: WORKERS_GROUP,
      resourceType: RESOURCE.processDefinition,
      resourceId: 'award-post-monitoring',
      permissions: ['READ', 'READ_INSTANCE', 'UPDATE_INSTANCE', 'READ_HISTORY', 'CREATE_INSTANCE'],
    },
    // Issue 14: the server (with this account) starts award-application for an application submitted
    // through the intake, and deletes the instance again when the store cannot commit it.
    {
      groupId: WORKERS_GROUP,
      resourceType: RESOURCE.processDefinition,
      resourceId: 'award-application',
      permissions: [
        'READ',
        'READ_INSTANCE',
        'UPDATE_INSTANCE',
        'READ_HISTORY',
        'CREATE_INSTANCE',
        'DELETE_INSTANCE',
      ],
    },
    // Issue 16 (4) least privilege: the workers' account only reads people (e-mail addresses of a
    // unit's members for the announcement); it creates no user, group, membership or authorization.
    { groupId: WORKERS_GROUP, resourceType: RESOURCE.user, resourceId: '*', permissions: ['READ'] },
    { groupId: WORKERS_GROUP, resourceType: RESOURCE.group, resourceId: '*', permissions: ['READ'] },
    // The narrow identity account (workers/form-panel, the only code that uses it, checks every call):
    // experts become users in `experts`, the panel group `panel-<year>` is created at panel selection
    // and deleted when the cycle ends (Art. 11); Art. 26: each assigned expert gets READ on their
    // applications' instances and history, revoked on recusal and when the panel is dissolved.
    {
      groupId: IDENTITY_GROUP,
      resourceType: RESOURCE.user,
      resourceId: '*',
      permissions: ['READ', 'CREATE'],
    },
    {
      groupId: IDENTITY_GROUP,
      resourceType: RESOURCE.group,
      resourceId: '*',
      permissions: ['READ', 'CREATE', 'DELETE'],
    },
    {
      groupId: IDENTITY_GROUP,
      resourceType: RESOURCE.groupMembership,
      resourceId: '*',
      permissions: ['CREATE', 'DELETE'],
    },
    {
      groupId: IDENTITY_GROUP,
      resourceType: RESOURCE.authorization,
      resourceId: '*',
      permissions: ['READ', 'CREATE', 'DELETE'],
    },
    {
      groupId: IDENTITY_GROUP,
      resourceType: RESOURCE.historicProcessInstance,
      resourceId: '*',
      permissions: ['READ'],
    },
    {
      groupId: IDENTITY_GROUP,
      resourceType: RESOURCE.processDefinition,
      resourceId: 'award-application',
      permissions: ['READ', 'READ_HISTORY'],
    },
    // Experts open their own confirmation tasks' forms in Tasklist (the assignee's task grant comes
    // from the engine; Art. 26: no other task is visible).
    {
      groupId: EXPERTS,
      resourceType: RESOURCE.processDefinition,
      resourceId: 'award-cycle',
      permissions: ['READ'],
    },
    // Art. 10 (7): the incubator opens its programme forms; Art. 24: the committee reviews an
    // uncorrected title misuse; Art. 27: the workers delete history the office approved for deletion.
    {
      groupId: INCUBATOR,
      resourceType: RESOURCE.processDefinition,
      resourceId: 'award-incubation',
      permissions: ['READ'],
    },
    {
      groupId: COMMITTEE,
      resourceType: RESOURCE.processDefinition,
      resourceId: 'award-title-misuse',
      permissions: ['READ'],
    },
    {
      groupId: WORKERS_GROUP,
      resourceType: RESOURCE.processDefinition,
      resourceId: '*',
      permissions: ['DELETE_HISTORY'],
    },
    // The task notifier (workers/task-notifier) reads every open task, its candidates and due date,
    // to e-mail the people who can work it (issue 12).
    { groupId: WORKERS_GROUP, resourceType: RESOURCE.task, resourceId: '*', permissions: ['READ'] },
    // award-revocation (Art. 25): the committee and the district government open their decision forms.
    ...[COMMITTEE, DISTRICT_GOVERNMENT].map((groupId) => ({
      groupId,
      resourceType: RESOURCE.processDefinition,
      resourceId: 'award-revocation',
      permissions: ['READ'],
    })),
  );
  return list;
}

const notFound = (err: unknown) => err instanceof EngineRestError && err.status === 404;

/** The engine administrators' group, which Camunda creates as "camunda BPM Administrators". */
export const ENGINE_ADMINS: GroupSpec = { id: 'camunda-admin', name: '流程引擎管理员' };

/** Gives the engine administrators' group its Chinese name (shown in Admin and on the Welcome page). */
async function nameEngineAdminsInChinese(rest: EngineRest): Promise<void> {
  const path = `/group/${encodeURIComponent(ENGINE_ADMINS.id)}` as const;
  try {
    const group = await rest.get(path);
    if (group.name !== ENGINE_ADMINS.name) {
      await rest.put(path, { id: ENGINE_ADMINS.id, name: ENGINE_ADMINS.name, type: group.type });
    }
  } catch (err) {
    if (!notFound(err)) throw err;
  }
}

/** Creates the group when missing; true when it was created. */
export async function ensureGroup(
  rest: EngineRest,
  g: GroupSpec,
  type: 'WORKFLOW' | 'SYSTEM' = 'WORKFLOW',
): Promise<boolean> {
  try {
    await rest.get(`/group/${encodeURIComponent(g.id)}`);
    return false;
  } catch (err) {
    if (!notFound(err)) throw err;
  }
  await rest.post('/group/create', { id: g.id, name: g.name, type });
  return true;
}

export interface UserSpec {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  groups: string[];
}

/** Creates the user when missing; resetPassword makes an existing account take the given password. */
export async function ensureUser(
  rest: EngineRest,
  user: UserSpec,
  opts: { resetPassword?: boolean; adminPassword?: string } = {},
): Promise<boolean> {
  let created = false;
  try {
    await rest.get(`/user/${encodeURIComponent(user.id)}/profile`);
    if (opts.resetPassword) {
      await rest.put(`/user/${encodeURIComponent(user.id)}/credentials`, {
        password: user.password,
        authenticatedUserPassword: opts.adminPassword,
      });
    }
  } catch (err) {
    if (!notFound(err)) throw err;
    await rest.post('/user/create', {
      profile: { id: user.id, firstName: user.firstName, lastName: user.lastName, email: user.email },
      credentials: { password: user.password },
    });
    created = true;
  }
  for (const groupId of user.groups) {
    const members = await rest.get(
      `/user?id=${encodeURIComponent(user.id)}&memberOfGroup=${encodeURIComponent(groupId)}`,
    );
    if (members.length === 0) {
      await rest.put(`/group/${encodeURIComponent(groupId)}/members/${encodeURIComponent(user.id)}`);
    }
  }
  return created;
}

async function ensureGrant(rest: EngineRest, grant: Grant): Promise<void> {
  const existing = await engineData(
    rest.api.GET('/authorization', {
      params: {
        query: {
          type: 1,
          groupIdIn: grant.groupId,
          resourceType: grant.resourceType,
          resourceId: grant.resourceId,
        },
      },
    }),
  );
  const current = existing[0];
  if (!current?.id) {
    await rest.post('/authorization/create', { type: 1, ...grant });
    return;
  }
  const permissions = current.permissions ?? [];
  const missing = grant.permissions.filter((p) => !permissions.includes(p) && !permissions.includes('ALL'));
  if (missing.length > 0) {
    await rest.put(`/authorization/${current.id}`, {
      permissions: [...permissions, ...missing],
      groupId: grant.groupId,
      resourceType: grant.resourceType,
      resourceId: grant.resourceId,
    });
  }
}

export interface IdentitySetup {
  worker: { username: string; password: string };
  /** The narrow identity account (issue 16 (4)); without it, forming a panel is not possible. */
  identity?: { username: string; password: string };
  adminPassword: string;
  /** Local accounts for people (npm start only); none in production. */
  people?: UserSpec[];
}

/** Creates the groups, the workers' service account, the given people and every authorization. */
export async function ensureIdentities(
  rest: EngineRest,
  setup: IdentitySetup,
): Promise<{ createdUsers: string[] }> {
  for (const g of BUSINESS_GROUPS) await ensureGroup(rest, g, 'WORKFLOW');
  await ensureGroup(rest, { id: WORKERS_GROUP, name: '系统服务账号' }, 'SYSTEM');
  await nameEngineAdminsInChinese(rest);
  const createdUsers: string[] = [];
  const worker: UserSpec = {
    id: setup.worker.username,
    firstName: '流程',
    lastName: '服务',
    email: `${setup.worker.username}@localhost`,
    password: setup.worker.password,
    groups: [WORKERS_GROUP],
  };
  if (await ensureUser(rest, worker, { resetPassword: true, adminPassword: setup.adminPassword })) {
    createdUsers.push(worker.id);
  }
  if (setup.identity) {
    await ensureGroup(rest, { id: IDENTITY_GROUP, name: '系统服务账号（专家组与阅读授权）' }, 'SYSTEM');
    const identity: UserSpec = {
      id: setup.identity.username,
      firstName: '专家组',
      lastName: '服务',
      email: `${setup.identity.username}@localhost`,
      password: setup.identity.password,
      groups: [IDENTITY_GROUP],
    };
    if (await ensureUser(rest, identity, { resetPassword: true, adminPassword: setup.adminPassword }))
      createdUsers.push(identity.id);
  }
  for (const person of setup.people ?? []) {
    if (await ensureUser(rest, person)) createdUsers.push(person.id);
  }
  for (const grant of grants()) await ensureGrant(rest, grant);
  await ensureTaskFilters(rest);
  await revokeRetired(rest);
  return { createdUsers };
}

/**
 * Rights the workers' account had before issue 16 (4): removed from an engine set up by an earlier
 * version, so an upgrade does not keep them.
 */
async function revokeRetired(rest: EngineRest): Promise<void> {
  const retired: [number, string[]][] = [
    [RESOURCE.user, ['CREATE']],
    [RESOURCE.group, ['CREATE', 'DELETE']],
    [RESOURCE.groupMembership, ['CREATE', 'DELETE']],
    [RESOURCE.authorization, ['READ', 'CREATE', 'DELETE']],
  ];
  for (const [resourceType, drop] of retired) {
    const existing = await rest.get(
      `/authorization?type=1&groupIdIn=${WORKERS_GROUP}&resourceType=${resourceType}`,
    );
    for (const a of existing) {
      const permissions = a.permissions ?? [];
      const keep = permissions.filter((p) => !drop.includes(p) && p !== 'ALL');
      if (keep.length === permissions.length) continue;
      if (keep.length === 0 || (keep.length === 1 && keep[0] === 'NONE'))
        await rest.delete(`/authorization/${a.id}`);
      else
        await rest.put(`/authorization/${a.id}`, {
          permissions: keep,
          groupId: WORKERS_GROUP,
          resourceType,
          resourceId: a.resourceId,
        });
    }
  }
}

/**
 * Issue 16 (6): ids an expert may not take, because an account or group of the product has them
 * (an expert id is also their engine user id). Compared without case.
 */
export function reservedIds(extra: readonly string[] = []): Set<string> {
  return new Set(
    [
      'admin',
      'worker',
      'identity',
      'demo',
      CAMUNDA_ADMIN_GROUP,
      WORKERS_GROUP,
      IDENTITY_GROUP,
      ...BUSINESS_GROUPS.map((g) => g.id),
      'office1',
      'committee1',
      'government1',
      'expert1',
      'modeler1',
      ...RECOMMENDING_UNITS.map((u) => `unit-${u.id}`),
      ...DEPARTMENTS.map((d) => `dept-${d.id}`),
      ...extra,
    ].map((id) => id.toLowerCase()),
  );
}
