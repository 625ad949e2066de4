import { retentionCutoff, retentionReportText } from './retention.js';

describe('retention — Art. 27', () => {
  it('keeps records ten years by default and more when the parameter says so', () => {
    expect(retentionCutoff('2036-11-28', 10)).toBe('2026-11-28');
    expect(retentionCutoff('2036-11-28', 15)).toBe('2021-11-28');
    expect(retentionCutoff('2036-02-29', 10)).toBe('2026-02-28');
  });

  it('refuses a retention shorter than ten years', () => {
    expect(() => retentionCutoff('2036-11-28', 9)).toThrow('不得少于 10 年');
  });

  it('lists every record for the office, or says there is none', () => {
    expect(retentionReportText([], '2016-01-01')).toContain('没有 2016-01-01 之前结束的');
    const text = retentionReportText(
      [
        {
          kind: 'engine:award-application',
          ref: 'pi-1',
          label: '申报流程 cycle-2014/A-1',
          at: '2014-06-01T02:00:00Z',
        },
        { kind: 'store:score_sheets', ref: '["a"]', label: '资料评审评分表 a', at: '2014-05-01T02:00:00Z' },
      ],
      '2016-01-01',
    );
    expect(text.split('\n')).toEqual([
      '以下 2 项资料在 2016-01-01 之前结束，已超过第二十七条规定的保存期限：',
      '1. 申报流程 cycle-2014/A-1（2014-06-01）',
      '2. 资料评审评分表 a（2014-05-01）',
    ]);
  });
});
