// Audit trail (issue 8; Art. 26 confidentiality, Art. 27 retention): append-only entries of who did
// what and when. Every module that records a decision or a change of data calls recordAudit.
import type { Queryable } from './db.js';

/** What happened; one value per kind of recorded act. */
export type AuditAction =
  | 'recusal.declared'
  | 'recusal.confirmed'
  | 'recusal.office-declared'
  | 'recusal.office-exhausted'
  | 'eligibility.decided'
  | 'eligibility.data-corrected'
  | 'committee.decided'
  | 'government.decided'
  | 'objection.filed'
  | 'objection.decided'
  | 'awards.recorded'
  | 'revocation.recorded'
  | 'title-misuse.recorded'
  | 'retention.deleted'
  | 'edition.confirmed'
  | 'deploy'
  | 'registry.imported'
  | 'experts.imported'
  | (string & {});

export interface AuditEntry {
  /** The person or account that acted (Camunda user id, `api:<ip>`, or a worker's service account). */
  actor: string;
  action: AuditAction;
  /** What the act concerns: an application id, an expert, a deployment, ... */
  subject: string;
  businessKey?: string | null;
  processInstanceId?: string | null;
  /** One line for people, in Chinese. */
  summary: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'details'>> {
  id: number;
  at: string;
  details: Record<string, unknown>;
}

/**
 * Appends one entry. With an effect key (a worker's ctx.effectKey) a redelivered task records it
 * once; call it inside the transaction that writes the act's own record.
 */
export async function recordAudit(q: Queryable, entry: AuditEntry, effectKey?: string): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (actor, action, subject, business_key, process_instance_id, summary, details, effect_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (effect_key) DO NOTHING`,
    [
      entry.actor,
      entry.action,
      entry.subject,
      entry.businessKey ?? null,
      entry.processInstanceId ?? null,
      entry.summary,
      JSON.stringify(entry.details ?? {}),
      effectKey ?? null,
    ],
  );
}

export interface AuditFilter {
  businessKey?: string;
  action?: string;
  subject?: string;
  limit?: number;
}

/** Entries matching the filter, oldest first. */
export async function auditTrail(q: Queryable, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [
    ['business_key', filter.businessKey],
    ['action', filter.action],
    ['subject', filter.subject],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  params.push(filter.limit ?? 1000);
  const rows = await q.query<{
    id: string | number;
    at: Date;
    actor: string;
    action: string;
    subject: string;
    business_key: string | null;
    process_instance_id: string | null;
    summary: string;
    details: Record<string, unknown>;
  }>(
    `SELECT id, at, actor, action, subject, business_key, process_instance_id, summary, details
     FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY at, id LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    businessKey: r.business_key,
    processInstanceId: r.process_instance_id,
    summary: r.summary,
    details: r.details,
  }));
}

/**
 * Records a deployment that changed anything (the deploy command and the modeler alike), once per
 * deployment id; a deployment that changed nothing is not recorded.
 */
export async function recordDeployment(
  q: Queryable,
  deployment: { id: string; newVersions: Record<string, number> },
  by: { actor: string; via: string; source: string; details?: Record<string, unknown> },
): Promise<void> {
  const versions = Object.entries(deployment.newVersions);
  if (versions.length === 0) return;
  await recordAudit(
    q,
    {
      actor: by.actor,
      action: 'deploy',
      subject: deployment.id,
      summary: `${by.actor} ${by.via}部署了 ${versions.map(([key, v]) => `${key} 第 ${v} 版`).join('、')}`,
      details: { source: by.source, ...by.details, newVersions: deployment.newVersions },
    },
    `deploy/${deployment.id}`,
  );
}
