import { pino } from 'pino';
import request from 'supertest';
import { toVariables, type EngineRest } from '../camunda/rest.js';
import { startSmtpSink, type SmtpSink } from '../mail/sink.js';
import { createApp } from '../server/app.js';
import { expertsRouter } from '../server/routes/experts.js';
import { performanceReportsRouter } from '../server/routes/performance-reports.js';
import { basicAuth } from '../server/test-auth.js';
import { openTestStore } from '../store/test-store.js';
import { SHIPPED_EDITIONS } from '../config/test-editions.js';
import { completeTask, startApplication, tasksOf, waitForTask } from './support/application.js';
import { adminRest, personRest, startWorkersProcess, type WorkersProcess } from './support/engine.js';

// Issue 8 (4): access through the engine's own authorizations. Anonymous calls get 401; a recommending
// unit sees, reads and completes only its own applications' tasks; a department sees only the
// consultation task addressed to it.

/** The HTTP status of a call, 2xx included. */
const statusOf = (call: Promise<unknown>) =>
  call.then(
    () => 200,
    (err: { status?: number }) => err.status ?? 0,
  );

describe('access to the engine', () => {
  let sink: SmtpSink;
  let workers: WorkersProcess;
  let office: EngineRest;
  let luodian: EngineRest;
  let wusong: EngineRest;
  let ecology: EngineRest;
  let emergency: EngineRest;
  const instances: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink(0, () => undefined);
    workers = startWorkersProcess({ SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
    office = await personRest('acc-office', ['office']);
    luodian = await personRest('acc-luodian', ['recommender-luodian']);
    wusong = await personRest('acc-wusong', ['recommender-wusong']);
    ecology = await personRest('acc-ecology', ['department-ecology']);
    emergency = await personRest('acc-emergency', ['department-emergency']);
  });

  afterAll(async () => {
    await workers.stop();
    await sink.close();
    for (const id of instances)
      await adminRest()
        .delete(`/process-instance/${id}?skipCustomListeners=true`)
        .catch(() => undefined);
  });

  it.each([
    '/task',
    '/process-instance',
    '/process-definition',
    '/external-task',
    '/user',
    '/history/process-instance',
  ])('answers an anonymous GET %s with 401', async (path) => {
    // Given no credentials, when the REST API is called, then it is refused
    const res = await fetch(`${adminRest().baseUrl}${path}`);
    expect(res.status).toBe(401);
  });

  it('keeps a recommending unit out of another unit’s application', async () => {
    // Given an application recommended by 罗店镇
    const instance = await startApplication(office, 'ACC-1', { applicantEmail: 'acc1@example.cn' });
    instances.push(instance.id);
    const task = await waitForTask(luodian, instance.id, 'Task_Recommend');

    // When 吴淞 lists, reads and tries to complete it
    // then it sees no task, no instance, no variables, and cannot complete or claim
    expect(await tasksOf(wusong, instance.id)).toEqual([]);
    expect(
      await wusong.get(`/task?processInstanceId=${instance.id}&candidateGroup=recommender-luodian`),
    ).toEqual([]);
    expect(await wusong.get(`/process-instance?processInstanceIds=${instance.id}`)).toEqual([]);
    expect([403, 404]).toContain(await statusOf(wusong.get(`/task/${task.id}/variables`)));
    expect([403, 404]).toContain(await statusOf(wusong.get(`/process-instance/${instance.id}/variables`)));
    expect(await wusong.get(`/history/variable-instance?processInstanceId=${instance.id}`)).toEqual([]);
    expect(await wusong.get(`/history/task?processInstanceId=${instance.id}`)).toEqual([]);
    expect([403, 404]).toContain(await statusOf(wusong.get(`/history/process-instance/${instance.id}`)));
    expect([403, 404]).toContain(await statusOf(wusong.get(`/task/${task.id}/form-variables`)));
    expect([403, 404]).toContain(
      await statusOf(wusong.post(`/task/${task.id}/claim`, { userId: 'acc-wusong' })),
    );
    expect([403, 404]).toContain(
      await statusOf(
        wusong.post(`/task/${task.id}/complete`, {
          variables: toVariables({ recommendationDecision: 'refuse', recommendationOpinion: '越权' }),
        }),
      ),
    );
    // and the task is still 罗店镇's, untouched
    expect((await tasksOf(luodian, instance.id)).map((t) => t.id)).toEqual([task.id]);
    expect(await statusOf(luodian.get(`/task/${task.id}/variables`))).toBe(200);
  });

  it('shows a department only the consultation addressed to it', async () => {
    // Given an application at 资格审查 on which the office consults 区生态环境局 alone
    const instance = await startApplication(office, 'ACC-2', { applicantEmail: 'acc2@example.cn' });
    instances.push(instance.id);
    const recommend = await waitForTask(luodian, instance.id, 'Task_Recommend');
    await completeTask(luodian, recommend.id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意推荐。',
    });
    const review = await waitForTask(office, instance.id, 'Task_EligibilityReview');
    await completeTask(office, review.id, {
      reviewDecision: 'consult',
      consultDepartments: ['ecology'],
      consultDueDate: '2026-12-10',
      reviewReasons: '需核实环保情况。',
    });
    // When each department lists its tasks
    const own = await waitForTask(ecology, instance.id, 'Task_DepartmentOpinion');
    // Then 区生态环境局 sees its one task, 区应急管理局 none, and cannot complete the other's
    expect((await tasksOf(ecology, instance.id)).map((t) => t.id)).toEqual([own.id]);
    expect(await tasksOf(emergency, instance.id)).toEqual([]);
    expect([403, 404]).toContain(
      await statusOf(
        emergency.post(`/task/${own.id}/complete`, {
          variables: toVariables({ departmentStance: 'objection', departmentOpinion: '越权' }),
        }),
      ),
    );
    // and a department cannot see the office's or a unit's work either
    expect(await tasksOf(ecology, instance.id)).toHaveLength(1);
    expect(await ecology.get('/task?taskDefinitionKey=Task_Recommend')).toEqual([]);
  });

  it('lets only the office use the office-only server APIs, as the engine says (issue 8 (4))', async () => {
    // Given the server's expert pool and report APIs checking people with the real engine
    const db = await openTestStore();
    try {
      await personRest('acc-expert', ['experts']);
      const auth = adminRest().baseUrl;
      const app = createApp({
        db,
        log: pino({ level: 'silent' }),
        apiRouters: [
          expertsRouter({ db, auth, editions: SHIPPED_EDITIONS }),
          performanceReportsRouter({ db, auth }),
        ],
      });
      const reports = '/api/performance-reports?holderKey=91310113MA1GKQ0A5Q&awardYear=2025';
      // When the office, an expert, a unit, a wrong password and nobody ask
      const asOffice = await request(app).get('/api/experts').set('Authorization', basicAuth('acc-office'));
      const asExpert = await request(app).get('/api/experts').set('Authorization', basicAuth('acc-expert'));
      const asUnit = await request(app).get(reports).set('Authorization', basicAuth('acc-luodian'));
      const wrong = await request(app)
        .get('/api/experts')
        .set('Authorization', basicAuth('acc-emergency', 'nope'));
      const anonymous = await request(app).get(reports);
      // Then only the office is let in: the others get 403 or 401 in JSON, without data
      expect(asOffice.status).toBe(200);
      expect(asOffice.body.experts).toEqual([]);
      expect([asExpert.status, asUnit.status]).toEqual([403, 403]);
      expect(asExpert.body.experts).toBeUndefined();
      expect([wrong.status, anonymous.status]).toEqual([401, 401]);
      expect(wrong.body.message).toBe('用户名或密码错误，引擎拒绝登录');
    } finally {
      await db.close();
    }
  });
});
