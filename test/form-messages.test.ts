import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { PATTERNS } from '../forms/src/messages.js';
import { launchBrowser, logInTasklist } from './support/browser.js';
import { personRest } from './support/engine.js';

// form-js inside Camunda 7.24 Tasklist writes its validation messages in English, with the regular
// expression of a pattern. forms/tasklist/form-messages-zh.js (a Tasklist custom script) rewrites them
// in Chinese. The engine jar serves it as Tasklist's customScripts (engine/pom.xml packs forms/tasklist,
// tasklist/scripts/config.js names it), and a person submits the real start form with mistakes.
const OUTPUT = path.join(ROOT_DIR, 'test-output', 'tasklist');

describe('form messages in Camunda Tasklist (zh-CN)', () => {
  let browser: Browser;

  beforeAll(async () => {
    fs.mkdirSync(OUTPUT, { recursive: true });
    await personRest('msg-office', ['office']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function logIn(user: string): Promise<Page> {
    const page = await logInTasklist(browser, user);
    // The custom script is loaded by Tasklist itself, from the engine jar.
    await page.waitForFunction(() =>
      performance.getEntriesByType('resource').some((r) => r.name.includes('form-messages-zh')),
    );
    return page;
  }
  const field = (page: Page, key: string) => page.locator(`[id^="fjs-form-"][id$="-${key}"]`);
  const errorOf = (page: Page, key: string) => page.locator(`[id^="fjs-form-"][id$="-${key}-error-message"]`);
  /** Waits until form-js has shown its messages and the script has translated every one. */
  const settled = (page: Page) =>
    page.waitForFunction(() => {
      const errors = [...document.querySelectorAll('.fjs-form-field-error')];
      return errors.length > 0 && errors.every((e) => !/Field |Value /.test(e.textContent ?? ''));
    });

  it('says in Chinese what to fill in, never a regular expression', async () => {
    // Given the office opens the application start form
    const office = await logIn('msg-office');
    await office.click('.start-process-action a');
    await office.locator('[uib-modal-window]').getByText('区政府质量奖申报', { exact: true }).click();
    await field(office, 'cycleKey').waitFor();

    // When it types a mistyped 评选年度, 统一社会信用代码 and e-mail, and clears the name and the declaration
    // (Tasklist keeps 启动 disabled while the form is invalid; form-js shows a message once a field is left)
    await office.locator('[id$="-applicantKind-0"]').check();
    await field(office, 'cycleKey').fill('2025');
    await field(office, 'creditCode').fill('91310113MA1GKQ0A5');
    await field(office, 'applicantEmail').fill('not-an-address');
    await field(office, 'applicantName').fill('x');
    await field(office, 'applicantName').fill('');
    await field(office, 'truthfulDeclaration').check();
    await field(office, 'truthfulDeclaration').uncheck();
    await field(office, 'applicationId').focus();
    await settled(office);

    // Then each field says what to do, in Chinese
    await expect(errorOf(office, 'creditCode').textContent()).resolves.toBe(PATTERNS.creditCode.message);
    await expect(errorOf(office, 'cycleKey').textContent()).resolves.toBe(PATTERNS.cycleKey.message);
    await expect(errorOf(office, 'applicantName').textContent()).resolves.toBe(
      '请填写「组织名称或个人姓名」。',
    );
    await expect(errorOf(office, 'applicantEmail').textContent()).resolves.toContain('name@example.com');
    await expect(errorOf(office, 'truthfulDeclaration').textContent()).resolves.toMatch(/^请勾选「本人/);
    await office.screenshot({ path: path.join(OUTPUT, 'start-form-validation.png'), fullPage: true });

    // And no message of the form is English or shows a pattern
    const errors = await office.locator('.fjs-form-field-error').allTextContents();
    expect(errors.length).toBeGreaterThanOrEqual(5);
    for (const e of errors) expect(e).not.toMatch(/Field|must|pattern|\^|\$/);

    // And a message that changes as the person types is translated again
    await field(office, 'creditCode').fill('');
    await field(office, 'applicationId').focus();
    await office.waitForFunction(
      () =>
        document.querySelector('[id$="-creditCode-error-message"]')?.textContent ===
        '请填写「统一社会信用代码」。',
    );
  });

  it('filters the 推荐单位 drop-down by what the person types and keeps the list in view', async () => {
    const office = await logIn('msg-office');
    await office.click('.start-process-action a');
    await office.locator('[uib-modal-window]').getByText('区政府质量奖申报', { exact: true }).click();
    // When the person types part of a unit's name into the searchable select
    const search = office.locator('.fjs-form-field-select input[type=text]').first();
    await search.click();
    await search.fill('罗店');
    // Then only matching units are offered, and the list is visible (not cut off under the footer)
    const items = office.locator('.fjs-dropdownlist .fjs-dropdownlist-item');
    await items.first().waitFor();
    expect(await items.allTextContents()).toEqual(['罗店镇']);
    const list = office.locator('.fjs-dropdownlist');
    const box = (await list.boundingBox())!;
    const viewport = office.viewportSize()!;
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    await office.screenshot({ path: path.join(OUTPUT, 'start-form-searchable-select.png') });
    await items.first().click();
    expect(await search.inputValue()).toBe('罗店镇');
  });
});
