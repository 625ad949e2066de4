import { Router } from 'express';
import { z } from 'zod';
import { OFFICE, PROCESS_ADMINS } from '../../camunda/identity.js';
import type { Db } from '../../store/index.js';
import { graduatesFor } from '../../store/between-cycles.js';
import { requireGroups, type EngineAuth } from '../auth.js';
import { parseRequest } from '../validation.js';

const GraduatesQuery = z.object({
  evaluationYear: z.coerce
    .number({ error: 'evaluationYear 应为年份' })
    .int('evaluationYear 应为年份')
    .min(1900, 'evaluationYear 应在 1900–2999 之间')
    .max(2999, 'evaluationYear 应在 1900–2999 之间'),
});

/**
 * GET /incubation/graduates?evaluationYear= (mounted under /api): Art. 5, 10 (7), the organizations
 * that graduated from the incubation year before that evaluation year, for the office's intake.
 */
export function incubationRouter(deps: { db: Db; auth: EngineAuth }): Router {
  const router = Router();
  router.get(
    '/incubation/graduates',
    requireGroups(deps.auth, [OFFICE, PROCESS_ADMINS], '查看培育孵化结业名单'),
    async (req, res) => {
      const { evaluationYear } = parseRequest(GraduatesQuery, req.query);
      res.json({ evaluationYear, graduates: await graduatesFor(deps.db, evaluationYear) });
    },
  );
  return router;
}
