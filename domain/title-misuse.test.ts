import fs from 'node:fs';
import {
  correctionCheckAt,
  correctionDueDate,
  correctionOrderText,
  MISUSE_KIND_NAMES,
  MISUSE_KINDS,
} from './title-misuse.js';

describe('title misuse — Art. 24', () => {
  it.each([
    ['2026-11-28', 'P15D', '2026-12-13'],
    ['2026-12-20', 'P15D', '2027-01-04'], // across the year end
    ['2026-01-31', 'P1M', '2026-03-03'], // UTC month arithmetic rolls over like Date
    ['2026-11-28', 'P2W', '2026-12-12'],
  ])('an order on %s with period %s is due on %s', (orderedOn, period, due) => {
    expect(correctionDueDate(orderedOn, period)).toBe(due);
  });

  it('refuses a period that is not a date-only ISO 8601 duration', () => {
    expect(() => correctionDueDate('2026-11-28', 'PT5H')).toThrow('不是有效的期限');
  });

  it('checks at the end of the due day in Shanghai', () => {
    expect(new Date(correctionCheckAt('2026-12-13')).toISOString()).toBe('2026-12-13T09:00:00.000Z');
  });

  it('names the article, the misuse and the deadline in the order', () => {
    const text = correctionOrderText({
      holderName: '某公司',
      misuseKind: 'product',
      evidence: '产品外壳印有获奖称号',
      requirements: '停止使用',
      dueDate: '2026-12-13',
      caseKey: 'title-misuse/x/1',
    });
    expect(text).toContain('第二十四条');
    expect(text).toContain('在产品上标注质量奖标志或获奖称号的情形：产品外壳印有获奖称号');
    expect(text).toContain('于 2026-12-13 前改正：停止使用');
    expect(text).toContain('编号：title-misuse/x/1');
  });

  it('Art. 24: the title used without the 获奖年度 is a case of misuse too, offered in the office’s form', () => {
    expect(MISUSE_KINDS).toContain('no-award-year');
    const text = correctionOrderText({
      holderName: '某公司',
      misuseKind: 'no-award-year',
      evidence: '官网首页写“宝山区质量金奖企业”，未标明获奖年度',
      requirements: '标明获奖年度',
      dueDate: '2026-12-13',
      caseKey: null,
    });
    expect(text).toContain('存在使用获奖称号未标明获奖年度的情形');
    expect(text).toContain('可在形象宣传中使用该称号并标明获奖年度');
    const form = JSON.parse(
      fs.readFileSync(new URL('../forms/title-misuse-start.form', import.meta.url), 'utf8'),
    ) as {
      components: { key?: string; values?: { label: string; value: string }[] }[];
    };
    const options = form.components.find((c) => c.key === 'misuseKind')?.values;
    expect(options).toEqual(MISUSE_KINDS.map((value) => ({ label: MISUSE_KIND_NAMES[value], value })));
  });
});
