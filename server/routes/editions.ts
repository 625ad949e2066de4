import { Router } from 'express';
import { z } from 'zod';
import { COMMITTEE, OFFICE, PROCESS_ADMINS } from '../../camunda/identity.js';
import { mergeEditions, parseEdition, RulesEditionData, type RulesEdition } from '../../domain/edition.js';
import { recordAudit } from '../../store/audit.js';
import {
  addEdition,
  decideEdition,
  editionsChanged,
  knownEditions,
  listStoredEditions,
  storedEditions,
} from '../../store/editions.js';
import type { Db } from '../../store/index.js';
import { principalOf, requireGroups, type EngineAuth } from '../auth.js';
import { HttpError, parseRequest } from '../validation.js';

const EditionId = z.object({
  id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, { error: '版本编号只能包含字母、数字和连字符' }),
});

const Decision = z.object(
  {
    decision: z.enum(['approve', 'reject'], {
      error: 'decision 应为 approve（审议通过）或 reject（不予通过）',
    }),
    reason: z
      .string({ error: '缺少审议意见（reason）' })
      .trim()
      .min(1, { error: '审议意见（reason）不能为空' })
      .max(2000, { error: '审议意见（reason）不能超过 2000 字' }),
  },
  { error: '请求体应为 JSON 对象' },
);

/** The window of an edition beside the other known ones: overlapping windows are refused (Art. 28). */
function overlapProblem(edition: RulesEdition, known: readonly RulesEdition[]): string | undefined {
  try {
    mergeEditions(known, [edition]);
    return undefined;
  } catch (err) {
    return `第二十八条：${(err as Error).message}`;
  }
}

/**
 * The rules editions of the 办法 (Art. 9 (二), 10 (二), 28), mounted under /api:
 * - GET /editions (office, committee, process-admins): the shipped edition files and the stored ones with their status;
 * - POST /editions (office, which drafts revisions, Art. 10 (二)): a revised edition as data → 201, status proposed;
 * - POST /editions/:id/decision (committee, which approves revisions, Art. 9 (二)): approve or reject once.
 * Only an approved edition is used by a cycle or a check.
 */
export function editionsRouter(deps: {
  db: Db;
  auth: EngineAuth;
  editions: readonly RulesEdition[];
}): Router {
  const router = Router();
  router.get(
    '/editions',
    requireGroups(deps.auth, [OFFICE, COMMITTEE, PROCESS_ADMINS], '查看办法版本'),
    async (_req, res) => {
      res.json({ files: deps.editions, stored: await listStoredEditions(deps.db) });
    },
  );

  router.post('/editions', requireGroups(deps.auth, [OFFICE], '提交修订后的办法版本'), async (req, res) => {
    const data = parseRequest(RulesEditionData, req.body);
    const edition = parseEdition(data, 'request');
    const actor = principalOf(res).userId;
    if (deps.editions.some((e) => e.id === edition.id))
      throw new HttpError(409, {
        error: 'edition_exists',
        message: `办法版本 ${edition.id} 已存在（随产品发布）`,
      });
    const overlap = overlapProblem(edition, await knownEditions(deps.db, deps.editions));
    if (overlap)
      throw new HttpError(400, {
        error: 'invalid_request',
        issues: [{ path: 'appliesFrom', message: overlap }],
      });
    await deps.db.transaction(async (tx) => {
      try {
        await addEdition(tx, edition, actor);
      } catch (err) {
        throw new HttpError(409, { error: 'edition_exists', message: (err as Error).message });
      }
      await recordAudit(tx, {
        actor,
        action: 'edition.proposed',
        subject: edition.id,
        summary: `第九条第（二）项、第二十八条：${actor} 提交修订后的办法 ${edition.id}（${edition.title}），待审定委员会审议`,
        details: { edition },
      });
    });
    res.status(201).json({ edition, status: 'proposed' });
  });

  router.post(
    '/editions/:id/decision',
    requireGroups(deps.auth, [COMMITTEE], '审议办法版本'),
    async (req, res) => {
      const { id } = parseRequest(EditionId, req.params);
      const { decision, reason } = parseRequest(Decision, req.body);
      const actor = principalOf(res).userId;
      const status = decision === 'approve' ? 'approved' : 'rejected';
      const outcome = await deps.db.transaction(async (tx) => {
        if (status === 'approved') {
          const proposed = (await listStoredEditions(tx)).find(
            (s) => s.edition.id === id && s.status === 'proposed',
          );
          const overlap =
            proposed &&
            overlapProblem(proposed.edition, mergeEditions(deps.editions, await storedEditions(tx)));
          if (overlap) throw new HttpError(409, { error: 'edition_overlaps', message: overlap });
        }
        const result = await decideEdition(tx, id, { status, decidedBy: actor, reason });
        if (result.kind === 'decided')
          await recordAudit(tx, {
            actor,
            action: `edition.${status}`,
            subject: id,
            summary: `第九条第（二）项：审定委员会${status === 'approved' ? '审议通过' : '不予通过'}办法版本 ${id}（${actor}）：${reason}`,
            details: { editionId: id, reason },
          });
        return result;
      });
      // Again after the commit: a pre-check that read the store meanwhile must not keep the old list.
      if (outcome.kind === 'decided') editionsChanged();
      if (outcome.kind === 'missing')
        throw new HttpError(404, { error: 'not_found', message: `办法版本 ${id} 不存在` });
      if (outcome.kind === 'already-decided')
        throw new HttpError(409, {
          error: 'already_decided',
          message: `办法版本 ${id} 已于 ${outcome.edition.decidedAt} ${outcome.edition.status === 'approved' ? '审议通过' : '不予通过'}，不能再改`,
        });
      res.json({ id, status: outcome.edition.status, decidedBy: outcome.edition.decidedBy });
    },
  );
  return router;
}
