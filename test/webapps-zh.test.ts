import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { ensureUser } from '../camunda/identity.js';
import { KEPT_WORDS, latinWords } from '../camunda/webapp-locales.js';
import { localPeople } from '../scripts/lib/local-credentials.js';
import { launchBrowser } from './support/browser.js';
import { adminRest } from './support/engine.js';

// The Camunda webapps as the office, a unit, an expert, the committee and the process administrator
// see them with a browser asking for zh-CN: no English words but product names, no banner about
// Camunda 8, times in Asia/Shanghai, names family name first. Screenshots: test-output/webapps-zh/.
const OUTPUT = path.join(ROOT_DIR, 'test-output', 'webapps-zh');
/** Words of the webapps' own chrome that are names, not English: "Powered by Camunda Platform". */
const NAMES = new Set([...KEPT_WORDS, 'Platform', 'Asia', 'Shanghai']);
/**
 * English built into form-js (the Camunda Forms renderer inside Tasklist), not into the webapps'
 * locale files: the placeholder "Select" of a drop-down. Translating form-js is the form-messages part
 * of issue 12 (part 2); this list shrinks to nothing once it is merged.
 */
const FORM_JS_BUILT_INS = ['Select'];
/** Formats the start form shows as examples (评选年度 cycle-2025, 申报编号 A-001): data, not English. */
const FORM_EXAMPLES = ['cycle', 'A'];

describe('Camunda webapps in Simplified Chinese', () => {
  let browser: Browser;
  /** Latin words that are data (user, group and process ids and names), not the webapps' text. */
  const dataWords = new Set<string>();
  const base = () => adminRest().baseUrl.replace(/\/engine-rest$/, '/camunda/app');
  const people = localPeople().filter((p) =>
    ['office1', 'unit-luodian', 'expert1', 'committee1'].includes(p.id),
  );

  beforeAll(async () => {
    fs.mkdirSync(OUTPUT, { recursive: true });
    for (const p of people) {
      await ensureUser(adminRest(), { ...p, password: `pw-${p.id}` });
      // Another test file may have made the same account with other names and password: these are npm
      // start's local people, as a person meets them.
      const id = encodeURIComponent(p.id);
      await adminRest().put(`/user/${id}/profile`, {
        id: p.id,
        firstName: p.firstName,
        lastName: p.lastName,
        email: p.email,
      });
      await adminRest().put(`/user/${id}/credentials`, {
        password: `pw-${p.id}`,
        authenticatedUserPassword: process.env.QA_ADMIN_PASSWORD,
      });
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Collects the Latin tokens of every user, group and process definition the engine has now. */
  async function refreshDataWords(): Promise<void> {
    const rest = adminRest();
    const users = await rest.get('/user');
    const groups = await rest.get('/group');
    const definitions = await rest.get('/process-definition');
    const texts = [
      ...users.flatMap((u) => [u.id, u.firstName, u.lastName, u.email]),
      ...groups.flatMap((g) => [g.id, g.name]),
      ...definitions.flatMap((d) => [d.key, d.name ?? '']),
    ];
    for (const t of texts) for (const w of latinWords(t ?? '')) dataWords.add(w);
  }

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9' },
      viewport: { width: 1400, height: 900 },
    });
    return context.newPage();
  }

  /** The visible text of the page (or of one part of it) and the placeholders of visible fields. */
  async function visibleText(page: Page, selector = 'body'): Promise<string> {
    const text = await page.locator(selector).first().innerText();
    const placeholders = await page.evaluate(
      (sel) =>
        Array.from(document.querySelectorAll(`${sel} [placeholder]`))
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => e.getAttribute('placeholder') ?? ''),
      selector,
    );
    return [text, ...placeholders].join('\n');
  }

  /** Saves a screenshot and fails naming every English word on the page (or part of it). */
  async function expectChinese(
    page: Page,
    shot: string,
    selector = 'body',
    allowed: ReadonlySet<string> = new Set(),
  ): Promise<string> {
    await page.waitForLoadState('networkidle');
    await page.getByText('正在加载').first().waitFor({ state: 'hidden' });
    await page.screenshot({ path: path.join(OUTPUT, `${shot}.png`), fullPage: true });
    await refreshDataWords();
    const text = await visibleText(page, selector);
    // (the footer's version number, v7.24.0, is not a word)
    const english = latinWords(text.replace(/\bv\d+(\.\d+)+/g, ' ')).filter(
      (w) => !NAMES.has(w) && !dataWords.has(w) && !allowed.has(w),
    );
    expect({ shot, english }).toEqual({ shot, english: [] });
    // The webapps render the banner about migrating to Camunda 8, and user-styles.css hides it
    const banners = page.locator('.ce-eol-banner');
    expect(await banners.count()).toBeGreaterThan(0);
    for (const banner of await banners.all()) expect(await banner.isVisible()).toBe(false);
    return text;
  }

  async function logIn(app: string, user: string, password: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${base()}/${app}/`);
    await page.locator('button[type=submit]', { hasText: '登录' }).waitFor();
    await expectChinese(page, `${app}-login`);
    await page.fill('input[type=text]', user);
    await page.fill('input[type=password]', password);
    await page.click('button[type=submit]');
    return page;
  }

  it.each(['office1', 'unit-luodian', 'expert1', 'committee1'])(
    'Tasklist as %s: login page, task list and start dialog are Chinese, names family name first, Shanghai time',
    async (id) => {
      const person = people.find((p) => p.id === id)!;
      const page = await logIn('tasklist', id, `pw-${id}`);
      // The task list, with its filter (全部任务) and the person's name in the header
      await page.getByText('发起流程').waitFor();
      await page.getByText('全部任务').first().waitFor();
      await page.waitForLoadState('networkidle');
      const list = await expectChinese(page, `tasklist-${id}`);
      expect(list).toContain(`${person.firstName} ${person.lastName}`); // e.g. 办公室 工作人员
      expect(list).toMatch(/日期和时间按本地时区显示：\s*Asia\/Shanghai/);

      // The start dialog (the office also opens the start form of an application)
      await page.getByText('发起流程').click();
      const dialog = page.locator('.modal-content');
      await dialog.waitFor();
      await page.waitForLoadState('networkidle');
      await expectChinese(page, `tasklist-${id}-start-dialog`, '.modal-content');
      if (id === 'office1') {
        await dialog.getByText('区政府质量奖申报', { exact: true }).first().click();
        await dialog.locator('.fjs-form').waitFor();
        await page.waitForLoadState('networkidle');
        await expectChinese(
          page,
          'tasklist-office1-start-form',
          '.modal-content',
          new Set([...FORM_JS_BUILT_INS, ...FORM_EXAMPLES]),
        );
      }
      await page.context().close();
    },
  );

  const admin = () => ({ user: process.env.QA_ADMIN_USER!, password: process.env.QA_ADMIN_PASSWORD! });

  it("Cockpit's dashboard is Chinese for the process administrator", async () => {
    const page = await logIn('cockpit', admin().user, admin().password);
    await page.getByText('运行中的流程实例').first().waitFor();
    const dashboard = await expectChinese(page, 'cockpit-dashboard');
    expect(dashboard).toMatch(/日期和时间按本地时区显示：\s*Asia\/Shanghai/);
    await page.context().close();
  });

  it("Admin's users are Chinese, the name columns labelled 姓 and 名", async () => {
    const page = await logIn('admin', admin().user, admin().password);
    // (as a person gets there: the page's breadcrumb is translated when the page opens, so the
    // users page must not be the first page the app loads)
    await page.getByRole('link', { name: '用户', exact: true }).first().click();
    await page.getByText('用户列表').first().waitFor();
    const users = await expectChinese(page, 'admin-users');
    expect(users).toMatch(/姓\*?\s+名\*?/);
    expect(users).toMatch(/office1\s+办公室\s+工作人员/);
    await page.context().close();
  });

  it('the Welcome page is Chinese', async () => {
    const page = await logIn('welcome', admin().user, admin().password);
    await page.getByText('个人资料').first().waitFor();
    await page.getByText('流程引擎管理员').waitFor(); // the profile and its groups have loaded
    const welcome = await expectChinese(page, 'welcome');
    expect(welcome).toContain('Camunda 欢迎页');
    expect(welcome).toContain('流程引擎管理员'); // the engine administrators' group, named in Chinese
    await page.context().close();
  });
});
