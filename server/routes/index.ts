import type { Router } from 'express';
import type { Credentials, EngineRest } from '../../camunda/rest.js';
import type { Mailer } from '../../mail/mailer.js';
import type { RulesEdition } from '../../domain/edition.js';
import type { Db } from '../../store/index.js';
import type { EngineAuth } from '../auth.js';
import type { ApplicationsDeps } from './applications.js';
import { applicationsRouter } from './applications.js';
import { auditRouter } from './audit.js';
import { assignmentRouter, type AssignmentLimits } from './assignment.js';
import { calendarRouter } from './calendar.js';
import { editionsRouter } from './editions.js';
import { eligibilityRouter } from './eligibility.js';
import { awardsRouter } from './awards.js';
import { expertsRouter } from './experts.js';
import { incubationRouter } from './incubation.js';
import { objectionsRouter } from './objections.js';
import { officeRouter } from './office.js';
import { officeExpertsRouter } from './office-experts.js';
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
  /** That service account's credentials. */
  serviceAccount?: Credentials;
  /** Issue 16 (4): the narrow identity account, only for the experts' accounts (issue 13 invitations). */
  identityEngine?: EngineRest;
  identityAccount?: Credentials;
  /** The outbox mailer of the server (expert invitations, intake confirmations); optional. */
  mailer?: Mailer;
  /** PUBLIC_URL: links in e-mails start with it. */
  publicUrl?: string;
  /** Art. 28: the edition files read at start-up (config/editions.ts); approved stored ones are added. */
  editions: readonly RulesEdition[];
  /** The intake (issue 14): file limits, the server's public address, the confirmation mailer. */
  intake?: Omit<ApplicationsDeps, 'db' | 'auth' | 'engine'>;
  /** Limits of POST /api/review/assignment-plan (config/config.ts ASSIGNMENT_*); defaults when absent. */
  assignmentLimits?: AssignmentLimits;
}

/** Every /api router of the product; each feature adds its own here. */
export function apiRouters(deps: RouteDeps): Router[] {
  return [
    eligibilityRouter({ db: deps.db, editions: deps.editions }),
    quotaRouter({ db: deps.db, editions: deps.editions }),
    editionsRouter({ db: deps.db, auth: deps.auth, editions: deps.editions }),
    calendarRouter({ calendarDir: deps.calendarDir }),
    assignmentRouter({ db: deps.db, editions: deps.editions }, deps.assignmentLimits),
    expertsRouter({ db: deps.db, auth: deps.auth, editions: deps.editions }),
    performanceReportsRouter({ db: deps.db, auth: deps.auth }),
    auditRouter({ db: deps.db, auth: deps.auth }),
    objectionsRouter({ db: deps.db, auth: deps.auth, engine: deps.engine }),
    awardsRouter({ db: deps.db, auth: deps.auth }),
    incubationRouter({ db: deps.db, auth: deps.auth }),
    officeRouter({ db: deps.db, auth: deps.auth, engine: deps.engine }),
    officeExpertsRouter(deps),
    applicationsRouter({
      db: deps.db,
      auth: deps.auth,
      engine: deps.engine,
      grants: deps.identityEngine,
      mailer: deps.mailer,
      publicUrl: deps.publicUrl,
      ...deps.intake,
    }),
  ];
}
