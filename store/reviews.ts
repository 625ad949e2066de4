// Art. 17, 18 (4)-(6): score sheets, the 现场评审名单 and the site-visit and 综合评价 reports of a cycle.
import type { ApplicantKind, ScoreSheet } from '../domain/scoring.js';
import { sheetTotal } from '../domain/scoring.js';
import type { Queryable } from './db.js';

/** Stores one reviewer's sheet; a redelivered task (same sheet) changes nothing, a resubmission replaces it. */
export async function saveScoreSheet(q: Queryable, cycleKey: string, s: ScoreSheet): Promise<void> {
  await q.query(
    `INSERT INTO score_sheets
       (cycle_key, application_id, applicant_name, applicant_kind, expert_id, scores, total, strengths, improvements)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (cycle_key, application_id, expert_id) DO UPDATE SET
       scores = EXCLUDED.scores, total = EXCLUDED.total, strengths = EXCLUDED.strengths,
       improvements = EXCLUDED.improvements, submitted_at = now()`,
    [
      cycleKey,
      s.applicationId,
      s.applicantName,
      s.applicantKind,
      s.expertId,
      JSON.stringify(s.scores),
      sheetTotal(s),
      s.strengths,
      s.improvements,
    ],
  );
}

/** Every sheet of a cycle that counts, by application then expert: not of an expert disqualified (Art. 26). */
export async function scoreSheetsOf(q: Queryable, cycleKey: string): Promise<ScoreSheet[]> {
  const rows = await q.query<{
    application_id: string;
    applicant_name: string;
    applicant_kind: ApplicantKind;
    expert_id: string;
    scores: Record<string, number> | string;
    strengths: string;
    improvements: string;
  }>(
    `SELECT application_id, applicant_name, applicant_kind, expert_id, scores, strengths, improvements
     FROM score_sheets s WHERE cycle_key = $1
       AND NOT EXISTS (SELECT 1 FROM expert_disqualifications d WHERE d.cycle_key = s.cycle_key AND d.expert_id = s.expert_id)
     ORDER BY application_id, expert_id`,
    [cycleKey],
  );
  return rows.map((r) => ({
    applicationId: r.application_id,
    applicantName: r.applicant_name,
    applicantKind: r.applicant_kind,
    expertId: r.expert_id,
    scores: typeof r.scores === 'string' ? (JSON.parse(r.scores) as Record<string, number>) : r.scores,
    strengths: r.strengths,
    improvements: r.improvements,
  }));
}

export interface ShortlistEntry {
  applicationId: string;
  shortlisted: boolean;
  rank: number;
  meanScore: number;
}

/** Records the office's 现场评审名单 (Art. 18 (4)); a redelivered task writes the same rows. */
export async function saveShortlist(
  q: Queryable,
  cycleKey: string,
  entries: ShortlistEntry[],
): Promise<void> {
  for (const e of entries)
    await q.query(
      `INSERT INTO review_shortlist (cycle_key, application_id, shortlisted, rank, mean_score)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (cycle_key, application_id) DO UPDATE SET
         shortlisted = EXCLUDED.shortlisted, rank = EXCLUDED.rank, mean_score = EXCLUDED.mean_score`,
      [cycleKey, e.applicationId, e.shortlisted, e.rank, e.meanScore],
    );
}

export async function shortlistOf(q: Queryable, cycleKey: string): Promise<ShortlistEntry[]> {
  const rows = await q.query<{
    application_id: string;
    shortlisted: boolean;
    rank: number;
    mean_score: string | number;
  }>(
    'SELECT application_id, shortlisted, rank, mean_score FROM review_shortlist WHERE cycle_key = $1 ORDER BY rank',
    [cycleKey],
  );
  return rows.map((r) => ({
    applicationId: r.application_id,
    shortlisted: r.shortlisted,
    rank: r.rank,
    meanScore: Number(r.mean_score),
  }));
}

export interface ReviewReport {
  applicationId: string;
  leadExpertId: string;
  siteScore: number;
  siteReport: string;
  evaluationReport: string;
}

/** Stores the 现场评审报告 and 综合评价报告 of one application (Art. 18 (5), (6)). */
export async function saveReviewReport(q: Queryable, cycleKey: string, r: ReviewReport): Promise<void> {
  await q.query(
    `INSERT INTO review_reports (cycle_key, application_id, lead_expert_id, site_score, site_report, evaluation_report)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (cycle_key, application_id) DO UPDATE SET
       lead_expert_id = EXCLUDED.lead_expert_id, site_score = EXCLUDED.site_score,
       site_report = EXCLUDED.site_report, evaluation_report = EXCLUDED.evaluation_report, submitted_at = now()`,
    [cycleKey, r.applicationId, r.leadExpertId, r.siteScore, r.siteReport, r.evaluationReport],
  );
}

export async function reviewReportsOf(q: Queryable, cycleKey: string): Promise<ReviewReport[]> {
  const rows = await q.query<{
    application_id: string;
    lead_expert_id: string;
    site_score: string | number;
    site_report: string;
    evaluation_report: string;
  }>(
    `SELECT application_id, lead_expert_id, site_score, site_report, evaluation_report
     FROM review_reports WHERE cycle_key = $1 ORDER BY application_id`,
    [cycleKey],
  );
  return rows.map((r) => ({
    applicationId: r.application_id,
    leadExpertId: r.lead_expert_id,
    siteScore: Number(r.site_score),
    siteReport: r.site_report,
    evaluationReport: r.evaluation_report,
  }));
}
