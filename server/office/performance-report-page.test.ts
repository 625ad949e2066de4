import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { pino } from 'pino';
import { ROOT_DIR } from '../../camunda/engine-process.js';
import type { Db } from '../../store/index.js';
import { issueReportLink, performanceReportsOf } from '../../store/performance-reports.js';
import { openTestStore } from '../../store/test-store.js';
import { launchBrowser } from '../../test/support/browser.js';
import { createApp } from '../app.js';
import { testVerifier } from '../test-auth.js';
import { performanceReportsRouter } from '../routes/performance-reports.js';
import { officePageRouter } from './page.js';

const SHOTS = path.join(ROOT_DIR, 'test-output', 'performance-report');
const HOLDER = '91310113MA1GKQ0A5Q';

// Issue 16 / Art. 23: the winner files the 质量绩效表 on the small form the request e-mail links to.
describe('the 质量绩效表 page of the secret link', () => {
  let db: Db;
  let server: Server;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await openTestStore();
    const app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [performanceReportsRouter({ db, auth: testVerifier })],
      pageRouters: [officePageRouter()],
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server.close(r));
    await db.close();
  });

  it('files the report with a valid link and refuses in Chinese without one', async () => {
    const token = await issueReportLink(db, { holderKey: HOLDER, awardYear: 2025 }, 'page/a1/mail:x');
    const page = await browser.newPage();
    // Given a made-up link, then the page says it is not valid and shows no form
    await page.goto(`${base}/performance-report?token=${'B'.repeat(43)}`);
    await page.locator('#report-error').filter({ hasText: '专属链接' }).waitFor();
    expect(await page.locator('#report-form').isHidden()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, '0-refused.png') });
    // Given the e-mail's link, when the winner fills the form and submits
    await page.goto(`${base}/performance-report?token=${token}`);
    await page.locator('#report-holder').filter({ hasText: HOLDER }).waitFor();
    await page.fill('input[name=holderName]', '上海宝山精密制造有限公司');
    await page.fill('input[name=period]', '1');
    await page.fill('input[name=reportYear]', '2026');
    await page.fill('textarea[name=summary]', '2026 年一次交检合格率 99.2%。');
    await page.screenshot({ path: path.join(SHOTS, '1-form.png') });
    await page.click('button[type=submit]');
    await page.locator('#report-done').filter({ hasText: '已提交' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, '2-filed.png') });
    // Then the report is stored for that holder and award
    const stored = await performanceReportsOf(db, HOLDER, 2025);
    expect(stored.map((r) => [r.summary, r.source])).toEqual([['2026 年一次交检合格率 99.2%。', 'api']]);
    await page.close();
  });
});
