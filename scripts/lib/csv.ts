// The one CSV reader of the imports (registry, experts): bytes → text (UTF-8 with or without a BOM,
// or GBK/GB18030 as Excel on a Chinese Windows saves "CSV"), RFC 4180 records, then rows keyed by a
// header checked against the importer's columns. Problems name the line, in Chinese.
import fs from 'node:fs';

/** One problem of a file: the line (1-based), the column and a Chinese message. */
export interface CsvProblem {
  row: number;
  field: string;
  message: string;
}

/** Thrown when the header or the column counts are wrong; every problem of the file at once. */
export class CsvTableError extends Error {
  constructor(readonly problems: CsvProblem[]) {
    super(problems.map((p) => `第 ${p.row} 行${p.field ? ` ${p.field}` : ''}：${p.message}`).join('；'));
  }
}

/**
 * The text of a file's bytes: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, otherwise
 * GBK (decoded as GB18030, its superset), the encoding Excel uses for CSV on a Chinese Windows.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    // ignoreBOM false: the decoder drops a leading UTF-8 BOM.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Reads a file as text (see decodeText); a file that cannot be read is an Error naming it. */
export function readTextFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new Error(`无法读取文件 ${file}：${(err as Error).message}`);
  }
  return decodeText(bytes);
}

export interface CsvRecord {
  /** The line the record starts on (1-based); a quoted field may span lines. */
  line: number;
  fields: string[];
}

/** Thrown when the file is not well-formed CSV; the message names the line. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses RFC 4180 CSV: commas, "quoted" fields with "" for a quote, LF or CRLF line ends; skips blank lines. */
export function parseCsv(text: string): CsvRecord[] {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false; // the current field was quoted, so it is complete
  let line = 1;
  let recordLine = 1;
  let i = 0;

  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && !quoted && field.trim() === '';
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    quoted = false;
  };

  while (i < s.length) {
    const c = s[i]!;
    if (c === '"') {
      if (field !== '' || quoted) throw new CsvSyntaxError(line, `第 ${line} 行：未加引号的字段中出现了引号`);
      const startLine = line;
      quoted = true;
      i++;
      for (;;) {
        if (i >= s.length)
          throw new CsvSyntaxError(startLine, `第 ${startLine} 行开始的带引号字段缺少结束引号`);
        const q = s[i]!;
        i++;
        if (q === '"') {
          if (s[i] !== '"') break;
          i++;
        } else if (q === '\n') line++;
        field += q;
      }
      const next = s[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        throw new CsvSyntaxError(line, `第 ${line} 行：结束引号后应为逗号或换行`);
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      quoted = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || quoted || fields.length > 0) endRecord();
  return records;
}

/**
 * Rows keyed by the header: every column must be one of `columns`, none twice, the `required` ones
 * present, and every non-blank record as long as the header. Blank records are skipped.
 */
export function csvTable(
  records: CsvRecord[],
  opts: { columns: readonly string[]; required?: readonly string[] },
): { row: number; data: Record<string, string | undefined> }[] {
  const [header, ...rest] = records;
  if (!header) throw new CsvTableError([{ row: 1, field: '', message: '文件为空，缺少表头' }]);
  const columns = header.fields.map((f) => f.trim());
  const problems: CsvProblem[] = [];
  columns.forEach((column, index) => {
    if (!opts.columns.includes(column))
      problems.push({ row: header.line, field: column, message: `未知的列“${column}”` });
    else if (columns.indexOf(column) !== index)
      problems.push({ row: header.line, field: column, message: `列“${column}”重复` });
  });
  for (const column of opts.required ?? [])
    if (!columns.includes(column))
      problems.push({ row: header.line, field: column, message: `表头缺少 ${column} 列` });
  const data = rest.filter((record) => record.fields.some((f) => f.trim() !== ''));
  for (const record of data)
    if (record.fields.length !== columns.length)
      problems.push({
        row: record.line,
        field: '',
        message: `应有 ${columns.length} 列，实际为 ${record.fields.length} 列`,
      });
  if (problems.length > 0) throw new CsvTableError(problems);
  return data.map((record) => ({
    row: record.line,
    data: Object.fromEntries(columns.map((column, index) => [column, record.fields[index]])),
  }));
}
