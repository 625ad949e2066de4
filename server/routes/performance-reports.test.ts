import { pino } from 'pino';
import request from 'supertest';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { basicAuth, testVerifier } from '../test-auth.js';
import { performanceReportsRouter } from './performance-reports.js';

describe('POST/GET /api/performance-reports (Art. 23)', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestStore();
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [performanceReportsRouter({ db, auth: testVerifier })],
    });
  });
  afterAll(async () => {
    await db.close();
  });

  const report = {
    holderKey: '91310113MA1GKQ0A5Q',
    holderName: '上海宝山精密制造有限公司',
    awardYear: 2025,
    period: 1,
    reportYear: 2026,
    summary: '一次交检合格率 99.2%。',
    indicators: { 顾客满意度: 92 },
  };

  it('stores a submitted 质量绩效表 (201) and lists it for the office', async () => {
    // Given a winner's report
    // when it is posted
    const posted = await request(app).post('/api/performance-reports').send(report);
    // then it is stored and listed
    expect(posted.status).toBe(201);
    expect(posted.body.report).toMatchObject({ ...report, source: 'api' });
    const listed = await request(app)
      .get('/api/performance-reports?holderKey=91310113MA1GKQ0A5Q&awardYear=2025')
      .set('Authorization', basicAuth('office1'));
    expect(listed.status).toBe(200);
    expect(listed.body.reports).toHaveLength(1);
  });

  it('answers 400 naming the field of a bad report or query', async () => {
    const bad = await request(app)
      .post('/api/performance-reports')
      .send({ ...report, summary: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(['summary']);
    const badQuery = await request(app)
      .get('/api/performance-reports?holderKey=x&awardYear=abc')
      .set('Authorization', basicAuth('office1'));
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.issues[0].path).toBe('awardYear');
  });

  it('lets anyone submit but only the office read the reports (401 anonymous, 403 others)', async () => {
    // Given a stored report, when it is read without log-in, by an expert and by a unit
    const query = '/api/performance-reports?holderKey=91310113MA1GKQ0A5Q&awardYear=2025';
    const anonymous = await request(app).get(query);
    const expert = await request(app).get(query).set('Authorization', basicAuth('expert1'));
    const unit = await request(app).get(query).set('Authorization', basicAuth('unit-luodian'));
    // Then they are refused without any report in the answer
    expect(anonymous.status).toBe(401);
    expect([expert.status, unit.status]).toEqual([403, 403]);
    expect(expert.body.reports).toBeUndefined();
    // while the office reads them
    const office = await request(app).get(query).set('Authorization', basicAuth('office1'));
    expect(office.status).toBe(200);
    expect(office.body.reports.length).toBeGreaterThan(0);
  });
});
