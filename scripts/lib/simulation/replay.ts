// The no-op run of `npm run simulate` (issue 18 item 3): the same cycle once with the real workers and
// once with no-op handlers, to show what the workers cost next to the engine and the diagram alone.
// A no-op handler must still end its task the way the diagram needs to take the same path, so the real
// run records what each worker returned (its outcome: variables, local variables or a BPMN error) and
// the no-op run hands it back without doing anything else: no store, no mail, no engine queries.
// An outcome is found by the task's topic, activity, business key and a hash of the variables the
// worker reads; when the variables differ (e.g. a score drawn in another order) the next unused outcome
// of the same activity and business key, then of the same activity, is taken (counted as a fallback).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  complete,
  describeInputError,
  InputError,
  type Outcome,
  type TaskContext,
  type WorkerDefinition,
} from '../../../workers/worker.js';

const RAW = z.record(z.string(), z.unknown());

/** One recorded outcome, listed under each of its keys; used once. */
interface Entry {
  outcome: Outcome;
  used: boolean;
}

type Slot = [Map<string, Entry[]>, string];

/** The outcomes of one real run, and the handlers' time per topic. */
export class Recording {
  private readonly exact = new Map<string, Entry[]>();
  private readonly byBusinessKey = new Map<string, Entry[]>();
  private readonly byActivity = new Map<string, Entry[]>();
  /** Handler time (ms) and count per topic: where the real workers spend their time. */
  readonly handlerMs = new Map<string, { ms: number; count: number }>();
  /** Replay statistics of the no-op run. */
  readonly replayed = { exact: 0, fallback: 0, missing: 0 };

  record(ctx: TaskContext, raw: Record<string, unknown>, outcome: Outcome, ms: number): void {
    const entry: Entry = { outcome, used: false };
    for (const [map, key] of this.keys(ctx, raw)) {
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    }
    const t = this.handlerMs.get(ctx.topic);
    if (t) {
      t.ms += ms;
      t.count += 1;
    } else this.handlerMs.set(ctx.topic, { ms, count: 1 });
  }

  /** The recorded outcome for this task, each used once; undefined when the real run had none. */
  take(ctx: TaskContext, raw: Record<string, unknown>): Outcome | undefined {
    for (const [i, [map, key]] of this.keys(ctx, raw).entries()) {
      const list = map.get(key);
      // Entries used through another key are dropped here as they come up.
      while (list?.[0]?.used) list.shift();
      const entry = list?.shift();
      if (!entry) continue;
      entry.used = true;
      if (i === 0) this.replayed.exact += 1;
      else this.replayed.fallback += 1;
      return entry.outcome;
    }
    this.replayed.missing += 1;
    return undefined;
  }

  private keys(ctx: TaskContext, raw: Record<string, unknown>): [Slot, Slot, Slot] {
    const activity = `${ctx.processDefinitionKey}:${ctx.activityId}:${ctx.topic}`;
    const byKey = `${activity}:${ctx.businessKey ?? ''}`;
    return [
      [this.exact, `${byKey}:${hashVariables(raw)}`],
      [this.byBusinessKey, byKey],
      [this.byActivity, activity],
    ];
  }
}

/** A stable hash of variables: keys sorted at every level, dates as ISO text. */
export function hashVariables(vars: Record<string, unknown>): string {
  const stable = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(stable);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return createHash('sha1')
    .update(JSON.stringify(stable(vars)))
    .digest('hex');
}

/** The real workers, each recording its outcome and time into `recording`; otherwise unchanged. */
export function recordingWorkers(
  workers: readonly WorkerDefinition[],
  recording: Recording,
): WorkerDefinition[] {
  return workers.map((def) => ({
    ...def,
    input: RAW,
    async handler(raw: Record<string, unknown>, ctx, deps) {
      // The worker's own schema, with the same consequence as the runtime's parse: an incident at once.
      const parsed = def.input.safeParse(raw);
      if (!parsed.success) throw new InputError(`输入变量无效（${describeInputError(parsed.error)}）`);
      const started = performance.now();
      const outcome = await def.handler(parsed.data, ctx, deps);
      recording.record(ctx, raw, outcome, performance.now() - started);
      return outcome;
    },
  }));
}

/** No-op workers on the same topics, reading the same variables, returning the recorded outcomes. */
export function noopWorkers(workers: readonly WorkerDefinition[], recording: Recording): WorkerDefinition[] {
  return workers.map((def) => ({
    topic: def.topic,
    title: `${def.title}（空操作）`,
    input: RAW,
    variables: def.variables,
    errorCodes: def.errorCodes,
    handler: async (raw: Record<string, unknown>, ctx: TaskContext) => recording.take(ctx, raw) ?? complete(),
  }));
}
