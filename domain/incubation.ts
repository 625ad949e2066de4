// Art. 5, 6, 10 (7): the incubation year (培育孵化年) — who may enrol and what the office keeps.
import { z } from 'zod';
import { creditCodeProblem } from './identifiers.js';

export const ENROLMENT_KINDS = ['sme', 'social-organization', 'other'] as const;
export type EnrolmentKind = (typeof ENROLMENT_KINDS)[number];
export const ENROLMENT_KIND_NAMES: Readonly<Record<EnrolmentKind, string>> = {
  sme: '中小企业',
  'social-organization': '社会组织',
  other: '其他组织',
};

/** Art. 6: the characteristics the 办法 encourages, with their words. */
export const CHARACTERISTICS = {
  highTech: '科技含量高',
  innovative: '技术创新性强',
  competitive: '市场竞争力和成长性强',
  qualityLeader: '质量管理水平在高新技术行业处于领先地位',
} as const;
export type Characteristic = keyof typeof CHARACTERISTICS;

/** One enrolment application as the office enters it. */
export const IncubationEnrolment = z.object({
  enrolmentName: z.string().trim().min(1, '组织名称不能为空'),
  enrolmentCreditCode: z.string().trim(),
  enrolmentKind: z.enum(ENROLMENT_KINDS, { error: '组织类型必须是 sme、social-organization 或 other' }),
  highTech: z.boolean().default(false),
  innovative: z.boolean().default(false),
  competitive: z.boolean().default(false),
  qualityLeader: z.boolean().default(false),
});
export type IncubationEnrolment = z.infer<typeof IncubationEnrolment>;

export interface EnrolmentFinding {
  article: number;
  code: string;
  message: string;
}

export interface EnrolmentCheck {
  accepted: boolean;
  /** Art. 6: an SME or social organization with at least `minCharacteristics` encouraged traits. */
  encouraged: boolean;
  characteristics: Characteristic[];
  /** Why the enrolment is refused (only an invalid 统一社会信用代码). */
  findings: EnrolmentFinding[];
  /** What Art. 6 encourages and the enrolment lacks: information for the office, never a refusal. */
  notes: EnrolmentFinding[];
}

/**
 * Art. 6 encourages (鼓励和支持) small and medium enterprises and social organizations with the listed
 * traits; it excludes no one. An enrolment with a valid 统一社会信用代码 is accepted; the traits it lacks
 * are noted, and `encouraged` says whether it is one of those the article names.
 */
export function checkEnrolment(e: IncubationEnrolment, minCharacteristics: number): EnrolmentCheck {
  const findings: EnrolmentFinding[] = [];
  const notes: EnrolmentFinding[] = [];
  const codeProblem = creditCodeProblem(e.enrolmentCreditCode);
  if (codeProblem)
    findings.push({ article: 6, code: 'credit-code', message: `统一社会信用代码无效：${codeProblem}` });
  if (e.enrolmentKind === 'other')
    notes.push({
      article: 6,
      code: 'kind',
      message: '第六条鼓励和支持中小企业、社会组织参加培育孵化；其他组织也可参加',
    });
  const characteristics = (Object.keys(CHARACTERISTICS) as Characteristic[]).filter((c) => e[c]);
  if (characteristics.length < minCharacteristics)
    notes.push({
      article: 6,
      code: 'characteristics',
      message: `第六条鼓励的条件（${Object.values(CHARACTERISTICS).join('、')}）具备 ${characteristics.length} 项，少于 ${minCharacteristics} 项`,
    });
  return {
    accepted: findings.length === 0,
    encouraged: notes.length === 0,
    characteristics,
    findings,
    notes,
  };
}

/** Art. 5: the evaluation year that follows an incubation year (every two years one of each). */
export const nextEvaluationYear = (incubationYear: number): number => incubationYear + 1;
