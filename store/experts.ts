// Art. 10 (4), 12, 21, 26: the expert pool and the conflicts its experts declared.
import type { PoolExpert } from '../domain/experts.js';
import type { Queryable } from './db.js';
import type { UpsertOutcome } from './registry.js';

interface ExpertRow {
  id: string;
  name: string;
  organization_credit_code: string | null;
  id_number: string | null;
  years_of_experience: number;
  trained: boolean;
  ethics_pledge_signed: boolean;
  specialties: string[];
  email: string;
  conflicts: string[] | null;
}

const SELECT = `SELECT e.id, e.name, e.organization_credit_code, e.id_number, e.years_of_experience, e.trained,
    e.ethics_pledge_signed, e.specialties, e.email,
    ARRAY(SELECT c.application_id FROM expert_conflicts c WHERE c.expert_id = e.id ORDER BY c.application_id)
      AS conflicts
  FROM experts e`;

const toExpert = (r: ExpertRow): PoolExpert => ({
  id: r.id,
  name: r.name,
  ...(r.organization_credit_code ? { organizationCreditCode: r.organization_credit_code } : {}),
  ...(r.id_number ? { idNumber: r.id_number } : {}),
  yearsOfExperience: Number(r.years_of_experience),
  trained: r.trained,
  ethicsPledgeSigned: r.ethics_pledge_signed,
  specialties: r.specialties ?? [],
  email: r.email,
  conflicts: r.conflicts ?? [],
});

/** Every expert of the pool with their declared conflicts, by id. */
export async function listExperts(q: Queryable): Promise<PoolExpert[]> {
  return (await q.query<ExpertRow>(`${SELECT} ORDER BY e.id`)).map(toExpert);
}

/** The experts with these ids that the pool holds, by id. */
export async function findExperts(q: Queryable, ids: string[]): Promise<PoolExpert[]> {
  if (ids.length === 0) return [];
  return (await q.query<ExpertRow>(`${SELECT} WHERE e.id = ANY($1) ORDER BY e.id`, [ids])).map(toExpert);
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Adds an expert or updates their details; declared conflicts are added, never removed (Art. 26: a
 * declaration stays on record). Re-importing the same expert is `unchanged`.
 */
export async function upsertExpert(q: Queryable, expert: PoolExpert, source = ''): Promise<UpsertOutcome> {
  const [current] = await findExperts(q, [expert.id]);
  const values = [
    expert.id,
    expert.name,
    expert.organizationCreditCode ?? null,
    expert.idNumber ?? null,
    expert.yearsOfExperience,
    expert.trained,
    expert.ethicsPledgeSigned,
    expert.specialties,
    expert.email,
    source,
  ];
  let outcome: UpsertOutcome;
  if (!current) {
    await q.query(
      `INSERT INTO experts (id, name, organization_credit_code, id_number, years_of_experience, trained,
         ethics_pledge_signed, specialties, email, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      values,
    );
    outcome = 'inserted';
  } else {
    const same =
      current.name === expert.name &&
      current.organizationCreditCode === expert.organizationCreditCode &&
      current.idNumber === expert.idNumber &&
      current.yearsOfExperience === expert.yearsOfExperience &&
      current.trained === expert.trained &&
      current.ethicsPledgeSigned === expert.ethicsPledgeSigned &&
      sameList(current.specialties, expert.specialties) &&
      current.email === expert.email;
    outcome = same ? 'unchanged' : 'updated';
    if (!same)
      await q.query(
        `UPDATE experts SET name = $2, organization_credit_code = $3, id_number = $4, years_of_experience = $5,
           trained = $6, ethics_pledge_signed = $7, specialties = $8, email = $9, source = $10, updated_at = now()
         WHERE id = $1`,
        values,
      );
  }
  for (const applicationId of expert.conflicts) {
    if (
      (await declareConflict(q, expert.id, applicationId, '', source)) === 'inserted' &&
      outcome === 'unchanged'
    )
      outcome = 'updated';
  }
  return outcome;
}

/** Art. 26: records that the expert declared a conflict with the application; a repeat changes nothing. */
export async function declareConflict(
  q: Queryable,
  expertId: string,
  applicationId: string,
  reason: string,
  source: string,
): Promise<'inserted' | 'unchanged'> {
  const rows = await q.query(
    `INSERT INTO expert_conflicts (expert_id, application_id, reason, source) VALUES ($1, $2, $3, $4)
     ON CONFLICT (expert_id, application_id) DO NOTHING RETURNING expert_id`,
    [expertId, applicationId, reason, source],
  );
  return rows.length > 0 ? 'inserted' : 'unchanged';
}

/** Issue 13: the office deactivates an expert (kept on record) or takes them back; false when unknown. */
export async function setExpertActive(q: Queryable, id: string, active: boolean): Promise<boolean> {
  const rows = await q.query(
    'UPDATE experts SET active = $2, updated_at = now() WHERE id = $1 RETURNING id',
    [id, active],
  );
  return rows.length > 0;
}

/** The ids of the experts the office deactivated: never offered for a panel. */
export async function inactiveExpertIds(q: Queryable): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>('SELECT id FROM experts WHERE NOT active');
  return new Set(rows.map((r) => r.id));
}

/** The pool a panel is chosen from: every expert the office has not deactivated. */
export async function listActiveExperts(q: Queryable): Promise<PoolExpert[]> {
  const inactive = await inactiveExpertIds(q);
  return (await listExperts(q)).filter((e) => !inactive.has(e.id));
}
