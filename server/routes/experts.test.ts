import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import request from 'supertest';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { basicAuth, testVerifier } from '../test-auth.js';
import { expertsRouter } from './experts.js';

describe('POST/GET /api/experts (Art. 10 (4), 12)', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestStore();
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [expertsRouter({ db, auth: testVerifier, editions: SHIPPED_EDITIONS })],
    });
  });
  afterAll(async () => {
    await db.close();
  });

  const OFFICE = basicAuth('office1');
  const zhang = {
    id: 'zhang',
    name: '张三',
    yearsOfExperience: 12,
    trained: true,
    ethicsPledgeSigned: true,
    specialties: ['制造业'],
    email: 'zhang@example.cn',
  };

  it('adds an expert (201), updates them (200) and lists whether Art. 12 allows selecting them', async () => {
    // Given an empty pool
    // when the office adds a qualified and an untrained expert, then updates the first
    const added = await request(app).post('/api/experts').set('Authorization', OFFICE).send(zhang);
    await request(app)
      .post('/api/experts')
      .set('Authorization', OFFICE)
      .send({ ...zhang, id: 'li', name: '李四', trained: false });
    const updated = await request(app)
      .post('/api/experts')
      .set('Authorization', OFFICE)
      .send({ ...zhang, yearsOfExperience: 13 });
    // then the answers say what happened
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ outcome: 'inserted', expert: { id: 'zhang', qualified: true } });
    expect(updated.status).toBe(200);
    expect(updated.body.outcome).toBe('updated');
    // and the list marks the untrained one with the article
    const all = await request(app).get('/api/experts').set('Authorization', OFFICE);
    expect(all.body.experts.map((e: { id: string; qualified: boolean }) => [e.id, e.qualified])).toEqual([
      ['li', false],
      ['zhang', true],
    ]);
    expect(all.body.experts[0].qualificationFailures[0]).toContain('第十二条第（三）项');
    const qualified = await request(app).get('/api/experts?qualified=true').set('Authorization', OFFICE);
    expect(qualified.body.experts.map((e: { id: string }) => e.id)).toEqual(['zhang']);
  });

  it('refuses an invalid expert with 400 naming each field, writing nothing', async () => {
    const res = await request(app)
      .post('/api/experts')
      .set('Authorization', OFFICE)
      .send({ ...zhang, id: 'bad id', email: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['id', 'email']);
  });

  it.each(['admin', 'office1', 'camunda-admin', 'Worker', 'service-workers', 'identity'])(
    'refuses the expert id %s, an account or group of the product, with 400 naming id (issue 16)',
    async (id) => {
      const res = await request(app)
        .post('/api/experts')
        .set('Authorization', OFFICE)
        .send({ ...zhang, id });
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['id']);
      const list = await request(app).get('/api/experts').set('Authorization', OFFICE);
      expect(list.body.experts.map((e: { id: string }) => e.id)).not.toContain(id);
    },
  );

  it('lets only the office and process-admins use the pool: 401 without log-in, 403 for others', async () => {
    // Given the pool API, when people who are not the office call it
    const anonymous = await request(app).get('/api/experts');
    const wrongPassword = await request(app)
      .get('/api/experts')
      .set('Authorization', basicAuth('office1', 'x'));
    const expert = await request(app).get('/api/experts').set('Authorization', basicAuth('expert1'));
    const unit = await request(app)
      .post('/api/experts')
      .set('Authorization', basicAuth('unit-luodian'))
      .send({ ...zhang, id: 'wang', name: '王五' });
    const admin = await request(app).get('/api/experts').set('Authorization', basicAuth('admin1'));
    // Then anonymous and wrong passwords are 401, other groups 403 naming the groups, in JSON
    expect([anonymous.status, wrongPassword.status]).toEqual([401, 401]);
    expect(anonymous.body.message).toContain('请先用流程引擎账号登录');
    expect([expert.status, unit.status]).toEqual([403, 403]);
    expect(expert.body).toMatchObject({ error: 'forbidden' });
    expect(expert.body.message).toContain('office');
    expect(expert.body.experts).toBeUndefined();
    // and the refused POST wrote nothing, while a process-admin may read
    expect(admin.status).toBe(200);
    expect(admin.body.experts.map((e: { id: string }) => e.id)).not.toContain('wang');
  });
});
