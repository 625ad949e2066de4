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
  it('qualifies five years, training and the pledge; names each missing condition', () => {
    expect(isQualified(PoolExpert.parse(base))).toBe(true);
    const failures = expertQualificationFailures(
      PoolExpert.parse({ ...base, yearsOfExperience: 4, trained: false, ethicsPledgeSigned: false }),
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
