// Issue 14, Art. 18 (2), 26, 27: applications submitted through the intake, with their files.
import { createHash } from 'node:crypto';
import type { FileType } from '../domain/file-types.js';
import type { Queryable } from './db.js';

export type FileRole = 'self-evaluation' | 'evidence';

export interface ApplicationFile {
  role: FileRole;
  fileName: string;
  contentType: FileType;
  content: Buffer;
}

export interface NewApplication {
  id: string;
  cycleKey: string;
  businessKey: string;
  kind: 'organization' | 'individual';
  applicantName: string;
  applicantIdentifier: string;
  recommendingUnit: string;
  contact: { name: string; phone: string; email: string };
  form: unknown;
  idempotencyKey: string | null;
  statusTokenSha256: string;
  submittedBy: string;
  files: ApplicationFile[];
}

export interface FileInfo {
  role: FileRole;
  position: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface StoredApplication {
  id: string;
  cycleKey: string;
  businessKey: string;
  kind: 'organization' | 'individual';
  applicantName: string;
  recommendingUnit: string;
  contact: { name: string; phone: string; email: string };
  form: unknown;
  processInstanceId: string | null;
  submittedAt: string;
  files: FileInfo[];
}

interface Row {
  id: string;
  cycle_key: string;
  business_key: string;
  kind: 'organization' | 'individual';
  applicant_name: string;
  recommending_unit: string;
  contact: { name: string; phone: string; email: string } | string;
  form: unknown;
  process_instance_id: string | null;
  submitted_at: Date;
}

export const sha256 = (content: Uint8Array | string): string =>
  createHash('sha256').update(content).digest('hex');

const parsed = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** The next 申报编号 number of the cycle (inside the intake transaction: a rollback gives it back). */
export async function nextApplicationNumber(q: Queryable, cycleKey: string): Promise<number> {
  const [row] = await q.query<{ last: number }>(
    `INSERT INTO application_numbers (cycle_key, last) VALUES ($1, 1)
     ON CONFLICT (cycle_key) DO UPDATE SET last = application_numbers.last + 1 RETURNING last`,
    [cycleKey],
  );
  return Number(row!.last);
}

/** The application already submitted with this idempotency key or by this applicant in this cycle. */
export async function existingApplication(
  q: Queryable,
  cycleKey: string,
  applicantIdentifier: string,
  idempotencyKey: string | null,
): Promise<{ id: string; businessKey: string; byKey: boolean; sameApplicant: boolean } | undefined> {
  const [row] = await q.query<{
    id: string;
    business_key: string;
    idempotency_key: string | null;
    cycle_key: string;
    applicant_identifier: string;
  }>(
    `SELECT id, business_key, idempotency_key, cycle_key, applicant_identifier FROM applications
     WHERE (cycle_key = $1 AND applicant_identifier = $2) OR ($3::text IS NOT NULL AND idempotency_key = $3)
     ORDER BY (idempotency_key = $3) DESC NULLS LAST LIMIT 1`,
    [cycleKey, applicantIdentifier, idempotencyKey],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    businessKey: row.business_key,
    byKey: idempotencyKey !== null && row.idempotency_key === idempotencyKey,
    sameApplicant: row.cycle_key === cycleKey && row.applicant_identifier === applicantIdentifier,
  };
}

/** Stores the application and its files (call it inside the transaction that starts the process). */
export async function insertApplication(q: Queryable, a: NewApplication): Promise<void> {
  await q.query(
    `INSERT INTO applications (id, cycle_key, business_key, kind, applicant_name, applicant_identifier,
       recommending_unit, contact, form, idempotency_key, status_token_sha256, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      a.id,
      a.cycleKey,
      a.businessKey,
      a.kind,
      a.applicantName,
      a.applicantIdentifier,
      a.recommendingUnit,
      JSON.stringify(a.contact),
      JSON.stringify(a.form),
      a.idempotencyKey,
      a.statusTokenSha256,
      a.submittedBy,
    ],
  );
  const positions: Record<FileRole, number> = { 'self-evaluation': 0, evidence: 0 };
  for (const f of a.files) {
    const position = positions[f.role]++;
    await q.query(
      // Issue 16 (2): hashed on the thread pool, and sent as base64 text the store decodes (the
      // embedded store takes 5 MB this way ~5 times faster than as a bytea parameter).
      `INSERT INTO application_files (application_id, role, position, file_name, content_type, size, sha256, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, decode($8::text, 'base64'))`,
      [
        a.id,
        f.role,
        position,
        f.fileName,
        f.contentType,
        f.content.length,
        Buffer.from(await crypto.subtle.digest('SHA-256', f.content as Uint8Array<ArrayBuffer>)).toString(
          'hex',
        ),
        f.content.toString('base64'),
      ],
    );
  }
}

/** Records the started instance on the application (same transaction). */
export async function setProcessInstance(q: Queryable, id: string, processInstanceId: string): Promise<void> {
  await q.query('UPDATE applications SET process_instance_id = $2 WHERE id = $1', [id, processInstanceId]);
}

async function filesOf(q: Queryable, id: string): Promise<FileInfo[]> {
  const rows = await q.query<{
    role: FileRole;
    position: number;
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
  }>(
    `SELECT role, position, file_name, content_type, size, sha256 FROM application_files
     WHERE application_id = $1 ORDER BY role DESC, position`,
    [id],
  );
  return rows.map((r) => ({
    role: r.role,
    position: Number(r.position),
    fileName: r.file_name,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
  }));
}

function toApplication(row: Row, files: FileInfo[]): StoredApplication {
  return {
    id: row.id,
    cycleKey: row.cycle_key,
    businessKey: row.business_key,
    kind: row.kind,
    applicantName: row.applicant_name,
    recommendingUnit: row.recommending_unit,
    contact: parsed(row.contact),
    form: parsed(row.form),
    processInstanceId: row.process_instance_id,
    submittedAt: new Date(row.submitted_at).toISOString(),
    files,
  };
}

/** The application (without file contents) by its 申报编号 or business key, or undefined. */
export async function findApplication(q: Queryable, ref: string): Promise<StoredApplication | undefined> {
  const [row] = await q.query<Row>('SELECT * FROM applications WHERE id = $1 OR business_key = $1', [ref]);
  return row && toApplication(row, await filesOf(q, row.id));
}

/** The application whose status token hashes to this value, or undefined. */
export async function applicationByToken(
  q: Queryable,
  tokenSha256: string,
): Promise<StoredApplication | undefined> {
  const [row] = await q.query<Row>('SELECT * FROM applications WHERE status_token_sha256 = $1', [
    tokenSha256,
  ]);
  return row && toApplication(row, await filesOf(q, row.id));
}

/** One file's content. */
export async function applicationFile(
  q: Queryable,
  id: string,
  role: FileRole,
  position: number,
): Promise<(FileInfo & { content: Buffer }) | undefined> {
  const [r] = await q.query<{
    file_name: string;
    content_type: string;
    size: number;
    sha256: string;
    content: string;
  }>(
    `SELECT file_name, content_type, size, sha256, encode(content, 'base64') AS content FROM application_files
     WHERE application_id = $1 AND role = $2 AND position = $3`,
    [id, role, position],
  );
  return (
    r && {
      role,
      position,
      fileName: r.file_name,
      contentType: r.content_type,
      size: Number(r.size),
      sha256: r.sha256,
      content: Buffer.from(r.content, 'base64'),
    }
  );
}

/** The office's correction of the applicant's contact (Art. 18 (2): only the office changes it). */
export async function updateContact(
  q: Queryable,
  id: string,
  contact: { name: string; phone: string; email: string },
): Promise<void> {
  await q.query('UPDATE applications SET contact = $2 WHERE id = $1', [id, JSON.stringify(contact)]);
}
