// Art. 23 and Art. 25: what follows the award — the yearly 质量绩效表 and the revocation of an award.
import { z } from 'zod';
import { banEnds } from './eligibility.js';
import { isCalendarDate } from './identifiers.js';

/** Art. 25: the grounds on which an award is revoked. */
export const REVOCATION_REASONS = ['fraudulent-materials', 'major-incident', 'other-serious-matter'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** Chinese wording of each ground, as Art. 25 puts it. */
export const REVOCATION_REASON_NAMES: Readonly<Record<RevocationReason, string>> = {
  'fraudulent-materials': '申报材料弄虚作假、以不正当方法获取荣誉',
  'major-incident': '获奖后发生重大质量、安全、环境污染、公共卫生、食品安全等事故',
  'other-serious-matter': '其他违反宝山区政府质量奖宗旨的重大事项',
};

/** The date n whole years after date (29 February falls back to 28 February). */
export function plusYears(date: string, n: number): string {
  const year = String(Number(date.slice(0, 4)) + n).padStart(4, '0');
  const monthDay = date.slice(4);
  return monthDay === '-02-29' && !isCalendarDate(`${year}-02-29`) ? `${year}-02-28` : `${year}${monthDay}`;
}

/**
 * Art. 25: the first day on which an application of the holder is accepted again after a revocation
 * on revokedOn — the same day arithmetic as the eligibility rule (contracts.md: a revocation on
 * 29 February ends its ban on 1 March of a common year).
 */
export function revocationBanEndsOn(revokedOn: string, banYears: number): string {
  return banEnds(revokedOn, { banYears });
}

/** An ISO 8601 duration of whole years, months, weeks or days, e.g. P1Y, P30D, P1Y6M. */
const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** Parses a date-only ISO 8601 duration; undefined when it is not one (time parts are not allowed). */
export function parseDuration(text: string): { years: number; months: number; days: number } | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const [, y, mo, w, d] = m.map((v) => Number(v ?? 0));
  return { years: y!, months: mo!, days: w! * 7 + d! };
}

/** Adds (sign 1) or subtracts (sign -1) a date-only duration to an instant, in UTC calendar arithmetic. */
export function shiftInstant(instant: Date, duration: string, sign: 1 | -1 = 1): Date {
  const d = parseDuration(duration);
  if (!d) throw new Error(`不是有效的期限：${duration}`);
  const out = new Date(instant.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + sign * d.years, out.getUTCMonth() + sign * d.months);
  out.setUTCDate(out.getUTCDate() + sign * d.days);
  return out;
}

const duration = (label: string) =>
  z.string().refine((s) => parseDuration(s) !== undefined, `${label}应为 ISO 8601 期限，例如 P1Y、P30D`);

/** Art. 23: the BPMN parameters of the yearly reporting (defaults: three years, once a year). */
export const MonitoringSchedule = z
  .object({
    reportingYears: z.coerce.number().int().min(1, '报送年数至少为 1').max(10, '报送年数至多为 10'),
    reportingPeriod: duration('报送周期'),
    responseWindow: duration('报送期限'),
    reminderBefore: duration('提醒提前量'),
  })
  .refine(
    (s) => {
      const now = new Date('2000-01-01T00:00:00Z');
      return shiftInstant(shiftInstant(now, s.responseWindow), s.reminderBefore, -1) > now;
    },
    { message: '第二十三条：提醒提前量应短于报送期限', path: ['reminderBefore'] },
  );
export type MonitoringSchedule = z.infer<typeof MonitoringSchedule>;

/** Camunda's timeDate format: ISO 8601 in UTC. */
const timeDate = (d: Date) => d.toISOString();

/**
 * Art. 23: one reporting period opened at `openedAt`: the 质量绩效表 is due after responseWindow and
 * the reminder goes reminderBefore the due date.
 */
export function reportingPeriodDates(
  openedAt: Date,
  schedule: Pick<MonitoringSchedule, 'responseWindow' | 'reminderBefore'>,
): { dueAt: string; remindAt: string; dueDate: string } {
  const due = shiftInstant(openedAt, schedule.responseWindow);
  const remind = shiftInstant(due, schedule.reminderBefore, -1);
  const shanghai = new Date(due.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return { dueAt: timeDate(due), remindAt: timeDate(remind), dueDate: shanghai };
}

const holderKeyPattern = /^(?:[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}|\d{17}[\dX])$/;

/** Art. 23: one 《宝山区政府质量奖质量绩效表》 as the winner or the office submits it. */
export const PerformanceReport = z.object({
  holderKey: z
    .string({ error: '缺少获奖者统一社会信用代码或居民身份证号码（holderKey）' })
    .regex(holderKeyPattern, 'holderKey 应为 18 位统一社会信用代码或居民身份证号码'),
  holderName: z.string({ error: '缺少获奖者名称' }).trim().min(1, '获奖者名称不能为空').max(200),
  awardYear: z.number({ error: '获奖年度应为整数' }).int().min(1900).max(2999),
  period: z.number({ error: '报送期次应为整数' }).int().min(1, '报送期次从 1 开始').max(10),
  reportYear: z.number({ error: '绩效年度应为整数' }).int().min(1900).max(2999),
  summary: z
    .string({ error: '缺少质量绩效概述' })
    .trim()
    .min(2, '质量绩效概述不能为空')
    .max(10000, '质量绩效概述至多 10000 字'),
  indicators: z.record(z.string().max(100), z.union([z.number(), z.string().max(1000)])).default({}),
});
export type PerformanceReport = z.infer<typeof PerformanceReport>;

/** The business key of one winner's post-award monitoring. */
export const postMonitoringKey = (holderKey: string, awardYear: number) =>
  `post-award/${holderKey}/${awardYear}`;
