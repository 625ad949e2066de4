import { z } from 'zod';
import { formatAwardLines, type AwardCandidate } from '../../domain/awards.js';
import {
  awardListText,
  proposalNotesText,
  proposeAwards,
  type ApplicantContact,
  type RankedApplication,
} from '../../domain/decision.js';
import { jsonValue } from '../../domain/awards.js';
import { awardListJson, perAwardOf, perAwardShape } from '../shared/parameters.js';
import { assertWithinEdition, cycleEdition } from '../shared/rules-edition.js';
import { complete, defineWorker } from '../worker.js';
import { applicationHistories, applicationRecord } from '../shared/applications.js';

export const PROPOSE_AWARDS_TOPIC = 'propose-awards';

const SummaryEntry = z.looseObject({
  rank: z.number().int().optional(),
  applicationId: z.string().min(1),
  applicantName: z.string().min(1),
  applicantKind: z.enum(['organization', 'individual']),
  documentScore: z.number(),
  maxTotal: z.number(),
  shortlisted: z.boolean(),
  siteScore: z.number().optional(),
  siteReport: z.string().optional(),
  evaluationReport: z.string().optional(),
});

const minScore = (name: string, label: string) =>
  z.coerce
    .number({ error: `参数 ${name}（${label}，第四条、第七条）应为数字` })
    .min(0, `参数 ${name}（${label}，第四条、第七条）不能为负数`)
    .max(1000, `参数 ${name}（${label}，第四条、第七条）不能超过满分 1000`)
    // a diagram deployed before the parameter existed sets no minimum
    .optional();

export const ProposeAwardsInput = z.looseObject({
  reviewSummary: z.preprocess(jsonValue, z.array(SummaryEntry, { error: '缺少评审结果汇总 reviewSummary' })),
  ...perAwardShape('quota', '第七条名额'),
  ...perAwardShape('prize', '第十九条建议奖金'),
  nearTieMargin: z.coerce
    .number({ error: '参数 nearTieMargin（分差接近的提示阈值）应为数字' })
    .min(0, '参数 nearTieMargin 不能为负数'),
  // Art. 4, 7 (宁缺毋滥): the minimum 现场评审 score (of 1000) of each class; 0 sets none
  minScoreDistrictHead: minScore('minScoreDistrictHead', '区长质量奖最低分'),
  minScoreGold: minScore('minScoreGold', '质量金奖最低分'),
});

/** The ranking with every score and report, as text for the committee and the government (Art. 18 (6)). */
export function reviewSummaryText(summary: readonly z.infer<typeof SummaryEntry>[]): string {
  return summary
    .map((r) =>
      [
        `${r.rank ?? '-'}. ${r.applicantName}（${r.applicationId}）：资料评审 ${r.documentScore} / ${r.maxTotal} 分` +
          (r.siteScore !== undefined ? `，现场评审 ${r.siteScore} 分` : '，未进入现场评审'),
        ...(r.siteReport ? [`   现场评审报告：${r.siteReport}`] : []),
        ...(r.evaluationReport ? [`   综合评价报告：${r.evaluationReport}`] : []),
      ].join('\n'),
    )
    .join('\n');
}

/**
 * Art. 7, 18 (6): turns the 综合评价 ranking into the 建议名单 — a class per category within the
 * quotas and at or above the class's minimum score (Art. 4: 宁缺毋滥), the proposed prize, ties and
 * near-ties flagged, classes left empty named (with the minimum nobody reached). The office
 * adjusts it next (Task_AdjustProposal); the list starts as `awards` (JSON text) for that form.
 */
export const proposeAwardsWorker = defineWorker({
  topic: PROPOSE_AWARDS_TOPIC,
  title: '提出建议名单',
  input: ProposeAwardsInput,
  variables: [
    'reviewSummary',
    'quotaDistrictHeadModel',
    'quotaDistrictHeadAchievement',
    'quotaGoldModel',
    'quotaGoldAchievement',
    'prizeDistrictHeadModel',
    'prizeDistrictHeadAchievement',
    'prizeGoldModel',
    'prizeGoldAchievement',
    'nearTieMargin',
    'minScoreDistrictHead',
    'minScoreGold',
    'rulesEdition',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    // Art. 7, 19, 28: the parameters may only tighten the edition the cycle recorded.
    const edition = await cycleEdition(input.rulesEdition, ctx, deps);
    assertWithinEdition(input, edition, [
      { prefix: 'quota', limits: 'quotas', what: '第七条名额' },
      { prefix: 'prize', limits: 'prizeCaps', what: '第十九条建议奖金' },
    ]);
    const ranking: RankedApplication[] = input.reviewSummary;
    const candidates = ranking.filter((x) => x.shortlisted && x.siteScore !== undefined);
    const histories = await applicationHistories(
      deps.engine,
      candidates.map((r) => r.applicationId),
    );
    const contacts = new Map<string, ApplicantContact>();
    for (const r of candidates) {
      const record = applicationRecord(histories.get(r.applicationId));
      contacts.set(r.applicationId, {
        ...(record.creditCode ? { creditCode: record.creditCode } : {}),
        ...(record.idNumber ? { idNumber: record.idNumber } : {}),
        ...(record.applicantEmail ? { email: record.applicantEmail } : {}),
      });
    }
    const proposal = proposeAwards(
      ranking,
      {
        quotas: perAwardOf(input, 'quota'),
        prizes: perAwardOf(input, 'prize'),
        nearTieMargin: input.nearTieMargin,
        minScores: {
          ...(input.minScoreDistrictHead ? { 'district-head': input.minScoreDistrictHead } : {}),
          ...(input.minScoreGold ? { gold: input.minScoreGold } : {}),
        },
      },
      contacts,
    );
    ctx.log.info({ awards: proposal.awards.length, flags: proposal.flags.length }, '建议名单已提出');
    // Art. 7, 18 (6): every site-visited application the office may put on the list instead
    const awardCandidates: AwardCandidate[] = ranking
      .filter((r) => r.shortlisted && r.siteScore !== undefined)
      .map((r) => ({
        applicationId: r.applicationId,
        applicantName: r.applicantName,
        applicantKind: r.applicantKind,
        ...contacts.get(r.applicationId),
        ...(r.rank !== undefined ? { rank: r.rank } : {}),
        score: r.siteScore ?? r.documentScore,
      }));
    return complete({
      proposedAwards: proposal.awards,
      awardCandidates,
      // the lines the office edits in Tasklist (see forms/src/decision.ts)
      awardsLines: formatAwardLines(proposal.awards),
      awardsLinesShown: formatAwardLines(proposal.awards),
      // JSON text, so that the office edits it in a textarea of Camunda Tasklist (see forms/src/decision.ts)
      awards: awardListJson(proposal.awards),
      awardsText: awardListText(proposal.awards),
      proposalNotesText: proposalNotesText(proposal),
      reviewSummaryText: reviewSummaryText(input.reviewSummary),
    });
  },
});
