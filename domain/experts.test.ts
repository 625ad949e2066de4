import { EDITION_2023 } from '../config/test-editions.js';
import { expertOption, expertQualificationFailures, isQualified, PoolExpert, splitList } from './experts.js';

const base = {
  id: 'zhang-san',
  name: '张三',
  yearsOfExperience: 6,
  trained: true,
  ethicsPledgeSigned: true,
  specialties: ['制造业'],
  email: 'zhang@example.cn',
};

describe('PoolExpert (Art. 10 (4), 12, 26)', () => {
  it('accepts an expert and defaults the lists', () => {
    expect(PoolExpert.parse({ ...base, specialties: undefined })).toEqual({
      ...base,
      specialties: [],
      conflicts: [],
    });
  });

  it('refuses an id that cannot be a log-in and a wrong credit code', () => {
    const result = PoolExpert.safeParse({
      ...base,
      id: '张三',
      organizationCreditCode: '91310113132203854D',
    });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['id', 'organizationCreditCode']);
  });
});

describe('qualification (Art. 12)', () => {
  it("Art. 12 (二): the least years are the edition's (5 in 2023, any other in a revision)", () => {
    const five = PoolExpert.parse({ ...base, yearsOfExperience: 5 });
    const four = PoolExpert.parse({ ...base, yearsOfExperience: 4 });
    expect(isQualified(five, EDITION_2023)).toBe(true);
    expect(isQualified(four, EDITION_2023)).toBe(false);
    expect(isQualified(five, { expertMinYears: 6 })).toBe(false);
    expect(expertQualificationFailures(five, { expertMinYears: 6 })).toEqual([
      '不符合第十二条第（二）项：评审人员应具有 6 年以上的质量管理、专业技术工作经历，该专家为 5 年',
    ]);
    expect(isQualified(four, { expertMinYears: 3 })).toBe(true);
  });

  it('qualifies five years, training and the pledge; names each missing condition', () => {
    expect(isQualified(PoolExpert.parse(base), EDITION_2023)).toBe(true);
    const failures = expertQualificationFailures(
      PoolExpert.parse({ ...base, yearsOfExperience: 4, trained: false, ethicsPledgeSigned: false }),
      EDITION_2023,
    );
    expect(failures.map((f) => f.slice(0, 12))).toEqual([
      '不符合第十二条第（二）项',
      '不符合第十二条第（三）项',
      '不符合第十二条第（四）项',
    ]);
  });

  it('shows an expert in the panel form with years and specialties', () => {
    expect(expertOption(PoolExpert.parse(base))).toEqual({
      label: '张三（zhang-san，6 年，制造业）',
      value: 'zhang-san',
    });
  });

  it('splits lists typed with 顿号, commas, semicolons or blanks', () => {
    expect(splitList('制造业、服务业;  建筑业，制造业')).toEqual(['制造业', '服务业', '建筑业']);
    expect(splitList(' ')).toEqual([]);
  });
});
