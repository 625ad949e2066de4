// Art. 10, 11, 12, 18 (1), 26: one 评选年 cycle — its 公告, its panel (评审专家组) and the review teams.
import { z } from 'zod';
import {
  conflictOfInterest,
  planAssignment,
  qualificationFailures,
  type AssignmentPlan,
  type Expert,
  type ReviewApplication,
  type ReviewerRules,
} from './assignment.js';
import { expertQualificationFailures, splitList, type PoolExpert } from './experts.js';
import { isCalendarDate } from './identifiers.js';

const date = (label: string) =>
  z
    .string({ error: `缺少${label}` })
    .trim()
    .refine(isCalendarDate, `${label}应为有效日期（YYYY-MM-DD）`);

/** The office's start form of award-cycle: Art. 18 (1) 公告的时间安排、领域 and the team size. */
export const CycleParameters = z
  .object({
    year: z.coerce
      .string()
      .trim()
      .regex(/^\d{4}$/, '评选年度应为四位年份'),
    applicationStart: date('申报开始日期'),
    applicationEnd: date('申报截止日期'),
    deadline: date('资格审查完成日期'),
    cycleFields: z
      .string({ error: '缺少评审领域' })
      .transform(splitList)
      .refine((list) => list.length > 0, '至少填写一个评审领域'),
    teamSize: z.coerce
      .number({ error: '评审组人数应为数字' })
      .int('评审组人数应为整数')
      .min(1, '评审组人数至少为 1')
      .max(15, '评审组人数不超过 15'),
  })
  .superRefine((c, ctx) => {
    if (c.applicationEnd < c.applicationStart)
      ctx.addIssue({ code: 'custom', path: ['applicationEnd'], message: '申报截止日期不能早于开始日期' });
    if (c.deadline < c.applicationEnd)
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: '资格审查完成日期不能早于申报截止日期' });
  });
export type CycleParameters = z.infer<typeof CycleParameters>;

/** The contract's business key of a cycle. */
export const cycleKey = (year: string | number): string => `cycle-${year}`;

/** Art. 11: the panel's Camunda group, which exists only while the cycle runs. */
export const panelGroup = (year: string | number): string => `panel-${year}`;

/** Art. 18 (1): the 公告 — time schedule, fields, who may apply, conditions and requirements. */
export function announcementText(c: CycleParameters): string {
  return [
    `宝山区政府质量奖 ${c.year} 年度评审公告`,
    '',
    `根据《上海市宝山区政府质量奖管理办法》第十八条第（一）项，现公告 ${c.year} 年度区政府质量奖评审的时间安排和要求：`,
    '',
    `一、申报时间：${c.applicationStart} 至 ${c.applicationEnd}。`,
    `二、评审领域：${c.cycleFields.join('、')}。`,
    '三、申报对象：在宝山区登记注册的组织（先进质量管理模式）和在宝山区从事质量工作或为宝山区质量工作做出贡献的个人（先进质量管理成果）（第二、三条）。',
    '四、申报条件：见《办法》第十四条至第十六条。',
    `五、申报要求：填写《宝山区政府质量奖申报表》，进行自我评价，提供必要的证实性材料，经所在街镇（园区）或主管部门签署推荐意见后，于 ${c.applicationEnd} 前报送审定委员会办公室（第十八条第（二）项）；资格审查于 ${c.deadline} 前完成（第十八条第（三）项）。`,
    '',
    '宝山区政府质量奖审定委员会办公室',
  ].join('\n');
}

/**
 * Art. 11, 12: problems of the office's panel selection, in Chinese; empty when the panel may be formed.
 * `pool` holds the experts the store knows.
 */
export function panelProblems(
  selection: { experts: string[]; leader: string },
  pool: PoolExpert[],
  teamSize: number,
  rules: ReviewerRules,
): string[] {
  const byId = new Map(pool.map((e) => [e.id, e]));
  const problems: string[] = [];
  for (const id of selection.experts) {
    const expert = byId.get(id);
    if (!expert) problems.push(`专家 ${id} 不在专家库中（第十条第（四）项）`);
    else
      for (const reason of expertQualificationFailures(expert, rules))
        problems.push(`${expert.name}（${id}）${reason}`);
  }
  if (!selection.experts.includes(selection.leader))
    problems.push('组长须为评审专家组成员（第十一条：评审专家组实行组长负责制）');
  if (selection.experts.length < teamSize)
    problems.push(
      `评审专家组至少需要 ${teamSize} 人（每个评审组 ${teamSize} 人），现为 ${selection.experts.length} 人`,
    );
  return problems;
}

/** One expert's review of one application, as the cycle's confirmation tasks receive it. */
export interface ReviewAssignment {
  applicationId: string;
  applicantName: string;
  expertId: string;
  lead: boolean;
}

/** Flattens a plan into one assignment per reviewer, in team order. */
export function assignmentsOf(plan: AssignmentPlan, applications: ReviewApplication[]): ReviewAssignment[] {
  const names = new Map(applications.map((a) => [a.id, a.applicantName]));
  return plan.teams.flatMap((team) =>
    team.reviewers.map((expertId) => ({
      applicationId: team.applicationId,
      applicantName: names.get(team.applicationId) ?? team.applicationId,
      expertId,
      lead: expertId === team.lead,
    })),
  );
}

/** Art. 11 组长 of a team, by the rule of planAssignment: the most experienced, ties by id. */
export function teamLead(members: Expert[]): string | undefined {
  return [...members].sort(
    (x, y) => y.yearsOfExperience - x.yearsOfExperience || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  )[0]?.id;
}

export type ReplacementOutcome =
  { ok: true; expertId: string } | { ok: false; applicationId: string; message: string };

/**
 * Art. 12, 26: the panel member who replaces a reviewer who declared a conflict, by the method of
 * planAssignment — qualified, free of conflicts, not already on the team; the largest load stays as
 * small as possible (only the least-loaded candidates that keep it are offered), and among those a
 * specialty match with the application's industry is preferred. `team` is the team without the
 * reviewer who withdrew; `load` counts every current review of each panel member.
 */
export function chooseReplacement(input: {
  application: ReviewApplication;
  team: string[];
  panel: Expert[];
  load: Record<string, number>;
  /** Art. 12 (二): the rules edition of the cycle. */
  rules: ReviewerRules;
}): ReplacementOutcome {
  const { application } = input;
  const eligible = input.panel.filter(
    (e) =>
      !input.team.includes(e.id) &&
      qualificationFailures(e, input.rules).length === 0 &&
      conflictOfInterest(e, application) === null,
  );
  if (eligible.length === 0)
    return {
      ok: false,
      applicationId: application.id,
      message: `按第十二条评审人员资格条件和第二十六条回避规定，评审专家组中已无可替换的专家，申报 ${application.id}（${application.applicantName}）的评审组不足：请补充评审专家后重新分配`,
    };
  const loadOf = (id: string) => input.load[id] ?? 0;
  const largest = Math.max(0, ...Object.values(input.load));
  const least = Math.min(...eligible.map((e) => loadOf(e.id)));
  const bound = Math.max(largest, least + 1);
  const candidates = eligible.filter((e) => loadOf(e.id) + 1 <= bound);
  const outcome = planAssignment(
    { teamSize: 1, experts: candidates, applications: [application] },
    input.rules,
  );
  if (!outcome.ok) return { ok: false, applicationId: application.id, message: outcome.infeasible.message };
  return { ok: true, expertId: outcome.plan.teams[0]!.reviewers[0]! };
}

/** The application facts the review needs, from the variables of an accepted award-application. */
export function reviewApplicationOf(businessKey: string, v: Record<string, unknown>): ReviewApplication {
  const str = (name: string): string | undefined => {
    const value = v[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const organization = str('applicantKind') !== 'individual';
  const creditCode = organization ? str('creditCode') : undefined;
  const idNumber = organization ? undefined : str('idNumber');
  const employer = organization ? undefined : str('employerCreditCode');
  return {
    id: businessKey,
    applicantName: str('applicantName') ?? businessKey,
    ...(creditCode ? { applicantCreditCode: creditCode } : {}),
    ...(idNumber ? { applicantIdNumber: idNumber } : {}),
    ...(employer ? { employerCreditCode: employer } : {}),
    // The application form has no 领域 yet; without one no specialty match is preferred.
    industry: str('industry') ?? '未注明',
  };
}

/** Art. 12: pool experts not qualified under the cycle's edition are never planned with ((四) is checked here). */
export function plannable(pool: PoolExpert[], rules: ReviewerRules): PoolExpert[] {
  return pool.filter((e) => expertQualificationFailures(e, rules).length === 0);
}
