import { pino } from 'pino';
import request from 'supertest';
import { saveGraduates } from '../../store/between-cycles.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { basicAuth, testVerifier } from '../test-auth.js';
import { incubationRouter } from './incubation.js';

describe('GET /api/incubation/graduates (Art. 5, 10 (7))', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestStore();
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [incubationRouter({ db, auth: testVerifier })],
    });
    // Given the graduates of the 2027 incubation year, flagged for 2028
    await saveGraduates(db, [
      {
        incubationYear: 2027,
        creditCode: '91310113MA1GKQ0A5Q',
        name: '上海宝山精密制造有限公司',
        evaluationYear: 2028,
      },
    ]);
  });
  afterAll(async () => {
    await db.close();
  });

  it('lists the graduates flagged for an evaluation year to the office only', async () => {
    const office = await request(app)
      .get('/api/incubation/graduates?evaluationYear=2028')
      .set('Authorization', basicAuth('office1'));
    expect(office.status).toBe(200);
    expect(office.body.graduates.map((g: { creditCode: string }) => g.creditCode)).toEqual([
      '91310113MA1GKQ0A5Q',
    ]);
    const other = await request(app)
      .get('/api/incubation/graduates?evaluationYear=2030')
      .set('Authorization', basicAuth('office1'));
    expect(other.body.graduates).toEqual([]);
    expect((await request(app).get('/api/incubation/graduates?evaluationYear=2028')).status).toBe(401);
    const expert = await request(app)
      .get('/api/incubation/graduates?evaluationYear=2028')
      .set('Authorization', basicAuth('expert1'));
    expect(expert.status).toBe(403);
  });

  it('answers 400 naming evaluationYear when it is not a year', async () => {
    const bad = await request(app)
      .get('/api/incubation/graduates?evaluationYear=abc')
      .set('Authorization', basicAuth('office1'));
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('evaluationYear');
  });
});
