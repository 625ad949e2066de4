import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  WEBAPPS,
  ZH_DIR,
  committedEnglish,
  localeProblems,
  shippedChinese,
  webjarEnglish,
  webjarPath,
  type LocaleFile,
} from './webapp-locales.js';

// The webapps (Tasklist, Cockpit, Admin, Welcome) in Simplified Chinese: every key of the English
// locale files of the Camunda webjar the engine is built with has Chinese in the zh.json we ship.
// The English files come from the webjar in ~/.m2 (there after `npm run engine:build`); the committed
// copies in camunda/webjar-en stand in where it is missing and must equal it where it is present.
const jarPresent = fs.existsSync(webjarPath());
const english = (app: (typeof WEBAPPS)[number]): LocaleFile =>
  jarPresent ? webjarEnglish(app) : committedEnglish(app);

describe('Chinese locale files of the Camunda webapps', () => {
  it.each(WEBAPPS)('%s: every key of the webjar English file has Chinese', (app) => {
    const en = english(app);
    expect(Object.keys(en.labels).length).toBeGreaterThan(100);
    expect(localeProblems(en, shippedChinese(app))).toEqual([]);
  });

  it.each(WEBAPPS)('%s: the committed English copy is the webjar file', (app) => {
    if (!jarPresent) return; // nothing to compare with on this machine
    expect(committedEnglish(app)).toEqual(webjarEnglish(app));
  });

  it('finds a missing key, an English value and a lost placeholder', () => {
    const en: LocaleFile = {
      labels: { A: 'Claim', B: 'Complete', C: 'Delete {{name}}?', D: 'Camunda', E: 's' },
    };
    const zh: LocaleFile = { labels: { B: 'Complete', C: '删除吗？', D: 'Camunda', E: '' } };
    expect(localeProblems(en, zh)).toEqual([
      'A: no Chinese for "Claim"',
      'B: English words Complete in "Complete"',
      'B: Chinese equals English "Complete"',
      'C: placeholders/tags {{name}} became ',
    ]);
  });

  it.each(WEBAPPS)('%s: config.js makes zh the locale of a zh-CN browser and the fallback', async (app) => {
    const file = path.join(ZH_DIR, app, 'scripts', 'config.js');
    const config = ((await import(pathToFileURL(file).href)) as { default: Record<string, unknown> }).default;
    expect(config.locales).toEqual({ availableLocales: ['zh', 'en'], fallbackLocale: 'zh' });
  });

  it.each(WEBAPPS)('%s: user-styles.css hides the banner about migrating to Camunda 8', (app) => {
    const css = fs.readFileSync(path.join(ZH_DIR, app, 'styles', 'user-styles.css'), 'utf8');
    expect(css).toMatch(/\.ce-eol-banner\s*\{\s*display:\s*none !important;\s*\}/);
  });

  it('keeps the Tasklist keyboard shortcuts of the webjar, described in Chinese', async () => {
    const file = path.join(ZH_DIR, 'tasklist', 'scripts', 'config.js');
    const config = (
      (await import(pathToFileURL(file).href)) as {
        default: { shortcuts: Record<string, { key: string; description: string }> };
      }
    ).default;
    expect(Object.keys(config.shortcuts).sort()).toEqual([
      'claimTask',
      'focusFilter',
      'focusForm',
      'focusList',
      'startProcess',
    ]);
    for (const s of Object.values(config.shortcuts)) expect(s.description).toMatch(/^[\u4e00-\u9fff]/);
  });
});
