// Art. 26: conflicts of interest declared by office clerks and committee members (experts' are kept
// with their review assignments, store/experts-review.ts).
import type { Queryable } from './db.js';

export type StaffRole = 'office' | 'committee';

export interface StaffRecusal {
  /** The application, as `<cycleKey>/<applicationId>` (the award-application business key). */
  applicationKey: string;
  userId: string;
  role: StaffRole;
  reason: string;
  taskName: string;
  processInstanceId: string | null;
  declaredAt: string;
}

/** Records one declaration; the same person declaring again for the same application changes nothing. */
export async function recordStaffRecusal(q: Queryable, r: Omit<StaffRecusal, 'declaredAt'>): Promise<void> {
  await q.query(
    `INSERT INTO staff_recusals (application_key, user_id, role, reason, task_name, process_instance_id)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (application_key, user_id, role) DO NOTHING`,
    [r.applicationKey, r.userId, r.role, r.reason, r.taskName, r.processInstanceId],
  );
}

/** Every declaration for one application (or, with a trailing '/', every application of a cycle). */
export async function staffRecusalsOf(q: Queryable, applicationKey: string): Promise<StaffRecusal[]> {
  const rows = await q.query<{
    application_key: string;
    user_id: string;
    role: StaffRole;
    reason: string;
    task_name: string;
    process_instance_id: string | null;
    declared_at: Date;
  }>(
    `SELECT * FROM staff_recusals
     WHERE application_key = $1 OR (right($1, 1) = '/' AND starts_with(application_key, $1))
     ORDER BY declared_at, user_id`,
    [applicationKey],
  );
  return rows.map((r) => ({
    applicationKey: r.application_key,
    userId: r.user_id,
    role: r.role,
    reason: r.reason,
    taskName: r.task_name,
    processInstanceId: r.process_instance_id,
    declaredAt: new Date(r.declared_at).toISOString(),
  }));
}
