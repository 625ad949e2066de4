import { TEMPLATES } from './templates.js';

// Art. 25: the 通报批评 notice takes the ban's years from the revocation's parameter, not a fixed 三年.
describe('revocation-notice (Art. 25)', () => {
  const notice = (revocationBanYears: number, banEndsOn: string) => {
    const t = TEMPLATES['revocation-notice'];
    return t.render(
      t.input.parse({
        holderName: '某公司',
        holderEmail: 'a@example.cn',
        awardYear: 2025,
        awardTitle: '宝山区质量金奖（先进质量管理模式）',
        revocationReason: 'fraudulent-materials',
        revocationDescription: '申报材料中的检测报告系伪造',
        revokedOn: '2028-02-29',
        banEndsOn,
        revocationBanYears,
      }),
      'revocation/x',
    ).text;
  };
  it('Art. 25: words the ban with the parameter’s years and the first day to apply again', () => {
    expect(notice(3, '2031-03-01')).toContain('自取消之日起三年内不再受理其申请，2031-03-01 起方可重新申报');
    expect(notice(5, '2033-03-01')).toContain('自取消之日起五年内不再受理其申请，2033-03-01 起方可重新申报');
  });
  it('refuses a notice without the ban years (no fixed default)', () => {
    expect(TEMPLATES['revocation-notice'].input.safeParse({ revocationBanYears: undefined }).success).toBe(
      false,
    );
  });
  it('Art. 25: 通报批评 also goes to the recommending unit and the committee, each addressed', () => {
    const t = TEMPLATES['revocation-notice'];
    const v = t.input.parse({
      holderName: '某公司',
      holderEmail: 'a@example.cn',
      awardYear: 2025,
      revocationReason: 'fraudulent-materials',
      revocationDescription: '申报材料中的检测报告系伪造',
      revokedOn: '2028-02-29',
      banEndsOn: '2031-03-01',
      revocationBanYears: 3,
      recommendingUnit: 'u1',
    });
    const copies = t.copies!(v, 'revocation/x');
    expect(copies.map((c) => c.group)).toEqual(['recommender-u1', 'committee']);
    expect(copies[0]!.text).toContain('取消贵单位推荐的某公司 2025 年度宝山区政府质量奖荣誉资格');
    expect(copies[1]!.text).toMatch(/^宝山区政府质量奖审定委员会：/);
    expect(copies[1]!.text).toContain('并予以通报批评');
    // an award imported from past years has no recommending unit: the committee is still told
    expect(t.copies!({ ...v, recommendingUnit: null }, 'revocation/x').map((c) => c.group)).toEqual([
      'committee',
    ]);
  });
});
