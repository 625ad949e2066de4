import { correctionCheckAt, correctionDueDate, correctionOrderText } from './title-misuse.js';

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
});
