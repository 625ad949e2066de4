// The automatic answers of the simulation: one function per user task definition key, giving the
// variables a plausible person would submit with that task's form. A task added to a diagram gets
// its line here; a task without one stops the simulation naming it.
import type { EngineDto, Present } from '../../../camunda/rest.js';
import { shippedEditions } from '../../../config/editions.js';
import { editionById, type RulesEdition } from '../../../domain/edition.js';
import { criteriaOf, type ApplicantKind } from '../../../domain/scoring.js';
import { formatAwardLines, type AwardEntry } from '../../../domain/awards.js';
import { addDays, type SimApplicant, type SimPlan } from './generate.js';

/** An open user task as the engine lists it, with the fields it always fills present. */
export type SimTask = Present<
  EngineDto<'TaskDto'>,
  'id' | 'name' | 'taskDefinitionKey' | 'processInstanceId' | 'processDefinitionId'
>;

/** What the answers remember between tasks (decisions that must stay consistent). */
export interface SimState {
  /** The one reviewer who declares a conflict (Art. 26) to exercise the replacement path. */
  conflictDeclared: boolean;
  /**
   * The confirmation task that declares it: the first of the first batch in a stable order (the driver
   * sets it), so a second run of the same plan (the no-op run) declares it on the same task.
   */
  conflictTaskId?: string;
  /** Objection id → the office's decision on it. */
  objectionDecisions: Map<string, 'upheld' | 'dismissed'>;
  /** Things the office had to correct, for the report. */
  notes: string[];
  /** Tasks that came back (a warning on the form) per definition key. */
  returned: Map<string, number>;
}

export function newState(): SimState {
  return { conflictDeclared: false, objectionDecisions: new Map(), notes: [], returned: new Map() };
}

export interface AnswerContext {
  task: SimTask;
  /** The task's variables, Json values parsed. */
  vars: Record<string, unknown>;
  plan: SimPlan;
  state: SimState;
  rnd: () => number;
}

export type Answer = (ctx: AnswerContext) => Record<string, unknown>;

/** The variables whose presence (non-empty) means the task came back with a warning. */
export const WARNING_VARIABLES = ['panelWarning', 'scoreWarning', 'reviewWarning', 'quotaViolationsText'];

const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** The generated applicant an application or review task is about. */
export function applicantOf(ctx: AnswerContext): SimApplicant | undefined {
  const key =
    text(ctx.vars.reviewApplicationId) || `${text(ctx.vars.cycleKey)}/${text(ctx.vars.applicationId)}`;
  return ctx.plan.applicants.find((a) => a.businessKey === key);
}

/** A score around the application's quality, within 0..max. */
function around(ctx: AnswerContext, quality: number, max: number, spread = 0.04): number {
  const q = Math.min(1, Math.max(0, quality + (ctx.rnd() * 2 - 1) * spread));
  return Math.round(q * max);
}

const optionValues = (v: unknown): string[] => list<{ value: string }>(v).map((o) => o.value);

/** Art. 7, 19: keeps the best-ranked awards within every class and category quota and caps the prizes. */
export function withinQuotas(awards: readonly AwardEntry[], edition: RulesEdition): AwardEntry[] {
  const counts = new Map<string, number>();
  const kept: AwardEntry[] = [];
  const ranked = [...awards].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  for (const award of ranked) {
    const key = `${award.awardClass}/${award.category}`;
    const n = counts.get(key) ?? 0;
    if (n >= edition.quotas[award.awardClass][award.category]) continue;
    counts.set(key, n + 1);
    const cap = edition.prizeCaps[award.awardClass][award.category];
    kept.push(award.prize !== undefined && award.prize > cap ? { ...award, prize: cap } : award);
  }
  return kept;
}

export const ANSWERS: Readonly<Record<string, Answer>> = {
  // award-application (Art. 18 (2), (3))
  Task_Recommend: (ctx) =>
    applicantOf(ctx)?.fate === 'not-recommended'
      ? { recommendationDecision: 'refuse', recommendationOpinion: '该单位申报材料不完整，本单位不予推荐。' }
      : { recommendationDecision: 'approve', recommendationOpinion: '经核实，情况属实，同意推荐。' },
  Task_EligibilityReview: (ctx) => {
    const failures = Number(ctx.vars.eligibilityFailureCount ?? 0);
    return failures > 0
      ? { reviewDecision: 'reject', reviewReasons: `不予受理：\n${text(ctx.vars.eligibilityFindingsText)}` }
      : { reviewDecision: 'accept', reviewReasons: '经审查，符合申报条件，正式受理。' };
  },
  Task_DepartmentOpinion: () => ({ departmentStance: 'no-objection', departmentOpinion: '经查，无异议。' }),

  // award-cycle: 初选名单, panel, teams (Art. 10–12, 18 (3), 26)
  // Art. 28: when no edition of the 办法 applies to the cycle, the office confirms the newest one.
  Task_ConfirmEdition: () => ({ confirmedEdition: shippedEditions()[shippedEditions().length - 1]!.id }),
  Task_ConfirmPreliminary: () => ({ preliminaryConfirmed: true }),
  Task_SelectPanel: (ctx) => {
    const options = optionValues(ctx.vars.expertOptions);
    const teamSize = Number(ctx.vars.teamSize ?? 3);
    // Keep one qualified expert in reserve when the pool allows, for an infeasible team.
    const panel = options.length >= teamSize + 3 ? options.slice(0, -1) : options;
    return { panelExperts: panel, panelLeader: panel[0] ?? '' };
  },
  Task_ResolveAssignment: (ctx) => resolveWithReserve(ctx),
  Task_ResolveReplacement: (ctx) => resolveWithReserve(ctx),
  Task_Confirm: (ctx) => {
    // One reviewer (not the first of a small panel) declares a conflict; everyone else confirms.
    const chosen = ctx.state.conflictTaskId === undefined || ctx.state.conflictTaskId === ctx.task.id;
    if (!ctx.state.conflictDeclared && chosen) {
      ctx.state.conflictDeclared = true;
      return {
        conflictDecision: 'conflict',
        conflictReason: '本人近三年曾为该申报单位提供咨询服务，申请回避。',
      };
    }
    return { conflictDecision: 'none' };
  },

  // 资料评审, 现场评审, 综合评价 (Art. 17, 18 (4)-(6))
  Task_ScoreSheet: (ctx) => {
    const kind = (text(ctx.vars.reviewApplicantKind) || 'organization') as ApplicantKind;
    const quality = applicantOf(ctx)?.quality ?? 0.7;
    return {
      ...Object.fromEntries(criteriaOf(kind).map((c) => [c.key, around(ctx, quality, c.max)])),
      strengths: '质量管理体系健全，领导重视，过程控制有效。',
      improvements: '建议加强数据分析在持续改进中的应用。',
    };
  },
  Task_Reconcile: (ctx) => ({
    reconciliationNote: `组长已与评审组成员（${text(ctx.vars.reconcileReviewers) || '各评审专家'}）复核评分依据，偏差有合理解释，维持评分。`,
  }),
  Task_Shortlist: (ctx) => {
    const ranked = optionValues(ctx.vars.shortlistOptions);
    // 好中选优: the better two thirds of the ranking go on to the 现场评审.
    return { shortlistedApplications: ranked.slice(0, Math.max(1, Math.ceil((ranked.length * 2) / 3))) };
  },
  Task_ScheduleSiteVisit: (ctx) => ({
    siteVisitDate: addDays(ctx.plan.today, 14 + Math.floor(ctx.rnd() * 14)),
    siteVisitPlace: `${text(ctx.vars.reviewApplicantName)}经营场所（宝山区）`,
  }),
  Task_SiteReport: (ctx) => {
    const quality = applicantOf(ctx)?.quality ?? 0.7;
    return {
      siteScore: around(ctx, quality, 1000, 0.03),
      siteReport: `${text(ctx.vars.reviewApplicantName)}现场评审：质量管理制度落实到位，现场过程受控，记录完整。`,
    };
  },
  Task_Evaluation: (ctx) => ({
    evaluationReport: `${text(ctx.vars.reviewApplicantName)}综合评价：质量管理经验具有示范性，可在本区推广。`,
  }),

  // 建议名单, 审定, 批准, 公示, 发文公告 (Art. 7, 18 (6)-(8), 19)
  Task_AdjustProposal: (ctx) => {
    const returned = WARNING_VARIABLES.some((w) => text(ctx.vars[w]) !== '') || ctx.vars.quotaOk === false;
    const source = list<AwardEntry>(
      returned ? (ctx.vars.awards ?? ctx.vars.proposedAwards) : ctx.vars.proposedAwards,
    );
    // Through the form's own field (the engine refuses variables a form does not declare).
    if (!returned) return { awardsLines: formatAwardLines(source) };
    // Art. 28: the quotas of the edition the cycle recorded.
    const kept = withinQuotas(source, editionById(text(ctx.vars.rulesEdition), shippedEditions()));
    ctx.state.notes.push(
      `建议名单未通过名额核对（${text(ctx.vars.quotaViolationsText) || '超出名额'}），办公室按名额保留排名靠前的 ${kept.length} 项`,
    );
    return { awardsLines: formatAwardLines(kept) };
  },
  Task_CommitteeReview: () => ({
    committeeDecision: 'approve',
    committeeReasons: '经审定委员会审议，同意建议名单。',
  }),
  Task_GovernmentApproval: () => ({ governmentDecision: 'approve', governmentReasons: '同意。' }),
  Task_ReviewObjection: (ctx) => {
    const decision = ctx.state.objectionDecisions.get(text(ctx.vars.objectionId)) ?? 'dismissed';
    return {
      objectionDecision: decision,
      objectionFindings:
        decision === 'upheld'
          ? '经调查核实，异议成立，该申报不列入获奖名单。'
          : '经调查核实，异议所述情况不属实，异议不成立。',
    };
  },
  Task_RecordDocument: (ctx) => ({
    documentNumber: `宝府〔${ctx.plan.year}〕${10 + Math.floor(ctx.rnd() * 80)}号`,
    documentDate: ctx.plan.today,
  }),
};

/** The office adds the qualified experts of the pool that are not on the panel yet. */
function resolveWithReserve(ctx: AnswerContext): Record<string, unknown> {
  const panel = new Set(list<string>(ctx.vars.panelExperts));
  const reserve = optionValues(ctx.vars.expertOptions).filter((id) => !panel.has(id));
  ctx.state.notes.push(
    `评审组无法组成，办公室补充专家 ${reserve.join('、') || '（专家库已无可补充的专家）'}`,
  );
  return { additionalPanelExperts: reserve };
}
