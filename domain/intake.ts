// Art. 18 (2): the 申报表 an applicant submits online (issue 14), its window and its process variables.
import { z } from 'zod';
import { Applicant, type Sanction } from './eligibility.js';
import { RECOMMENDING_UNITS } from './units.js';

const PHONE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

const text = (label: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为文本`) })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不超过 ${max} 个字符`);

const UNIT_IDS = RECOMMENDING_UNITS.map((u) => u.id) as [string, ...string[]];

/** The JSON part `application` of POST /api/applications (contracts.md "申报 by the applicant"). */
export const IntakeApplication = z.object(
  {
    cycle: z
      .string({ error: (iss) => (iss.input === undefined ? '缺少评选年度（cycle）' : '评选年度应为文本') })
      .trim()
      .regex(/^\d{4}$/, '评选年度应为四位年份，例如 "2026"'),
    applicant: Applicant,
    recommendingUnit: z.enum(UNIT_IDS, {
      error: (iss) =>
        iss.input === undefined
          ? '缺少推荐单位（recommendingUnit）'
          : `推荐单位应为 ${RECOMMENDING_UNITS.map((u) => `${u.id}（${u.name}）`).join('、')} 之一（第十八条第（二）项）`,
    }),
    contact: z.object(
      {
        name: text('联系人姓名', 50),
        phone: text('联系电话', 30).refine(
          (v) => PHONE.test(v.replace(/\s+/g, '')),
          '联系电话应为手机号或带区号的座机号',
        ),
        email: z.email({ error: '联系邮箱格式不正确' }).max(200, '联系邮箱不超过 200 个字符'),
      },
      { error: '缺少联系人（contact）' },
    ),
    truthfulDeclaration: z.literal(true, {
      error: '须承诺所提供的申报材料真实（truthfulDeclaration 应为 true，第二十五条）',
    }),
  },
  { error: 'application 应为 JSON 对象' },
);
export type IntakeApplication = z.infer<typeof IntakeApplication>;

/** The cycle's business key for the year entered once on the form. */
export const cycleKeyOf = (year: string): string => `cycle-${year}`;

/** The generated 申报编号: SB<year>-<four-digit number>, unique within the cycle. */
export const applicationNumber = (year: string, n: number): string =>
  `SB${year}-${String(n).padStart(4, '0')}`;

/** 统一社会信用代码 of an organization, 身份证号 of an individual: one application per cycle each. */
export const applicantIdentifier = (a: Applicant): string =>
  a.kind === 'organization' ? a.creditCode : a.idNumber;

export type WindowState = 'before' | 'open' | 'after';

/** Art. 18 (2): whether today (Shanghai, YYYY-MM-DD) is inside the cycle's application period. */
export function windowState(today: string, start: string, end: string): WindowState {
  if (today < start) return 'before';
  if (today > end) return 'after';
  return 'open';
}

/** The 409 message for an application outside the period, naming Art. 18 (2) and the dates. */
export function windowClosedMessage(
  year: string,
  period: { start: string; end: string } | undefined,
  state?: Exclude<WindowState, 'open'>,
): string {
  if (!period)
    return `${year} 年度区政府质量奖尚未发布申报公告或评选已结束，当前不受理申报（第十八条第（二）项）`;
  const when = state === 'before' ? '尚未开始' : '已截止';
  return `${year} 年度区政府质量奖的申报期为 ${period.start} 至 ${period.end}，${when}，不能受理申报（第十八条第（二）项）`;
}

/** The process variables award-application starts with (the names of forms/application-start.form). */
export function applicationVariables(a: IntakeApplication, applicationId: string): Record<string, unknown> {
  const common = {
    cycleKey: cycleKeyOf(a.cycle),
    applicationId,
    applicantName: a.applicant.name,
    applicantEmail: a.contact.email,
    contactName: a.contact.name,
    contactPhone: a.contact.phone,
    recommendingUnit: a.recommendingUnit,
    municipalApplicationSameYear: a.applicant.municipalApplicationSameYear,
    truthfulDeclaration: true,
    // Art. 14 ¶2, 15 (4), 16: the applicant's own declarations, which the eligibility check adds to the registry's.
    declaredAwards: a.applicant.awards,
  };
  if (a.applicant.kind === 'organization')
    return {
      ...common,
      applicantKind: 'organization',
      creditCode: a.applicant.creditCode,
      registeredDistrict: a.applicant.registeredDistrict,
      registrationDate: a.applicant.registrationDate,
      licensesValid: a.applicant.licensesValid,
      chiefQualityOfficer: a.applicant.chiefQualityOfficer,
      declaredSanctions: a.applicant.sanctions,
    };
  const employer = a.applicant.employer;
  return {
    ...common,
    applicantKind: 'individual',
    idNumber: a.applicant.idNumber,
    worksInBaoshan: a.applicant.worksInBaoshan,
    contributesToBaoshan: a.applicant.contributesToBaoshan,
    qualityWorkSince: a.applicant.qualityWorkSince,
    seriousViolation: a.applicant.seriousViolation,
    ...(employer
      ? {
          employerName: employer.name,
          employerCreditCode: employer.creditCode,
          employerSanctions: employer.sanctions satisfies Sanction[],
        }
      : {}),
  };
}
