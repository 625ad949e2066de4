import type { Server } from 'node:http';
import path from 'node:path';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { engineRest, toVariables } from '../camunda/rest.js';
import { shanghaiDate } from '../domain/edition.js';
import { createApp } from '../server/app.js';
import { intakePagesRouter } from '../server/intake/router.js';
import { applicationsRouter } from '../server/routes/applications.js';
import { openStore, type Db } from '../store/index.js';
import { launchBrowser } from './support/browser.js';
import { creditCode } from './support/cycle.js';
import { adminRest } from './support/engine.js';

// The applicant's path through the intake page in a real browser: fill in the 申报表, attach the
// files, submit, and open the status page from the answer. The cycle is a diagram of its own holding
// the 公告's application period as award-cycle does; award-application is the real one.
const CYCLE_PROCESS = 'intake-page-test-cycle';
const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_IntakePageTest" targetNamespace="http://baoshan.gov.cn/quality-award/test">
  <bpmn:process id="${CYCLE_PROCESS}" isExecutable="true" camunda:historyTimeToLive="3650">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Wait" />
    <bpmn:userTask id="Task_Wait" name="申报期" camunda:candidateGroups="office" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Wait" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;
const YEAR = '2084';
const dayOffset = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));

describe('the intake page in a browser', () => {
  let db: Db;
  let server: Server;
  let browser: Browser;
  let base = '';
  const started: string[] = [];

  beforeAll(async () => {
    const deployment = new FormData();
    deployment.append('deployment-name', 'intake-page-test');
    deployment.append('intake-page-test.bpmn', new Blob([DIAGRAM]), 'intake-page-test.bpmn');
    await adminRest().postForm('/deployment/create', deployment);
    const cycle = await adminRest().post(`/process-definition/key/${CYCLE_PROCESS}/start`, {
      businessKey: `cycle-${YEAR}`,
      variables: toVariables({ year: YEAR, applicationStart: dayOffset(-1), applicationEnd: dayOffset(10) }),
    });
    started.push(cycle.id);
    const service = engineRest(adminRest().baseUrl, {
      username: process.env.QA_WORKER_USER!,
      password: process.env.QA_WORKER_PASSWORD!,
    });
    db = await openStore({ dataDir: 'memory://' });
    const app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [
        applicationsRouter({
          db,
          auth: adminRest().baseUrl,
          engine: service,
          cycleProcessKey: CYCLE_PROCESS,
        }),
      ],
      pageRouters: [intakePagesRouter({ db, engine: service })],
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, () => resolve(s));
    });
    const address = server.address();
    base = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    const mine = await adminRest().get(
      `/process-instance?businessKey=${encodeURIComponent(`cycle-${YEAR}`)}`,
    );
    const apps = await db.query<{ process_instance_id: string }>(
      'SELECT process_instance_id FROM applications',
    );
    for (const id of [...started, ...mine.map((m) => m.id), ...apps.map((a) => a.process_instance_id)])
      await adminRest()
        .delete(`/process-instance/${id}?skipCustomListeners=true`)
        .catch(() => undefined);
    await db.close();
  });

  it('takes an organization’s application with files and shows its status page', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${base}/apply`);
    expect(await page.title()).toBe('宝山区政府质量奖 在线申报');
    // Given an applicant who first types a wrong check character
    const code = creditCode('PG140001');
    await page.fill('#cycle', YEAR);
    await page.fill('#orgName', '上海宝山页面申报有限公司');
    await page.fill('#creditCode', `${code.slice(0, 17)}${code[17] === 'A' ? 'B' : 'A'}`);
    await page.fill('#registrationDate', '2015-03-01');
    await page.check('#licensesValid');
    await page.check('#chiefQualityOfficer');
    await page.fill('#contactName', '王联络');
    await page.fill('#contactPhone', '021-56781234');
    await page.fill('#contactEmail', 'page@example.cn');
    await page.selectOption('#recommendingUnit', 'luodian');
    await page.click('#addSanction');
    await page.selectOption('#sanctions .s-type', 'major-complaint');
    await page.fill('#sanctions .s-date', dayOffset(-500));
    await page.fill('#sanctions .s-desc', '用户投诉，已整改');
    await page.setInputFiles('#selfEvaluation', {
      name: '自我评价报告.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.setInputFiles('#evidence', [
      {
        name: '证书.png',
        mimeType: 'image/png',
        buffer: Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.alloc(16),
        ]),
      },
    ]);
    await page.check('#truthfulDeclaration');
    await page.click('#submit');
    // Then the page names the field and the check character in Chinese
    await page.waitForSelector('#result.err');
    expect(await page.textContent('#result')).toContain('统一社会信用代码：统一社会信用代码校验位错误');

    // When the applicant corrects it and submits again
    await page.fill('#creditCode', code);
    await page.click('#submit');
    await page.waitForSelector('#result.ok >> text=申报编号');
    const text = (await page.textContent('#result')) ?? '';
    expect(text).toMatch(/申报编号：SB2084-\d{4}/);
    await page.screenshot({ path: path.join(ROOT_DIR, 'docs', 'intake.png'), fullPage: true });

    // And the status page from the answer shows the stage in Chinese
    await page.click('#statusLink');
    await page.waitForSelector('#stage');
    expect(await page.textContent('#stage')).toContain('等待推荐单位签署推荐意见');
    await page.screenshot({ path: path.join(ROOT_DIR, 'docs', 'intake-status.png'), fullPage: true });
  });
});
