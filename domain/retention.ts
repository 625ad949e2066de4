// Art. 27: application and review records are kept ten years; older ones may be deleted only with
// the office's explicit approval.
import { plusYears } from './post-award.js';

/** Art. 27: the shortest retention the product accepts, in years. */
export const RETENTION_MIN_YEARS = 10;

/** Art. 27: records that ended before this day (asOf − years) are past their retention. */
export function retentionCutoff(asOf: string, years: number): string {
  if (!Number.isInteger(years) || years < RETENTION_MIN_YEARS)
    throw new RangeError(`第二十七条：保存期限不得少于 ${RETENTION_MIN_YEARS} 年（现为 ${years}）`);
  return plusYears(asOf, -years);
}

/** One record the retention report lists. */
export interface RetentionItem {
  /** `engine:<process definition key>` or `store:<table>`. */
  kind: string;
  /** The instance id or the row's key (JSON of its primary key columns). */
  ref: string;
  /** For people: what the record is. */
  label: string;
  /** When it ended or was written (ISO). */
  at: string;
}

/** The report's lines for the office's approval task. */
export function retentionReportText(items: readonly RetentionItem[], cutoff: string): string {
  if (items.length === 0) return `没有 ${cutoff} 之前结束的申报评审资料。`;
  return [
    `以下 ${items.length} 项资料在 ${cutoff} 之前结束，已超过第二十七条规定的保存期限：`,
    ...items.map((i, n) => `${n + 1}. ${i.label}（${i.at.slice(0, 10)}）`),
  ].join('\n');
}
