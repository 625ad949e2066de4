// Art. 5, 6, 10 (7), 24: title-misuse cases and the incubation year's enrolments and graduates.
import type { EnrolmentFinding, EnrolmentKind } from '../domain/incubation.js';
import type { MisuseKind } from '../domain/title-misuse.js';
import type { Queryable } from './db.js';

export type MisuseStatus = 'recorded' | 'ordered' | 'corrected' | 'escalated' | 'dismissed';

export interface TitleMisuseCase {
  caseId: string;
  holderKey: string;
  holderName: string;
  awardHolder: boolean;
  misuseKind: MisuseKind;
  evidence: string;
  status: MisuseStatus;
  dueDate: string | null;
}

/** Art. 24: records a case once (a redelivered task finds it and changes nothing). */
export async function recordMisuseCase(
  q: Queryable,
  c: Omit<TitleMisuseCase, 'status' | 'dueDate'>,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO title_misuse_cases (case_id, holder_key, holder_name, award_holder, misuse_kind, evidence, status)
     VALUES ($1, $2, $3, $4, $5, $6, 'recorded') ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
    [c.caseId, c.holderKey, c.holderName, c.awardHolder, c.misuseKind, c.evidence],
  );
  return rows.length > 0;
}

/** Art. 24: the case's new status (and the due date of an order). */
export async function setMisuseStatus(
  q: Queryable,
  caseId: string,
  status: MisuseStatus,
  dueDate?: string,
): Promise<void> {
  const rows = await q.query(
    `UPDATE title_misuse_cases SET status = $2, due_date = COALESCE($3::date, due_date), updated_at = now()
     WHERE case_id = $1 RETURNING case_id`,
    [caseId, status, dueDate ?? null],
  );
  if (rows.length === 0) throw new Error(`称号使用违规案件 ${caseId} 不存在`);
}

/** The cases of one holder, oldest first. */
export async function misuseCasesOf(q: Queryable, holderKey: string): Promise<TitleMisuseCase[]> {
  const rows = await q.query<{
    case_id: string;
    holder_key: string;
    holder_name: string;
    award_holder: boolean;
    misuse_kind: MisuseKind;
    evidence: string;
    status: MisuseStatus;
    due_date: string | null;
  }>(
    `SELECT case_id, holder_key, holder_name, award_holder, misuse_kind, evidence, status,
            to_char(due_date, 'YYYY-MM-DD') AS due_date
     FROM title_misuse_cases WHERE holder_key = $1 ORDER BY recorded_at, case_id`,
    [holderKey],
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    holderKey: r.holder_key,
    holderName: r.holder_name,
    awardHolder: r.award_holder,
    misuseKind: r.misuse_kind,
    evidence: r.evidence,
    status: r.status,
    dueDate: r.due_date,
  }));
}

export interface StoredEnrolment {
  incubationYear: number;
  creditCode: string;
  name: string;
  kind: EnrolmentKind;
  accepted: boolean;
  findings: EnrolmentFinding[];
}

/** Art. 6: stores (or, entered again, replaces) one enrolment and its check. */
export async function saveEnrolment(q: Queryable, e: StoredEnrolment): Promise<void> {
  await q.query(
    `INSERT INTO incubation_enrolments (incubation_year, credit_code, name, kind, accepted, findings)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (incubation_year, credit_code) DO UPDATE
       SET name = EXCLUDED.name, kind = EXCLUDED.kind, accepted = EXCLUDED.accepted,
           findings = EXCLUDED.findings, recorded_at = now()`,
    [e.incubationYear, e.creditCode, e.name, e.kind, e.accepted, JSON.stringify(e.findings)],
  );
}

/** Art. 6: the enrolments of one incubation year, by name. */
export async function enrolmentsOf(q: Queryable, incubationYear: number): Promise<StoredEnrolment[]> {
  const rows = await q.query<{
    credit_code: string;
    name: string;
    kind: EnrolmentKind;
    accepted: boolean;
    findings: EnrolmentFinding[];
  }>(
    `SELECT credit_code, name, kind, accepted, findings FROM incubation_enrolments
     WHERE incubation_year = $1 ORDER BY name, credit_code`,
    [incubationYear],
  );
  return rows.map((r) => ({
    incubationYear,
    creditCode: r.credit_code,
    name: r.name,
    kind: r.kind,
    accepted: r.accepted,
    findings: r.findings,
  }));
}

export interface Graduate {
  incubationYear: number;
  creditCode: string;
  name: string;
  evaluationYear: number;
}

/** Art. 5, 10 (7): stores the graduates of an incubation year once, flagged for the evaluation year. */
export async function saveGraduates(q: Queryable, graduates: readonly Graduate[]): Promise<void> {
  for (const g of graduates)
    await q.query(
      `INSERT INTO incubation_graduates (incubation_year, credit_code, name, evaluation_year)
       VALUES ($1, $2, $3, $4) ON CONFLICT (incubation_year, credit_code) DO NOTHING`,
      [g.incubationYear, g.creditCode, g.name, g.evaluationYear],
    );
}

/** Art. 5: the graduates flagged for an evaluation year (what intake and eligibility may show). */
export async function graduatesFor(q: Queryable, evaluationYear: number): Promise<Graduate[]> {
  const rows = await q.query<{ incubation_year: number; credit_code: string; name: string }>(
    `SELECT incubation_year, credit_code, name FROM incubation_graduates
     WHERE evaluation_year = $1 ORDER BY name, credit_code`,
    [evaluationYear],
  );
  return rows.map((r) => ({
    incubationYear: Number(r.incubation_year),
    creditCode: r.credit_code,
    name: r.name,
    evaluationYear,
  }));
}

/** Art. 5: whether an organization graduated from the incubation year before this evaluation year. */
export async function isIncubationGraduate(
  q: Queryable,
  creditCode: string,
  evaluationYear: number,
): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM incubation_graduates WHERE credit_code = $1 AND evaluation_year = $2',
    [creditCode, evaluationYear],
  );
  return rows.length > 0;
}
