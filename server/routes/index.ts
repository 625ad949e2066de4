import type { Router } from 'express';
import type { Db } from '../../store/index.js';
import { assignmentRouter } from './assignment.js';
import { calendarRouter } from './calendar.js';
import { eligibilityRouter } from './eligibility.js';
import { expertsRouter } from './experts.js';
import { performanceReportsRouter } from './performance-reports.js';
import { quotaRouter } from './quota.js';

export interface RouteDeps {
  db: Db;
  /** Folder of the office's extra working-day schedules (calendar/<year>.json). */
  calendarDir?: string;
}

/** Every /api router of the product; each feature adds its own here. */
export function apiRouters(deps: RouteDeps): Router[] {
  return [
    eligibilityRouter({ db: deps.db }),
    quotaRouter(),
    calendarRouter({ calendarDir: deps.calendarDir }),
    assignmentRouter(),
    expertsRouter({ db: deps.db }),
    performanceReportsRouter({ db: deps.db }),
  ];
}
