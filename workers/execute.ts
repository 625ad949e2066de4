import { effectKeyString, type EffectKey } from '../store/effects.js';
import {
  describeInputError,
  InputError,
  type Outcome,
  type TaskContext,
  type WorkerDefinition,
  type WorkerDeps,
} from './worker.js';

export interface RetryPolicy {
  /** Retries granted to a task on its first failure. */
  retries: number;
  /** Wait before the first retry; each further retry waits twice as long. */
  baseMs: number;
}

/** What the adapter must tell the engine about one task execution. */
export type Decision =
  | Outcome
  | { kind: 'failure'; errorMessage: string; errorDetails: string; retries: number; retryTimeout: number };

/** Retries left and the growing wait after a failure; `current` is the task's retries (null at first). */
export function nextRetry(
  current: number | null,
  policy: RetryPolicy,
): { retries: number; retryTimeout: number } {
  const remaining = Math.max(0, (current ?? policy.retries) - (current === null ? 0 : 1));
  const attempt = policy.retries - remaining; // 0 on the first failure
  return { retries: remaining, retryTimeout: policy.baseMs * 2 ** Math.max(0, attempt) };
}

export interface TaskFacts {
  taskId: string;
  topic: string;
  processInstanceId: string;
  processDefinitionKey: string;
  activityId: string;
  activityInstanceId: string;
  businessKey: string | null;
  retries: number | null;
}

/** Builds the handler context for one delivered task. */
export function taskContext(facts: TaskFacts, log: TaskContext['log']): TaskContext {
  const ctx: TaskContext = {
    ...facts,
    effectKey: (name: string): EffectKey => ({
      processInstanceId: facts.processInstanceId,
      activityInstanceId: facts.activityInstanceId,
      businessKey: facts.businessKey,
      name,
    }),
    // Through ctx.effectKey, so a replaced effectKey (the runtime's fault-test switch) applies here too.
    effectId: (name: string): string => effectKeyString(ctx.effectKey(name)),
    log,
  };
  return ctx;
}

/** Parses the input, runs the handler and turns every result, including faults, into a Decision. */
export async function executeTask(
  def: WorkerDefinition,
  variables: Record<string, unknown>,
  ctx: TaskContext,
  deps: WorkerDeps,
  policy: RetryPolicy,
  retries: number | null,
): Promise<Decision> {
  const parsed = def.input.safeParse(variables);
  if (!parsed.success) {
    return {
      kind: 'failure',
      errorMessage: `${def.title}：输入变量无效（${describeInputError(parsed.error)}）`.slice(0, 3900),
      errorDetails: JSON.stringify(parsed.error.issues, null, 2),
      retries: 0,
      retryTimeout: 0,
    };
  }
  try {
    const outcome = await def.handler(parsed.data, ctx, deps);
    if (outcome.kind === 'bpmnError' && !def.errorCodes.includes(outcome.code)) {
      throw new Error(`worker ${def.topic} returned undeclared BPMN error code ${outcome.code}`);
    }
    return outcome;
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    if (e instanceof InputError) {
      return {
        kind: 'failure',
        errorMessage: `${def.title}：${e.message}`.slice(0, 3900),
        errorDetails: e.stack ?? e.message,
        retries: 0,
        retryTimeout: 0,
      };
    }
    const next = nextRetry(retries, policy);
    return {
      kind: 'failure',
      errorMessage: `${def.title}：${e.message}`.slice(0, 3900),
      errorDetails: e.stack ?? e.message,
      ...next,
    };
  }
}
