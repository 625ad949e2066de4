// Art. 10 (4), 12, 21, 26: the expert pool (专家库) and who of it may be selected for a panel.
import { z } from 'zod';
import { qualificationFailures, type Expert as AssignmentExpert, type ReviewerRules } from './assignment.js';
import { CreditCode, IdNumber } from './identifiers.js';

/** Camunda user and group ids (engine generalResourceWhitelistPattern): letters, digits, inner -_. */
export const EXPERT_ID_PATTERN = /^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/;

const text = (label: string, max = 200) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为文本`) })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不超过 ${max} 个字符`);

const flag = (label: string) =>
  z.boolean({ error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为 true 或 false`) });

/** One expert of the pool, as the import file, the API and the store know them. */
export const PoolExpert = z.object({
  id: text('专家编号', 64).regex(
    EXPERT_ID_PATTERN,
    '专家编号只能由字母、数字组成，可用 - _ . 连接（同时作为流程平台的登录账号）',
  ),
  name: text('专家姓名', 50),
  organizationCreditCode: CreditCode.optional(),
  idNumber: IdNumber.optional(),
  yearsOfExperience: z
    .number({ error: '质量管理、专业技术工作年限应为数字' })
    .int('质量管理、专业技术工作年限应为整数')
    .min(0, '质量管理、专业技术工作年限不能为负数')
    .max(80, '质量管理、专业技术工作年限不超过 80 年'),
  trained: flag('是否接受过质量管理系统培训'),
  ethicsPledgeSigned: flag('是否签署评审纪律承诺书'),
  specialties: z.array(text('专业领域', 50), { error: '专业领域应为列表' }).default([]),
  email: z.email('邮箱格式不正确'),
  /** Application business keys (cycle-<year>/<id>) the expert declared a conflict with (Art. 26). */
  conflicts: z.array(text('申报回避的申报编号', 100), { error: '申报回避的申报编号应为列表' }).default([]),
});
export type PoolExpert = z.infer<typeof PoolExpert>;

/** Art. 12: why the expert may not be selected for a panel under the edition's rules; empty when qualified. */
export function expertQualificationFailures(expert: PoolExpert, rules: ReviewerRules): string[] {
  const reasons = qualificationFailures(toAssignmentExpert(expert), rules);
  if (!expert.ethicsPledgeSigned)
    reasons.push('不符合第十二条第（四）项：评审人员应严格遵守评审纪律，该专家未签署评审纪律承诺书');
  return reasons;
}

/** True when Art. 12 allows selecting the expert under the edition's rules. */
export const isQualified = (expert: PoolExpert, rules: ReviewerRules): boolean =>
  expertQualificationFailures(expert, rules).length === 0;

/** The expert as domain/assignment.ts plans with them. */
export function toAssignmentExpert(expert: PoolExpert): AssignmentExpert {
  return {
    id: expert.id,
    name: expert.name,
    ...(expert.organizationCreditCode ? { organizationCreditCode: expert.organizationCreditCode } : {}),
    ...(expert.idNumber ? { idNumber: expert.idNumber } : {}),
    yearsOfExperience: expert.yearsOfExperience,
    trained: expert.trained,
    specialties: expert.specialties,
    conflicts: expert.conflicts,
  };
}

/** The choice shown for an expert in the office's panel form. */
export function expertOption(expert: PoolExpert): { label: string; value: string } {
  const specialties = expert.specialties.length ? `，${expert.specialties.join('、')}` : '';
  return {
    label: `${expert.name}（${expert.id}，${expert.yearsOfExperience} 年${specialties}）`,
    value: expert.id,
  };
}

/** Splits a list typed by a person (顿号, commas, semicolons, blanks) into its distinct items. */
export function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[、,，;；\s]+/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
  ];
}
