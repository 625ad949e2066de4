// Idempotency of side effects (design.md: "every side effect is keyed"): the key of one effect of
// one external-task execution. The store's effect rows, the outbox and the audit trail use it.

/** Identifies one side effect of one external-task execution; a redelivered task has the same key. */
export interface EffectKey {
  processInstanceId: string;
  /** The activity instance: a loop or a new instance of the activity gets a new one, a redelivery does not. */
  activityInstanceId: string;
  businessKey?: string | null;
  /** Which effect of that activity instance, e.g. "mail:applicant". */
  name: string;
}

/** The key as the text stored in effect_key columns. */
export function effectKeyString(key: EffectKey): string {
  return `${key.processInstanceId}/${key.activityInstanceId}/${key.name}`;
}
