import type { ScoreSheet } from '../domain/scoring.js';
import type { Db } from './index.js';
import {
  reviewReportsOf,
  saveReviewReport,
  saveScoreSheet,
  saveShortlist,
  scoreSheetsOf,
  shortlistOf,
} from './reviews.js';
import { openTestStore } from './test-store.js';

const sheet = (applicationId: string, expertId: string, results: number): ScoreSheet => ({
  applicationId,
  applicantName: '上海宝山甲制造有限公司',
  applicantKind: 'organization',
  expertId,
  scores: { scoreLeadership: 100, scoreResults: results },
  strengths: '优势',
  improvements: '建议',
});

describe('review store (Art. 18 (4)-(6))', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps one sheet per reviewer and application; a resubmission replaces it', async () => {
    await saveScoreSheet(db, 'cycle-2040', sheet('cycle-2040/A', 'e1', 300));
    await saveScoreSheet(db, 'cycle-2040', sheet('cycle-2040/A', 'e1', 300));
    await saveScoreSheet(db, 'cycle-2040', sheet('cycle-2040/A', 'e2', 200));
    await saveScoreSheet(db, 'cycle-2040', sheet('cycle-2040/A', 'e2', 250));
    await saveScoreSheet(db, 'cycle-2041', sheet('cycle-2041/A', 'e1', 100));
    const sheets = await scoreSheetsOf(db, 'cycle-2040');
    expect(sheets.map((s) => [s.expertId, s.scores.scoreResults])).toEqual([
      ['e1', 300],
      ['e2', 250],
    ]);
    const [row] = await db.query<{ total: string }>(
      `SELECT total FROM score_sheets WHERE cycle_key = 'cycle-2040' AND expert_id = 'e2'`,
    );
    expect(Number(row!.total)).toBe(350);
  });

  it('records the 现场评审名单 by rank', async () => {
    const entries = [
      { applicationId: 'cycle-2040/B', shortlisted: false, rank: 2, meanScore: 512.5 },
      { applicationId: 'cycle-2040/A', shortlisted: true, rank: 1, meanScore: 700 },
    ];
    await saveShortlist(db, 'cycle-2040', entries);
    await saveShortlist(db, 'cycle-2040', entries);
    expect(await shortlistOf(db, 'cycle-2040')).toEqual([entries[1], entries[0]]);
  });

  it('stores the 现场评审报告 and 综合评价报告 of an application', async () => {
    const report = {
      applicationId: 'cycle-2040/A',
      leadExpertId: 'e1',
      siteScore: 688.5,
      siteReport: '现场评审报告',
      evaluationReport: '综合评价报告',
    };
    await saveReviewReport(db, 'cycle-2040', report);
    await saveReviewReport(db, 'cycle-2040', { ...report, siteScore: 690 });
    expect(await reviewReportsOf(db, 'cycle-2040')).toEqual([{ ...report, siteScore: 690 }]);
  });
});
