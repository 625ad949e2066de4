import { Router } from 'express';
import { z } from 'zod';
import { OFFICE, PROCESS_ADMINS } from '../../camunda/identity.js';
import { auditTrail } from '../../store/audit.js';
import type { Db } from '../../store/index.js';
import { requireGroups, type EngineAuth } from '../auth.js';
import { parseRequest } from '../validation.js';

const AuditQuery = z.object({
  businessKey: z.string().trim().min(1, 'businessKey 不能为空').max(200).optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z][a-z-]*(\.[a-z][a-z-]*)*$/, 'action 应为如 recusal.declared 的动作名')
    .max(60)
    .optional(),
  subject: z.string().trim().min(1, 'subject 不能为空').max(200).optional(),
  limit: z.coerce
    .number({ error: 'limit 应为 1–5000 的整数' })
    .int('limit 应为 1–5000 的整数')
    .min(1, 'limit 应为 1–5000 的整数')
    .max(5000, 'limit 应为 1–5000 的整数')
    .optional(),
});

/**
 * GET /audit?businessKey=&action=&subject=&limit= (mounted under /api): the append-only audit trail
 * (issue 8 (5); Art. 26 recusals, Art. 27 ten-year retention), oldest first. Office and
 * process-admins only: anyone else gets 401 (not logged in) or 403.
 */
export function auditRouter(deps: { db: Db; auth: EngineAuth }): Router {
  const router = Router();
  router.get(
    '/audit',
    requireGroups(deps.auth, [OFFICE, PROCESS_ADMINS], '查看审计记录'),
    async (req, res) => {
      const query = parseRequest(AuditQuery, req.query);
      res.json({ entries: await auditTrail(deps.db, query) });
    },
  );
  return router;
}
