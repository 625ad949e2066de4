import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { toVariables, type EngineRest } from '../camunda/rest.js';
import { startSmtpSink, type SmtpSink } from '../mail/sink.js';
import { createApp } from '../server/app.js';
import { auditRouter } from '../server/routes/audit.js';
import { basicAuth } from '../server/test-auth.js';
import { auditTrail, type AuditRecord } from '../store/audit.js';
import { openStore } from '../store/index.js';
import { completeTask, endedAt, startApplication, waitForTask } from './support/application.js';
import {
  creditCode as code,
  expertRest,
  importExperts,
  startCycle,
  tasksAt,
  taskVariable,
} from './support/cycle.js';
import {
  adminRest,
  personRest,
  startWorkersProcess,
  waitFor,
  type WorkersProcess,
} from './support/engine.js';

// Art. 26 and issue 8 (4)(5) through the real engine: an expert lists, reads and completes only their
// own tasks, reads the data of exactly the applications assigned to them (and no longer after
// recusal), and the recusal declarations, the assignments and the office's 资格审查 decisions with
// the corrected data are in the audit trail, which only the office may read.

const ORG_P = code('MA1GKF01');
const ORG_Q = code('MA1GKF02');

const EXPERTS_CSV = [
  'id,name,organizationCreditCode,yearsOfExperience,trained,ethicsPledgeSigned,specialties,email',
  'cf-x1,甲专家,,20,true,true,制造业,x1@example.cn',
  'cf-x2,乙专家,,15,true,true,制造业,x2@example.cn',
  'cf-x3,丙专家,,10,true,true,制造业,x3@example.cn',
].join('\n');

/** The HTTP status of a call, 2xx included. */
const statusOf = (call: Promise<unknown>) =>
  call.then(
    () => 200,
    (err: { status?: number }) => err.status ?? 0,
  );

describe('expert confidentiality and the audit trail (Art. 26)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-confidential-'));
  let sink: SmtpSink;
  let workers: WorkersProcess;
  let office: EngineRest;
  let unit: EngineRest;
  const admin = adminRest();
  const instances: Record<string, string> = {};

  beforeAll(async () => {
    const imported = importExperts(dataDir, EXPERTS_CSV);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    sink = await startSmtpSink(0, () => undefined);
    workers = startWorkersProcess({ SMTP_URL: `smtp://127.0.0.1:${sink.port}` }, dataDir);
    office = await personRest('cf-office', ['office']);
    unit = await personRest('cf-luodian', ['recommender-luodian']);
  }, 120000);
  afterAll(async () => {
    await workers.stop();
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** An application 罗店镇 recommends; returns its instance at the office's 资格审查. */
  async function recommended(id: string, creditCode: string, name: string) {
    const instance = await startApplication(office, id, {
      cycleKey: 'cycle-2051',
      applicantName: name,
      creditCode,
      industry: '制造业',
      applicantEmail: `${id.toLowerCase()}@example.cn`,
    });
    instances[`cycle-2051/${id}`] = instance.id;
    const recommend = await waitForTask(unit, instance.id, 'Task_Recommend');
    await completeTask(unit, recommend.id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意。',
    });
    return { instance, review: await waitForTask(office, instance.id, 'Task_EligibilityReview') };
  }

  it('keeps each expert to their own tasks and applications, and records who did what', async () => {
    // Given two applications: P corrected once by the office, then both accepted
    const p = await recommended('P-001', ORG_P, '上海宝山保密甲有限公司');
    await completeTask(office, p.review.id, {
      reviewDecision: 'recheck',
      reviewReasons: '更正注册日期。',
      registrationDate: '2014-03-01',
    });
    const pAgain = await waitFor('P again at 资格审查', async () => {
      const t = await waitForTask(office, p.instance.id, 'Task_EligibilityReview');
      return t.id !== p.review.id ? t : undefined;
    });
    await completeTask(office, pAgain.id, { reviewDecision: 'accept', reviewReasons: '符合条件。' });
    const q = await recommended('Q-001', ORG_Q, '上海宝山保密乙有限公司');
    await completeTask(office, q.review.id, { reviewDecision: 'accept', reviewReasons: '符合条件。' });
    for (const id of [p.instance.id, q.instance.id])
      expect(await waitFor('accepted', () => endedAt(id))).toBe('End_Accepted');

    // and a cycle whose panel of three reviews them one expert per application
    const cycle = await startCycle(office, '2051', 1);
    // the deadline of 资格审查 (Art. 18 (3)) is fired through the engine's job API
    const deadline = await waitFor('the deadline timer', async () => {
      const [job] = await admin.get(`/job?processInstanceId=${cycle.id}&activityId=Timer_Deadline`);
      return job;
    });
    await admin.post(`/job/${deadline.id}/execute`);
    const preliminary = await waitForTask(office, cycle.id, 'Task_ConfirmPreliminary').catch(async (err) => {
      // Say where the cycle stands instead of only that it timed out.
      const active = await admin.get(`/process-instance/${cycle.id}/activity-instances`).catch(String);
      const incidents = await admin.get(`/incident?processInstanceId=${cycle.id}`).catch(String);
      throw new Error(
        `${String(err)}\n${JSON.stringify(active).slice(0, 1500)}\n${JSON.stringify(incidents)}\n${workers.output().slice(-3000)}`,
      );
    });
    await completeTask(office, preliminary.id, { preliminaryConfirmed: true });
    const select = await waitForTask(office, cycle.id, 'Task_SelectPanel');
    await completeTask(office, select.id, {
      panelExperts: ['cf-x1', 'cf-x2', 'cf-x3'],
      panelLeader: 'cf-x1',
    });
    const confirms = await waitFor('two confirmation tasks', async () => {
      const list = await tasksAt(cycle.id, 'Task_Confirm');
      return list.length === 2 ? list : undefined;
    });
    const assigned = await Promise.all(
      confirms.map(async (t) => ({
        task: t,
        expert: t.assignee,
        application: String(await taskVariable(t.id, 'reviewApplicationId')),
      })),
    );
    const onP = assigned.find((a) => a.application === 'cycle-2051/P-001')!;
    const onQ = assigned.find((a) => a.application === 'cycle-2051/Q-001')!;
    expect(onP.expert).not.toBe(onQ.expert);
    const x = await expertRest(onP.expert);
    const y = await expertRest(onQ.expert);
    const pid = instances['cycle-2051/P-001']!;
    const qid = instances['cycle-2051/Q-001']!;

    // When expert X lists tasks, then they see only their own
    const visible = await x.get('/task');
    expect(visible.map((t) => t.id)).toEqual([onP.task.id]);
    expect(await x.get(`/task?processInstanceId=${cycle.id}&assignee=${onQ.expert}`)).toEqual([]);
    // and they can open their own task's data
    expect(await statusOf(x.get(`/task/${onP.task.id}/variables`))).toBe(200);
    // When X opens, reads, claims or completes Y's task by its id, then the engine refuses
    expect([403, 404]).toContain(await statusOf(x.get(`/task/${onQ.task.id}`)));
    expect([403, 404]).toContain(await statusOf(x.get(`/task/${onQ.task.id}/variables`)));
    expect([403, 404]).toContain(await statusOf(x.get(`/task/${onQ.task.id}/form-variables`)));
    expect([403, 404]).toContain(
      await statusOf(x.post(`/task/${onQ.task.id}/claim`, { userId: onP.expert })),
    );
    expect([403, 404]).toContain(
      await statusOf(
        x.post(`/task/${onQ.task.id}/complete`, {
          variables: toVariables({ conflictDecision: 'none' }),
        }),
      ),
    );
    // and Y's task is untouched
    expect((await y.get('/task')).map((t) => t.id)).toEqual([onQ.task.id]);

    // When X reads the applications' data
    const historyOf = (rest: EngineRest, instanceId: string) =>
      rest.get(`/history/variable-instance?processInstanceId=${instanceId}`);
    // Then the assigned application's variables are readable, the other application's are not
    expect((await historyOf(x, pid)).find((v) => v.name === 'applicantName')?.value).toBe(
      '上海宝山保密甲有限公司',
    );
    expect(await statusOf(x.get(`/history/process-instance/${pid}`))).toBe(200);
    expect(await historyOf(x, qid)).toEqual([]);
    expect([403, 404]).toContain(await statusOf(x.get(`/history/process-instance/${qid}`)));
    expect(await x.get(`/history/variable-instance?variableName=applicantName`)).toEqual(
      (await historyOf(x, pid)).filter((v) => v.name === 'applicantName'),
    );

    // When X declares a conflict with P and Y confirms Q
    await completeTask(x, onP.task.id, {
      conflictDecision: 'conflict',
      conflictReason: '曾为该单位提供咨询。',
    });
    await completeTask(y, onQ.task.id, { conflictDecision: 'none' });
    // Then the third expert replaces X on P and may read P, while X may no longer
    const replacement = await waitFor('the replacement task', async () =>
      (await tasksAt(cycle.id, 'Task_Confirm')).find((t) => t.id !== onP.task.id && t.id !== onQ.task.id),
    );
    expect([onP.expert, onQ.expert]).not.toContain(replacement.assignee);
    const z = await expertRest(replacement.assignee);
    expect((await historyOf(z, pid)).length).toBeGreaterThan(0);
    expect(await historyOf(z, qid)).toEqual([]);
    expect(await historyOf(x, pid)).toEqual([]);
    expect([403, 404]).toContain(await statusOf(x.get(`/history/process-instance/${pid}`)));

    expect((await historyOf(y, qid)).length).toBeGreaterThan(0);

    // When the review ends (the cycle is moved on to 撤销评审专家组, Art. 11)
    const tree = await admin.get(`/process-instance/${cycle.id}/activity-instances`);
    await admin.post(`/process-instance/${cycle.id}/modification`, {
      skipCustomListeners: true,
      instructions: [
        { type: 'startBeforeActivity', activityId: 'Task_DissolvePanel' },
        ...(tree.childActivityInstances ?? []).map((a) => ({
          type: 'cancel' as const,
          activityInstanceId: a.id,
        })),
        ...(tree.childTransitionInstances ?? []).map((t) => ({
          type: 'cancel' as const,
          transitionInstanceId: t.id,
        })),
      ],
    });
    await waitFor('the cycle to end', () => endedAt(cycle.id));
    // Then no expert of the panel reads the applications any more, and the panel group is gone
    expect(await historyOf(z, pid)).toEqual([]);
    expect(await historyOf(y, qid)).toEqual([]);
    expect(await statusOf(admin.get('/group/panel-2051'))).toBe(404);

    // When the workers stop and the office reads the audit trail through the server
    await workers.stop();
    const db = await openStore({ dataDir });
    try {
      const app = createApp({
        db,
        log: pino({ level: 'silent' }),
        apiRouters: [auditRouter({ db, auth: admin.baseUrl })],
      });
      const read = (who?: string, query = '') => {
        const call = request(app).get(`/api/audit${query}`);
        return who ? call.set('Authorization', basicAuth(who)) : call;
      };
      // Then only the office may read it: anonymous 401, an expert 403
      expect((await read()).status).toBe(401);
      expect((await read('cf-office', '')).status).toBe(200);
      expect((await read(onQ.expert)).status).toBe(403);
      const trail = await read('cf-office', '?businessKey=cycle-2051');
      expect([trail.status, trail.text.slice(0, 300)]).toEqual([200, expect.stringContaining('"entries"')]);
      const entries = trail.body.entries as AuditRecord[];
      // and it holds the expert's own declarations with them as the actor
      expect(entries).toContainEqual(
        expect.objectContaining({
          action: 'recusal.declared',
          actor: onP.expert,
          details: expect.objectContaining({ applicationId: 'cycle-2051/P-001' }),
        }),
      );
      expect(entries).toContainEqual(
        expect.objectContaining({ action: 'recusal.confirmed', actor: onQ.expert }),
      );
      expect(entries.map((e) => e.action)).toEqual(
        expect.arrayContaining(['panel.formed', 'review.assigned', 'review.replaced', 'panel.dissolved']),
      );
      // and the office's 资格审查 decisions of P, with the corrected field and the deciding user
      const onPTrail = await auditTrail(db, { businessKey: 'cycle-2051/P-001' });
      const decided = onPTrail.filter((e) => e.action === 'eligibility.decided');
      expect(decided.map((e) => [e.actor, e.details.decision])).toEqual([
        ['cf-office', 'recheck'],
        ['cf-office', 'accept'],
      ]);
      const corrected = onPTrail.filter((e) => e.action === 'eligibility.data-corrected');
      expect(corrected).toHaveLength(1);
      expect(corrected[0]!.details.fields).toEqual(['registrationDate']);
      expect(corrected[0]!.actor).toBe('cf-office');
      // each act once, although the engine may deliver a task more than once
      const keys = entries.map((e) => `${e.action}/${e.actor}/${JSON.stringify(e.details)}`);
      expect(new Set(keys).size).toBe(keys.length);
      // Last (the engine then delays that user's log-ins for a while): a wrong password is 401
      const wrong = await request(app)
        .get('/api/audit')
        .set('Authorization', basicAuth('cf-office', 'wrong'));
      expect(wrong.status).toBe(401);
    } finally {
      await db.close();
    }
  }, 600000);
});
