import { toVariables, type EngineRest } from '../../camunda/rest.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import { startDedicatedEngine, type DedicatedEngine } from '../support/dedicated-engine.js';
import { startWorkersProcess, waitFor, type WorkersProcess } from '../support/engine.js';
import { freshDatabase, type FreshDatabase } from '../support/postgres.js';

// Issue 8 (2): the engine stopped and started again in the middle of an application's 资格审查, once
// on the H2 file database (stopped gracefully) and once on PostgreSQL (killed). At the stop a
// department's opinion is being recorded by the workers: the handler's report to the engine fails,
// the workers back off while the engine is away and reconnect by themselves; afterwards the same
// tasks and variables are there and the application finishes with each effect once.

const RECOMMENDED = '【宝山区政府质量奖】申报已获推荐：';
const ACCEPTED = '【宝山区政府质量奖】申报已正式受理：';

const variants = [
  { name: 'H2 file database, stopped gracefully', db: 'h2', stop: 'graceful' },
  { name: 'PostgreSQL, killed', db: 'postgres', stop: 'kill' },
] as const;

const tasksOf = (rest: EngineRest, id: string) => rest.get(`/task?processInstanceId=${id}`);
const waitForTask = (rest: EngineRest, id: string, key: string) =>
  waitFor(
    `task ${key}`,
    async () => (await tasksOf(rest, id)).find((t) => t.taskDefinitionKey === key),
    90000,
  );
const complete = (rest: EngineRest, taskId: string, values: Record<string, unknown>) =>
  rest.post(`/task/${taskId}/complete`, { variables: toVariables(values) });

// The two variants run at the same time (each on its own engine), so their engine starts overlap.
describe('the engine restarted mid-cycle', () => {
  it.concurrent.each(variants)(
    '$name: finishes the application with no task or variable lost, the workers reconnecting by themselves',
    async ({ db: dbKind, stop }) => {
      let engine: DedicatedEngine | undefined;
      let database: FreshDatabase | undefined;
      let sink: SmtpSink | undefined;
      let workers: WorkersProcess | undefined;
      const received: ReceivedMail[] = [];
      try {
        const began = Date.now();
        // Given a dedicated engine with its workers, and an application the office sent to two departments
        if (dbKind === 'postgres') database = await freshDatabase('qa_fault_engine');
        engine = await startDedicatedEngine({ db: database?.jdbc });
        const firstStartS = Math.round((Date.now() - began) / 1000);
        sink = await startSmtpSink(0, (mail) => void received.push(mail));
        workers = startWorkersProcess({
          ...engine.workersEnv,
          SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
          WORKER_LOCK_MS: '5000',
          WORKER_LONG_POLL_MS: '1000',
          WORKER_RETRY_BASE_MS: '500',
          WORKER_BACKOFF_MAX_MS: '5000',
          WORKER_TEST_DELAY_MS: '1500',
        });
        await workers.ready();
        const pid = workers.child.pid;
        const office = await engine.person('restart-office', ['office']);
        const unit = await engine.person('restart-luodian', ['recommender-luodian']);
        const ecology = await engine.person('restart-ecology', ['department-ecology']);
        const emergency = await engine.person('restart-emergency', ['department-emergency']);
        const email = `restart-${dbKind}@example.cn`;
        const instance = await office.post('/process-definition/key/award-application/start', {
          variables: toVariables({
            cycleKey: 'cycle-2025',
            applicationId: `F-RESTART-${dbKind}`,
            applicantKind: 'organization',
            applicantName: '上海宝山精密制造有限公司',
            creditCode: '91310113MA1GKQ0A5Q',
            registeredDistrict: '宝山区',
            registrationDate: '2015-03-01',
            licensesValid: true,
            chiefQualityOfficer: true,
            municipalApplicationSameYear: false,
            recommendingUnit: 'luodian',
            truthfulDeclaration: true,
            asOf: '2026-11-28',
            applicantEmail: email,
          }),
        });
        const id = instance.id;
        await complete(unit, (await waitForTask(unit, id, 'Task_Recommend')).id, {
          recommendationDecision: 'approve',
          recommendationOpinion: '同意推荐。',
        });
        await complete(office, (await waitForTask(office, id, 'Task_EligibilityReview')).id, {
          reviewDecision: 'consult',
          consultDepartments: ['ecology', 'emergency'],
          consultDueDate: '2026-12-10',
          reviewReasons: '需核实环保与安全生产情况。',
        });
        const emergencyTask = await waitForTask(emergency, id, 'Task_DepartmentOpinion');
        const markers = () =>
          (workers!.output().match(/"topic":"record-opinion"[^\n]*"phase":"before-effect"/g) ?? []).length;
        const before = markers();
        await complete(ecology, (await waitForTask(ecology, id, 'Task_DepartmentOpinion')).id, {
          departmentStance: 'no-objection',
          departmentOpinion: '近三年无环境违法记录。',
        });

        // When the engine stops while the workers are recording that opinion
        await waitFor('record-opinion in flight', async () => markers() > before, 30000);
        const admin = engine.admin;
        const variablesBefore = await admin.get(`/process-instance/${id}/variables?deserializeValues=false`);
        const userTasksBefore = (await admin.get(`/task?processInstanceId=${id}`)).map((t) => t.id).sort();
        const externalBefore = (await admin.get(`/external-task?processInstanceId=${id}`))
          .map((t) => t.id)
          .sort();
        expect(userTasksBefore).toContain(emergencyTask.id);
        expect(externalBefore).toHaveLength(1);
        await engine.stop(stop);
        // (the workers notice: the handler's report fails and the polls back off)
        await waitFor(
          'the workers to back off',
          async () => workers!.output().split('引擎暂时无法连接').length > 3,
          60000,
        );
        const restartS = await engine.start();

        // Then the workers reconnect by themselves, the same process
        await waitFor(
          'the workers to reconnect',
          async () => workers!.output().includes('引擎已重新连接'),
          60000,
        );
        expect(workers.child.pid).toBe(pid);
        expect(workers.child.exitCode).toBeNull();
        const outage = workers
          .output()
          .split('\n')
          .filter((l) => l.includes('引擎暂时无法连接'))
          .map((l) => (JSON.parse(l) as { retryInMs: number }).retryInMs);
        // (each wait longer than the one before, up to the cap)
        expect(outage.length).toBeGreaterThanOrEqual(3);
        for (let i = 1; i < outage.length; i++) expect(outage[i]).toBeGreaterThanOrEqual(outage[i - 1]!);
        expect(outage[outage.length - 1]).toBeGreaterThan(outage[0]!);
        expect(workers.output()).toContain('无法向引擎报告任务结果');

        // and no task or variable was lost
        const variablesAfter = await admin.get(`/process-instance/${id}/variables?deserializeValues=false`);
        for (const [name, v] of Object.entries(variablesBefore))
          expect([name, variablesAfter[name]]).toEqual([name, v]);
        expect((await admin.get(`/task?processInstanceId=${id}`)).map((t) => t.id)).toContain(
          emergencyTask.id,
        );

        // When the other department answers and the office accepts
        await complete(emergency, emergencyTask.id, {
          departmentStance: 'objection',
          departmentOpinion: '2025 年有一般安全生产事故。',
        });
        const review = await waitForTask(office, id, 'Task_EligibilityReview');
        const opinions = await admin.get(`/process-instance/${id}/variables/departmentOpinionsText`);
        await complete(office, review.id, { reviewDecision: 'accept', reviewReasons: '材料齐备。' });

        // Then the application ends accepted, each opinion recorded once and each notice sent once
        await waitFor(
          'the application to end',
          async () => (await admin.get(`/history/process-instance/${id}`)).state === 'COMPLETED',
          60000,
        );
        const ends = await admin.get(
          `/history/activity-instance?processInstanceId=${id}&activityType=noneEndEvent`,
        );
        expect(ends.map((e) => e.activityId)).toContain('End_Accepted');
        expect(String(opinions.value).split('\n').sort()).toEqual([
          expect.stringContaining('【区应急管理局】有异议：2025 年有一般安全生产事故。'),
          expect.stringContaining('【区生态环境局】无异议：近三年无环境违法记录。'),
        ]);
        const successes = await admin.get(
          `/history/external-task-log?processInstanceId=${id}&successLog=true`,
        );
        expect(successes.filter((s) => s.activityId === 'Task_RecordOpinion')).toHaveLength(2);
        await waitFor(
          'the acceptance notice',
          async () => received.some((m) => m.subject.startsWith(ACCEPTED)),
          30000,
        );
        // The applicant's notices, each once (the task notices to the people who work the tasks aside)
        const toApplicant = received.filter((m) => m.to.includes(email));
        expect(toApplicant.map((m) => m.subject.slice(0, m.subject.indexOf('：') + 1)).sort()).toEqual(
          [ACCEPTED, RECOMMENDED].sort(),
        );
        expect(
          received
            .filter((m) => !m.to.includes(email))
            .every((m) => /^【宝山区政府质量奖】(新的待办任务|任务即将到期|任务已逾期)：/.test(m.subject)),
        ).toBe(true);
        process.stdout.write(
          `engine restart (${dbKind}, ${stop}): first start ${firstStartS} s, restart ${restartS} s, ` +
            `${outage.length} backed-off polls (${outage.join(', ')} ms), ${Math.round((Date.now() - began) / 1000)} s in all\n`,
        );
      } finally {
        await workers?.stop();
        await sink?.close();
        await engine?.dispose();
        await database?.drop();
      }
    },
    480000,
  );
});
