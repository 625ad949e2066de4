import { z } from 'zod';
import {
  Applicant,
  checkEligibility,
  declarationChecks,
  EDITION_2023_ELIGIBILITY,
  isoDate,
  type EligibilityResult,
} from '../../domain/eligibility.js';
import { localToday } from '../../domain/identifiers.js';
import { jsonValue } from '../check-quotas/parameters.js';
import type { Queryable } from '../../store/db.js';
import { withRegistryRecords } from '../../store/registry.js';
import { complete, defineWorker, InputError } from '../worker.js';
import { auditEligibilityDecisions } from './decision-audit.js';

export const ELIGIBILITY_CHECK_TOPIC = 'eligibility-check';

const years = (label: string) =>
  z.coerce
    .number({ error: `${label}应为整数` })
    .int()
    .min(0)
    .max(50);
const optionalFlag = z.boolean().nullish();
const optionalText = z.string().nullish();
/** A declared list: a Json variable, its JSON text, or absent (nothing declared). */
const declared = z.preprocess((v) => (v === null || v === '' ? undefined : jsonValue(v)), z.unknown());

/** Process variables of the application plus the rule parameters set in the diagram (element template). */
export const EligibilityCheckInput = z.looseObject({
  applicantKind: z.enum(['organization', 'individual']),
  applicantName: z.string(),
  creditCode: optionalText,
  idNumber: optionalText,
  registeredDistrict: optionalText,
  registrationDate: optionalText,
  licensesValid: optionalFlag,
  chiefQualityOfficer: optionalFlag,
  municipalApplicationSameYear: optionalFlag,
  worksInBaoshan: optionalFlag,
  contributesToBaoshan: optionalFlag,
  qualityWorkSince: optionalText,
  seriousViolation: optionalFlag,
  employerName: optionalText,
  employerCreditCode: optionalText,
  // The applicant's declarations (申报表, intake) in the contract's shapes: Sanction[] and AwardRecord[],
  // as Json variables or their JSON text; the registry's records are added to them.
  sanctions: declared,
  awards: declared,
  employerSanctions: declared,
  asOf: isoDate('审查日期（asOf）').nullish(),
  district: z.string().min(1).default(EDITION_2023_ELIGIBILITY.district),
  operatingYears: years('第十四条第（一）项正常运行年限').default(EDITION_2023_ELIGIBILITY.operatingYears),
  qualityWorkYears: years('第十五条第（一）项从事质量工作年限').default(
    EDITION_2023_ELIGIBILITY.qualityWorkYears,
  ),
  lookBackYears: years('第十四条、第十五条第（四）项回溯年限').default(
    EDITION_2023_ELIGIBILITY.lookBackYears,
  ),
  cooldownYears: years('第十六条第一款不得重复申报年限').default(EDITION_2023_ELIGIBILITY.cooldownYears),
  banYears: years('第二十五条撤销后不受理年限').default(EDITION_2023_ELIGIBILITY.banYears),
});
type Input = z.infer<typeof EligibilityCheckInput>;

// Which process variable carries each field of the contract's applicant.
const VARIABLE_OF: Record<string, string> = { name: 'applicantName', employer: 'employerCreditCode' };
const EMPLOYER_VARIABLE: Record<string, string> = {
  name: 'employerName',
  creditCode: 'employerCreditCode',
  sanctions: 'employerSanctions',
};

/** Builds the contract's Organization / Individual from the application's flat process variables. */
export function applicantFromVariables(v: Input): unknown {
  const common = {
    name: v.applicantName,
    awards: v.awards ?? [],
    municipalApplicationSameYear: v.municipalApplicationSameYear ?? false,
  };
  if (v.applicantKind === 'organization') {
    return {
      kind: 'organization',
      ...common,
      creditCode: v.creditCode ?? undefined,
      registeredDistrict: v.registeredDistrict ?? undefined,
      registrationDate: v.registrationDate ?? undefined,
      licensesValid: v.licensesValid ?? false,
      chiefQualityOfficer: v.chiefQualityOfficer ?? false,
      sanctions: v.sanctions ?? [],
    };
  }
  return {
    kind: 'individual',
    ...common,
    idNumber: v.idNumber ?? undefined,
    worksInBaoshan: v.worksInBaoshan ?? false,
    contributesToBaoshan: v.contributesToBaoshan ?? false,
    qualityWorkSince: v.qualityWorkSince ?? undefined,
    seriousViolation: v.seriousViolation ?? false,
    ...(v.employerCreditCode
      ? {
          employer: {
            name: v.employerName ?? '',
            creditCode: v.employerCreditCode,
            sanctions: v.employerSanctions ?? [],
          },
        }
      : {}),
  };
}

/** The findings as lines for the office's form and the applicant's notice. */
export function findingsText(result: EligibilityResult): { failures: string; manualChecks: string } {
  return {
    failures: result.failures.length
      ? result.failures.map((f) => `• ${f.message}`).join('\n')
      : '自动审查各项均符合（第二、三、十四、十五、十六、二十五条）',
    manualChecks: result.manualChecks.map((f) => `• ${f.message}`).join('\n'),
  };
}

/** The applicant of the process variables, or an InputError naming each variable that does not fit. */
export function applicantOf(input: Input): Applicant {
  const parsed = Applicant.safeParse(applicantFromVariables(input));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const [head, sub, ...rest] = i.path.map(String);
    const variable =
      head === 'employer' && sub
        ? [EMPLOYER_VARIABLE[sub], ...rest].join('.')
        : [VARIABLE_OF[head ?? ''] ?? head, ...(sub === undefined ? [] : [sub]), ...rest].join('.');
    return `变量 ${variable}：${i.message}`;
  });
  throw new InputError(`申报数据不完整或无效（${problems.join('；')}），请更正后重试`);
}

/**
 * The automatic 资格审查 of one application: its declarations and the registry's records under the
 * rules (Art. 2, 3, 14, 15, 16, 25), with Art. 14 ¶2 and 16 ¶2 left to the office as well, because
 * they are judged from the declarations, which the registry cannot confirm.
 */
export async function judgeApplication(
  input: Input,
  applicant: Applicant,
  db: Queryable,
): Promise<Record<string, unknown>> {
  const merged = await withRegistryRecords(db, applicant);
  const asOf = input.asOf ?? localToday();
  const result = checkEligibility(merged, asOf, {
    district: input.district,
    operatingYears: input.operatingYears,
    qualityWorkYears: input.qualityWorkYears,
    lookBackYears: input.lookBackYears,
    cooldownYears: input.cooldownYears,
    banYears: input.banYears,
  });
  result.manualChecks.push(...declarationChecks(applicant));
  const text = findingsText(result);
  return {
    eligibilityResult: { ...result, asOf },
    eligibilityEligible: result.eligible,
    eligibilityFailureCount: result.failures.length,
    eligibilityFindingsText: text.failures,
    eligibilityManualChecksText: text.manualChecks,
    category: result.category,
  };
}

/** 资格审查, automatic part (Art. 2, 3, 14, 15, 16, 25): the rules over the application and the registry. */
export const eligibilityCheckWorker = defineWorker({
  topic: ELIGIBILITY_CHECK_TOPIC,
  title: '资格自动审查',
  input: EligibilityCheckInput,
  errorCodes: [],
  async handler(input, ctx, deps) {
    const applicant = applicantOf(input);
    // After 更正后重新审查: the office's decision and corrected fields go to the audit trail first.
    await auditEligibilityDecisions(ctx, deps);
    const variables = await judgeApplication(input, applicant, deps.db);
    ctx.log.info(
      { eligible: variables.eligibilityEligible, failures: variables.eligibilityFailureCount },
      '资格自动审查完成',
    );
    return complete(variables);
  },
});
