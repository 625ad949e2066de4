import { EDITION_2023, SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import request from 'supertest';
import { type RulesEdition } from '../../domain/edition.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { quotaRouter } from './quota.js';

describe('POST /api/quota/check', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestStore();
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [
        quotaRouter({ db, editions: SHIPPED_EDITIONS, now: () => new Date('2026-06-01T00:00:00Z') }),
      ],
    });
  });
  afterAll(async () => {
    await db.close();
  });

  const model = (id: string, prize?: number) => ({
    applicationId: id,
    awardClass: 'district-head',
    category: 'model',
    prize,
  });

  it('answers ok with the counts for awards within the quotas and caps', async () => {
    // Given two 区长质量奖 models at the cap and one gold achievement without a prize
    const res = await request(app)
      .post('/api/quota/check')
      .send({
        awards: [
          model('A-1', 500_000),
          model('A-2'),
          { applicationId: 'B-1', awardClass: 'gold', category: 'achievement' },
        ],
      });
    // Then it is ok, counted per class and category
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({
      ok: true,
      counts: { 'district-head': { model: 2, achievement: 0 }, gold: { model: 0, achievement: 1 } },
      violations: [],
    });
  });

  it('answers an empty list as ok', async () => {
    // Given no awards, then every class may stay empty
    const res = await request(app).post('/api/quota/check').send({ awards: [] });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
  });

  it('lists an Art. 7 quota breach and an Art. 19 prize breach naming the application', async () => {
    // Given three 区长质量奖 models, one with 500001 yuan
    const res = await request(app)
      .post('/api/quota/check')
      .send({ awards: [model('A-1'), model('A-2', 500_001), model('A-3')] });
    // Then both breaches come back, still 200: the check has answered
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.violations).toEqual([
      {
        article: 7,
        code: 'quota_exceeded',
        message: '超过第七条名额：区长质量奖先进质量管理模式不超过 2 个，实际 3 个',
        awardClass: 'district-head',
        category: 'model',
        limit: 2,
        actual: 3,
      },
      {
        article: 19,
        code: 'prize_cap_exceeded',
        message:
          '超过第十九条奖金上限：申报 A-2 的区长质量奖先进质量管理模式奖金不超过 500000 元，实际 500001 元',
        awardClass: 'district-head',
        category: 'model',
        limit: 500_000,
        actual: 500_001,
        applicationId: 'A-2',
      },
    ]);
  });

  it.each<[string, unknown, string[]]>([
    [
      'the same application twice',
      { awards: [model('A-1'), model('A-2'), model('A-1')] },
      ['awards.2.applicationId'],
    ],
    ['a negative prize', { awards: [model('A-1', -5)] }, ['awards.0.prize']],
    ['a prize that is not whole yuan', { awards: [model('A-1', 0.5)] }, ['awards.0.prize']],
    [
      'an unknown award class',
      { awards: [{ ...model('A-1'), awardClass: 'bronze' }] },
      ['awards.0.awardClass'],
    ],
    ['no awards field', { list: [] }, ['awards']],
  ])('answers %s with 400 and the path', async (_case, body, paths) => {
    // Given a body that breaks the contract
    const res = await request(app)
      .post('/api/quota/check')
      .send(body as object);
    // Then it is a 400 invalid_request naming the path of each problem
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(paths);
    expect(res.body.issues.every((i: { message: string }) => i.message.length > 0)).toBe(true);
  });

  it('Art. 7, 28: checks against the edition in force today, a revised one once it applies', async () => {
    // Given a revised edition allowing one 区长质量奖 model, in force from 2028-08-01
    const revised: RulesEdition = {
      ...EDITION_2023,
      id: 'revision',
      appliesFrom: '2028-08-01',
      effectiveFrom: '2028-08-01',
      effectiveTo: '2033-07-31',
      quotas: { ...EDITION_2023.quotas, 'district-head': { model: 1, achievement: 1 } },
    };
    const revisedApp = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [
        quotaRouter({
          db,
          editions: [...SHIPPED_EDITIONS, revised],
          now: () => new Date('2028-08-01T01:00:00Z'),
        }),
      ],
    });
    // When two are checked
    const res = await request(revisedApp)
      .post('/api/quota/check')
      .send({ awards: [model('A-1'), model('A-2')] });
    // Then the revised quota applies
    expect(res.body.violations).toEqual([expect.objectContaining({ article: 7, limit: 1, actual: 2 })]);
  });

  it('Art. 28: answers 422 on a day no approved edition covers, never a 2023 fallback', async () => {
    const lateApp = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [
        quotaRouter({ db, editions: SHIPPED_EDITIONS, now: () => new Date('2028-08-01T01:00:00Z') }),
      ],
    });
    const res = await request(lateApp)
      .post('/api/quota/check')
      .send({ awards: [model('A-1')] });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: 'edition_unavailable',
      message: expect.stringContaining('第二十八条：2028-08-01'),
    });
  });
});
