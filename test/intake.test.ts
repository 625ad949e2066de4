import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { engineRest, EngineRestError, toVariables, type EngineRest } from '../camunda/rest.js';
import { shanghaiDate } from '../domain/edition.js';
import { idNumberCheckChar } from '../domain/identifiers.js';
import { createApp } from '../server/app.js';
import { intakePagesRouter } from '../server/intake/router.js';
import { applicationsRouter } from '../server/routes/applications.js';
import { auditTrail } from '../store/audit.js';
import { openStore, type Db } from '../store/index.js';
import { grantApplicationRead, revokeApplicationRead } from '../workers/shared/grants.js';
import { tasksOf, variable, waitForTask } from './support/application.js';
import { creditCode } from './support/cycle.js';
import { adminRest, personRest } from './support/engine.js';

// A cycle of its own (process key intake-test-cycle) holding the 公告's applicationStart/applicationEnd
// as award-cycle does; award-application is the real one. A small diagram with a score sheet (the real
// score-sheet form, deployed with it) for the expert's completion.
const CYCLE_PROCESS = 'intake-test-cycle';
const SHEET_PROCESS = 'intake-test-score-sheet';
const DIAGRAMS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_IntakeTest" targetNamespace="http://baoshan.gov.cn/quality-award/test">
  <bpmn:process id="${CYCLE_PROCESS}" name="申报测试评选" isExecutable="true" camunda:historyTimeToLive="3650">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Wait" />
    <bpmn:userTask id="Task_Wait" name="申报期" camunda:candidateGroups="office" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Wait" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
  <bpmn:process id="${SHEET_PROCESS}" name="评分表测试" isExecutable="true" camunda:historyTimeToLive="3650">
    <bpmn:startEvent id="S_Start" />
    <bpmn:sequenceFlow id="S1" sourceRef="S_Start" targetRef="Task_ScoreSheet" />
    <bpmn:userTask id="Task_ScoreSheet" name="填写资料评审评分表" camunda:formRef="score-sheet" camunda:formRefBinding="deployment" camunda:assignee="\${reviewerId}" />
    <bpmn:sequenceFlow id="S2" sourceRef="Task_ScoreSheet" targetRef="S_End" />
    <bpmn:endEvent id="S_End" />
  </bpmn:process>
</bpmn:definitions>`;

const dayOffset = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));
const OPEN_YEAR = '2081';
const CLOSED_YEAR = '2082';

// Smallest files of each kind, recognised by their bytes.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 1),
]);
const DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('....[Content_Types].xml....word/document.xml....'),
]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

const idNumber = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;

const organization = (code: string, name = '上海宝山智造有限公司') => ({
  kind: 'organization',
  name,
  creditCode: code,
  registeredDistrict: '宝山区',
  registrationDate: '2015-03-01',
  licensesValid: true,
  chiefQualityOfficer: true,
  sanctions: [{ type: 'major-complaint', date: dayOffset(-400), description: '产品质量投诉（已整改）' }],
  awards: [],
  municipalApplicationSameYear: false,
});

const individual = (id: string) => ({
  kind: 'individual',
  name: '张质量',
  idNumber: id,
  worksInBaoshan: true,
  contributesToBaoshan: true,
  qualityWorkSince: '2010-01-01',
  seriousViolation: false,
  awards: [{ level: 'municipal', category: 'achievement', year: 2020, title: '上海市质量管理成果奖' }],
  municipalApplicationSameYear: false,
});

const form = (applicant: object, year = OPEN_YEAR, email = 'apply@zhizao.example.cn') => ({
  cycle: year,
  applicant,
  recommendingUnit: 'luodian',
  contact: { name: '李联络', phone: '13812345678', email },
  truthfulDeclaration: true,
});

describe('applicant intake (issue 14) through the real engine', () => {
  let db: Db;
  let service: EngineRest;
  let office: EngineRest;
  let luodian: EngineRest;
  let app: ReturnType<typeof createApp>;
  const started: string[] = [];

  const submit = (application: object, opts: { key?: string; evidence?: Buffer[]; self?: Buffer } = {}) => {
    let r = request(app).post('/api/applications').field('application', JSON.stringify(application));
    if (opts.key) r = r.set('Idempotency-Key', opts.key);
    r = r.attach('selfEvaluation', opts.self ?? PDF, {
      filename: '自我评价报告.pdf',
      contentType: 'application/pdf',
    });
    (opts.evidence ?? [PNG, DOCX]).forEach((b, i) => {
      r = r.attach('evidence', b, {
        filename: `证实性材料-${i}.bin`,
        contentType: 'application/octet-stream',
      });
    });
    return r;
  };

  const basic = (user: string) => `Basic ${Buffer.from(`${user}:pw-${user}`).toString('base64')}`;

  beforeAll(async () => {
    const deployment = new FormData();
    deployment.append('deployment-name', 'intake-test');
    deployment.append('deployment-source', 'test');
    deployment.append('intake-test.bpmn', new Blob([DIAGRAMS]), 'intake-test.bpmn');
    const sheet = fs.readFileSync(path.join(ROOT_DIR, 'forms', 'score-sheet.form'));
    deployment.append('score-sheet.form', new Blob([sheet]), 'score-sheet.form');
    await adminRest().postForm('/deployment/create', deployment);
    service = engineRest(adminRest().baseUrl, {
      username: process.env.QA_WORKER_USER!,
      password: process.env.QA_WORKER_PASSWORD!,
    });
    office = await personRest('intake-office', ['office']);
    luodian = await personRest('intake-unit-luodian', ['recommender-luodian']);
    await personRest('intake-unit-wusong', ['recommender-wusong']);
    await personRest('intake-expert-a', ['experts']);
    await personRest('intake-expert-b', ['experts']);
    db = await openStore({ dataDir: 'memory://' });
    const limits = { maxFileBytes: 64 * 1024, maxEvidenceFiles: 3 };
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [
        applicationsRouter({
          db,
          auth: adminRest().baseUrl,
          engine: service,
          grants: engineRest(adminRest().baseUrl, {
            username: process.env.QA_IDENTITY_USER!,
            password: process.env.QA_IDENTITY_PASSWORD!,
          }),
          limits,
          publicUrl: 'http://award.example.cn',
          cycleProcessKey: CYCLE_PROCESS,
        }),
      ],
      pageRouters: [intakePagesRouter({ db, engine: service, limits })],
    });
    for (const [year, start, end] of [
      [OPEN_YEAR, dayOffset(-3), dayOffset(5)],
      [CLOSED_YEAR, dayOffset(-20), dayOffset(-1)],
    ] as const) {
      const cycle = await office.post(`/process-definition/key/${CYCLE_PROCESS}/start`, {
        businessKey: `cycle-${year}`,
        variables: toVariables({ year, applicationStart: start, applicationEnd: end }),
      });
      started.push(cycle.id);
    }
  }, 180_000);

  afterAll(async () => {
    for (const id of started)
      await adminRest()
        .delete(`/process-instance/${id}?skipCustomListeners=true`)
        .catch(() => undefined);
    await db.close();
  });

  let orgApplication: { applicationId: string; businessKey: string; statusUrl: string };
  let orgInstance = '';

  it('accepts an organization’s complete application with its files and starts award-application', async () => {
    // When an organization applies with a PDF report, a PNG and a DOCX as evidence, sent as octet-stream
    const code = creditCode('NA140001');
    const res = await submit(form(organization(code)), { key: 'intake-test-org-0001' });
    expect(res.status).toBe(201);
    orgApplication = res.body;
    // Then it gets a generated 申报编号 and the contract's business key
    expect(orgApplication.applicationId).toMatch(/^SB2081-\d{4}$/);
    expect(orgApplication.businessKey).toBe(`cycle-${OPEN_YEAR}/${orgApplication.applicationId}`);
    expect(orgApplication.statusUrl).toMatch(/^http:\/\/award\.example\.cn\/apply\/status\/[\w-]{40,}$/);
    // And award-application runs with the applicant's data and declarations, waiting for the unit
    const [instance] = await adminRest().get(
      `/process-instance?processDefinitionKey=award-application&businessKey=${encodeURIComponent(orgApplication.businessKey)}`,
    );
    orgInstance = instance!.id;
    started.push(orgInstance);
    expect(await variable(orgInstance, 'creditCode')).toBe(code);
    expect(await variable(orgInstance, 'applicantEmail')).toBe('apply@zhizao.example.cn');
    expect(JSON.parse(await variable<string>(orgInstance, 'declaredSanctions'))).toEqual([
      expect.objectContaining({ type: 'major-complaint' }),
    ]);
    expect((await tasksOf(luodian, orgInstance)).map((t) => t.name)).toEqual([
      '签署推荐意见｜上海宝山智造有限公司',
    ]);
    // And the files are stored with their SHA-256 and recognised types
    const files = await db.query<{ role: string; content_type: string; sha256: string; size: number }>(
      'SELECT role, content_type, sha256, size FROM application_files WHERE application_id = $1 ORDER BY role DESC, position',
      [orgApplication.applicationId],
    );
    expect(files.map((f) => [f.role, f.content_type])).toEqual([
      ['self-evaluation', 'application/pdf'],
      ['evidence', 'image/png'],
      ['evidence', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    expect(files[0]!.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    // And the confirmation e-mail with the status link waits in the outbox
    const [mail] = await db.query<{ recipients: string[]; body: string }>(
      'SELECT recipients, body FROM mail_outbox WHERE effect_key = $1',
      [`intake/${orgApplication.applicationId}/mail:confirmation`],
    );
    expect(mail!.recipients).toEqual(['apply@zhizao.example.cn']);
    expect(mail!.body).toContain(orgApplication.statusUrl);
    // And the status token is stored only as its hash
    const token = orgApplication.statusUrl.split('/').pop()!;
    const raw = await db.query('SELECT 1 FROM applications WHERE status_token_sha256 = $1', [token]);
    expect(raw).toHaveLength(0);
  });

  it('accepts an individual’s application (先进质量管理成果) with their declared awards', async () => {
    const res = await submit(form(individual(idNumber('31011319800101123')), OPEN_YEAR, 'zhang@example.cn'));
    expect(res.status).toBe(201);
    const [instance] = await adminRest().get(
      `/process-instance?processDefinitionKey=award-application&businessKey=${encodeURIComponent(res.body.businessKey)}`,
    );
    started.push(instance!.id);
    expect(await variable(instance!.id, 'applicantKind')).toBe('individual');
    expect(JSON.parse(await variable<string>(instance!.id, 'declaredAwards'))).toEqual([
      expect.objectContaining({ level: 'municipal', year: 2020 }),
    ]);
  });

  it('refuses a wrong check character, a closed window, a wrong file type and an oversize file, storing nothing', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications');
    const code = creditCode('NA140002');
    const wrong = `${code.slice(0, 17)}${code[17] === 'A' ? 'B' : 'A'}`;
    const bad = await submit(form(organization(wrong)));
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([
      expect.objectContaining({
        path: 'application.applicant.creditCode',
        message: expect.stringContaining('校验位'),
      }),
    ]);

    const closed = await submit(form(organization(code), CLOSED_YEAR));
    expect(closed.status).toBe(409);
    expect(closed.body.error).toBe('application_window_closed');
    expect(closed.body.message).toContain('第十八条');
    expect(closed.body.message).toContain(dayOffset(-1));
    const none = await submit(form(organization(code), '2083'));
    expect(none.status).toBe(409);
    expect(none.body.error).toBe('application_window_closed');

    const html = await submit(form(organization(code)), { evidence: [HTML] });
    expect(html.status).toBe(415);
    expect(html.body.message).toContain('PDF、DOCX、JPEG、PNG');
    // (a PNG declared as a PDF is refused too)
    const mislabelled = await submit(form(organization(code)), { self: PNG });
    expect(mislabelled.status).toBe(415);

    const big = await submit(form(organization(code)), {
      evidence: [Buffer.concat([PDF, Buffer.alloc(70 * 1024)])],
    });
    expect(big.status).toBe(413);
    expect(big.body.message).toContain('不能超过');
    const many = await submit(form(organization(code)), { evidence: [PDF, PDF, PDF, PDF] });
    expect(many.status).toBe(413);

    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applications');
    expect(after[0]!.n).toBe(before[0]!.n);
    const instances = await adminRest().get(
      `/process-instance?processDefinitionKey=award-application&variables=creditCode_eq_${code}`,
    );
    expect(instances).toEqual([]);
  });

  it('does not create a second application when a submission is retried', async () => {
    // When the organization's browser retries with the same Idempotency-Key
    const retry = await submit(form(organization(creditCode('NA140001'))), { key: 'intake-test-org-0001' });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ applicationId: orgApplication.applicationId, duplicate: true });
    // And when it submits again without the key
    const again = await submit(form(organization(creditCode('NA140001'))));
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('duplicate_application');
    expect(again.body.message).toContain('每年度只能申报一次');
    const rows = await db.query(
      'SELECT id FROM applications WHERE cycle_key = $1 AND applicant_identifier = $2',
      [`cycle-${OPEN_YEAR}`, creditCode('NA140001')],
    );
    expect(rows).toHaveLength(1);
    const instances = await adminRest().get(
      `/process-instance?processDefinitionKey=award-application&businessKey=${encodeURIComponent(orgApplication.businessKey)}`,
    );
    expect(instances).toHaveLength(1);
  });

  it('lets the office, the unit and only the assigned expert download, as an attachment, audited', async () => {
    const id = orgApplication.applicationId;
    const file = `/api/applications/${id}/files/self-evaluation/0`;
    // The office
    const byOffice = await request(app).get(file).set('Authorization', basic('intake-office'));
    expect(byOffice.status).toBe(200);
    expect(Buffer.from(byOffice.body as Buffer).equals(PDF)).toBe(true);
    expect(byOffice.headers['content-type']).toBe('application/pdf');
    expect(byOffice.headers['content-disposition']).toMatch(/^attachment;/);
    expect(byOffice.headers['x-content-type-options']).toBe('nosniff');
    // The recommending unit, and not another unit
    expect((await request(app).get(file).set('Authorization', basic('intake-unit-luodian'))).status).toBe(
      200,
    );
    expect((await request(app).get(file).set('Authorization', basic('intake-unit-wusong'))).status).toBe(403);
    // Anonymous: 401 asking the browser to log in
    const anonymous = await request(app).get(file);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic/);

    // An expert assigned to this application (the workers' READ grant), not one assigned elsewhere
    // (the grant is made by the narrow identity account, as assign-reviewers does)
    const identity = engineRest(adminRest().baseUrl, {
      username: process.env.QA_IDENTITY_USER!,
      password: process.env.QA_IDENTITY_PASSWORD!,
    });
    await grantApplicationRead(identity, 'intake-expert-a', orgInstance);
    expect((await request(app).get(file).set('Authorization', basic('intake-expert-a'))).status).toBe(200);
    expect((await request(app).get(file).set('Authorization', basic('intake-expert-b'))).status).toBe(403);
    // After recusal (the grant is revoked) the expert reads nothing
    await revokeApplicationRead(identity, 'intake-expert-a', orgInstance);
    const recused = await request(app).get(file).set('Authorization', basic('intake-expert-a'));
    expect(recused.status).toBe(403);
    expect(recused.body.message).toContain('第二十六条');

    // Every download is in the audit trail
    const audit = await auditTrail(db, { action: 'application.file-downloaded' });
    expect(audit.map((a) => a.actor).sort()).toEqual([
      'intake-expert-a',
      'intake-office',
      'intake-unit-luodian',
    ]);
  });

  it('refuses the unit’s completion with an extra variable and keeps the applicant’s e-mail', async () => {
    const [task] = await tasksOf(luodian, orgInstance);
    // When the unit completes 签署推荐意见 over REST with the applicant's e-mail in it
    await expect(
      luodian.post(`/task/${task!.id}/complete`, {
        variables: toVariables({
          recommendationDecision: 'approve',
          recommendationOpinion: '同意推荐。',
          applicantEmail: 'unit@luodian.example.cn',
        }),
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('applicantEmail') });
    // Nor may it set the variable on the task, or through the form's disabled field with another value
    await expect(
      luodian.put(`/task/${task!.id}/variables/applicantEmail`, {
        value: 'unit@luodian.example.cn',
        type: 'String',
      }),
    ).rejects.toMatchObject({ status: expect.any(Number) });
    // Then the e-mail is unchanged and the task still open
    expect(await variable(orgInstance, 'applicantEmail')).toBe('apply@zhizao.example.cn');
    expect(await tasksOf(luodian, orgInstance)).toHaveLength(1);
    // And the unit's completion through the form's own fields still works
    await luodian.post(`/task/${task!.id}/submit-form`, {
      variables: toVariables({
        recommendationDecision: 'approve',
        recommendationOpinion: '同意推荐。',
        applicantEmail: 'apply@zhizao.example.cn',
      }),
    });
    expect(await tasksOf(luodian, orgInstance)).toEqual([]);
    expect(await variable(orgInstance, 'recommendationDecision')).toBe('approve');
  });

  it('refuses an expert’s score sheet with an extra variable; the form’s fields complete it', async () => {
    const expert = adminRest().as({ username: 'intake-expert-a', password: 'pw-intake-expert-a' });
    const instance = await office
      .post(`/process-definition/key/${SHEET_PROCESS}/start`, {
        variables: toVariables({
          reviewerId: 'intake-expert-a',
          reviewApplicationId: 'X-1',
          reviewApplicantName: '甲',
        }),
      })
      .catch(async () =>
        adminRest().post(`/process-definition/key/${SHEET_PROCESS}/start`, {
          variables: toVariables({
            reviewerId: 'intake-expert-a',
            reviewApplicationId: 'X-1',
            reviewApplicantName: '甲',
          }),
        }),
      );
    started.push(instance.id);
    const task = await waitForTask(expert, instance.id, 'Task_ScoreSheet');
    const sheet = {
      scoreLeadership: 80,
      scoreStrategy: 70,
      scoreCustomers: 70,
      scoreResources: 100,
      scoreProcesses: 80,
      scoreMeasurement: 60,
      scoreResults: 300,
      strengths: '优势明显',
      improvements: '持续改进',
    };
    await expect(
      expert.post(`/task/${task.id}/complete`, {
        variables: toVariables({ ...sheet, reviewApplicantName: '乙' }),
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('reviewApplicantName') });
    await expect(
      expert.post(`/task/${task.id}/complete`, { variables: toVariables({ ...sheet, scoreBonus: 100 }) }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('scoreBonus') });
    expect(await variable(instance.id, 'reviewApplicantName')).toBe('甲');
    await expert.post(`/task/${task.id}/complete`, { variables: toVariables(sheet) });
    const hist = await adminRest().get(`/history/process-instance/${instance.id}`);
    expect(hist.state).toBe('COMPLETED');
  });

  it('refuses a Tasklist start of award-application with a wrong check character, in Chinese', async () => {
    const code = creditCode('NA140003');
    const wrong = `${code.slice(0, 17)}${code[17] === 'A' ? 'B' : 'A'}`;
    const refused = await office
      .post('/process-definition/key/award-application/submit-form', {
        variables: toVariables({
          cycleKey: `cycle-${OPEN_YEAR}`,
          applicationId: 'TL-1',
          applicantKind: 'organization',
          applicantName: '错误校验位公司',
          creditCode: wrong,
          applicantEmail: 'x@example.cn',
          recommendingUnit: 'luodian',
          truthfulDeclaration: true,
        }),
      })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(EngineRestError);
    expect((refused as EngineRestError).status).toBeGreaterThanOrEqual(400);
    expect((refused as EngineRestError).message).toContain('统一社会信用代码校验位错误');
    const instances = await adminRest().get(
      `/process-instance?processDefinitionKey=award-application&businessKey=${encodeURIComponent(`cycle-${OPEN_YEAR}/TL-1`)}`,
    );
    expect(instances).toEqual([]);
  });

  it('shows the applicant their own status page in Chinese, only with the secret link', async () => {
    const statusPath = new URL(orgApplication.statusUrl).pathname;
    const page = await request(app).get(statusPath);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain(orgApplication.applicationId);
    expect(page.text).toContain('同意推荐');
    expect(page.text).not.toContain('张质量');
    expect(page.text).not.toContain('13812345678');
    const wrong = await request(app).get(`/apply/status/${'x'.repeat(43)}`);
    expect(wrong.status).toBe(404);
    expect(wrong.text).not.toContain(orgApplication.applicationId);
  });
});
