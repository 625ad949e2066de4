import { z } from 'zod';
import {
  Applicant,
  checkEligibility,
  declarationChecks,
  isoDate,
  type EligibilityParams,
  type EligibilityResult,
} from '../../domain/eligibility.js';
import { isCalendarDate, localToday } from '../../domain/identifiers.js';
import type { EngineRest } from '../../camunda/rest.js';
import { jsonValue } from '../../domain/awards.js';
import { editionInForce, type RulesEdition } from '../../domain/edition.js';
import type { Queryable } from '../../store/db.js';
import { knownEditions } from '../../store/editions.js';
import { cycleKeyOf, recordedEdition } from '../shared/rules-edition.js';
import { withRegistryRecords } from '../../store/registry.js';
import { complete, defineWorker, InputError, type TaskContext, type WorkerDeps } from '../worker.js';
import { auditEligibilityDecisions } from '../shared/decision-audit.js';

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
  declaredSanctions: declared,
  declaredAwards: declared,
  employerSanctions: declared,
  asOf: isoDate('审查日期（asOf）').nullish(),
  // Art. 28: the edition the cycle recorded (else the store's record of the cycle of the business key,
  // else the edition in force on the check date); the parameters below may only tighten it.
  rulesEdition: z.string().nullish(),
  district: z.string().min(1).nullish(),
  operatingYears: years('第十四条第（一）项正常运行年限').nullish(),
  qualityWorkYears: years('第十五条第（一）项从事质量工作年限').nullish(),
  lookBackYears: years('第十四条、第十五条第（四）项回溯年限').nullish(),
  cooldownYears: years('第十六条第一款不得重复申报年限').nullish(),
  banYears: years('第二十五条撤销后不受理年限').nullish(),
});
type Input = z.infer<typeof EligibilityCheckInput>;

// Which process variable carries each field of the contract's applicant.
const VARIABLE_OF: Record<string, string> = {
  name: 'applicantName',
  employer: 'employerCreditCode',
  sanctions: 'declaredSanctions',
  awards: 'declaredAwards',
};
const EMPLOYER_VARIABLE: Record<string, string> = {
  name: 'employerName',
  creditCode: 'employerCreditCode',
  sanctions: 'employerSanctions',
};

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

/**
 * Art. 28: the edition the application's cycle recorded; an application outside a recorded cycle is
 * judged under the edition in force on its check date, and with none in force it is an incident.
 */
async function applicationEdition(input: Input, ctx: TaskContext, deps: WorkerDeps): Promise<RulesEdition> {
  const recorded = await recordedEdition(input.rulesEdition, ctx, deps);
  if (recorded) return recorded;
  const asOf = input.asOf ?? localToday();
  const edition = editionInForce(asOf, await knownEditions(deps.db, deps.editions));
  if (!edition)
    throw new InputError(`第二十八条：审查日期 ${asOf} 不在任何已审议通过的办法版本的适用期内，不能自动审查`);
  return edition;
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
  edition: RulesEdition,
): Promise<Record<string, unknown>> {
  const merged = await withRegistryRecords(db, applicant);
  const asOf = input.asOf ?? localToday();
  const result = checkEligibility(merged, asOf, eligibilityParams(input, edition));
  result.manualChecks.push(...declarationChecks(applicant));
  const text = findingsText(result);
  return {
    eligibilityResult: { ...result, asOf, rulesEdition: edition.id },
    eligibilityEligible: result.eligible,
    eligibilityFailureCount: result.failures.length,
    eligibilityFindingsText: text.failures,
    eligibilityManualChecksText: text.manualChecks,
    category: result.category,
  };
}

/** Which article sets each year parameter (for the message when a diagram loosens it). */
const YEAR_PARAMETERS = {
  operatingYears: '第十四条第（一）项',
  qualityWorkYears: '第十五条第（一）项',
  lookBackYears: '第十四条第二款、第十五条第（四）项',
  cooldownYears: '第十六条第一款',
  banYears: '第二十五条',
} as const satisfies Partial<Record<keyof EligibilityParams, string>>;

/**
 * The numbers of the edition, tightened by the diagram's parameters where it sets them (more years);
 * a parameter that loosens the edition, or another district, is an incident naming it (Art. 28).
 */
export function eligibilityParams(input: Input, edition: RulesEdition): EligibilityParams {
  const base = edition.eligibility;
  const problems: string[] = [];
  const params: EligibilityParams = { ...base };
  if (input.district && input.district !== base.district)
    problems.push(
      `参数 district（第三条）为“${input.district}”，办法 ${edition.id} 规定为“${base.district}”`,
    );
  for (const [name, article] of Object.entries(YEAR_PARAMETERS) as [keyof typeof YEAR_PARAMETERS, string][]) {
    const value = input[name];
    if (value === null || value === undefined) continue;
    if (value < base[name])
      problems.push(
        `参数 ${name}（${article}）为 ${value} 年，少于办法 ${edition.id} 规定的 ${base[name]} 年`,
      );
    else params[name] = value;
  }
  if (problems.length)
    throw new InputError(`流程参数只能比办法更严，不能放宽：${problems.join('；')}；请在流程图中更正`);
  return params;
}

/**
 * The eligibility date the cycle fixed (variable eligibilityAsOf of award-cycle, set by
 * check-rules-edition from its parameter, the application deadline by default); before that task ran,
 * the cycle's deadline applicationEnd. Undefined for an application outside a cycle of the engine.
 */
async function cycleEligibilityDate(
  rest: EngineRest,
  cycleKey: string | undefined,
): Promise<string | undefined> {
  if (!cycleKey) return undefined;
  const [cycle] = await rest.get(
    `/history/process-instance?processDefinitionKey=award-cycle&processInstanceBusinessKey=${encodeURIComponent(cycleKey)}&sortBy=startTime&sortOrder=desc&maxResults=1`,
  );
  if (!cycle) return undefined;
  // Both variables in one query (issue 18 item 3: one engine round trip less per application).
  const vars = await rest.get(
    `/history/variable-instance?processInstanceId=${cycle.id}&variableNameIn=eligibilityAsOf,applicationEnd&deserializeValues=false`,
  );
  const value = (name: string) => {
    const v = vars.find((x) => x.name === name)?.value;
    return typeof v === 'string' && isCalendarDate(v.slice(0, 10)) ? v.slice(0, 10) : undefined;
  };
  return value('eligibilityAsOf') ?? value('applicationEnd');
}

/** 资格审查, automatic part (Art. 2, 3, 14, 15, 16, 25): the rules over the application and the registry. */
export const eligibilityCheckWorker = defineWorker({
  topic: ELIGIBILITY_CHECK_TOPIC,
  title: '资格自动审查',
  input: EligibilityCheckInput,
  variables: [
    'applicantKind',
    'applicantName',
    'creditCode',
    'idNumber',
    'registeredDistrict',
    'registrationDate',
    'licensesValid',
    'chiefQualityOfficer',
    'municipalApplicationSameYear',
    'worksInBaoshan',
    'contributesToBaoshan',
    'qualityWorkSince',
    'seriousViolation',
    'employerName',
    'employerCreditCode',
    'declaredSanctions',
    'declaredAwards',
    'employerSanctions',
    'asOf',
    'rulesEdition',
    'district',
    'operatingYears',
    'qualityWorkYears',
    'lookBackYears',
    'cooldownYears',
    'banYears',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const applicant = applicantOf(input);
    // After 更正后重新审查: the office's decision and corrected fields go to the audit trail first.
    await auditEligibilityDecisions(ctx, deps);
    // Art. 14–16, 25: every application of a cycle is judged as of the one date the cycle fixed
    const asOf = input.asOf ?? (await cycleEligibilityDate(deps.engine, cycleKeyOf(ctx.businessKey)));
    const judged = asOf ? { ...input, asOf } : input;
    const edition = await applicationEdition(judged, ctx, deps);
    const variables = await judgeApplication(judged, applicant, deps.db, edition);
    ctx.log.info(
      { eligible: variables.eligibilityEligible, failures: variables.eligibilityFailureCount },
      '资格自动审查完成',
    );
    return complete(variables);
  },
});
