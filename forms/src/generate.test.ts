import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../camunda/engine-process.js';
import { DEPARTMENTS } from '../../domain/departments.js';
import { RECOMMENDING_UNITS } from '../../domain/units.js';
import { renderForms } from './generate.js';

describe('Camunda Forms', () => {
  const rendered = renderForms();

  it.each(Object.keys(rendered))(
    'forms/%s is what forms/src/generate.ts writes (run it after a change)',
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
});
