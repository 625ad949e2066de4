import { formatAwardLines, parseAwardLines, sameAwardLines, type AwardEntry } from './awards.js';

const ORG: AwardEntry = {
  applicationId: 'cycle-2033/D-001',
  category: 'model',
  awardClass: 'district-head',
  prize: 500000,
  applicantName: '上海宝山一号制造有限公司',
  applicantKind: 'organization',
  creditCode: '91310113MA1GKQ0A5Q',
  email: 'd-001@example.cn',
  executives: [{ name: '王总' }],
};
const PERSON: AwardEntry = {
  applicationId: 'cycle-2033/P-001',
  category: 'achievement',
  awardClass: 'gold',
  prize: 10000,
  applicantName: '张三',
  applicantKind: 'individual',
  idNumber: '11010519491231002X',
};
const candidates = [ORG, PERSON].map(({ awardClass: _c, category: _k, prize: _p, ...rest }) => rest);

describe('the award list as lines the office edits (Art. 2, 7, 19)', () => {
  it('formats the list and reads the same list back', () => {
    const lines = formatAwardLines([ORG, PERSON]);
    expect(lines.split('\n')[1]).toBe('cycle-2033/D-001 | 区长质量奖 | 500000 | 上海宝山一号制造有限公司');
    expect(parseAwardLines(lines, candidates)).toEqual({ ok: true, awards: [ORG, PERSON] });
  });

  it('takes an edited class and prize, a short id, full-width bars and thousands separators', () => {
    const parsed = parseAwardLines(
      'D-001 ｜ 质量金奖 ｜ 100,000 元\n\n# 注释\nP-001|区长奖|20000',
      candidates,
    );
    expect(parsed).toEqual({
      ok: true,
      awards: [
        { ...ORG, awardClass: 'gold', prize: 100000 },
        { ...PERSON, awardClass: 'district-head', prize: 20000 },
      ],
    });
  });

  it('derives the category from the applicant (Art. 2), not from the line', () => {
    const parsed = parseAwardLines('P-001 | 质量金奖 | 5000', candidates);
    expect(parsed.ok && parsed.awards[0]!.category).toBe('achievement');
  });

  it('names the line of an unknown application, a wrong class and a bad prize', () => {
    expect(parseAwardLines('X-9 | 质量金奖 | 1\nD-001 | 银奖 | 1\nP-001 | 金奖 | 1.5', candidates)).toEqual({
      ok: false,
      problems: [
        '第 1 行：申报编号“X-9”不在综合评价名单中',
        '第 2 行：奖项等级“银奖”应为“区长质量奖”或“质量金奖”（第七条）',
        '第 3 行：奖金“1.5”应为不带小数的元数（第十九条）',
      ],
    });
  });

  it('treats texts that differ only in blanks as the same list', () => {
    const lines = formatAwardLines([ORG]);
    expect(sameAwardLines(lines, `${lines.replace(/ \| /g, '|')}\n`)).toBe(true);
    expect(sameAwardLines(lines, lines.replace('500000', '400000'))).toBe(false);
  });
});
