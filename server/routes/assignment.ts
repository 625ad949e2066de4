import { Router } from 'express';
import { AssignmentRequest, planAssignment } from '../../domain/assignment.js';
import { HttpError, parseRequest } from '../validation.js';

/** POST /review/assignment-plan (mounted under /api): 专家分组与回避, Art. 11, 12, 26; no side effects. */
export function assignmentRouter(): Router {
  const router = Router();
  router.post('/review/assignment-plan', (req, res) => {
    const request = parseRequest(AssignmentRequest, req.body);
    const outcome = planAssignment(request);
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
