import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../store/index.js';
import { listExperts } from '../store/experts.js';
import { openTestStore } from '../store/test-store.js';
import { importExpertFile, readExpertFile, validateExpertRows } from './experts-import.js';
import { RegistryFileError } from './registry-import.js';

const HEADER =
  'id,name,organizationCreditCode,yearsOfExperience,trained,ethicsPledgeSigned,specialties,email,conflicts';
const GOOD = [
  HEADER,
  'zhang,张三,91310113132203854K,12,true,true,制造业;服务业,zhang@example.cn,cycle-2031/A-001',
  'li,李四,,3,是,否,,li@example.cn,',
].join('\n');

const problemsOf = (err: unknown) =>
  (err as RegistryFileError).problems.map(
    (p) => `${(err as RegistryFileError).rowLabel(p.row)} ${p.field}：${p.message}`,
  );

describe('experts:import (Art. 10 (4), 12, 26)', () => {
  let db: Db;
  let dir: string;
  beforeAll(async () => {
    db = await openTestStore();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'experts-import-'));
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('imports a CSV, counts who is qualified, and importing it again changes nothing', async () => {
    // Given a CSV with a qualified and an unqualified expert
    const file = write('experts.csv', GOOD);
    // when it is imported twice
    const first = await importExpertFile(db, file);
    const second = await importExpertFile(db, file);
    // then both are inserted once; only one may be selected (Art. 12)
    expect(first).toEqual({ inserted: 2, updated: 0, unchanged: 0, qualified: 1, notQualified: 1 });
    expect(second).toEqual({ inserted: 0, updated: 0, unchanged: 2, qualified: 1, notQualified: 1 });
    const [li, zhang] = await listExperts(db);
    expect(zhang).toMatchObject({ specialties: ['制造业', '服务业'], conflicts: ['cycle-2031/A-001'] });
    expect(li).toMatchObject({
      yearsOfExperience: 3,
      trained: true,
      ethicsPledgeSigned: false,
      specialties: [],
    });
  });

  it('imports the same experts from JSON', async () => {
    const file = write(
      'experts.json',
      JSON.stringify([
        {
          id: 'wang',
          name: '王五',
          yearsOfExperience: 8,
          trained: true,
          ethicsPledgeSigned: true,
          email: 'w@example.cn',
        },
      ]),
    );
    expect(await importExpertFile(db, file)).toMatchObject({ inserted: 1, qualified: 1 });
  });

  it('rejects the whole file with a report per bad row, writing nothing', async () => {
    // Given a file with one new good row and bad ones
    const before = (await listExperts(db)).length;
    const file = write(
      'bad.csv',
      [
        HEADER,
        'zhao,赵六,,9,true,true,,zhao@example.cn,',
        '赵七,赵七,,9,true,true,,zhao7@example.cn,',
        'qian,钱八,,多年,maybe,true,,not-an-email,',
        'zhao,赵六,,9,true,true,,zhao@example.cn,',
      ].join('\n'),
    );
    // when it is imported
    const err = await importExpertFile(db, file).catch((e: unknown) => e);
    // then each problem names its line and field, and the pool is unchanged
    expect(err).toBeInstanceOf(RegistryFileError);
    expect(problemsOf(err)).toEqual([
      '第 3 行 id：专家编号只能由字母、数字组成，可用 - _ . 连接（同时作为流程平台的登录账号）',
      '第 4 行 yearsOfExperience：质量管理、专业技术工作年限应为数字',
      '第 4 行 trained：是否接受过质量管理系统培训应为 true 或 false',
      '第 4 行 email：邮箱格式不正确',
      '第 5 行 id：专家编号 zhao 与第 2 行重复',
    ]);
    expect(await listExperts(db)).toHaveLength(before);
  });

  it('rejects unknown columns and fields', () => {
    expect(() => readExpertFile(write('cols.csv', 'id,nmae\nx,y\n'))).toThrow(RegistryFileError);
    const { problems } = validateExpertRows([{ row: 1, data: { id: 'x', remark: 'y' } }]);
    expect(problems[0]).toEqual({ row: 1, field: 'remark', message: '未知字段“remark”' });
  });
});
