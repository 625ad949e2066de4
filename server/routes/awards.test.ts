import { pino } from 'pino';
import request from 'supertest';
import { proposeExpert, recordCycleAward } from '../../store/awards.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { basicAuth, testVerifier } from '../test-auth.js';
import { awardsRouter } from './awards.js';

describe('GET /api/awards and /api/awards/expert-proposals (Art. 18 (8), 21)', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestStore();
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [awardsRouter({ db, auth: testVerifier })],
    });
    for (const [applicationId, awardClass, year] of [
      ['app-g', 'gold', 2025],
      ['app-d', 'district-head', 2025],
      ['app-old', 'gold', 2023],
    ] as const)
      await recordCycleAward(db, {
        cycleKey: `cycle-${year}`,
        applicationId,
        awardYear: year,
        applicantName: `单位${applicationId}`,
        applicantKind: 'organization',
        holderKey: '91310113MA1GKQ0A5Q',
        category: 'model',
        awardClass,
        title:
          awardClass === 'gold'
            ? '宝山区质量金奖（先进质量管理模式）'
            : '宝山区区长质量奖（先进质量管理模式）',
        prize: 1000,
        email: null,
        documentNumber: `宝府〔${year}〕1号`,
        documentDate: `${year}-12-01`,
        certificateSha256: 'x',
        processInstanceId: null,
      });
    await proposeExpert(db, {
      awardYear: 2025,
      cycleKey: 'cycle-2025',
      applicationId: 'app-d',
      personKey: 'name:王总',
      name: '王总',
      idNumber: null,
      email: null,
      role: 'executive',
      organizationName: '单位app-d',
      organizationCreditCode: '91310113MA1GKQ0A5Q',
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it('lists a year’s winners for the office, district-head first', async () => {
    const res = await request(app).get('/api/awards?year=2025').set('Authorization', basicAuth('office1'));
    expect(res.status).toBe(200);
    expect(res.body.awards.map((a: { applicationId: string }) => a.applicationId)).toEqual([
      'app-d',
      'app-g',
    ]);
    expect(res.body.municipalRecommendation[0]).toEqual({
      applicationId: 'app-d',
      applicantName: '单位app-d',
      title: '宝山区区长质量奖（先进质量管理模式）',
      awardYear: 2025,
    });
    const proposals = await request(app)
      .get('/api/awards/expert-proposals?year=2025')
      .set('Authorization', basicAuth('office1'));
    expect(proposals.body.proposals).toEqual([expect.objectContaining({ name: '王总', status: 'proposed' })]);
  });

  it('refuses anonymous and non-office callers and names a bad year', async () => {
    expect((await request(app).get('/api/awards?year=2025')).status).toBe(401);
    expect((await request(app).get('/api/awards').set('Authorization', basicAuth('expert1'))).status).toBe(
      403,
    );
    const bad = await request(app).get('/api/awards?year=abc').set('Authorization', basicAuth('office1'));
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('year');
  });
});
