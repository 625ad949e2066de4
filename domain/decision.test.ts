import { EDITION_2023 } from '../config/test-editions.js';
import { calendarOf, schedulesSource } from './calendar.js';
import {
  awardListText,
  planPublicity,
  proposalNotesText,
  proposeAwards,
  publicityNoticeText,
  publicityStartDay,
  type RankedApplication,
} from './decision.js';
import { checkQuotas } from './quota.js';

const params = {
  quotas: EDITION_2023.quotas,
  prizes: EDITION_2023.prizeCaps,
  nearTieMargin: 5,
};

let seq = 0;
const org = (siteScore: number | undefined, extra: Partial<RankedApplication> = {}): RankedApplication => {
  seq += 1;
  const id = `cycle-2031/O-${String(seq).padStart(2, '0')}`;
  return {
    applicationId: id,
    applicantName: `组织${seq}`,
    applicantKind: 'organization',
    documentScore: 700,
    maxTotal: 1000,
    shortlisted: siteScore !== undefined,
    ...(siteScore !== undefined ? { siteScore } : {}),
    ...extra,
  };
};
const person = (siteScore: number, extra: Partial<RankedApplication> = {}) =>
  org(siteScore, { applicantKind: 'individual', ...extra });

describe('proposeAwards (Art. 7, 18 (6))', () => {
  it('fills 区长质量奖 first, then 质量金奖, per category, in order of the 现场评审 score', () => {
    const ranking = [org(700), org(900), org(850), org(600), person(800), person(500)];
    const { awards } = proposeAwards(ranking, params);
    const at = (i: number) => ranking[i]!.applicationId;
    expect(awards.map((a) => [a.applicationId, a.category, a.awardClass, a.prize, a.score])).toEqual([
      [at(1), 'model', 'district-head', 500000, 900],
      [at(2), 'model', 'district-head', 500000, 850],
      [at(0), 'model', 'gold', 100000, 700],
      [at(3), 'model', 'gold', 100000, 600],
      [at(4), 'achievement', 'district-head', 20000, 800],
      [at(5), 'achievement', 'gold', 10000, 500],
    ]);
  });

  it('never exceeds the Art. 7 quotas, so the proposal passes the quota check', () => {
    const ranking = [
      ...Array.from({ length: 15 }, (_, i) => org(900 - i * 20)),
      ...Array.from({ length: 5 }, (_, i) => person(900 - i * 20)),
    ];
    const { awards } = proposeAwards(ranking, params);
    expect(awards).toHaveLength(2 + 10 + 1 + 2);
    expect(checkQuotas(awards, EDITION_2023.quotas, EDITION_2023.prizeCaps).ok).toBe(true);
    // the three lowest organizations and the two lowest individuals are not proposed
    expect(awards.map((a) => a.applicantName)).not.toContain(ranking[14]!.applicantName);
    expect(awards.map((a) => a.applicantName)).not.toContain(ranking[19]!.applicantName);
  });

  it('proposes only applications that went through the 现场评审 and 综合评价', () => {
    const visited = org(650);
    const { awards } = proposeAwards([org(undefined, { documentScore: 990 }), visited], params);
    expect(awards.map((a) => a.applicationId)).toEqual([visited.applicationId]);
  });

  it('lets a class stay empty: a quota of 0, a minimum score not reached, or no candidate', () => {
    const quotas = { 'district-head': { model: 0, achievement: 1 }, gold: { model: 10, achievement: 2 } };
    const ranking = [org(950), org(900), person(600)];
    const proposal = proposeAwards(ranking, { ...params, quotas, minScores: { 'district-head': 700 } });
    expect(proposal.awards.map((a) => [a.applicationId, a.awardClass])).toEqual(
      ranking.map((r) => [r.applicationId, 'gold']),
    );
    expect(proposal.empty).toEqual([
      { awardClass: 'district-head', category: 'model' },
      { awardClass: 'district-head', category: 'achievement', minScore: 700 },
    ]);
    expect(proposalNotesText(proposal)).toContain(
      '区长质量奖（先进质量管理模式）空缺（第七条：所有奖项均可空缺）',
    );
    expect(proposeAwards([], params).empty).toHaveLength(4);
    expect(awardListText([])).toContain('质量金奖（先进质量管理成果）：空缺');
  });

  it('Art. 4, 7 宁缺毋滥: leaves a class empty when no applicant reaches its minimum score and names it', () => {
    const ranking = [org(720), org(560), org(480), person(640)];
    const proposal = proposeAwards(ranking, { ...params, minScores: { 'district-head': 750, gold: 550 } });
    // nobody reaches 750: both 区长质量奖 classes stay empty; 480 is below the 质量金奖 minimum
    expect(proposal.awards.map((a) => [a.applicationId, a.awardClass])).toEqual([
      [ranking[0]!.applicationId, 'gold'],
      [ranking[1]!.applicationId, 'gold'],
      [ranking[3]!.applicationId, 'gold'],
    ]);
    expect(proposal.empty).toEqual([
      { awardClass: 'district-head', category: 'model', minScore: 750 },
      { awardClass: 'district-head', category: 'achievement', minScore: 750 },
    ]);
    const notes = proposalNotesText(proposal);
    expect(notes).toContain(
      '区长质量奖（先进质量管理模式）空缺：没有申报达到最低分 750 分（第四条、第七条：宁缺毋滥，所有奖项均可空缺）',
    );
    expect(notes).toContain('区长质量奖（先进质量管理成果）空缺：没有申报达到最低分 750 分');
    // a score exactly at the minimum reaches it
    const atMinimum = proposeAwards([org(750)], { ...params, minScores: { 'district-head': 750 } });
    expect(atMinimum.awards.map((a) => a.awardClass)).toEqual(['district-head']);
    // no applicant at all is not a minimum-score case
    expect(proposeAwards([], { ...params, minScores: { gold: 550 } }).empty[3]).toEqual({
      awardClass: 'gold',
      category: 'achievement',
    });
  });

  it('flags a tie and a near-tie across a class boundary, not neighbours in the same class', () => {
    const quotas = { 'district-head': { model: 1, achievement: 1 }, gold: { model: 1, achievement: 2 } };
    const a = org(900);
    const b = org(880);
    const c = org(877); // 3 points behind b, across the gold / not-proposed boundary
    const p = person(800, { documentScore: 810 });
    const q = person(800, { documentScore: 790 }); // same score as p across 区长 / 金奖
    const proposal = proposeAwards([a, b, c, p, q], { ...params, quotas });
    expect(proposal.awards.map((x) => [x.applicationId, x.awardClass])).toEqual([
      [a.applicationId, 'district-head'],
      [b.applicationId, 'gold'],
      [p.applicationId, 'district-head'],
      [q.applicationId, 'gold'],
    ]);
    expect(proposal.flags.map((f) => [f.kind, f.applicationIds])).toEqual([
      ['near-tie', [b.applicationId, c.applicationId]],
      ['tie', [p.applicationId, q.applicationId]],
    ]);
    expect(proposal.flags[0]!.message).toContain('分差仅 3 分');
    expect(proposal.flags[0]!.message).toContain('未列入建议名单');
    expect(proposal.flags[1]!.message).toContain('得分相同（800 分）');
    // 900 vs 880 is 20 points apart: no flag although the class changes
    expect(proposeAwards([a, b, c, p, q], { ...params, quotas, nearTieMargin: 0 }).flags).toHaveLength(1);
  });

  it('carries the contact facts of the application onto the entry', () => {
    const a = org(900);
    const { awards } = proposeAwards(
      [a],
      params,
      new Map([[a.applicationId, { creditCode: '91310113MA1GKQ0A5Q', email: 'a@example.cn' }]]),
    );
    expect(awards[0]).toMatchObject({ creditCode: '91310113MA1GKQ0A5Q', email: 'a@example.cn', rank: 1 });
  });
});

describe('planPublicity (Art. 18 (7))', () => {
  const calendar = calendarOf(
    schedulesSource([
      {
        year: 2099,
        holidays: ['2099-10-01', '2099-10-02', '2099-10-05', '2099-10-06', '2099-10-07'],
        workdays: ['2099-10-10'],
        source: 'test',
      },
    ]),
  );
  it('counts working days across a holiday and a make-up day and ends at the end of the last one in Shanghai', () => {
    // 2099-09-29 is a Tuesday: 29, 30, (1–9 off but for the weekend make-up 10th), 10, 12, ...
    const plan = planPublicity('2099-09-29', 5, 5, calendar);
    expect(plan.days).toEqual(['2099-09-29', '2099-09-30', '2099-10-08', '2099-10-09', '2099-10-10']);
    expect(plan).toMatchObject({
      publicityStart: '2099-09-29',
      publicityEnd: '2099-10-10',
      publicityEndsAt: '2099-10-10T23:59:59+08:00',
      publicityDays: 5,
    });
    expect(new Date(plan.publicityEndsAt).toISOString()).toBe('2099-10-10T15:59:59.000Z');
  });
  it('Art. 18 (7): starts on the next working day after the approval when the office set no date', () => {
    // approved on Wednesday 2099-09-30: 1–7 October off, so the 公示 starts on Thursday 2099-10-08
    expect(publicityStartDay('2099-09-30', undefined, calendar)).toEqual({ start: '2099-10-08' });
    expect(publicityStartDay('2099-09-28', null, calendar)).toEqual({ start: '2099-09-29' });
    // approved on the make-up Saturday's eve (Friday 2099-10-09): the make-up Saturday is a working day
    expect(publicityStartDay('2099-10-09', undefined, calendar)).toEqual({ start: '2099-10-10' });
  });
  it('Art. 18 (7): keeps the start date the office set when it is after the approval, not one already passed', () => {
    expect(publicityStartDay('2099-09-28', '2099-09-30', calendar)).toEqual({ start: '2099-09-30' });
    expect(publicityStartDay('2099-09-28', '2099-09-29', calendar)).toEqual({ start: '2099-09-29' });
    expect(publicityStartDay('2099-09-29', '2099-09-29', calendar)).toEqual({
      start: '2099-09-30',
      passedOfficeDate: '2099-09-29',
    });
    expect(publicityStartDay('2099-09-30', '2099-09-01', calendar)).toEqual({
      start: '2099-10-08',
      passedOfficeDate: '2099-09-01',
    });
  });
  it('refuses a period below the edition minimum', () => {
    expect(() => planPublicity('2099-09-29', 4, 5, calendar)).toThrow('不少于 5 个工作日');
  });
  it('writes the notice from the list', () => {
    const awards = proposeAwards([org(900)], params).awards;
    const text = publicityNoticeText({
      year: '2099',
      awards,
      plan: { publicityStart: '2099-09-29', publicityEnd: '2099-10-10', publicityDays: 5 },
    });
    expect(text).toContain('第十八条第（七）项');
    expect(text).toContain(
      `1. ${awards[0]!.applicantName}（${awards[0]!.applicationId}），得分 900，奖金 500000 元`,
    );
    expect(text).toContain('公示期：2099-09-29 至 2099-10-10（5 个工作日）');
  });
});
