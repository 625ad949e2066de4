// Art. 10 (4), 12, 21, 26: the rows of an expert file (CSV or XLSX: a header row, then one row per
// expert), checked and imported in one transaction. Shared by `npm run experts:import` and the office
// workbench's upload (issue 13); every row is checked first, a bad one rejects the whole file.
import { reservedIds } from '../camunda/identity.js';
import type { ReviewerRules } from '../domain/assignment.js';
import { expertQualificationFailures, PoolExpert, splitList } from '../domain/experts.js';
import { recordAudit } from './audit.js';
import type { Db } from './db.js';
import { upsertExpert } from './experts.js';
import type { UpsertOutcome } from './registry.js';

export const EXPERT_COLUMNS = [
  'id',
  'name',
  'organizationCreditCode',
  'idNumber',
  'yearsOfExperience',
  'trained',
  'ethicsPledgeSigned',
  'specialties',
  'email',
  'conflicts',
] as const;

/** A problem of one row (or of the header), named by its field. */
export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

/** A row of the file before validation, with where it was found. */
export interface RawRow {
  row: number;
  data: unknown;
}

/** Rows of a table (first the header) as raw rows by column name; header problems are reported. */
export function expertRowsFromTable(records: { line: number; fields: string[] }[]): {
  rows: RawRow[];
  problems: RowProblem[];
} {
  const [header, ...rest] = records;
  if (!header) return { rows: [], problems: [{ row: 1, field: '', message: '文件为空，缺少表头' }] };
  const columns = header.fields.map((f) => f.trim());
  const problems: RowProblem[] = [];
  columns.forEach((column, index) => {
    if (!(EXPERT_COLUMNS as readonly string[]).includes(column))
      problems.push({ row: header.line, field: column, message: `未知的列“${column}”` });
    else if (columns.indexOf(column) !== index)
      problems.push({ row: header.line, field: column, message: `列“${column}”重复` });
  });
  const data = rest.filter((r) => r.fields.some((f) => f.trim() !== ''));
  for (const record of data)
    if (record.fields.length !== columns.length)
      problems.push({
        row: record.line,
        field: '',
        message: `应有 ${columns.length} 列，实际为 ${record.fields.length} 列`,
      });
  return {
    rows: problems.length
      ? []
      : data.map((r) => ({ row: r.line, data: Object.fromEntries(columns.map((c, i) => [c, r.fields[i]])) })),
    problems,
  };
}

const BOOLEAN: Record<string, boolean> = {
  true: true,
  false: false,
  是: true,
  否: false,
  '1': true,
  '0': false,
};

/** CSV text becomes typed values: numbers, booleans and lists; blanks are absent. */
function normalize(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const v = typeof value === 'string' ? value.trim() : value;
    if (v === '' || v === null || v === undefined) continue;
    if (typeof v !== 'string') out[key] = v;
    else if (key === 'yearsOfExperience') out[key] = /^\d+$/.test(v) ? Number(v) : v;
    else if (key === 'trained' || key === 'ethicsPledgeSigned') out[key] = BOOLEAN[v.toLowerCase()] ?? v;
    else if (key === 'specialties' || key === 'conflicts') out[key] = splitList(v);
    else out[key] = v;
  }
  return out;
}

/** Validates every row; returns the experts, or the problems of all bad rows. */
export function validateExpertRows(raw: RawRow[]): { experts: PoolExpert[]; problems: RowProblem[] } {
  const experts: PoolExpert[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { row, data } of raw) {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problems.push({ row, field: '', message: '记录应为对象（{ "id": … }）' });
      continue;
    }
    const values = normalize(data as Record<string, unknown>);
    const unknown = Object.keys(values).filter((k) => !(EXPERT_COLUMNS as readonly string[]).includes(k));
    for (const key of unknown) problems.push({ row, field: key, message: `未知字段“${key}”` });
    const parsed = PoolExpert.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ row, field: issue.path.map(String).join('.'), message: issue.message });
      continue;
    }
    if (unknown.length > 0) continue;
    // Issue 16 (6): the id becomes the expert's engine account: never one of the product's own.
    if (reservedIds().has(parsed.data.id.toLowerCase())) {
      problems.push({ row, field: 'id', message: `专家编号 ${parsed.data.id} 与流程平台已有的账号或组重名` });
      continue;
    }
    const earlier = seen.get(parsed.data.id);
    if (earlier !== undefined) {
      problems.push({ row, field: 'id', message: `专家编号 ${parsed.data.id} 与第 ${earlier} 行重复` });
      continue;
    }
    seen.set(parsed.data.id, row);
    experts.push(parsed.data);
  }
  return { experts, problems };
}

export type ExpertCounts = Record<UpsertOutcome, number> & { qualified: number; notQualified: number };

/** Writes the experts in one transaction; a failure leaves the pool as it was. */
export async function importExperts(
  db: Db,
  experts: PoolExpert[],
  /** Art. 12 (二): the edition in force the day of the import, for the counts of qualified experts. */
  rules: ReviewerRules,
  source = '',
  actor = 'cli',
): Promise<ExpertCounts> {
  return db.transaction(async (tx) => {
    const counts: ExpertCounts = { inserted: 0, updated: 0, unchanged: 0, qualified: 0, notQualified: 0 };
    for (const expert of experts) {
      counts[await upsertExpert(tx, expert, source)]++;
      if (expertQualificationFailures(expert, rules).length === 0) counts.qualified++;
      else counts.notQualified++;
    }
    // Issue 8 (5): who imported the pool, with the counts, in the same transaction.
    await recordAudit(tx, {
      actor,
      action: 'experts.imported',
      subject: source || '（未命名文件）',
      summary:
        `${actor} 导入评审专家库 ${source}：新增 ${counts.inserted}、更新 ${counts.updated}、未变 ${counts.unchanged}；` +
        `符合第十二条 ${counts.qualified} 人，不符合 ${counts.notQualified} 人`,
      details: { file: source, experts: experts.map((e) => e.id), counts },
    });
    return counts;
  });
}
