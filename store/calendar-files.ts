// Art. 18 (7): year schedules the office adds as data (calendar/<year>.json), read from disk. The
// file reading lives here, outside domain/ (which does no I/O): the server and the workers build a
// directorySource at start-up and pass it to the pure calendar of domain/calendar.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CalendarUnavailableError, YearSchedule, type ScheduleSource } from '../domain/calendar.js';

/** The folder of year files when none is given: `calendar/` under the working directory at start. */
export const defaultCalendarDir = (): string => resolve('calendar');

const YEAR_FILE = /^(\d{4})\.json$/;

/**
 * Reads and validates `<dir>/<year>.json`: undefined when there is no such file; a file that is
 * not valid JSON, does not fit YearSchedule or names another year is CalendarUnavailableError
 * with the reason, never a silent fall back.
 */
export function readYearFile(dir: string, year: number): YearSchedule | undefined {
  const file = join(dir, `${year}.json`);
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CalendarUnavailableError(
      year,
      `calendar/${year}.json 不是合法的 JSON：${(err as Error).message}`,
    );
  }
  const result = YearSchedule.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.map(String).join('.') || '(根)'}：${i.message}`,
    );
    throw new CalendarUnavailableError(year, `calendar/${year}.json 格式错误：${problems.join('；')}`);
  }
  if (result.data.year !== year) {
    throw new CalendarUnavailableError(year, `calendar/${year}.json 中的 year 是 ${result.data.year}`);
  }
  return result.data;
}

/**
 * The year files of a folder as a schedule source. The file is read on every look-up, so a year
 * the office adds counts at once, without a restart. A missing folder holds no year.
 */
export function directorySource(dir: string): ScheduleSource {
  return (year) => readYearFile(dir, year);
}

/** Every year file of a folder with what is wrong with it (empty when valid), for checks at start. */
export function checkCalendarDir(dir: string): { file: string; year: number; problem?: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => YEAR_FILE.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const year = Number(m[1]);
      try {
        readYearFile(dir, year);
        return { file: m[0], year };
      } catch (err) {
        return { file: m[0], year, problem: (err as Error).message };
      }
    })
    .sort((a, b) => a.year - b.year);
}
