import { openTestStore } from './test-store.js';
import type { Db } from './index.js';
import {
  findOrganizationRecords,
  findPersonRecords,
  findSanctions,
  upsertAwardRecord,
  upsertOrganization,
  upsertPerson,
  upsertSanction,
} from './registry.js';

const ORG = '91310113132203854K';
const OTHER_ORG = '91310113425027495X';
const PERSON = '310113198506120015';

describe('registry store', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  it('inserts, keeps and renames organizations and persons', async () => {
    // Given an empty registry
    // when the same organization and person are upserted, then renamed
    const outcomes = [
      await upsertOrganization(db, { creditCode: ORG, name: '上海宝山示范制造有限公司' }),
      await upsertOrganization(db, { creditCode: ORG, name: '上海宝山示范制造有限公司' }),
      await upsertOrganization(db, { creditCode: ORG, name: '上海宝山示范制造股份有限公司' }),
      await upsertPerson(db, { idNumber: PERSON, name: '张三' }),
      await upsertPerson(db, { idNumber: PERSON, name: '张三' }),
      await upsertPerson(db, { idNumber: PERSON, name: '张叁' }),
    ];
    // then each call says what it did and the last name is kept
    expect(outcomes).toEqual(['inserted', 'unchanged', 'updated', 'inserted', 'unchanged', 'updated']);
    const [org] = await db.query<{ name: string }>(
      'SELECT name FROM registry_organizations WHERE credit_code = $1',
      [ORG],
    );
    expect(org?.name).toBe('上海宝山示范制造股份有限公司');
  });

  it('keeps one award per holder, level, category, year and title; updates its revocation', async () => {
    // Given an organization and a person in the registry
    await upsertOrganization(db, { creditCode: OTHER_ORG, name: '上海吴淞精密机械有限公司' });
    const award = { level: 'district', category: 'model', year: 2023, title: '质量金奖' } as const;
    // when awards are upserted, again unchanged, then revoked
    const outcomes = [
      await upsertAwardRecord(db, { creditCode: OTHER_ORG }, award),
      await upsertAwardRecord(db, { creditCode: OTHER_ORG }, award),
      await upsertAwardRecord(db, { creditCode: OTHER_ORG }, { ...award, revokedOn: '2024-02-29' }),
      await upsertAwardRecord(db, { creditCode: OTHER_ORG }, { ...award, revokedOn: '2024-02-29' }),
      await upsertAwardRecord(
        db,
        { creditCode: OTHER_ORG },
        { level: 'municipal', category: 'model', year: 2019 },
      ),
      await upsertAwardRecord(
        db,
        { idNumber: PERSON },
        { level: 'district', category: 'achievement', year: 2022 },
      ),
    ];
    // then the registry holds each award once, with its revocation date as YYYY-MM-DD
    expect(outcomes).toEqual(['inserted', 'unchanged', 'updated', 'unchanged', 'inserted', 'inserted']);
    expect((await findOrganizationRecords(db, OTHER_ORG)).awards).toEqual([
      { level: 'municipal', category: 'model', year: 2019 },
      { level: 'district', category: 'model', year: 2023, title: '质量金奖', revokedOn: '2024-02-29' },
    ]);
    expect(await findPersonRecords(db, PERSON)).toEqual({
      awards: [{ level: 'district', category: 'achievement', year: 2022 }],
    });
    expect(await findPersonRecords(db, '11010519491231002X')).toEqual({ awards: [] });
  });

  it('keeps one sanction per organization, type, date and description', async () => {
    // Given an organization in the registry
    const s = { type: 'major-accident', date: '2024-03-15', description: '车间起火' } as const;
    // when a sanction is upserted twice and then with another source
    const outcomes = [
      await upsertSanction(db, OTHER_ORG, { ...s, source: '区应急管理局' }),
      await upsertSanction(db, OTHER_ORG, { ...s, source: '区应急管理局' }),
      await upsertSanction(db, OTHER_ORG, { ...s, source: '区应急管理局通报' }),
      await upsertSanction(db, OTHER_ORG, { ...s, date: '2024-03-16' }),
    ];
    // then it is stored once per identity and read back without its source
    expect(outcomes).toEqual(['inserted', 'unchanged', 'updated', 'inserted']);
    expect(await findSanctions(db, OTHER_ORG)).toEqual([s, { ...s, date: '2024-03-16' }]);
    expect((await findOrganizationRecords(db, ORG)).sanctions).toEqual([]);
  });

  it('refuses duplicates and holder-less awards in the database itself', async () => {
    // Given the records above
    // when the unique key or the holder rule is broken with plain SQL (one statement at a time:
    // on PostgreSQL a pool would run them at once and a rejection could go unobserved)
    // then the store rejects each
    await expect(
      db.query(
        `INSERT INTO registry_sanctions (credit_code, type, sanction_date, description)
       VALUES ($1, 'major-accident', '2024-03-15', '车间起火')`,
        [OTHER_ORG],
      ),
    ).rejects.toThrow();
    await expect(
      db.query(
        `INSERT INTO registry_award_records (level, category, year) VALUES ('district', 'model', 2020)`,
      ),
    ).rejects.toThrow();
    await expect(
      db.query(
        `INSERT INTO registry_sanctions (credit_code, type, sanction_date, description)
       VALUES ('91350100M000100Y43', 'major-accident', '2024-03-15', 'x')`,
      ),
    ).rejects.toThrow();
  });
});
