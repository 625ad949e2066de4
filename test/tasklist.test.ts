import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logInTasklist } from './support/browser.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// A person's path through the real Camunda Tasklist: the office starts an application with the
// Chinese start form, the unit signs the recommendation form, the applicant gets the e-mail.
describe('award-application in Camunda Tasklist', () => {
  let mail: MailAndWorkers;
  let browser: Browser;

  beforeAll(async () => {
    mail = await startMailAndWorkers();
    await personRest('ui-office', ['office']);
    await personRest('ui-luojing', ['recommender-luojing']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await mail.stop();
  });

  const logIn = (user: string): Promise<Page> => logInTasklist(browser, user);
  const field = (page: Page, key: string) => page.locator(`[id^="fjs-form-"][id$="-${key}"]`);

  it('is started by the office and recommended by the unit, and the applicant is told', async () => {
    // (a browser walk through two people's Tasklist on a busy machine: more than jest's default minute)
    // Given the office starts an application with the start form
    const office = await logIn('ui-office');
    await office.click('a:has-text("发起流程")');
    // (the item of the start dialog: other tests' applications may be listed behind it with the same name)
    await office.locator('[uib-modal-window]').getByText('区政府质量奖申报', { exact: true }).click();
    await field(office, 'cycleKey').fill('cycle-2025');
    await field(office, 'applicationId').fill('UI-001');
    await office.locator('[id$="-applicantKind-0"]').check();
    await field(office, 'applicantName').fill('上海宝山界面测试有限公司');
    await field(office, 'creditCode').fill('91310113MA1GKQ0A5Q');
    await field(office, 'registeredDistrict').fill('宝山区');
    // form-js shows dates as yyyy/mm/dd in zh-CN and submits them as YYYY-MM-DD
    await field(office, 'registrationDate-date').fill('2015/03/01');
    await field(office, 'registrationDate-date').press('Enter');
    await field(office, 'licensesValid').check();
    await field(office, 'chiefQualityOfficer').check();
    await field(office, 'applicantEmail').fill('ui@example.cn');
    // 推荐单位 is a searchable select: type part of the name, pick the unit
    const unitSearch = office.locator('.fjs-form-field-select input[type=text]').first();
    await unitSearch.click();
    // (罗泾镇: a unit no other test recommends for, so its list holds this application's task only)
    await unitSearch.fill('罗泾');
    await office.locator('.fjs-dropdownlist .fjs-dropdownlist-item', { hasText: '罗泾镇' }).first().click();
    await field(office, 'truthfulDeclaration').check();
    await office.click('.modal button:has-text("开始")');
    const instance = await waitFor('the started instance', async () => {
      const list = await adminRest().get('/process-instance?businessKey=cycle-2025/UI-001');
      return list[0];
    });
    expect(instance.businessKey).toBe('cycle-2025/UI-001');

    // When the unit claims the task, approves and writes its opinion in the recommendation form
    const unit = await logIn('ui-luojing');
    // A group task is under the filter 本组待办 (我的待办 lists the tasks assigned to the person)
    await unit.click('text=本组待办');
    // (named with the applicant it is about)
    await unit.click('text=签署推荐意见｜上海宝山界面测试有限公司');
    await unit.click('button:has-text("认领")');
    await unit.locator('[id$="-recommendationDecision-0"]').check();
    await field(unit, 'recommendationOpinion').fill('质量管理体系完善，同意推荐。');
    await unit.click('button:has-text("完成")');

    // Then the applicant receives the recommendation notice
    const notice = await mail.mailTo('ui@example.cn');
    expect(notice.subject).toBe('【宝山区政府质量奖】申报已获推荐：上海宝山界面测试有限公司');
    expect(notice.text).toContain('质量管理体系完善，同意推荐。');
    // And the office's 资格审查 shows the automatic findings and the date entered in the start form
    const review = await waitFor('the review task', async () => {
      const tasks = await adminRest().get(
        `/task?processInstanceId=${instance.id}&taskDefinitionKey=Task_EligibilityReview`,
      );
      return tasks[0];
    });
    const vars = await adminRest().get(`/task/${review.id}/variables`);
    expect(vars.registrationDate?.value).toBe('2015-03-01');
    expect(vars.eligibilityFailureCount?.value).toBe(0);
  }, 150000);
});
