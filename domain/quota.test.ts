import { EDITION_2023 } from '../config/test-editions.js';
import { type AwardCategory, type AwardClass, type PerAward } from './edition.js';
import { checkQuotas as check, QuotaCheckRequest, type QuotaAward } from './quota.js';

// The 2023 办法's quotas and caps unless a test gives others: the rules take them as input.
const checkQuotas = (
  awards: QuotaAward[],
  limits: PerAward = EDITION_2023.quotas,
  caps: PerAward = EDITION_2023.prizeCaps,
) => check(awards, limits, caps);

const awards = (awardClass: AwardClass, category: AwardCategory, n: number, prize?: number): QuotaAward[] =>
  Array.from({ length: n }, (_, i) => ({
    applicationId: `${awardClass}-${category}-${i + 1}`,
    awardClass,
    category,
    ...(prize === undefined ? {} : { prize }),
  }));

describe('checkQuotas — Art. 7 quotas', () => {
  it('accepts an empty list: every award may stay empty', () => {
    // Given no awards at all
    // When they are checked
    const result = checkQuotas([], EDITION_2023.quotas, EDITION_2023.prizeCaps);
    // Then nothing is violated and every count is zero
    expect(result).toEqual({
      ok: true,
      counts: { 'district-head': { model: 0, achievement: 0 }, gold: { model: 0, achievement: 0 } },
      violations: [],
    });
  });

  it.each<[AwardClass, AwardCategory, number]>([
    ['district-head', 'model', 2],
    ['district-head', 'achievement', 1],
    ['gold', 'model', 10],
    ['gold', 'achievement', 2],
  ])('%s %s: exactly %i passes, one more fails', (awardClass, category, limit) => {
    // Given exactly the quota of one class and category
    const atLimit = checkQuotas(awards(awardClass, category, limit));
    // Then it passes and is counted
    expect(atLimit.ok).toBe(true);
    expect(atLimit.counts[awardClass][category]).toBe(limit);
    expect(atLimit.violations).toEqual([]);

    // Given one award more
    const above = checkQuotas(awards(awardClass, category, limit + 1));
    // Then exactly one Art. 7 violation names the class, category, limit and count
    expect(above.ok).toBe(false);
    expect(above.violations).toEqual([
      expect.objectContaining({
        article: 7,
        code: 'quota_exceeded',
        awardClass,
        category,
        limit,
        actual: limit + 1,
      }),
    ]);
    expect(above.violations[0]).not.toHaveProperty('applicationId');
  });

  it('words the message in Chinese, naming the article, the award, the limit and the count', () => {
    // Given three 区长质量奖 models
    const result = checkQuotas(awards('district-head', 'model', 3));
    // Then the message reads as the office writes it
    expect(result.violations[0]?.message).toBe(
      '超过第七条名额：区长质量奖先进质量管理模式不超过 2 个，实际 3 个',
    );
  });

  it('counts every class and category on its own and reports each breach once', () => {
    // Given all four quotas filled, and gold achievements one over
    const list = [
      ...awards('district-head', 'model', 2),
      ...awards('district-head', 'achievement', 1),
      ...awards('gold', 'model', 10),
      ...awards('gold', 'achievement', 3),
    ];
    // When they are checked
    const result = checkQuotas(list, EDITION_2023.quotas, EDITION_2023.prizeCaps);
    // Then the counts are per class and category and only gold achievements are reported
    expect(result.counts).toEqual({
      'district-head': { model: 2, achievement: 1 },
      gold: { model: 10, achievement: 3 },
    });
    expect(result.violations.map((v) => [v.awardClass, v.category])).toEqual([['gold', 'achievement']]);
  });

  it('uses the limits it is given (a later edition)', () => {
    // Given a revision that allows no 区长质量奖 achievement
    const limits: PerAward = { ...EDITION_2023.quotas, 'district-head': { model: 2, achievement: 0 } };
    // When one is awarded
    const result = checkQuotas(awards('district-head', 'achievement', 1), limits);
    // Then it breaks the revised quota
    expect(result.violations).toEqual([expect.objectContaining({ article: 7, limit: 0, actual: 1 })]);
  });
});

describe('checkQuotas — Art. 19 prize caps', () => {
  it.each<[AwardClass, AwardCategory, number]>([
    ['district-head', 'model', 500_000],
    ['district-head', 'achievement', 20_000],
    ['gold', 'model', 100_000],
    ['gold', 'achievement', 10_000],
  ])('%s %s: a prize of exactly %i yuan passes, one yuan more fails', (awardClass, category, cap) => {
    // Given one award at its cap
    expect(checkQuotas(awards(awardClass, category, 1, cap))).toMatchObject({ ok: true, violations: [] });
    // Given one award a yuan above its cap
    const [award] = awards(awardClass, category, 1, cap + 1);
    const result = checkQuotas([award!], EDITION_2023.quotas, EDITION_2023.prizeCaps);
    // Then an Art. 19 violation names the application
    expect(result.ok).toBe(false);
    expect(result.violations).toEqual([
      {
        article: 19,
        code: 'prize_cap_exceeded',
        message: expect.stringContaining('第十九条') as unknown as string,
        awardClass,
        category,
        limit: cap,
        actual: cap + 1,
        applicationId: award!.applicationId,
      },
    ]);
  });

  it('words the message in Chinese with the application, the cap and the prize', () => {
    // Given a 区长质量奖 achievement with 25000 yuan
    const result = checkQuotas([
      { applicationId: 'A-7', awardClass: 'district-head', category: 'achievement', prize: 25_000 },
    ]);
    // Then the message names all of them
    expect(result.violations[0]?.message).toBe(
      '超过第十九条奖金上限：申报 A-7 的区长质量奖先进质量管理成果奖金不超过 20000 元，实际 25000 元',
    );
  });

  it('reports quota breaches before prize breaches, prizes in the order given; no prize is no breach', () => {
    // Given three 区长质量奖 models, two of them above the cap and one without a prize
    const list: QuotaAward[] = [
      { applicationId: 'M-1', awardClass: 'district-head', category: 'model', prize: 600_000 },
      { applicationId: 'M-2', awardClass: 'district-head', category: 'model' },
      { applicationId: 'M-3', awardClass: 'district-head', category: 'model', prize: 500_001 },
    ];
    // When they are checked
    const result = checkQuotas(list, EDITION_2023.quotas, EDITION_2023.prizeCaps);
    // Then the quota comes first, then M-1 and M-3
    expect(result.violations.map((v) => [v.article, v.applicationId])).toEqual([
      [7, undefined],
      [19, 'M-1'],
      [19, 'M-3'],
    ]);
  });
});

describe('QuotaCheckRequest', () => {
  const award = { applicationId: 'A-1', awardClass: 'gold', category: 'model' };
  const issuesOf = (body: unknown) => {
    const result = QuotaCheckRequest.safeParse(body);
    return result.success ? [] : result.error.issues.map((i) => i.path.map(String).join('.'));
  };

  it('accepts a valid list and trims the ids', () => {
    // Given a list with a padded id and a whole-yuan prize
    const parsed = QuotaCheckRequest.parse({
      awards: [{ ...award, applicationId: ' A-1 ', prize: 100_000 }],
    });
    // Then the id is trimmed and the prize kept
    expect(parsed.awards[0]).toEqual({ ...award, prize: 100_000 });
  });

  it.each<[string, unknown, string[]]>([
    [
      'the same id twice, at the duplicate',
      { awards: [award, { ...award, applicationId: 'B' }, award] },
      ['awards.2.applicationId'],
    ],
    [
      'the same id after trimming',
      { awards: [award, { ...award, applicationId: ' A-1' }] },
      ['awards.1.applicationId'],
    ],
    ['a negative prize', { awards: [{ ...award, prize: -1 }] }, ['awards.0.prize']],
    [
      'a duplicate beside a prize fault, both',
      { awards: [award, { ...award, applicationId: 'B', prize: -1 }, award] },
      ['awards.1.prize', 'awards.2.applicationId'],
    ],
    ['a prize in fen', { awards: [{ ...award, prize: 10.5 }] }, ['awards.0.prize']],
    ['a prize as text', { awards: [{ ...award, prize: '100' }] }, ['awards.0.prize']],
    ['an unknown class', { awards: [{ ...award, awardClass: 'silver' }] }, ['awards.0.awardClass']],
    ['an unknown category', { awards: [{ ...award, category: 'person' }] }, ['awards.0.category']],
    ['an empty id', { awards: [{ ...award, applicationId: '  ' }] }, ['awards.0.applicationId']],
    ['no list', {}, ['awards']],
  ])('refuses %s', (_case, body, paths) => {
    // Given a body that does not fit the contract
    // Then it is refused at the path of the fault
    expect(issuesOf(body)).toEqual(paths);
  });

  it('names the first occurrence in the duplicate message', () => {
    // Given A-1 at index 0 and 1
    const result = QuotaCheckRequest.safeParse({ awards: [award, award] });
    // Then the message says where it first appeared
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('awards.0');
  });
});
