import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { editionInForce, mergeEditions, parseEdition } from '../domain/edition.js';
import { readEditionsDir } from './editions.js';

const EDITIONS = readEditionsDir();
const EDITION_2023 = EDITIONS.find((e) => e.id === '2023')!;

const revised = {
  ...EDITION_2023,
  id: '2028',
  title: '修订版',
  appliesFrom: '2028-08-01',
  effectiveFrom: '2028-08-01',
  effectiveTo: '2033-07-31',
};

describe('rules editions as data — Art. 28', () => {
  it('reads the 2023 办法 from editions/2023.json', () => {
    expect(EDITIONS.map((e) => e.id)).toContain('2023');
    expect(EDITION_2023).toMatchObject({
      effectiveFrom: '2023-08-01',
      effectiveTo: '2028-07-31',
      appliesFrom: '2023-04-27',
      document: '宝府规〔2023〕3号',
    });
  });

  it('finds a revised edition added as data for dates after the 2023 window', () => {
    const editions = mergeEditions(EDITIONS, [parseEdition(revised, 'test')]);
    expect(editionInForce('2028-07-31', editions)?.id).toBe('2023');
    expect(editionInForce('2028-08-01', editions)?.id).toBe('2028');
    expect(editionInForce('2033-08-01', editions)).toBeUndefined();
  });

  it('refuses bad data, naming the field', () => {
    expect(() => parseEdition({ ...revised, effectiveTo: '2027-01-01' }, 'x.json')).toThrow(
      '办法版本 x.json 格式错误：effectiveTo：有效期截止日早于实施日',
    );
    expect(() => parseEdition({ ...revised, quotas: { gold: {} } }, 'x.json')).toThrow(
      'quotas.district-head',
    );
    expect(() =>
      mergeEditions(
        [EDITION_2023],
        [parseEdition({ ...revised, appliesFrom: '2028-07-01', effectiveFrom: '2028-07-01' }, 't')],
      ),
    ).toThrow('重叠');
  });

  it('holds every number of the 2023 办法 (Art. 7, 12, 14–16, 18 (7), 19, 23, 25, 28) as data', () => {
    expect(EDITION_2023.eligibility).toEqual({
      district: '宝山区', // Art. 3
      operatingYears: 3, // Art. 14 (一)
      qualityWorkYears: 5, // Art. 15 (一)
      lookBackYears: 3, // Art. 14 ¶2 (一)(二), Art. 15 (四)
      cooldownYears: 3, // Art. 16 ¶1
      banYears: 3, // Art. 25
    });
    expect(EDITION_2023.expertMinYears).toBe(5); // Art. 12 (二)
    expect(EDITION_2023.postAwardReportYears).toBe(3); // Art. 23
  });

  it('refuses an edition without the eligibility numbers: no silent default', () => {
    const { eligibility: _dropped, ...withoutEligibility } = revised;
    expect(() => parseEdition(withoutEligibility, 'x.json')).toThrow('eligibility');
    expect(() =>
      parseEdition({ ...revised, eligibility: { ...revised.eligibility, banYears: -1 } }, 'x.json'),
    ).toThrow('eligibility.banYears：不能为负数');
  });

  it('domain/edition.ts reads no file: the editions are loaded at start-up and passed in', () => {
    const source = fs.readFileSync(new URL('../domain/edition.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from 'node:fs'|from 'fs'|readFileSync|readdirSync/);
  });

  it('reads a folder of edition files and refuses a file whose id differs from its name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-editions-'));
    try {
      fs.writeFileSync(path.join(dir, '2023.json'), JSON.stringify(EDITION_2023));
      fs.writeFileSync(path.join(dir, '2028.json'), JSON.stringify(revised));
      expect(readEditionsDir(dir).map((e) => e.id)).toEqual(['2023', '2028']);
      fs.writeFileSync(path.join(dir, '2030.json'), JSON.stringify({ ...revised, id: '2031' }));
      expect(() => readEditionsDir(dir)).toThrow('editions/2030.json 中的 id 是 2031');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
