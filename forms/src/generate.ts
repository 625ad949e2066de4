// Writes forms/*.form from the forms modules, one module per process (application.ts, cycle.ts,
// decision.ts, post-award.ts, between-cycles.ts) built from the helpers of components.ts, so unit and
// department lists stay in step with domain/.
// `npm run forms:build` writes them; `npm run forms:check` (and the unit test generate.test.ts) fails
// when a committed .form differs from what its source renders.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applicationForms } from './application.js';
import { betweenCycleForms } from './between-cycles.js';
import { meta, type Component } from './components.js';
import { cycleForms, reviewForms } from './cycle.js';
import { decisionForms } from './decision.js';
import { postAwardForms } from './post-award.js';

const FORMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every form's components, by form id (one module per process). */
export function allForms(): Record<string, Component[]> {
  return {
    ...applicationForms,
    ...cycleForms,
    ...reviewForms,
    ...postAwardForms,
    ...decisionForms,
    ...betweenCycleForms,
  };
}

/** The JSON of every form, by file name. */
export function renderForms(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(allForms()).map(([id, components]) => [
      `${id}.form`,
      `${JSON.stringify({ ...meta, id, components }, null, 2)}\n`,
    ]),
  );
}

/** Files under forms/ that differ from their source, are missing, or have no source. */
export function staleForms(dir = FORMS_DIR): string[] {
  const rendered = renderForms();
  const stale = Object.entries(rendered)
    .filter(([file, json]) => {
      const p = path.join(dir, file);
      return !fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== json;
    })
    .map(([file]) => file);
  const orphans = fs.readdirSync(dir).filter((f) => f.endsWith('.form') && !(f in rendered));
  return [...stale, ...orphans];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes('--check')) {
    const stale = staleForms();
    if (stale.length > 0) {
      console.error(`错误：以下表单与 forms/src 不一致，请运行 npm run forms:build：${stale.join('、')}`);
      process.exit(1);
    }
    console.log(`${Object.keys(renderForms()).length} 个表单与 forms/src 一致`);
  } else {
    for (const [file, json] of Object.entries(renderForms()))
      fs.writeFileSync(path.join(FORMS_DIR, file), json);
    console.log(`已生成 ${Object.keys(renderForms()).length} 个表单`);
  }
}
