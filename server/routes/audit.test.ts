import { pino } from 'pino';
import request from 'supertest';
import { recordAudit } from '../../store/audit.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { basicAuth, testVerifier } from '../test-auth.js';
import { auditRouter } from './audit.js';

describe('GET /api/audit (issue 8 (5))', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestStore();
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [auditRouter({ db, auth: testVerifier })],
    });
    await recordAudit(db, {
      actor: 'expert-a',
      action: 'recusal.declared',
      subject: 'expert-a',
      businessKey: 'cycle-2025',
      summary: '专家 expert-a 申请回避申报 APP-1',
      details: { applicationId: 'APP-1' },
    });
    await recordAudit(db, {
      actor: 'office1',
      action: 'eligibility.decided',
      subject: 'APP-2',
      businessKey: 'cycle-2025/APP-2',
      summary: 'office1 决定正式受理申报 APP-2',
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it('shows the office the entries of one business key or action, oldest first', async () => {
    // Given two entries, when the office filters by business key and by action
    const byKey = await request(app)
      .get('/api/audit?businessKey=cycle-2025')
      .set('Authorization', basicAuth('office1'));
    const byAction = await request(app)
      .get('/api/audit?action=eligibility.decided')
      .set('Authorization', basicAuth('admin1'));
    // Then each answer holds exactly the matching entry with who, what and when
    expect(byKey.status).toBe(200);
    expect(byKey.body.entries).toHaveLength(1);
    expect(byKey.body.entries[0]).toMatchObject({
      actor: 'expert-a',
      action: 'recusal.declared',
      details: { applicationId: 'APP-1' },
    });
    expect(Number.isNaN(Date.parse(byKey.body.entries[0].at))).toBe(false);
    expect(byAction.body.entries.map((e: { subject: string }) => e.subject)).toEqual(['APP-2']);
  });

  it('refuses anyone else: 401 without or with wrong credentials, 403 for other groups', async () => {
    const anonymous = await request(app).get('/api/audit');
    const wrong = await request(app).get('/api/audit').set('Authorization', basicAuth('office1', 'nope'));
    const expert = await request(app).get('/api/audit').set('Authorization', basicAuth('expert1'));
    expect([anonymous.status, wrong.status, expert.status]).toEqual([401, 401, 403]);
    expect(expert.body.entries).toBeUndefined();
    expect(expert.body.message).toContain('查看审计记录');
  });

  it('answers 400 naming a bad filter', async () => {
    const res = await request(app)
      .get('/api/audit?action=DROP%20TABLE&limit=0')
      .set('Authorization', basicAuth('office1'));
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['action', 'limit']);
  });
});
