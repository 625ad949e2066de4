// Art. 18 (3): the departments' written opinions collected during 资格审查.
import type { Queryable } from './db.js';

export interface DepartmentOpinion {
  department: string;
  stance: 'no-objection' | 'objection';
  opinion: string;
  recordedAt: string;
}

/** Records one opinion; a redelivered task (same activity instance) records nothing new. */
export async function recordOpinion(
  q: Queryable,
  key: { processInstanceId: string; activityInstanceId: string; businessKey: string | null },
  opinion: Omit<DepartmentOpinion, 'recordedAt'>,
): Promise<void> {
  await q.query(
    `INSERT INTO department_opinions
       (process_instance_id, activity_instance_id, business_key, department, stance, opinion)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (process_instance_id, activity_instance_id) DO NOTHING`,
    [
      key.processInstanceId,
      key.activityInstanceId,
      key.businessKey,
      opinion.department,
      opinion.stance,
      opinion.opinion,
    ],
  );
}

/** Every opinion given for one application, oldest first. */
export async function opinionsOf(q: Queryable, processInstanceId: string): Promise<DepartmentOpinion[]> {
  const rows = await q.query<{ department: string; stance: string; opinion: string; recorded_at: Date }>(
    `SELECT department, stance, opinion, recorded_at FROM department_opinions
     WHERE process_instance_id = $1 ORDER BY recorded_at, department`,
    [processInstanceId],
  );
  return rows.map((r) => ({
    department: r.department,
    stance: r.stance as DepartmentOpinion['stance'],
    opinion: r.opinion,
    recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}
