// Art. 23: the yearly 《宝山区政府质量奖质量绩效表》 of each winner, as submitted.
import { createHash, randomBytes } from 'node:crypto';
import type { PerformanceReport } from '../domain/post-award.js';
import type { Queryable } from './db.js';

export interface StoredPerformanceReport extends PerformanceReport {
  id: string;
  source: 'api' | 'office';
  submittedAt: string;
}

interface Row {
  id: string;
  holder_key: string;
  holder_name: string;
  award_year: number;
  period: number;
  report_year: number;
  summary: string;
  indicators: Record<string, number | string> | string;
  source: 'api' | 'office';
  submitted_at: Date | string;
}

const toReport = (r: Row): StoredPerformanceReport => ({
  id: String(r.id),
  holderKey: r.holder_key,
  holderName: r.holder_name,
  awardYear: Number(r.award_year),
  period: Number(r.period),
  reportYear: Number(r.report_year),
  summary: r.summary,
  indicators: typeof r.indicators === 'string' ? JSON.parse(r.indicators) : r.indicators,
  source: r.source,
  submittedAt: new Date(r.submitted_at).toISOString(),
});

/**
 * Stores one report. An office entry carries the effect key of its task execution: stored once, and a
 * redelivered task gets the same row back.
 */
export async function storePerformanceReport(
  q: Queryable,
  report: PerformanceReport,
  source: 'api' | 'office',
  effectKey?: string,
): Promise<StoredPerformanceReport> {
  const params = [
    report.holderKey,
    report.holderName,
    report.awardYear,
    report.period,
    report.reportYear,
    report.summary,
    JSON.stringify(report.indicators),
    source,
    effectKey ?? null,
  ];
  const [inserted] = await q.query<Row>(
    `INSERT INTO performance_reports
       (holder_key, holder_name, award_year, period, report_year, summary, indicators, source, effect_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
     ON CONFLICT (effect_key) DO NOTHING
     RETURNING *`,
    params,
  );
  if (inserted) return toReport(inserted);
  const [existing] = await q.query<Row>('SELECT * FROM performance_reports WHERE effect_key = $1', [
    effectKey,
  ]);
  return toReport(existing!);
}

/** Every report of one winner's award, by period then submission, oldest first; optionally one period. */
export async function performanceReportsOf(
  q: Queryable,
  holderKey: string,
  awardYear: number,
  period?: number,
): Promise<StoredPerformanceReport[]> {
  const rows = await q.query<Row>(
    `SELECT * FROM performance_reports
     WHERE holder_key = $1 AND award_year = $2 AND ($3::integer IS NULL OR period = $3)
     ORDER BY period, submitted_at, id`,
    [holderKey, awardYear, period ?? null],
  );
  return rows.map(toReport);
}

/** The reports as the office reads them in its task: one block per submission. */
export function describeReports(reports: readonly StoredPerformanceReport[]): string {
  if (reports.length === 0) return '（尚未收到质量绩效表）';
  return reports
    .map((r) => {
      const indicators = Object.entries(r.indicators)
        .map(([k, v]) => `${k}：${v}`)
        .join('；');
      return [
        `第 ${r.period} 期（${r.reportYear} 年度），${r.source === 'api' ? '获奖者在线报送' : '办公室代为登记'}，${r.submittedAt.slice(0, 10)}`,
        `概述：${r.summary}`,
        ...(indicators ? [`指标：${indicators}`] : []),
      ].join('\n');
    })
    .join('\n\n');
}

/** The SHA-256 (hex) of a report link's token: the only form the store keeps. */
export const reportTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Issue 16: the secret token of the 质量绩效表 link in one request or reminder e-mail, once per e-mail
 * (its mail effect key). A fresh random token replaces the stored hash only while that e-mail is not
 * yet in the outbox; once it is, the outbox body carries the token whose hash is kept, so a redelivered
 * task sends the same link again (the mailer resends the stored body) and the new token is discarded.
 */
export async function issueReportLink(
  db: Queryable,
  holder: { holderKey: string; awardYear: number },
  mailEffectKey: string,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO performance_report_links (token_hash, holder_key, award_year, effect_key)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (effect_key) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
     WHERE NOT EXISTS (SELECT 1 FROM mail_outbox WHERE mail_outbox.effect_key = EXCLUDED.effect_key)`,
    [reportTokenHash(token), holder.holderKey, holder.awardYear, mailEffectKey],
  );
  return token;
}

/** Whether the token is one of the holder's report links for that award (constant-time by hashing). */
export async function reportLinkValid(
  q: Queryable,
  token: string,
  holder: { holderKey: string; awardYear: number },
): Promise<boolean> {
  const rows = await q.query<{ holder_key: string }>(
    'SELECT holder_key FROM performance_report_links WHERE token_hash = $1 AND holder_key = $2 AND award_year = $3',
    [reportTokenHash(token), holder.holderKey, holder.awardYear],
  );
  return rows.length > 0;
}

/** The holder and award a token was issued for (the form page pre-fills them), or undefined. */
export async function reportLinkHolder(
  q: Queryable,
  token: string,
): Promise<{ holderKey: string; awardYear: number } | undefined> {
  const [row] = await q.query<{ holder_key: string; award_year: number }>(
    'SELECT holder_key, award_year FROM performance_report_links WHERE token_hash = $1',
    [reportTokenHash(token)],
  );
  return row ? { holderKey: row.holder_key, awardYear: Number(row.award_year) } : undefined;
}
