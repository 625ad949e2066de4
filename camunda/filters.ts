import { createHash } from 'node:crypto';
import type { EngineRest } from './rest.js';

// Tasklist filters for every person (issue 12): each lists only the tasks of the person who is
// logged in — assigned to them, or offered to one of their groups — so the office never sees, and
// cannot try to claim, a unit's, an expert's or the committee's task. The filters are shared (no
// owner); every business group reads them through its READ grant on filters (identity.ts). The
// expressions (currentUser(), currentUserGroups(), now()) are evaluated by the engine for whoever
// opens the list. Idempotent: run on every start; a filter is created when missing and its query is
// put back when it differs.

/** The task variables Tasklist shows under each task of a filter: whom the task is about. */
const SUBJECT_VARIABLES = [
  { name: 'applicantName', label: '申报组织或个人' },
  { name: 'reviewApplicantName', label: '评审的申报' },
  { name: 'holderName', label: '获奖组织或个人' },
  { name: 'year', label: '评选年度' },
];

const MINE = { assigneeExpression: '${currentUser()}' };
const MY_GROUPS = { candidateGroupsExpression: '${currentUserGroups()}' };

export interface FilterSpec {
  name: string;
  description: string;
  priority: number;
  query: Record<string, unknown>;
}

export const TASK_FILTERS: readonly FilterSpec[] = [
  {
    name: '我的待办',
    description: '分配给我本人的任务',
    priority: -30,
    query: { ...MINE, sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' }] },
  },
  {
    name: '本组待办',
    description: '我所在单位或小组可以认领的任务',
    priority: -20,
    query: { ...MY_GROUPS, sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' }] },
  },
  {
    name: '已逾期',
    description: '已过截止日期、仍未完成的我的任务和本组任务',
    priority: -10,
    query: {
      dueBeforeExpression: '${now()}',
      orQueries: [{ ...MINE, ...MY_GROUPS, includeAssignedTasks: true }],
      sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' }],
    },
  },
  // The engine creates 全部任务 at every start when it is missing (application.yaml
  // camunda.bpm.filter.create), listing every task the person may read; it is kept, but limited to
  // the person's own and their groups' tasks.
  {
    name: '全部任务',
    description: '我本人和本组的全部任务',
    priority: 0,
    query: {
      orQueries: [{ ...MINE, ...MY_GROUPS, includeAssignedTasks: true }],
      sorting: [{ sortBy: 'created', sortOrder: 'desc' }],
    },
  },
];

/** A digest of what the project sets on a filter, kept in its properties to tell whether it is current. */
function digest(spec: FilterSpec): string {
  return createHash('sha256')
    .update(JSON.stringify([spec, SUBJECT_VARIABLES]))
    .digest('hex')
    .slice(0, 16);
}

function body(spec: FilterSpec) {
  return {
    resourceType: 'Task',
    name: spec.name,
    owner: null,
    query: spec.query,
    properties: {
      description: spec.description,
      priority: spec.priority,
      refresh: true,
      variables: SUBJECT_VARIABLES,
      setupDigest: digest(spec),
    },
  };
}

/** Puts the shared filters in place; returns the names of the filters it created or changed. */
export async function ensureTaskFilters(rest: EngineRest): Promise<string[]> {
  const changed: string[] = [];
  for (const spec of TASK_FILTERS) {
    const existing = (
      await rest.get(`/filter?resourceType=Task&name=${encodeURIComponent(spec.name)}`)
    ).filter((f) => !f.owner);
    const wanted = body(spec);
    if (existing.length === 0) {
      await rest.post('/filter/create', wanted);
      changed.push(spec.name);
      continue;
    }
    for (const f of existing) {
      if (f.properties?.setupDigest === wanted.properties.setupDigest) continue;
      await rest.put(`/filter/${f.id}`, wanted);
      changed.push(spec.name);
    }
  }
  return changed;
}
