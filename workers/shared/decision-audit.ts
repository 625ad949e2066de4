// Audit trail of the office's 资格审查 decisions (issue 8 (5); Art. 18 (3), Art. 27 retention): who
// decided what, when, and which data of the application they corrected. The decision is taken in
// the user task Task_EligibilityReview; the worker that runs next on the chosen path (the
// re-check, the opinions' summary, the applicant's notice) calls auditEligibilityDecisions, which
// records every finished review task of the instance once (keyed by the task id).
import { engineData, type EngineDto, type EngineRest, type Present } from '../../camunda/rest.js';
import { recordAudit } from '../../store/audit.js';
import type { TaskContext, WorkerDeps } from '../worker.js';

export const ELIGIBILITY_REVIEW_TASK = 'Task_EligibilityReview';

/** Variables of the review form that are the decision itself, not data of the application. */
const DECISION_VARIABLES = new Set([
  'reviewDecision',
  'reviewReasons',
  'reviewWarning',
  'consultDepartments',
  'consultDueDate',
  // Art. 26: a clerk's recusal is recorded by record-office-recusal, not as a decision or a correction.
  'officeRecusal',
  'officeRecusalReason',
  'officeRecusalBy',
]);

const DECISION_LABEL: Record<string, string> = {
  accept: '正式受理',
  reject: '不予受理',
  recheck: '更正后重新审查',
  consult: '书面征求相关部门意见',
};

/** A task of the history: the engine always fills its id and start time. */
type HistoricTask = Present<EngineDto<'HistoricTaskInstanceDto'>, 'id' | 'startTime'>;

/**
 * A variable update of the history: the engine always fills its name and time; its value is any
 * variable value (the OpenAPI description says object).
 */
type VariableUpdate = Present<Omit<EngineDto<'HistoricDetailDto'>, 'value'>, 'variableName' | 'time'> & {
  value?: unknown;
};

/** Engine timestamps carry "+0000"; Date.parse wants "+00:00". */
const ms = (time: string): number => Date.parse(time.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The user who completed the task, from the engine's user operation log; the assignee otherwise. */
async function completedBy(rest: EngineRest, task: HistoricTask): Promise<string> {
  const ops = await rest.get(
    `/history/user-operation?taskId=${encodeURIComponent(task.id)}&operationType=Complete`,
  );
  return ops.find((o) => o.userId)?.userId ?? task.assignee ?? '（未知用户）';
}

/** One review task's decision and corrected fields, from the variable updates made while it was open. */
export function reviewFacts(
  task: { startTime: string; endTime: string; activityInstanceId?: string | null },
  updates: VariableUpdate[],
): {
  decision: string | null;
  reasons: string | null;
  corrected: { field: string; from: unknown; to: unknown }[];
  recused: boolean;
} {
  const start = ms(task.startTime);
  const end = ms(task.endTime);
  // Only what the instance holds and what the review task set: a later task's input parameters
  // (mailTemplate of the notice after 资格审查) are local to that task and may be set in the same
  // instant the review ends.
  const ownScope = (u: VariableUpdate) =>
    !task.activityInstanceId ||
    !u.activityInstanceId ||
    u.activityInstanceId === u.processInstanceId ||
    u.activityInstanceId === task.activityInstanceId;
  const sorted = [...updates].filter(ownScope).sort((a, b) => ms(a.time) - ms(b.time));
  // Strictly after the start: the worker before the task sets its results in the same instant.
  const during = sorted.filter((u) => ms(u.time) > start && ms(u.time) <= end);
  const last = (name: string, list: VariableUpdate[]) => list.filter((u) => u.variableName === name).at(-1);
  const before = sorted.filter((u) => ms(u.time) <= start);
  const corrected: { field: string; from: unknown; to: unknown }[] = [];
  for (const name of new Set(during.map((u) => u.variableName))) {
    if (DECISION_VARIABLES.has(name)) continue;
    const from = last(name, before)?.value;
    const to = last(name, during)!.value;
    if (!same(from, to)) corrected.push({ field: name, from: from ?? null, to });
  }
  const text = (name: string) => {
    const v = last(name, during)?.value;
    return typeof v === 'string' && v !== '' ? v : null;
  };
  return {
    decision: text('reviewDecision'),
    reasons: text('reviewReasons'),
    corrected,
    recused: last('officeRecusal', during)?.value === true,
  };
}

/**
 * Records eligibility.decided (and eligibility.data-corrected when data changed) for every finished
 * 资格审查 task of this award-application instance; a task already recorded is skipped by its key.
 */
export async function auditEligibilityDecisions(ctx: TaskContext, deps: WorkerDeps): Promise<number> {
  const rest = deps.engine;
  const pid = encodeURIComponent(ctx.processInstanceId);
  const tasks = (await engineData(
    rest.api.GET('/history/task', {
      params: {
        query: {
          processInstanceId: ctx.processInstanceId,
          taskDefinitionKey: ELIGIBILITY_REVIEW_TASK,
          finished: true,
          sortBy: 'endTime',
          sortOrder: 'asc',
        },
      },
    }),
  )) as HistoricTask[];
  if (tasks.length === 0) return 0;
  const updates = (await rest.get(
    `/history/detail?processInstanceId=${pid}&variableUpdates=true&deserializeValues=false&sortBy=time&sortOrder=asc`,
  )) as VariableUpdate[];
  const applicationId =
    updates.filter((u) => u.variableName === 'applicationId').at(-1)?.value ?? ctx.businessKey ?? '';
  let recorded = 0;
  for (const task of tasks) {
    if (!task.endTime) continue;
    const facts = reviewFacts(
      { startTime: task.startTime, endTime: task.endTime, activityInstanceId: task.activityInstanceId },
      updates,
    );
    // Art. 26: the clerk recused instead of deciding (staff_recusals and recusal.office-declared).
    if (facts.recused && facts.decision === null) continue;
    const actor = await completedBy(rest, task);
    const label = facts.decision ? (DECISION_LABEL[facts.decision] ?? facts.decision) : '（未选择）';
    await deps.db.transaction(async (tx) => {
      const common = {
        actor,
        subject: String(applicationId),
        businessKey: ctx.businessKey,
        processInstanceId: ctx.processInstanceId,
      };
      await recordAudit(
        tx,
        {
          ...common,
          action: 'eligibility.decided',
          summary: `${actor} 资格审查结论：${label}${facts.reasons ? `；理由：${facts.reasons}` : ''}`,
          details: {
            taskId: task.id,
            decision: facts.decision,
            reasons: facts.reasons,
            decidedAt: task.endTime,
          },
        },
        `eligibility.decided/${task.id}`,
      );
      if (facts.corrected.length > 0)
        await recordAudit(
          tx,
          {
            ...common,
            action: 'eligibility.data-corrected',
            summary: `${actor} 更正了申报数据：${facts.corrected.map((c) => c.field).join('、')}`,
            details: {
              taskId: task.id,
              fields: facts.corrected.map((c) => c.field),
              changes: facts.corrected,
            },
          },
          `eligibility.data-corrected/${task.id}`,
        );
    });
    recorded++;
  }
  return recorded;
}
