// Art. 11, 18 (1), 26: a cycle's 公告, its review teams and the audit trail of assignments and recusals.
import type { ReviewAssignment } from '../domain/cycle.js';
import type { Queryable } from './db.js';

export type AuditEvent =
  | 'panel-formed'
  | 'assigned'
  | 'confirmed'
  | 'conflict-declared'
  | 'replaced'
  | 'panel-dissolved'
  | 'disqualified';

export interface AuditEntry {
  cycleKey: string;
  applicationId?: string;
  expertId?: string;
  event: AuditEvent;
  detail?: string;
}

/** Writes one audit row for one keyed effect; false when that effect was already written. */
export async function audit(q: Queryable, effectKey: string, entry: AuditEntry): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO review_audit (effect_key, cycle_key, application_id, expert_id, event, detail)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (effect_key) DO NOTHING RETURNING id`,
    [
      effectKey,
      entry.cycleKey,
      entry.applicationId ?? null,
      entry.expertId ?? null,
      entry.event,
      entry.detail ?? '',
    ],
  );
  return rows.length > 0;
}

/** The audit trail of a cycle, oldest first. */
export async function auditTrail(q: Queryable, cycleKey: string): Promise<Required<AuditEntry>[]> {
  const rows = await q.query<{
    application_id: string | null;
    expert_id: string | null;
    event: AuditEvent;
    detail: string;
  }>(`SELECT application_id, expert_id, event, detail FROM review_audit WHERE cycle_key = $1 ORDER BY id`, [
    cycleKey,
  ]);
  return rows.map((r) => ({
    cycleKey,
    applicationId: r.application_id ?? '',
    expertId: r.expert_id ?? '',
    event: r.event,
    detail: r.detail,
  }));
}

/** Art. 18 (1): keeps the cycle's 公告 once; a redelivered task finds it recorded. */
export async function recordAnnouncement(
  q: Queryable,
  a: { cycleKey: string; processInstanceId: string; parameters: unknown; text: string },
): Promise<'inserted' | 'unchanged'> {
  const rows = await q.query(
    `INSERT INTO cycle_announcements (cycle_key, process_instance_id, parameters, text) VALUES ($1, $2, $3, $4)
     ON CONFLICT (cycle_key) DO NOTHING RETURNING cycle_key`,
    [a.cycleKey, a.processInstanceId, JSON.stringify(a.parameters), a.text],
  );
  return rows.length > 0 ? 'inserted' : 'unchanged';
}

/** The recorded 公告 of a cycle. */
export async function announcementOf(q: Queryable, cycleKey: string): Promise<string | undefined> {
  const [row] = await q.query<{ text: string }>('SELECT text FROM cycle_announcements WHERE cycle_key = $1', [
    cycleKey,
  ]);
  return row?.text;
}

export type AssignmentStatus = 'assigned' | 'confirmed' | 'recused' | 'disqualified';

/** Art. 26: an assignment that still counts: not recused, and its expert not disqualified. */
export const isActiveAssignment = (a: { status: AssignmentStatus }): boolean =>
  a.status !== 'recused' && a.status !== 'disqualified';

export interface StoredAssignment extends ReviewAssignment {
  status: AssignmentStatus;
  replacesExpertId?: string;
}

/** Every assignment of a cycle, recused ones included, by application then expert. */
export async function assignmentsOf(q: Queryable, cycleKey: string): Promise<StoredAssignment[]> {
  const rows = await q.query<{
    application_id: string;
    applicant_name: string;
    expert_id: string;
    lead: boolean;
    status: AssignmentStatus;
    replaces_expert_id: string | null;
  }>(
    `SELECT application_id, applicant_name, expert_id, lead, status, replaces_expert_id
     FROM review_assignments WHERE cycle_key = $1 ORDER BY application_id, expert_id`,
    [cycleKey],
  );
  return rows.map((r) => ({
    applicationId: r.application_id,
    applicantName: r.applicant_name,
    expertId: r.expert_id,
    lead: r.lead,
    status: r.status,
    ...(r.replaces_expert_id ? { replacesExpertId: r.replaces_expert_id } : {}),
  }));
}

/** Stores a plan's assignments with their audit rows; assignments already stored are kept. */
export async function saveAssignments(
  q: Queryable,
  cycleKey: string,
  assignments: ReviewAssignment[],
  effectKey: string,
): Promise<void> {
  for (const a of assignments) {
    await q.query(
      `INSERT INTO review_assignments (cycle_key, application_id, applicant_name, expert_id, lead, status)
       VALUES ($1, $2, $3, $4, $5, 'assigned') ON CONFLICT DO NOTHING`,
      [cycleKey, a.applicationId, a.applicantName, a.expertId, a.lead],
    );
    await audit(q, `${effectKey}/${a.applicationId}/${a.expertId}`, {
      cycleKey,
      applicationId: a.applicationId,
      expertId: a.expertId,
      event: 'assigned',
      detail: a.lead ? '评审组组长' : '',
    });
  }
}

/** Sets the status of one assignment and writes the audit row of that effect. */
export async function setAssignmentStatus(
  q: Queryable,
  key: { cycleKey: string; applicationId: string; expertId: string },
  status: 'confirmed' | 'recused' | 'disqualified',
  effectKey: string,
  detail = '',
): Promise<void> {
  await q.query(
    `UPDATE review_assignments SET status = $4, updated_at = now()
     WHERE cycle_key = $1 AND application_id = $2 AND expert_id = $3`,
    [key.cycleKey, key.applicationId, key.expertId, status],
  );
  await audit(q, effectKey, {
    ...key,
    event: status === 'confirmed' ? 'confirmed' : status === 'recused' ? 'conflict-declared' : 'disqualified',
    detail,
  });
}

/** Adds the replacement of a recused reviewer (Art. 26) with its audit row. */
export async function addReplacement(
  q: Queryable,
  r: {
    cycleKey: string;
    applicationId: string;
    applicantName: string;
    expertId: string;
    replaces: string;
    /** The team's new 组长 when the one who withdrew led it. */
    lead?: string;
    /** The audit row's text; by default the replacement of a recused expert. */
    detail?: string;
  },
  effectKey: string,
): Promise<void> {
  await q.query(
    `INSERT INTO review_assignments
       (cycle_key, application_id, applicant_name, expert_id, lead, status, replaces_expert_id)
     VALUES ($1, $2, $3, $4, false, 'assigned', $5) ON CONFLICT DO NOTHING`,
    [r.cycleKey, r.applicationId, r.applicantName, r.expertId, r.replaces],
  );
  if (r.lead !== undefined)
    await q.query(
      `UPDATE review_assignments SET lead = (expert_id = $3 AND status NOT IN ('recused', 'disqualified')), updated_at = now()
       WHERE cycle_key = $1 AND application_id = $2`,
      [r.cycleKey, r.applicationId, r.lead],
    );
  await audit(q, effectKey, {
    cycleKey: r.cycleKey,
    applicationId: r.applicationId,
    expertId: r.expertId,
    event: 'replaced',
    detail: r.detail ?? `替换申请回避的专家 ${r.replaces}`,
  });
}

export interface Disqualification {
  cycleKey: string;
  expertId: string;
  reason: string;
  decidedBy: string;
  /** ISO time of the office's decision (read back only). */
  decidedAt?: string;
}

/** Art. 26: records the office's 取消评审资格 of an expert for a cycle once; false when already recorded. */
export async function recordDisqualification(q: Queryable, d: Disqualification): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO expert_disqualifications (cycle_key, expert_id, reason, decided_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (cycle_key, expert_id) DO NOTHING RETURNING expert_id`,
    [d.cycleKey, d.expertId, d.reason, d.decidedBy],
  );
  return rows.length > 0;
}

/** Art. 26: the experts disqualified in a cycle, oldest first. */
export async function disqualificationsOf(q: Queryable, cycleKey: string): Promise<Disqualification[]> {
  const rows = await q.query<{
    expert_id: string;
    reason: string;
    decided_by: string;
    decided_at: Date | string;
  }>(
    `SELECT expert_id, reason, decided_by, decided_at FROM expert_disqualifications WHERE cycle_key = $1 ORDER BY decided_at`,
    [cycleKey],
  );
  return rows.map((r) => ({
    cycleKey,
    expertId: r.expert_id,
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: new Date(r.decided_at).toISOString(),
  }));
}
