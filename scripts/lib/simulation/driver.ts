// Drives one cycle through the engine: starts award-cycle and the applications, answers every open
// user task by its definition key (answers.ts), fires timers through the job API instead of waiting,
// files objections during the 公示 when asked, and stops at the first incident, at a task it has
// no answer for, at a standstill or at the time limit.
import {
  EngineRestError,
  toVariables,
  type EngineDto,
  type EngineRest,
  type Present,
} from '../../../camunda/rest.js';
import type { Db } from '../../../store/index.js';
import { insertObjection } from '../../../store/objections.js';
import { ANSWERS, newState, WARNING_VARIABLES, type SimState, type SimTask } from './answers.js';
import { seededRandom, type SimPlan } from './generate.js';

/** The process definitions whose user tasks the simulation works. */
export const SIMULATED_PROCESSES = ['award-application', 'award-cycle'] as const;

export type SimIncident = Present<EngineDto<'IncidentDto'>, 'id' | 'incidentType'>;

export interface DriveOptions {
  /** The workers' store: objections are stored there as the objections API does. */
  db: Db;
  teamSize: number;
  objections: number;
  timeoutMs: number;
  seed: number;
  say: (line: string) => void;
  /** True once the run should stop (Ctrl-C). */
  aborted: () => boolean;
}

export interface DriveResult {
  cycleId: string;
  /** Why the run stopped before the cycle ended; undefined when it ended. */
  failure?: string;
  incidents: SimIncident[];
  /** Answers given per task definition key, in the order first seen, with the task's name. */
  answered: Map<string, { name: string; count: number }>;
  timersFired: Map<string, number>;
  objectionsFiled: { objectionId: string; applicationId: string; decision: 'upheld' | 'dismissed' }[];
  state: SimState;
  startedAt: number;
  endedAt: number;
}

type VariableDto = EngineDto<'VariableValueDto'>;
// The engine's DTOs with the fields it always fills for these queries present.
type JobDto = Present<
  EngineDto<'JobDto'>,
  'id' | 'jobDefinitionId' | 'retries' | 'suspended' | 'processInstanceId'
>;
type ExternalTask = Present<EngineDto<'ExternalTaskDto'>, 'id' | 'activityId' | 'topicName'>;
type ActivityTree = EngineDto<'ActivityInstanceDto'>;

/** Variables as plain values: Json and Object values parsed. */
export function plainVariables(vars: Record<string, VariableDto>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(vars).map(([name, v]) => {
      if ((v.type === 'Json' || v.type === 'Object') && typeof v.value === 'string') {
        try {
          return [name, JSON.parse(v.value)];
        } catch {
          return [name, v.value];
        }
      }
      return [name, v.value];
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isConcurrencyError = (err: unknown) =>
  err instanceof EngineRestError &&
  /OptimisticLocking|concurrently|was updated by another/i.test(err.message);
const isGone = (err: unknown) => err instanceof EngineRestError && err.status === 404;

/** Creation time, then definition key, name and assignee: the same order in every run of a plan. */
function stableOrder(a: SimTask, b: SimTask): number {
  const key = (t: SimTask) => [t.created ?? '', t.taskDefinitionKey, t.name, t.assignee ?? ''];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

/** Runs fn over items with at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Starts the cycle and its applications and works them until the cycle ends or cannot go on. */
export async function driveCycle(rest: EngineRest, plan: SimPlan, opts: DriveOptions): Promise<DriveResult> {
  const rnd = seededRandom(opts.seed + 1);
  const state = newState();
  const startedAt = Date.now();
  const elapsed = () => `[${String(Math.round((Date.now() - startedAt) / 1000)).padStart(4)} 秒]`;
  const result: DriveResult = {
    cycleId: '',
    incidents: [],
    answered: new Map(),
    timersFired: new Map(),
    objectionsFiled: [],
    state,
    startedAt,
    endedAt: startedAt,
  };
  const finish = (failure?: string): DriveResult => {
    result.failure = failure;
    result.endedAt = Date.now();
    return result;
  };

  // The cycle first (公告, Art. 18 (1)), then the applications of its window (Art. 18 (2)).
  const cycle = await rest.post('/process-definition/key/award-cycle/start', {
    variables: toVariables({ ...plan.cycleVariables, teamSize: opts.teamSize }),
  });
  result.cycleId = cycle.id;
  opts.say(`${elapsed()} 已启动年度评审 ${plan.cycleKey}`);
  await eachLimited(plan.applicants, 4, async (a) => {
    await rest.post('/process-definition/key/award-application/start', {
      variables: toVariables(a.variables),
    });
  });
  opts.say(`${elapsed()} 已提交 ${plan.applicants.length} 项申报`);

  const jobActivity = new Map<string, string>();
  const activityOfJob = async (job: JobDto): Promise<string> => {
    let activity = jobActivity.get(job.jobDefinitionId);
    if (!activity) {
      const def = await rest
        .get(`/job-definition/${job.jobDefinitionId}`)
        .catch(() => ({ activityId: job.jobDefinitionId }));
      activity = def.activityId ?? job.jobDefinitionId;
      jobActivity.set(job.jobDefinitionId, activity);
    }
    return activity;
  };
  const unlockedSince = new Map<string, number>();
  let idleRounds = 0;
  let objectionsPending = opts.objections;

  for (;;) {
    if (opts.aborted()) return finish('已中断（Ctrl-C）');
    if (Date.now() - startedAt > opts.timeoutMs)
      return finish(`超过时限 ${Math.round(opts.timeoutMs / 1000)} 秒，年度评审仍未结束`);

    const incidents = (await rest.get('/incident')) as SimIncident[];
    if (incidents.length > 0) {
      result.incidents = incidents;
      return finish(`出现 ${incidents.length} 个事件（incident）`);
    }
    const hist = await rest.get(`/history/process-instance/${cycle.id}`);
    if (hist.state === 'COMPLETED') {
      opts.say(`${elapsed()} 年度评审已结束`);
      return finish();
    }
    if (hist.state !== 'ACTIVE') return finish(`年度评审流程状态为 ${hist.state}`);

    // 1. Answer every open user task we know.
    const tasks = (await rest.get(
      `/task?processDefinitionKeyIn=${SIMULATED_PROCESSES.join(',')}&sortBy=created&sortOrder=asc`,
    )) as SimTask[];
    // A stable order among tasks created at the same instant (their ids are random), so that two
    // runs of one plan answer alike.
    const known = tasks.filter((t) => ANSWERS[t.taskDefinitionKey]).sort(stableOrder);
    if (!state.conflictDeclared && state.conflictTaskId === undefined)
      state.conflictTaskId = known.find((t) => t.taskDefinitionKey === 'Task_Confirm')?.id;
    if (known.length > 0) {
      idleRounds = 0;
      let failure: string | undefined;
      await eachLimited(known, 4, async (task) => {
        if (failure) return;
        failure = await answerTask(rest, task, plan, state, rnd, result, opts, elapsed);
      });
      if (failure) return finish(failure);
      continue;
    }

    // 2. Let the workers and the job executor finish what they hold.
    const external = (await rest.get('/external-task')) as ExternalTask[];
    const now = Date.now();
    for (const id of [...unlockedSince.keys()])
      if (!external.some((t) => t.id === id)) unlockedSince.delete(id);
    for (const t of external) {
      if (t.workerId) unlockedSince.delete(t.id);
      else if (!unlockedSince.has(t.id)) unlockedSince.set(t.id, now);
      else if (now - unlockedSince.get(t.id)! > 60_000)
        return finish(`外部任务 ${t.activityId}（主题 ${t.topicName}）60 秒无人处理：没有工作者订阅该主题？`);
    }
    const asyncJobs = ((await rest.get('/job?messages=true')) as JobDto[]).filter(
      (j) => j.retries > 0 && !j.suspended,
    );
    if (external.length > 0 || asyncJobs.length > 0) {
      idleRounds = 0;
      await sleep(200);
      continue;
    }

    // 3. Quiet: a task without an answer stops the run.
    const unknown = tasks.filter((t) => !ANSWERS[t.taskDefinitionKey]);
    if (unknown.length > 0)
      return finish(
        `没有自动答复的用户任务：${[...new Set(unknown.map((t) => `${t.name}（${t.taskDefinitionKey}）`))].join('、')}；请在 scripts/lib/simulation/answers.ts 中补充`,
      );

    // 4. During the 公示 (a publicity end is planned), file the objections asked for (Art. 18 (7)).
    if (objectionsPending > 0) {
      const filed = await fileObjections(
        rest,
        opts.db,
        plan,
        cycle.id,
        objectionsPending,
        state,
        opts.say,
        elapsed,
      );
      if (typeof filed === 'string') return finish(filed);
      if (filed.length > 0) {
        result.objectionsFiled.push(...filed);
        objectionsPending = 0;
        continue;
      }
    }

    // 5. Fire the earliest timer of the simulated processes instead of waiting for it.
    const timers = (
      await Promise.all(
        SIMULATED_PROCESSES.map(
          (key) => rest.get(`/job?timers=true&processDefinitionKey=${key}`) as Promise<JobDto[]>,
        ),
      )
    )
      .flat()
      .filter((j) => j.retries > 0 && !j.suspended)
      .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
    const timer = timers[0];
    if (timer) {
      idleRounds = 0;
      if (objectionsPending > 0 && timer.processInstanceId === cycle.id) {
        const activity = await activityOfJob(timer);
        if (/publicity/i.test(activity))
          return finish(`公示期已到，但无法提出异议：流程变量 publicityEndsAt 或 awards 缺失`);
      }
      const activity = await activityOfJob(timer);
      opts.say(`${elapsed()} 触发定时器 ${activity}（原定 ${timer.dueDate ?? '—'}）`);
      result.timersFired.set(activity, (result.timersFired.get(activity) ?? 0) + 1);
      await rest.post(`/job/${timer.id}/execute`).catch((err: unknown) => {
        if (!isGone(err) && !isConcurrencyError(err))
          opts.say(`${elapsed()} 定时器 ${activity} 执行出错：${(err as Error).message}`);
      });
      continue;
    }

    // 6. Nothing to do and the cycle has not ended: a standstill once it lasts.
    idleRounds += 1;
    if (idleRounds >= 10) {
      const where = await rest
        .get(`/process-instance/${cycle.id}/activity-instances`)
        .then((tree) => leaves(tree).join('、'))
        .catch(() => '未知');
      return finish(`流程停滞：没有待办任务、外部任务或定时器，年度评审停在 ${where}`);
    }
    await sleep(300);
  }
}

function leaves(tree: ActivityTree): string[] {
  const children = tree.childActivityInstances ?? [];
  if (children.length === 0) return [`${tree.activityName ?? ''}（${tree.activityId ?? ''}）`];
  return [...new Set(children.flatMap(leaves))];
}

/** Answers one task; returns a failure message when the engine refuses the answer. */
async function answerTask(
  rest: EngineRest,
  task: SimTask,
  plan: SimPlan,
  state: SimState,
  rnd: () => number,
  result: DriveResult,
  opts: DriveOptions,
  elapsed: () => string,
): Promise<string | undefined> {
  const key = task.taskDefinitionKey;
  let vars: Record<string, unknown>;
  try {
    vars = plainVariables(await rest.get(`/task/${task.id}/variables?deserializeValues=false`));
  } catch (err) {
    if (isGone(err)) return undefined;
    throw err;
  }
  const warning = WARNING_VARIABLES.map((w) => vars[w]).find((v) => typeof v === 'string' && v.trim() !== '');
  if (warning !== undefined && key !== 'Task_EligibilityReview') {
    const times = (state.returned.get(key) ?? 0) + 1;
    state.returned.set(key, times);
    if (times > 3) return `任务 ${task.name}（${key}）第 ${times} 次被退回：${String(warning)}`;
  }
  const values = ANSWERS[key]!({ task, vars, plan, state, rnd });
  for (let attempt = 1; ; attempt++) {
    try {
      await rest.post(`/task/${task.id}/complete`, { variables: toVariables(values) });
      break;
    } catch (err) {
      if (isGone(err)) return undefined;
      if (isConcurrencyError(err) && attempt < 5) {
        await sleep(100 * attempt);
        continue;
      }
      return `完成任务 ${task.name}（${key}）失败：${(err as Error).message}`;
    }
  }
  const seen = result.answered.get(key);
  if (seen) seen.count += 1;
  else {
    // The task's own name, without the applicant or year its create listener appends (｜…).
    const name = task.name.split('｜')[0]!;
    result.answered.set(key, { name, count: 1 });
    opts.say(`${elapsed()} 自动处理：${name}（${key}）`);
  }
  return undefined;
}

/**
 * Files `count` objections against awarded applications once the 公示 is planned (the cycle holds
 * publicityEndsAt and awards), as POST /objections does: stored in the transaction that correlates
 * `objection-filed` into the cycle. The first is upheld, the others dismissed. Returns the filed
 * objections (none yet when the 公示 has not started) or a failure message.
 */
async function fileObjections(
  rest: EngineRest,
  db: Db,
  plan: SimPlan,
  cycleId: string,
  count: number,
  state: SimState,
  say: (line: string) => void,
  elapsed: () => string,
): Promise<DriveResult['objectionsFiled'] | string> {
  const variable = async (name: string) =>
    rest
      .get(`/process-instance/${cycleId}/variables/${name}?deserializeValue=false`)
      .then((v) => plainVariables({ [name]: v })[name])
      .catch((err: unknown) => {
        if (isGone(err)) return undefined;
        throw err;
      });
  if ((await variable('publicityEndsAt')) === undefined) return [];
  // The office edits the list as JSON text (a Json variable when set through REST): accept both.
  const raw = await variable('awards');
  const awards: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (!Array.isArray(awards) || awards.length === 0) return [];
  const targets = (awards as { applicationId: string; applicantName: string }[]).slice(0, count);
  const filed: DriveResult['objectionsFiled'] = [];
  for (const [i, award] of targets.entries()) {
    const objectionId = `sim-objection-${i + 1}`;
    const decision = i === 0 ? 'upheld' : 'dismissed';
    const name = `异议人${i + 1}`;
    const reason = '反映该申报的质量绩效数据与实际不符，请予核查。';
    state.objectionDecisions.set(objectionId, decision);
    try {
      await db.transaction(async (tx) => {
        await insertObjection(tx, {
          id: objectionId,
          cycle: plan.cycleKey,
          applicationId: award.applicationId,
          applicantName: award.applicantName,
          name,
          contact: `sim-objector-${i + 1}@example.cn`,
          email: `sim-objector-${i + 1}@example.cn`,
          reason,
          filedBy: 'simulation',
          processInstanceId: cycleId,
          evidence: [],
        });
        await rest.post('/message', {
          messageName: 'objection-filed',
          businessKey: plan.cycleKey,
          processInstanceId: cycleId,
          processVariables: toVariables({
            objectionId,
            objectionApplicationId: award.applicationId,
            objectionApplicantName: award.applicantName,
            objectionReason: reason,
            objectionFiledBy: name,
          }),
        });
      });
    } catch (err) {
      return `公示期异议无法送达年度评审（消息 objection-filed）：${(err as Error).message}`;
    }
    filed.push({ objectionId, applicationId: award.applicationId, decision });
  }
  say(`${elapsed()} 公示期内提出异议 ${filed.length} 件`);
  return filed;
}
