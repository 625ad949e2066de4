import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { toVariables, type EngineRest } from '../camunda/rest.js';
import { createApp } from '../server/app.js';
import { performanceReportsRouter } from '../server/routes/performance-reports.js';
import { openStore, type Db } from '../store/index.js';
import { performanceReportsOf } from '../store/performance-reports.js';
import { completeTask, CREDIT_CODES, tasksOf, variable, waitForTask } from './support/application.js';
import { fireTimer } from './support/between-cycles.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// Art. 23: a winner is asked once a year for three years for the 质量绩效表; a reminder goes before
// the due date and the office gets an overdue escalation after it. Timers are fired through the
// engine's job API, never by waiting.
describe('award-post-monitoring (Art. 23)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-monitoring-'));
  const HOLDER = CREDIT_CODES[0];
  const EMAIL = 'pm-winner@example.cn';
  let mail: MailAndWorkers;
  let office: EngineRest;

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

  const requests = () =>
    mail.received.filter((m) => m.to.includes(EMAIL) && m.subject.includes('请报送质量绩效表'));

  beforeAll(async () => {
    mail = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('pm-office', ['office']);
  });
  afterAll(async () => {
    await mail.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks three times a year, reminds, escalates when overdue and stores every report', async () => {
    // Given a 2025 winner under the default plan (three yearly periods, 30 days to answer, reminder 7 days before)
    const instance = await office.post('/process-definition/key/award-post-monitoring/start', {
      variables: toVariables({
        holderName: '上海宝山精密制造有限公司',
        holderKey: HOLDER,
        holderEmail: EMAIL,
        awardYear: '2025',
      }),
    });
    expect(instance.businessKey).toBe(`post-award/${HOLDER}/2025`);

    // When a year has passed (the period timer fires)
    const first = await fireTimer(instance.id, 'Timer_PeriodStart');
    expect(new Date(first.dueDate!).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    // Then the winner is asked for the first 质量绩效表 with its due date, and the office has its task
    const request1 = await mail.mailTo(EMAIL, '【宝山区政府质量奖】请报送质量绩效表（第 1 期）');
    expect(request1.text).toContain('第二十三条');
    // with the holder's secret link (issue 16): only it files a report
    const token = /\/performance-report\?token=([A-Za-z0-9_-]{43})/.exec(request1.text)?.[1];
    expect(token).toBeDefined();
    const intake1 = await waitForTask(office, instance.id, 'Task_ReportIntake');
    const dueAt = await variable<string>(instance.id, 'dueAt');
    expect(request1.text).toContain(await variable<string>(instance.id, 'dueDate'));
    expect(new Date(intake1.due!).getTime()).toBe(new Date(dueAt).getTime());

    // When the reminder time comes, then the winner is reminded
    await fireTimer(instance.id, 'Boundary_Reminder');
    const reminder = await mail.mailTo(EMAIL, '【宝山区政府质量奖】提醒：质量绩效表即将到期（第 1 期）');
    expect(reminder.text).toContain('尚未收到');
    // When the due date passes, then the office gets the overdue escalation
    await fireTimer(instance.id, 'Boundary_Overdue');
    const overdue = await waitForTask(office, instance.id, 'Task_Overdue');
    await completeTask(office, overdue.id, { overdueNote: '已电话催报，获奖者承诺三日内报送。' });

    // When someone without the link tries to file for the winner, then it is refused;
    // when the winner then submits through POST /api/performance-reports with the e-mail's link token
    await withStore(async (db) => {
      const app = createApp({
        db,
        log: pino({ level: 'silent' }),
        apiRouters: [performanceReportsRouter({ db, auth: adminRest().baseUrl })],
      });
      const forged = await request(app).post('/api/performance-reports').send({
        holderKey: HOLDER,
        holderName: '冒名者',
        awardYear: 2025,
        period: 1,
        reportYear: 2026,
        summary: '伪造的绩效。',
      });
      expect(forged.status).toBe(403);
      const posted = await request(app)
        .post('/api/performance-reports')
        .send({
          token,
          holderKey: HOLDER,
          holderName: '上海宝山精密制造有限公司',
          awardYear: 2025,
          period: 1,
          reportYear: 2026,
          summary: '2026 年一次交检合格率 99.2%，顾客满意度 92 分。',
          indicators: { 一次交检合格率: '99.2%' },
        });
      expect(posted.status).toBe(201);
    });
    // and the office confirms (the first task was loaded before the report arrived, so it reloads)
    await completeTask(office, intake1.id, { reportDecision: 'accept' });
    const reloaded = await waitFor('the reloaded intake task', async () =>
      (await tasksOf(office, instance.id)).find(
        (t) => t.taskDefinitionKey === 'Task_ReportIntake' && t.id !== intake1.id,
      ),
    );
    // Then the office sees the submitted report and confirms it
    expect(await variable(instance.id, 'reportReceived')).toBe(true);
    expect(await variable(instance.id, 'performanceReportsText')).toContain('顾客满意度 92 分');
    await completeTask(office, reloaded.id, { reportDecision: 'accept' });

    // When the second and third years pass, the office enters the paper forms itself
    for (const period of [2, 3]) {
      await fireTimer(instance.id, 'Timer_PeriodStart');
      await mail.mailTo(EMAIL, `【宝山区政府质量奖】请报送质量绩效表（第 ${period} 期）`);
      const intake = await waitFor(`the intake task of period ${period}`, async () => {
        const task = (await tasksOf(office, instance.id)).find(
          (t) => t.taskDefinitionKey === 'Task_ReportIntake',
        );
        return task && (await variable(instance.id, 'reportPeriod')) === period ? task : undefined;
      });
      await completeTask(office, intake.id, {
        reportDecision: 'enter',
        reportSummary: `第 ${period} 期纸质质量绩效表：质量损失率下降。`,
      });
    }

    // Then there were three yearly requests, the instance ends, and every report is stored
    await waitFor('the end', async () => {
      const admin = adminRest();
      const hist = await admin.get(`/history/process-instance/${instance.id}`);
      if (hist.state !== 'COMPLETED') return undefined;
      const ends = await admin.get(
        `/history/activity-instance?processInstanceId=${instance.id}&activityId=End_Monitored`,
      );
      return ends.length === 1;
    });
    expect(requests()).toHaveLength(3);
    await withStore(async (db) => {
      const reports = await performanceReportsOf(db, HOLDER, 2025);
      expect(reports.map((r) => [r.period, r.reportYear, r.source])).toEqual([
        [1, 2026, 'api'],
        [2, 2027, 'office'],
        [3, 2028, 'office'],
      ]);
    });
  }, 300_000);
});
