import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../app.js';
import { openTestStore } from '../../store/test-store.js';
import type { Db } from '../../store/index.js';
import { upsertAwardRecord, upsertOrganization, upsertPerson, upsertSanction } from '../../store/registry.js';
import { eligibilityRouter } from './eligibility.js';

const AS_OF = '2025-06-30';
const REGISTERED_ORG = '91310113132203854K'; // has a 2024 district award and a 2024 penalty in the registry
const CLEAN_ORG = '91310113000000000U'; // not in the registry
const EMPLOYER = '91310113425027495X'; // had a major accident in 2024, in the registry
const PERSON = '310113198506120015'; // holds a national award in the registry
const OTHER_PERSON = '310113200101010045';

const organization = (extra: Record<string, unknown> = {}) => ({
  kind: 'organization',
  name: '上海宝山示范制造有限公司',
  creditCode: CLEAN_ORG,
  registeredDistrict: '宝山区',
  registrationDate: '2018-05-20',
  licensesValid: true,
  chiefQualityOfficer: true,
  sanctions: [],
  awards: [],
  municipalApplicationSameYear: false,
  ...extra,
});

const individual = (extra: Record<string, unknown> = {}) => ({
  kind: 'individual',
  name: '张三',
  idNumber: OTHER_PERSON,
  worksInBaoshan: true,
  contributesToBaoshan: true,
  qualityWorkSince: '2015-09-01',
  seriousViolation: false,
  awards: [],
  municipalApplicationSameYear: false,
  ...extra,
});

describe('POST /api/eligibility/check', () => {
  let db: Db;
  let app: Express;
  beforeAll(async () => {
    db = await openTestStore();
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [eligibilityRouter({ db, editions: SHIPPED_EDITIONS })],
    });
    await upsertOrganization(db, { creditCode: REGISTERED_ORG, name: '上海宝山示范制造有限公司' });
    await upsertAwardRecord(
      db,
      { creditCode: REGISTERED_ORG },
      { level: 'district', category: 'model', year: 2024 },
    );
    await upsertSanction(db, REGISTERED_ORG, {
      type: 'serious-penalty',
      date: '2024-05-01',
      description: '超标排放',
    });
    await upsertOrganization(db, { creditCode: EMPLOYER, name: '上海吴淞精密机械有限公司' });
    await upsertSanction(db, EMPLOYER, {
      type: 'major-accident',
      date: '2024-03-15',
      description: '车间起火',
    });
    await upsertPerson(db, { idNumber: PERSON, name: '李四' });
    await upsertAwardRecord(
      db,
      { idNumber: PERSON },
      { level: 'national', category: 'achievement', year: 2020 },
    );
  });
  afterAll(async () => {
    await db.close();
  });

  const check = (body: unknown) =>
    request(app)
      .post('/api/eligibility/check')
      .send(body as object);
  const failureCodes = (res: request.Response) =>
    (res.body.failures as { code: string }[]).map((f) => f.code);

  it('answers an eligible organization with the contract shape', async () => {
    // Given an organization meeting every rule and unknown to the registry
    // when it is checked
    const res = await check({ asOf: AS_OF, applicant: organization() });
    // then it is eligible for model, with Art. 14 (3) (4) as manual checks
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({
      eligible: true,
      category: 'model',
      failures: [],
      manualChecks: [
        {
          article: 14,
          clause: 3,
          code: 'art14-3-quality-management',
          message: expect.stringContaining('第十四条'),
        },
        {
          article: 14,
          clause: 4,
          code: 'art14-4-business-performance',
          message: expect.stringContaining('第十四条'),
        },
      ],
    });
  });

  it('counts the registry records of the same credit code as if they were in the request', async () => {
    // Given an organization whose recent award and penalty are only in the registry
    // when it is checked
    const res = await check({ asOf: AS_OF, applicant: organization({ creditCode: REGISTERED_ORG }) });
    // then both fail it, naming their articles
    expect(res.status).toBe(200);
    expect(res.body.eligible).toBe(false);
    expect(res.body.failures).toEqual([
      expect.objectContaining({ article: 14, clause: 1, code: 'art14-exclusion-1-serious-penalty' }),
      expect.objectContaining({ article: 16, clause: 1, code: 'art16-1-recent-award' }),
    ]);
  });

  it('counts a record once when the request repeats what the registry holds', async () => {
    // Given a request carrying the registry's own penalty and award again
    const applicant = organization({
      creditCode: REGISTERED_ORG,
      sanctions: [{ type: 'serious-penalty', date: '2024-05-01', description: '超标排放' }],
      awards: [{ level: 'district', category: 'model', year: 2024 }],
    });
    // when it is checked
    const res = await check({ asOf: AS_OF, applicant });
    // then each fails once
    expect(failureCodes(res)).toEqual(['art14-exclusion-1-serious-penalty', 'art16-1-recent-award']);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an individual unknown to the registry', {}, []],
    ['an individual with a national award in the registry', { idNumber: PERSON }, ['art16-2-higher-award']],
    [
      'an individual whose employer had a major accident per the registry',
      { employer: { name: '上海吴淞精密机械有限公司', creditCode: EMPLOYER, sanctions: [] } },
      ['art15-4-employer-major-accident'],
    ],
    [
      'an individual whose employer is clean',
      { employer: { name: '上海宝山示范制造有限公司', creditCode: CLEAN_ORG, sanctions: [] } },
      [],
    ],
  ])('checks %s', async (_name, extra, expected) => {
    // Given an individual
    // when it is checked
    const res = await check({ asOf: AS_OF, applicant: individual(extra) });
    // then the registry's records of the person and the employer count
    expect(res.status).toBe(200);
    expect(res.body.category).toBe('achievement');
    expect(failureCodes(res)).toEqual(expected);
    expect(res.body.eligible).toBe(expected.length === 0);
  });

  it.each<[string, string, string[]]>([
    ['the day before the third anniversary of its 发文', '2025-12-19', ['art16-1-recent-award']],
    ['on the third anniversary of its 发文', '2025-12-20', []],
  ])(
    'Art. 16 ¶1 (contract edition 2): counts a registry award from its 发文 date, %s',
    async (_name, asOf, expected) => {
      // Given an organization whose 2022 district award, conferred on 2022-12-20, is only in the registry
      const creditCode = '91310113MA1GKR4W33';
      await upsertOrganization(db, { creditCode, name: '上海月浦新材料有限公司' });
      await upsertAwardRecord(
        db,
        { creditCode },
        { level: 'district', category: 'model', year: 2022, awardedOn: '2022-12-20' },
      );
      // when it is checked, declaring the same award without its date
      const res = await check({
        asOf,
        applicant: organization({
          creditCode,
          awards: [{ level: 'district', category: 'model', year: 2022 }],
        }),
      });
      // then the registry's date decides, once, and no manual check on the date is left
      expect(res.status).toBe(200);
      expect(failureCodes(res)).toEqual(expected);
      expect(res.body.manualChecks.map((c: { code: string }) => c.code)).not.toContain(
        'art16-1-award-date-unknown',
      );
    },
  );

  it('Art. 14 ¶2 (三) (contract edition 2): a serious violation decades ago still excludes', async () => {
    const res = await check({
      asOf: AS_OF,
      applicant: organization({
        sanctions: [{ type: 'serious-violation', date: '1999-09-09', description: '伪造检验报告' }],
      }),
    });
    expect(res.body.eligible).toBe(false);
    expect(failureCodes(res)).toEqual(['art14-exclusion-3-serious-violation']);
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    [
      'a wrong credit code',
      { asOf: AS_OF, applicant: organization({ creditCode: '91310113000000000D' }) },
      [{ path: 'applicant.creditCode', message: '统一社会信用代码校验位错误' }],
    ],
    [
      'a credit code of the wrong length',
      { asOf: AS_OF, applicant: organization({ creditCode: '9131011300000000' }) },
      [{ path: 'applicant.creditCode', message: '统一社会信用代码应为 18 位，实际为 16 位' }],
    ],
    [
      'a wrong id number',
      { asOf: AS_OF, applicant: individual({ idNumber: '310113200101010046' }) },
      [{ path: 'applicant.idNumber', message: '居民身份证号码校验位错误' }],
    ],
    [
      'a wrong employer credit code',
      {
        asOf: AS_OF,
        applicant: individual({ employer: { name: 'x', creditCode: '91310113425027495Y', sanctions: [] } }),
      },
      [{ path: 'applicant.employer.creditCode', message: '统一社会信用代码校验位错误' }],
    ],
    [
      'two problems at once',
      { asOf: '2025-02-29', applicant: organization({ registrationDate: '2018/05/20' }) },
      [
        { path: 'asOf', message: '预审日期（asOf）不是有效日期' },
        { path: 'applicant.registrationDate', message: '登记注册日期应为 YYYY-MM-DD 格式的日期' },
      ],
    ],
    [
      'no applicant kind',
      { asOf: AS_OF, applicant: { name: 'x' } },
      [{ path: 'applicant.kind', message: '申报主体类型（kind）应为 organization 或 individual' }],
    ],
  ])('answers 400 for %s, naming the field', async (_name, body, issues) => {
    // Given a request that does not fit the schema
    // when it is checked
    const res = await check(body);
    // then the answer is the contract's 400 with one issue per problem
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_request', issues });
  });

  it('answers 400 for a body that is not JSON', async () => {
    // Given a broken JSON body
    // when it is posted
    const res = await request(app)
      .post('/api/eligibility/check')
      .set('Content-Type', 'application/json')
      .send('{"asOf":');
    // then the answer is invalid_request
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('writes nothing', async () => {
    // Given the registry's row counts
    const counts = () =>
      db.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM registry_organizations) + (SELECT count(*) FROM registry_persons)
              + (SELECT count(*) FROM registry_award_records) + (SELECT count(*) FROM registry_sanctions)
              + (SELECT count(*) FROM effects) AS n`,
      );
    const before = await counts();
    // when new applicants with records are checked
    await check({
      asOf: AS_OF,
      applicant: organization({ awards: [{ level: 'municipal', category: 'model', year: 2010 }] }),
    });
    await check({ asOf: AS_OF, applicant: individual({ idNumber: PERSON }) });
    // then nothing was stored
    expect(await counts()).toEqual(before);
  });
});
