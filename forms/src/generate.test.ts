import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../camunda/engine-process.js';
import { DEPARTMENTS } from '../../domain/departments.js';
import { RECOMMENDING_UNITS } from '../../domain/units.js';
import { renderAll, renderForms, staleForms } from './generate.js';
import { PATTERN_MESSAGES } from './messages.js';

describe('Camunda Forms', () => {
  const rendered = renderForms();

  it('every committed forms/*.form is what its source renders, and none lacks a source (npm run forms:build)', () => {
    expect(staleForms()).toEqual([]);
  });

  it('notices a .form edited by hand and a .form without a source', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-'));
    try {
      for (const [file, text] of Object.entries(renderAll())) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      expect(staleForms(dir)).toEqual([]);
      fs.writeFileSync(
        path.join(dir, 'recommendation.form'),
        rendered['recommendation.form']!.replace('同意推荐', 'Approve'),
      );
      fs.writeFileSync(path.join(dir, 'orphan.form'), '{}');
      expect(staleForms(dir).sort()).toEqual(['orphan.form', 'recommendation.form']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(Object.keys(rendered))(
    'forms/%s is what forms/src writes (npm run forms:build after a change)',
    (file) => {
      expect(fs.readFileSync(path.join(ROOT_DIR, 'forms', file), 'utf8')).toBe(rendered[file]);
    },
  );

  it('offers every recommending unit and every department', () => {
    const start = JSON.parse(rendered['application-start.form']!) as {
      components: { key?: string; values?: { value: string }[] }[];
    };
    const units = start.components.find((c) => c.key === 'recommendingUnit')?.values?.map((v) => v.value);
    expect(units).toEqual(RECOMMENDING_UNITS.map((u) => u.id));
    const review = JSON.parse(rendered['eligibility-review.form']!) as typeof start;
    const departments = review.components
      .find((c) => c.key === 'consultDepartments')
      ?.values?.map((v) => v.value);
    expect(departments).toEqual(DEPARTMENTS.map((d) => d.id));
  });

  it('keeps every key unique within a form', () => {
    for (const [file, json] of Object.entries(rendered)) {
      const ids = (JSON.parse(json) as { components: { id: string }[] }).components.map((c) => c.id);
      expect({ file, duplicates: ids.filter((id, i) => ids.indexOf(id) !== i) }).toEqual({
        file,
        duplicates: [],
      });
    }
  });

  it('gives every pattern a form uses a Chinese message, so no person sees a regular expression', () => {
    const patterns = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node))
          if (k === 'pattern' && typeof v === 'string') patterns.add(v);
          else collect(v);
    };
    for (const json of Object.values(rendered)) collect(JSON.parse(json));
    expect(patterns.size).toBeGreaterThan(3);
    for (const p of patterns)
      expect({ p, message: PATTERN_MESSAGES[p] }).toEqual({
        p,
        message: expect.stringMatching(/^[^A-Za-z]*[\u4e00-\u9fff]/),
      });
  });
});
