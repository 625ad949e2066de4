import { pino } from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../app.js';
import { openTestStore } from '../../store/test-store.js';
import type { Db } from '../../store/index.js';
import { generateRequest, referenceMinMaxLoad } from '../../scripts/bench/assignment.js';
import { assignmentRouter } from './assignment.js';
import { EDITION_2023, SHIPPED_EDITIONS } from '../../config/test-editions.js';

const ORG_A = '91310113MA1GKQ0A5Q';
const ORG_B = '91310113MA1GKQ0B3K';

const expert = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `专家${id}`,
  yearsOfExperience: 10,
  trained: true,
  specialties: [],
  conflicts: [],
  ...extra,
});
const application = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  applicantName: `申报${id}`,
  industry: '制造业',
  ...extra,
});

describe('POST /api/review/assignment-plan', () => {
  let db: Db;
  let app: Express;
  beforeAll(async () => {
    db = await openTestStore();
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [assignmentRouter({ db, editions: SHIPPED_EDITIONS })],
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it('answers the plan: teams, load and the experts excluded under Art. 12', async () => {
    // Given three experts, one from the applicant's organization and one untrained
    const res = await request(app)
      .post('/api/review/assignment-plan')
      .send({
        teamSize: 1,
        experts: [
          expert('x', { organizationCreditCode: ORG_A }),
          expert('y', { specialties: ['钢铁'] }),
          expert('z', { trained: false }),
        ],
        applications: [
          application('a1', { applicantCreditCode: ORG_A, industry: '钢铁' }),
          application('a2'),
        ],
      });
    // then the conflicted expert is kept off a1 and the plan has the contract shape
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({
      teams: [
        { applicationId: 'a1', reviewers: ['y'], lead: 'y' },
        { applicationId: 'a2', reviewers: ['x'], lead: 'x' },
      ],
      load: { x: 1, y: 1 },
      excluded: [{ expertId: 'z', reason: expect.stringContaining('第十二条第（三）项') }],
    });
  });

  it('Art. 12 (二): the years are those of the edition in force that day, not a constant', async () => {
    // Given an edition in force today that requires seven years (a revision of the 办法, Art. 28)
    const seven = { ...EDITION_2023, id: '2099', expertMinYears: 7 };
    const revised = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [assignmentRouter({ db, editions: [seven], now: () => new Date('2024-03-01T04:00:00Z') })],
    });
    const body = {
      teamSize: 1,
      experts: [expert('six', { yearsOfExperience: 6 }), expert('seven', { yearsOfExperience: 7 })],
      applications: [application('a1')],
    };
    // then the six-year expert is excluded naming seven years, the seven-year expert reviews
    const res = await request(revised).post('/api/review/assignment-plan').send(body);
    expect(res.status).toBe(200);
    expect(res.body.teams).toEqual([{ applicationId: 'a1', reviewers: ['seven'], lead: 'seven' }]);
    expect(res.body.excluded).toEqual([
      {
        expertId: 'six',
        reason:
          '不符合第十二条第（二）项：评审人员应具有 7 年以上的质量管理、专业技术工作经历，该专家为 6 年',
      },
    ]);
    // and under the 2023 edition (five years) the same six-year expert is qualified
    const now2023 = await request(app).post('/api/review/assignment-plan').send(body);
    expect(now2023.body.excluded).toEqual([]);
    // and a day no edition covers is refused, naming Art. 28
    const none = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [assignmentRouter({ db, editions: [seven], now: () => new Date('2040-01-01T04:00:00Z') })],
    });
    const refused = await request(none).post('/api/review/assignment-plan').send(body);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('第二十八条');
  });

  it('answers 400 invalid_request with dotted paths for a malformed request', async () => {
    // Given a zero team size, a duplicate expert id and a bad credit code
    const res = await request(app)
      .post('/api/review/assignment-plan')
      .send({
        teamSize: 0,
        experts: [expert('x'), expert('x')],
        applications: [application('a1', { employerCreditCode: '91310113MA1GKQ0B3L' })],
      });
    // then each problem is one issue at its path
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'applications.0.employerCreditCode',
      'experts.1.id',
      'teamSize',
    ]);
  });

  it('names a duplicate application id by its path, in Chinese', async () => {
    // Given two applications with the same id
    const res = await request(app)
      .post('/api/review/assignment-plan')
      .send({ teamSize: 1, experts: [expert('x')], applications: [application('a1'), application('a1')] });
    // then the second one is refused
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: 'invalid_request',
      issues: [{ path: 'applications.1.id', message: '申报编号“a1”重复，已出现在 applications.0' }],
    });
  });

  it('answers 422 assignment_infeasible naming the applications that cannot be staffed', async () => {
    // Given teams of two, and only one expert free of conflict with a2
    const res = await request(app)
      .post('/api/review/assignment-plan')
      .send({
        teamSize: 2,
        experts: [
          expert('x', { organizationCreditCode: ORG_B }),
          expert('y'),
          expert('w', { conflicts: ['a2'] }),
        ],
        applications: [application('a1'), application('a2', { employerCreditCode: ORG_B })],
      });
    // then a2 alone is named, with a Chinese message citing Art. 26
    expect(res.status).toBe(422);
    expect(res.body).toEqual({
      error: 'assignment_infeasible',
      applications: ['a2'],
      message: expect.stringContaining('第二十六条'),
    });
  });

  describe('at scale (issue 18, issue 16 item 2)', () => {
    const big = (apps: number, experts: number) => generateRequest(apps, experts, 5, 7);
    let limited: Express;
    beforeAll(() => {
      limited = createApp({
        db,
        log: pino({ level: 'silent' }),
        apiRouters: [
          assignmentRouter(
            { db, editions: SHIPPED_EDITIONS },
            { maxApplications: 300, maxExperts: 200, timeBudgetMs: 60000 },
          ),
        ],
      });
    });

    it('answers 413 naming the field and the configured limit for more applications or experts', async () => {
      const tooManyApps = await request(limited).post('/api/review/assignment-plan').send(big(301, 20));
      expect(tooManyApps.status).toBe(413);
      expect(tooManyApps.body).toMatchObject({
        error: 'payload_too_large',
        field: 'applications',
        limit: 300,
      });
      expect(tooManyApps.body.message).toContain('300');
      const tooManyExperts = await request(limited).post('/api/review/assignment-plan').send(big(10, 201));
      expect(tooManyExperts.status).toBe(413);
      expect(tooManyExperts.body).toMatchObject({ field: 'experts', limit: 200 });
    });

    it('solves the district scale (300 × 200) off the request loop: the loop stays responsive', async () => {
      let worstLagMs = 0;
      let last = Date.now();
      const ticker = setInterval(() => {
        const now = Date.now();
        worstLagMs = Math.max(worstLagMs, now - last - 10);
        last = now;
      }, 10);
      try {
        const res = await request(limited).post('/api/review/assignment-plan').send(big(300, 200));
        expect(res.status).toBe(200);
        expect(res.body.teams).toHaveLength(300);
        const loads = Object.values(res.body.load as Record<string, number>);
        expect(Math.max(...loads)).toBe(referenceMinMaxLoad(big(300, 200), EDITION_2023));
      } finally {
        clearInterval(ticker);
      }
      // The solve itself takes far longer than this on a loaded machine; the loop never waited for it.
      expect(worstLagMs).toBeLessThan(1000);
    }, 60000);

    it('stops a solve over its time budget with 503 naming the budget, and solves the next request', async () => {
      const tight = createApp({
        db,
        log: pino({ level: 'silent' }),
        apiRouters: [
          assignmentRouter(
            { db, editions: SHIPPED_EDITIONS },
            { maxApplications: 2000, maxExperts: 2000, timeBudgetMs: 150 },
          ),
        ],
      });
      const res = await request(tight).post('/api/review/assignment-plan').send(big(1500, 1500));
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ error: 'time_budget_exceeded', limitMs: 150 });
      const small = await request(app)
        .post('/api/review/assignment-plan')
        .send({ teamSize: 1, experts: [expert('x')], applications: [application('a1')] });
      expect(small.status).toBe(200);
    }, 60000);
  });
});
