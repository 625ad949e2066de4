import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CalendarUnavailableError,
  calendarOf,
  chineseDaysSource,
  publicityEnd,
  YearSchedule,
} from '../domain/calendar.js';
import { checkCalendarDir, directorySource, readYearFile } from './calendar-files.js';

const repoCalendarDir = fileURLToPath(new URL('../calendar/', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'calendar-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, content: unknown) =>
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));

// A made-up schedule, for tests only: 2031 is not published.
const year2031 = {
  year: 2031,
  holidays: ['2031-01-01', '2031-05-12'],
  workdays: ['2031-05-18'],
  source: '测试数据',
};

describe('year files (calendar/<year>.json)', () => {
  it('adds a year the package lacks, read at the time of the question', () => {
    // Given a calendar over a folder that does not yet hold 2031
    const calendar = calendarOf(directorySource(dir), chineseDaysSource());
    expect(() => publicityEnd('2031-05-12', 5, calendar)).toThrow(CalendarUnavailableError);
    // When the office drops 2031.json into the folder
    write('2031.json', year2031);
    // Then the same calendar counts 2031 by it
    expect(publicityEnd('2031-05-12', 5, calendar).days).toEqual([
      '2031-05-13',
      '2031-05-14',
      '2031-05-15',
      '2031-05-16',
      '2031-05-18',
    ]);
  });

  it('takes precedence over the package for its year', () => {
    // Given a 2025 file that also gives Thursday 9 October off
    const pkg = chineseDaysSource()(2025)!;
    write('2025.json', { ...pkg, holidays: [...pkg.holidays, '2025-10-09'], source: '测试数据' });
    const calendar = calendarOf(directorySource(dir), chineseDaysSource());
    // Then 9 October is off, and other years still come from the package
    expect(calendar.isWorkingDay('2025-10-09')).toBe(false);
    expect(calendar.scheduleOf('2025-10-09').source).toBe('测试数据');
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
  });

  it.each<[string, string | object, string]>([
    ['not JSON', '{ "year": 2031,', '不是合法的 JSON'],
    ['a weekday make-up day', { ...year2031, workdays: ['2031-05-19'] }, 'workdays.0'],
    [
      'another year inside',
      { ...year2031, year: 2030, holidays: ['2030-01-01'], workdays: [] },
      'year 是 2030',
    ],
  ])('refuses a file that is %s, naming the year and the fault', (_case, content, fault) => {
    // Given a faulty 2031.json
    write('2031.json', content);
    // When 2031 is asked
    let error: unknown;
    try {
      readYearFile(dir, 2031);
    } catch (err) {
      error = err;
    }
    // Then the year is unavailable with the reason, not guessed and not silently skipped
    expect(error).toBeInstanceOf(CalendarUnavailableError);
    expect((error as CalendarUnavailableError).year).toBe(2031);
    expect((error as Error).message).toContain(fault);
  });

  it('reports every year file of a folder with its problem', () => {
    // Given one valid and one faulty file, and a file that is no year file
    write('2031.json', year2031);
    write('2032.json', { ...year2031, year: 2032 });
    write('notes.txt', 'x');
    // Then both year files are listed, only the faulty one with a problem
    const report = checkCalendarDir(dir);
    expect(report.map((r) => [r.file, r.problem === undefined])).toEqual([
      ['2031.json', true],
      ['2032.json', false],
    ]);
  });

  it('treats a missing folder as holding no year', () => {
    // Given a folder that does not exist, then it holds nothing and reports nothing
    expect(directorySource(join(dir, 'absent'))(2031)).toBeUndefined();
    expect(checkCalendarDir(join(dir, 'absent'))).toEqual([]);
  });
});

describe('the repository calendar/ folder', () => {
  it('holds only valid year files', () => {
    // Given the files the office has added, then none has a problem
    expect(checkCalendarDir(repoCalendarDir).filter((r) => r.problem)).toEqual([]);
  });

  it('documents a format example in README.md that is valid and true to the 2025 notice', () => {
    // Given the JSON example of calendar/README.md
    const readme = readFileSync(join(repoCalendarDir, 'README.md'), 'utf8');
    const block = /```json\n([\s\S]*?)```/.exec(readme)?.[1];
    const example = YearSchedule.parse(JSON.parse(block ?? 'null'));
    // Then it is the 2025 schedule the package holds
    const pkg = chineseDaysSource()(2025)!;
    expect({ holidays: example.holidays, workdays: example.workdays }).toEqual({
      holidays: pkg.holidays,
      workdays: pkg.workdays,
    });
  });
});
