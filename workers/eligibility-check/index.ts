import { z } from 'zod';
import {
  Applicant,
  checkEligibility,
  EDITION_2023_ELIGIBILITY,
  isoDate,
  type EligibilityResult,
} from '../../domain/eligibility.js';
import { localToday } from '../../domain/identifiers.js';
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
// The applicant's declarations from the intake (issue 14): Json variables, as text or parsed.
const declared = z.preprocess(
  (v) => (typeof v === 'string' ? JSON.parse(v) : v),
  z.array(z.unknown()).nullish(),
);

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
  declaredSanctions: declared,
  declaredAwards: declared,
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
const VARIABLE_OF: Record<string, string> = {
  name: 'applicantName',
  employer: 'employerCreditCode',
  sanctions: 'declaredSanctions',
  awards: 'declaredAwards',
};
const EMPLOYER_VARIABLE: Record<string, string> = { name: 'employerName', creditCode: 'employerCreditCode' };

/** Builds the contract's Organization / Individual from the application's flat process variables. */
export function applicantFromVariables(v: Input): unknown {
  const common = {
    name: v.applicantName,
    awards: v.declaredAwards ?? [],
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
      sanctions: v.declaredSanctions ?? [],
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

/** 资格审查, automatic part (Art. 2, 3, 14, 15, 16, 25): the rules over the application and the registry. */
export const eligibilityCheckWorker = defineWorker({
  topic: ELIGIBILITY_CHECK_TOPIC,
  title: '资格自动审查',
  input: EligibilityCheckInput,
  errorCodes: [],
  async handler(input, ctx, deps) {
    const parsed = Applicant.safeParse(applicantFromVariables(input));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => {
        const [head, sub] = i.path.map(String);
        const variable =
          head === 'employer' && sub ? EMPLOYER_VARIABLE[sub] : (VARIABLE_OF[head ?? ''] ?? head);
        return `变量 ${variable}：${i.message}`;
      });
      throw new InputError(`申报数据不完整或无效（${problems.join('；')}），请更正后重试`);
    }
    // After 更正后重新审查: the office's decision and corrected fields go to the audit trail first.
    await auditEligibilityDecisions(ctx, deps);
    const applicant = await withRegistryRecords(deps.db, parsed.data);
    const asOf = input.asOf ?? localToday();
    const result = checkEligibility(applicant, asOf, {
      district: input.district,
      operatingYears: input.operatingYears,
      qualityWorkYears: input.qualityWorkYears,
      lookBackYears: input.lookBackYears,
      cooldownYears: input.cooldownYears,
      banYears: input.banYears,
    });
    const text = findingsText(result);
    ctx.log.info(
      { eligible: result.eligible, failures: result.failures.map((f) => f.code) },
      '资格自动审查完成',
    );
    return complete({
      eligibilityResult: { ...result, asOf },
      eligibilityEligible: result.eligible,
      eligibilityFailureCount: result.failures.length,
      eligibilityFindingsText: text.failures,
      eligibilityManualChecksText: text.manualChecks,
      category: result.category,
    });
  },
});
