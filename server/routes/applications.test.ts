import { pino } from 'pino';
import request from 'supertest';
import { EngineRestError, type EngineRest } from '../../camunda/rest.js';
import { shanghaiDate } from '../../domain/edition.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { testVerifier } from '../test-auth.js';
import { applicationsRouter } from './applications.js';

// The router's own checks against a stand-in for the engine calls it makes (read the cycle's
// period, start award-application); test/intake.test.ts proves the route against the real engine.
const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86_400_000));

function engineStandIn(opts: { refuse: boolean; started: unknown[] }): EngineRest {
  const unsupported = () => Promise.reject(new Error('not used'));
  const engine = {
    baseUrl: 'http://engine.test/engine-rest',
    async get<T>(path: string): Promise<T> {
      if (path.startsWith('/process-instance?'))
        return (path.includes('businessKey=cycle-2026') ? [{ id: 'pi-cycle' }] : []) as T;
      if (path.startsWith('/process-instance/pi-cycle/variables'))
        return { applicationStart: { value: day(-1) }, applicationEnd: { value: day(1) } } as T;
      throw new EngineRestError(404, 'GET', path, { message: 'not found' });
    },
    async post<T>(path: string, body?: unknown): Promise<T> {
      if (opts.refuse)
        throw new EngineRestError(400, 'POST', path, { message: 'Cannot instantiate process definition' });
      opts.started.push(body);
      return { id: 'pi-app' } as T;
    },
    request: unsupported,
    put: unsupported,
    delete: unsupported,
    postForm: unsupported,
    as: () => engine,
  } as unknown as EngineRest;
  return engine;
}

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const application = {
  cycle: '2026',
  applicant: {
    kind: 'organization',
    name: '上海宝山测试有限公司',
    creditCode: '91310113MA1GKQ0A5Q',
    registeredDistrict: '宝山区',
    registrationDate: '2015-03-01',
    licensesValid: true,
    chiefQualityOfficer: true,
    sanctions: [],
    awards: [],
    municipalApplicationSameYear: false,
  },
  recommendingUnit: 'luodian',
  contact: { name: '李四', phone: '13812345678', email: 'li@example.cn' },
  truthfulDeclaration: true,
};

describe('POST /api/applications (stand-in engine)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  const appWith = (refuse: boolean, started: unknown[] = []) =>
    createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [
        applicationsRouter({ db, auth: testVerifier, engine: engineStandIn({ refuse, started }) }),
      ],
    });

  const submit = (app: ReturnType<typeof createApp>, json: string) =>
    request(app)
      .post('/api/applications')
      .field('application', json)
      .attach('selfEvaluation', PDF, { filename: 'a.pdf', contentType: 'application/pdf' })
      .attach('evidence', PDF, { filename: 'b.pdf', contentType: 'application/pdf' });

  it('stores nothing when the engine refuses to start the application', async () => {
    const res = await submit(appWith(true), JSON.stringify(application));
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('application_not_accepted');
    for (const table of [
      'applications',
      'application_files',
      'mail_outbox',
      'audit_log',
      'application_numbers',
    ])
      expect(await db.query(`SELECT 1 FROM ${table}`)).toEqual([]);
  });

  it('answers a started application with its number, once per applicant and cycle', async () => {
    const started: unknown[] = [];
    const res = await submit(appWith(false, started), JSON.stringify(application));
    expect(res.status).toBe(201);
    expect(res.body.applicationId).toBe('SB2026-0001');
    expect(started).toHaveLength(1);
    const again = await submit(appWith(false, started), JSON.stringify(application));
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('duplicate_application');
    expect(started).toHaveLength(1);
  });

  it('refuses a body that is not multipart, and an application part that is not JSON, naming it', async () => {
    const json = await request(appWith(false)).post('/api/applications').send(application);
    expect(json.status).toBe(415);
    expect(json.body.message).toContain('multipart/form-data');
    const bad = await submit(appWith(false), '{not json');
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: 'application', message: 'application 字段不是有效的 JSON' }]);
    const noFiles = await request(appWith(false))
      .post('/api/applications')
      .field('application', JSON.stringify(application));
    expect(noFiles.status).toBe(400);
    expect(noFiles.body.issues.map((i: { path: string }) => i.path)).toEqual(['selfEvaluation', 'evidence']);
  });
});
