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
import path from 'node:path';
import { isMain, runMain } from '../config/cli.js';
import { verifyOperator } from './lib/operator.js';
import { loadConfig } from '../config/config.js';
import { shippedEditions } from '../config/editions.js';
import { editionInForce, shanghaiDate, type RulesEdition } from '../domain/edition.js';
import { knownEditions } from '../store/editions.js';
import { openStore, type Db } from '../store/index.js';
import {
  expertRowsFromTable,
  importExperts,
  validateExpertRows,
  type ExpertCounts,
} from '../store/expert-import.js';
import { CsvSyntaxError, parseCsv, readTextFile } from './lib/csv.js';
import { readRegistryFile, RegistryFileError, type RawRow } from './registry-import.js';

// The rows' checks and the import are shared with the office workbench's upload (issue 13).
export {
  EXPERT_COLUMNS,
  importExperts,
  validateExpertRows,
  type ExpertCounts,
} from '../store/expert-import.js';

const csvLabel = (row: number) => `第 ${row} 行`;

/** Reads a .csv or .json expert file into raw rows; header problems reject the file. */
export function readExpertFile(file: string): { rows: RawRow[]; rowLabel: (row: number) => string } {
  // JSON (and the refusal of other types) reads as the registry's does.
  if (path.extname(file).toLowerCase() !== '.csv') return readRegistryFile(file);
  // The registry reader knows the registry's columns; only the CSV syntax is shared.
  let records;
  try {
    records = parseCsv(readTextFile(file));
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw new RegistryFileError([{ row: err.line, field: '', message: err.message }], csvLabel);
    throw err;
  }
  const { rows, problems } = expertRowsFromTable(records);
  if (problems.length > 0) throw new RegistryFileError(problems, csvLabel);
  return { rows, rowLabel: csvLabel };
}

/** Art. 12, 28: the edition in force today (the files and the approved stored ones), or an error naming the day. */
export async function editionToday(
  db: Db,
  files: readonly RulesEdition[] = shippedEditions(),
  now: Date = new Date(),
): Promise<RulesEdition> {
  const day = shanghaiDate(now);
  const edition = editionInForce(day, await knownEditions(db, files));
  if (!edition)
    throw new Error(`第二十八条：${day} 不在任何已审议通过的办法版本的适用期内，无法按第十二条核对专家资格`);
  return edition;
}

/** Reads, validates and imports a file; throws RegistryFileError (nothing written) when any row is bad. */
export async function importExpertFile(db: Db, file: string, actor = 'cli'): Promise<ExpertCounts> {
  const { rows: raw, rowLabel } = readExpertFile(file);
  const { experts, problems } = validateExpertRows(raw);
  if (problems.length > 0) throw new RegistryFileError(problems, rowLabel);
  return importExperts(db, experts, await editionToday(db), path.basename(file), actor);
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
