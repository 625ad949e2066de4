import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { ROOT_DIR } from '../camunda/engine-process.js';
import type { EngineRest } from '../camunda/rest.js';
import { officeTestApp } from './support/office-app.js';
import { auditTrail } from '../store/audit.js';
import type { Db } from '../store/index.js';
import { openTestStore } from '../store/test-store.js';
import { completeTask, endedAt, startApplication, waitForTask } from './support/application.js';
import { launchBrowser } from './support/browser.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../mail/sink.js';
import { acceptedApplication, creditCode, startCycle, tasksAt } from './support/cycle.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// The office workbench (issue 13) against the real engine and workers: a cycle of its own year with
// applications at different stages, one of them stuck on a wrongly typed 统一社会信用代码.
const YEAR = '2041';
const CYCLE = `cycle-${YEAR}`;
const SHOTS = path.join(ROOT_DIR, 'test-output', 'office');
const basic = (user: string, password = `pw-${user}`) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const GOOD_CODE = creditCode('MA1GKW03');
const BAD_CODE = `${GOOD_CODE.slice(0, 17)}${GOOD_CODE[17] === 'A' ? 'B' : 'A'}`;

describe('the office workbench', () => {
  let mail: MailAndWorkers;
  let db: Db;
  let server: Server;
  let base: string;
  let office: EngineRest;
  let unit: EngineRest;
  let browser: Browser;
  let sink: SmtpSink;
  const serverMail: ReceivedMail[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    mail = await startMailAndWorkers();
    office = await personRest('office1', ['office']);
    unit = await personRest('of-luodian', ['recommender-luodian']);
    await personRest('of-expert', ['experts']);
    db = await openTestStore();
    sink = await startSmtpSink(0, (m) => void serverMail.push(m));
    const app = officeTestApp(db, `smtp://127.0.0.1:${sink.port}`);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    // Given: OF-001 accepted, OF-002 waiting for its recommendation, OF-003 recommended with a wrongly
    // typed credit code, OF-004 not recommended
    await acceptedApplication(office, unit, CYCLE, {
      id: 'OF-001',
      name: '上海宝山工作台甲制造有限公司',
      creditCode: creditCode('MA1GKW01'),
      industry: '制造业',
    });
    ids['OF-002'] = (
      await startApplication(office, 'OF-002', {
        cycleKey: CYCLE,
        applicantName: '上海宝山工作台乙服务有限公司',
        creditCode: creditCode('MA1GKW02'),
        applicantEmail: 'of-002@example.cn',
      })
    ).id;
    ids['OF-003'] = (
      await startApplication(office, 'OF-003', {
        cycleKey: CYCLE,
        applicantName: '上海宝山工作台丙科技有限公司',
        creditCode: GOOD_CODE,
        applicantEmail: 'of-003@example.cn',
      })
    ).id;
    const recommend3 = await waitForTask(unit, ids['OF-003'], 'Task_Recommend');
    // A start refuses a wrong check character now (issue 14), so the bad code of an application that
    // predates that check (or came in by another path) is written by the administrator here.
    await adminRest().put(`/process-instance/${ids['OF-003']}/variables/creditCode`, {
      value: BAD_CODE,
      type: 'String',
    });
    await completeTask(unit, recommend3.id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意。',
    });
    const refused = await startApplication(office, 'OF-004', {
      cycleKey: CYCLE,
      applicantName: '上海宝山工作台丁贸易有限公司',
      creditCode: creditCode('MA1GKW04'),
      applicantEmail: 'of-004@example.cn',
    });
    const recommend4 = await waitForTask(unit, refused.id, 'Task_Recommend');
    await completeTask(unit, recommend4.id, {
      recommendationDecision: 'refuse',
      recommendationOpinion: '不推荐。',
    });
    await waitFor('OF-004 refused', () => endedAt(refused.id));
    await waitFor('the incident of OF-003', async () => {
      const list = await adminRest().get(`/incident?processInstanceId=${ids['OF-003']}`);
      return list.length > 0;
    });
    // And the cycle past its deadline, waiting for the decisions
    ids.cycle = (await startCycle(office, YEAR, 2)).id;
    // the deadline of 资格审查 (Art. 18 (3)) is fired through the engine's job API, not left to the job executor's pace
    const deadline = await waitFor('the deadline timer', async () => {
      const [job] = await adminRest().get(`/job?processInstanceId=${ids.cycle}&activityId=Timer_Deadline`);
      return job;
    });
    await adminRest().post(`/job/${deadline.id}/execute`);
    await waitFor('the cycle waiting for decisions', async () => {
      const jobs = await adminRest().get(`/job?processInstanceId=${ids.cycle}&activityId=Timer_Recheck`);
      return jobs.length > 0;
    }).catch(async (err: Error) => {
      const admin = adminRest();
      const acts = await admin.get(
        `/history/activity-instance?processInstanceId=${ids.cycle}&sortBy=startTime&sortOrder=asc`,
      );
      const incidents = await admin.get(`/incident?processInstanceId=${ids.cycle}`);
      throw new Error(
        `${err.message}: ${JSON.stringify(acts.map((a) => `${a.activityId}${a.endTime ? '' : '*'}`))} ${JSON.stringify(incidents)}\n${mail.workers.output().slice(-3000)}`,
      );
    });
    browser = await launchBrowser();
  }, 240000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await mail?.stop();
    await sink?.close();
    await db?.close();
  });

  const get = (url: string, user?: string) => {
    const r = request(base).get(url);
    return user ? r.set('Authorization', basic(user)) : r;
  };

  it('refuses people outside the office in Chinese and checks the cycle year', async () => {
    for (const url of [
      `/api/office/applications?cycle=${YEAR}`,
      `/api/office/overview?cycle=${YEAR}`,
      `/api/office/exports/applications.xlsx?cycle=${YEAR}`,
      '/api/office/cycles',
      `/api/office/publicity?cycle=${YEAR}`,
    ]) {
      const anonymous = await get(url);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.message).toMatch(/登录/);
      const unitAnswer = await get(url, 'of-luodian');
      expect(unitAnswer.status).toBe(403);
      expect(unitAnswer.body.message).toContain('只有 office 组的成员可以使用办公室工作台');
      expect((await get(url, 'of-expert')).status).toBe(403);
    }
    // a wrong password, once (of someone who does not exist: the engine locks real accounts after failures)
    const wrong = await request(base)
      .get(`/api/office/applications?cycle=${YEAR}`)
      .set('Authorization', basic('of-nobody', 'wrong'));
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toContain('用户名或密码错误');
    const fix = await request(base)
      .post('/api/office/problems/fix')
      .set('Authorization', basic('of-luodian'))
      .send({ action: 'recheck-decisions', cycle: YEAR });
    expect(fix.status).toBe(403);
    const bad = await get('/api/office/applications?cycle=20x1', 'office1');
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('cycle');
  });

  it('lists every application of the cycle with its stage, open tasks and problems', async () => {
    const res = await get(`/api/office/applications?cycle=${YEAR}`, 'office1');
    expect(res.status).toBe(200);
    expect(res.body.cycle).toBe(CYCLE);
    const byId = Object.fromEntries(
      res.body.applications.map((a: { applicationId: string }) => [a.applicationId, a]),
    );
    expect(Object.keys(byId).sort()).toEqual(['OF-001', 'OF-002', 'OF-003', 'OF-004']);
    expect(byId['OF-001']).toMatchObject({
      stage: 'document-review',
      stageName: '资料评审',
      openTasks: [],
      problems: [],
    });
    expect(byId['OF-002']).toMatchObject({
      businessKey: `${CYCLE}/OF-002`,
      applicantName: '上海宝山工作台乙服务有限公司',
      kind: 'organization',
      stage: 'recommendation',
      stageName: '推荐',
      waitingDays: 0,
    });
    expect(byId['OF-002'].openTasks).toEqual([
      {
        name: '签署推荐意见',
        assignee: null,
        candidateGroups: ['recommender-luodian'],
        since: expect.any(String),
      },
    ]);
    expect(byId['OF-003']).toMatchObject({ stage: 'eligibility', stageName: '资格审查' });
    expect(byId['OF-003'].problems).toEqual([
      {
        message: expect.stringContaining('统一社会信用代码校验位错误'),
        action: '更正统一社会信用代码并重试',
      },
    ]);
    expect(byId['OF-004']).toMatchObject({ stage: 'not-recommended', stageName: '不予受理（未获推荐）' });

    const overview = await get(`/api/office/overview?cycle=${YEAR}`, 'office1');
    expect(overview.status).toBe(200);
    expect(overview.body.cycleState.waitingFor.join('\n')).toContain('等待资格审查结论：OF-002');
    expect(overview.body.funnel.map((f: { count: number }) => f.count)).toEqual([4, 2, 1, 0, 0, 0]);
    expect(overview.body.exports).toMatchObject({ applications: true, preliminary: false, awards: false });

    const empty = await get('/api/office/applications?cycle=1999', 'office1');
    expect(empty.body).toEqual({ cycle: 'cycle-1999', applications: [] });
  });

  it('exports the 申报汇总表 with Chinese headers and refuses lists not formed yet', async () => {
    const res = await get(`/api/office/exports/applications.xlsx?cycle=${YEAR}`, 'office1')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const ws = book.getWorksheet('申报汇总表')!;
    expect(ws.getCell('A1').value).toBe(`宝山区政府质量奖 ${YEAR} 年度申报汇总表`);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      '序号',
      '申报编号',
      '申报者',
      '类型',
      '统一社会信用代码/身份证号码',
      '推荐单位',
      '当前阶段',
      '待办事项',
      '待处理问题',
    ]);
    expect((ws.getRow(3).values as unknown[]).slice(1, 8)).toEqual([
      1,
      'OF-001',
      '上海宝山工作台甲制造有限公司',
      '组织',
      creditCode('MA1GKW01'),
      'luodian',
      '资料评审',
    ]);
    expect(ws.getCell('H4').value).toBe('签署推荐意见');
    expect(String(ws.getCell('I5').value)).toContain('统一社会信用代码校验位错误');
    expect(ws.rowCount).toBe(6);

    const notReady = await get(`/api/office/exports/review-results.xlsx?cycle=${YEAR}`, 'office1');
    expect(notReady.status).toBe(409);
    expect(notReady.body).toMatchObject({
      error: 'list_not_ready',
      message: expect.stringContaining('评审结果汇总尚未形成'),
    });
    expect((await get(`/api/office/exports/publicity.xlsx?cycle=${YEAR}`, 'office1')).body.error).toBe(
      'list_not_ready',
    );
    expect((await get(`/api/office/publicity?cycle=${YEAR}`, 'office1')).status).toBe(409);
    expect((await get(`/api/office/exports/winners.xlsx?cycle=${YEAR}`, 'office1')).status).toBe(404);
  });

  it('refuses a corrected credit code with a wrong check character, naming the field', async () => {
    const res = await request(base)
      .post('/api/office/problems/fix')
      .set('Authorization', basic('office1'))
      .send({ action: 'correct-credit-code', cycle: YEAR, applicationId: 'OF-003', creditCode: BAD_CODE });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'creditCode', message: '统一社会信用代码校验位错误' }]);
    const unknown = await request(base)
      .post('/api/office/problems/fix')
      .set('Authorization', basic('office1'))
      .send({ action: 'correct-credit-code', cycle: YEAR, applicationId: 'OF-999', creditCode: GOOD_CODE });
    expect(unknown.status).toBe(404);
    const notWaiting = await request(base)
      .post('/api/office/problems/fix')
      .set('Authorization', basic('office1'))
      .send({ action: 'recheck-decisions', cycle: '1999' });
    expect(notWaiting.status).toBe(409);
  });

  it('lets the office fix the credit code from the page, and the last decision moves the cycle on at once', async () => {
    // Given office1 signs in on the workbench page
    const context = await browser.newContext({
      locale: 'zh-CN',
      acceptDownloads: true,
      viewport: { width: 1360, height: 1000 },
    });
    const page = await context.newPage();
    await page.goto(`${base}/office?cycle=${YEAR}`);
    // (a recommending unit's account first: refused in Chinese)
    await page.fill('input[name=username]', 'of-luodian');
    await page.fill('input[name=password]', 'pw-of-luodian');
    await page.click('button[type=submit]');
    await page.waitForFunction(() =>
      document
        .getElementById('sign-in-error')
        ?.textContent?.includes('只有 office 组的成员可以使用办公室工作台'),
    );
    await page.screenshot({ path: path.join(SHOTS, '0-refused.png') });
    await page.fill('input[name=username]', 'office1');
    await page.fill('input[name=password]', 'pw-office1');
    await page.click('button[type=submit]');
    await page.waitForSelector('tr[data-application="OF-003"]');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, '1-cycle.png'), fullPage: true });
    expect(await page.locator('tr[data-application="OF-002"] .badge').textContent()).toBe('推荐');
    expect(await page.locator('#cycle-state').textContent()).toContain('等待资格审查结论');

    // When the office corrects OF-003's credit code in the dialog (a wrong one first)
    await page.click('button[data-fix="correct-credit-code"][data-application="OF-003"]');
    await page.fill('#fix-credit-code', BAD_CODE);
    await page.click('#fix-submit');
    await page.waitForFunction(() =>
      document.getElementById('fix-error')?.textContent?.includes('校验位错误'),
    );
    await page.screenshot({ path: path.join(SHOTS, '2-fix-refused.png') });
    await page.fill('#fix-credit-code', GOOD_CODE);
    await page.click('#fix-submit');
    // Then the automatic check runs again and the application reaches the office's 资格审查
    const review = await waitForTask(office, ids['OF-003']!, 'Task_EligibilityReview');
    expect(await adminRest().get(`/incident?processInstanceId=${ids['OF-003']}`)).toEqual([]);
    const [entry] = await auditTrail(db, { action: 'office.credit-code-corrected' });
    expect(entry).toMatchObject({ actor: 'office1', subject: 'OF-003', businessKey: `${CYCLE}/OF-003` });
    expect(entry!.details).toMatchObject({ from: BAD_CODE, to: GOOD_CODE, retried: 1 });
    await page.click('#refresh');
    await page.waitForFunction(() => !document.querySelector('button[data-fix="correct-credit-code"]'));
    await page.screenshot({ path: path.join(SHOTS, '3-fixed.png'), fullPage: true });

    // When the remaining decisions are made
    await completeTask(office, review.id, { reviewDecision: 'accept', reviewReasons: '符合条件。' });
    expect(await waitFor('OF-003 accepted', () => endedAt(ids['OF-003']!))).toBe('End_Accepted');
    // (OF-003's decision woke the cycle, which checked and waits again for OF-002; two decisions at the
    // same instant may collide in the engine, and the loser's worker retries after its lock expires)
    await waitFor('the cycle waiting again', async () => {
      const jobs = await adminRest().get(`/job?processInstanceId=${ids.cycle}&activityId=Timer_Recheck`);
      return jobs.length > 0;
    });
    const recommend2 = await waitForTask(unit, ids['OF-002']!, 'Task_Recommend');
    await completeTask(unit, recommend2.id, {
      recommendationDecision: 'refuse',
      recommendationOpinion: '不推荐。',
    });
    // Then the cycle moves on at once (message, not the hourly timer) to the 初选名单
    await waitFor(
      'the 初选名单 task',
      async () => (await tasksAt(ids.cycle!, 'Task_ConfirmPreliminary'))[0],
      30000,
    ).catch(async (err: Error) => {
      const admin = adminRest();
      const acts = await admin.get(
        `/history/activity-instance?processInstanceId=${ids.cycle}&sortBy=startTime&sortOrder=asc`,
      );
      const vars = await admin.get(`/process-instance/${ids.cycle}/variables?deserializeValues=false`);
      const apps = await admin.get(`/history/process-instance?processInstanceBusinessKeyLike=${CYCLE}/%25`);
      throw new Error(
        `${err.message}: ${JSON.stringify(acts.map((a) => `${a.activityId}${a.endTime ? '' : '*'}`))}\n${JSON.stringify(vars).slice(0, 2500)}\n${JSON.stringify(apps.map((a) => `${a.businessKey} ${a.state}`))}\n${mail.workers.output().slice(-5000)}`,
      );
    });
    expect(await adminRest().get(`/job?processInstanceId=${ids.cycle}&activityId=Timer_Recheck`)).toEqual([]);

    // And the office downloads the 初选名单 from the page
    await page.click('#refresh');
    await page.waitForSelector('button[data-list="preliminary"]:not([disabled])');
    await page.screenshot({ path: path.join(SHOTS, '4-preliminary.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-list="preliminary"]'),
    ]);
    expect(download.suggestedFilename()).toBe(`${YEAR}年度初选名单.xlsx`);
    const file = path.join(SHOTS, 'preliminary.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet('初选名单')!;
    expect(ws.getCell('A1').value).toBe(`宝山区政府质量奖 ${YEAR} 年度初选名单`);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      '序号',
      '申报编号',
      '申报者',
      '类型',
      '统一社会信用代码/身份证号码',
      '推荐单位',
    ]);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      1,
      'OF-001',
      '上海宝山工作台甲制造有限公司',
      '组织',
      creditCode('MA1GKW01'),
      'luodian',
    ]);
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([
      2,
      'OF-003',
      '上海宝山工作台丙科技有限公司',
      '组织',
      GOOD_CODE,
      'luodian',
    ]);
    expect(ws.rowCount).toBe(4);
    await context.close();
  }, 180000);

  const post = (url: string, body: unknown, user?: string) => {
    const r = request(base).post(url);
    return (user ? r.set('Authorization', basic(user)) : r).send(body as object);
  };

  it('imports the expert pool from CSV and Excel files, rejecting a bad file whole', async () => {
    const header = 'id,name,yearsOfExperience,trained,ethicsPledgeSigned,specialties,email';
    const csv = `${header}\nof-exp-1,王专家,8,是,是,制造业、质量管理,of-exp-1@example.cn\nof-exp-2,李专家,3,是,是,服务业,of-exp-2@example.cn\n`;
    const content = Buffer.from(csv).toString('base64');
    expect((await post('/api/office/experts/import', { fileName: 'pool.csv', content })).status).toBe(401);
    expect(
      (await post('/api/office/experts/import', { fileName: 'pool.csv', content }, 'of-luodian')).status,
    ).toBe(403);
    const imported = await post('/api/office/experts/import', { fileName: 'pool.csv', content }, 'office1');
    expect(imported.status).toBe(200);
    expect(imported.body.counts).toMatchObject({ inserted: 2, qualified: 1, notQualified: 1 });

    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('专家');
    ws.addRow(header.split(','));
    ws.addRow(['of-exp-3', '赵专家', 12, 'true', 'true', '制造业', 'of-exp-3@example.cn']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const fromExcel = await post(
      '/api/office/experts/import',
      { fileName: '专家.xlsx', content: xlsx },
      'office1',
    );
    expect(fromExcel.status).toBe(200);
    expect(fromExcel.body.counts).toMatchObject({ inserted: 1, qualified: 1 });

    const bad = Buffer.from(`${header}\nof-exp-4,钱专家,x,是,是,,not-an-email\n`).toString('base64');
    const refused = await post(
      '/api/office/experts/import',
      { fileName: 'bad.csv', content: bad },
      'office1',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.problems.map((p: { field: string }) => p.field).sort()).toEqual([
      'email',
      'yearsOfExperience',
    ]);
    expect(
      (await post('/api/office/experts/import', { fileName: 'pool.txt', content }, 'office1')).body.issues[0]
        .path,
    ).toBe('fileName');

    const list = await get('/api/office/experts', 'office1');
    const two = list.body.experts.find((e: { id: string }) => e.id === 'of-exp-2');
    expect(two).toMatchObject({ active: true, qualified: false });
    expect(two.qualificationFailures.join('')).toContain('第十二条');
    const [audit] = await auditTrail(db, { action: 'experts.imported', subject: 'pool.csv' });
    expect(audit!.actor).toBe('office1');
  });

  it('deactivates an expert and invites one to set their own password with a one-time link', async () => {
    const off = await post('/api/office/experts/of-exp-3/active', { active: false }, 'office1');
    expect(off.status).toBe(200);
    expect(
      (await get('/api/office/experts', 'office1')).body.experts.find(
        (e: { id: string }) => e.id === 'of-exp-3',
      ).active,
    ).toBe(false);
    expect((await post('/api/office/experts/of-exp-3/invite', {}, 'office1')).status).toBe(409);
    expect((await post('/api/office/experts/nobody/active', { active: false }, 'office1')).status).toBe(404);

    // When the office invites of-exp-1
    expect((await post('/api/office/experts/of-exp-1/invite', {}, 'of-expert')).status).toBe(403);
    const invited = await post('/api/office/experts/of-exp-1/invite', {}, 'office1');
    expect(invited.status).toBe(201);
    // Then the expert receives a link and no password
    const letter = await waitFor('the invitation', async () =>
      serverMail.find((m) => m.to.includes('of-exp-1@example.cn')),
    );
    expect(letter.subject).toBe('【宝山区政府质量奖】评审专家账号开通');
    const token = /\/account\/set-password\?token=([A-Za-z0-9_-]+)/.exec(letter.text)![1]!;
    expect(letter.text).toContain('http://award.example.cn/account/set-password?token=');
    expect(letter.text).not.toMatch(/密码[：:]/);
    // And the store keeps only the token's hash
    const rows = await db.query<{ token_hash: string }>('SELECT token_hash FROM account_invitations');
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect((await get(`/api/account/invitation?token=${token}`)).body).toEqual({ userId: 'of-exp-1' });
    const page = await get(`/account/set-password?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('设置您的登录密码');

    // When the expert sets a weak password, then a good one
    expect((await post('/api/account/set-password', { token, password: 'short' })).body.issues[0].path).toBe(
      'password',
    );
    const set = await post('/api/account/set-password', { token, password: 'Baoshan-2041-review' });
    expect(set.status).toBe(200);
    // Then they log in with it, as a member of experts
    const expert = adminRest().as({ username: 'of-exp-1', password: 'Baoshan-2041-review' });
    const groups = await expert.get('/identity/groups?userId=of-exp-1');
    expect((groups.groups ?? []).map((g) => g.id)).toContain('experts');
    // And the link works once only, and the service account keeps no right on the user
    const again = await post('/api/account/set-password', { token, password: 'Another-2041-pass' });
    expect(again.status).toBe(410);
    expect(again.body.message).toContain('已使用过');
    expect(
      await adminRest().get(
        `/authorization?userIdIn=${process.env.QA_IDENTITY_USER}&resourceType=1&resourceId=of-exp-1`,
      ),
    ).toEqual([]);
    expect(
      (await post('/api/account/set-password', { token: 'x'.repeat(43), password: 'Baoshan-2041-review' }))
        .status,
    ).toBe(410);
    expect((await auditTrail(db, { action: 'account.password-set' }))[0]).toMatchObject({
      actor: 'of-exp-1',
    });
  });
});
