// Art. 18 (7): the publicity (公示) runs for working days of the official Chinese calendar.
import { createRequire } from 'node:module';
import { z } from 'zod';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/**
 * The calendar does not hold the official schedule (国务院办公厅 节假日安排) of a year, or holds
 * one that is not valid. Never answered with a Monday–Friday guess.
 */
export class CalendarUnavailableError extends Error {
  constructor(
    readonly year: number,
    readonly reason?: string,
  ) {
    super(
      reason
        ? `${year} 年的节假日安排不可用：${reason}；请更正 calendar/${year}.json`
        : `日历未收录 ${year} 年的国务院办公厅节假日安排，无法按第十八条第（七）项的工作日计算公示期；` +
            `请在 calendar/${year}.json 中补充该年安排`,
    );
    this.name = 'CalendarUnavailableError';
  }
}

// ---------------------------------------------------------------------------------------------
// Dates (UTC arithmetic on calendar dates, so the host time zone never shifts a day)

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

const toUtc = (date: IsoDate) => new Date(`${date}T00:00:00Z`);
const yearOf = (date: IsoDate) => Number(date.slice(0, 4));
/** 0 Sunday … 6 Saturday. */
const weekday = (date: IsoDate) => toUtc(date).getUTCDay();
const isWeekend = (date: IsoDate) => weekday(date) === 0 || weekday(date) === 6;
const nextDay = (date: IsoDate) => new Date(toUtc(date).getTime() + 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// One year's official schedule, as data

const isoDate = z
  .string({ error: '日期必须是文本' })
  .refine(isIsoDate, { error: '日期必须是有效的 YYYY-MM-DD' });

/**
 * The official schedule of one calendar year: the days off (法定节假日 and the days moved next to
 * them) and the 调休 make-up working days (a Saturday or Sunday). Every other Monday–Friday is a
 * working day and every other Saturday and Sunday is not. Each date lies in `year`.
 */
export const YearSchedule = z
  .object({
    year: z
      .number({ error: '年份必须是数字' })
      .int({ error: '年份必须是整数' })
      .min(1949, { error: '年份不早于 1949' })
      .max(9999, { error: '年份不晚于 9999' }),
    holidays: z.array(isoDate, { error: 'holidays 必须是日期列表' }).min(1, { error: 'holidays 不能为空' }),
    workdays: z.array(isoDate, { error: 'workdays 必须是日期列表' }),
    source: z.string({ error: 'source 必须是文本' }).trim().min(1, { error: 'source 须写明所依据的通知' }),
  })
  .superRefine((schedule, ctx) => {
    const seen = new Map<string, string>();
    for (const key of ['holidays', 'workdays'] as const) {
      schedule[key].forEach((date, index) => {
        const path = [key, index];
        if (yearOf(date) !== schedule.year) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `${date} 不在 ${schedule.year} 年内；每个日期写在其所在年份的文件中`,
          });
        }
        if (key === 'workdays' && !isWeekend(date)) {
          ctx.addIssue({ code: 'custom', path, message: `${date} 不是周六或周日，不是调休补班日` });
        }
        const before = seen.get(date);
        if (before !== undefined) {
          ctx.addIssue({ code: 'custom', path, message: `${date} 重复，已在 ${before} 中出现` });
        } else {
          seen.set(date, `${key}.${index}`);
        }
      });
    }
  });
export type YearSchedule = z.infer<typeof YearSchedule>;

/** Where a calendar looks up one year's schedule; undefined when it does not hold the year. */
export type ScheduleSource = (year: number) => YearSchedule | undefined;

export interface WorkingDayCalendar {
  /** Whether the date is a working day; throws CalendarUnavailableError for a year not held. */
  isWorkingDay(date: IsoDate): boolean;
  /** The schedule of the date's year that the answer rests on; throws like isWorkingDay. */
  scheduleOf(date: IsoDate): YearSchedule;
}

interface HeldYear {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}
const compiled = new WeakMap<YearSchedule, HeldYear>();
function compile(schedule: YearSchedule): HeldYear {
  let held = compiled.get(schedule);
  if (!held) {
    held = { holidays: new Set(schedule.holidays), workdays: new Set(schedule.workdays) };
    compiled.set(schedule, held);
  }
  return held;
}

/** Whether the date is a working day under its year's schedule (pure). */
export function isWorkingDayIn(schedule: YearSchedule, date: IsoDate): boolean {
  const held = compile(schedule);
  if (held.holidays.has(date)) return false;
  if (held.workdays.has(date)) return true;
  return !isWeekend(date);
}

/**
 * A calendar over schedule sources, the first that holds a year winning (so data the office adds
 * comes before the package). A year no source holds is CalendarUnavailableError.
 */
export function calendarOf(...sources: ScheduleSource[]): WorkingDayCalendar {
  const scheduleOf = (date: IsoDate): YearSchedule => {
    if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
    const year = yearOf(date);
    for (const source of sources) {
      const schedule = source(year);
      if (schedule) return schedule;
    }
    throw new CalendarUnavailableError(year);
  };
  return {
    scheduleOf,
    isWorkingDay: (date) => isWorkingDayIn(scheduleOf(date), date),
  };
}

/** A source over schedules given as data, e.g. in tests. */
export function schedulesSource(schedules: readonly YearSchedule[]): ScheduleSource {
  const byYear = new Map(schedules.map((s) => [s.year, s]));
  return (year) => byYear.get(year);
}

// ---------------------------------------------------------------------------------------------
// The chinese-days package: its data file, not its API, whose range functions shift a day in
// time zones west of UTC and which answers Monday–Friday for years it does not hold.

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let packageSchedules: Map<number, YearSchedule> | undefined;
function loadPackageSchedules(): Map<number, YearSchedule> {
  if (packageSchedules) return packageSchedules;
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const { version } = require('chinese-days/package.json') as { version: string };
  const byYear = new Map<number, YearSchedule>();
  const entry = (year: number) => {
    let s = byYear.get(year);
    if (!s) {
      s = { year, holidays: [], workdays: [], source: `chinese-days ${version}（国务院办公厅节假日安排）` };
      byYear.set(year, s);
    }
    return s;
  };
  // A year is held when the package lists its statutory holidays; a lone make-up day does not count.
  for (const date of Object.keys(data.holidays).sort()) entry(yearOf(date)).holidays.push(date);
  for (const date of Object.keys(data.workdays).sort()) {
    const held = byYear.get(yearOf(date));
    if (held) held.workdays.push(date);
  }
  packageSchedules = byYear;
  return byYear;
}

/** The years whose official schedule the chinese-days package holds, ascending. */
export function chineseDaysYears(): number[] {
  return [...loadPackageSchedules().keys()].sort((a, b) => a - b);
}

/** The chinese-days package as a schedule source. */
export function chineseDaysSource(): ScheduleSource {
  return (year) => loadPackageSchedules().get(year);
}

// ---------------------------------------------------------------------------------------------
// Counting working days

export interface PublicityPeriod {
  start: IsoDate;
  workingDays: number;
  /** The last of `days`. */
  end: IsoDate;
  /** The working days of the period, in order. */
  days: IsoDate[];
}

/** The first working day after `date` (the day itself not counted). */
export function nextWorkingDayAfter(date: IsoDate, calendar: WorkingDayCalendar): IsoDate {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  let day = nextDay(date);
  while (!calendar.isWorkingDay(day)) day = nextDay(day);
  return day;
}

/**
 * The period of `workingDays` working days from `start`, the start day counted when it is a
 * working day (statutory holidays off, 调休 make-up days on). Throws CalendarUnavailableError
 * when the period reaches a year the calendar does not hold.
 */
export function publicityEnd(
  start: IsoDate,
  workingDays: number,
  calendar: WorkingDayCalendar,
): PublicityPeriod {
  if (!isIsoDate(start)) throw new RangeError(`start is not a YYYY-MM-DD date: ${start}`);
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new RangeError(`workingDays must be a positive integer: ${workingDays}`);
  }
  const days: IsoDate[] = [];
  for (let date = start; days.length < workingDays; date = nextDay(date)) {
    if (calendar.isWorkingDay(date)) days.push(date);
  }
  return { start, workingDays, end: days[days.length - 1]!, days };
}
