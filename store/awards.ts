// Art. 18 (8), 19, 21: the announced awards of each cycle (发文公告) and the Art. 21 expert proposals.
import { effectKeyString, type EffectKey } from './effects.js';
import type { Queryable } from './db.js';

/**
 * Claims one keyed side effect in the effects table (inside the transaction that performs it): true the
 * first time, false when a redelivered task already did it.
 */
export async function claimEffect(
  q: Queryable,
  key: EffectKey,
  kind: string,
  payload: Record<string, unknown> = {},
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO effects (effect_key, kind, process_instance_id, activity_id, business_key, payload, done_at)
     VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (effect_key) DO NOTHING RETURNING effect_key`,
    [
      effectKeyString(key),
      kind,
      key.processInstanceId,
      key.activityInstanceId,
      key.businessKey ?? null,
      JSON.stringify(payload),
    ],
  );
  return rows.length > 0;
}

export interface CycleAward {
  cycleKey: string;
  applicationId: string;
  awardYear: number;
  applicantName: string;
  applicantKind: 'organization' | 'individual';
  holderKey: string;
  category: 'model' | 'achievement';
  awardClass: 'district-head' | 'gold';
  title: string;
  prize: number | null;
  email: string | null;
  documentNumber: string;
  documentDate: string;
  certificateSha256: string;
  processInstanceId: string | null;
}

export interface RecordedCycleAward extends CycleAward {
  recordedAt: string;
}

interface AwardRow {
  cycle_key: string;
  application_id: string;
  award_year: number;
  applicant_name: string;
  applicant_kind: 'organization' | 'individual';
  holder_key: string;
  category: 'model' | 'achievement';
  award_class: 'district-head' | 'gold';
  title: string;
  prize: number | null;
  email: string | null;
  document_number: string;
  document_date: string;
  certificate_sha256: string;
  process_instance_id: string | null;
  recorded_at: Date;
}

/** Records one announced award; the same cycle and application a second time changes nothing. */
export async function recordCycleAward(q: Queryable, a: CycleAward): Promise<'inserted' | 'unchanged'> {
  const rows = await q.query(
    `INSERT INTO cycle_awards (cycle_key, application_id, award_year, applicant_name, applicant_kind, holder_key,
       category, award_class, title, prize, email, document_number, document_date, certificate_sha256,
       process_instance_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (cycle_key, application_id) DO NOTHING RETURNING application_id`,
    [
      a.cycleKey,
      a.applicationId,
      a.awardYear,
      a.applicantName,
      a.applicantKind,
      a.holderKey,
      a.category,
      a.awardClass,
      a.title,
      a.prize,
      a.email,
      a.documentNumber,
      a.documentDate,
      a.certificateSha256,
      a.processInstanceId,
    ],
  );
  return rows.length ? 'inserted' : 'unchanged';
}

/** Art. 21: the announced awards of a year (all years when absent), district-head first. */
export async function awardsOfYear(q: Queryable, year?: number): Promise<RecordedCycleAward[]> {
  const rows = await q.query<AwardRow>(
    `SELECT cycle_key, application_id, award_year, applicant_name, applicant_kind, holder_key, category,
       award_class, title, prize, email, document_number, to_char(document_date, 'YYYY-MM-DD') AS document_date,
       certificate_sha256, process_instance_id, recorded_at
     FROM cycle_awards ${year === undefined ? '' : 'WHERE award_year = $1'}
     ORDER BY award_year, CASE award_class WHEN 'district-head' THEN 0 ELSE 1 END, category, application_id`,
    year === undefined ? [] : [year],
  );
  return rows.map((r) => ({
    cycleKey: r.cycle_key,
    applicationId: r.application_id,
    awardYear: Number(r.award_year),
    applicantName: r.applicant_name,
    applicantKind: r.applicant_kind,
    holderKey: r.holder_key,
    category: r.category,
    awardClass: r.award_class,
    title: r.title,
    prize: r.prize === null ? null : Number(r.prize),
    email: r.email,
    documentNumber: r.document_number,
    documentDate: r.document_date,
    certificateSha256: r.certificate_sha256,
    processInstanceId: r.process_instance_id,
    recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}

export interface ExpertProposal {
  awardYear: number;
  cycleKey: string;
  applicationId: string;
  /** Who: the 身份证号码 when known, else `name:<name>` within the application. */
  personKey: string;
  name: string;
  idNumber: string | null;
  email: string | null;
  role: 'winner' | 'executive';
  organizationName: string | null;
  organizationCreditCode: string | null;
  status: 'proposed' | 'accepted' | 'declined';
}

/** Art. 21: proposes a person to the expert pool (not a pool member: Art. 12 still applies); once. */
export async function proposeExpert(
  q: Queryable,
  p: Omit<ExpertProposal, 'status'>,
): Promise<'inserted' | 'unchanged'> {
  const rows = await q.query(
    `INSERT INTO expert_proposals (award_year, cycle_key, application_id, person_key, name, id_number, email, role,
       organization_name, organization_credit_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (cycle_key, application_id, person_key) DO NOTHING RETURNING person_key`,
    [
      p.awardYear,
      p.cycleKey,
      p.applicationId,
      p.personKey,
      p.name,
      p.idNumber,
      p.email,
      p.role,
      p.organizationName,
      p.organizationCreditCode,
    ],
  );
  return rows.length ? 'inserted' : 'unchanged';
}

/** Art. 21: the proposals of a year (all years when absent) for the office. */
export async function expertProposals(q: Queryable, year?: number): Promise<ExpertProposal[]> {
  const rows = await q.query<{
    award_year: number;
    cycle_key: string;
    application_id: string;
    person_key: string;
    name: string;
    id_number: string | null;
    email: string | null;
    role: 'winner' | 'executive';
    organization_name: string | null;
    organization_credit_code: string | null;
    status: ExpertProposal['status'];
  }>(
    `SELECT award_year, cycle_key, application_id, person_key, name, id_number, email, role, organization_name,
       organization_credit_code, status
     FROM expert_proposals ${year === undefined ? '' : 'WHERE award_year = $1'}
     ORDER BY award_year, application_id, role DESC, name`,
    year === undefined ? [] : [year],
  );
  return rows.map((r) => ({
    awardYear: Number(r.award_year),
    cycleKey: r.cycle_key,
    applicationId: r.application_id,
    personKey: r.person_key,
    name: r.name,
    idNumber: r.id_number,
    email: r.email,
    role: r.role,
    organizationName: r.organization_name,
    organizationCreditCode: r.organization_credit_code,
    status: r.status,
  }));
}
