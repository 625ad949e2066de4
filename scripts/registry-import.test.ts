import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTestStore } from '../store/test-store.js';
import type { Db } from '../store/index.js';
import { findOrganizationRecords, findPersonRecords } from '../store/registry.js';
import {
  CsvSyntaxError,
  RegistryFileError,
  csvRows,
  formatProblems,
  importRegistryFile,
  importRows,
  parseCsv,
  validateRows,
  type RegistryRow,
} from './registry-import.js';

const EXAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'registry-examples');
const HEADER =
  'kind,creditCode,idNumber,name,level,category,year,title,revokedOn,type,date,description,source';

describe('parseCsv', () => {
  it.each<[string, string, { line: number; fields: string[] }[]]>([
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['1', '2', '3'] },
      ],
    ],
    [
      'no final line end',
      'a,b\n1,2',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
    ],
    [
      'CRLF line ends and a BOM',
      '\uFEFFa,b\r\n1,2\r\n',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
    ],
    [
      'empty fields',
      'a,,\n,,x\n',
      [
        { line: 1, fields: ['a', '', ''] },
        { line: 2, fields: ['', '', 'x'] },
      ],
    ],
    ['a quoted comma and quote', '"x, y","say ""hi""",z\n', [{ line: 1, fields: ['x, y', 'say "hi"', 'z'] }]],
    ['an empty quoted field', '"",a,""\n', [{ line: 1, fields: ['', 'a', ''] }]],
    [
      'a line break inside quotes keeps the record on its first line',
      'a,"one\ntwo"\nb,c\n',
      [
        { line: 1, fields: ['a', 'one\ntwo'] },
        { line: 3, fields: ['b', 'c'] },
      ],
    ],
    [
      'blank lines',
      'a\n\n  \nb\n\n',
      [
        { line: 1, fields: ['a'] },
        { line: 4, fields: ['b'] },
      ],
    ],
    [
      'Chinese text',
      '名称,说明\n宝山,"罚款 50 万元，整改"\n',
      [
        { line: 1, fields: ['名称', '说明'] },
        { line: 2, fields: ['宝山', '罚款 50 万元，整改'] },
      ],
    ],
  ])('reads %s', (_name, text, expected) => {
    // Given CSV text
    // when it is parsed
    // then the records and the lines they start on come back
    expect(parseCsv(text)).toEqual(expected);
  });

  it.each([
    ['an unterminated quote', 'a\n"open,b\nc\n', 2, '第 2 行开始的带引号字段缺少结束引号'],
    ['a quote inside an unquoted field', 'a\nb"c\n', 2, '第 2 行：未加引号的字段中出现了引号'],
    ['text after a closing quote', 'a\n"b"c,d\n', 2, '第 2 行：结束引号后应为逗号或换行'],
  ])('rejects %s naming the line', (_name, text, line, message) => {
    // Given malformed CSV
    // when it is parsed
    // then the error names the line
    expect(() => parseCsv(text)).toThrow(new CsvSyntaxError(line, message));
    try {
      parseCsv(text);
    } catch (err) {
      expect((err as CsvSyntaxError).line).toBe(line);
    }
  });
});

describe('csvRows', () => {
  it('keys rows by the header and skips rows of empty cells', () => {
    // Given a header, a data row and a row of commas only
    const rows = csvRows(parseCsv('kind,name\naward,甲\n,\n'));
    // then one raw row remains, keyed by column
    expect(rows).toEqual([{ row: 2, data: { kind: 'award', name: '甲' } }]);
  });

  it.each([
    ['an unknown column', 'kind,nmae\naward,x\n', ['第 1 行 nmae：未知的列“nmae”']],
    ['a repeated column', 'kind,name,name\naward,x,y\n', ['第 1 行 name：列“name”重复']],
    ['no kind column', 'name\nx\n', ['第 1 行 kind：表头缺少 kind 列']],
    [
      'a row of the wrong width',
      'kind,name\naward,x,y\naward\n',
      ['第 2 行：应有 2 列，实际为 3 列', '第 3 行：应有 2 列，实际为 1 列'],
    ],
    ['an empty file', '', ['第 1 行：文件为空，缺少表头']],
  ])('rejects %s', (_name, text, report) => {
    // Given a CSV file with a structural problem
    // when its rows are taken
    // then the whole file is rejected with one line per problem
    expect(() => csvRows(parseCsv(text))).toThrow(RegistryFileError);
    try {
      csvRows(parseCsv(text));
    } catch (err) {
      expect(formatProblems(err as RegistryFileError)).toEqual(report);
    }
  });
});

describe('validateRows', () => {
  const award = {
    kind: 'award',
    creditCode: '91310113132203854K',
    name: '甲公司',
    level: 'district',
    category: 'model',
    year: '2023',
  };
  const sanction = {
    kind: 'sanction',
    creditCode: '91310113132203854K',
    name: '甲公司',
    type: 'major-accident',
    date: '2024-03-15',
    description: '事故',
  };

  it('accepts good rows, trims text, drops empty cells and reads the year as a number', () => {
    // Given an award and a sanction row as the CSV reader yields them
    const { rows, problems } = validateRows([
      { row: 2, data: { ...award, creditCode: ' 91310113132203854k ', title: '', revokedOn: '' } },
      { row: 3, data: sanction },
    ]);
    // then both pass, normalized
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        kind: 'award',
        creditCode: '91310113132203854K',
        name: '甲公司',
        level: 'district',
        category: 'model',
        year: 2023,
      },
      { ...sanction, kind: 'sanction' },
    ]);
  });

  it.each<[string, Record<string, unknown>, { field: string; message: string }[]]>([
    [
      'a wrong credit code',
      { ...award, creditCode: '91310113132203854D' },
      [{ field: 'creditCode', message: '统一社会信用代码校验位错误' }],
    ],
    [
      'a wrong id number',
      { ...award, creditCode: undefined, idNumber: '310113198506120016' },
      [{ field: 'idNumber', message: '居民身份证号码校验位错误' }],
    ],
    [
      'an award without holder',
      { ...award, creditCode: '' },
      [
        {
          field: 'creditCode',
          message: '获奖记录须填写统一社会信用代码（组织）或居民身份证号码（个人）之一，且只填一个',
        },
      ],
    ],
    [
      'an award with two holders',
      { ...award, idNumber: '310113198506120015' },
      [
        {
          field: 'creditCode',
          message: '获奖记录须填写统一社会信用代码（组织）或居民身份证号码（个人）之一，且只填一个',
        },
      ],
    ],
    [
      'a sanction of a person',
      { ...sanction, idNumber: '310113198506120015' },
      [{ field: 'idNumber', message: '处罚记录不填写 idNumber' }],
    ],
    [
      'an award with a sanction column',
      { ...award, date: '2024-01-01' },
      [{ field: 'date', message: '获奖记录不填写 date' }],
    ],
    [
      'an unknown kind',
      { ...award, kind: 'prize' },
      [{ field: 'kind', message: '记录类型（kind）应为 award 或 sanction' }],
    ],
    [
      'no kind',
      { ...award, kind: undefined },
      [{ field: 'kind', message: '记录类型（kind）应为 award 或 sanction' }],
    ],
    ['a non-numeric year', { ...award, year: '二〇二三' }, [{ field: 'year', message: '获奖年份应为整数' }]],
    [
      'no such day',
      { ...sanction, date: '2023-02-29' },
      [{ field: 'date', message: '处罚或事故日期不是有效日期' }],
    ],
    ['no name', { ...award, name: ' ' }, [{ field: 'name', message: '缺少名称或姓名' }]],
    ['an unknown field', { ...award, remark: 'x' }, [{ field: 'remark', message: '未知字段“remark”' }]],
    [
      'a bad level and category',
      { ...award, level: 'city', category: 'x' },
      [
        { field: 'level', message: '奖项级别应为 district、municipal、national 之一' },
        { field: 'category', message: '奖项类别应为 model、achievement 之一' },
      ],
    ],
  ])('reports %s', (_name, data, expected) => {
    // Given one bad row after a good one
    const { rows, problems } = validateRows([
      { row: 2, data: award },
      { row: 3, data },
    ]);
    // then the bad row is reported with its row number, field and message, the good one kept
    expect(problems).toEqual(expected.map((p) => ({ row: 3, ...p })));
    expect(rows).toHaveLength(1);
  });

  it('reports conflicting names and conflicting duplicates within the file, and non-objects in JSON', () => {
    // Given rows that disagree with earlier rows, and a JSON element that is no object
    const { problems } = validateRows([
      { row: 1, data: award },
      { row: 2, data: { ...sanction, name: '乙公司' } },
      { row: 3, data: { ...award, revokedOn: '2024-01-01' } },
      { row: 4, data: award },
      { row: 5, data: 'award' },
    ]);
    // then each is named; an exact duplicate is no problem
    expect(problems).toEqual([
      { row: 2, field: 'name', message: '与第 1 行同一代码的名称“甲公司”不一致：“乙公司”' },
      { row: 3, field: 'revokedOn', message: '与第 1 行是同一条记录，但发文日期、撤销日期或来源不同' },
      { row: 5, field: '', message: '记录应为对象（{ "kind": … }）' },
    ]);
  });
});

describe('importing a registry file', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = await openTestStore();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-import-'));
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const count = async (table: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
  const totals = async () => ({
    organizations: await count('registry_organizations'),
    persons: await count('registry_persons'),
    awards: await count('registry_award_records'),
    sanctions: await count('registry_sanctions'),
  });

  it('imports the example CSV, and importing it again changes nothing', async () => {
    // Given the example CSV file
    const file = path.join(EXAMPLES, 'registry.csv');
    // when it is imported twice
    const first = await importRegistryFile(db, file);
    const second = await importRegistryFile(db, file);
    // then the first import inserts everything and the second finds everything unchanged
    expect(first).toEqual({
      organizations: { inserted: 3, updated: 0, unchanged: 0 },
      persons: { inserted: 1, updated: 0, unchanged: 0 },
      awards: { inserted: 3, updated: 0, unchanged: 0 },
      sanctions: { inserted: 2, updated: 0, unchanged: 0 },
    });
    expect(second).toEqual({
      organizations: { inserted: 0, updated: 0, unchanged: 3 },
      persons: { inserted: 0, updated: 0, unchanged: 1 },
      awards: { inserted: 0, updated: 0, unchanged: 3 },
      sanctions: { inserted: 0, updated: 0, unchanged: 2 },
    });
    // and the quoted description and the revocation are stored as written
    expect(await findOrganizationRecords(db, '91310113425027495X')).toEqual({
      awards: [
        {
          level: 'municipal',
          category: 'model',
          year: 2019,
          title: '上海市质量金奖',
          revokedOn: '2021-05-01',
        },
      ],
      sanctions: [
        {
          type: 'major-accident',
          date: '2024-03-15',
          description: '车间起火，造成较大社会影响（"3·15"事故）',
        },
      ],
    });
  });

  it('imports the example JSON, and importing it again changes nothing', async () => {
    // Given the example JSON file
    const file = path.join(EXAMPLES, 'registry.json');
    // when it is imported twice
    const first = await importRegistryFile(db, file);
    const second = await importRegistryFile(db, file);
    // then four records are inserted once
    expect(first.awards).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(first.sanctions).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(second.awards).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await findPersonRecords(db, '11010519491231002X')).toEqual({
      awards: [{ level: 'municipal', category: 'achievement', year: 2018, title: '上海市质量金奖（个人）' }],
    });
  });

  it('updates a revocation on re-import with a changed row', async () => {
    // Given the example awards, and a file revoking one of them
    const file = path.join(dir, 'revocation.csv');
    fs.writeFileSync(
      file,
      `${HEADER}\naward,91310113132203854K,,上海宝山示范制造有限公司,district,model,2023,宝山区质量金奖（先进质量管理模式）,2025-01-10,,,,区市场监管局 2023 年获奖名单\n`,
    );
    // when it is imported
    const counts = await importRegistryFile(db, file);
    // then that award is updated, nothing else added
    expect(counts.awards).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect((await findOrganizationRecords(db, '91310113132203854K')).awards[0]?.revokedOn).toBe('2025-01-10');
  });

  it('Art. 16 ¶1: stores the 发文 date (awardedOn) of an award, and a later file adding it updates the award', async () => {
    // Given the 2023 district award without its 发文 date, then a file naming the date
    const file = path.join(dir, 'awarded-on.csv');
    fs.writeFileSync(
      file,
      `${HEADER},awardedOn\naward,91310113132203854K,,上海宝山示范制造有限公司,district,model,2023,宝山区质量金奖（先进质量管理模式）,2025-01-10,,,,区市场监管局 2023 年获奖名单,2023-12-20\n`,
    );
    // when it is imported twice
    const counts = await importRegistryFile(db, file);
    const again = await importRegistryFile(db, file);
    // then the award gets the date once, and the date is what 资格预审 counts from
    expect(counts.awards).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(again.awards).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await findOrganizationRecords(db, '91310113132203854K')).awards[0]).toMatchObject({
      awardedOn: '2023-12-20',
      revokedOn: '2025-01-10',
    });
  });

  it('Art. 16 ¶1: refuses a 发文 date that is no date or falls before the award year', () => {
    const award = {
      kind: 'award',
      creditCode: '91310113132203854K',
      name: '上海宝山示范制造有限公司',
      level: 'district',
      category: 'model',
      year: 2023,
    };
    const { problems } = validateRows([
      { row: 1, data: { ...award, awardedOn: '2023-02-30' } },
      { row: 2, data: { ...award, title: 'b', awardedOn: '2022-12-31' } },
    ]);
    expect(problems).toEqual([
      { row: 1, field: 'awardedOn', message: '获奖发文日期（awardedOn）不是有效日期' },
      { row: 2, field: 'awardedOn', message: '获奖发文日期不能早于获奖年份' },
    ]);
  });

  it('rejects a file with a bad row as a whole, writing nothing', async () => {
    // Given a file with one new good row and two bad ones
    const before = await totals();
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      [
        HEADER,
        'award,91350100M000100Y43,,新公司,district,model,2024,,,,,,',
        'award,91350100M000100Y44,,坏代码公司,district,model,2024,,,,,,',
        'sanction,91350100M000100Y43,,新公司,,,,,,fine,2024-01-01,罚款,',
      ].join('\n'),
    );
    // when it is imported
    const result = importRegistryFile(db, file);
    // then the import fails with a report per bad row and the registry is as before
    await expect(result).rejects.toThrow('文件中有 2 处错误，未导入任何记录');
    const err = await result.catch((e: RegistryFileError) => e);
    expect(formatProblems(err as RegistryFileError)).toEqual([
      '第 3 行 creditCode：统一社会信用代码校验位错误',
      '第 4 行 type：处罚或事故类型应为 serious-penalty、rectification-refused、major-accident、major-complaint、serious-violation 之一',
    ]);
    expect(await totals()).toEqual(before);
  });

  it('rolls back every row when the database refuses one', async () => {
    // Given a valid first row and a second row that the database refuses (bypassing validation)
    const before = await totals();
    const rows = [
      {
        kind: 'award',
        creditCode: '91310113MA1GKR4W33',
        name: '丙公司',
        level: 'national',
        category: 'model',
        year: 2024,
      },
      {
        kind: 'award',
        creditCode: '91310113MA1GKR4W33',
        name: '丙公司',
        level: 'galactic',
        category: 'model',
        year: 2024,
      },
    ] as unknown as RegistryRow[];
    // when they are imported
    // then the import fails and the first row is not kept either
    await expect(importRows(db, rows)).rejects.toThrow();
    expect(await totals()).toEqual(before);
  });

  it('refuses other file types and JSON that is not an array', async () => {
    // Given a text file and a JSON object
    const txt = path.join(dir, 'registry.txt');
    const json = path.join(dir, 'object.json');
    fs.writeFileSync(txt, 'x');
    fs.writeFileSync(json, '{"kind":"award"}');
    // when they are imported
    // then each is refused with a Chinese message
    await expect(importRegistryFile(db, txt)).rejects.toThrow('只能导入 .csv 或 .json 文件');
    await expect(importRegistryFile(db, json)).rejects.toThrow('应为记录数组');
  });
});
