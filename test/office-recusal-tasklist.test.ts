import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { completeTask, startApplication, waitForTask } from './support/application.js';
import { launchBrowser, logInTasklist } from './support/browser.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// Art. 26 in the real Camunda Tasklist: a clerk ticks “与申报者存在利害关系，申请回避” in the 资格审查
// form (the decision fields disappear, the reason is required), completes it, and the review comes
// back to the office; claiming it again is refused in Chinese. Screenshots: test-output/recusal/.
const OUTPUT = path.join(ROOT_DIR, 'test-output', 'recusal');
const APPLICANT = '上海宝山回避测试有限公司';

describe('Art. 26: a clerk recuses in the Tasklist 资格审查 form', () => {
  let mail: MailAndWorkers;
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(OUTPUT, { recursive: true });
    mail = await startMailAndWorkers();
    await personRest('rt-office', ['office']);
    await personRest('rt-office-2', ['office']);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await mail?.stop();
  });

  const logIn = (user: string): Promise<Page> => logInTasklist(browser, user);
  const field = (page: Page, key: string) => page.locator(`[id^="fjs-form-"][id$="-${key}"]`);
  /** Opens this application's open 资格审查 from the filter 本组待办 (the group's tasks). */
  async function openTask(page: Page): Promise<void> {
    await page.click('text=本组待办');
    await page.click(`text=资格审查｜${APPLICANT}`);
  }

  it('Art. 26: the clerk ticks 申请回避 with a reason, and cannot claim the review that comes back', async () => {
    // Given an application recommended by its unit and waiting for 资格审查
    const unit = await personRest('rt-luodian', ['recommender-luodian']);
    const instance = await startApplication(adminRest(), 'RT-001', {
      applicantName: APPLICANT,
      applicantEmail: 'rt@example.cn',
    });
    const recommend = await waitForTask(unit, instance.id, 'Task_Recommend');
    await completeTask(unit, recommend.id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意推荐。',
    });
    const first = await waitForTask(adminRest(), instance.id, 'Task_EligibilityReview');

    // When the clerk opens it in Tasklist, claims it and ticks the recusal
    const clerk = await logIn('rt-office');
    await openTask(clerk);
    await clerk.click('button:has-text("认领")');
    await field(clerk, 'reviewReasons').waitFor();
    await field(clerk, 'officeRecusal').check();
    // Then the decision and its reasons are hidden and the conflict must be described
    await field(clerk, 'reviewReasons').waitFor({ state: 'detached' });
    expect(await clerk.locator('[id$="-reviewDecision-0"]').count()).toBe(0);
    await field(clerk, 'officeRecusalReason').fill('本人配偶在该公司任职。');
    await clerk.screenshot({ path: path.join(OUTPUT, 'eligibility-review-recusal.png'), fullPage: true });
    await clerk.click('button:has-text("完成")');

    // And the review comes back to the office as a new task
    const again = await waitFor('the review back at the office', async () => {
      const tasks = await adminRest().get(
        `/task?processInstanceId=${instance.id}&taskDefinitionKey=Task_EligibilityReview`,
      );
      return tasks.find((t) => t.id !== first.id);
    });
    // which the recused clerk cannot claim: Tasklist shows the engine's Chinese refusal
    await clerk.reload();
    await openTask(clerk);
    await clerk.click('button:has-text("认领")');
    await clerk.getByText('已声明与该申报者存在利害关系并申请回避（第二十六条）').first().waitFor();
    await clerk.screenshot({ path: path.join(OUTPUT, 'claim-refused.png'), fullPage: true });
    expect((await adminRest().get(`/task/${again.id}`)).assignee).toBeNull();

    // while another clerk sees the note and can claim it
    const other = await logIn('rt-office-2');
    await openTask(other);
    await other.click('button:has-text("认领")');
    await waitFor('the other clerk as assignee', async () =>
      (await adminRest().get(`/task/${again.id}`)).assignee === 'rt-office-2' ? true : undefined,
    );
    await field(other, 'reviewWarningView').waitFor();
    expect(await field(other, 'reviewWarningView').inputValue()).toContain(
      'rt-office 已声明与申报者存在利害关系并回避',
    );
  }, 240_000);
});
