// How workers are written (every new worker follows this):
// - A worker is a definition: topic, zod input schema, the BPMN error codes it may throw, and a
//   handler `(input, ctx, deps) => Outcome`. It never imports the Camunda client; runtime.ts does.
// - Outcomes are explicit: complete(variables), bpmnError(code, message) for business rejections
//   the diagram catches, or a thrown Error for a technical fault (the runtime reports it with
//   decreasing retries, then it becomes an incident). InputError is an incident at once.
// - The engine delivers a task at least once. Every side effect (mail, registry row, identity
//   change) must be keyed with ctx.effectKey(name) (ctx.effectId(name) for the store's text keys) so a
//   redelivered task does it once; the mailer's sendOnce and the store's effect table do this.
import type { RulesEdition } from '../domain/edition.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { EngineRest } from '../camunda/rest.js';
import type { Config } from '../config/config.js';
import type { Mailer } from '../mail/mailer.js';
import type { EffectKey } from '../store/effects.js';
import type { Db } from '../store/index.js';

export type Variables = Record<string, unknown>;

export type Outcome =
  | { kind: 'complete'; variables?: Variables; localVariables?: Variables }
  | { kind: 'bpmnError'; code: string; message: string; variables?: Variables };

/** Completes the task, setting process variables. */
export const complete = (variables?: Variables, localVariables?: Variables): Outcome => ({
  kind: 'complete',
  variables,
  localVariables,
});

/** Ends the task with a BPMN error the diagram catches (a business rejection, never a fault). */
export const bpmnError = (code: string, message: string, variables?: Variables): Outcome => ({
  kind: 'bpmnError',
  code,
  message,
  variables,
});

/** Input that no retry can fix: the runtime raises an incident at once with this message. */
export class InputError extends Error {}

export interface TaskContext {
  taskId: string;
  topic: string;
  processInstanceId: string;
  processDefinitionKey: string;
  activityId: string;
  activityInstanceId: string;
  businessKey: string | null;
  /** The key for one side effect of this task execution (see the rule above). */
  effectKey(name: string): EffectKey;
  /** The same key as the text the store's effect_key columns hold (effectKeyString of effectKey). */
  effectId(name: string): string;
  log: Logger;
}

/** The settings a handler may read: never a password (the engine client below carries the workers' own). */
export type WorkerSettings = Pick<Config, 'CAMUNDA_WORKER_USER' | 'dataDir'> & {
  /** The public address of the web server, for links in e-mails (PUBLIC_URL). */
  publicUrl?: string;
};

/** What main.ts wires into every handler. */
export interface WorkerDeps {
  db: Db;
  mailer: Mailer;
  /** The engine's REST API as the workers' service account. */
  engine: EngineRest;
  /**
   * Issue 16 (4): the narrow identity account (panel groups, expert users, experts' READ grants), used
   * only through workers/shared/identity.ts and grants.ts; absent when CAMUNDA_IDENTITY_PASSWORD is unset.
   */
  identity?: EngineRest;
  config: WorkerSettings;
  /** Art. 28: the edition files read at start-up (config/editions.ts); approved stored ones are added. */
  editions: readonly RulesEdition[];
}

export interface WorkerDefinition<S extends z.ZodType = z.ZodType> {
  topic: string;
  /** Chinese name, shown in logs and element templates. */
  title: string;
  input: S;
  /**
   * The process variables the handler reads, next to the schema that parses them: the runtime
   * subscribes with `variables:` so the engine sends only these. Absent: every variable is fetched
   * (workers/registry.test.ts allows that only for workers it names, with the reason).
   */
  variables?: readonly string[];
  /** Every BPMN error code the handler may return; the diagrams may catch only these. */
  errorCodes: readonly string[];
  handler(input: z.infer<S>, ctx: TaskContext, deps: WorkerDeps): Promise<Outcome>;
}

/** Declares a worker with its input type inferred from the schema. */
export function defineWorker<S extends z.ZodType>(def: WorkerDefinition<S>): WorkerDefinition<S> {
  return def;
}

/** Describes a zod failure naming each variable, for the incident message. */
export function describeInputError(error: z.ZodError): string {
  return error.issues.map((i) => `变量 ${i.path.map(String).join('.') || '(根)'}：${i.message}`).join('；');
}
