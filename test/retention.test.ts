import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toVariables, type EngineRest } from '../camunda/rest.js';
import { shanghaiDate } from '../domain/edition.js';
import { plusYears } from '../domain/post-award.js';
import type { RetentionItem } from '../domain/retention.js';
import { auditTrail } from '../store/audit.js';
import type { Db } from '../store/index.js';
import { completeTask, endedAt, startApplication, variable, waitForTask } from './support/application.js';
import { historicVariable, storeAccess } from './support/between-cycles.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

const count = async (db: Db, sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);

// Art. 27: records-retention lists the application and review records older than ten years (a BPMN
// parameter), and deletes exactly those only after the office's explicit approval. Store rows are
// backdated; engine history cannot be, so the report's "as of" day looks ten years ahead instead.
describe('records-retention (Art. 27)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-retention-'));
  let mail: MailAndWorkers;
  let office: EngineRest;
  const admin = adminRest();
  const withStore = storeAccess(() => mail, dataDir);
  const today = shanghaiDate(new Date());

  beforeAll(async () => {
    mail = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('rt-office', ['office']);
    // Given a score sheet of 2014 and a department opinion of 2015, and a review report of today
    await withStore(async (db) => {
      await db.query(
        `INSERT INTO score_sheets (cycle_key, application_id, applicant_name, applicant_kind, expert_id, scores, total,
           strengths, improvements, submitted_at)
         VALUES ('cycle-2014', 'A-OLD', '旧申报组织', 'organization', 'rt-e1', '{}', 700, '好', '改进', '2014-05-01T10:00:00+08:00')`,
      );
      await db.query(
        `INSERT INTO department_opinions (process_instance_id, activity_instance_id, business_key, department, stance, opinion, recorded_at)
         VALUES ('old-pi', 'old-ai', 'cycle-2015/A-OLD2', 'ecology', 'no-objection', '无意见', '2015-01-01T09:00:00+08:00')`,
      );
      await db.query(
        `INSERT INTO review_reports (cycle_key, application_id, lead_expert_id, site_score, site_report, evaluation_report)
         VALUES ('cycle-2025', 'A-NEW', 'rt-e2', 800, '现场评审报告', '综合评价报告')`,
      );
    });
  });
  afterAll(async () => {
    await mail.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts a retention check, waits for its approval task and returns the report. */
  async function report(asOf?: string) {
    const instance = await office.post('/process-definition/key/records-retention/start', {
      variables: toVariables(asOf ? { retentionAsOf: asOf } : {}),
    });
    const task = await waitForTask(office, instance.id, 'Task_ApproveDeletion');
    const items = JSON.parse(await variable<string>(instance.id, 'retentionReport')) as RetentionItem[];
    return { instance, task, items };
  }

  it('deletes only what the office approved, and nothing when it refuses', async () => {
    // Given an application that ended today and one still running
    const ended = await startApplication(office, 'RT-ENDED', { applicantEmail: 'rt-ended@example.cn' });
    const running = await startApplication(office, 'RT-RUNNING', { applicantEmail: 'rt-running@example.cn' });
    await admin.delete(`/process-instance/${ended.id}`);
    await waitFor('the application to end', async () =>
      (await admin.get(`/history/process-instance/${ended.id}`)).state !== 'ACTIVE' ? true : undefined,
    );

    // When the office runs the check today
    const first = await report();
    // Then it lists exactly the two store records older than ten years, and no engine history
    expect(await variable(first.instance.id, 'retentionCutoff')).toBe(plusYears(today, -10));
    expect(first.items.map((i) => i.kind).sort()).toEqual([
      'store:department_opinions',
      'store:score_sheets',
    ]);
    expect(await variable(first.instance.id, 'retentionReportText')).toContain(
      '资料评审评分表 cycle-2014/A-OLD',
    );
    // When the office approves
    await completeTask(office, first.task.id, {
      deletionDecision: 'approve',
      deletionReasons: '已超过保存期限。',
    });
    expect(await waitFor('the end', () => endedAt(first.instance.id))).toBe('End_Deleted');
    // Then those rows are gone, today's report stays, and the audit names the approving person
    await withStore(async (db) => {
      expect(await count(db, 'SELECT count(*) AS n FROM score_sheets')).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM department_opinions')).toBe(0);
      expect(await count(db, 'SELECT count(*) AS n FROM review_reports')).toBe(1);
      const audit = await auditTrail(db, { action: 'retention.deleted' });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.actor).toBe('rt-office');
      expect((audit[0]!.details.items as unknown[]).length).toBe(2);
    });

    // When the office looks ten years ahead (one day past) and refuses
    const ahead = new Date(Date.parse(`${plusYears(today, 10)}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const second = await report(ahead);
    // Then the report lists the ended application and today's review report, not the running one
    const refs = second.items.map((i) => i.ref);
    expect(refs).toContain(ended.id);
    expect(refs).not.toContain(running.id);
    expect(second.items.filter((i) => i.kind === 'store:review_reports')).toHaveLength(1);
    await completeTask(office, second.task.id, { deletionDecision: 'refuse', deletionReasons: '尚需备查。' });
    expect(await waitFor('the end', () => endedAt(second.instance.id))).toBe('End_Refused');
    // and nothing is deleted
    expect((await admin.get(`/history/process-instance/${ended.id}`)).id).toBe(ended.id);
    await withStore(async (db) => {
      expect(await count(db, 'SELECT count(*) AS n FROM review_reports')).toBe(1);
      expect(await auditTrail(db, { action: 'retention.deleted' })).toHaveLength(1);
    });

    // When the office approves the same report later
    const third = await report(ahead);
    await completeTask(office, third.task.id, { deletionDecision: 'approve', deletionReasons: '同意删除。' });
    expect(await waitFor('the end', () => endedAt(third.instance.id))).toBe('End_Deleted');
    // Then every listed engine history is gone and the running application is untouched
    for (const item of third.items.filter((i) => i.kind.startsWith('engine:'))) {
      await expect(admin.get(`/history/process-instance/${item.ref}`)).rejects.toMatchObject({ status: 404 });
    }
    expect(await admin.get(`/process-instance/${running.id}`)).toMatchObject({
      id: running.id,
    });
    expect(await historicVariable(third.instance.id, 'deletedCount')).toBe(third.items.length);
    await withStore(async (db) => {
      expect(await count(db, 'SELECT count(*) AS n FROM review_reports')).toBe(0);
      expect(await auditTrail(db, { action: 'retention.deleted' })).toHaveLength(2);
    });
  });
});
