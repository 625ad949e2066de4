import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { EngineRestError, engineRest, type EngineRest } from '../camunda/rest.js';
import { createApp } from '../server/app.js';
import type { Server } from 'node:http';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { SHIPPED_EDITIONS } from '../config/test-editions.js';
import { apiRouters } from '../server/routes/index.js';
import { officeTestApp } from './support/office-app.js';
import { launchBrowser } from './support/browser.js';
import { basicAuth } from '../server/test-auth.js';
import { auditTrail } from '../store/audit.js';
import { auditTrail as reviewAuditTrail } from '../store/experts-review.js';
import { openStore } from '../store/index.js';
import { scoreSheetsOf } from '../store/reviews.js';
import { completeTask, waitForTask } from './support/application.js';
import {
  acceptedApplication,
  creditCode,
  expertRest,
  importExperts,
  json,
  sheetValues,
  startCycle,
  taskVariable,
  tasksAt,
  waitForTasks,
  type AssignedTask,
} from './support/cycle.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// Art. 26 through the real engine: the office disqualifies (取消评审资格) an expert in the middle of
// 资料评审. The expert leaves every team, their handed-in sheet is not counted, the replacement (chosen
// like a recused expert's) takes over their open sheet and gets a new sheet where theirs was handed
// in; the expert loses the 组长 role; both are told by e-mail; everything is audited. Only the office
// may do it.

const YEAR = '2061';
const REASON = '向申报单位泄露评审意见，违反保密规定。';
const SHOTS = path.join(ROOT_DIR, 'test-output', 'disqualification');
const CYCLE = `cycle-${YEAR}`;
const EXPERTS_CSV = [
  'id,name,organizationCreditCode,yearsOfExperience,trained,ethicsPledgeSigned,specialties,email',
  'dq-e1,甲专家,,20,true,true,制造业,dq-e1@example.cn',
  'dq-e2,乙专家,,15,true,true,制造业,dq-e2@example.cn',
  'dq-e3,丙专家,,10,true,true,制造业,dq-e3@example.cn',
].join('\n');

interface Sheet {
  task: AssignedTask;
  application: string;
  expert: string;
}

describe('the office disqualifies an expert (Art. 26)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-disqualify-'));
  let mw: MailAndWorkers;
  let office: EngineRest;
  let unit: EngineRest;
  const admin = adminRest();

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const imported = importExperts(dataDir, EXPERTS_CSV);
    expect(imported.stderr).toBe('');
    mw = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('dq-office', ['office']);
    unit = await personRest('dq-luodian', ['recommender-luodian']);
  }, 120000);
  afterAll(async () => {
    await mw.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The open score sheets; listed again when a task ends between the list and its variables. */
  const sheetsOf = (cycleId: string): Promise<Sheet[]> =>
    waitFor('a stable list of score sheets', async () => {
      try {
        return await Promise.all(
          (await tasksAt(cycleId, 'Task_ScoreSheet')).map(async (task) => ({
            task,
            application: String(await taskVariable(task.id, 'reviewApplicationId')),
            expert: task.assignee,
          })),
        );
      } catch (err) {
        if (err instanceof EngineRestError) return undefined;
        throw err;
      }
    });

  it('takes the expert off every team, replaces them and does not count their scores', async () => {
    // Given two accepted applications and a cycle whose panel of three reviews each in pairs
    for (const [id, org] of [
      ['DQ-001', 'MA1GKD01'],
      ['DQ-002', 'MA1GKD02'],
    ] as const)
      await acceptedApplication(office, unit, CYCLE, {
        id,
        name: `上海宝山取消资格${id}有限公司`,
        creditCode: creditCode(org),
        industry: '制造业',
      });
    const cycle = await startCycle(office, YEAR, 2);
    const deadline = await waitFor('the deadline timer', async () => {
      const [job] = await admin.get(`/job?processInstanceId=${cycle.id}&activityId=Timer_Deadline`);
      return job;
    });
    await admin.post(`/job/${deadline.id}/execute`);
    const preliminary = await waitForTask(office, cycle.id, 'Task_ConfirmPreliminary');
    await completeTask(office, preliminary.id, { preliminaryConfirmed: true });
    const select = await waitForTask(office, cycle.id, 'Task_SelectPanel');
    await completeTask(office, select.id, {
      panelExperts: ['dq-e1', 'dq-e2', 'dq-e3'],
      panelLeader: 'dq-e1',
    });
    for (const t of await waitForTasks(cycle.id, 'Task_Confirm', 4))
      await completeTask(await expertRest(t.assignee), t.id, { conflictDecision: 'none' });
    const before = await waitFor('four score sheets', async () => {
      const list = await sheetsOf(cycle.id);
      return list.length === 4 ? list : undefined;
    });
    // X reviews both applications (four reviews over three experts)
    const counts = new Map<string, number>();
    for (const s of before) counts.set(s.expert, (counts.get(s.expert) ?? 0) + 1);
    const x = [...counts].find(([, n]) => n === 2)![0];
    const [onP, onQ] = before.filter((s) => s.expert === x);
    const P = onP!.application;
    const Q = onQ!.application;
    const partnerOnP = before.find((s) => s.application === P && s.expert !== x)!.expert;
    const partnerOnQ = before.find((s) => s.application === Q && s.expert !== x)!.expert;
    // the one who replaces X on an application: the panel member not yet on its team
    const PANEL = ['dq-e1', 'dq-e2', 'dq-e3'];
    const forP = PANEL.find((e) => e !== x && e !== partnerOnP)!;
    const forQ = PANEL.find((e) => e !== x && e !== partnerOnQ)!;
    // X is the 组长 of the panel (the office's choice)
    await admin.put(`/process-instance/${cycle.id}/variables/panelLeader`, { value: x, type: 'String' });
    const xRest = await expertRest(x);
    // X hands in P's sheet (结果 100: it would pull P's mean down); Q's is still open
    await completeTask(xRest, onP!.task.id, sheetValues(100));
    await waitFor('X’s sheet recorded', async () => (await sheetsOf(cycle.id)).length === 3);

    // When people ask the server to disqualify X (the workers are down meanwhile: one store file)
    let responses: Record<string, { status: number; body: Record<string, unknown> }> = {};
    await mw.restartWorkers(async () => {
      const db = await openStore({ dataDir });
      let server: Server | undefined;
      try {
        const app = officeTestApp(db, 'smtp://127.0.0.1:9');
        const post = async (who: string | undefined, body: unknown) => {
          const call = request(app).post('/api/office/disqualifications');
          const r = await (who ? call.set('Authorization', basicAuth(who)) : call).send(body as object);
          return { status: r.status, body: r.body as Record<string, unknown> };
        };
        const good = { cycle: YEAR, expertId: x, reason: REASON };
        responses = {
          anonymous: await post(undefined, good),
          unit: await post('dq-luodian', good),
          expert: await post(partnerOnP, good),
          noReason: await post('dq-office', { ...good, reason: '' }),
          badId: await post('dq-office', { ...good, expertId: '../admin' }),
          noCycle: await post('dq-office', { ...good, cycle: '2099' }),
          notOnTeam: await post('dq-office', { ...good, expertId: 'dq-office' }),
        };
        const list = await request(app)
          .get(`/api/office/disqualifications?cycle=${YEAR}`)
          .set('Authorization', basicAuth(partnerOnP));
        expect(list.status).toBe(403);

        // The office does it on the workbench page: picks X among the cycle's reviewers, gives the reason
        server = await new Promise<Server>((resolve) => {
          const s = app.listen(0, () => resolve(s));
        });
        const address = server.address();
        const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
        const browser = await launchBrowser();
        try {
          const page = await (
            await browser.newContext({ locale: 'zh-CN', viewport: { width: 1360, height: 1000 } })
          ).newPage();
          page.on('dialog', (d) => void d.accept());
          await page.goto(`${base}/office?cycle=${YEAR}`);
          await page.fill('input[name=username]', 'dq-office');
          await page.fill('input[name=password]', 'pw-dq-office');
          await page.click('#sign-in-form button[type=submit]');
          await page.waitForSelector(`#disq-expert option[value="${x}"]`, { state: 'attached' });
          await page.selectOption('#disq-expert', x);
          await page.fill('#disq-reason', REASON);
          await page.locator('#disqualification').scrollIntoViewIfNeeded();
          await page.locator('#disqualification').screenshot({ path: path.join(SHOTS, '1-form.png') });
          await page.click('#disq-submit');
          await page.waitForFunction(
            (who) => document.querySelector('#disqualifications')?.textContent?.includes(who),
            x,
          );
          expect(await page.locator('#disqualifications').textContent()).toContain(REASON);
          expect(await page.locator(`#disq-expert option[value="${x}"]`).count()).toBe(0);
          await page.locator('#disqualification').screenshot({ path: path.join(SHOTS, '2-done.png') });
        } finally {
          await browser.close();
        }
        responses.again = await post('dq-office', good);
      } finally {
        await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
        await db.close();
      }
    });
    // Then only the office may do it, with bounded input naming the field
    expect(responses.anonymous!.status).toBe(401);
    expect(responses.unit!.status).toBe(403);
    expect(responses.expert!.status).toBe(403);
    expect(responses.noReason!.status).toBe(400);
    expect(JSON.stringify(responses.noReason!.body)).toContain('第二十六条');
    expect(responses.badId!.status).toBe(400);
    expect(responses.noCycle!.status).toBe(404);
    expect([responses.notOnTeam!.status, responses.notOnTeam!.body.field]).toEqual([422, 'expertId']);
    expect(responses.again!.status).toBe(409);

    // and X's open sheet on Q goes to the one who replaces X on Q
    // (withdrawn and created again, so that X keeps no right to it)
    const after = await waitFor('the sheets handed over', async () => {
      const list = await sheetsOf(cycle.id);
      return list.length === 4 && !list.some((s) => s.expert === x) ? list : undefined;
    });
    expect(after.map((s) => s.task.id)).not.toContain(onQ!.task.id);
    const reassigned = after.find((s) => s.application === Q && s.expert !== partnerOnQ)!;
    expect(reassigned.expert).toBe(forQ);
    expect(await taskVariable(reassigned.task.id, 'reviewerId')).toBe(forQ);
    // and the replacement on P gets a new sheet of P, since X's handed-in one no longer counts
    const fresh = after.find((s) => s.application === P && s.expert !== partnerOnP)!;
    expect([fresh.application, fresh.expert]).toEqual([P, forP]);
    expect(await taskVariable(fresh.task.id, 'reviewApplicantName')).toBeTruthy();
    expect(after.map((s) => s.expert)).not.toContain(x);
    // and X no longer sees or completes any task of the cycle
    expect(await xRest.get(`/task?processInstanceId=${cycle.id}`)).toEqual([]);
    await expect(completeTask(xRest, reassigned.task.id, sheetValues(100))).rejects.toThrow();
    await expect(completeTask(xRest, onQ!.task.id, sheetValues(100))).rejects.toThrow();
    // and the panel's 组长 is the most experienced remaining member (甲 20 years, 乙 15), X is off the panel
    const variable = async (name: string) =>
      (await admin.get(`/process-instance/${cycle.id}/variables/${name}`)).value;
    const leader = await waitFor('the new 组长', async () => {
      const v = await variable('panelLeader');
      return v !== x ? v : undefined;
    });
    expect(leader).toBe(x === 'dq-e1' ? 'dq-e2' : 'dq-e1');
    expect(json<string[]>(await variable('panelExperts'))).not.toContain(x);
    // and the event sub-process works on its own copy of the message's variables (a later
    // disqualification in the same cycle does not overwrite them)
    const copies = await admin.get(
      `/history/variable-instance?processInstanceId=${cycle.id}&variableName=disqualifiedExpertId`,
    );
    expect(copies.filter((v) => v.activityInstanceId !== cycle.id).map((v) => v.value)).toEqual([x]);
    // and both are told by e-mail
    const toX = await mw.mailTo(`${x}@example.cn`, '【宝山区政府质量奖】取消评审资格通知');
    expect(toX.text).toContain('第二十六条');
    expect(toX.text).toContain(REASON);
    const toReplacement = await mw.mailTo(`${forP}@example.cn`, '【宝山区政府质量奖】替换评审通知');
    expect(toReplacement.text).toContain(P);
    const toLeader = await mw.mailTo(
      `${String(leader)}@example.cn`,
      '【宝山区政府质量奖】评审专家组组长变更通知',
    );
    expect(toLeader.text).toContain('组长');

    // When every remaining sheet is handed in with 结果 350
    for (const s of after) await completeTask(await expertRest(s.expert), s.task.id, sheetValues(350));
    // Then 资料评审 ends, and P's mean is of the two counted sheets only (450 + 350), not X's
    const summary = await waitFor(
      'the review summary',
      async () => {
        const [v] = await admin.get(
          `/variable-instance?processInstanceIdIn=${cycle.id}&variableName=reviewSummary&deserializeValues=false`,
        );
        return v?.value;
      },
      120000,
    );
    const rows = json<{ applicationId: string; documentScore: number }[]>(summary);
    expect(rows.find((r) => r.applicationId === P)?.documentScore).toBe(800);
    expect(rows.find((r) => r.applicationId === Q)?.documentScore).toBe(800);

    // and the store and the audit trail hold the disqualification and the replacements
    await mw.restartWorkers(async () => {
      const db = await openStore({ dataDir });
      try {
        const sheets = await scoreSheetsOf(db, CYCLE);
        expect(sheets.filter((s) => s.expertId === x)).toEqual([]);
        expect(
          sheets
            .filter((s) => s.applicationId === P)
            .map((s) => s.expertId)
            .sort(),
        ).toEqual([partnerOnP, forP].sort());
        const review = await reviewAuditTrail(db, CYCLE);
        expect(
          review
            .filter((e) => e.event === 'disqualified')
            .map((e) => e.applicationId)
            .sort(),
        ).toEqual([P, Q].sort());
        expect(
          review
            .filter((e) => e.event === 'replaced' && e.detail.includes(x))
            .map((e) => e.expertId)
            .sort(),
        ).toEqual([forP, forQ].sort());
        const trail = await auditTrail(db, { businessKey: CYCLE });
        expect(trail).toContainEqual(
          expect.objectContaining({ action: 'expert.disqualified', actor: 'dq-office', subject: x }),
        );
        expect(trail.filter((e) => e.action === 'review.replaced' && e.details.replaces === x)).toHaveLength(
          2,
        );
      } finally {
        await db.close();
      }
    });
  }, 900000);

  it('stops at the office when nobody can replace the expert, and refuses the expert back on the panel', async () => {
    // Given one application reviewed by a panel of exactly two (甲 and 乙), still at the declarations
    await acceptedApplication(office, unit, 'cycle-2062', {
      id: 'DQ-101',
      name: '上海宝山取消资格补充有限公司',
      creditCode: creditCode('MA1GKD03'),
      industry: '制造业',
    });
    const cycle = await startCycle(office, '2062', 2);
    const deadline = await waitFor('the deadline timer', async () => {
      const [job] = await admin.get(`/job?processInstanceId=${cycle.id}&activityId=Timer_Deadline`);
      return job;
    });
    await admin.post(`/job/${deadline.id}/execute`);
    const preliminary = await waitForTask(office, cycle.id, 'Task_ConfirmPreliminary');
    await completeTask(office, preliminary.id, { preliminaryConfirmed: true });
    const select = await waitForTask(office, cycle.id, 'Task_SelectPanel');
    await completeTask(office, select.id, { panelExperts: ['dq-e1', 'dq-e2'], panelLeader: 'dq-e1' });
    const confirms = await waitForTasks(cycle.id, 'Task_Confirm', 2);
    const ofX = confirms.find((t) => t.assignee === 'dq-e1')!;

    // When the office disqualifies 甲 (through the API; the workers are down meanwhile)
    await mw.restartWorkers(async () => {
      const db = await openStore({ dataDir });
      try {
        const engineUrl = process.env.QA_ENGINE_REST_URL!;
        const app = createApp({
          db,
          log: pino({ level: 'silent' }),
          apiRouters: apiRouters({
            db,
            auth: engineUrl,
            engine: engineRest(engineUrl, {
              username: process.env.QA_WORKER_USER!,
              password: process.env.QA_WORKER_PASSWORD!,
            }),
            editions: SHIPPED_EDITIONS,
          }),
        });
        const r = await request(app)
          .post('/api/office/disqualifications')
          .set('Authorization', basicAuth('dq-office'))
          .send({ cycle: '2062', expertId: 'dq-e1', reason: '未申报与申报单位的利害关系，违反回避规定。' });
        expect([r.status, r.text]).toEqual([202, expect.stringContaining('dq-e1')]);
      } finally {
        await db.close();
      }
    });
    // Then nobody of the panel can replace 甲: the office is asked to add experts (无可替换的专家)
    const resolve = await waitForTask(office, cycle.id, 'Task_ResolveDisqualification');
    expect(String(await taskVariable(resolve.id, 'infeasibleMessage'))).toContain('cycle-2062/DQ-101');
    const options = json<{ value: string }[]>(await taskVariable(resolve.id, 'expertOptions'));
    expect(options.map((o) => o.value)).not.toContain('dq-e1');
    // and 甲's declaration task is not handed to anyone yet
    expect((await tasksAt(cycle.id, 'Task_Confirm')).map((t) => t.assignee).sort()).toEqual([
      'dq-e1',
      'dq-e2',
    ]);
    // When the office (bypassing the form) adds 甲 back, the panel is refused naming Art. 26
    await completeTask(office, resolve.id, { additionalPanelExperts: ['dq-e1'] });
    const again = await waitFor('the office asked again', async () => {
      const [t] = (await tasksAt(cycle.id, 'Task_ResolveDisqualification')).filter(
        (t) => t.id !== resolve.id,
      );
      return t;
    });
    expect(String(await taskVariable(again.id, 'panelWarning'))).toContain('第二十六条');
    // When the office adds 丙
    await completeTask(office, again.id, { additionalPanelExperts: ['dq-e3'] });
    // Then 丙 replaces 甲: 甲's declaration is withdrawn and 丙 declares in their place
    const handed = await waitFor('丙’s declaration', async () => {
      const list = await tasksAt(cycle.id, 'Task_Confirm');
      return list.some((t) => t.assignee === 'dq-e3') && !list.some((t) => t.assignee === 'dq-e1')
        ? list
        : undefined;
    });
    expect(handed.map((t) => t.assignee).sort()).toEqual(['dq-e2', 'dq-e3']);
    expect(handed.map((t) => t.id)).not.toContain(ofX.id);
    // and 乙, the most experienced left, leads the panel
    expect((await admin.get(`/process-instance/${cycle.id}/variables/panelLeader`)).value).toBe('dq-e2');
    // (deleted again if a worker's step ends at the same moment)
    await waitFor('the cycle deleted', () =>
      admin.delete(`/process-instance/${cycle.id}?skipCustomListeners=true`).then(
        () => true,
        () => false,
      ),
    );
  }, 600000);
});
