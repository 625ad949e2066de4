import { pino } from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { EDITION_2023, SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { auditTrail } from '../../store/audit.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import type { Verifier } from '../auth.js';
import { basicAuth } from '../test-auth.js';
import { HttpError } from '../validation.js';
import { editionsRouter } from './editions.js';
import { eligibilityRouter } from './eligibility.js';

const PEOPLE: Record<string, string[]> = {
  office1: ['office'],
  committee1: ['committee'],
  expert1: ['experts'],
};
const verifier: Verifier = async ({ username, password }) => {
  const groups = PEOPLE[username];
  if (!groups || password !== `pw-${username}`)
    throw new HttpError(401, { error: 'unauthorized', message: '用户名或密码错误' });
  return { userId: username, groups };
};

// Art. 9 (二), 10 (二), 28: the office adds a revised edition of the 办法 in the product; the committee
// approves it before any cycle or check can use it.
describe('/api/editions (Art. 9 (二), 28)', () => {
  let db: Db;
  let app: Express;
  beforeAll(async () => {
    db = await openTestStore();
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [
        editionsRouter({ db, auth: verifier, editions: SHIPPED_EDITIONS }),
        eligibilityRouter({ db, editions: SHIPPED_EDITIONS }),
      ],
    });
  });
  afterAll(async () => {
    await db.close();
  });

  const revised = {
    ...EDITION_2023,
    id: '2028',
    title: '宝山区政府质量奖管理办法（2028 年修订）',
    appliesFrom: '2028-08-01',
    effectiveFrom: '2028-08-01',
    effectiveTo: '2033-07-31',
    eligibility: { ...EDITION_2023.eligibility, cooldownYears: 4 },
  };
  const propose = (body: unknown, user = 'office1') =>
    request(app)
      .post('/api/editions')
      .set('Authorization', basicAuth(user))
      .send(body as object);
  const decide = (id: string, body: unknown, user = 'committee1') =>
    request(app)
      .post(`/api/editions/${id}/decision`)
      .set('Authorization', basicAuth(user))
      .send(body as object);
  const precheck = (asOf: string) =>
    request(app)
      .post('/api/eligibility/check')
      .send({
        asOf,
        applicant: {
          kind: 'organization',
          name: '上海宝山示范制造有限公司',
          creditCode: '91310113000000000U',
          registeredDistrict: '宝山区',
          registrationDate: '2015-01-01',
          licensesValid: true,
          chiefQualityOfficer: true,
          sanctions: [],
          awards: [{ level: 'district', category: 'model', year: 2025, awardedOn: '2025-12-01' }],
          municipalApplicationSameYear: false,
        },
      });

  it('refuses an anonymous client, and everyone but the office adding and the committee deciding', async () => {
    expect((await request(app).post('/api/editions').send(revised)).status).toBe(401);
    expect((await request(app).get('/api/editions')).status).toBe(401);
    expect((await propose(revised, 'expert1')).status).toBe(403);
    expect((await propose(revised, 'committee1')).status).toBe(403);
    expect((await decide('2023', { decision: 'approve', reason: 'x' }, 'office1')).status).toBe(403);
  });

  it('answers 400 naming the field of a bad edition, and writes nothing', async () => {
    const res = await propose({ ...revised, eligibility: { ...revised.eligibility, banYears: -1 } });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'eligibility.banYears', message: '不能为负数' }]);
    const overlap = await propose({ ...revised, appliesFrom: '2028-07-01', effectiveFrom: '2028-07-01' });
    expect(overlap.status).toBe(400);
    expect(overlap.body.issues[0]).toMatchObject({
      path: 'appliesFrom',
      message: expect.stringContaining('第二十八条'),
    });
    expect((await propose({ ...EDITION_2023 })).status).toBe(409);
    const list = await request(app).get('/api/editions').set('Authorization', basicAuth('office1'));
    expect(list.body.stored).toEqual([]);
  });

  it('uses a revised edition only once the committee approved it', async () => {
    // Given the office proposes the revision
    const added = await propose(revised);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ status: 'proposed', edition: { id: '2028' } });
    expect((await propose(revised)).status).toBe(409);
    // then a check on a day it would cover finds no approved edition (422), not some fallback
    const before = await precheck('2028-12-02');
    expect(before.status).toBe(422);
    expect(before.body.error).toBe('edition_unavailable');
    // When the committee approves it
    const approved = await decide('2028', { decision: 'approve', reason: '经审定委员会审议通过' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ id: '2028', status: 'approved', decidedBy: 'committee1' });
    // the same decision again changes nothing; the other decision is refused
    expect((await decide('2028', { decision: 'approve', reason: '重复提交' })).status).toBe(200);
    expect((await decide('2028', { decision: 'reject', reason: '改变主意' })).status).toBe(409);
    expect((await decide('2099', { decision: 'approve', reason: 'x' })).status).toBe(404);
    expect(
      (await decide('2028', { decision: 'maybe', reason: '' })).body.issues.map(
        (i: { path: string }) => i.path,
      ),
    ).toEqual(['decision', 'reason']);
    // Then the pre-check uses it on its days: Art. 16 ¶1 with its four years
    const after = await precheck('2028-12-02');
    expect(after.status).toBe(200);
    expect(after.body.failures.map((f: { code: string }) => f.code)).toEqual(['art16-1-recent-award']);
    expect(after.body.failures[0].message).toContain('自 2029-12-01 起方可申报');
    // and the 2023 edition still on its days (three years)
    expect((await precheck('2028-07-31')).body.failures[0].message).toContain('自 2028-12-01 起方可申报');
    // and the audit trail holds the proposal and the approval
    expect((await auditTrail(db, {})).map((e) => e.action).sort()).toEqual([
      'edition.approved',
      'edition.proposed',
    ]);
  });
});
