// The only module that imports camunda-external-task-client-js: it turns worker definitions into
// subscriptions and Decisions into engine calls.
import {
  BasicAuthInterceptor,
  Client,
  Variables as CamundaVariables,
  type HandlerArgs,
  type Task,
} from 'camunda-external-task-client-js';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { executeTask, taskContext, type RetryPolicy } from './execute.js';
import type { Variables, WorkerDefinition, WorkerDeps } from './worker.js';

export interface RuntimeOptions {
  engineUrl: string;
  username: string;
  password: string;
  workerId: string;
  maxParallelExecutions: number;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WorkerRuntime {
  /** Stops polling, waits for handlers in flight and returns when none is left. */
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

/** The HTTP status of a failed poll (the client's EngineError), if the engine answered at all. */
export function pollStatus(err: unknown): number | undefined {
  const e = err as { httpStatusCode?: unknown; response?: { statusCode?: unknown } } | undefined;
  const code = e?.httpStatusCode ?? e?.response?.statusCode;
  if (typeof code === 'number') return code;
  const m = /Response code (\d{3})/.exec(String((err as Error)?.message ?? ''));
  return m ? Number(m[1]) : undefined;
}

const MIN_POLL_INTERVAL_MS = 300;
const MAX_POLL_INTERVAL_MS = 30000;

function toCamundaVariables(values: Variables | undefined): CamundaVariables | undefined {
  if (!values) return undefined;
  const vars = new CamundaVariables();
  for (const [name, value] of Object.entries(values)) {
    // Objects and arrays become Spin JSON variables; everything else keeps its primitive type.
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      vars.setTyped(name, { type: 'json', value: JSON.stringify(value) });
    } else {
      vars.set(name, value);
    }
  }
  return vars;
}

/** Subscribes every worker and starts long polling. */
export function startWorkerRuntime(
  workers: readonly WorkerDefinition[],
  deps: WorkerDeps,
  opts: RuntimeOptions,
): WorkerRuntime {
  const client = new Client({
    baseUrl: opts.engineUrl,
    workerId: opts.workerId,
    maxTasks: opts.maxParallelExecutions,
    maxParallelExecutions: opts.maxParallelExecutions,
    lockDuration: opts.lockDurationMs,
    asyncResponseTimeout: opts.longPollMs,
    interval: MIN_POLL_INTERVAL_MS,
    autoPoll: false,
    interceptors: new BasicAuthInterceptor({ username: opts.username, password: opts.password }) as never,
    use: () => undefined, // the client's own console logger is replaced by the pino lines below
  });

  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  // The client polls at a fixed interval; back off while the engine is unreachable.
  let failures = 0;
  let health: WorkerHealth = { status: 'starting', message: '工作进程正在连接引擎' };
  client.on('poll:error', (err: unknown) => {
    // The long poll in flight when we stop is cut when the engine goes down: not an outage.
    if (stopping) return;
    failures += 1;
    client.options.interval = Math.min(
      opts.maxBackoffMs ?? MAX_POLL_INTERVAL_MS,
      MIN_POLL_INTERVAL_MS * 2 ** failures,
    );
    const status = pollStatus(err);
    if (status === 401 || status === 403) {
      // Issue 16 (1): the engine answered, and refused the account: a credentials problem, not an outage.
      health = {
        status: 'credentials',
        message: `引擎拒绝了工作进程的服务账号 ${opts.username}（HTTP ${status}）：请检查 CAMUNDA_WORKER_USER / CAMUNDA_WORKER_PASSWORD，或该账号是否已被引擎锁定`,
      };
      opts.log.error({ status, user: opts.username, retryInMs: client.options.interval }, health.message);
      return;
    }
    health = {
      status: 'unreachable',
      message: `引擎暂时无法连接：${String((err as Error)?.message ?? err)}`,
    };
    opts.log.warn(
      { err: String((err as Error)?.message ?? err), retryInMs: client.options.interval },
      '引擎暂时无法连接，稍后重试',
    );
  });
  client.on('poll:success', () => {
    if (failures > 0) opts.log.info('引擎已重新连接');
    health = { status: 'ok', message: '工作进程正常' };
    failures = 0;
    client.options.interval = MIN_POLL_INTERVAL_MS;
  });

  for (const def of workers) {
    const handle = async ({ task, taskService }: HandlerArgs): Promise<void> => {
      if (stopping) {
        await taskService.unlock(task).catch(() => undefined);
        return;
      }
      const started = Date.now();
      const log = opts.log.child({
        topic: def.topic,
        taskId: task.id,
        processInstanceId: task.processInstanceId,
        businessKey: task.businessKey,
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
      const decision = await executeTask(def, task.variables.getAll(), ctx, deps, opts.retry, task.retries);
      // After the effect, before the engine hears of it: the window a redelivery must survive.
      if (testDelayMs > 0) {
        log.info({ testDelayMs, phase: 'after-effect' }, `${def.title}：测试延迟，待报告结果`);
        await sleep(testDelayMs);
      }
      const ms = Date.now() - started;
      try {
        switch (decision.kind) {
          case 'complete':
            await taskService.complete(
              task,
              toCamundaVariables(decision.variables),
              toCamundaVariables(decision.localVariables),
            );
            log.info({ outcome: 'completed', ms }, `${def.title}：完成`);
            break;
          case 'bpmnError':
            await taskService.handleBpmnError(
              task,
              decision.code,
              decision.message,
              toCamundaVariables(decision.variables),
            );
            log.info({ outcome: 'bpmn-error', code: decision.code, ms }, `${def.title}：${decision.message}`);
            break;
          case 'failure':
            await taskService.handleFailure(task, {
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
    };
    const subscription = {
      lockDuration: opts.lockDurationMs,
      ...(def.variables ? { variables: [...def.variables] } : {}),
    };
    client.subscribe(def.topic, subscription, (args) => {
      const run = handle(args).catch((err: unknown) => opts.log.error({ err }, 'worker handler crashed'));
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
      return run;
    });
  }

  if (opts.testUnkeyedTopic)
    opts.log.warn(
      { topic: opts.testUnkeyedTopic },
      '测试开关 QA_FAULT_UNKEYED_TOPIC：该主题的副作用不再去重（仅用于故障测试）',
    );
  client.start();
  opts.log.info(
    { topics: workers.map((w) => w.topic), maxParallelExecutions: opts.maxParallelExecutions },
    'workers started',
  );

  return {
    health: () => health,
    async stop() {
      stopping = true;
      client.stop();
      await Promise.allSettled([...inFlight]);
      opts.log.info('workers stopped');
    },
  };
}

function facts(task: Task) {
  return {
    taskId: task.id,
    topic: task.topicName,
    processInstanceId: task.processInstanceId,
    processDefinitionKey: task.processDefinitionKey,
    activityId: task.activityId,
    activityInstanceId: task.activityInstanceId,
    businessKey: task.businessKey,
    retries: task.retries,
  };
}
