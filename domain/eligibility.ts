// Art. 2, 3, 14, 15, 16, 25: the 资格预审 of an applicant (contracts.md POST /api/eligibility/check).
import { z } from 'zod';
import { CreditCode, IdNumber, isCalendarDate } from './identifiers.js';
import { AWARD_CATEGORIES, type AwardCategory, type EditionEligibility } from './edition.js';

/** The rule numbers of one edition of the 办法 (editions/*.json); the rules take them as input, never as constants. */
export type EligibilityParams = EditionEligibility;

// ---------------------------------------------------------------------------------------------
// Schemas (contracts.md); every message is Chinese and names the field.

const text = (label: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为文本`) })
    .trim()
    .min(1, `${label}不能为空`);

const flag = (label: string) =>
  z.boolean({ error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为 true 或 false`) });

const list = <T extends z.ZodType>(item: T, label: string) =>
  z.array(item, { error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为数组`) });

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, {
    error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为 ${values.join('、')} 之一`),
  });

/** A date `YYYY-MM-DD` naming a real day (1900 or later). */
export const isoDate = (label: string) =>
  z
    .string({
      error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为 YYYY-MM-DD 格式的日期`),
    })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${label}应为 YYYY-MM-DD 格式的日期`, abort: true })
    .refine(isCalendarDate, { message: `${label}不是有效日期`, abort: true })
    .refine((s) => s >= '1900-01-01', `${label}不能早于 1900 年`);

export const SANCTION_TYPES = [
  'serious-penalty',
  'rectification-refused',
  'major-accident',
  'major-complaint',
  'serious-violation',
] as const;
export type SanctionType = (typeof SANCTION_TYPES)[number];

export const Sanction = z.object({
  type: oneOf(SANCTION_TYPES, '处罚或事故类型'),
  date: isoDate('处罚或事故日期'),
  description: text('处罚或事故说明'),
});
export type Sanction = z.infer<typeof Sanction>;

export const AWARD_LEVELS = ['district', 'municipal', 'national'] as const;

export const AwardRecord = z
  .object({
    level: oneOf(AWARD_LEVELS, '奖项级别'),
    category: oneOf(AWARD_CATEGORIES, '奖项类别'),
    year: z
      .number({ error: (iss) => (iss.input === undefined ? '缺少获奖年份' : '获奖年份应为整数') })
      .int('获奖年份应为整数')
      .min(1900, '获奖年份应在 1900–2999 之间')
      .max(2999, '获奖年份应在 1900–2999 之间'),
    /** The date of the announcement (发文) that conferred the award (contracts.md, edition 2). */
    awardedOn: isoDate('获奖发文日期（awardedOn）').optional(),
    revokedOn: isoDate('撤销日期').optional(),
    title: z.string({ error: '奖项名称应为文本' }).trim().optional(),
  })
  .refine((a) => a.awardedOn === undefined || Number(a.awardedOn.slice(0, 4)) >= a.year, {
    message: '获奖发文日期不能早于获奖年份',
    path: ['awardedOn'],
  })
  .refine((a) => a.revokedOn === undefined || Number(a.revokedOn.slice(0, 4)) >= a.year, {
    message: '撤销日期不能早于获奖年份',
    path: ['revokedOn'],
  })
  .refine((a) => a.revokedOn === undefined || a.awardedOn === undefined || a.revokedOn >= a.awardedOn, {
    message: '撤销日期不能早于获奖发文日期',
    path: ['revokedOn'],
  });
export type AwardRecord = z.infer<typeof AwardRecord>;

export const Organization = z.object({
  kind: z.literal('organization'),
  name: text('组织名称'),
  creditCode: CreditCode,
  registeredDistrict: text('注册登记地'),
  registrationDate: isoDate('登记注册日期'),
  licensesValid: flag('资质证照是否有效（licensesValid）'),
  chiefQualityOfficer: flag('是否实施首席质量官制度（chiefQualityOfficer）'),
  sanctions: list(Sanction, '处罚与事故记录（sanctions）'),
  awards: list(AwardRecord, '获奖记录（awards）'),
  municipalApplicationSameYear: flag('是否同年申报市政府质量奖（municipalApplicationSameYear）'),
});
export type Organization = z.infer<typeof Organization>;

export const Employer = z.object({
  name: text('所属组织名称'),
  creditCode: CreditCode,
  sanctions: list(Sanction, '所属组织的处罚与事故记录（sanctions）'),
});
export type Employer = z.infer<typeof Employer>;

export const Individual = z.object({
  kind: z.literal('individual'),
  name: text('姓名'),
  idNumber: IdNumber,
  worksInBaoshan: flag('是否在宝山区从事质量工作（worksInBaoshan）'),
  contributesToBaoshan: flag('是否为宝山区质量工作做出贡献（contributesToBaoshan）'),
  qualityWorkSince: isoDate('从事质量工作起始日期'),
  seriousViolation: flag('是否有严重违法行为（seriousViolation）'),
  employer: Employer.optional(),
  awards: list(AwardRecord, '获奖记录（awards）'),
  municipalApplicationSameYear: flag('是否同年申报市政府质量奖（municipalApplicationSameYear）'),
});
export type Individual = z.infer<typeof Individual>;

export const Applicant = z.discriminatedUnion('kind', [Organization, Individual], {
  error: (iss) =>
    iss.code === 'invalid_union' ? '申报主体类型（kind）应为 organization 或 individual' : undefined,
});
export type Applicant = z.infer<typeof Applicant>;

export const EligibilityRequest = z.object(
  { asOf: isoDate('预审日期（asOf）'), applicant: Applicant },
  { error: '请求体应为 JSON 对象' },
);
export type EligibilityRequest = z.infer<typeof EligibilityRequest>;

// ---------------------------------------------------------------------------------------------
// The rules.

export interface Finding {
  article: number;
  clause?: number;
  code: string;
  message: string;
}

export interface EligibilityResult {
  eligible: boolean;
  category: AwardCategory;
  failures: Finding[];
  manualChecks: Finding[];
}

/** The day n years before date (YYYY-MM-DD); Feb 29 becomes Feb 28 in a common year (month end). */
export function minusYears(date: string, n: number): string {
  const year = Number(date.slice(0, 4)) - n;
  let monthDay = date.slice(4);
  if (monthDay === '-02-29' && !isCalendarDate(`${String(year).padStart(4, '0')}-02-29`)) monthDay = '-02-28';
  return `${String(year).padStart(4, '0')}${monthDay}`;
}

/**
 * The same calendar day n years after date (YYYY-MM-DD): the first day after a period of n years that
 * starts on date (Art. 16 ¶1, Art. 25). 29 February becomes 1 March in a common year (contracts.md).
 */
export function plusYears(date: string, n: number): string {
  const year = String(Number(date.slice(0, 4)) + n).padStart(4, '0');
  const monthDay = date.slice(4);
  if (monthDay === '-02-29' && !isCalendarDate(`${year}-02-29`)) return `${year}-03-01`;
  return `${year}${monthDay}`;
}

/** True when date lies within n years before asOf: in the window (asOf − n years, asOf]. */
export function withinYearsBefore(date: string, asOf: string, n: number): boolean {
  return date > minusYears(asOf, n) && date <= asOf;
}

/** True when date is at least n years before asOf: on or before asOf − n years. */
export function atLeastYearsBefore(date: string, asOf: string, n: number): boolean {
  return date <= minusYears(asOf, n);
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Small counts as Chinese numerals, as the 办法 writes them (三年, 五年); larger ones in digits. */
const cn = (n: number): string => CN_DIGITS[n] ?? String(n);
const item = (n: number) => `第（${cn(n)}）项`;

const LEVEL_NAMES = { district: '区级', municipal: '市级', national: '国家级' } as const;
const CATEGORY_NAMES = { model: '先进质量管理模式', achievement: '先进质量管理成果' } as const;

/** Art. 14 second paragraph: which item excludes each sanction type, and how the 办法 words it. */
const EXCLUSIONS: Record<SanctionType, { clause: number; wording: string }> = {
  'serious-penalty': { clause: 1, wording: '受到过严重的行政处罚' },
  'rectification-refused': { clause: 1, wording: '被责令整改后拒不整改或整改不达标' },
  'major-accident': {
    clause: 2,
    wording: '发生有重大社会影响的质量安全、生产安全、环境污染、公共卫生等事故',
  },
  'major-complaint': { clause: 2, wording: '因组织责任导致重大用户（顾客）投诉' },
  'serious-violation': { clause: 3, wording: '有其他严重违反法律法规、规章和其它规定的行为' },
};

const sanctionText = (s: Sanction) => `${s.date}：${s.description}`;
const awardName = (a: AwardRecord) =>
  `${a.year} 年${LEVEL_NAMES[a.level]}${CATEGORY_NAMES[a.category]}奖项${a.title ? `“${a.title}”` : ''}`;

/** Art. 2: an organization applies for 先进质量管理模式, an individual for 先进质量管理成果. */
export const categoryOf = (applicant: Applicant): AwardCategory =>
  applicant.kind === 'organization' ? 'model' : 'achievement';

/**
 * Checks an applicant against Art. 2, 3, 14, 15, 16 and 25 on day asOf (YYYY-MM-DD). Pure: the caller
 * merges registry records into the applicant first. Eligible exactly when no failure is found.
 */
export function checkEligibility(
  applicant: Applicant,
  asOf: string,
  params: EligibilityParams,
): EligibilityResult {
  const category = categoryOf(applicant);
  const failures: Finding[] = [];
  const manualChecks: Finding[] = [];

  if (applicant.kind === 'organization') {
    organizationRules(applicant, asOf, params, failures, manualChecks);
  } else {
    individualRules(applicant, asOf, params, failures, manualChecks);
  }
  repeatRules(applicant, category, asOf, params, failures, manualChecks);

  return { eligible: failures.length === 0, category, failures, manualChecks };
}

// Art. 3 and Art. 14 for an organization.
function organizationRules(
  org: Organization,
  asOf: string,
  p: EligibilityParams,
  failures: Finding[],
  manualChecks: Finding[],
): void {
  const district = org.registeredDistrict.trim();
  if (district !== p.district && district !== `上海市${p.district}`) {
    failures.push({
      article: 3,
      code: 'art3-organization-district',
      message: `不符合第三条：组织应在${p.district}注册登记，申报的登记地为“${district}”`,
    });
  }
  if (!atLeastYearsBefore(org.registrationDate, asOf, p.operatingYears)) {
    failures.push({
      article: 14,
      clause: 1,
      code: 'art14-1-operating-years',
      message: `不符合第十四条${item(1)}：正常运行未满${cn(p.operatingYears)}年（登记注册日期 ${org.registrationDate}，须不晚于 ${minusYears(asOf, p.operatingYears)}）`,
    });
  }
  if (!org.licensesValid) {
    failures.push({
      article: 14,
      clause: 2,
      code: 'art14-2-licenses',
      message: `不符合第十四条${item(2)}：不具备相关资质或证照，或不符合产业导向、环保、安全生产、质量等法规政策要求`,
    });
  }
  manualChecks.push(
    {
      article: 14,
      clause: 3,
      code: 'art14-3-quality-management',
      message: `第十四条${item(3)}须人工审查：质量管理工作具有行业特色、企业特点和标杆示范意义，持续改进效果突出`,
    },
    {
      article: 14,
      clause: 4,
      code: 'art14-4-business-performance',
      message: `第十四条${item(4)}须人工审查：近${cn(p.lookBackYears)}年主要经济、社会效益指标和质量水平处于本区领先地位`,
    },
  );
  if (!org.chiefQualityOfficer) {
    failures.push({
      article: 14,
      clause: 5,
      code: 'art14-5-chief-quality-officer',
      message: `不符合第十四条${item(5)}：未实施首席质量官制度`,
    });
  }
  for (const sanction of org.sanctions) {
    const exclusion = EXCLUSIONS[sanction.type];
    // Art. 14 ¶2 (三) sets no time window: a serious violation at any date excludes.
    if (exclusion.clause === 3) {
      failures.push({
        article: 14,
        clause: exclusion.clause,
        code: `art14-exclusion-${exclusion.clause}-${sanction.type}`,
        message: `属于第十四条第二款${item(exclusion.clause)}不得申请的情形：${exclusion.wording}（${sanctionText(sanction)}）`,
      });
      continue;
    }
    if (!withinYearsBefore(sanction.date, asOf, p.lookBackYears)) continue;
    failures.push({
      article: 14,
      clause: exclusion.clause,
      code: `art14-exclusion-${exclusion.clause}-${sanction.type}`,
      message: `属于第十四条第二款${item(exclusion.clause)}不得申请的情形：近${cn(p.lookBackYears)}年${exclusion.wording}（${sanctionText(sanction)}）`,
    });
  }
}

// Art. 3 and Art. 15 for an individual.
function individualRules(
  person: Individual,
  asOf: string,
  p: EligibilityParams,
  failures: Finding[],
  manualChecks: Finding[],
): void {
  if (!person.worksInBaoshan && !person.contributesToBaoshan) {
    failures.push({
      article: 3,
      code: 'art3-individual-baoshan',
      message: `不符合第三条：个人应在${p.district}从事质量工作或为${p.district}质量工作做出贡献`,
    });
  }
  if (!atLeastYearsBefore(person.qualityWorkSince, asOf, p.qualityWorkYears)) {
    failures.push({
      article: 15,
      clause: 1,
      code: 'art15-1-quality-work-years',
      message: `不符合第十五条${item(1)}：从事质量相关工作未满${cn(p.qualityWorkYears)}年（自 ${person.qualityWorkSince} 起，须不晚于 ${minusYears(asOf, p.qualityWorkYears)}）`,
    });
  }
  manualChecks.push({
    article: 15,
    clause: 2,
    code: 'art15-2-contribution',
    message: `第十五条${item(2)}须人工审查：具有卓有成效的质量管理理论研究成果或丰富的实践经验，为提高质量做出了突出贡献`,
  });
  if (person.seriousViolation) {
    failures.push({
      article: 15,
      clause: 3,
      code: 'art15-3-serious-violation',
      message: `不符合第十五条${item(3)}：发生过严重违反法律法规的行为`,
    });
  }
  for (const sanction of person.employer?.sanctions ?? []) {
    if (sanction.type !== 'major-accident' || !withinYearsBefore(sanction.date, asOf, p.lookBackYears))
      continue;
    failures.push({
      article: 15,
      clause: 4,
      code: 'art15-4-employer-major-accident',
      message: `不符合第十五条${item(4)}：所属组织“${person.employer!.name}”近${cn(p.lookBackYears)}年内发生有重大社会影响的事故（${sanctionText(sanction)}）`,
    });
  }
}

// Art. 16 and Art. 25, the same for organizations and individuals.
function repeatRules(
  applicant: Applicant,
  category: AwardCategory,
  asOf: string,
  p: EligibilityParams,
  failures: Finding[],
  manualChecks: Finding[],
): void {
  const asOfYear = Number(asOf.slice(0, 4));
  for (const award of applicant.awards) {
    if (award.level !== 'district' || award.category !== category) continue;
    // Art. 16 ¶1 counts from the award's date (its 发文); contracts.md edition 2.
    if (award.awardedOn !== undefined) {
      const from = plusYears(award.awardedOn, p.cooldownYears);
      if (asOf < from)
        failures.push({
          article: 16,
          clause: 1,
          code: 'art16-1-recent-award',
          message: `不符合第十六条第一款：${awardName(award)}（发文日期 ${award.awardedOn}）获奖后${cn(p.cooldownYears)}年内不得申报同一类奖项，自 ${from} 起方可申报`,
        });
      continue;
    }
    const yearsSince = asOfYear - award.year;
    if (yearsSince < p.cooldownYears) {
      failures.push({
        article: 16,
        clause: 1,
        code: 'art16-1-recent-award',
        message: `不符合第十六条第一款：${awardName(award)}获奖后${cn(p.cooldownYears)}年内不得申报同一类奖项，最早 ${award.year + p.cooldownYears} 年方可申报（以获奖发文日期为准）`,
      });
    } else if (yearsSince === p.cooldownYears) {
      manualChecks.push({
        article: 16,
        clause: 1,
        code: 'art16-1-award-date-unknown',
        message: `第十六条第一款须人工审查：${awardName(award)}未登记获奖发文日期，请核实至审查日是否已满${cn(p.cooldownYears)}年（满${cn(p.cooldownYears)}年之日起方可申报同一类奖项）`,
      });
    }
  }
  for (const award of applicant.awards) {
    const revoked = award.revokedOn !== undefined && award.revokedOn <= asOf;
    if (award.level !== 'district' && !revoked) {
      failures.push({
        article: 16,
        clause: 2,
        code: 'art16-2-higher-award',
        message: `不符合第十六条第二款：已获得上级政府质量奖（${awardName(award)}），区政府质量奖不再受理`,
      });
    }
  }
  if (applicant.municipalApplicationSameYear) {
    failures.push({
      article: 16,
      clause: 3,
      code: 'art16-3-municipal-same-year',
      message: '不符合第十六条第三款：不能在同一年度同时申报市政府质量奖和区政府质量奖',
    });
  }
  for (const award of applicant.awards) {
    if (
      award.level === 'district' &&
      award.revokedOn !== undefined &&
      withinYearsBefore(award.revokedOn, asOf, p.banYears)
    ) {
      failures.push({
        article: 25,
        code: 'art25-revoked-award',
        message: `不符合第二十五条：${awardName(award)}已于 ${award.revokedOn} 被取消荣誉资格，${cn(p.banYears)}年内不再受理其申请，自 ${banEnds(award.revokedOn, p)} 起方可再次申请`,
      });
    }
  }
}

/** Art. 25: the first day an applicant whose award was revoked on revokedOn may apply again. */
export const banEnds = (revokedOn: string, p: Pick<EligibilityParams, 'banYears'>): string =>
  plusYears(revokedOn, p.banYears);

/**
 * Art. 14 ¶2 and Art. 16 ¶2 are judged from the applicant's declarations as well as the registry, which
 * cannot know every penalty, accident, complaint or higher award: the office checks them by hand
 * (资格审查), with the departments' opinions where needed (Art. 18 (3)).
 */
export function declarationChecks(applicant: Applicant): Finding[] {
  const checks: Finding[] = [];
  if (applicant.kind === 'organization')
    checks.push({
      article: 14,
      code: 'art14-exclusions-declared',
      message: `第十四条第二款须人工审查：核实申报组织声明的处罚、整改、事故和投诉记录（已声明 ${applicant.sanctions.length} 条），必要时书面征求相关部门意见，确认不存在第（一）至（三）项不得申请的情形`,
    });
  checks.push({
    article: 16,
    clause: 2,
    code: 'art16-2-higher-award-declared',
    message: `第十六条第二款须人工审查：核实申报者声明的获奖记录（已声明 ${applicant.awards.length} 项），确认未获得上级政府质量奖`,
  });
  return checks;
}
