// Art. 27: the store's application and review records past their retention, and their deletion after
// the office's approval. The audit trail is never deleted (it records the deletion itself).
import type { RetentionItem } from '../domain/retention.js';
import type { Queryable } from './db.js';

interface TableSpec {
  table: string;
  /** When the record was written. */
  at: string;
  keys: readonly string[];
  /** What the record is, for people. */
  label: (row: Record<string, string>) => string;
}

/** The application and review records kept ten years (Art. 27), with their time and primary key. */
export const RETAINED_TABLES: readonly TableSpec[] = [
  {
    // Issue 14: the 申报表 with its 自我评价报告 and 证实性材料 (application_files go with it, ON DELETE CASCADE).
    table: 'applications',
    at: 'submitted_at',
    keys: ['id'],
    label: (r) =>
      `申报材料 ${r.business_key ?? r.id}（${r.applicant_name ?? ''}，含自我评价报告和证实性材料）`,
  },
  {
    table: 'department_opinions',
    at: 'recorded_at',
    keys: ['process_instance_id', 'activity_instance_id'],
    label: (r) => `部门书面意见 ${r.business_key ?? ''}（${r.department ?? ''}）`,
  },
  {
    // Art. 26: office clerks' and committee members' declarations of a conflict of interest.
    table: 'staff_recusals',
    at: 'declared_at',
    keys: ['application_key', 'user_id', 'role'],
    label: (r) => `利害关系回避声明 ${r.application_key}（${r.user_id}）`,
  },
  {
    table: 'score_sheets',
    at: 'submitted_at',
    keys: ['cycle_key', 'application_id', 'expert_id'],
    label: (r) => `资料评审评分表 ${r.cycle_key}/${r.application_id}（专家 ${r.expert_id}）`,
  },
  {
    table: 'review_shortlist',
    at: 'decided_at',
    keys: ['cycle_key', 'application_id'],
    label: (r) => `现场评审名单记录 ${r.cycle_key}/${r.application_id}`,
  },
  {
    table: 'review_reports',
    at: 'submitted_at',
    keys: ['cycle_key', 'application_id'],
    label: (r) => `现场评审及综合评价报告 ${r.cycle_key}/${r.application_id}`,
  },
];

/** Art. 27: the store's records written before the cutoff day (Shanghai time), oldest first. */
export async function expiredStoreRecords(q: Queryable, cutoff: string): Promise<RetentionItem[]> {
  const items: RetentionItem[] = [];
  for (const spec of RETAINED_TABLES) {
    const rows = await q.query<Record<string, string> & { _at: Date }>(
      `SELECT *, ${spec.at} AS _at FROM ${spec.table}
       WHERE ${spec.at} < ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai' ORDER BY ${spec.at}`,
      [cutoff],
    );
    for (const row of rows)
      items.push({
        kind: `store:${spec.table}`,
        ref: JSON.stringify(spec.keys.map((k) => row[k])),
        label: spec.label(row),
        at: new Date(row._at).toISOString(),
      });
  }
  return items;
}

/** Deletes exactly the listed store records; returns how many rows went. */
export async function deleteStoreRecords(q: Queryable, items: readonly RetentionItem[]): Promise<number> {
  let deleted = 0;
  for (const item of items) {
    const spec = RETAINED_TABLES.find((s) => `store:${s.table}` === item.kind);
    if (!spec) continue;
    const values = JSON.parse(item.ref) as unknown[];
    if (!Array.isArray(values) || values.length !== spec.keys.length)
      throw new Error(`保存期限报告中的记录 ${item.kind} ${item.ref} 无法识别`);
    const where = spec.keys.map((k, i) => `${k} = $${i + 1}`).join(' AND ');
    const rows = await q.query(`DELETE FROM ${spec.table} WHERE ${where} RETURNING 1`, values);
    deleted += rows.length;
  }
  return deleted;
}
