import { Router } from 'express';
import { z } from 'zod';
import {
  CalendarUnavailableError,
  calendarOf,
  chineseDaysSource,
  isIsoDate,
  publicityEnd,
} from '../../domain/calendar.js';
import { defaultCalendarDir, directorySource } from '../../store/calendar-files.js';
import { HttpError, parseRequest } from '../validation.js';

/** The most working days one period may count (about a year). */
export const MAX_WORKING_DAYS = 365;

export const PublicityEndQuery = z.object({
  start: z
    .string({ error: '缺少公示开始日期 start（YYYY-MM-DD）' })
    .refine(isIsoDate, { error: '公示开始日期 start 必须是有效的 YYYY-MM-DD 日期' }),
  workingDays: z
    .string({ error: '缺少工作日数 workingDays' })
    .regex(/^\d+$/, { error: '工作日数 workingDays 必须是正整数' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, { error: '工作日数 workingDays 至少为 1' })
        .max(MAX_WORKING_DAYS, { error: `工作日数 workingDays 不超过 ${MAX_WORKING_DAYS}` }),
    ),
});

export interface CalendarRouterOptions {
  /** Folder of the office's year files (calendar/<year>.json); by default ./calendar. */
  calendarDir?: string;
}

/**
 * GET /calendar/publicity-end?start=YYYY-MM-DD&workingDays=N (mounted under /api): the Art. 18 (7)
 * publicity period on the official working-day calendar; 422 calendar_unavailable for a year the
 * calendar does not hold.
 */
export function calendarRouter(opts: CalendarRouterOptions = {}): Router {
  const calendar = calendarOf(directorySource(opts.calendarDir ?? defaultCalendarDir()), chineseDaysSource());
  const router = Router();
  router.get('/calendar/publicity-end', (req, res) => {
    const { start, workingDays } = parseRequest(PublicityEndQuery, req.query);
    try {
      res.json(publicityEnd(start, workingDays, calendar));
    } catch (err) {
      if (err instanceof CalendarUnavailableError) {
        throw new HttpError(422, { error: 'calendar_unavailable', message: err.message });
      }
      throw err;
    }
  });
  return router;
}
