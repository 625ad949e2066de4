import { pino } from 'pino';
import request from 'supertest';
import type { Db } from '../../store/index.js';
import { issueReportLink, reportTokenHash } from '../../store/performance-reports.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { basicAuth, testVerifier } from '../test-auth.js';
import { performanceReportsRouter } from './performance-reports.js';

describe('POST/GET /api/performance-reports (Art. 23)', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let token: string;
  let otherToken: string;
  beforeAll(async () => {
    db = await openTestStore();
    // The links of two request e-mails: this holder's and another winner's.
    token = await issueReportLink(db, { holderKey: '91310113MA1GKQ0A5Q', awardYear: 2025 }, 'p1/a1/mail:x');
    otherToken = await issueReportLink(
      db,
      { holderKey: '91310113MA1GKQ0B6R', awardYear: 2025 },
      'p2/a1/mail:x',
    );
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
    const posted = await request(app)
      .post('/api/performance-reports')
      .send({ ...report, token });
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
      .send({ ...report, token, summary: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(['summary']);
    const badQuery = await request(app)
      .get('/api/performance-reports?holderKey=x&awardYear=abc')
      .set('Authorization', basicAuth('office1'));
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.issues[0].path).toBe('awardYear');
  });

  it('issue 16: refuses a report without the holder’s secret link (403 in Chinese), stores none', async () => {
    // Given the holder's token, another holder's, a made-up one and none
    const before = await db.query('SELECT id FROM performance_reports');
    const made = 'A'.repeat(43);
    const answers = await Promise.all(
      [undefined, '', made, otherToken].map((t) =>
        request(app)
          .post('/api/performance-reports')
          .send({ ...report, token: t }),
      ),
    );
    // Then each is refused, naming the link in Chinese, and nothing is stored
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
    expect(answers[3]!.body.message).toContain('专属链接');
    expect(await db.query('SELECT id FROM performance_reports')).toHaveLength(before.length);
    // a NUL in the token is bad input like in any field (400 naming it)
    const nul = await request(app)
      .post('/api/performance-reports')
      .send({ ...report, token: 'x\u0000' });
    expect(nul.status).toBe(400);
    expect(JSON.stringify(nul.body)).toContain('token');
    // and the right token of another award year does not file either
    const otherYear = await request(app)
      .post('/api/performance-reports')
      .send({ ...report, awardYear: 2024, token });
    expect(otherYear.status).toBe(403);
  });

  it('issue 16: keeps only the token’s SHA-256 and tells the form page whose link it is', async () => {
    const rows = await db.query<{ token_hash: string }>('SELECT token_hash FROM performance_report_links');
    expect(rows.map((r) => r.token_hash)).toContain(reportTokenHash(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const link = await request(app).get(`/api/performance-reports/link?token=${token}`);
    expect(link.status).toBe(200);
    expect(link.body).toEqual({ holderKey: '91310113MA1GKQ0A5Q', awardYear: 2025 });
    const bad = await request(app).get('/api/performance-reports/link?token=nope');
    expect(bad.status).toBe(403);
  });

  it('issue 16: the link of one e-mail stays the same once the e-mail is in the outbox', async () => {
    // Given an e-mail's link issued, then its e-mail written to the outbox
    const first = await issueReportLink(
      db,
      { holderKey: '91310113MA1GKQ0A5Q', awardYear: 2025 },
      'p3/a1/mail:x',
    );
    await db.query(
      `INSERT INTO effects (effect_key, kind, process_instance_id, activity_id, payload)
       VALUES ($1, 'mail', 'p3', 'a1', '{}')`,
      ['p3/a1/mail:x'],
    );
    await db.query(
      `INSERT INTO mail_outbox (effect_key, message_id, recipients, subject, body) VALUES ($1, $2, $3, $4, $5)`,
      ['p3/a1/mail:x', '<m@x>', ['a@example.cn'], 's', first],
    );
    // when the task is redelivered and issues again
    const again = await issueReportLink(
      db,
      { holderKey: '91310113MA1GKQ0A5Q', awardYear: 2025 },
      'p3/a1/mail:x',
    );
    // then the e-mail's token still files, the discarded one does not
    const ok = await request(app)
      .post('/api/performance-reports')
      .send({ ...report, token: first });
    const discarded = await request(app)
      .post('/api/performance-reports')
      .send({ ...report, token: again });
    expect([ok.status, discarded.status]).toEqual([201, 403]);
  });

  it('lets anyone with the link submit but only the office read the reports (401 anonymous, 403 others)', async () => {
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
