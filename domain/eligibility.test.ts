import { EDITION_2023 } from '../config/test-editions.js';
import {
  EligibilityRequest,
  atLeastYearsBefore,
  banEnds,
  checkEligibility as check,
  type EligibilityParams,
  declarationChecks,
  plusYears,
  minusYears,
  withinYearsBefore,
  type AwardRecord,
  type Individual,
  type Organization,
  type Sanction,
} from './eligibility.js';

const AS_OF = '2025-06-30';
// The numbers of the 2023 办法 (editions/2023.json): the rules take them as input.
const EDITION_2023_ELIGIBILITY = EDITION_2023.eligibility;
const checkEligibility = (
  applicant: Organization | Individual,
  asOf: string,
  params: EligibilityParams = EDITION_2023_ELIGIBILITY,
) => check(applicant, asOf, params);

// An organization and an individual that meet every rule on AS_OF; each case changes one thing.
const org = (patch: Partial<Organization> = {}): Organization => ({
  kind: 'organization',
  name: '上海宝山质量有限公司',
  creditCode: '914403001922038216',
  registeredDistrict: '宝山区',
  registrationDate: '2020-01-15',
  licensesValid: true,
  chiefQualityOfficer: true,
  sanctions: [],
  awards: [],
  municipalApplicationSameYear: false,
  ...patch,
});

const person = (patch: Partial<Individual> = {}): Individual => ({
  kind: 'individual',
  name: '张三',
  idNumber: '310113198506120015',
  worksInBaoshan: true,
  contributesToBaoshan: false,
  qualityWorkSince: '2010-03-01',
  seriousViolation: false,
  employer: { name: '上海宝山质量有限公司', creditCode: '914403001922038216', sanctions: [] },
  awards: [],
  municipalApplicationSameYear: false,
  ...patch,
});

const sanction = (type: Sanction['type'], date: string): Sanction => ({
  type,
  date,
  description: '测试记录',
});
const award = (
  level: AwardRecord['level'],
  category: AwardRecord['category'],
  year: number,
  revokedOn?: string,
) => ({ level, category, year, ...(revokedOn ? { revokedOn } : {}) }) as AwardRecord;
const codes = (applicant: Organization | Individual, asOf = AS_OF) =>
  checkEligibility(applicant, asOf).failures.map((f) => f.code);

describe('checkEligibility: the baseline applicants', () => {
  it('finds an organization that meets every rule eligible for model, with Art. 14 (3)(4) left to people', () => {
    // Given an organization meeting every rule
    // when it is checked
    const result = checkEligibility(org(), AS_OF);
    // then it is eligible for 先进质量管理模式 and Art. 14 (3) (4) are manual checks
    expect(result).toEqual({
      eligible: true,
      category: 'model',
      failures: [],
      manualChecks: [
        expect.objectContaining({ article: 14, clause: 3, code: 'art14-3-quality-management' }),
        expect.objectContaining({ article: 14, clause: 4, code: 'art14-4-business-performance' }),
      ],
    });
  });

  it('finds an individual that meets every rule eligible for achievement, with Art. 15 (2) left to people', () => {
    // Given an individual meeting every rule
    // when it is checked
    const result = checkEligibility(person(), AS_OF);
    // then it is eligible for 先进质量管理成果 and Art. 15 (2) is a manual check
    expect(result).toEqual({
      eligible: true,
      category: 'achievement',
      failures: [],
      manualChecks: [expect.objectContaining({ article: 15, clause: 2, code: 'art15-2-contribution' })],
    });
  });
});

describe('checkEligibility: organizations (Art. 3, 14, 16, 25)', () => {
  it.each<[string, Partial<Organization>, string, string[]]>([
    // Art. 3
    [
      'registered in another district',
      { registeredDistrict: '浦东新区' },
      AS_OF,
      ['art3-organization-district'],
    ],
    ['registered in 上海市宝山区', { registeredDistrict: '上海市宝山区' }, AS_OF, []],
    // Art. 14 basic (1): registration on or before asOf − 3 years
    ['registered exactly 3 years before asOf', { registrationDate: '2022-06-30' }, AS_OF, []],
    [
      'registered 3 years before asOf less one day',
      { registrationDate: '2022-07-01' },
      AS_OF,
      ['art14-1-operating-years'],
    ],
    ['registered on asOf', { registrationDate: AS_OF }, AS_OF, ['art14-1-operating-years']],
    ['registered after asOf', { registrationDate: '2025-07-01' }, AS_OF, ['art14-1-operating-years']],
    [
      'asOf Feb 29, registered Feb 28 three years before',
      { registrationDate: '2021-02-28' },
      '2024-02-29',
      [],
    ],
    [
      'asOf Feb 29, registered Mar 1 three years before',
      { registrationDate: '2021-03-01' },
      '2024-02-29',
      ['art14-1-operating-years'],
    ],
    [
      'registered Feb 29, asOf Feb 28 three years on',
      { registrationDate: '2020-02-29' },
      '2023-02-28',
      ['art14-1-operating-years'],
    ],
    ['registered Feb 29, asOf Mar 1 three years on', { registrationDate: '2020-02-29' }, '2023-03-01', []],
    ['registered Feb 29, asOf Feb 29 four years on', { registrationDate: '2020-02-29' }, '2024-02-29', []],
    // Art. 14 basic (2) and (5)
    ['licences not valid', { licensesValid: false }, AS_OF, ['art14-2-licenses']],
    ['no chief quality officer', { chiefQualityOfficer: false }, AS_OF, ['art14-5-chief-quality-officer']],
    // Art. 14 exclusions: each type within (asOf − 3 years, asOf]
    [
      'serious penalty',
      { sanctions: [sanction('serious-penalty', '2024-01-10')] },
      AS_OF,
      ['art14-exclusion-1-serious-penalty'],
    ],
    [
      'refused rectification',
      { sanctions: [sanction('rectification-refused', '2024-01-10')] },
      AS_OF,
      ['art14-exclusion-1-rectification-refused'],
    ],
    [
      'major accident',
      { sanctions: [sanction('major-accident', '2024-01-10')] },
      AS_OF,
      ['art14-exclusion-2-major-accident'],
    ],
    [
      'major complaint',
      { sanctions: [sanction('major-complaint', '2024-01-10')] },
      AS_OF,
      ['art14-exclusion-2-major-complaint'],
    ],
    [
      'other serious violation',
      { sanctions: [sanction('serious-violation', '2024-01-10')] },
      AS_OF,
      ['art14-exclusion-3-serious-violation'],
    ],
    [
      'sanction exactly 3 years before asOf',
      { sanctions: [sanction('serious-penalty', '2022-06-30')] },
      AS_OF,
      [],
    ],
    [
      'sanction 3 years before asOf less one day',
      { sanctions: [sanction('serious-penalty', '2022-07-01')] },
      AS_OF,
      ['art14-exclusion-1-serious-penalty'],
    ],
    [
      'sanction on asOf',
      { sanctions: [sanction('major-accident', AS_OF)] },
      AS_OF,
      ['art14-exclusion-2-major-accident'],
    ],
    ['sanction after asOf', { sanctions: [sanction('major-accident', '2025-07-01')] }, AS_OF, []],
    [
      'asOf Feb 29, sanction Feb 28 three years before',
      { sanctions: [sanction('serious-penalty', '2021-02-28')] },
      '2024-02-29',
      [],
    ],
    [
      'asOf Feb 29, sanction Mar 1 three years before',
      { sanctions: [sanction('serious-penalty', '2021-03-01')] },
      '2024-02-29',
      ['art14-exclusion-1-serious-penalty'],
    ],
    [
      'sanction Feb 29, asOf Feb 28 three years on',
      { sanctions: [sanction('serious-penalty', '2020-02-29')] },
      '2023-02-28',
      ['art14-exclusion-1-serious-penalty'],
    ],
    [
      'sanction Feb 29, asOf Mar 1 three years on',
      { sanctions: [sanction('serious-penalty', '2020-02-29')] },
      '2023-03-01',
      [],
    ],
    [
      'two sanctions in the window',
      { sanctions: [sanction('serious-penalty', '2024-01-10'), sanction('major-complaint', '2023-05-05')] },
      AS_OF,
      ['art14-exclusion-1-serious-penalty', 'art14-exclusion-2-major-complaint'],
    ],
    // Art. 16 ¶1: year(asOf) − award.year < 3 for a district award of the same category
    [
      'district model award 2 years ago',
      { awards: [award('district', 'model', 2023)] },
      AS_OF,
      ['art16-1-recent-award'],
    ],
    [
      'district model award in the asOf year',
      { awards: [award('district', 'model', 2025)] },
      AS_OF,
      ['art16-1-recent-award'],
    ],
    ['district model award 3 years ago', { awards: [award('district', 'model', 2022)] }, AS_OF, []],
    [
      'district model award 3 calendar years ago on Jan 1',
      { awards: [award('district', 'model', 2022)] },
      '2025-01-01',
      [],
    ],
    [
      'district model award 2 calendar years ago on Dec 31',
      { awards: [award('district', 'model', 2023)] },
      '2025-12-31',
      ['art16-1-recent-award'],
    ],
    ['district award of the other category', { awards: [award('district', 'achievement', 2024)] }, AS_OF, []],
    // Art. 16 ¶2: any municipal or national award not revoked by asOf
    [
      'municipal award long ago',
      { awards: [award('municipal', 'model', 2005)] },
      AS_OF,
      ['art16-2-higher-award'],
    ],
    [
      'national award of the other category',
      { awards: [award('national', 'achievement', 2015)] },
      AS_OF,
      ['art16-2-higher-award'],
    ],
    [
      'municipal award revoked before asOf',
      { awards: [award('municipal', 'model', 2015, '2016-01-01')] },
      AS_OF,
      [],
    ],
    ['municipal award revoked on asOf', { awards: [award('municipal', 'model', 2015, AS_OF)] }, AS_OF, []],
    [
      'municipal award revoked after asOf',
      { awards: [award('municipal', 'model', 2015, '2025-07-01')] },
      AS_OF,
      ['art16-2-higher-award'],
    ],
    // Art. 16 ¶3
    [
      'municipal application the same year',
      { municipalApplicationSameYear: true },
      AS_OF,
      ['art16-3-municipal-same-year'],
    ],
    // Art. 25: a district award revoked within (asOf − 3 years, asOf], any category
    [
      'district award revoked 1 year ago',
      { awards: [award('district', 'model', 2018, '2024-06-30')] },
      AS_OF,
      ['art25-revoked-award'],
    ],
    [
      'district award revoked exactly 3 years ago',
      { awards: [award('district', 'model', 2018, '2022-06-30')] },
      AS_OF,
      [],
    ],
    [
      'district award revoked 3 years ago less one day',
      { awards: [award('district', 'model', 2018, '2022-07-01')] },
      AS_OF,
      ['art25-revoked-award'],
    ],
    [
      'district award revoked after asOf',
      { awards: [award('district', 'model', 2018, '2025-07-01')] },
      AS_OF,
      [],
    ],
    [
      'district award of the other category revoked',
      { awards: [award('district', 'achievement', 2018, '2024-01-01')] },
      AS_OF,
      ['art25-revoked-award'],
    ],
    [
      'recent district award revoked',
      { awards: [award('district', 'model', 2023, '2024-01-01')] },
      AS_OF,
      ['art16-1-recent-award', 'art25-revoked-award'],
    ],
    // combinations
    [
      'everything wrong at once',
      {
        registeredDistrict: '嘉定区',
        registrationDate: '2024-01-01',
        licensesValid: false,
        chiefQualityOfficer: false,
        sanctions: [sanction('major-accident', '2025-01-01')],
        awards: [award('national', 'model', 2020), award('district', 'model', 2024)],
        municipalApplicationSameYear: true,
      },
      AS_OF,
      [
        'art3-organization-district',
        'art14-1-operating-years',
        'art14-2-licenses',
        'art14-5-chief-quality-officer',
        'art14-exclusion-2-major-accident',
        'art16-1-recent-award',
        'art16-2-higher-award',
        'art16-3-municipal-same-year',
      ],
    ],
    [
      'old records only',
      {
        sanctions: [sanction('major-accident', '2019-01-01')],
        awards: [award('district', 'model', 2019, '2020-01-01')],
      },
      AS_OF,
      [],
    ],
  ])('%s', (_name, patch, asOf, expected) => {
    // Given the baseline organization with one change
    // when it is checked on asOf
    const result = checkEligibility(org(patch), asOf);
    // then exactly the expected rules fail, and it is eligible only without failures
    expect(result.failures.map((f) => f.code)).toEqual(expected);
    expect(result.eligible).toBe(expected.length === 0);
    expect(result.category).toBe('model');
  });
});

describe('checkEligibility: individuals (Art. 3, 15, 16, 25)', () => {
  it.each<[string, Partial<Individual>, string, string[]]>([
    // Art. 3: works in or contributes to Baoshan
    [
      'neither works in nor contributes to Baoshan',
      { worksInBaoshan: false, contributesToBaoshan: false },
      AS_OF,
      ['art3-individual-baoshan'],
    ],
    ['only contributes to Baoshan', { worksInBaoshan: false, contributesToBaoshan: true }, AS_OF, []],
    ['works in and contributes to Baoshan', { worksInBaoshan: true, contributesToBaoshan: true }, AS_OF, []],
    // Art. 15 (1): quality work since on or before asOf − 5 years
    ['quality work exactly 5 years', { qualityWorkSince: '2020-06-30' }, AS_OF, []],
    [
      'quality work 5 years less one day',
      { qualityWorkSince: '2020-07-01' },
      AS_OF,
      ['art15-1-quality-work-years'],
    ],
    [
      'asOf Feb 29, quality work since Feb 28 five years before',
      { qualityWorkSince: '2019-02-28' },
      '2024-02-29',
      [],
    ],
    [
      'asOf Feb 29, quality work since Mar 1 five years before',
      { qualityWorkSince: '2019-03-01' },
      '2024-02-29',
      ['art15-1-quality-work-years'],
    ],
    [
      'quality work since Feb 29, asOf Feb 28 five years on',
      { qualityWorkSince: '2016-02-29' },
      '2021-02-28',
      ['art15-1-quality-work-years'],
    ],
    [
      'quality work since Feb 29, asOf Mar 1 five years on',
      { qualityWorkSince: '2016-02-29' },
      '2021-03-01',
      [],
    ],
    // Art. 15 (3)
    ['serious violation', { seriousViolation: true }, AS_OF, ['art15-3-serious-violation']],
    // Art. 15 (4): a major accident of the employer within (asOf − 3 years, asOf]
    [
      'employer major accident last year',
      {
        employer: {
          name: '某公司',
          creditCode: '91330100799655058B',
          sanctions: [sanction('major-accident', '2024-09-09')],
        },
      },
      AS_OF,
      ['art15-4-employer-major-accident'],
    ],
    [
      'employer major accident exactly 3 years ago',
      {
        employer: {
          name: '某公司',
          creditCode: '91330100799655058B',
          sanctions: [sanction('major-accident', '2022-06-30')],
        },
      },
      AS_OF,
      [],
    ],
    [
      'employer major accident 3 years ago less one day',
      {
        employer: {
          name: '某公司',
          creditCode: '91330100799655058B',
          sanctions: [sanction('major-accident', '2022-07-01')],
        },
      },
      AS_OF,
      ['art15-4-employer-major-accident'],
    ],
    [
      'employer major accident after asOf',
      {
        employer: {
          name: '某公司',
          creditCode: '91330100799655058B',
          sanctions: [sanction('major-accident', '2025-07-01')],
        },
      },
      AS_OF,
      [],
    ],
    [
      'employer penalty that is no accident',
      {
        employer: {
          name: '某公司',
          creditCode: '91330100799655058B',
          sanctions: [sanction('serious-penalty', '2024-09-09')],
        },
      },
      AS_OF,
      [],
    ],
    ['no employer', { employer: undefined }, AS_OF, []],
    // Art. 16 and 25 with the achievement category
    [
      'district achievement award 2 years ago',
      { awards: [award('district', 'achievement', 2023)] },
      AS_OF,
      ['art16-1-recent-award'],
    ],
    [
      'district achievement award 3 years ago',
      { awards: [award('district', 'achievement', 2022)] },
      AS_OF,
      [],
    ],
    ['district model award last year', { awards: [award('district', 'model', 2024)] }, AS_OF, []],
    ['national award', { awards: [award('national', 'achievement', 2019)] }, AS_OF, ['art16-2-higher-award']],
    [
      'municipal award revoked',
      { awards: [award('municipal', 'achievement', 2019, '2020-02-02')] },
      AS_OF,
      [],
    ],
    [
      'municipal application the same year',
      { municipalApplicationSameYear: true },
      AS_OF,
      ['art16-3-municipal-same-year'],
    ],
    [
      'district award revoked last year',
      { awards: [award('district', 'achievement', 2019, '2024-08-01')] },
      AS_OF,
      ['art25-revoked-award'],
    ],
    [
      'everything wrong at once',
      {
        worksInBaoshan: false,
        qualityWorkSince: '2023-01-01',
        seriousViolation: true,
        employer: {
          name: '某公司',
          creditCode: '91330100799655058B',
          sanctions: [sanction('major-accident', AS_OF)],
        },
        awards: [
          award('district', 'achievement', 2021, '2023-01-01'),
          award('municipal', 'achievement', 2024),
        ],
        municipalApplicationSameYear: true,
      },
      AS_OF,
      [
        'art3-individual-baoshan',
        'art15-1-quality-work-years',
        'art15-3-serious-violation',
        'art15-4-employer-major-accident',
        'art16-2-higher-award',
        'art16-3-municipal-same-year',
        'art25-revoked-award',
      ],
    ],
  ])('%s', (_name, patch, asOf, expected) => {
    // Given the baseline individual with one change
    // when it is checked on asOf
    const result = checkEligibility(person(patch), asOf);
    // then exactly the expected rules fail
    expect(result.failures.map((f) => f.code)).toEqual(expected);
    expect(result.eligible).toBe(expected.length === 0);
    expect(result.category).toBe('achievement');
  });
});

describe('checkEligibility: findings', () => {
  const ARTICLE_NAMES: Record<number, string> = {
    3: '第三条',
    14: '第十四条',
    15: '第十五条',
    16: '第十六条',
    25: '第二十五条',
  };

  it('names the article of every failure and manual check in Chinese', () => {
    // Given an organization and an individual failing every rule
    const badOrg = org({
      registeredDistrict: '嘉定区',
      registrationDate: AS_OF,
      licensesValid: false,
      chiefQualityOfficer: false,
      sanctions: [sanction('serious-penalty', AS_OF), sanction('serious-violation', AS_OF)],
      awards: [award('district', 'model', 2025, AS_OF), award('national', 'model', 2025)],
      municipalApplicationSameYear: true,
    });
    const badPerson = person({ worksInBaoshan: false, qualityWorkSince: AS_OF, seriousViolation: true });
    // when they are checked
    const findings = [badOrg, badPerson].flatMap((a) => {
      const r = checkEligibility(a, AS_OF);
      return [...r.failures, ...r.manualChecks];
    });
    // then every message contains its article's Chinese name and the code starts with the article
    expect(findings.length).toBeGreaterThan(12);
    for (const f of findings) {
      expect(f.message).toContain(ARTICLE_NAMES[f.article]);
      expect(f.code.startsWith(`art${f.article}-`)).toBe(true);
    }
  });

  it('words the operating-years failure as the 办法 does', () => {
    // Given an organization registered one day short of three years
    // when it is checked
    const [failure] = checkEligibility(org({ registrationDate: '2022-07-01' }), AS_OF).failures;
    // then the message names article, item and the latest admissible date
    expect(failure).toEqual({
      article: 14,
      clause: 1,
      code: 'art14-1-operating-years',
      message: '不符合第十四条第（一）项：正常运行未满三年（登记注册日期 2022-07-01，须不晚于 2022-06-30）',
    });
  });

  it('names the sanction and the employer in the messages', () => {
    // Given an individual whose employer had a major accident
    const applicant = person({
      employer: {
        name: '宝山钢铁',
        creditCode: '91330100799655058B',
        sanctions: [sanction('major-accident', '2024-09-09')],
      },
    });
    // when it is checked
    const [failure] = checkEligibility(applicant, AS_OF).failures;
    // then the message names the employer, date and description
    expect(failure?.message).toBe(
      '不符合第十五条第（四）项：所属组织“宝山钢铁”近三年内发生有重大社会影响的事故（2024-09-09：测试记录）',
    );
  });
});

describe('checkEligibility: parameters', () => {
  it('applies the parameters it is given, not the 2023 values', () => {
    // Given an edition with other periods and another district
    const params = {
      ...EDITION_2023_ELIGIBILITY,
      district: '嘉定区',
      operatingYears: 6,
      qualityWorkYears: 10,
      lookBackYears: 1,
      cooldownYears: 1,
      banYears: 1,
    };
    // when the baseline applicants and older records are checked with it
    const orgCodes = checkEligibility(
      org({
        sanctions: [sanction('serious-penalty', '2024-01-01')],
        awards: [award('district', 'model', 2024, '2024-03-03')],
      }),
      AS_OF,
      params,
    ).failures.map((f) => f.code);
    const personCodes = checkEligibility(
      person({ qualityWorkSince: '2016-01-01' }),
      AS_OF,
      params,
    ).failures.map((f) => f.code);
    // then the district and periods of the parameters decide
    expect(orgCodes).toEqual(['art3-organization-district', 'art14-1-operating-years']);
    expect(personCodes).toEqual(['art15-1-quality-work-years']);
    // and under the 2023 edition the same records fail the look-back, cool-down and ban
    expect(
      codes(
        org({
          sanctions: [sanction('serious-penalty', '2024-01-01')],
          awards: [award('district', 'model', 2024, '2024-03-03')],
        }),
      ),
    ).toEqual(['art14-exclusion-1-serious-penalty', 'art16-1-recent-award', 'art25-revoked-award']);
  });
});

describe('date windows', () => {
  it.each([
    ['2025-06-30', 3, '2022-06-30'],
    ['2024-02-29', 3, '2021-02-28'],
    ['2024-02-29', 4, '2020-02-29'],
    ['2023-03-01', 3, '2020-03-01'],
    ['2025-01-01', 5, '2020-01-01'],
  ])('%s minus %i years is %s', (date, n, expected) => {
    // Given a date and a number of years
    // when the years are subtracted
    // then Feb 29 falls back to Feb 28 in a common year
    expect(minusYears(date, n)).toBe(expected);
  });

  it.each([
    ['2022-06-30', false, true],
    ['2022-07-01', true, false],
    ['2025-06-30', true, false],
    ['2025-07-01', false, false],
  ])('%s: within 3 years before 2025-06-30 %p, at least 3 years before %p', (date, within, atLeast) => {
    // Given a date around the edges of the window (2022-06-30, 2025-06-30]
    // when it is placed
    // then the window is open at the start and closed at asOf
    expect(withinYearsBefore(date, AS_OF, 3)).toBe(within);
    expect(atLeastYearsBefore(date, AS_OF, 3)).toBe(atLeast);
  });
});

describe('EligibilityRequest schema', () => {
  const body = (applicant: unknown, asOf: unknown = AS_OF) => ({ asOf, applicant });
  const issues = (data: unknown) =>
    (EligibilityRequest.safeParse(data).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

  it('accepts both applicant kinds and normalizes identifiers', () => {
    // Given valid requests, one with a lower-case credit code
    // when they are parsed
    const parsedOrg = EligibilityRequest.parse(body({ ...org(), creditCode: '91330100799655058b' }));
    const parsedPerson = EligibilityRequest.parse(body(person()));
    // then they come back typed, the code upper-cased
    expect(parsedOrg.applicant.kind === 'organization' && parsedOrg.applicant.creditCode).toBe(
      '91330100799655058B',
    );
    expect(parsedPerson.applicant).toEqual(person());
  });

  it.each<[string, unknown, [string, string][]]>([
    [
      'bad credit code',
      body({ ...org(), creditCode: '914403001922038217' }),
      [['applicant.creditCode', '统一社会信用代码校验位错误']],
    ],
    [
      'bad id number',
      body({ ...person(), idNumber: '310113198506120016' }),
      [['applicant.idNumber', '居民身份证号码校验位错误']],
    ],
    [
      'bad employer credit code',
      body({ ...person(), employer: { name: 'x', creditCode: '91310113MA1GKR4W34', sanctions: [] } }),
      [['applicant.employer.creditCode', '统一社会信用代码校验位错误']],
    ],
    ['no such day', body(org(), '2023-02-29'), [['asOf', '预审日期（asOf）不是有效日期']]],
    [
      'date in another format',
      body(org(), '2025/06/30'),
      [['asOf', '预审日期（asOf）应为 YYYY-MM-DD 格式的日期']],
    ],
    ['missing asOf', { applicant: org() }, [['asOf', '缺少预审日期（asOf）']]],
    [
      'unknown kind',
      body({ ...org(), kind: 'company' }),
      [['applicant.kind', '申报主体类型（kind）应为 organization 或 individual']],
    ],
    [
      'registration date not a day',
      body(org({ registrationDate: '2021-13-01' })),
      [['applicant.registrationDate', '登记注册日期不是有效日期']],
    ],
    [
      'bad sanction type',
      body(org({ sanctions: [{ type: 'fine', date: AS_OF, description: 'x' } as never] })),
      [
        [
          'applicant.sanctions.0.type',
          '处罚或事故类型应为 serious-penalty、rectification-refused、major-accident、major-complaint、serious-violation 之一',
        ],
      ],
    ],
    [
      'fractional award year',
      body(org({ awards: [{ level: 'district', category: 'model', year: 2020.5 }] })),
      [['applicant.awards.0.year', '获奖年份应为整数']],
    ],
    [
      'revoked before it was won',
      body(org({ awards: [award('district', 'model', 2020, '2019-12-31')] })),
      [['applicant.awards.0.revokedOn', '撤销日期不能早于获奖年份']],
    ],
    [
      'flag not boolean',
      body({ ...org(), licensesValid: 'yes' }),
      [['applicant.licensesValid', '资质证照是否有效（licensesValid）应为 true 或 false']],
    ],
    [
      'missing sanctions',
      body({ ...org(), sanctions: undefined }),
      [['applicant.sanctions', '缺少处罚与事故记录（sanctions）']],
    ],
    ['empty name', body(person({ name: '  ' })), [['applicant.name', '姓名不能为空']]],
  ])('rejects %s', (_name, data, expected) => {
    // Given a request with one problem
    // when it is parsed
    // then the problem is reported at its dotted path, in Chinese
    expect(issues(data)).toEqual(expected);
  });
});

// contracts.md, POST /api/eligibility/check, edition 2 of the eligibility rules: every boundary, both sides.
describe('contract edition 2: Art. 14 ¶2 (三) has no time window', () => {
  it.each<[string, string, string, string[]]>([
    [
      'a serious violation 40 years before asOf',
      'serious-violation',
      '1985-01-01',
      ['art14-exclusion-3-serious-violation'],
    ],
    [
      'a serious violation exactly 3 years before asOf',
      'serious-violation',
      '2022-06-30',
      ['art14-exclusion-3-serious-violation'],
    ],
    [
      'a serious violation 3 years less a day before asOf',
      'serious-violation',
      '2022-07-01',
      ['art14-exclusion-3-serious-violation'],
    ],
    ['a serious violation on asOf', 'serious-violation', AS_OF, ['art14-exclusion-3-serious-violation']],
    [
      'a serious violation after asOf',
      'serious-violation',
      '2025-07-01',
      ['art14-exclusion-3-serious-violation'],
    ],
    // (一)(二) keep their three-year window: the other side of the same dates
    ['a serious penalty 40 years before asOf', 'serious-penalty', '1985-01-01', []],
    ['a major complaint exactly 3 years before asOf', 'major-complaint', '2022-06-30', []],
    [
      'a major complaint 3 years less a day before asOf',
      'major-complaint',
      '2022-07-01',
      ['art14-exclusion-2-major-complaint'],
    ],
  ])('Art. 14 ¶2: %s', (_name, type, date, expected) => {
    // Given an organization with one sanction of that type and date
    const applicant = org({ sanctions: [sanction(type as Sanction['type'], date)] });
    // when it is checked on AS_OF
    // then exactly the expected exclusion applies
    expect(codes(applicant)).toEqual(expected);
  });

  it('Art. 14 ¶2 (三): words a serious violation without “近三年”', () => {
    const [failure] = checkEligibility(
      org({ sanctions: [sanction('serious-violation', '2001-03-04')] }),
      AS_OF,
    ).failures;
    expect(failure).toEqual({
      article: 14,
      clause: 3,
      code: 'art14-exclusion-3-serious-violation',
      message:
        '属于第十四条第二款第（三）项不得申请的情形：有其他严重违反法律法规、规章和其它规定的行为（2001-03-04：测试记录）',
    });
  });
});

describe('contract edition 2: Art. 16 ¶1 counts from the award date', () => {
  const dated = (
    year: number,
    awardedOn: string,
    category: AwardRecord['category'] = 'model',
  ): AwardRecord => ({
    level: 'district',
    category,
    year,
    awardedOn,
  });
  it.each<[string, AwardRecord, string, string[]]>([
    [
      'the day before the third anniversary',
      dated(2022, '2022-07-01'),
      '2025-06-30',
      ['art16-1-recent-award'],
    ],
    ['on the third anniversary', dated(2022, '2022-07-01'), '2025-07-01', []],
    ['on the award date', dated(2025, '2025-01-10'), '2025-01-10', ['art16-1-recent-award']],
    ['before the award date', dated(2025, '2025-01-10'), '2024-12-31', ['art16-1-recent-award']],
    // the date decides, not the calendar years: three calendar years but not three years since the 发文
    [
      'three calendar years, not three years since the 发文',
      dated(2022, '2022-12-20'),
      '2025-06-30',
      ['art16-1-recent-award'],
    ],
    ['a 发文 in the following January', dated(2022, '2023-01-05'), '2026-01-04', ['art16-1-recent-award']],
    ['a 发文 in the following January, on the anniversary', dated(2022, '2023-01-05'), '2026-01-05', []],
    // 29 February: the bar ends on 1 March of a common year
    [
      'awarded 29 Feb, on 28 Feb three years on',
      dated(2024, '2024-02-29'),
      '2027-02-28',
      ['art16-1-recent-award'],
    ],
    ['awarded 29 Feb, on 1 Mar three years on', dated(2024, '2024-02-29'), '2027-03-01', []],
    ['awarded 28 Feb, on 28 Feb three years on', dated(2024, '2024-02-28'), '2027-02-28', []],
    [
      'awarded 28 Feb, on 27 Feb three years on',
      dated(2024, '2024-02-28'),
      '2027-02-27',
      ['art16-1-recent-award'],
    ],
    [
      'awarded 1 Mar of a leap year, on 28 Feb three years on',
      dated(2024, '2024-03-01'),
      '2027-02-28',
      ['art16-1-recent-award'],
    ],
    [
      'the other category, the day after the award',
      dated(2025, '2025-01-10', 'achievement'),
      '2025-01-11',
      [],
    ],
  ])('Art. 16 ¶1: %s', (_name, award, asOf, expected) => {
    // Given an organization holding one dated district award
    // when it is checked on asOf
    // then Art. 16 ¶1 fails exactly while asOf is before the same calendar day three years on
    expect(codes(org({ awards: [award] }), asOf)).toEqual(expected);
  });

  it('Art. 16 ¶1: the bar ends on 1 March after an award on 29 February with four years (a leap year again: 29 Feb)', () => {
    const params = { ...EDITION_2023_ELIGIBILITY, cooldownYears: 4 };
    const applicant = org({ awards: [dated(2024, '2024-02-29')] });
    expect(checkEligibility(applicant, '2028-02-28', params).failures.map((f) => f.code)).toEqual([
      'art16-1-recent-award',
    ]);
    expect(checkEligibility(applicant, '2028-02-29', params).failures).toEqual([]);
  });

  it('Art. 16 ¶1: tells the first day the same category may be applied for again', () => {
    const [failure] = checkEligibility(org({ awards: [dated(2024, '2024-02-29')] }), '2026-05-01').failures;
    expect(failure?.message).toContain('自 2027-03-01 起方可申报');
    expect(failure?.message).toContain('发文日期 2024-02-29');
  });

  it.each<[string, number, string, string[], string[]]>([
    ['2 calendar years: a failure', 2023, '2025-12-31', ['art16-1-recent-award'], []],
    ['in the asOf year: a failure', 2025, '2025-01-01', ['art16-1-recent-award'], []],
    ['a later year than asOf: a failure', 2026, '2025-06-30', ['art16-1-recent-award'], []],
    [
      'exactly 3 calendar years, 1 Jan: the date decides, a manual check',
      2022,
      '2025-01-01',
      [],
      ['art16-1-award-date-unknown'],
    ],
    [
      'exactly 3 calendar years, 31 Dec: a manual check',
      2022,
      '2025-12-31',
      [],
      ['art16-1-award-date-unknown'],
    ],
    ['4 calendar years: neither', 2021, '2025-01-01', [], []],
  ])('Art. 16 ¶1 without awardedOn: %s', (_name, year, asOf, failures, manual) => {
    // Given an organization holding a district award of a past year whose 发文 date is not known
    const result = checkEligibility(org({ awards: [award('district', 'model', year)] }), asOf);
    // then the calendar years decide, and exactly three leave it to the office
    expect(result.failures.map((f) => f.code)).toEqual(failures);
    expect(result.manualChecks.filter((f) => f.article === 16).map((f) => f.code)).toEqual(manual);
    expect(result.eligible).toBe(failures.length === 0);
  });

  it('Art. 16 ¶1 without awardedOn: the manual check names the article and the award', () => {
    const result = checkEligibility(
      person({ awards: [award('district', 'achievement', 2022)] }),
      '2025-03-01',
    );
    expect(result.manualChecks).toContainEqual({
      article: 16,
      clause: 1,
      code: 'art16-1-award-date-unknown',
      message: expect.stringContaining(
        '第十六条第一款须人工审查：2022 年区级先进质量管理成果奖项未登记获奖发文日期',
      ),
    });
  });
});

describe('contract edition 2: Art. 25 counts from the revocation date, shown as the first day to apply again', () => {
  it.each<[string, string, string, string[]]>([
    ['the day before the third anniversary', '2022-07-01', '2025-06-30', ['art25-revoked-award']],
    ['on the third anniversary', '2022-07-01', '2025-07-01', []],
    ['on the revocation day', '2025-06-30', '2025-06-30', ['art25-revoked-award']],
    ['revoked 29 Feb, on 28 Feb three years on', '2024-02-29', '2027-02-28', ['art25-revoked-award']],
    ['revoked 29 Feb, on 1 Mar three years on', '2024-02-29', '2027-03-01', []],
  ])('Art. 25: %s', (_name, revokedOn, asOf, expected) => {
    const applicant = org({ awards: [award('district', 'model', 2015, revokedOn)] });
    expect(codes(applicant, asOf)).toEqual(expected);
  });

  it('Art. 25: names the first day the applicant may apply again', () => {
    const [failure] = checkEligibility(
      person({ awards: [award('district', 'achievement', 2020, '2024-02-29')] }),
      '2026-01-01',
    ).failures;
    expect(failure).toMatchObject({ article: 25, code: 'art25-revoked-award' });
    expect(failure?.message).toContain('自 2027-03-01 起方可再次申请');
    expect(banEnds('2024-02-29', EDITION_2023_ELIGIBILITY)).toBe('2027-03-01');
  });
});

describe('plusYears: the same calendar day N years later', () => {
  it.each([
    ['2022-07-01', 3, '2025-07-01'],
    ['2024-02-29', 3, '2027-03-01'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2023-12-31', 1, '2024-12-31'],
    ['2023-02-28', 1, '2024-02-28'],
  ])('%s + %d years is %s', (date, n, expected) => {
    expect(plusYears(date, n)).toBe(expected);
  });
});

describe('contract edition 2: the awardedOn field', () => {
  const body = (awardFields: Record<string, unknown>) => ({
    asOf: AS_OF,
    applicant: { ...org(), awards: [{ level: 'district', category: 'model', year: 2023, ...awardFields }] },
  });
  it('accepts an award with its 发文 date and keeps it', () => {
    const parsed = EligibilityRequest.parse(body({ awardedOn: '2023-12-20' }));
    expect(parsed.applicant.awards[0]?.awardedOn).toBe('2023-12-20');
  });
  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'no date',
      { awardedOn: '2023-02-30' },
      'applicant.awards.0.awardedOn',
      '获奖发文日期（awardedOn）不是有效日期',
    ],
    [
      'not text',
      { awardedOn: 20231220 },
      'applicant.awards.0.awardedOn',
      '获奖发文日期（awardedOn）应为 YYYY-MM-DD 格式的日期',
    ],
    [
      'before the award year',
      { awardedOn: '2022-12-31' },
      'applicant.awards.0.awardedOn',
      '获奖发文日期不能早于获奖年份',
    ],
    [
      'revoked before the 发文',
      { awardedOn: '2023-12-20', revokedOn: '2023-12-19' },
      'applicant.awards.0.revokedOn',
      '撤销日期不能早于获奖发文日期',
    ],
  ])('refuses an award date that is %s, naming the field', (_name, fields, path, message) => {
    const result = EligibilityRequest.safeParse(body(fields));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([
      { path, message },
    ]);
  });
});

describe('declarationChecks: Art. 14 ¶2 and 16 ¶2 are judged from the declarations by the office', () => {
  it('lists Art. 14 ¶2 and Art. 16 ¶2 for an organization, counting what it declared', () => {
    const checks = declarationChecks(
      org({
        sanctions: [sanction('serious-penalty', '2010-01-01')],
        awards: [award('municipal', 'model', 2015)],
      }),
    );
    expect(checks.map((c) => [c.article, c.clause, c.code])).toEqual([
      [14, undefined, 'art14-exclusions-declared'],
      [16, 2, 'art16-2-higher-award-declared'],
    ]);
    expect(checks[0]?.message).toContain('第十四条第二款须人工审查');
    expect(checks[0]?.message).toContain('已声明 1 条');
    expect(checks[1]?.message).toContain('第十六条第二款须人工审查');
  });
  it('lists only Art. 16 ¶2 for an individual (Art. 14 is the organizations’ article)', () => {
    expect(declarationChecks(person()).map((c) => c.code)).toEqual(['art16-2-higher-award-declared']);
  });
});
