// The only module that speaks the engine's external-task REST API: it turns worker definitions into one
// fetch-and-lock loop and Decisions into engine calls.
//
// Why not camunda-external-task-client-js: its poll loop waits `interval` after every fetch even with
// long polling, spins on a timer while every slot is busy, and cannot end its pending long poll on stop.
// This loop (issue 18) fetches as many tasks as there are free slots, polls again at once after a long
// poll (a backoff only after errors), asks each topic only for the variables its worker reads, and on
// stop replaces its pending long poll by a short one (the engine runs with
// fetch-and-lock-unique-worker-request), unlocking anything delivered meanwhile, so no task stays
// locked to a stopped worker. scripts/bench/runtime.ts compares it with the bare client.
import { randomUUID } from 'node:crypto';
import type { EngineBody, EngineDto, EngineResponse, EngineUrl, Present } from '../camunda/rest.js';
import type { Logger } from 'pino';
import { executeTask, taskContext, type RetryPolicy } from './execute.js';
import type { Variables, WorkerDefinition, WorkerDeps } from './worker.js';

export interface RuntimeOptions {
  engineUrl: string;
  username: string;
  password: string;
  workerId: string;
  /** Tasks handled at once (WORKER_MAX_PARALLEL). */
  maxParallelExecutions: number;
  /** Tasks asked for in one fetch (WORKER_MAX_TASKS); at most the free slots. Default: all of them. */
  maxTasks?: number;
  lockDurationMs: number;
  longPollMs: number;
  retry: RetryPolicy;
  /** The longest wait between polls while the engine is unreachable (WORKER_BACKOFF_MAX_MS). */
  maxBackoffMs?: number;
  log: Logger;
  /** Tests only (WORKER_TEST_DELAY_MS): a wait before and after each handler, so a kill lands mid-task. */
  testDelayMs?: number;
  /**
   * Tests only (QA_FAULT_UNKEYED_TOPIC, honoured under NODE_ENV=test): this topic's effect keys become
   * unique per delivery, i.e. the idempotency key is removed, so the fault tests can prove they fail.
   */
  testUnkeyedTopic?: string;
}

export interface WorkerRuntime {
  /** Stops polling, ends the pending long poll, waits for handlers in flight and returns when none is left. */
  stop(): Promise<void>;
  /** How the last poll went: ok, the engine refused the credentials, or the engine is unreachable. */
  health?(): WorkerHealth;
}

/** The workers' state for /healthz (workers/health.ts publishes it through the store). */
export interface WorkerHealth {
  status: 'ok' | 'credentials' | 'unreachable' | 'starting';
  /** In Chinese, for the operator. */
  message: string;
}

/** The first wait after a failed poll; it doubles up to maxBackoffMs. */
const MIN_BACKOFF_MS = 300;
const MAX_BACKOFF_MS = 30000;
/** Without long polling an empty fetch waits this long before the next one. */
const SHORT_POLL_INTERVAL_MS = 300;
/** How long stop() waits for the engine to answer the cancelled long poll before cutting it. */
const STOP_GRACE_MS = 3000;

/** A typed value as the runtime sends it (the engine's VariableValueDto with type and value set). */
type TypedValue = Present<EngineDto<'VariableValueDto'>, 'type'> & { value: unknown };

/**
 * One locked external task as fetchAndLock returns it: the engine fills the task's id, topic, worker,
 * instance, definition key and activity for every task it locks (businessKey and retries may be null).
 */
type LockedTask = Present<
  EngineDto<'LockedExternalTaskDto'>,
  | 'id'
  | 'topicName'
  | 'workerId'
  | 'processInstanceId'
  | 'processDefinitionKey'
  | 'activityId'
  | 'activityInstanceId'
>;

export class EngineHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** A JavaScript value as the engine's typed value (the same mapping as the Camunda JS client). */
export function toTypedValue(value: unknown): TypedValue {
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { value, type: 'Double' };
    return { value, type: value >= INT_MIN && value <= INT_MAX ? 'Integer' : 'Long' };
  }
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'string') return { value, type: 'String' };
  if (value instanceof Date) return { value: value.toISOString().replace(/Z$/, '+0000'), type: 'Date' };
  // Objects and arrays become Spin JSON variables (no 4000-character String column in the way).
  return { value: JSON.stringify(value), type: 'Json' };
}

function toTypedVariables(values: Variables | undefined): Record<string, TypedValue> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toTypedValue(value)]));
}

/** The engine's typed value as a JavaScript value: Json parsed, Date as Date, the rest as sent. */
export function fromTypedValue(typed: EngineDto<'VariableValueDto'>): unknown {
  const type = (typed.type ?? '').toLowerCase();
  if (type === 'json' && typeof typed.value === 'string') return JSON.parse(typed.value);
  if (type === 'date' && typed.value !== null) return new Date(typed.value as string);
  return typed.value;
}

function fromTypedVariables(
  vars: Record<string, EngineDto<'VariableValueDto'>> | null | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, typed] of Object.entries(vars ?? {})) out[name] = fromTypedValue(typed);
  return out;
}

/** A small client of the engine's external-task REST API (keep-alive connections of Node's fetch). */
export function engineHttp(opts: { engineUrl: string; username: string; password: string }) {
  const base = opts.engineUrl.replace(/\/+$/, '');
  const auth = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  /** POSTs the body (typed from engine-rest.d.ts by the URL; `{}` when the call takes none). */
  return async function post<U extends EngineUrl<'post'>>(
    path: U,
    body?: EngineBody<'post', U>,
    signal?: AbortSignal,
  ): Promise<EngineResponse<'post', U>> {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify(body ?? {}),
      signal,
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new EngineHttpError(res.status, `HTTP ${res.status} ${path}: ${message || res.statusText}`);
    }
    return (text ? JSON.parse(text) : undefined) as EngineResponse<'post', U>;
  };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Subscribes every worker and starts long polling. */
export function startWorkerRuntime(
  workers: readonly WorkerDefinition[],
  deps: WorkerDeps,
  opts: RuntimeOptions,
): WorkerRuntime {
  const post = engineHttp(opts);
  const byTopic = new Map(workers.map((w) => [w.topic, w]));
  const topics: EngineDto<'FetchExternalTaskTopicDto'>[] = workers.map((def) => ({
    topicName: def.topic,
    lockDuration: opts.lockDurationMs,
    // Only the variables the handler reads travel (and are deserialized) when the worker lists them.
    ...(def.variables ? { variables: [...def.variables] } : {}),
  }));
  const maxTasks = Math.max(
    1,
    Math.min(opts.maxTasks ?? opts.maxParallelExecutions, opts.maxParallelExecutions),
  );
  const maxBackoffMs = opts.maxBackoffMs ?? MAX_BACKOFF_MS;

  const inFlight = new Set<Promise<void>>();
  let slotFreed: (() => void) | null = null;
  let stopping = false;
  const stopSignal = new AbortController();
  let pendingPoll: Promise<void> | null = null;
  let pollAbort: AbortController | null = null;

  const unlock = (task: LockedTask) =>
    post(`/external-task/${encodeURIComponent(task.id)}/unlock`).catch((err: unknown) =>
      opts.log.warn({ err: String((err as Error)?.message ?? err), taskId: task.id }, '无法释放任务锁'),
    );

  async function handle(def: WorkerDefinition, task: LockedTask): Promise<void> {
    if (stopping) {
      await unlock(task);
      return;
    }
    const started = Date.now();
    const log = opts.log.child({
      topic: def.topic,
      taskId: task.id,
      processInstanceId: task.processInstanceId,
      businessKey: task.businessKey ?? null,
    });
    const ctx = taskContext(facts(task), log);
    if (opts.testUnkeyedTopic === def.topic) {
      const keyed = ctx.effectKey;
      const delivery = randomUUID();
      ctx.effectKey = (name) => ({ ...keyed(name), name: `${name}#${delivery}` });
    }
    const testDelayMs = opts.testDelayMs ?? 0;
    if (testDelayMs > 0) {
      log.info({ testDelayMs, phase: 'before-effect' }, `${def.title}：测试延迟，处理中`);
      await sleep(testDelayMs);
    }
    let variables: Record<string, unknown>;
    try {
      variables = fromTypedVariables(task.variables);
    } catch (err) {
      variables = {};
      log.error({ err: String(err) }, `${def.title}：变量无法解析`);
    }
    const decision = await executeTask(def, variables, ctx, deps, opts.retry, task.retries ?? null);
    // After the effect, before the engine hears of it: the window a redelivery must survive.
    if (testDelayMs > 0) {
      log.info({ testDelayMs, phase: 'after-effect' }, `${def.title}：测试延迟，待报告结果`);
      await sleep(testDelayMs);
    }
    const ms = Date.now() - started;
    const path = `/external-task/${encodeURIComponent(task.id)}` as const;
    try {
      switch (decision.kind) {
        case 'complete':
          await post(`${path}/complete`, {
            workerId: task.workerId,
            variables: toTypedVariables(decision.variables),
            localVariables: toTypedVariables(decision.localVariables),
          });
          log.info({ outcome: 'completed', ms }, `${def.title}：完成`);
          break;
        case 'bpmnError':
          await post(`${path}/bpmnError`, {
            workerId: task.workerId,
            errorCode: decision.code,
            errorMessage: decision.message,
            variables: toTypedVariables(decision.variables),
          });
          log.info({ outcome: 'bpmn-error', code: decision.code, ms }, `${def.title}：${decision.message}`);
          break;
        case 'failure':
          await post(`${path}/failure`, {
            workerId: task.workerId,
            errorMessage: decision.errorMessage,
            errorDetails: decision.errorDetails,
            retries: decision.retries,
            retryTimeout: decision.retryTimeout,
          });
          log.warn(
            {
              outcome: decision.retries > 0 ? 'retry' : 'incident',
              retries: decision.retries,
              retryInMs: decision.retryTimeout,
              ms,
            },
            decision.errorMessage,
          );
          break;
      }
    } catch (err) {
      // The engine did not take the result (lock expired, engine down): the task comes back later,
      // and its keyed side effects will not repeat.
      log.error(
        { err: String((err as Error)?.message ?? err), outcome: decision.kind },
        '无法向引擎报告任务结果',
      );
    }
  }

  function run(task: LockedTask): void {
    const def = byTopic.get(task.topicName);
    const work = def ? handle(def, task) : unlock(task).then(() => undefined);
    const p = work
      .catch((err: unknown) => opts.log.error({ err }, 'worker handler crashed'))
      .finally(() => {
        inFlight.delete(p);
        const wake = slotFreed;
        slotFreed = null;
        wake?.();
      });
    inFlight.add(p);
  }

  const fetchAndLock = async (
    max: number,
    asyncResponseTimeout: number | undefined,
    signal?: AbortSignal,
  ): Promise<LockedTask[]> => {
    const request: EngineDto<'FetchExternalTasksDto'> = {
      workerId: opts.workerId,
      maxTasks: max,
      usePriority: true,
      ...(asyncResponseTimeout ? { asyncResponseTimeout } : {}),
      topics,
    };
    return (await post('/external-task/fetchAndLock', request, signal)) as LockedTask[];
  };

  let health: WorkerHealth = { status: 'starting', message: '工作进程正在连接引擎' };

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      const free = opts.maxParallelExecutions - inFlight.size;
      if (free <= 0) {
        // Every slot is busy: wait for one to free up instead of polling on a timer.
        await new Promise<void>((resolve) => (slotFreed = resolve));
        continue;
      }
      pollAbort = new AbortController();
      const poll = fetchAndLock(Math.min(maxTasks, free), opts.longPollMs || undefined, pollAbort.signal);
      let tasks: LockedTask[] = [];
      pendingPoll = poll.then(
        (got) => void (tasks = got),
        (err: unknown) => {
          throw err;
        },
      );
      try {
        await pendingPoll;
        if (failures > 0) opts.log.info('引擎已重新连接');
        failures = 0;
        health = { status: 'ok', message: '工作进程正常' };
      } catch (err) {
        if (stopping) break; // the long poll in flight when we stop is ended on purpose
        failures += 1;
        const retryInMs = Math.min(maxBackoffMs, MIN_BACKOFF_MS * 2 ** failures);
        const status = err instanceof EngineHttpError ? err.status : undefined;
        if (status === 401 || status === 403) {
          // Issue 16 (1): the engine answered, and refused the account: a credentials problem, not an outage.
          health = {
            status: 'credentials',
            message: `引擎拒绝了工作进程的服务账号 ${opts.username}（HTTP ${status}）：请检查 CAMUNDA_WORKER_USER / CAMUNDA_WORKER_PASSWORD，或该账号是否已被引擎锁定`,
          };
          opts.log.error({ status, user: opts.username, retryInMs }, health.message);
        } else {
          health = {
            status: 'unreachable',
            message: `引擎暂时无法连接：${String((err as Error)?.message ?? err)}`,
          };
          opts.log.warn(
            { err: String((err as Error)?.message ?? err), status, retryInMs },
            '引擎暂时无法连接，稍后重试',
          );
        }
        await sleep(retryInMs, stopSignal.signal);
        continue;
      } finally {
        pendingPoll = null;
        pollAbort = null;
      }
      for (const task of tasks) run(task); // during stop, handle() unlocks them
      if (tasks.length === 0 && !opts.longPollMs) await sleep(SHORT_POLL_INTERVAL_MS, stopSignal.signal);
    }
  }

  /** Ends the pending long poll in the engine: a short poll of the same worker replaces it. */
  async function endPendingPoll(): Promise<void> {
    const pending = pendingPoll;
    if (!pending) return;
    const settled = pending.then(
      () => true,
      () => true,
    );
    for (let round = 0; round < 5; round++) {
      let got: LockedTask[] = [];
      try {
        got = await fetchAndLock(maxTasks, 1);
      } catch (err) {
        opts.log.warn({ err: String((err as Error)?.message ?? err) }, '停止时无法结束等待中的取任务请求');
        break;
      }
      await Promise.all(got.map(unlock));
      if (got.length === 0) break;
    }
    const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS).unref());
    if (!(await Promise.race([settled, timer]))) {
      opts.log.warn(
        '引擎未结束等待中的取任务请求（未启用 fetch-and-lock-unique-worker-request？），已中断连接',
      );
      pollAbort?.abort();
    }
  }

  if (opts.testUnkeyedTopic)
    opts.log.warn(
      { topic: opts.testUnkeyedTopic },
      '测试开关 QA_FAULT_UNKEYED_TOPIC：该主题的副作用不再去重（仅用于故障测试）',
    );
  const looping = loop().catch((err: unknown) => opts.log.error({ err }, 'worker poll loop crashed'));
  opts.log.info(
    {
      topics: workers.map((w) => w.topic),
      maxParallelExecutions: opts.maxParallelExecutions,
      maxTasks,
      workerId: opts.workerId,
    },
    'workers started',
  );

  return {
    health: () => health,
    async stop() {
      if (stopping) return;
      stopping = true;
      stopSignal.abort();
      const wake = slotFreed;
      slotFreed = null;
      wake?.();
      await endPendingPoll();
      await looping;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      opts.log.info('workers stopped');
    },
  };
}

function facts(task: LockedTask) {
  return {
    taskId: task.id,
    topic: task.topicName,
    processInstanceId: task.processInstanceId,
    processDefinitionKey: task.processDefinitionKey,
    activityId: task.activityId,
    activityInstanceId: task.activityInstanceId,
    businessKey: task.businessKey ?? null,
    retries: task.retries ?? null,
  };
}
