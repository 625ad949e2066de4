// Art. 10 (4), 12, 21, 26: imports experts into the pool (专家库) that panels are selected from.
//
//   npm run experts:import -- <file.csv|file.json>
//
// Every row is checked first; when any row is bad the whole file is rejected with a report per row
// and nothing is written. A good file is imported in one transaction; re-importing it changes nothing.
// Experts become Camunda users (group `experts`, no password) when the office selects them for a
// panel, so this command needs no engine.
//
// CSV: UTF-8, comma-separated, RFC 4180 quoting, first line the header; columns in any order, an
// unknown column is an error, an empty cell counts as absent:
//
//   id                    the expert's id, also their log-in (letters, digits, inner - _ .) — required
//   name                  姓名 — required
//   organizationCreditCode 所在单位统一社会信用代码 (Art. 26 回避)
//   idNumber              居民身份证号码 (Art. 26 回避)
//   yearsOfExperience     years of quality-management or technical work (Art. 12 (2)) — required
//   trained               true | false: systematic quality-management training (Art. 12 (3)) — required
//   ethicsPledgeSigned    true | false: signed the review-discipline pledge (Art. 12 (4), 26) — required
//   specialties           专业领域, separated by 、 or ; (preferred for matching applications)
//   email                 e-mail address — required
//   conflicts             application business keys (cycle-2025/A-001) the expert declared, by ;
//
// JSON: an array of objects with the same fields (numbers, booleans and string arrays as such).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isMain, runMain } from '../config/cli.js';
import { verifyOperator } from './lib/operator.js';
import { loadConfig } from '../config/config.js';
import { reservedIds } from '../camunda/identity.js';
import { expertQualificationFailures, PoolExpert, splitList } from '../domain/experts.js';
import { recordAudit } from '../store/audit.js';
import { openStore, type Db } from '../store/index.js';
import { upsertExpert } from '../store/experts.js';
import type { UpsertOutcome } from '../store/registry.js';
import {
  CsvSyntaxError,
  parseCsv,
  readRegistryFile,
  RegistryFileError,
  type RawRow,
  type RowProblem,
} from './registry-import.js';

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

const csvLabel = (row: number) => `第 ${row} 行`;

/** Reads a .csv or .json expert file into raw rows; header problems reject the file. */
export function readExpertFile(file: string): { rows: RawRow[]; rowLabel: (row: number) => string } {
  // JSON (and the refusal of other types) reads as the registry's does.
  if (path.extname(file).toLowerCase() !== '.csv') return readRegistryFile(file);
  // The registry reader knows the registry's columns; only the CSV syntax is shared.
  let records;
  try {
    records = parseCsv(readText(file));
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw new RegistryFileError([{ row: err.line, field: '', message: err.message }], csvLabel);
    throw err;
  }
  const [header, ...rest] = records;
  if (!header) throw new RegistryFileError([{ row: 1, field: '', message: '文件为空，缺少表头' }], csvLabel);
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
  if (problems.length > 0) throw new RegistryFileError(problems, csvLabel);
  return {
    rows: data.map((r) => ({
      row: r.line,
      data: Object.fromEntries(columns.map((c, i) => [c, r.fields[i]])),
    })),
    rowLabel: csvLabel,
  };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`无法读取文件 ${file}：${(err as Error).message}`);
  }
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
  source = '',
  actor = 'cli',
): Promise<ExpertCounts> {
  return db.transaction(async (tx) => {
    const counts: ExpertCounts = { inserted: 0, updated: 0, unchanged: 0, qualified: 0, notQualified: 0 };
    for (const expert of experts) {
      counts[await upsertExpert(tx, expert, source)]++;
      if (expertQualificationFailures(expert).length === 0) counts.qualified++;
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

/** Reads, validates and imports a file; throws RegistryFileError (nothing written) when any row is bad. */
export async function importExpertFile(db: Db, file: string, actor = 'cli'): Promise<ExpertCounts> {
  const { rows: raw, rowLabel } = readExpertFile(file);
  const { experts, problems } = validateExpertRows(raw);
  if (problems.length > 0) throw new RegistryFileError(problems, rowLabel);
  return importExperts(db, experts, path.basename(file), actor);
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('用法：npm run experts:import -- <文件.csv|文件.json>');
  const cfg = loadConfig();
  const operator = await verifyOperator(cfg, '导入评审专家库');
  const db = await openStore({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.dataDir });
  try {
    const c = await importExpertFile(db, file, operator.userId);
    process.stdout.write(
      `已导入 ${file}：新增 ${c.inserted}，更新 ${c.updated}，未变 ${c.unchanged}；` +
        `符合第十二条可选聘 ${c.qualified} 人，不符合 ${c.notQualified} 人\n`,
    );
  } catch (err) {
    if (err instanceof RegistryFileError) {
      const lines = err.problems.map(
        (p) => `${err.rowLabel(p.row)}${p.field ? ` ${p.field}` : ''}：${p.message}`,
      );
      process.stderr.write([`${file} 未通过校验：`, ...lines].join('\n') + '\n');
      throw new Error(`${file}：${err.message}`, { cause: err });
    }
    throw err;
  } finally {
    await db.close();
  }
}

if (isMain(import.meta.url)) runMain(main);
