import { shippedEditions } from '../../../config/editions.js';
// The report of a simulated cycle, in Chinese: the funnel, the time of each phase, the awards per
// class and category next to the Art. 7 quotas, the incidents, and the checks that decide the exit code.
import { engineData, type EngineDto, type EngineRest, type Present } from '../../../camunda/rest.js';
import type { AwardEntry } from '../../../domain/awards.js';
import {
  AWARD_CATEGORIES,
  AWARD_CATEGORY_NAMES,
  AWARD_CLASS_NAMES,
  AWARD_CLASSES,
  editionInForce,
  type RulesEdition,
} from '../../../domain/edition.js';
import { checkQuotas } from '../../../domain/quota.js';
import { plainVariables, type DriveResult } from './driver.js';
import { FATE_NAMES, type ApplicantFate, type SimPlan } from './generate.js';
import type { Recording } from './replay.js';

/** The phases of award-cycle, each starting at the first of its markers (activity id or topic:…). */
export const CYCLE_PHASES: readonly { name: string; markers: readonly string[] }[] = [
  { name: '公告、申报与资格审查（至截止日）', markers: ['StartEvent_Cycle'] },
  { name: '初选名单', markers: ['Task_CheckDecisions'] },
  { name: '选聘专家组、分组与回避声明', markers: ['Task_LoadPool'] },
  { name: '资料评审与现场评审名单', markers: ['Task_OpenScoreSheets'] },
  { name: '现场评审与综合评价', markers: ['Task_RecordShortlist'] },
  { name: '汇总评审结果', markers: ['Task_ReviewSummary'] },
  { name: '建议名单、审定与批准', markers: ['topic:propose-awards', 'Task_AdjustProposal'] },
  { name: '公示与异议处理', markers: ['topic:plan-publicity'] },
  { name: '发文公告与登记', markers: ['Task_RecordDocument'] },
  { name: '撤销评审专家组', markers: ['Task_DissolvePanel'] },
];

export interface Funnel {
  applied: number;
  eligible: number;
  shortlisted: number;
  /** undefined while the diagram has no 建议名单 step. */
  proposed?: number;
  awarded?: number;
}

export interface SimOutcome {
  funnel: Funnel;
  awards?: AwardEntry[];
  phases: { name: string; ms: number }[];
  applicationsMs: number;
  totalMs: number;
  /** Checks that failed, in Chinese; the run passes exactly when this is empty. */
  failures: string[];
  notEligible: Map<string, number>;
}

// The engine's DTOs with the fields it always fills for these queries present.
type HistoricInstance = Present<
  EngineDto<'HistoricProcessInstanceDto'>,
  'id' | 'state' | 'startTime' | 'processDefinitionId'
>;
type HistoricActivity = Present<EngineDto<'HistoricActivityInstanceDto'>, 'activityId' | 'startTime'>;

const ms = (iso: string) => Date.parse(iso);

/** The edition of the 办法 whose Art. 7 quotas and Art. 19 caps apply to the simulated cycle. */
const editionOf = (plan: SimPlan): RulesEdition => {
  const edition = editionInForce(plan.today, shippedEditions());
  if (!edition) throw new Error(`第二十八条：${plan.today} 不在任何办法版本的适用期内`);
  return edition;
};

/** Reads what the engine holds about the cycle and its applications and checks it against the plan. */
export async function collectOutcome(rest: EngineRest, plan: SimPlan, run: DriveResult): Promise<SimOutcome> {
  const failures: string[] = [];
  const like = encodeURIComponent(`${plan.cycleKey}/%`);
  const apps = (await rest.get(
    `/history/process-instance?processDefinitionKey=award-application&processInstanceBusinessKeyLike=${like}`,
  )) as HistoricInstance[];
  const endedAt = async (activity: string) =>
    new Set(
      (
        (await engineData(
          rest.api.GET('/history/process-instance', {
            params: {
              query: {
                processDefinitionKey: 'award-application',
                processInstanceBusinessKeyLike: `${plan.cycleKey}/%`,
                executedActivityIdIn: activity,
                finished: true,
              },
            },
          }),
        )) as HistoricInstance[]
      ).map((i) => i.businessKey ?? ''),
    );
  const accepted = await endedAt('End_Accepted');

  // The cycle's process variables at the end (or now).
  const vars = (
    await Promise.all(
      ['reviewSummary', 'shortlistedApplications', 'proposedAwards', 'awards'].map((name) =>
        rest.get(
          `/history/variable-instance?processInstanceId=${run.cycleId}&variableName=${name}&deserializeValues=false`,
        ),
      ),
    )
  ).flat();
  const processScope = vars.filter((v) => v.activityInstanceId === v.processInstanceId);
  // Lists the office edits travel as JSON text (awards); read them as lists like Json variables.
  const values = Object.fromEntries(
    Object.entries(
      plainVariables(Object.fromEntries(processScope.map((v) => [v.name, { type: v.type, value: v.value }]))),
    ).map(([name, value]) => [
      name,
      typeof value === 'string' && /^\s*\[/.test(value) ? JSON.parse(value) : value,
    ]),
  ) as Record<string, unknown>;
  const summary = Array.isArray(values.reviewSummary)
    ? (values.reviewSummary as { applicationId: string; shortlisted?: boolean }[])
    : [];
  const shortlistedIds = Array.isArray(values.shortlistedApplications)
    ? (values.shortlistedApplications as string[])
    : summary.filter((s) => s.shortlisted).map((s) => s.applicationId);
  const proposed = Array.isArray(values.proposedAwards) ? (values.proposedAwards as AwardEntry[]) : undefined;

  const cycle = (await rest.get(`/history/process-instance/${run.cycleId}`)) as HistoricInstance;
  const activities = (await rest.get(
    `/history/activity-instance?processInstanceId=${run.cycleId}&sortBy=startTime&sortOrder=asc`,
  )) as HistoricActivity[];
  const recorded = activities.some((a) => a.activityId === 'Task_RecordDocument' && a.endTime);
  const awards =
    proposed !== undefined && recorded && Array.isArray(values.awards)
      ? (values.awards as AwardEntry[])
      : undefined;

  const funnel: Funnel = {
    applied: apps.length,
    eligible: accepted.size,
    shortlisted: shortlistedIds.length,
    ...(proposed ? { proposed: proposed.length } : {}),
    ...(awards ? { awarded: awards.length } : {}),
  };

  // Phases: each from its first marker to the next phase's, the last to the end of the cycle.
  const xml = await rest
    .get(`/process-definition/${cycle.processDefinitionId}/xml`)
    .then((r) => r.bpmn20Xml ?? '')
    .catch(() => '');
  const topicOf = new Map<string, string>();
  for (const m of xml.matchAll(/<bpmn:serviceTask\b[^>]*>/g)) {
    const id = /\bid="([^"]+)"/.exec(m[0])?.[1];
    const topic = /camunda:topic="([^"]+)"/.exec(m[0])?.[1];
    if (id && topic) topicOf.set(id, topic);
  }
  const startOf = (marker: string): number | undefined => {
    const hit = activities.find((a) =>
      marker.startsWith('topic:') ? topicOf.get(a.activityId) === marker.slice(6) : a.activityId === marker,
    );
    return hit ? ms(hit.startTime) : undefined;
  };
  const cycleEnd = cycle.endTime ? ms(cycle.endTime) : run.endedAt;
  const starts = CYCLE_PHASES.map((p) => ({
    name: p.name,
    start: p.markers.map(startOf).find((t) => t !== undefined),
  })).filter((p): p is { name: string; start: number } => p.start !== undefined);
  const phases = starts.map((p, i) => ({ name: p.name, ms: (starts[i + 1]?.start ?? cycleEnd) - p.start }));
  const appStart = Math.min(...apps.map((a) => ms(a.startTime)));
  const appEnd = Math.max(...apps.map((a) => (a.endTime ? ms(a.endTime) : run.endedAt)));
  const applicationsMs = apps.length ? appEnd - appStart : 0;

  // Checks
  if (run.failure) failures.push(run.failure);
  if (apps.length !== plan.applicants.length)
    failures.push(`申报流程数为 ${apps.length}，应为 ${plan.applicants.length}`);
  const notEligible = new Map<string, number>();
  for (const a of plan.applicants) {
    const expected = a.fate === 'eligible';
    const actual = accepted.has(a.businessKey);
    if (!expected) notEligible.set(a.fate, (notEligible.get(a.fate) ?? 0) + 1);
    const instance = apps.find((i) => i.businessKey === a.businessKey);
    if (instance && instance.state !== 'COMPLETED') continue; // reported by the run's failure
    if (expected !== actual)
      failures.push(
        `${a.businessKey}（${String(a.variables.applicantName)}）：预期${expected ? '正式受理' : `不予受理（${FATE_NAMES[a.fate]}）`}，实际${actual ? '正式受理' : '未受理'}`,
      );
  }
  for (const id of shortlistedIds) if (!accepted.has(id)) failures.push(`进入现场评审的 ${id} 未经正式受理`);
  if (awards) {
    const edition = editionOf(plan);
    const quota = checkQuotas(awards, edition.quotas, edition.prizeCaps);
    for (const v of quota.violations) failures.push(v.message);
    const shortlisted = new Set(shortlistedIds);
    for (const a of awards)
      if (!shortlisted.has(a.applicationId)) failures.push(`获奖的 ${a.applicationId} 未进入现场评审`);
    if (proposed && awards.length > proposed.length)
      failures.push(`获奖 ${awards.length} 项多于建议名单 ${proposed.length} 项`);
  }
  if (cycle.state !== 'COMPLETED' && !run.failure) failures.push('年度评审未结束');
  return {
    funnel,
    ...(awards ? { awards } : {}),
    phases,
    applicationsMs,
    totalMs: run.endedAt - run.startedAt,
    failures,
    notEligible,
  };
}

const seconds = (n: number) => `${(n / 1000).toFixed(1)} 秒`;

/** The report as lines of text. */
export function reportText(
  plan: SimPlan,
  run: DriveResult,
  outcome: SimOutcome,
  extra: { experts: number; objections: number; mails: number },
): string {
  const f = outcome.funnel;
  const lines: string[] = [];
  lines.push('', `======== ${plan.cycleKey} 年度评审模拟报告 ========`);
  lines.push(
    `申报 ${plan.applicants.length} 项，专家库 ${extra.experts} 人，公示期异议 ${extra.objections} 件`,
  );
  lines.push('', '评审漏斗：');
  const notEligible = [...outcome.notEligible.entries()]
    .map(([fate, n]) => `${FATE_NAMES[fate as ApplicantFate]} ${n}`)
    .join('；');
  lines.push(`  申报          ${f.applied}`);
  lines.push(`  正式受理      ${f.eligible}${notEligible ? `（按计划未受理：${notEligible}）` : ''}`);
  lines.push(`  进入现场评审  ${f.shortlisted}`);
  lines.push(`  建议获奖      ${f.proposed ?? '—（当前流程图尚无建议名单环节）'}`);
  lines.push(`  获奖          ${f.awarded ?? '—（当前流程图尚无发文公告环节）'}`);

  lines.push('', '各阶段用时：');
  for (const p of outcome.phases) lines.push(`  ${p.name}：${seconds(p.ms)}`);
  lines.push(`  （其中 ${f.applied} 个申报流程的申报、推荐与资格审查：${seconds(outcome.applicationsMs)}）`);
  lines.push(`  合计：${seconds(outcome.totalMs)}`);

  lines.push('', `获奖名额（第七条，${editionOf(plan).title}）：`);
  if (!outcome.awards) lines.push('  —（尚无获奖名单）');
  else
    for (const awardClass of AWARD_CLASSES)
      for (const category of AWARD_CATEGORIES) {
        const count = outcome.awards.filter(
          (a) => a.awardClass === awardClass && a.category === category,
        ).length;
        const limit = editionOf(plan).quotas[awardClass][category];
        lines.push(
          `  ${AWARD_CLASS_NAMES[awardClass]}·${AWARD_CATEGORY_NAMES[category]}  ${count} / ${limit}${count > limit ? '  超出名额' : ''}`,
        );
      }

  lines.push('', '自动处理的任务：');
  for (const [key, { name, count }] of run.answered) lines.push(`  ${name}（${key}）${count} 次`);
  for (const [activity, n] of run.timersFired) lines.push(`  定时器 ${activity} 触发 ${n} 次`);
  for (const o of run.objectionsFiled)
    lines.push(`  异议 ${o.objectionId}：${o.applicationId}，${o.decision === 'upheld' ? '成立' : '不成立'}`);
  for (const note of run.state.notes) lines.push(`  办公室处理：${note}`);
  lines.push(`  发出邮件 ${extra.mails} 封`);

  lines.push('', '事件（incident）：');
  if (run.incidents.length === 0) lines.push('  无');
  for (const i of run.incidents)
    lines.push(
      `  ${i.activityId ?? '—'}（${i.incidentType}，流程实例 ${i.processInstanceId ?? '—'}）：${i.incidentMessage ?? ''}`,
    );

  lines.push('');
  if (outcome.failures.length === 0)
    lines.push(
      `结论：通过——年度评审完整结束，无事件，${outcome.awards ? '获奖名单符合第七条名额' : '当前流程图尚无获奖名单'}。`,
    );
  else {
    lines.push('结论：未通过');
    for (const failure of outcome.failures) lines.push(`  - ${failure}`);
  }
  return lines.join('\n');
}

/** How two runs of the same plan differ in the path they took: tasks answered and timers fired. */
export function pathDifferences(a: DriveResult, b: DriveResult): string[] {
  const diffs: string[] = [];
  if (b.failure) diffs.push(`空操作一遍未结束：${b.failure}`);
  const keys = new Set([...a.answered.keys(), ...b.answered.keys()]);
  for (const key of keys) {
    const x = a.answered.get(key)?.count ?? 0;
    const y = b.answered.get(key)?.count ?? 0;
    if (x !== y) diffs.push(`任务 ${key}：真实 ${x} 次，空操作 ${y} 次`);
  }
  const timers = new Set([...a.timersFired.keys(), ...b.timersFired.keys()]);
  for (const t of timers) {
    const x = a.timersFired.get(t) ?? 0;
    const y = b.timersFired.get(t) ?? 0;
    if (x !== y) diffs.push(`定时器 ${t}：真实 ${x} 次，空操作 ${y} 次`);
  }
  return diffs;
}

/** Real run time / no-op run time of the cycle (the driver's time, engine start-up excluded). */
export function noopRatio(real: DriveResult, noop: DriveResult): number {
  const noopMs = Math.max(1, noop.endedAt - noop.startedAt);
  return Math.round(((real.endedAt - real.startedAt) / noopMs) * 100) / 100;
}

/** The comparison with the no-op run (issue 18 item 3: goal ≤ 1.3×), in Chinese. */
export function noopReportText(
  real: DriveResult,
  noop: DriveResult,
  recording: Recording,
): { text: string; samePath: boolean; ratio: number } {
  const diffs = pathDifferences(real, noop);
  const ratio = noopRatio(real, noop);
  const lines = [
    `  真实工作者：${seconds(real.endedAt - real.startedAt)}；空操作：${seconds(noop.endedAt - noop.startedAt)}`,
  ];
  if (diffs.length === 0) {
    lines.push(`  路径相同（自动处理的任务与定时器次数一致）`);
    lines.push(`  空操作比值（真实/空操作）：${ratio.toFixed(2)}（目标 ≤ 1.3）`);
  } else {
    lines.push(`  路径不同，比值无效：`);
    for (const d of diffs) lines.push(`    ${d}`);
  }
  const r = recording.replayed;
  lines.push(
    `  回放的工作者结果：按输入变量 ${r.exact} 次，按活动顺序 ${r.fallback} 次，无记录 ${r.missing} 次`,
  );
  const slowest = [...recording.handlerMs.entries()].sort((x, y) => y[1].ms - x[1].ms).slice(0, 5);
  if (slowest.length > 0) {
    lines.push('  真实工作者处理时间最多的主题：');
    for (const [topic, t] of slowest)
      lines.push(`    ${topic}：${t.count} 次，共 ${seconds(t.ms)}，平均 ${Math.round(t.ms / t.count)} ms`);
  }
  return { text: lines.join('\n'), samePath: diffs.length === 0, ratio };
}
