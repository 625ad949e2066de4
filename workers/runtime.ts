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
  /**
   * Every engine node on the shared database (ENGINE_URLS; default: engineUrl alone). The runtime
   * keeps one fetch-and-lock loop per node, so a task waits on no node's long poll, and a node that
   * goes down only stops its own loop (it backs off and logs); the others keep working.
   */
  engineUrls?: readonly string[];
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
  const urls = opts.engineUrls && opts.engineUrls.length > 0 ? [...opts.engineUrls] : [opts.engineUrl];
  const many = urls.length > 1;
  const posts = urls.map((engineUrl) => engineHttp({ ...opts, engineUrl }));
  /** A node's name in the log lines, when there is more than one. */
  const nodeOf = (node: number) => (many ? `（节点 ${urls[node]}）` : '');
  /**
   * Reports about a task (complete, failure, unlock) go to the node that delivered it and, when that
   * node cannot be reached, to the next: the nodes share one database, and the engine refuses a
   * second report of the same task (it is gone or locked anew), so nothing is reported twice.
   */
  async function post<U extends EngineUrl<'post'>>(
    node: number,
    path: U,
    body?: EngineBody<'post', U>,
  ): Promise<EngineResponse<'post', U>> {
    let lastErr: unknown;
    for (let i = 0; i < posts.length; i++) {
      try {
        return await posts[(node + i) % posts.length]!(path, body);
      } catch (err) {
        if (err instanceof EngineHttpError) throw err; // the engine answered: its answer stands
        lastErr = err;
      }
    }
    throw lastErr;
  }
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
  // Each node's fetch asks for its share, so every node's loop keeps a long poll open.
  const maxTasksPerNode = Math.max(1, Math.ceil(maxTasks / urls.length));
  const maxBackoffMs = opts.maxBackoffMs ?? MAX_BACKOFF_MS;

  const inFlight = new Set<Promise<void>>();
  /** Slots asked for by fetches in flight (not yet handlers): no two nodes' loops fill the same slot. */
  let reserved = 0;
  let waiters: (() => void)[] = [];
  const wakeWaiters = () => {
    const wake = waiters;
    waiters = [];
    for (const w of wake) w();
  };
  let stopping = false;
  const stopSignal = new AbortController();
  interface NodeState {
    pendingPoll: Promise<void> | null;
    pollAbort: AbortController | null;
    health: WorkerHealth;
  }
  const nodes: NodeState[] = urls.map(() => ({
    pendingPoll: null,
    pollAbort: null,
    health: { status: 'starting', message: '工作进程正在连接引擎' },
  }));
  /** The node each locked task came from (its reports go there first). */
  const source = new WeakMap<LockedTask, number>();
  const nodeOfTask = (task: LockedTask) => source.get(task) ?? 0;

  const unlock = (task: LockedTask) =>
    post(nodeOfTask(task), `/external-task/${encodeURIComponent(task.id)}/unlock`).catch((err: unknown) =>
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
          await post(nodeOfTask(task), `${path}/complete`, {
            workerId: task.workerId,
            variables: toTypedVariables(decision.variables),
            localVariables: toTypedVariables(decision.localVariables),
          });
          log.info({ outcome: 'completed', ms }, `${def.title}：完成`);
          break;
        case 'bpmnError':
          await post(nodeOfTask(task), `${path}/bpmnError`, {
            workerId: task.workerId,
            errorCode: decision.code,
            errorMessage: decision.message,
            variables: toTypedVariables(decision.variables),
          });
          log.info({ outcome: 'bpmn-error', code: decision.code, ms }, `${def.title}：${decision.message}`);
          break;
        case 'failure':
          await post(nodeOfTask(task), `${path}/failure`, {
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
        wakeWaiters();
      });
    inFlight.add(p);
  }

  const fetchAndLock = async (
    node: number,
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
    return (await posts[node]!('/external-task/fetchAndLock', request, signal)) as LockedTask[];
  };

  /** All nodes' state in one: ok while any node answers (naming those that do not). */
  function health(): WorkerHealth {
    const ok = nodes.filter((n) => n.health.status === 'ok').length;
    if (ok > 0) {
      const down = urls.filter((_, i) => nodes[i]!.health.status !== 'ok');
      return down.length === 0
        ? { status: 'ok', message: '工作进程正常' }
        : { status: 'ok', message: `工作进程正常；引擎节点 ${down.join('、')} 暂时无法连接` };
    }
    return (
      nodes.find((n) => n.health.status === 'credentials')?.health ??
      nodes.find((n) => n.health.status === 'unreachable')?.health ??
      nodes[0]!.health
    );
  }

  async function loop(node: number): Promise<void> {
    const state = nodes[node]!;
    let failures = 0;
    while (!stopping) {
      const free = opts.maxParallelExecutions - inFlight.size - reserved;
      if (free <= 0) {
        // Every slot is busy: wait for one to free up instead of polling on a timer.
        await new Promise<void>((resolve) => waiters.push(resolve));
        continue;
      }
      const asked = Math.min(maxTasksPerNode, free);
      reserved += asked;
      state.pollAbort = new AbortController();
      const poll = fetchAndLock(node, asked, opts.longPollMs || undefined, state.pollAbort.signal);
      let tasks: LockedTask[] = [];
      state.pendingPoll = poll.then(
        (got) => void (tasks = got),
        (err: unknown) => {
          throw err;
        },
      );
      try {
        await state.pendingPoll;
        if (failures > 0) opts.log.info({ engineUrl: urls[node] }, `引擎已重新连接${nodeOf(node)}`);
        failures = 0;
        state.health = { status: 'ok', message: '工作进程正常' };
      } catch (err) {
        if (stopping) break; // the long poll in flight when we stop is ended on purpose
        failures += 1;
        const retryInMs = Math.min(maxBackoffMs, MIN_BACKOFF_MS * 2 ** failures);
        const status = err instanceof EngineHttpError ? err.status : undefined;
        if (status === 401 || status === 403) {
          // Issue 16 (1): the engine answered, and refused the account: a credentials problem, not an outage.
          state.health = {
            status: 'credentials',
            message: `引擎${nodeOf(node)}拒绝了工作进程的服务账号 ${opts.username}（HTTP ${status}）：请检查 CAMUNDA_WORKER_USER / CAMUNDA_WORKER_PASSWORD，或该账号是否已被引擎锁定`,
          };
          opts.log.error(
            { status, user: opts.username, retryInMs, engineUrl: urls[node] },
            state.health.message,
          );
        } else {
          state.health = {
            status: 'unreachable',
            message: `引擎${nodeOf(node)}暂时无法连接：${String((err as Error)?.message ?? err)}`,
          };
          opts.log.warn(
            { err: String((err as Error)?.message ?? err), status, retryInMs, engineUrl: urls[node] },
            many
              ? `引擎暂时无法连接${nodeOf(node)}，稍后重试；其他节点照常工作`
              : '引擎暂时无法连接，稍后重试',
          );
        }
        await sleep(retryInMs, stopSignal.signal);
        continue;
      } finally {
        reserved -= asked;
        state.pendingPoll = null;
        state.pollAbort = null;
        // Slots this poll asked for and did not fill are free again for the other nodes' loops (they
        // resume after this turn, when the tasks below already count as in flight).
        wakeWaiters();
      }
      for (const task of tasks) {
        source.set(task, node);
        run(task); // during stop, handle() unlocks them
      }
      if (tasks.length === 0 && !opts.longPollMs) await sleep(SHORT_POLL_INTERVAL_MS, stopSignal.signal);
    }
  }

  /** Ends a node's pending long poll in the engine: a short poll of the same worker replaces it. */
  async function endPendingPoll(node: number): Promise<void> {
    const state = nodes[node]!;
    const pending = state.pendingPoll;
    if (!pending) return;
    const settled = pending.then(
      () => true,
      () => true,
    );
    for (let round = 0; round < 5; round++) {
      let got: LockedTask[] = [];
      try {
        got = await fetchAndLock(node, maxTasksPerNode, 1);
      } catch (err) {
        opts.log.warn(
          { err: String((err as Error)?.message ?? err), engineUrl: urls[node] },
          `停止时无法结束等待中的取任务请求${nodeOf(node)}`,
        );
        state.pollAbort?.abort(); // the node is not answering: nothing waits there to be ended
        break;
      }
      for (const task of got) source.set(task, node);
      await Promise.all(got.map(unlock));
      if (got.length === 0) break;
    }
    const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS).unref());
    if (!(await Promise.race([settled, timer]))) {
      opts.log.warn(
        '引擎未结束等待中的取任务请求（未启用 fetch-and-lock-unique-worker-request？），已中断连接',
      );
      state.pollAbort?.abort();
    }
  }

  if (opts.testUnkeyedTopic)
    opts.log.warn(
      { topic: opts.testUnkeyedTopic },
      '测试开关 QA_FAULT_UNKEYED_TOPIC：该主题的副作用不再去重（仅用于故障测试）',
    );
  const looping = Promise.all(
    urls.map((_, node) =>
      loop(node).catch((err: unknown) =>
        opts.log.error({ err, engineUrl: urls[node] }, 'worker poll loop crashed'),
      ),
    ),
  );
  opts.log.info(
    {
      topics: workers.map((w) => w.topic),
      maxParallelExecutions: opts.maxParallelExecutions,
      maxTasks,
      workerId: opts.workerId,
      engineUrls: urls,
    },
    'workers started',
  );

  return {
    health,
    async stop() {
      if (stopping) return;
      stopping = true;
      stopSignal.abort();
      wakeWaiters();
      await Promise.all(urls.map((_, node) => endPendingPoll(node)));
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
