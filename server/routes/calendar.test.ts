import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { createApp } from '../app.js';
import { calendarRouter } from './calendar.js';

describe('GET /api/calendar/publicity-end', () => {
  let db: Db;
  let dir: string;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestStore();
    dir = mkdtempSync(join(tmpdir(), 'calendar-route-'));
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      apiRouters: [calendarRouter({ calendarDir: dir })],
    });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  const get = (query: string) => request(app).get(`/api/calendar/publicity-end${query}`);

  it.each<[string, string, number, string, string[]]>([
    [
      'across National Day 2025',
      '2025-09-26',
      5,
      '2025-10-09',
      ['2025-09-26', '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09'],
    ],
    [
      'from a Saturday make-up day',
      '2025-10-11',
      5,
      '2025-10-16',
      ['2025-10-11', '2025-10-13', '2025-10-14', '2025-10-15', '2025-10-16'],
    ],
    [
      'from a holiday',
      '2025-10-01',
      5,
      '2025-10-14',
      ['2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14'],
    ],
    [
      'across Spring Festival 2026',
      '2026-02-12',
      5,
      '2026-02-25',
      ['2026-02-12', '2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25'],
    ],
  ])('counts %s', async (_case, start, workingDays, end, days) => {
    // Given a start and a number of working days
    const res = await get(`?start=${start}&workingDays=${workingDays}`);
    // Then the period comes back as the contract says
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ start, workingDays, end, days });
  });

  it('answers a year the calendar does not hold with 422 calendar_unavailable naming the year', async () => {
    // Given a start in 2031, for which no schedule is held
    const res = await get('?start=2031-05-12&workingDays=5');
    // Then it is 422 with exactly the contract's fields, never a Monday–Friday guess
    expect(res.status).toBe(422);
    expect(Object.keys(res.body).sort()).toEqual(['error', 'message']);
    expect(res.body.error).toBe('calendar_unavailable');
    expect(res.body.message).toContain('2031');
  });

  it('answers a period that runs into an unheld year with 422 naming that year', async () => {
    // Given a start at the end of 2026 that needs working days of 2027
    const res = await get('?start=2026-12-28&workingDays=5');
    // Then the missing 2027 schedule is named
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('2027');
  });

  it('uses a year file the office adds, without a restart', async () => {
    // Given the running app refuses 2031
    expect((await get('?start=2031-05-12&workingDays=5')).status).toBe(422);
    // When a (made-up, test-only) 2031.json is added to the calendar folder
    writeFileSync(
      join(dir, '2031.json'),
      JSON.stringify({
        year: 2031,
        holidays: ['2031-01-01', '2031-05-12'],
        workdays: ['2031-05-18'],
        source: '测试数据',
      }),
    );
    // Then the same app counts 2031 by it
    const res = await get('?start=2031-05-12&workingDays=5');
    expect(res.status).toBe(200);
    expect(res.body.end).toBe('2031-05-18');
  });

  it('answers a faulty year file with 422 and the reason', async () => {
    // Given a 2032.json whose make-up day is a Monday
    writeFileSync(
      join(dir, '2032.json'),
      JSON.stringify({ year: 2032, holidays: ['2032-01-01'], workdays: ['2032-05-17'], source: '测试数据' }),
    );
    // Then 2032 is unavailable, with the fault in the message
    const res = await get('?start=2032-05-10&workingDays=5');
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('calendar_unavailable');
    expect(res.body.message).toContain('2032.json');
  });

  it.each<[string, string, string[]]>([
    ['no start', '?workingDays=5', ['start']],
    ['no workingDays', '?start=2025-06-09', ['workingDays']],
    ['nothing', '', ['start', 'workingDays']],
    ['an impossible date', '?start=2025-02-30&workingDays=5', ['start']],
    ['another date format', '?start=2025/06/09&workingDays=5', ['start']],
    ['a date given twice', '?start=2025-06-09&start=2025-06-10&workingDays=5', ['start']],
    ['zero working days', '?start=2025-06-09&workingDays=0', ['workingDays']],
    ['a fraction of working days', '?start=2025-06-09&workingDays=2.5', ['workingDays']],
    ['negative working days', '?start=2025-06-09&workingDays=-5', ['workingDays']],
    ['text for working days', '?start=2025-06-09&workingDays=five', ['workingDays']],
    ['too many working days', '?start=2025-06-09&workingDays=366', ['workingDays']],
  ])('answers %s with 400 naming the query field', async (_case, query, paths) => {
    // Given a query that breaks the contract
    const res = await get(query);
    // Then it is 400 invalid_request with the field as path
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(paths);
  });
});
