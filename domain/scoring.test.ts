import {
  aggregateScores,
  criteriaOf,
  DEVIATION_SHARE,
  feedbackReport,
  INDIVIDUAL_CRITERIA,
  maxTotal,
  ORGANIZATION_CRITERIA,
  rankingText,
  scoreSheetSchema,
  sheetTotal,
  type ScoreSheet,
} from './scoring.js';

const orgScores = (results: number, rest = 50) =>
  Object.fromEntries(ORGANIZATION_CRITERIA.map((c) => [c.key, c.key === 'scoreResults' ? results : rest]));

const sheet = (
  applicationId: string,
  expertId: string,
  scores: Record<string, number>,
  extra: Partial<ScoreSheet> = {},
): ScoreSheet => ({
  applicationId,
  applicantName: `申报${applicationId}`,
  applicantKind: 'organization',
  expertId,
  scores,
  strengths: `${expertId} 的优势`,
  improvements: `${expertId} 的建议`,
  ...extra,
});

describe('criteria (Art. 17 GB/T 19580; Art. 2, 15 (2))', () => {
  it('scores organizations on the seven GB/T 19580 categories, total 1000', () => {
    expect(ORGANIZATION_CRITERIA.map((c) => [c.label, c.max])).toEqual([
      ['领导', 110],
      ['战略', 90],
      ['顾客与市场', 90],
      ['资源', 130],
      ['过程管理', 100],
      ['测量、分析与改进', 80],
      ['结果', 400],
    ]);
    expect(maxTotal('organization')).toBe(1000);
  });
  it('scores individuals on criteria citing Art. 2 and 15 (2), total 1000', () => {
    expect(maxTotal('individual')).toBe(1000);
    expect(INDIVIDUAL_CRITERIA.every((c) => /第(二|十五)条/.test(c.basis))).toBe(true);
    expect(criteriaOf('individual')).toBe(INDIVIDUAL_CRITERIA);
  });
});

describe('scoreSheetSchema (Art. 17, 18 (4))', () => {
  const valid = { ...orgScores(300), strengths: '领导重视质量。', improvements: '加强测量分析。' };
  it('accepts scores within each range, coercing numbers', () => {
    const parsed = scoreSheetSchema('organization').safeParse({ ...valid, scoreLeadership: '110' });
    expect(parsed.success).toBe(true);
  });
  it('refuses a score above its category maximum, naming the category and the article', () => {
    const parsed = scoreSheetSchema('organization').safeParse({ ...valid, scoreResults: 401 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['scoreResults']);
    expect(parsed.error?.issues[0]?.message).toContain('结果的评分应在 0 至 400 分之间');
    expect(parsed.error?.issues[0]?.message).toContain('第十七条');
  });
  it('refuses negative and missing scores and empty suggestions', () => {
    expect(scoreSheetSchema('organization').safeParse({ ...valid, scoreStrategy: -1 }).success).toBe(false);
    const missing: Record<string, unknown> = { ...valid };
    delete missing.scoreLeadership;
    expect(scoreSheetSchema('organization').safeParse(missing).success).toBe(false);
    expect(scoreSheetSchema('organization').safeParse({ ...valid, improvements: '' }).success).toBe(false);
  });
  it('uses the individual criteria for individuals', () => {
    const person = {
      scoreTheory: 200,
      scorePractice: 200,
      scoreContribution: 250,
      scoreInfluence: 150,
      strengths: '成果丰富。',
      improvements: '加强推广。',
    };
    expect(scoreSheetSchema('individual').safeParse(person).success).toBe(true);
    expect(scoreSheetSchema('individual').safeParse({ ...person, scoreInfluence: 201 }).success).toBe(false);
    expect(scoreSheetSchema('individual').safeParse(valid).success).toBe(false);
  });
});

describe('aggregateScores (Art. 18 (4) 好中选优)', () => {
  it('totals a sheet over its criteria', () => {
    expect(sheetTotal(sheet('A', 'e1', orgScores(300)))).toBe(600);
  });
  it('ranks by the team mean, with per-category means', () => {
    const ranking = aggregateScores([
      sheet('A', 'e1', orgScores(300)),
      sheet('A', 'e2', orgScores(350)),
      sheet('B', 'e1', orgScores(380, 60)),
      sheet('B', 'e3', orgScores(380, 60)),
    ]);
    expect(ranking.map((r) => [r.applicationId, r.rank, r.mean])).toEqual([
      ['B', 1, 740],
      ['A', 2, 625],
    ]);
    expect(ranking[1]!.categoryMeans.scoreResults).toBe(325);
    expect(ranking[1]!.categoryMeans.scoreLeadership).toBe(50);
    expect(ranking[1]!.strengths).toEqual(['e1 的优势', 'e2 的优势']);
  });
  it('ranks individuals and organizations by the share of their maximum', () => {
    const person = sheet(
      'P',
      'e1',
      { scoreTheory: 250, scorePractice: 250, scoreContribution: 300, scoreInfluence: 190 },
      { applicantKind: 'individual' },
    );
    const ranking = aggregateScores([sheet('A', 'e1', orgScores(300)), person]);
    expect(ranking.map((r) => r.applicationId)).toEqual(['P', 'A']);
  });
  it('flags a reviewer whose total deviates strongly from the team mean', () => {
    const ranking = aggregateScores([
      sheet('A', 'e1', orgScores(400, 80)),
      sheet('A', 'e2', orgScores(100, 20)),
      sheet('A', 'e3', orgScores(390, 80)),
    ]);
    expect(DEVIATION_SHARE * 1000).toBe(150);
    expect(ranking[0]!.deviating).toEqual(['e2']);
    expect(rankingText(ranking)).toContain('评分偏差较大：e2');
  });
  it('breaks ties by application id', () => {
    const ranking = aggregateScores([sheet('B', 'e1', orgScores(300)), sheet('A', 'e1', orgScores(300))]);
    expect(ranking.map((r) => r.applicationId)).toEqual(['A', 'B']);
  });
  it('writes the 资料评审报告 with category means, strengths and suggestions', () => {
    const [r] = aggregateScores([sheet('A', 'e1', orgScores(300)), sheet('A', 'e2', orgScores(301))]);
    const text = feedbackReport(r!);
    expect(text).toContain('资料评审得分（评审组平均）：600.5 / 1000 分');
    expect(text).toContain('结果：300.5 / 400');
    expect(text).toContain('  - e2 的建议');
  });
});
