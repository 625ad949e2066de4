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
  characteristics: Characteristic[];
  findings: EnrolmentFinding[];
}

/**
 * Art. 6: an enrolment is accepted when a small or medium enterprise or a social organization with a
 * valid 统一社会信用代码 shows at least `minCharacteristics` of the characteristics Art. 6 encourages.
 */
export function checkEnrolment(e: IncubationEnrolment, minCharacteristics: number): EnrolmentCheck {
  const findings: EnrolmentFinding[] = [];
  const codeProblem = creditCodeProblem(e.enrolmentCreditCode);
  if (codeProblem)
    findings.push({ article: 6, code: 'credit-code', message: `统一社会信用代码无效：${codeProblem}` });
  if (e.enrolmentKind === 'other')
    findings.push({
      article: 6,
      code: 'kind',
      message: '不符合第六条：培育孵化面向中小企业、社会组织',
    });
  const characteristics = (Object.keys(CHARACTERISTICS) as Characteristic[]).filter((c) => e[c]);
  if (characteristics.length < minCharacteristics)
    findings.push({
      article: 6,
      code: 'characteristics',
      message: `不符合第六条：应至少具备 ${minCharacteristics} 项鼓励条件（${Object.values(CHARACTERISTICS).join('、')}），现有 ${characteristics.length} 项`,
    });
  return { accepted: findings.length === 0, characteristics, findings };
}

/** Art. 5: the evaluation year that follows an incubation year (every two years one of each). */
export const nextEvaluationYear = (incubationYear: number): number => incubationYear + 1;
