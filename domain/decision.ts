// Art. 7, 18 (6)-(8), 19: the 建议名单 from the 综合评价 ranking, the list as text, and the 公示.
import type { AwardEntry, AwardList } from './awards.js';
import { nextWorkingDayAfter, publicityEnd, type IsoDate, type WorkingDayCalendar } from './calendar.js';
import {
  AWARD_CATEGORIES,
  AWARD_CATEGORY_NAMES,
  AWARD_CLASS_NAMES,
  AWARD_CLASSES,
  type AwardCategory,
  type AwardClass,
  type PerAward,
} from './edition.js';

/** One application of the 综合评价 ranking (the reviewSummary entries of aggregate-scores). */
export interface RankedApplication {
  applicationId: string;
  applicantName: string;
  applicantKind: 'organization' | 'individual';
  documentScore: number;
  maxTotal: number;
  shortlisted: boolean;
  siteScore?: number;
  rank?: number;
}

/** What the proposal knows of the applicant beyond the ranking (from the application). */
export interface ApplicantContact {
  creditCode?: string;
  idNumber?: string;
  email?: string;
}

export interface ProposalParameters {
  /** Art. 7: the most awards per class and category. */
  quotas: PerAward;
  /** Art. 19: the prize proposed per class and category (whole yuan; the office may lower it). */
  prizes: PerAward;
  /** Two scores this close (in points) on either side of a class boundary are flagged as a near-tie. */
  nearTieMargin: number;
  /**
   * Art. 4, 7 (宁缺毋滥): below this score (of 1000) no application is proposed for the class, which
   * then stays empty.
   */
  minScores?: Partial<Record<AwardClass, number>>;
}

export interface ProposalFlag {
  kind: 'tie' | 'near-tie';
  category: AwardCategory;
  applicationIds: [string, string];
  message: string;
}

export interface Proposal {
  awards: AwardList;
  flags: ProposalFlag[];
  /**
   * Classes and categories that stay empty (Art. 7: 所有奖项均可空缺); `minScore` when a place was
   * left and applicants were there but none reached the class's minimum score (Art. 4: 宁缺毋滥).
   */
  empty: { awardClass: AwardClass; category: AwardCategory; minScore?: number }[];
}

/** Art. 2: an organization's award is a 先进质量管理模式, an individual's a 先进质量管理成果. */
export const categoryOf = (kind: RankedApplication['applicantKind']): AwardCategory =>
  kind === 'individual' ? 'achievement' : 'model';

/** The score the proposal ranks by: the 现场评审 score of an application that was visited. */
const scoreOf = (r: RankedApplication): number => r.siteScore ?? r.documentScore;

const outcomeName = (c: AwardClass | undefined) => (c ? AWARD_CLASS_NAMES[c] : '未列入建议名单');

/**
 * Art. 7, 18 (6): proposes a class for each application that went through the 现场评审 and
 * 综合评价, per category in order of score (ties by the 资料评审 score, then by id): 区长质量奖
 * while its quota lasts, then 质量金奖, then nothing. A class may stay empty (quota 0 or minimum
 * score not reached). Two neighbours that end up on different sides of a boundary are flagged when
 * their scores are equal (tie) or within `nearTieMargin` points (near-tie), for the office to decide.
 */
export function proposeAwards(
  ranking: readonly RankedApplication[],
  params: ProposalParameters,
  contacts: ReadonlyMap<string, ApplicantContact> = new Map(),
): Proposal {
  const awards: AwardEntry[] = [];
  const flags: ProposalFlag[] = [];
  const empty: Proposal['empty'] = [];
  const candidates = ranking.filter((r) => r.shortlisted && r.siteScore !== undefined);
  for (const category of AWARD_CATEGORIES) {
    const ordered = candidates
      .filter((r) => categoryOf(r.applicantKind) === category)
      .sort(
        (a, b) =>
          scoreOf(b) - scoreOf(a) ||
          b.documentScore - a.documentScore ||
          a.applicationId.localeCompare(b.applicationId),
      );
    const left: Record<AwardClass, number> = {
      'district-head': params.quotas['district-head'][category],
      gold: params.quotas.gold[category],
    };
    const outcome: (AwardClass | undefined)[] = ordered.map((r) => {
      const awardClass = AWARD_CLASSES.find(
        (c) => left[c] > 0 && scoreOf(r) >= (params.minScores?.[c] ?? Number.NEGATIVE_INFINITY),
      );
      if (awardClass) left[awardClass] -= 1;
      return awardClass;
    });
    ordered.forEach((r, i) => {
      const awardClass = outcome[i];
      if (!awardClass) return;
      const contact = contacts.get(r.applicationId) ?? {};
      awards.push({
        applicationId: r.applicationId,
        category,
        awardClass,
        prize: params.prizes[awardClass][category],
        applicantName: r.applicantName,
        applicantKind: r.applicantKind,
        ...(contact.creditCode ? { creditCode: contact.creditCode } : {}),
        ...(contact.idNumber ? { idNumber: contact.idNumber } : {}),
        ...(contact.email ? { email: contact.email } : {}),
        rank: awards.filter((a) => a.category === category).length + 1,
        score: scoreOf(r),
      });
    });
    for (let i = 0; i + 1 < ordered.length; i += 1) {
      if (outcome[i] === outcome[i + 1]) continue;
      const [a, b] = [ordered[i]!, ordered[i + 1]!];
      const gap = Math.abs(scoreOf(a) - scoreOf(b));
      if (gap > params.nearTieMargin) continue;
      const kind = gap === 0 ? 'tie' : 'near-tie';
      const how = kind === 'tie' ? `得分相同（${scoreOf(a)} 分）` : `分差仅 ${Math.round(gap * 10) / 10} 分`;
      flags.push({
        kind,
        category,
        applicationIds: [a.applicationId, b.applicationId],
        message:
          `${AWARD_CATEGORY_NAMES[category]}：${a.applicantName}（${a.applicationId}，${scoreOf(a)} 分，` +
          `${outcomeName(outcome[i])}）与 ${b.applicantName}（${b.applicationId}，${scoreOf(b)} 分，` +
          `${outcomeName(outcome[i + 1])}）${how}，请办公室斟酌`,
      });
    }
    for (const awardClass of AWARD_CLASSES) {
      if (outcome.includes(awardClass)) continue;
      const minScore = params.minScores?.[awardClass];
      const belowMinimum =
        minScore !== undefined && params.quotas[awardClass][category] > 0 && ordered.length > 0; // with a place left, only the minimum kept them out
      empty.push(belowMinimum ? { awardClass, category, minScore } : { awardClass, category });
    }
  }
  return { awards, flags, empty };
}

/** The list as lines for the forms and the notice: one line per award, grouped by class and category. */
export function awardListText(awards: readonly AwardEntry[]): string {
  const lines: string[] = [];
  for (const awardClass of AWARD_CLASSES)
    for (const category of AWARD_CATEGORIES) {
      const group = awards.filter((a) => a.awardClass === awardClass && a.category === category);
      const title = `${AWARD_CLASS_NAMES[awardClass]}（${AWARD_CATEGORY_NAMES[category]}）`;
      if (group.length === 0) {
        lines.push(`${title}：空缺`);
        continue;
      }
      lines.push(`${title}：`);
      group.forEach((a, i) =>
        lines.push(
          `  ${i + 1}. ${a.applicantName}（${a.applicationId}）` +
            (a.score !== undefined ? `，得分 ${a.score}` : '') +
            (a.prize !== undefined ? `，奖金 ${a.prize} 元` : ''),
        ),
      );
    }
  return lines.join('\n');
}

/** The proposal's flags and empty classes as text for the office's form. */
export function proposalNotesText(proposal: Pick<Proposal, 'flags' | 'empty'>): string {
  return [
    ...proposal.flags.map((f) => `${f.kind === 'tie' ? '【并列】' : '【分差接近】'}${f.message}`),
    ...proposal.empty.map((e) =>
      e.minScore !== undefined
        ? `${AWARD_CLASS_NAMES[e.awardClass]}（${AWARD_CATEGORY_NAMES[e.category]}）空缺：没有申报达到最低分 ${e.minScore} 分（第四条、第七条：宁缺毋滥，所有奖项均可空缺）`
        : `${AWARD_CLASS_NAMES[e.awardClass]}（${AWARD_CATEGORY_NAMES[e.category]}）空缺（第七条：所有奖项均可空缺）`,
    ),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 公示 (Art. 18 (7))

export interface PublicityPlan {
  publicityStart: IsoDate;
  publicityEnd: IsoDate;
  /** The end of the last working day in Shanghai (where the 办法 applies), ISO 8601 with offset. */
  publicityEndsAt: string;
  publicityDays: number;
  days: IsoDate[];
}

/**
 * Art. 18 (7): the 公示 of `workingDays` working days from `start` (the start counted when it is a
 * working day); a period shorter than the edition's `minimum` is refused with a RangeError.
 */
export function planPublicity(
  start: IsoDate,
  workingDays: number,
  minimum: number,
  calendar: WorkingDayCalendar,
): PublicityPlan {
  if (workingDays < minimum)
    throw new RangeError(
      `公示期 ${workingDays} 个工作日少于第十八条第（七）项规定的不少于 ${minimum} 个工作日`,
    );
  const period = publicityEnd(start, workingDays, calendar);
  return {
    publicityStart: period.start,
    publicityEnd: period.end,
    publicityEndsAt: `${period.end}T23:59:59+08:00`,
    publicityDays: period.workingDays,
    days: period.days,
  };
}

/**
 * Art. 18 (7): the first day of the 公示 — the date the office set when it is after the day of the
 * approval, otherwise the next working day after the approval (an office date on or before the
 * approval has passed and cannot be kept).
 */
export function publicityStartDay(
  approvedOn: IsoDate,
  officeStart: IsoDate | null | undefined,
  calendar: WorkingDayCalendar,
): { start: IsoDate; passedOfficeDate?: IsoDate } {
  if (officeStart && officeStart > approvedOn) return { start: officeStart };
  const start = nextWorkingDayAfter(approvedOn, calendar);
  return officeStart ? { start, passedOfficeDate: officeStart } : { start };
}

/** Art. 18 (7): the text of the 公示 notice, generated from the list. */
export function publicityNoticeText(input: {
  year: string;
  awards: readonly AwardEntry[];
  plan: Pick<PublicityPlan, 'publicityStart' | 'publicityEnd' | 'publicityDays'>;
}): string {
  return [
    `宝山区政府质量奖 ${input.year} 年度拟获奖名单公示`,
    '',
    `根据《上海市宝山区政府质量奖管理办法》第十八条第（七）项，经审定委员会审定、区政府批准，现将 ${input.year} 年度区政府质量奖拟获奖名单公示如下：`,
    '',
    awardListText(input.awards),
    '',
    `公示期：${input.plan.publicityStart} 至 ${input.plan.publicityEnd}（${input.plan.publicityDays} 个工作日）。`,
    '公示期间，任何单位和个人对拟获奖名单有异议的，可向审定委员会办公室书面提出，并写明事实和理由。',
    '',
    '宝山区政府质量奖审定委员会办公室',
  ].join('\n');
}
