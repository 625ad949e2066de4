import { SHIPPED_EDITIONS } from '../config/test-editions.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import type { Config } from '../config/config.js';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { engineRest, toVariables, type EngineRest } from '../camunda/rest.js';
import { shanghaiDate } from '../domain/edition.js';
import { pdfText } from '../mail/pdf-text.js';
import { createApp } from '../server/app.js';
import { objectionsRouter } from '../server/routes/objections.js';
import { auditTrail } from '../store/audit.js';
import { awardsOfYear, expertProposals } from '../store/awards.js';
import { openStore, type Db } from '../store/index.js';
import { findObjection } from '../store/objections.js';
import { findOrganizationRecords } from '../store/registry.js';
import { executeTask, taskContext } from '../workers/execute.js';
import { startPostMonitoringWorker } from '../workers/start-post-monitoring/index.js';
import { completeTask, CREDIT_CODES, variable, waitForTask } from './support/application.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// A cycle of its own (process key objection-test-cycle) with the names award-cycle.bpmn shares: the
// 公示 phase catches `objection-filed` in a non-interrupting event subprocess that copies the
// objection's variables into its own scope, the office reviews each objection (Task_ReviewObjection),
// record-objection records it; after publicity, record-awards and start-post-monitoring run.
const TEST_PROCESS = 'objection-test-cycle';
const CAPS = `
          <camunda:inputParameter name="capDistrictHeadModel">500000</camunda:inputParameter>
          <camunda:inputParameter name="capDistrictHeadAchievement">20000</camunda:inputParameter>
          <camunda:inputParameter name="capGoldModel">100000</camunda:inputParameter>
          <camunda:inputParameter name="capGoldAchievement">10000</camunda:inputParameter>`;
const copyLocal = (name: string) =>
  `<camunda:executionListener expression="\${execution.setVariableLocal('${name}', ${name})}" event="start" />`;
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_ObjectionTest" targetNamespace="http://baoshan.gov.cn/quality-award/test">
  <bpmn:message id="Msg_Objection" name="objection-filed" />
  <bpmn:process id="${TEST_PROCESS}" name="异议测试评选" isExecutable="true" camunda:historyTimeToLive="3650">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Publish" />
    <bpmn:userTask id="Task_Publish" name="开始公示" camunda:candidateGroups="office" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Publish" targetRef="Sub_Publicity" />
    <bpmn:subProcess id="Sub_Publicity" name="公示">
      <bpmn:startEvent id="Start_Publicity" />
      <bpmn:sequenceFlow id="P1" sourceRef="Start_Publicity" targetRef="Task_ClosePublicity" />
      <bpmn:userTask id="Task_ClosePublicity" name="公示期满" camunda:candidateGroups="office" />
      <bpmn:sequenceFlow id="P2" sourceRef="Task_ClosePublicity" targetRef="End_Publicity" />
      <bpmn:endEvent id="End_Publicity" />
      <bpmn:subProcess id="Event_Objection" triggeredByEvent="true">
        <bpmn:startEvent id="Start_Objection" isInterrupting="false">
          <bpmn:extensionElements>
            ${['objectionId', 'objectionApplicationId', 'objectionApplicantName', 'objectionReason', 'objectionFiledBy'].map(copyLocal).join('\n            ')}
            <camunda:executionListener expression="\${execution.setVariableLocal('objectionDecision', null)}" event="start" />
            <camunda:executionListener expression="\${execution.setVariableLocal('objectionFindings', null)}" event="start" />
          </bpmn:extensionElements>
          <bpmn:messageEventDefinition messageRef="Msg_Objection" />
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="O1" sourceRef="Start_Objection" targetRef="Task_ReviewObjection" />
        <bpmn:userTask id="Task_ReviewObjection" name="核查异议" camunda:formRef="objection-review" camunda:formRefBinding="deployment" camunda:candidateGroups="office" camunda:asyncAfter="true" />
        <bpmn:sequenceFlow id="O2" sourceRef="Task_ReviewObjection" targetRef="Task_RecordObjection" />
        <bpmn:serviceTask id="Task_RecordObjection" camunda:type="external" camunda:topic="record-objection" camunda:asyncAfter="true" />
        <bpmn:sequenceFlow id="O3" sourceRef="Task_RecordObjection" targetRef="End_Objection" />
        <bpmn:endEvent id="End_Objection" />
      </bpmn:subProcess>
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="F3" sourceRef="Sub_Publicity" targetRef="Task_RecordDocument" />
    <bpmn:userTask id="Task_RecordDocument" name="发文公告" camunda:formRef="award-announcement" camunda:formRefBinding="deployment" camunda:candidateGroups="office" />
    <bpmn:sequenceFlow id="F4" sourceRef="Task_RecordDocument" targetRef="Task_RecordAwards" />
    <bpmn:serviceTask id="Task_RecordAwards" camunda:type="external" camunda:topic="record-awards">
      <bpmn:extensionElements>
        <camunda:inputOutput>${CAPS}
        </camunda:inputOutput>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="F5" sourceRef="Task_RecordAwards" targetRef="Task_StartPostMonitoring" />
    <bpmn:serviceTask id="Task_StartPostMonitoring" camunda:type="external" camunda:topic="start-post-monitoring" />
    <bpmn:sequenceFlow id="F6" sourceRef="Task_StartPostMonitoring" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const YEAR = '2091';
const CYCLE = `cycle-${YEAR}`;
const [ORG_A, ORG_B] = CREDIT_CODES;
const AWARDS = [
  {
    applicationId: 'obj-a',
    category: 'model',
    awardClass: 'gold',
    prize: 100000,
    applicantName: '上海宝山精密制造有限公司',
    applicantKind: 'organization',
    creditCode: ORG_A,
    email: 'obj-winner-a@example.cn',
  },
  {
    applicationId: 'obj-b',
    category: 'model',
    awardClass: 'district-head',
    prize: 500000,
    applicantName: '上海月浦新材料有限公司',
    applicantKind: 'organization',
    creditCode: ORG_B,
    email: 'obj-winner-b@example.cn',
    executives: [{ name: '赵总', idNumber: '11010519491231002X' }],
  },
];
const PDF = Buffer.from('%PDF-1.4\n%证据\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const REASON = '该单位近三年内发生过重大质量安全事故（“3·15”事故），不符合第十四条的规定，请予核查。';
/** The longest reason the form allows (5,000 characters): past the engine's 4,000-character String column. */
const LONG_REASON = `${REASON}${'附：事故调查报告摘录，详见证据材料。'.repeat(400)}`.slice(0, 5000);

const dayOffset = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));

describe('objections and 发文公告 against the real engine (Art. 18 (7), (8), 19, 21, 23)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-objections-'));
  let mail: MailAndWorkers;
  let office: EngineRest;
  let service: EngineRest;

  /** Runs fn on the workers' store while they are stopped (the embedded store has one owner). */
  const withStore = (fn: (db: Db) => Promise<void>) =>
    mail.restartWorkers(async () => {
      const db = await openStore({ dataDir });
      try {
        await fn(db);
      } finally {
        await db.close();
      }
    });

  const api = (db: Db) =>
    createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [
        objectionsRouter({ db, auth: adminRest().baseUrl, engine: service, cycleProcessKey: TEST_PROCESS }),
      ],
    });

  const startCycle = (businessKey: string, start: string, end: string) =>
    office.post(`/process-definition/key/${TEST_PROCESS}/start`, {
      businessKey,
      variables: toVariables({
        year: businessKey.slice(-4),
        // Art. 28: the edition the cycle recorded (check-rules-edition sets it in the real diagram).
        rulesEdition: '2023',
        publicityStart: start,
        publicityEnd: end,
        awards: AWARDS,
      }),
    });

  beforeAll(async () => {
    const form = new FormData();
    form.append('deployment-name', 'objection-test');
    form.append('deployment-source', 'test');
    form.append(
      'objection-test.bpmn',
      new Blob([DIAGRAM], { type: 'application/octet-stream' }),
      'objection-test.bpmn',
    );
    // The real forms of these tasks: the engine lets a completion set only the variables its form declares.
    for (const name of ['objection-review.form', 'award-announcement.form'])
      form.append(name, new Blob([fs.readFileSync(path.join(ROOT_DIR, 'forms', name))]), name);
    await adminRest().postForm('/deployment/create', form);
    service = engineRest(adminRest().baseUrl, {
      username: process.env.QA_WORKER_USER!,
      password: process.env.QA_WORKER_PASSWORD!,
    });
    mail = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('obj-office', ['office']);
  }, 180_000);
  afterAll(async () => {
    // Stop the workers first, so no task of theirs runs on while the instances go (and no other
    // file's instances are taken by them if a deletion fails).
    await mail.stop();
    // The winner's monitoring would wait years for its timers: end it with the test.
    const running = await adminRest().get(
      `/process-instance?processDefinitionKey=award-post-monitoring&businessKey=${encodeURIComponent(`post-award/${ORG_B}/${YEAR}`)}`,
    );
    for (const i of running)
      await adminRest()
        .delete(`/process-instance/${i.id}?skipCustomListeners=true`)
        .catch(() =>
          new Promise((r) => setTimeout(r, 1000)).then(() => adminRest().delete(`/process-instance/${i.id}`)),
        );
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('files objections in the period, refuses them outside it, and an upheld one removes the award', async () => {
    // Given a cycle in its publicity period, one whose period ended, and one not yet publishing
    const open = await startCycle(CYCLE, dayOffset(-1), dayOffset(3));
    await completeTask(office, (await waitForTask(office, open.id, 'Task_Publish')).id, {});
    const ended = await startCycle('cycle-2092', dayOffset(-9), dayOffset(-2));
    await completeTask(office, (await waitForTask(office, ended.id, 'Task_Publish')).id, {});
    const unpublished = await startCycle('cycle-2093', dayOffset(-1), dayOffset(3));

    let filedA = '';
    let filedB = '';
    await withStore(async (db) => {
      const app = api(db);
      // When anyone files two objections (multipart with a PDF; JSON) during the period
      const a = await request(app)
        .post('/api/objections')
        .field('cycle', CYCLE)
        .field('applicationId', 'obj-a')
        .field('name', '张三')
        .field('contact', '13812345678')
        .field('email', 'objector@example.cn')
        .field('reason', REASON)
        .attach('evidence', PDF, { filename: '事故通报.pdf', contentType: 'application/pdf' });
      expect(a.status).toBe(201);
      filedA = a.body.id;
      const b = await request(app).post('/api/objections').send({
        cycle: CYCLE,
        applicationId: 'obj-b',
        name: '李四',
        contact: '021-56781234',
        reason: LONG_REASON,
      });
      expect(b.status).toBe(201);
      filedB = b.body.id;
      // Then objections outside the period, on an application not listed, or while the cycle does not
      // listen are refused, and nothing of those is stored
      const late = await request(app).post('/api/objections').send({
        cycle: 'cycle-2092',
        applicationId: 'obj-a',
        name: '王五',
        contact: '13812345678',
        reason: REASON,
      });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ error: 'objection_period_closed' });
      expect(late.body.message).toContain(`公示期为 ${dayOffset(-9)} 至 ${dayOffset(-2)}，已结束`);
      const unlisted = await request(app)
        .post('/api/objections')
        .send({ cycle: CYCLE, applicationId: 'obj-z', name: '王五', contact: '13812345678', reason: REASON });
      expect(unlisted.status).toBe(400);
      expect(unlisted.body.issues[0].path).toBe('applicationId');
      const notListening = await request(app).post('/api/objections').send({
        cycle: 'cycle-2093',
        applicationId: 'obj-a',
        name: '王五',
        contact: '13812345678',
        reason: REASON,
      });
      expect(notListening.status).toBe(409);
      expect(notListening.body.error).toBe('objection_not_accepted');
      const filed = await auditTrail(db, { action: 'objection.filed' });
      expect(filed.map((e) => e.details.objectionId).sort()).toEqual([filedA, filedB].sort());
      expect((await findObjection(db, filedA))!.evidence[0]).toMatchObject({ fileName: '事故通报.pdf' });
    });
    await adminRest().delete(`/process-instance/${unpublished.id}`);
    await adminRest().delete(`/process-instance/${ended.id}`);

    // Each objection became its own office task with its own variables
    const reviews = await waitFor('two 核查异议 tasks', async () => {
      const tasks = await office.get(
        `/task?processInstanceId=${open.id}&taskDefinitionKey=Task_ReviewObjection`,
      );
      return tasks.length === 2 ? tasks : undefined;
    });
    const byApplication = new Map<string, string>();
    for (const t of reviews) {
      const vars = await office.get(`/task/${t.id}/variables`);
      const applicationId = String(vars.objectionApplicationId?.value);
      byApplication.set(applicationId, t.id);
      // The 5,000-character reason arrives whole, as a String the office's form shows (issue 16 item 7)
      expect(vars.objectionReason).toMatchObject({
        type: 'String',
        value: applicationId === 'obj-b' ? LONG_REASON : REASON,
      });
    }
    // When the office upholds the objection against obj-a and dismisses the one against obj-b
    await office.post(`/task/${byApplication.get('obj-a')}/claim`, { userId: 'obj-office' });
    await completeTask(office, byApplication.get('obj-a')!, {
      objectionDecision: 'upheld',
      objectionFindings: '经核实，事故属实',
    });
    await completeTask(office, byApplication.get('obj-b')!, {
      objectionDecision: 'dismissed',
      objectionFindings: '查无实据',
    });
    // Then the list loses obj-a only, and the objector who left an e-mail hears the outcome
    await waitFor('the list without obj-a', async () => {
      const awards = await variable(open.id, 'awards');
      const ids = (typeof awards === 'string' ? JSON.parse(awards) : awards) as { applicationId: string }[];
      return ids.length === 1 && ids[0]!.applicationId === 'obj-b';
    });
    const told = await mail.mailTo('objector@example.cn', '异议核查结果：异议成立');
    expect(told.text).toContain('经核实，事故属实');
    await waitFor('both objections recorded', async () => {
      const left = await office.get(
        `/task?processInstanceId=${open.id}&taskDefinitionKey=Task_ReviewObjection`,
      );
      const jobs = await adminRest().get(`/external-task?processInstanceId=${open.id}`);
      return left.length === 0 && jobs.length === 0;
    });

    // When publicity ends and the office records the government's document
    await completeTask(office, (await waitForTask(office, open.id, 'Task_ClosePublicity')).id, {});
    await completeTask(office, (await waitForTask(office, open.id, 'Task_RecordDocument')).id, {
      documentNumber: '宝府〔2091〕7号',
      // The 发文 of the award year (the test's far-future year); record-awards refuses one before it
      documentDate: `${YEAR}-12-20`,
    });
    // Then the remaining winner gets the certificate (PDF in Chinese with the award year) by e-mail
    const notice = await mail.mailTo('obj-winner-b@example.cn', '获奖通知');
    expect(notice.attachments?.[0]?.contentType).toBe('application/pdf');
    const text = pdfText(notice.attachments![0]!.content).join('');
    expect(text).toContain(`${YEAR}年度宝山区区长质量奖（先进质量管理模式）`);
    expect(text).toContain('宝府〔2091〕7号');
    expect(mail.received.some((m) => m.to.includes('obj-winner-a@example.cn'))).toBe(false);
    // and one award-post-monitoring instance follows the winner
    const monitoring = await waitFor('the winner’s post-monitoring', async () => {
      const found = await adminRest().get(
        `/history/process-instance?processDefinitionKey=award-post-monitoring&processInstanceBusinessKey=${encodeURIComponent(`post-award/${ORG_B}/${YEAR}`)}`,
      );
      return found.length ? found : undefined;
    });
    expect(monitoring).toHaveLength(1);
    const [winners] = await adminRest().get(
      `/history/variable-instance?processInstanceId=${open.id}&variableName=winnersText`,
    );
    expect(winners?.value).toContain('上海月浦新材料有限公司（obj-b）');
    await waitFor(
      'the cycle to end',
      async () => (await adminRest().get(`/history/process-instance/${open.id}`)).state === 'COMPLETED',
    );

    // A redelivered start-post-monitoring starts nobody twice
    const config = {
      ENGINE_URL: adminRest().baseUrl,
      CAMUNDA_WORKER_USER: process.env.QA_WORKER_USER!,
      CAMUNDA_WORKER_PASSWORD: process.env.QA_WORKER_PASSWORD!,
    } as Config;
    const again = await executeTask(
      startPostMonitoringWorker,
      { awards: JSON.stringify([AWARDS[1]]), year: YEAR },
      taskContext(
        {
          taskId: 't',
          topic: startPostMonitoringWorker.topic,
          processInstanceId: open.id,
          processDefinitionKey: TEST_PROCESS,
          activityId: 'Task_StartPostMonitoring',
          activityInstanceId: 'Task_StartPostMonitoring:again',
          businessKey: CYCLE,
          retries: null,
        },
        pino({ level: 'silent' }),
      ),
      {
        db: undefined as unknown as Db,
        mailer: undefined as never,
        engine: engineRest(config.ENGINE_URL, {
          username: config.CAMUNDA_WORKER_USER,
          password: config.CAMUNDA_WORKER_PASSWORD!,
        }),
        config,
        editions: SHIPPED_EDITIONS,
      },
      { retries: 0, baseMs: 10 },
      null,
    );
    expect(again).toMatchObject({ kind: 'complete', variables: { postMonitoringStarted: 1 } });
    const after = await adminRest().get(
      `/history/process-instance?processDefinitionKey=award-post-monitoring&processInstanceBusinessKey=${encodeURIComponent(`post-award/${ORG_B}/${YEAR}`)}`,
    );
    expect(after).toHaveLength(1);

    // The store holds the decisions (with the office user from the task), the registry record, the
    // Art. 21 list and proposals, and the audit trail
    await withStore(async (db) => {
      expect(await findObjection(db, filedA)).toMatchObject({ decision: 'upheld', decidedBy: 'obj-office' });
      expect(await findObjection(db, filedB)).toMatchObject({ decision: 'dismissed' });
      const decided = await auditTrail(db, { action: 'objection.decided' });
      expect(decided.find((e) => e.details.objectionId === filedA)?.actor).toBe('obj-office');
      expect((await findOrganizationRecords(db, ORG_B)).awards).toContainEqual({
        level: 'district',
        category: 'model',
        year: Number(YEAR),
        awardedOn: `${YEAR}-12-20`, // Art. 16 ¶1 counts from the 发文
        title: '宝山区区长质量奖（先进质量管理模式）',
      });
      expect((await findOrganizationRecords(db, ORG_A)).awards.some((a) => a.year === Number(YEAR))).toBe(
        false,
      );
      expect((await awardsOfYear(db, Number(YEAR))).map((a) => a.applicationId)).toEqual(['obj-b']);
      expect((await expertProposals(db, Number(YEAR))).map((p) => [p.name, p.status])).toEqual([
        ['赵总', 'proposed'],
      ]);
      expect(await auditTrail(db, { action: 'awards.recorded', businessKey: CYCLE })).toHaveLength(1);
    });
  }, 600_000);
});
