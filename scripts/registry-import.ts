// Art. 14, 15 (4), 16, 25: imports earlier awards and sanctions into the registry that 资格预审 consults.
//
//   npm run registry:import -- <file.csv|file.json>
//
// Every row is checked first; when any row is bad the whole file is rejected with a report per row
// and nothing is written. A good file is imported in one transaction. Re-importing the same file
// changes nothing (everything is counted as unchanged).
//
// CSV: UTF-8 (a BOM is allowed) or GBK, comma-separated, RFC 4180 quoting ("…", "" for a quote inside), first
// line the header. Columns, in any order; only `kind` is required in the header, an unknown column
// is an error, and an empty cell counts as absent:
//
//   kind         award | sanction
//   creditCode   统一社会信用代码 of the organization (award: this or idNumber; sanction: required)
//   idNumber     居民身份证号码 of the person (award only)
//   name         the organization's or person's name (required)
//   level        award: district | municipal | national
//   category     award: model | achievement
//   year         award: the year it was won (e.g. 2023)
//   title        award: its name (optional; part of what identifies the award)
//   awardedOn    award: YYYY-MM-DD of the announcement (发文) that conferred it (optional for past
//                years; Art. 16 ¶1 and 25 count from it, see contracts.md)
//   revokedOn    award: YYYY-MM-DD when it was revoked (optional)
//   type         sanction: serious-penalty | rectification-refused | major-accident | major-complaint
//                | serious-violation
//   date         sanction: YYYY-MM-DD
//   description  sanction: what happened (required; part of what identifies the sanction)
//   source       where the record comes from (optional; defaults to the file's name)
//
// JSON: an array of objects with the same fields (year as a number or a digit string).
import path from 'node:path';
import { z } from 'zod';
import { isMain, runMain } from '../config/cli.js';
import { loadConfig } from '../config/config.js';
import { AwardRecord, Sanction } from '../domain/eligibility.js';
import { CreditCode, IdNumber } from '../domain/identifiers.js';
import { recordAudit } from '../store/audit.js';
import { openStore, type Db } from '../store/index.js';
import {
  csvTable,
  CsvSyntaxError,
  CsvTableError,
  parseCsv,
  readTextFile,
  type CsvRecord,
} from './lib/csv.js';
import { verifyOperator } from './lib/operator.js';
import {
  upsertAwardRecord,
  upsertOrganization,
  upsertPerson,
  upsertSanction,
  type UpsertOutcome,
} from '../store/registry.js';

export const REGISTRY_COLUMNS = [
  'kind',
  'creditCode',
  'idNumber',
  'name',
  'level',
  'category',
  'year',
  'title',
  'awardedOn',
  'revokedOn',
  'type',
  'date',
  'description',
  'source',
] as const;

const AWARD_ONLY = ['idNumber', 'level', 'category', 'year', 'title', 'awardedOn', 'revokedOn'];
const SANCTION_ONLY = ['type', 'date', 'description'];

const name = z
  .string({ error: (iss) => (iss.input === undefined ? '缺少名称或姓名' : '名称或姓名应为文本') })
  .trim()
  .min(1, '缺少名称或姓名');
const source = z.string({ error: '来源应为文本' }).trim().optional();

export const AwardRow = AwardRecord.safeExtend({
  kind: z.literal('award'),
  creditCode: CreditCode.optional(),
  idNumber: IdNumber.optional(),
  name,
  source,
}).refine((r) => (r.creditCode === undefined) !== (r.idNumber === undefined), {
  message: '获奖记录须填写统一社会信用代码（组织）或居民身份证号码（个人）之一，且只填一个',
  path: ['creditCode'],
});

export const SanctionRow = Sanction.extend({
  kind: z.literal('sanction'),
  creditCode: CreditCode,
  name,
  source,
});

export const RegistryRow = z.discriminatedUnion('kind', [AwardRow, SanctionRow], {
  error: (iss) => (iss.code === 'invalid_union' ? '记录类型（kind）应为 award 或 sanction' : undefined),
});
export type RegistryRow = z.infer<typeof RegistryRow>;

/** One problem of the file: the CSV line or JSON element (1-based), the field and a Chinese message. */
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

export class RegistryFileError extends Error {
  constructor(
    readonly problems: RowProblem[],
    readonly rowLabel: (row: number) => string,
  ) {
    super(`文件中有 ${problems.length} 处错误，未导入任何记录`);
  }
}

// ---------------------------------------------------------------------------------------------
// CSV (the syntax and the encodings: scripts/lib/csv.ts, shared with the experts import)

export { CsvSyntaxError, parseCsv, type CsvRecord } from './lib/csv.js';

/** Turns CSV records into raw rows keyed by the header; header problems reject the file. */
export function csvRows(records: CsvRecord[]): RawRow[] {
  try {
    return csvTable(records, { columns: REGISTRY_COLUMNS, required: ['kind'] });
  } catch (err) {
    if (err instanceof CsvTableError) throw new RegistryFileError(err.problems, csvLabel);
    throw err;
  }
}

const csvLabel = (row: number) => `第 ${row} 行`;
const jsonLabel = (row: number) => `第 ${row} 条记录`;

/** Reads a .csv or .json registry file into raw rows. */
export function readRegistryFile(file: string): { rows: RawRow[]; rowLabel: (row: number) => string } {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') throw new Error(`只能导入 .csv 或 .json 文件：${file}`);
  const text = readTextFile(file);
  if (ext === '.csv') {
    try {
      return { rows: csvRows(parseCsv(text)), rowLabel: csvLabel };
    } catch (err) {
      if (err instanceof CsvSyntaxError)
        throw new RegistryFileError([{ row: err.line, field: '', message: err.message }], csvLabel);
      throw err;
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} 不是合法的 JSON：${(err as Error).message}`);
  }
  if (!Array.isArray(data)) throw new Error(`${file} 应为记录数组（[ {…}, … ]）`);
  return {
    rows: data.map((item: unknown, index) => ({ row: index + 1, data: item })),
    rowLabel: jsonLabel,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Blank cells are absent, text is trimmed, a digit-string year becomes a number. */
function normalize(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    let v = typeof value === 'string' ? value.trim() : value;
    if (v === '' || v === null || v === undefined) continue;
    if (key === 'year' && typeof v === 'string' && /^\d+$/.test(v)) v = Number(v);
    out[key] = v;
  }
  return out;
}

/** Validates every row; returns the rows, or the problems of all bad rows. */
export function validateRows(raw: RawRow[]): { rows: RegistryRow[]; problems: RowProblem[] } {
  const rows: RegistryRow[] = [];
  const problems: RowProblem[] = [];
  const names = new Map<string, { row: number; name: string }>();
  const keys = new Map<string, { row: number; attributes: string }>();

  for (const { row, data } of raw) {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problems.push({ row, field: '', message: '记录应为对象（{ "kind": … }）' });
      continue;
    }
    const values = normalize(data as Record<string, unknown>);
    const before = problems.length;
    for (const key of Object.keys(values)) {
      if (!(REGISTRY_COLUMNS as readonly string[]).includes(key))
        problems.push({ row, field: key, message: `未知字段“${key}”` });
    }
    const misplaced = values.kind === 'award' ? SANCTION_ONLY : values.kind === 'sanction' ? AWARD_ONLY : [];
    for (const key of misplaced) {
      if (key in values)
        problems.push({
          row,
          field: key,
          message: `${values.kind === 'award' ? '获奖记录' : '处罚记录'}不填写 ${key}`,
        });
    }
    const parsed = RegistryRow.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ row, field: issue.path.map(String).join('.') || 'kind', message: issue.message });
    }
    if (problems.length > before || !parsed.success) continue;
    const record = parsed.data;

    // The same holder must carry one name throughout the file.
    const holder = record.creditCode ?? (record.kind === 'award' ? record.idNumber : undefined) ?? '';
    const seen = names.get(holder);
    if (seen && seen.name !== record.name) {
      problems.push({
        row,
        field: 'name',
        message: `与第 ${seen.row} 行同一代码的名称“${seen.name}”不一致：“${record.name}”`,
      });
      continue;
    }
    if (!seen) names.set(holder, { row, name: record.name });

    // The same award or sanction must not appear twice with different details.
    const [key, attributes] =
      record.kind === 'award'
        ? [
            ['award', holder, record.level, record.category, record.year, record.title ?? ''].join('|'),
            [record.awardedOn ?? '', record.revokedOn ?? '', record.source ?? ''].join('|'),
          ]
        : [['sanction', holder, record.type, record.date, record.description].join('|'), record.source ?? ''];
    const earlier = keys.get(key);
    if (earlier && earlier.attributes !== attributes) {
      problems.push({
        row,
        field: record.kind === 'award' ? 'revokedOn' : 'source',
        message: `与第 ${earlier.row} 行是同一条记录，但${record.kind === 'award' ? '发文日期、撤销日期或来源' : '来源'}不同`,
      });
      continue;
    }
    if (!earlier) keys.set(key, { row, attributes });
    rows.push(record);
  }
  return { rows, problems };
}

// ---------------------------------------------------------------------------------------------
// Import

export type Counts = Record<UpsertOutcome, number>;
export interface ImportCounts {
  organizations: Counts;
  persons: Counts;
  awards: Counts;
  sanctions: Counts;
}

const zero = (): Counts => ({ inserted: 0, updated: 0, unchanged: 0 });

/** Writes valid rows in one transaction; a failure leaves the registry as it was. */
export async function importRows(
  db: Db,
  rows: RegistryRow[],
  defaultSource = '',
  actor = 'cli',
): Promise<ImportCounts> {
  return db.transaction(async (tx) => {
    const counts: ImportCounts = {
      organizations: zero(),
      persons: zero(),
      awards: zero(),
      sanctions: zero(),
    };
    const holdersDone = new Set<string>();
    for (const row of rows) {
      const source = row.source ?? defaultSource;
      if (row.creditCode !== undefined) {
        if (!holdersDone.has(row.creditCode)) {
          counts.organizations[
            await upsertOrganization(tx, { creditCode: row.creditCode, name: row.name })
          ]++;
          holdersDone.add(row.creditCode);
        }
      } else if (row.kind === 'award' && row.idNumber !== undefined && !holdersDone.has(row.idNumber)) {
        counts.persons[await upsertPerson(tx, { idNumber: row.idNumber, name: row.name })]++;
        holdersDone.add(row.idNumber);
      }
      if (row.kind === 'award') {
        const holder =
          row.creditCode !== undefined ? { creditCode: row.creditCode } : { idNumber: row.idNumber! };
        const { level, category, year, title, awardedOn, revokedOn } = row;
        counts.awards[
          await upsertAwardRecord(tx, holder, { level, category, year, title, awardedOn, revokedOn, source })
        ]++;
      } else {
        const { type, date, description } = row;
        counts.sanctions[await upsertSanction(tx, row.creditCode, { type, date, description, source })]++;
      }
    }
    // Issue 8 (5): who imported what, with the counts, in the same transaction as the rows.
    const line = (label: string, c: Counts) =>
      `${label}新增 ${c.inserted}、更新 ${c.updated}、未变 ${c.unchanged}`;
    await recordAudit(tx, {
      actor,
      action: 'registry.imported',
      subject: defaultSource || '（未命名文件）',
      summary: `${actor} 导入登记簿 ${defaultSource}：${[
        line('组织', counts.organizations),
        line('个人', counts.persons),
        line('获奖记录', counts.awards),
        line('处罚记录', counts.sanctions),
      ].join('；')}`,
      details: { file: defaultSource, rows: rows.length, counts },
    });
    return counts;
  });
}

/** Reads, validates and imports a file; throws RegistryFileError (nothing written) when any row is bad. */
export async function importRegistryFile(db: Db, file: string, actor = 'cli'): Promise<ImportCounts> {
  const { rows: raw, rowLabel } = readRegistryFile(file);
  const { rows, problems } = validateRows(raw);
  if (problems.length > 0) throw new RegistryFileError(problems, rowLabel);
  return importRows(db, rows, path.basename(file), actor);
}

/** The report lines of a rejected file, one per problem. */
export function formatProblems(err: RegistryFileError): string[] {
  return err.problems.map((p) => `${err.rowLabel(p.row)}${p.field ? ` ${p.field}` : ''}：${p.message}`);
}

export function formatCounts(counts: ImportCounts): string[] {
  const line = (label: string, c: Counts) =>
    `  ${label}：新增 ${c.inserted}，更新 ${c.updated}，未变 ${c.unchanged}`;
  return [
    line('组织', counts.organizations),
    line('个人', counts.persons),
    line('获奖记录', counts.awards),
    line('处罚记录', counts.sanctions),
  ];
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('用法：npm run registry:import -- <文件.csv|文件.json>');
  const cfg = loadConfig();
  const operator = await verifyOperator(cfg, '导入获奖和处罚登记簿');
  const db = await openStore({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.dataDir });
  try {
    const counts = await importRegistryFile(db, file, operator.userId);
    process.stdout.write([`已导入 ${file}：`, ...formatCounts(counts)].join('\n') + '\n');
  } catch (err) {
    if (err instanceof RegistryFileError) {
      process.stderr.write([`${file} 未通过校验：`, ...formatProblems(err)].join('\n') + '\n');
      throw new Error(`${file}：${err.message}`, { cause: err });
    }
    throw err;
  } finally {
    await db.close();
  }
}

if (isMain(import.meta.url)) runMain(main);
