import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvTable, CsvTableError, decodeText, parseCsv } from './csv.js';
import { readExpertFile } from '../experts-import.js';
import { readRegistryFile } from '../registry-import.js';

// 宝山区 in GBK (as Excel on a Chinese Windows saves "CSV")
const GBK_BAOSHAN = [0xb1, 0xa6, 0xc9, 0xbd, 0xc7, 0xf8];

describe('the imports CSV reader (scripts/lib/csv.ts)', () => {
  it('reads UTF-8 with and without a BOM, and GBK', () => {
    // Given the same text in the three encodings people's tools write
    const utf8 = Buffer.from('name\n宝山区\n', 'utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    const gbk = Buffer.from([...Buffer.from('name\n'), ...GBK_BAOSHAN, 0x0a]);
    // When each is decoded, Then all read the same
    for (const bytes of [utf8, bom, gbk]) expect(decodeText(bytes)).toBe('name\n宝山区\n');
  });

  it('checks the header against the columns, naming each problem', () => {
    const records = parseCsv('kind,name,kind,extra\naward,甲,award,x\n');
    expect(() => csvTable(records, { columns: ['kind', 'name'], required: ['id'] })).toThrow(CsvTableError);
    try {
      csvTable(records, { columns: ['kind', 'name'], required: ['id'] });
    } catch (err) {
      expect((err as CsvTableError).problems.map((p) => p.message)).toEqual([
        '列“kind”重复',
        '未知的列“extra”',
        '表头缺少 id 列',
      ]);
    }
  });

  it('is the reader of both imports: a GBK file imports with its Chinese intact', () => {
    // Given a registry file and an expert file saved as GBK
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-gbk-'));
    try {
      const registry = path.join(dir, 'registry.csv');
      fs.writeFileSync(
        registry,
        Buffer.from([...Buffer.from('kind,name\norganization,'), ...GBK_BAOSHAN, 0x0a]),
      );
      const experts = path.join(dir, 'experts.csv');
      fs.writeFileSync(experts, Buffer.from([...Buffer.from('id,name\ne1,'), ...GBK_BAOSHAN, 0x0a]));
      // When both importers read them, Then the names are 宝山区
      expect(readRegistryFile(registry).rows[0]?.data).toEqual({ kind: 'organization', name: '宝山区' });
      expect(readExpertFile(experts).rows[0]?.data).toEqual({ id: 'e1', name: '宝山区' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
