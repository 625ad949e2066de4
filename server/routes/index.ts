import type { Router } from 'express';
import type { EngineRest } from '../../camunda/rest.js';
import type { Db } from '../../store/index.js';
import type { EngineAuth } from '../auth.js';
import { auditRouter } from './audit.js';
import { assignmentRouter, type AssignmentLimits } from './assignment.js';
import { calendarRouter } from './calendar.js';
import { eligibilityRouter } from './eligibility.js';
import { awardsRouter } from './awards.js';
import { expertsRouter } from './experts.js';
import { incubationRouter } from './incubation.js';
import { objectionsRouter } from './objections.js';
import { performanceReportsRouter } from './performance-reports.js';
import { quotaRouter } from './quota.js';

export interface RouteDeps {
  db: Db;
  /** Folder of the office's extra working-day schedules (calendar/<year>.json). */
  calendarDir?: string;
  /** How office-only routes check people: the engine's REST URL, or a verifier in unit tests. */
  auth: EngineAuth;
  /** The engine as the server's service account (objections correlate into the cycle); optional. */
  engine?: EngineRest;
  /** Limits of POST /api/review/assignment-plan (config/config.ts ASSIGNMENT_*); defaults when absent. */
  assignmentLimits?: AssignmentLimits;
}

/** Every /api router of the product; each feature adds its own here. */
export function apiRouters(deps: RouteDeps): Router[] {
  return [
    eligibilityRouter({ db: deps.db }),
    quotaRouter(),
    calendarRouter({ calendarDir: deps.calendarDir }),
    assignmentRouter(deps.assignmentLimits),
    expertsRouter({ db: deps.db, auth: deps.auth }),
    performanceReportsRouter({ db: deps.db, auth: deps.auth }),
    auditRouter({ db: deps.db, auth: deps.auth }),
    objectionsRouter({ db: deps.db, auth: deps.auth, engine: deps.engine }),
    awardsRouter({ db: deps.db, auth: deps.auth }),
    incubationRouter({ db: deps.db, auth: deps.auth }),
  ];
}
