// Art. 17, 18 (4)-(6): the 资料评审 score sheets and their aggregation per application.
// Organizations are scored on GB/T 19580《卓越绩效评价准则》's seven categories (Art. 17); individuals
// on the criteria of Art. 2 (创新性、示范性、推广性, contribution to high-quality development) and
// Art. 15 (2) (卓有成效的质量管理理论研究成果或丰富的实践经验，为提高质量做出了突出贡献).
import { z } from 'zod';

export type ApplicantKind = 'organization' | 'individual';

export interface Criterion {
  /** The form field and process variable of the score. */
  key: string;
  label: string;
  max: number;
  /** The article or standard the criterion comes from. */
  basis: string;
}

/** Art. 17: GB/T 19580 categories with their maxima, total 1000. */
export const ORGANIZATION_CRITERIA: readonly Criterion[] = [
  { key: 'scoreLeadership', label: '领导', max: 110, basis: 'GB/T 19580 4.1' },
  { key: 'scoreStrategy', label: '战略', max: 90, basis: 'GB/T 19580 4.2' },
  { key: 'scoreCustomers', label: '顾客与市场', max: 90, basis: 'GB/T 19580 4.3' },
  { key: 'scoreResources', label: '资源', max: 130, basis: 'GB/T 19580 4.4' },
  { key: 'scoreProcesses', label: '过程管理', max: 100, basis: 'GB/T 19580 4.5' },
  { key: 'scoreMeasurement', label: '测量、分析与改进', max: 80, basis: 'GB/T 19580 4.6' },
  { key: 'scoreResults', label: '结果', max: 400, basis: 'GB/T 19580 4.7' },
];

/** Art. 2, 15 (2): the criteria of a 先进质量管理成果, total 1000. */
export const INDIVIDUAL_CRITERIA: readonly Criterion[] = [
  { key: 'scoreTheory', label: '质量管理理论研究成果', max: 250, basis: '第十五条第（二）项' },
  { key: 'scorePractice', label: '质量管理实践经验', max: 250, basis: '第十五条第（二）项' },
  {
    key: 'scoreContribution',
    label: '对提高质量和高质量发展的贡献',
    max: 300,
    basis: '第二条、第十五条第（二）项',
  },
  { key: 'scoreInfluence', label: '创新性、示范性和推广性', max: 200, basis: '第二条' },
];

export const criteriaOf = (kind: ApplicantKind): readonly Criterion[] =>
  kind === 'individual' ? INDIVIDUAL_CRITERIA : ORGANIZATION_CRITERIA;

export const maxTotal = (kind: ApplicantKind): number => criteriaOf(kind).reduce((s, c) => s + c.max, 0);

const score = (c: Criterion) =>
  z.coerce
    .number({ error: `${c.label}的评分应为数字` })
    .refine((n) => Number.isFinite(n), `${c.label}的评分应为数字`)
    .refine((n) => n >= 0 && n <= c.max, `${c.label}的评分应在 0 至 ${c.max} 分之间（${c.basis}，第十七条）`);

const text = (label: string) =>
  z
    .string({ error: `缺少${label}` })
    .trim()
    .min(2, `${label}至少 2 个字（第十八条第（四）项）`)
    .max(4000, `${label}不超过 4000 字`);

/** The schema of one reviewer's sheet for an application of that kind (Art. 17, 18 (4)). */
export function scoreSheetSchema(kind: ApplicantKind) {
  return z.object({
    ...Object.fromEntries(criteriaOf(kind).map((c) => [c.key, score(c)])),
    strengths: text('优势'),
    improvements: text('改进建议'),
  }) as unknown as z.ZodType<ScoreSheetInput>;
}

export interface ScoreSheetInput {
  [score: string]: number | string;
  strengths: string;
  improvements: string;
}

export interface ScoreSheet {
  applicationId: string;
  applicantName: string;
  applicantKind: ApplicantKind;
  expertId: string;
  scores: Record<string, number>;
  strengths: string;
  improvements: string;
}

/** The sheet's total over its kind's criteria. */
export const sheetTotal = (sheet: Pick<ScoreSheet, 'applicantKind' | 'scores'>): number =>
  criteriaOf(sheet.applicantKind).reduce((s, c) => s + (sheet.scores[c.key] ?? 0), 0);

/**
 * A reviewer whose total deviates from the team's median total by more than this share of the maximum
 * is flagged (the median, so that one outlier does not make the others look deviant).
 */
export const DEVIATION_SHARE = 0.15;

export interface ApplicationScore {
  applicationId: string;
  applicantName: string;
  applicantKind: ApplicantKind;
  /** Mean of the team's totals, one decimal. */
  mean: number;
  maxTotal: number;
  /** Per criterion key: the team's mean, one decimal. */
  categoryMeans: Record<string, number>;
  reviewers: { expertId: string; total: number }[];
  /** Reviewers whose total deviates strongly from the team median (the 组长 reconciles before signing). */
  deviating: string[];
  strengths: string[];
  improvements: string[];
  rank: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Art. 18 (4) 好中选优: each application's team mean of totals and per criterion, ranked by the mean
 * as a share of its kind's maximum (highest first; ties by application id).
 */
export function aggregateScores(sheets: readonly ScoreSheet[]): ApplicationScore[] {
  const byApplication = new Map<string, ScoreSheet[]>();
  for (const s of sheets)
    byApplication.set(s.applicationId, [...(byApplication.get(s.applicationId) ?? []), s]);
  const result: Omit<ApplicationScore, 'rank'>[] = [...byApplication.values()].map((team) => {
    const first = team[0]!;
    const kind = first.applicantKind;
    const totals = team.map((s) => ({ expertId: s.expertId, total: sheetTotal(s) }));
    const mean = totals.reduce((a, t) => a + t.total, 0) / totals.length;
    const max = maxTotal(kind);
    const middle = median(totals.map((t) => t.total));
    return {
      applicationId: first.applicationId,
      applicantName: first.applicantName,
      applicantKind: kind,
      mean: round1(mean),
      maxTotal: max,
      categoryMeans: Object.fromEntries(
        criteriaOf(kind).map((c) => [
          c.key,
          round1(team.reduce((a, s) => a + (s.scores[c.key] ?? 0), 0) / team.length),
        ]),
      ),
      reviewers: totals,
      deviating: totals
        .filter((t) => Math.abs(t.total - middle) > DEVIATION_SHARE * max)
        .map((t) => t.expertId),
      strengths: team.map((s) => s.strengths),
      improvements: team.map((s) => s.improvements),
    };
  });
  result.sort(
    (a, b) => b.mean / b.maxTotal - a.mean / a.maxTotal || a.applicationId.localeCompare(b.applicationId),
  );
  return result.map((r, i) => ({ ...r, rank: i + 1 }));
}

/** The ranking as lines for the office's 现场评审名单 form. */
export function rankingText(ranking: readonly ApplicationScore[]): string {
  return ranking
    .map((r) => {
      const flag = r.deviating.length > 0 ? `；评分偏差较大：${r.deviating.join('、')}` : '';
      return `${r.rank}. ${r.applicationId}（${r.applicantName}）：平均 ${r.mean} / ${r.maxTotal} 分${flag}`;
    })
    .join('\n');
}

/** Art. 18 (4): the 资料评审报告 fed back to an application not selected for the 现场评审. */
export function feedbackReport(r: ApplicationScore): string {
  const criteria = criteriaOf(r.applicantKind);
  return [
    `资料评审得分（评审组平均）：${r.mean} / ${r.maxTotal} 分`,
    ...criteria.map((c) => `  ${c.label}：${r.categoryMeans[c.key] ?? 0} / ${c.max}`),
    '',
    '优势：',
    ...r.strengths.map((s) => `  - ${s}`),
    '',
    '质量改进建议：',
    ...r.improvements.map((s) => `  - ${s}`),
  ].join('\n');
}
