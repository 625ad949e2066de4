import chineseDays from 'chinese-days';
import {
  CalendarUnavailableError,
  calendarOf,
  chineseDaysSource,
  chineseDaysYears,
  isIsoDate,
  publicityEnd,
  schedulesSource,
  YearSchedule,
} from './calendar.js';

const calendar = calendarOf(chineseDaysSource());

const unavailableYear = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof CalendarUnavailableError) return err.year;
    throw err;
  }
  return undefined;
};

describe('the chinese-days calendar', () => {
  it('holds the official schedules from 2004 to at least 2026 and nothing it lacks', () => {
    // Given the package's data
    const years = chineseDaysYears();
    // Then it starts in 2004, has no gap, and holds the years of the 2023 办法 so far
    expect(years[0]).toBe(2004);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
    expect(years).toEqual(expect.arrayContaining([2023, 2024, 2025, 2026]));
    expect(years).not.toContain(2031);
  });

  it.each<[string, boolean, string]>([
    ['2025-09-28', true, 'Sunday make-up day before National Day'],
    ['2025-09-30', true, 'Tuesday before National Day'],
    ['2025-10-01', false, 'National Day'],
    ['2025-10-04', false, 'National Day, Saturday'],
    ['2025-10-06', false, 'Mid-Autumn inside the National Day break'],
    ['2025-10-08', false, 'last day of the break, Wednesday'],
    ['2025-10-09', true, 'Thursday after the break'],
    ['2025-10-11', true, 'Saturday make-up day after National Day'],
    ['2025-10-12', false, 'ordinary Sunday'],
    ['2026-02-14', true, 'Saturday make-up day before Spring Festival'],
    ['2026-02-15', false, 'first day of Spring Festival'],
    ['2026-02-18', false, 'Spring Festival, Wednesday'],
    ['2026-02-23', false, 'last day of Spring Festival, Monday'],
    ['2026-02-24', true, 'Tuesday after Spring Festival'],
    ['2026-02-28', true, 'Saturday make-up day after Spring Festival'],
    ['2026-01-02', false, 'New Year, Friday'],
    ['2026-01-04', true, 'Sunday make-up day after New Year'],
    ['2026-06-17', true, 'ordinary Wednesday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    // Given a known day of the official schedule
    // When the calendar is asked
    // Then it answers as the 国务院办公厅 notice says
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  // The package's own API misreads dates in time zones west of UTC (one reason this calendar reads
  // its data file), so the cross-check runs where the API is right: UTC and east of it.
  const itWhereApiIsRight = new Date(2025, 0, 1).getTimezoneOffset() <= 0 ? it : it.skip;
  itWhereApiIsRight('agrees with the package API on every day of 2023–2026', () => {
    // Given the years of the 2023 办法 that the package holds
    for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      // Then the data file and the package's own isWorkday give the same answer
      if (calendar.isWorkingDay(date) !== chineseDays.isWorkday(date)) throw new Error(`differs on ${date}`);
    }
  });

  it('is valid under the schedule format the office uses for its own files', () => {
    // Given every year the package holds, then each fits YearSchedule
    for (const year of chineseDaysYears()) {
      const result = YearSchedule.safeParse(chineseDaysSource()(year));
      expect({ year, issues: result.error?.issues ?? [] }).toEqual({ year, issues: [] });
    }
  });

  it.each([2003, 2027, 2031])('refuses %i, a year the package does not hold, naming it', (year) => {
    // Given a day of a year without data (where the package itself would guess Monday–Friday)
    const date = `${year}-03-03`;
    // Then the calendar refuses it with the year in the error and the message
    expect(unavailableYear(() => calendar.isWorkingDay(date))).toBe(year);
    expect(() => calendar.isWorkingDay(date)).toThrow(`${year} 年`);
  });
});

describe('publicityEnd — Art. 18 (7)', () => {
  it.each<[string, string, number, string, string[]]>([
    [
      'an ordinary week from Monday',
      '2025-06-09',
      5,
      '2025-06-13',
      ['2025-06-09', '2025-06-10', '2025-06-11', '2025-06-12', '2025-06-13'],
    ],
    [
      'an ordinary Saturday start, not counted',
      '2025-06-07',
      5,
      '2025-06-13',
      ['2025-06-09', '2025-06-10', '2025-06-11', '2025-06-12', '2025-06-13'],
    ],
    [
      'across National Day 2025 with the Sunday make-up day',
      '2025-09-26',
      5,
      '2025-10-09',
      ['2025-09-26', '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09'],
    ],
    [
      'a start on a holiday, not counted',
      '2025-10-01',
      5,
      '2025-10-14',
      ['2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14'],
    ],
    [
      'a start on a Saturday make-up day, counted',
      '2025-10-11',
      5,
      '2025-10-16',
      ['2025-10-11', '2025-10-13', '2025-10-14', '2025-10-15', '2025-10-16'],
    ],
    [
      'across Spring Festival 2026',
      '2026-02-12',
      5,
      '2026-02-25',
      ['2026-02-12', '2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25'],
    ],
    [
      'through the Saturday make-up day after Spring Festival 2026',
      '2026-02-26',
      5,
      '2026-03-03',
      ['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-02', '2026-03-03'],
    ],
    [
      'across New Year into 2025',
      '2024-12-30',
      5,
      '2025-01-06',
      ['2024-12-30', '2024-12-31', '2025-01-02', '2025-01-03', '2025-01-06'],
    ],
    ['a single working day', '2025-10-08', 1, '2025-10-09', ['2025-10-09']],
  ])('%s: %s + %i working days ends %s', (_case, start, workingDays, end, days) => {
    // Given a start and a number of working days
    // When the publicity period is counted
    const period = publicityEnd(start, workingDays, calendar);
    // Then it ends on the last of exactly those working days
    expect(period).toEqual({ start, workingDays, end, days });
  });

  it('refuses a period that reaches a year the calendar does not hold, naming that year', () => {
    // Given a start late in 2026 whose fifth working day falls in 2027
    // Then the year that is missing is named, not guessed
    expect(unavailableYear(() => publicityEnd('2026-12-28', 5, calendar))).toBe(2027);
    // while four working days still fit in 2026
    expect(publicityEnd('2026-12-28', 4, calendar).end).toBe('2026-12-31');
  });

  it('refuses a start in 2031', () => {
    // Given a start in a year without data, then the error names 2031
    expect(unavailableYear(() => publicityEnd('2031-05-12', 5, calendar))).toBe(2031);
  });

  it('uses a schedule source before the package for the same year', () => {
    // Given an office schedule for 2025 that also gives 9 October off
    const own = YearSchedule.parse({
      year: 2025,
      holidays: [...(chineseDaysSource()(2025)?.holidays ?? []), '2025-10-09'],
      workdays: chineseDaysSource()(2025)?.workdays ?? [],
      source: 'test',
    });
    const layered = calendarOf(schedulesSource([own]), chineseDaysSource());
    // Then the period skips 9 October as well
    expect(publicityEnd('2025-09-26', 5, layered).end).toBe('2025-10-10');
  });

  it('counts a year that only a schedule source holds', () => {
    // Given a (made-up, test-only) schedule for 2031 with 12 May off and Sunday 18 May worked
    const made = YearSchedule.parse({
      year: 2031,
      holidays: ['2031-01-01', '2031-05-12'],
      workdays: ['2031-05-18'],
      source: 'test',
    });
    const layered = calendarOf(schedulesSource([made]), chineseDaysSource());
    // When the period starts on the day off
    const period = publicityEnd('2031-05-12', 5, layered);
    // Then it uses that schedule
    expect(period.days).toEqual(['2031-05-13', '2031-05-14', '2031-05-15', '2031-05-16', '2031-05-18']);
  });

  it.each<[string, number]>([
    ['2025-02-30', 5],
    ['2025-6-9', 5],
    ['2025-06-09', 0],
    ['2025-06-09', 1.5],
  ])('refuses start %s with %d working days as a programming error', (start, workingDays) => {
    // Given arguments the route never passes, then they are a RangeError
    expect(() => publicityEnd(start, workingDays, calendar)).toThrow(RangeError);
  });
});

describe('YearSchedule', () => {
  const valid = { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-06'], source: '通知' };
  const paths = (data: unknown) => {
    const result = YearSchedule.safeParse(data);
    return result.success ? [] : result.error.issues.map((i) => i.path.map(String).join('.'));
  };

  it('accepts a well-formed year', () => {
    // Given a year with a holiday and a Saturday make-up day, then it is valid
    expect(paths(valid)).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['a date of another year', { ...valid, holidays: ['2026-12-31'] }, ['holidays.0']],
    ['a make-up day on a weekday', { ...valid, workdays: ['2027-02-08'] }, ['workdays.0']],
    ['a date twice in holidays', { ...valid, holidays: ['2027-01-01', '2027-01-01'] }, ['holidays.1']],
    ['a date both off and worked', { ...valid, holidays: ['2027-01-01', '2027-02-06'] }, ['workdays.0']],
    ['an impossible date', { ...valid, holidays: ['2027-02-30'] }, ['holidays.0']],
    ['no holidays', { ...valid, holidays: [] }, ['holidays']],
    ['no source', { ...valid, source: ' ' }, ['source']],
    ['a year as text', { ...valid, year: '2027' }, ['year']],
  ])('refuses %s', (_case, data, expected) => {
    // Given a schedule with one fault, then it is refused at that path
    expect(paths(data)).toEqual(expected);
  });
});

describe('isIsoDate', () => {
  it.each<[string, boolean]>([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-01-1', false],
    ['20250101', false],
  ])('%s → %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});
