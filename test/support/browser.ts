import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { adminRest } from './engine.js';

/** Debian's chromium (`apt-get install chromium`); playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A fontconfig file adding the Noto Sans SC fonts of @embedpdf/fonts-sc (a dependency, for the
 * certificates) to the system's fonts, so screenshots show Chinese on machines without CJK fonts.
 */
function fontconfigWithChinese(): string {
  const fonts = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')),
    '..',
    'fonts',
  );
  const file = path.join(os.tmpdir(), 'qa-chromium-fonts.conf');
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${fonts}</dir>\n</fontconfig>\n`,
  );
  return file;
}

/** Launches headless chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, FONTCONFIG_FILE: fontconfigWithChinese() },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The test engine's Camunda Tasklist. */
export const tasklistUrl = (): string =>
  adminRest().baseUrl.replace(/\/engine-rest$/, '/camunda/app/tasklist/');

/** A person logged in to Tasklist in a fresh Chinese browser context (test accounts' password: pw-<user>). */
export async function logInTasklist(browser: Browser, user: string, password = `pw-${user}`): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.goto(tasklistUrl());
  await page.fill('input[type=text]', user);
  await page.fill('input[type=password]', password);
  await page.click('button[type=submit]');
  return page;
}
