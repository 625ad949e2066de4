import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ENGINE_DIR, ROOT_DIR } from './engine-process.js';

// The Camunda webapps' locale files: the English ones shipped in the Camunda 7 webjar, and the Chinese
// ones this product ships in the engine jar (engine/src/main/resources/META-INF/resources/webjars/...),
// which the webapps pick for a browser asking for zh-CN (they cut the tag at "-": zh.json).

export const WEBAPPS = ['welcome', 'tasklist', 'admin', 'cockpit'] as const;
export type Webapp = (typeof WEBAPPS)[number];

export interface LocaleFile {
  dateLocales?: Record<string, unknown>;
  labels: Record<string, string>;
}

const WEBJAR_APP = 'META-INF/resources/webjars/camunda/app';
export const ZH_DIR = path.join(ENGINE_DIR, 'src', 'main', 'resources', ...WEBJAR_APP.split('/'));
/** Committed copies of 7.24's en.json files, for machines without the webjar in ~/.m2. */
export const EN_COPY_DIR = path.join(ROOT_DIR, 'camunda', 'webjar-en');

/** The Camunda version the engine is built with (engine/pom.xml). */
export function camundaVersion(): string {
  const pom = fs.readFileSync(path.join(ENGINE_DIR, 'pom.xml'), 'utf8');
  const match = /<camunda\.version>([^<]+)<\/camunda\.version>/.exec(pom);
  if (!match) throw new Error('engine/pom.xml names no camunda.version');
  return match[1]!;
}

/** Where Maven keeps the webapps' webjar once the engine has been built. */
export function webjarPath(version = camundaVersion()): string {
  return path.join(
    os.homedir(),
    '.m2/repository/org/camunda/bpm/webapp/camunda-webapp-webjar',
    version,
    `camunda-webapp-webjar-${version}.jar`,
  );
}

/** One entry of a zip file (a jar), stored or deflated; undefined when the zip has no such entry. */
export function readZipEntry(zipFile: string, name: string): Buffer | undefined {
  const zip = fs.readFileSync(zipFile);
  // End of central directory: the last signature 0x06054b50 (a comment of up to 64 KiB may follow it).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${zipFile} is not a zip file`);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${zipFile}: bad central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entryName === name) {
      const dataStart =
        localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return zlib.inflateRawSync(data);
      throw new Error(`${zipFile}: ${name} uses unsupported compression method ${method}`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return undefined;
}

const parse = (text: string): LocaleFile => JSON.parse(text.replace(/^\uFEFF/, '')) as LocaleFile;

/** The webjar's English locale file of an app, read from the jar itself. */
export function webjarEnglish(app: Webapp, jar = webjarPath()): LocaleFile {
  const entry = readZipEntry(jar, `${WEBJAR_APP}/${app}/locales/en.json`);
  if (!entry) throw new Error(`${jar} has no ${app}/locales/en.json`);
  return parse(entry.toString('utf8'));
}

/** The committed copy of the webjar's English locale file of an app. */
export function committedEnglish(app: Webapp): LocaleFile {
  return parse(fs.readFileSync(path.join(EN_COPY_DIR, `${app}.json`), 'utf8'));
}

/** The Chinese locale file this product ships for an app. */
export function shippedChinese(app: Webapp): LocaleFile {
  return parse(fs.readFileSync(path.join(ZH_DIR, app, 'locales', 'zh.json'), 'utf8'));
}

/** Latin words that may stay in the Chinese text: product, format and technical names, Camunda's metric abbreviations. */
export const KEPT_WORDS = new Set([
  'Camunda',
  'Cockpit',
  'Tasklist',
  'Admin',
  'Optimize',
  'cockpit',
  'tasklist',
  'BPMN',
  'DMN',
  'CMMN',
  'DRD',
  'XML',
  'CSV',
  'JSON',
  'API',
  'LDAP',
  'ID',
  'CTRL',
  'F5',
  'EDE',
  'FNI',
  'DI',
  'PI',
  'TU',
  'null',
  'true',
  'Promise',
  'resolve',
]);

/** Placeholders ({{name}}, {}), HTML tags and entities, which must survive translation unchanged. */
const MARKUP = /\{\{[^}]*\}\}|\{\}|<\/?(?:a|b|br|code|em|i|p|span|strong)\b[^>]*>|&[a-z]+;/g;
/** Date patterns shown as they must be typed. */
const DATE_PATTERN = /yyyy-MM-ddTHH:mm:ss|YYYY-MM-DDTHH:mm:ss/g;
const markup = (s: string) => (s.match(MARKUP) ?? []).map((t) => t.replace(/\s/g, '')).sort();
/** Latin words left once markup and date patterns are removed. */
export const latinWords = (s: string): string[] =>
  s
    .replace(MARKUP, ' ')
    .replace(DATE_PATTERN, ' ')
    .match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];

/**
 * What is wrong with the Chinese file for the English one, one line per key: a key without Chinese,
 * a value still in English (words other than KEPT_WORDS), lost or added placeholders and tags, keys
 * the English file does not have, date locales missing.
 */
export function localeProblems(en: LocaleFile, zh: LocaleFile): string[] {
  const problems: string[] = [];
  for (const [key, english] of Object.entries(en.labels)) {
    const chinese = zh.labels[key];
    if (typeof chinese !== 'string') {
      problems.push(`${key}: no Chinese for "${english}"`);
      continue;
    }
    // Empty English stays empty; a lone plural suffix ("s") has no Chinese counterpart.
    const mayBeEmpty = english.trim() === '' || english === 's';
    if (chinese.trim() === '' && !mayBeEmpty) problems.push(`${key}: empty Chinese for "${english}"`);
    const englishWords = latinWords(chinese).filter((w) => !KEPT_WORDS.has(w));
    if (englishWords.length > 0)
      problems.push(`${key}: English words ${englishWords.join(' ')} in "${chinese}"`);
    if (chinese === english && latinWords(english).some((w) => !KEPT_WORDS.has(w))) {
      problems.push(`${key}: Chinese equals English "${english}"`);
    }
    if (markup(chinese).join(' ') !== markup(english).join(' ')) {
      problems.push(
        `${key}: placeholders/tags ${markup(english).join(' ')} became ${markup(chinese).join(' ')}`,
      );
    }
  }
  for (const key of Object.keys(zh.labels)) {
    if (!(key in en.labels)) problems.push(`${key}: not a key of the English file`);
  }
  if (en.dateLocales) {
    for (const key of Object.keys(en.dateLocales)) {
      if (!zh.dateLocales || !(key in zh.dateLocales)) problems.push(`dateLocales.${key}: missing`);
    }
  }
  return problems;
}
