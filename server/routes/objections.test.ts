import fc from 'fast-check';
import { pino } from 'pino';
import request from 'supertest';
import { EngineRestError, type EngineRest } from '../../camunda/rest.js';
import { auditTrail } from '../../store/audit.js';
import type { Db } from '../../store/index.js';
import { findObjection, objectionsOf } from '../../store/objections.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { basicAuth, testVerifier } from '../test-auth.js';
import { OBJECTION_MESSAGE, objectionsRouter } from './objections.js';

// The router's own checks run against a stand-in for the two engine calls it makes (read the cycle,
// correlate the message); test/objections.test.ts proves the same route against the real engine.
interface Posted {
  path: string;
  body: Record<string, unknown>;
}

const AWARDS = [
  {
    applicationId: 'cycle-2025/D-002',
    category: 'model',
    awardClass: 'gold',
    applicantName: '上海月浦新材料有限公司',
    applicantKind: 'organization',
    creditCode: '91310113MA1GKQ0B3K',
  },
  {
    applicationId: 'app-1',
    category: 'model',
    awardClass: 'gold',
    applicantName: '上海宝山精密制造有限公司',
    applicantKind: 'organization',
    creditCode: '91310113MA1GKQ0A5Q',
  },
];

function cycleEngine(opts: { refuse?: boolean; down?: boolean; posted: Posted[] }): EngineRest {
  const unsupported = () => Promise.reject(new Error('not used'));
  const engine = {
    baseUrl: 'http://engine.test/engine-rest',
    async get<T>(path: string): Promise<T> {
      if (opts.down) throw new Error('无法连接引擎', { cause: new TypeError('fetch failed') });
      if (path.startsWith('/process-instance?'))
        return (path.includes('businessKey=cycle-2025') ? [{ id: 'pi-2025' }] : []) as T;
      if (path.startsWith('/process-instance/pi-2025/variables'))
        return {
          publicityStart: { type: 'String', value: '2025-12-01' },
          publicityEnd: { type: 'String', value: '2025-12-05' },
          awards: { type: 'Json', value: JSON.stringify(AWARDS) },
        } as T;
      throw new EngineRestError(404, 'GET', path, { message: 'not found' });
    },
    async post<T>(path: string, body?: unknown): Promise<T> {
      if (opts.refuse)
        throw new EngineRestError(400, 'POST', path, {
          message: `Cannot correlate message '${OBJECTION_MESSAGE}': No process definition or execution matches`,
        });
      opts.posted.push({ path, body: body as Record<string, unknown> });
      return [] as T;
    },
    request: unsupported,
    put: unsupported,
    delete: unsupported,
    postForm: unsupported,
    as: () => engine,
  } as unknown as EngineRest;
  return engine;
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

const objection = {
  cycle: 'cycle-2025',
  applicationId: 'app-1',
  name: '张三',
  contact: '13812345678',
  email: 'zhang@example.cn',
  reason: '该单位近三年内发生过重大质量安全事故，不符合第十四条的规定，请予核查。',
};

describe('POST /api/objections (Art. 18 (7))', () => {
  let db: Db;
  const posted: Posted[] = [];
  let today = '2025-12-03T10:00:00+08:00';
  const appWith = (engineOpts: { refuse?: boolean; down?: boolean } = {}) =>
    createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [
        objectionsRouter({
          db,
          auth: testVerifier,
          engine: cycleEngine({ ...engineOpts, posted }),
          now: () => new Date(today),
        }),
      ],
    });

  /** A multipart request with every text field of a valid objection. */
  const multipart = () => {
    let req = request(appWith()).post('/api/objections');
    for (const [k, v] of Object.entries(objection)) req = req.field(k, v);
    return req;
  };

  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(() => {
    posted.length = 0;
    today = '2025-12-03T10:00:00+08:00';
  });

  it('stores a JSON objection with base64 evidence, correlates it and audits it', async () => {
    // When an objection with a PDF is filed during the period
    const res = await request(appWith())
      .post('/api/objections')
      .send({
        ...objection,
        evidence: [
          { fileName: '事故通报.pdf', contentType: 'application/pdf', content: PDF.toString('base64') },
        ],
      });
    // Then it is accepted, stored with its file, and the cycle got the message with the shared names
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^objection-/);
    const stored = await findObjection(db, res.body.id);
    expect(stored).toMatchObject({
      cycleKey: 'cycle-2025',
      applicationId: 'app-1',
      applicantName: '上海宝山精密制造有限公司',
      reason: objection.reason,
      email: 'zhang@example.cn',
      processInstanceId: 'pi-2025',
    });
    expect(stored!.filedBy).toMatch(/^api:/);
    expect(stored!.evidence).toEqual([
      expect.objectContaining({ fileName: '事故通报.pdf', contentType: 'application/pdf', size: PDF.length }),
    ]);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.path).toBe('/message');
    expect(posted[0]!.body).toMatchObject({
      messageName: 'objection-filed',
      businessKey: 'cycle-2025',
      processVariables: {
        objectionId: { value: res.body.id, type: 'String' },
        objectionApplicationId: { value: 'app-1', type: 'String' },
        objectionApplicantName: { value: '上海宝山精密制造有限公司', type: 'String' },
        objectionReason: { value: objection.reason, type: 'String' },
        objectionFiledBy: { value: '张三', type: 'String' },
      },
    });
    const audit = await auditTrail(db, { action: 'objection.filed', businessKey: 'cycle-2025' });
    expect(audit.map((a) => a.details.objectionId)).toContain(res.body.id);
    expect(audit.find((a) => a.details.objectionId === res.body.id)!.actor).toMatch(/^api:/);
  });

  it('takes multipart with evidence files, Chinese names and text intact', async () => {
    const res = await request(appWith())
      .post('/api/objections')
      .field('cycle', objection.cycle)
      .field('applicationId', objection.applicationId)
      .field('name', '李四（宝山区居民）')
      .field('contact', 'li@example.cn')
      .field('reason', objection.reason)
      .attach('evidence', PDF, { filename: '现场照片说明.pdf', contentType: 'application/pdf' })
      .attach('evidence', PNG, { filename: '照片.png', contentType: 'image/png' });
    expect(res.status).toBe(201);
    const stored = await findObjection(db, res.body.id);
    expect(stored).toMatchObject({
      name: '李四（宝山区居民）',
      reason: objection.reason,
      contact: 'li@example.cn',
    });
    expect(stored!.evidence.map((e) => [e.fileName, e.contentType])).toEqual([
      ['现场照片说明.pdf', 'application/pdf'],
      ['照片.png', 'image/png'],
    ]);
    // The office reads the list and downloads a file back byte for byte; others may not
    const office = await request(appWith())
      .get('/api/objections?cycle=cycle-2025')
      .set('Authorization', basicAuth('office1'));
    expect(office.status).toBe(200);
    expect(office.body.objections.map((o: { id: string }) => o.id)).toContain(res.body.id);
    const file = await request(appWith())
      .get(`/api/objections/${res.body.id}/evidence/1`)
      .set('Authorization', basicAuth('office1'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
    expect((await request(appWith()).get('/api/objections?cycle=cycle-2025')).status).toBe(401);
    const expert = await request(appWith())
      .get('/api/objections?cycle=cycle-2025')
      .set('Authorization', basicAuth('expert1'));
    expect(expert.status).toBe(403);
  });

  it('refuses an objection outside the period with 409 naming the period, and writes nothing', async () => {
    const count = (await objectionsOf(db, 'cycle-2025')).length;
    for (const [when, word] of [
      ['2025-12-06T09:00:00+08:00', '已结束'],
      ['2025-11-30T23:30:00+08:00', '尚未开始'],
      // 2025-12-05 23:30 UTC is already 12-06 in Shanghai
      ['2025-12-05T23:30:00Z', '已结束'],
    ] as const) {
      today = when;
      const res = await request(appWith()).post('/api/objections').send(objection);
      expect(res.status).toBe(409);
      expect(res.body.error).toBe('objection_period_closed');
      expect(res.body.message).toContain(`公示期为 2025-12-01 至 2025-12-05，${word}`);
    }
    today = '2025-12-05T15:59:00Z'; // 23:59 in Shanghai: still the last day
    const lastDay = await request(appWith()).post('/api/objections').send(objection);
    expect(lastDay.status).toBe(201);
    expect((await objectionsOf(db, 'cycle-2025')).length).toBe(count + 1);
    const noCycle = await request(appWith())
      .post('/api/objections')
      .send({ ...objection, cycle: 'cycle-2031' });
    expect(noCycle.status).toBe(409);
    expect(noCycle.body.error).toBe('objection_period_closed');
  });

  it('takes the short id of an application whose list id is its business key', async () => {
    const res = await request(appWith())
      .post('/api/objections')
      .send({ ...objection, applicationId: 'D-002' });
    expect(res.status).toBe(201);
    expect(res.body.applicationId).toBe('cycle-2025/D-002');
    expect(await findObjection(db, res.body.id)).toMatchObject({ applicationId: 'cycle-2025/D-002' });
    expect(posted[0]!.body).toMatchObject({
      processVariables: { objectionApplicationId: { value: 'cycle-2025/D-002' } },
    });
  });

  it('refuses an application not on the published list with 400 naming applicationId', async () => {
    const res = await request(appWith())
      .post('/api/objections')
      .send({ ...objection, applicationId: 'app-9' });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'applicationId', message: expect.stringContaining('app-9') }]);
    expect(posted).toHaveLength(0);
  });

  it('names each invalid field with 400', async () => {
    const res = await request(appWith())
      .post('/api/objections')
      .send({ cycle: '2025', applicationId: '', name: '张三', contact: '无', reason: '短' });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'applicationId',
      'contact',
      'cycle',
      'reason',
    ]);
  });

  it('checks evidence by its bytes: a disguised file is 415, too many 400, too large 413', async () => {
    const exe = Buffer.from('MZ\x90\x00 this is not a pdf');
    const disguised = await request(appWith())
      .post('/api/objections')
      .send({
        ...objection,
        evidence: [{ fileName: 'a.pdf', contentType: 'application/pdf', content: exe.toString('base64') }],
      });
    expect(disguised.status).toBe(415);
    expect(disguised.body.field).toBe('evidence.0');
    const mislabelled = await multipart().attach('evidence', PNG, {
      filename: 'x.pdf',
      contentType: 'application/pdf',
    });
    expect(mislabelled.status).toBe(415);
    expect(mislabelled.body.field).toBe('evidence.0');
    const textFile = await request(appWith())
      .post('/api/objections')
      .send({
        ...objection,
        evidence: [{ fileName: 'a.txt', contentType: 'text/plain', content: PDF.toString('base64') }],
      });
    expect(textFile.status).toBe(415);

    let six = multipart();
    for (let i = 0; i < 6; i += 1)
      six = six.attach('evidence', PDF, { filename: `${i}.pdf`, contentType: 'application/pdf' });
    const tooMany = await six;
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.issues[0].path).toBe('evidence');

    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    const tooLargeMultipart = await multipart().attach('evidence', big, {
      filename: 'big.pdf',
      contentType: 'application/pdf',
    });
    expect(tooLargeMultipart.status).toBe(413);
    expect(tooLargeMultipart.body.field).toBe('evidence');
    const tooLargeJson = await request(appWith())
      .post('/api/objections')
      .send({
        ...objection,
        evidence: [{ fileName: 'big.pdf', contentType: 'application/pdf', content: big.toString('base64') }],
      });
    expect(tooLargeJson.status).toBe(413);
    expect(tooLargeJson.body.field).toBe('evidence.0');
    expect(posted).toHaveLength(0);
  });

  it('answers a malformed multipart body with 400 JSON', async () => {
    for (const [type, body] of [
      ['multipart/form-data', 'no boundary'],
      [
        'multipart/form-data; boundary=XYZ',
        '--XYZ\r\nContent-Disposition: form-data; name="cycle"\r\n\r\ncycle-20',
      ],
    ]) {
      const res = await request(appWith()).post('/api/objections').set('Content-Type', type!).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_request');
    }
    const text = await request(appWith())
      .post('/api/objections')
      .set('Content-Type', 'text/plain')
      .send('异议');
    expect(text.status).toBe(415);
  });

  it('never answers 5xx to generated bodies; every refusal is JSON naming the field', async () => {
    const app = appWith();
    const value = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom(null, '', 0, -1, true, [], {}, '\u0000', '\ud800', '宝山区'.repeat(3000), '__proto__'),
      fc.anything({ maxDepth: 2 }),
    );
    const body = fc.record(
      {
        cycle: fc.oneof(fc.constant('cycle-2025'), value),
        applicationId: fc.oneof(fc.constant('app-1'), value),
        name: fc.oneof(fc.constant('张三'), value),
        contact: fc.oneof(fc.constant('13812345678'), value),
        email: value,
        reason: fc.oneof(fc.constant(objection.reason), value),
        evidence: fc.oneof(
          value,
          fc.array(
            fc.record(
              {
                fileName: fc.oneof(fc.constant('证据.pdf'), value),
                contentType: fc.oneof(fc.constantFrom('application/pdf', 'image/png', 'text/html'), value),
                content: fc.oneof(
                  fc.constant(PDF.toString('base64')),
                  fc.base64String({ maxLength: 64 }),
                  value,
                ),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 7 },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await request(app)
          .post('/api/objections')
          .send(b as object);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        if (res.status === 400) {
          expect(res.body.error).toBe('invalid_request');
          for (const issue of res.body.issues) expect(typeof issue.path).toBe('string');
        } else if (res.status >= 400) expect(typeof res.body.message).toBe('string');
      }),
      // BAD_INPUT_RUNS (2,000 in CI) as in server/bad-input.test.ts; 300 for a quick local run
      { numRuns: Number(process.env.BAD_INPUT_RUNS ?? 300) },
    );
  }, 600_000);

  // Issue 16 (6): NUL and control characters anywhere → 400 naming the field; names lose their path.
  it.each([
    ['reason', { reason: `${objection.reason}\u0000` }],
    ['name', { name: '张\u0007三' }],
    ['contact', { contact: '138\u001b[31m' }],
  ])(
    'refuses a control character in JSON field %s with 400 naming it, and writes nothing',
    async (field, change) => {
      const before = (await objectionsOf(db, 'cycle-2025')).length;
      const res = await request(appWith())
        .post('/api/objections')
        .send({ ...objection, ...change });
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual([field]);
      expect((await objectionsOf(db, 'cycle-2025')).length).toBe(before);
      expect(posted).toHaveLength(0);
    },
  );

  it('refuses NUL in a multipart field or a file name with 400 naming it; strips ../ from names', async () => {
    const nulField = await multipart().field('x', 'a').attach('evidence', PDF, {
      filename: 'a.pdf',
      contentType: 'application/pdf',
    });
    expect(nulField.status).toBe(201);
    const badReason = await request(appWith())
      .post('/api/objections')
      .field('cycle', objection.cycle)
      .field('applicationId', objection.applicationId)
      .field('name', objection.name)
      .field('contact', objection.contact)
      .field('reason', 'a\u0000b');
    expect(badReason.status).toBe(400);
    expect(badReason.body.issues[0].path).toBe('reason');
    const badName = await request(appWith())
      .post('/api/objections')
      .send({
        ...objection,
        evidence: [
          { fileName: 'x\u0000.pdf', contentType: 'application/pdf', content: PDF.toString('base64') },
        ],
      });
    expect(badName.status).toBe(400);
    expect(badName.body.issues[0].path).toBe('evidence.0.fileName');
    const traversal = await request(appWith())
      .post('/api/objections')
      .send({
        ...objection,
        evidence: [
          { fileName: '../../etc/证据.pdf', contentType: 'application/pdf', content: PDF.toString('base64') },
          { fileName: 'C:\\Users\\x\\照片.png', contentType: 'image/png', content: PNG.toString('base64') },
        ],
      });
    expect(traversal.status).toBe(201);
    expect(traversal.body.evidence.map((e: { fileName: string }) => e.fileName)).toEqual([
      '证据.pdf',
      '照片.png',
    ]);
    const onlyPath = await request(appWith())
      .post('/api/objections')
      .send({
        ...objection,
        evidence: [{ fileName: '../', contentType: 'application/pdf', content: PDF.toString('base64') }],
      });
    expect(onlyPath.status).toBe(400);
    expect(onlyPath.body.issues[0].path).toBe('evidence.0.fileName');
  });

  it('writes nothing when the engine refuses the correlation or cannot be reached', async () => {
    const before = (await objectionsOf(db, 'cycle-2025')).length;
    const auditBefore = (await auditTrail(db, { action: 'objection.filed' })).length;
    const refused = await request(appWith({ refuse: true }))
      .post('/api/objections')
      .send({
        ...objection,
        evidence: [{ fileName: 'a.pdf', contentType: 'application/pdf', content: PDF.toString('base64') }],
      });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('objection_not_accepted');
    const down = await request(appWith({ down: true }))
      .post('/api/objections')
      .send(objection);
    expect(down.status).toBe(503);
    expect((await objectionsOf(db, 'cycle-2025')).length).toBe(before);
    expect((await auditTrail(db, { action: 'objection.filed' })).length).toBe(auditBefore);
  });
});
