// Generated data of a simulated cycle: applicants (some ineligible on purpose under Art. 3, 14 (1)
// and 15 (1), some not recommended under Art. 18 (2)) and the expert pool (some with conflicts under
// Art. 26, a few not qualified under Art. 12). Deterministic for a seed, so a run can be repeated.
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  idNumberCheckChar,
  isValidCreditCode,
  isValidIdNumber,
  organizationCodeCheckChar,
} from '../../../domain/identifiers.js';
import { minusYears } from '../../../domain/eligibility.js';
import { PoolExpert } from '../../../domain/experts.js';
import { RECOMMENDING_UNITS } from '../../../domain/units.js';

/** A small seeded generator (mulberry32): the same seed gives the same cycle. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the simulation intends for an application; the run checks the engine reached the same. */
export type ApplicantFate =
  'eligible' | 'not-recommended' | 'outside-district' | 'too-young' | 'too-few-quality-years';

export const FATE_NAMES: Readonly<Record<ApplicantFate, string>> = {
  eligible: '符合条件',
  'not-recommended': '推荐单位不予推荐（第十八条第（二）项）',
  'outside-district': '注册地不在宝山区（第三条）',
  'too-young': '正常运行未满三年（第十四条第（一）项）',
  'too-few-quality-years': '从事质量工作未满五年（第十五条第（一）项）',
};

export interface SimApplicant {
  applicationId: string;
  /** `cycle-<year>/<applicationId>`, the business key the application process gives itself. */
  businessKey: string;
  fate: ApplicantFate;
  /** 0..1: how good the application is; reviewers score around it. */
  quality: number;
  /** The start variables of award-application (forms/application-start.form). */
  variables: Record<string, unknown>;
}

export interface SimPlan {
  year: string;
  cycleKey: string;
  today: string;
  applicants: SimApplicant[];
  experts: PoolExpert[];
  /** The start variables of award-cycle (forms/cycle-start.form). */
  cycleVariables: Record<string, unknown>;
}

const ORG_WORDS = [
  '精工',
  '华星',
  '宝钢',
  '申江',
  '吴淞',
  '罗泾',
  '月浦',
  '通河',
  '长江',
  '泰和',
  '顾村',
  '淞南',
];
const ORG_TRADES = ['精密制造', '新材料', '智能装备', '物流', '检测技术', '生物医药', '建设工程', '信息服务'];
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
];
const GIVEN = ['建国', '海燕', '志强', '丽华', '文杰', '秀英', '国平', '晓东', '敏', '伟', '静', '磊'];
const FIELDS = ['制造业', '服务业', '建筑业'];

/** A valid 统一社会信用代码 in 宝山区 (310113) whose organization code encodes n. */
export function simCreditCode(n: number): string {
  let body = '';
  for (let rest = n, i = 0; i < 4; i++, rest = Math.floor(rest / 30))
    body = CREDIT_CODE_CHARSET[1 + (rest % 30)]! + body;
  const organization8 = `MA1H${body}`;
  const first17 = `91310113${organization8}${organizationCodeCheckChar(organization8)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** A valid 居民身份证号码 registered in 宝山区 for a person born on birth (YYYY-MM-DD). */
export function simIdNumber(birth: string, sequence: number): string {
  const first17 = `310113${birth.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

const pad = (n: number, width = 3) => String(n).padStart(width, '0');

/**
 * The fate of the i-th application (1-based), fixed by position so that even a small run has one of
 * each: every fifth (3, 8, 13, …) fails an automatic check, a few are not recommended.
 */
function fateOf(i: number, kind: 'organization' | 'individual'): ApplicantFate {
  if (i % 5 === 3) {
    if (kind === 'individual') return 'too-few-quality-years';
    return i % 10 === 3 ? 'outside-district' : 'too-young';
  }
  if (i % 9 === 6) return 'not-recommended';
  return 'eligible';
}

export interface GenerateOptions {
  applications: number;
  experts: number;
  year: string;
  seed: number;
  /** YYYY-MM-DD in Shanghai: the eligibility check's asOf. */
  today: string;
}

/** Builds the applicants, the expert pool and the cycle's start variables. */
export function generatePlan(opts: GenerateOptions): SimPlan {
  const rnd = seededRandom(opts.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const cycleKey = `cycle-${opts.year}`;
  const applicants: SimApplicant[] = [];
  const usedNames = new Set<string>();
  for (let i = 1; i <= opts.applications; i++) {
    const applicationId = `A-${pad(i)}`;
    const kind = i % 4 === 2 ? 'individual' : 'organization';
    const fate = fateOf(i, kind);
    const unit = RECOMMENDING_UNITS[i % RECOMMENDING_UNITS.length]!;
    const common = {
      cycleKey,
      applicationId,
      applicantKind: kind,
      applicantEmail: `sim-${applicationId.toLowerCase()}@example.cn`,
      recommendingUnit: unit.id,
      municipalApplicationSameYear: false,
      truthfulDeclaration: true,
      industry: pick(FIELDS),
    };
    let variables: Record<string, unknown>;
    if (kind === 'organization') {
      let name = `上海${pick(ORG_WORDS)}${pick(ORG_TRADES)}有限公司`;
      if (usedNames.has(name)) name = name.replace('有限公司', `${i}号有限公司`);
      usedNames.add(name);
      const yearsOperating = fate === 'too-young' ? 1 : 4 + Math.floor(rnd() * 20);
      variables = {
        ...common,
        applicantName: name,
        creditCode: simCreditCode(i),
        registeredDistrict: fate === 'outside-district' ? '嘉定区' : '宝山区',
        registrationDate: minusYears(opts.today, yearsOperating),
        licensesValid: true,
        chiefQualityOfficer: true,
      };
    } else {
      const birth = `${1960 + Math.floor(rnd() * 25)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
      const years = fate === 'too-few-quality-years' ? 2 : 6 + Math.floor(rnd() * 20);
      variables = {
        ...common,
        applicantName: `${pick(SURNAMES)}${pick(GIVEN)}`,
        idNumber: simIdNumber(birth, i),
        worksInBaoshan: true,
        contributesToBaoshan: true,
        qualityWorkSince: minusYears(opts.today, years),
        seriousViolation: false,
        employerName: '上海宝山质量技术服务有限公司',
        employerCreditCode: simCreditCode(9000 + i),
      };
    }
    applicants.push({
      applicationId,
      businessKey: `${cycleKey}/${applicationId}`,
      fate,
      quality: 0.55 + rnd() * 0.37,
      variables,
    });
  }

  const experts: PoolExpert[] = [];
  const unqualified = opts.experts >= 3 ? Math.max(1, Math.round(opts.experts * 0.13)) : 0;
  const organizations = applicants.filter((a) => a.variables.applicantKind === 'organization');
  for (let i = 1; i <= opts.experts; i++) {
    const notQualified = i > opts.experts - unqualified;
    const reason = (opts.experts - i) % 3; // which Art. 12 condition a not-qualified expert misses
    const expert = PoolExpert.parse({
      id: `sim-e${pad(i, 2)}`,
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`,
      yearsOfExperience: notQualified && reason === 0 ? 3 : 6 + Math.floor(rnd() * 25),
      trained: !(notQualified && reason === 1),
      ethicsPledgeSigned: !(notQualified && reason === 2),
      specialties: [FIELDS[i % FIELDS.length]!, ...(i % 2 === 0 ? [FIELDS[(i + 1) % FIELDS.length]!] : [])],
      email: `sim-e${pad(i, 2)}@example.cn`,
      // Art. 26: every fourth expert works for an applicant; every fifth declared a conflict earlier.
      ...(i % 4 === 1 && organizations.length > 0
        ? {
            organizationCreditCode: organizations[Math.floor(i / 4) % organizations.length]!.variables
              .creditCode as string,
          }
        : {}),
      ...(i % 5 === 2 && applicants.length > 0
        ? { conflicts: [applicants[(i * 3) % applicants.length]!.businessKey] }
        : {}),
    });
    experts.push(expert);
  }

  const start = opts.today;
  const end = addDays(opts.today, 30);
  const deadline = addDays(opts.today, 60);
  return {
    year: opts.year,
    cycleKey,
    today: opts.today,
    applicants,
    experts,
    cycleVariables: {
      year: opts.year,
      applicationStart: start,
      applicationEnd: end,
      deadline,
      cycleFields: FIELDS.join('、'),
    },
  };
}

/** date (YYYY-MM-DD) plus n calendar days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Every identifier of the plan passes the product's own checks (a generator bug fails loudly). */
export function assertValidPlan(plan: SimPlan): void {
  for (const a of plan.applicants) {
    const v = a.variables;
    if (typeof v.creditCode === 'string' && !isValidCreditCode(v.creditCode))
      throw new Error(`生成的统一社会信用代码无效：${v.creditCode}`);
    if (typeof v.idNumber === 'string' && !isValidIdNumber(v.idNumber, plan.today))
      throw new Error(`生成的居民身份证号码无效：${v.idNumber}`);
  }
}
