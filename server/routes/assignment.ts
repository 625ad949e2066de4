import { Router } from 'express';
import { EnvSchema } from '../../config/config.js';
import { AssignmentRequest } from '../../domain/assignment.js';
import { shanghaiDate, type RulesEdition } from '../../domain/edition.js';
import type { Queryable } from '../../store/db.js';
import {
  createAssignmentSolver,
  SolverBusyError,
  SolverTimeoutError,
  type AssignmentSolver,
} from '../assignment-solver.js';
import { HttpError, parseRequest } from '../validation.js';
import { editionOnDay } from './quota.js';

/** ASSIGNMENT_MAX_APPLICATIONS, ASSIGNMENT_MAX_EXPERTS, ASSIGNMENT_TIME_BUDGET_MS (config/config.ts). */
export interface AssignmentLimits {
  maxApplications: number;
  maxExperts: number;
  timeBudgetMs: number;
}

const defaults = EnvSchema.pick({
  ASSIGNMENT_MAX_APPLICATIONS: true,
  ASSIGNMENT_MAX_EXPERTS: true,
  ASSIGNMENT_TIME_BUDGET_MS: true,
}).parse({});

export const DEFAULT_ASSIGNMENT_LIMITS: AssignmentLimits = {
  maxApplications: defaults.ASSIGNMENT_MAX_APPLICATIONS,
  maxExperts: defaults.ASSIGNMENT_MAX_EXPERTS,
  timeBudgetMs: defaults.ASSIGNMENT_TIME_BUDGET_MS,
};

/** A list longer than its limit: 413 naming the field and the limit, before any parsing or solving. */
function refuseOversized(body: unknown, limits: AssignmentLimits): void {
  const lists = [
    { field: 'applications', label: '申报', limit: limits.maxApplications },
    { field: 'experts', label: '专家', limit: limits.maxExperts },
  ] as const;
  for (const { field, label, limit } of lists) {
    const list = (body as Record<string, unknown> | null)?.[field];
    if (Array.isArray(list) && list.length > limit)
      throw new HttpError(413, {
        error: 'payload_too_large',
        field,
        limit,
        message: `${label}数量 ${list.length} 超过上限 ${limit}（${field} 最多 ${limit} 项）`,
      });
  }
}

/**
 * POST /review/assignment-plan (mounted under /api): 专家分组与回避, Art. 11, 12, 26; no side effects.
 * The plan is computed in a worker thread within a time budget, never on the request loop.
 * Art. 12 (二)'s years are those of the edition in force today (the files and the approved stored ones).
 */
export function assignmentRouter(
  editions: { db: Queryable; editions: readonly RulesEdition[]; now?: () => Date },
  limits: AssignmentLimits = DEFAULT_ASSIGNMENT_LIMITS,
  solver: AssignmentSolver = createAssignmentSolver({ timeBudgetMs: limits.timeBudgetMs }),
): Router {
  const router = Router();
  router.post('/review/assignment-plan', async (req, res) => {
    refuseOversized(req.body, limits);
    const request = parseRequest(AssignmentRequest, req.body);
    const edition = await editionOnDay(
      editions.db,
      editions.editions,
      shanghaiDate(editions.now?.() ?? new Date()),
    );
    let outcome;
    try {
      outcome = await solver.solve(request, { expertMinYears: edition.expertMinYears });
    } catch (err) {
      if (err instanceof SolverBusyError) {
        res.setHeader('Retry-After', '5');
        throw new HttpError(503, { error: 'busy', message: '分组计算任务较多，请稍后重试' });
      }
      if (err instanceof SolverTimeoutError)
        throw new HttpError(503, {
          error: 'time_budget_exceeded',
          limitMs: limits.timeBudgetMs,
          message: `分组计算超过时间上限 ${limits.timeBudgetMs} 毫秒，已停止；请缩小申报或专家数量`,
        });
      throw err;
    }
    if (!outcome.ok)
      throw new HttpError(422, {
        error: 'assignment_infeasible',
        applications: outcome.infeasible.applications,
        message: outcome.infeasible.message,
      });
    res.json(outcome.plan);
  });
  return router;
}
