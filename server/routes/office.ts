import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { OFFICE } from '../../camunda/identity.js';
import { engineRest, EngineRestError, type EngineRest } from '../../camunda/rest.js';
import { CreditCode } from '../../domain/identifiers.js';
import { recordAudit } from '../../store/audit.js';
import { assignmentsOf, disqualificationsOf, recordDisqualification } from '../../store/experts-review.js';
import { findExperts } from '../../store/experts.js';
import type { Db } from '../../store/index.js';
import { credentials, engineError, principalOf, requireGroups, type EngineAuth } from '../auth.js';
import { EXPORT_LISTS, exportWorkbook, isExportList, ListNotReady } from '../office/exports.js';
import { loadCycleOverview, type CycleOverview } from '../office/view.js';
import { HttpError, parseRequest } from '../validation.js';

const Year = z
  .string({ error: '请指定评选年度（cycle，四位年份）' })
  .regex(/^\d{4}$/, 'cycle 应为四位年份，如 2025');
const CycleQuery = z.object({ cycle: Year });

const ApplicationId = z
  .string({ error: '缺少申报编号（applicationId）' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, '申报编号只能由字母、数字和 - _ . 组成');

/** Art. 26: the office withdraws an expert's right to review in a cycle (取消评审资格). */
const Disqualification = z.object({
  cycle: Year,
  expertId: z
    .string({ error: '缺少专家编号（expertId）' })
    .trim()
    .regex(/^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$/, '专家编号格式不正确')
    .max(64, '专家编号不超过 64 个字符'),
  reason: z
    .string({ error: '缺少取消评审资格的理由（reason）' })
    .trim()
    .min(4, '请写明取消评审资格的理由（违反保密或回避规定的事实，第二十六条），至少 4 个字')
    .max(500, '理由不超过 500 个字'),
});

/** The fixes the office performs from the workbench (issue 13 (2)). */
const Fix = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('correct-credit-code'),
      cycle: Year,
      applicationId: ApplicationId,
      creditCode: CreditCode,
    }),
    z.object({
      action: z.literal('retry'),
      cycle: Year,
      incidentId: z
        .string({ error: '缺少 incidentId' })
        .regex(/^[A-Za-z0-9-]{1,64}$/, 'incidentId 格式不正确'),
    }),
    z.object({ action: z.literal('recheck-decisions'), cycle: Year }),
  ],
  { error: 'action 应为 correct-credit-code、retry 或 recheck-decisions' },
);

/** The message award-cycle.bpmn's event sub-process EventSub_ExpertDisqualified catches. */
export const EXPERT_DISQUALIFIED_MESSAGE = 'expert-disqualified';

const notFound = (message: string) => new HttpError(404, { error: 'not_found', message });

const serviceUnavailable = () =>
  new HttpError(503, {
    error: 'engine_unavailable',
    message: '服务器未配置流程引擎的服务账号（CAMUNDA_WORKER_PASSWORD），无法执行此操作',
  });

/**
 * The office workbench's API (mounted under /api; contracts.md "The office workbench"): the cycle at a
 * glance, the problems the office fixes, the lists as .xlsx. Office members only (401/403 otherwise).
 * Reads go to the engine with the person's own account; a fix is done by the server's service account
 * (the workers' account) on exactly the application or incident named, after the office's membership
 * was checked, and is recorded in the audit trail with the office member as the actor.
 */
export function officeRouter(deps: { db: Db; auth: EngineAuth; engine?: EngineRest }): Router {
  const router = Router();
  router.use('/office', requireGroups(deps.auth, [OFFICE], '使用办公室工作台'));

  /** The engine as the signed-in person. */
  const personal = (req: Request): EngineRest => {
    const creds = credentials(req);
    if (typeof deps.auth !== 'function') return engineRest(deps.auth, creds);
    if (deps.engine) return deps.engine.as(creds);
    throw serviceUnavailable();
  };
  const service = (): EngineRest => {
    if (!deps.engine) throw serviceUnavailable();
    return deps.engine;
  };
  const overview = async (req: Request): Promise<CycleOverview> => {
    const { cycle } = parseRequest(CycleQuery, req.query);
    try {
      return await loadCycleOverview(personal(req), cycle);
    } catch (err) {
      return engineError(err);
    }
  };

  router.get('/office/cycles', async (req, res) => {
    try {
      const list = await personal(req).get(
        '/history/process-instance?processDefinitionKey=award-cycle&sortBy=startTime&sortOrder=desc&maxResults=200',
      );
      const years = [
        ...new Set(
          list.map((c) => /^cycle-(\d{4})$/.exec(c.businessKey ?? '')?.[1]).filter((y): y is string => !!y),
        ),
      ];
      res.json({ cycles: years.sort().reverse() });
    } catch (err) {
      engineError(err);
    }
  });

  router.get('/office/applications', async (req, res) => {
    const view = await overview(req);
    res.json({
      cycle: view.cycle,
      applications: view.applications.map((a) => ({
        applicationId: a.applicationId,
        businessKey: a.businessKey,
        applicantName: a.applicantName,
        kind: a.kind,
        stage: a.stage,
        stageName: a.stageName,
        openTasks: a.openTasks.map((t) => ({
          name: t.name,
          assignee: t.assignee,
          candidateGroups: t.candidateGroups,
          since: t.since,
        })),
        problems: a.problems.map((p) => ({ message: p.message, ...(p.action ? { action: p.action } : {}) })),
        waitingDays: a.waitingDays,
      })),
    });
  });

  router.get('/office/overview', async (req, res) => {
    const view = await overview(req);
    res.json({ ...view, lists: undefined, exports: exportsReady(view) });
  });

  router.get('/office/publicity', async (req, res) => {
    const view = await overview(req);
    const { publicityNoticeText, publicityStart, publicityEnd } = view.lists;
    if (!publicityNoticeText)
      throw new HttpError(409, {
        error: 'list_not_ready',
        message: `${view.cycle.replace('cycle-', '')} 年度尚未公示：区政府批准后才有公示文本`,
      });
    res.json({ cycle: view.cycle, text: publicityNoticeText, publicityStart, publicityEnd });
  });

  router.get('/office/exports/:file', async (req: Request<{ file: string }>, res: Response) => {
    const m = /^([a-z-]+)\.xlsx$/.exec(req.params.file);
    if (!m || !isExportList(m[1]!))
      throw notFound(
        `没有这个名单：${req.params.file}（可导出：${Object.keys(EXPORT_LISTS)
          .map((k) => `${k}.xlsx`)
          .join('、')}）`,
      );
    const list = m[1];
    const view = await overview(req);
    let body: Buffer;
    try {
      body = await exportWorkbook(list, view);
    } catch (err) {
      if (err instanceof ListNotReady)
        throw new HttpError(409, { error: 'list_not_ready', message: err.message });
      throw err;
    }
    const year = view.cycle.replace('cycle-', '');
    const name = `${year}年度${EXPORT_LISTS[list]}.xlsx`;
    res
      .status(200)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .set(
        'Content-Disposition',
        `attachment; filename="${list}-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .send(body);
  });

  // Art. 26: the workbench's list: the cycle's reviewers (with their applications) and the experts
  // already disqualified, with the reason and who decided.
  router.get('/office/disqualifications', async (req, res) => {
    const { cycle } = parseRequest(CycleQuery, req.query);
    const cycleKey = `cycle-${cycle}`;
    const assignments = await assignmentsOf(deps.db, cycleKey);
    const decided = await disqualificationsOf(deps.db, cycleKey);
    const ids = [...new Set(assignments.map((a) => a.expertId))];
    const names = new Map((await findExperts(deps.db, ids)).map((e) => [e.id, e.name]));
    const statusText = {
      assigned: '已分配',
      confirmed: '已确认',
      recused: '已回避',
      disqualified: '已取消资格',
    };
    res.json({
      cycle,
      reviewers: ids.map((expertId) => ({
        expertId,
        name: names.get(expertId) ?? expertId,
        disqualified: decided.some((d) => d.expertId === expertId),
        applications: assignments
          .filter((a) => a.expertId === expertId)
          .map((a) => ({
            applicationId: a.applicationId,
            applicantName: a.applicantName,
            status: a.status,
            statusText: statusText[a.status],
            lead: a.lead,
          })),
      })),
      disqualifications: decided.map((d) => ({
        expertId: d.expertId,
        name: names.get(d.expertId) ?? d.expertId,
        reason: d.reason,
        decidedBy: d.decidedBy,
        decidedAt: d.decidedAt,
      })),
    });
  });

  // Art. 26: the office disqualifies an expert who breached confidentiality or recusal; the cycle
  // (event sub-process expert-disqualified) takes them off every team and replaces them.
  router.post('/office/disqualifications', async (req, res) => {
    const body = parseRequest(Disqualification, req.body);
    const actor = principalOf(res).userId;
    const cycleKey = `cycle-${body.cycle}`;
    const engine = service();
    const [instance] = await engine
      .get(`/process-instance?processDefinitionKey=award-cycle&businessKey=${encodeURIComponent(cycleKey)}`)
      .catch(engineError);
    if (!instance) throw notFound(`${body.cycle} 年度没有进行中的评审`);
    const [assigned] = await deps.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM review_assignments WHERE cycle_key = $1 AND expert_id = $2`,
      [cycleKey, body.expertId],
    );
    if (!assigned?.n)
      throw new HttpError(422, {
        error: 'not_a_reviewer',
        field: 'expertId',
        message: `专家 ${body.expertId} 不是 ${body.cycle} 年度任何评审组的成员，无需取消评审资格`,
      });
    await deps.db.transaction(async (tx) => {
      const recorded = await recordDisqualification(tx, {
        cycleKey,
        expertId: body.expertId,
        reason: body.reason,
        decidedBy: actor,
      });
      if (!recorded)
        throw new HttpError(409, {
          error: 'already_disqualified',
          message: `专家 ${body.expertId} 在 ${body.cycle} 年度已被取消评审资格`,
        });
      await recordAudit(tx, {
        actor,
        action: 'expert.disqualified',
        subject: body.expertId,
        businessKey: cycleKey,
        processInstanceId: instance.id,
        summary: `${actor} 依第二十六条取消专家 ${body.expertId} 在 ${body.cycle} 年度的评审资格：${body.reason}`,
        details: { expertId: body.expertId, reason: body.reason },
      });
      // Last in the transaction: a refused correlation rolls the record back.
      await engine
        .post('/message', {
          messageName: EXPERT_DISQUALIFIED_MESSAGE,
          processInstanceId: instance.id,
          processVariablesLocal: {
            disqualifiedExpertId: { value: body.expertId, type: 'String' },
            disqualificationReason: { value: body.reason, type: 'String' },
          },
        })
        .catch(engineError);
    });
    res.status(202).json({
      cycle: body.cycle,
      expertId: body.expertId,
      message: `已取消专家 ${body.expertId} 的评审资格；系统将其移出本届所有评审组并替换`,
    });
  });

  router.post('/office/problems/fix', async (req, res) => {
    const fix = parseRequest(Fix, req.body);
    const actor = principalOf(res).userId;
    const cycleKey = `cycle-${fix.cycle}`;
    const engine = service();
    try {
      if (fix.action === 'correct-credit-code') {
        const businessKey = `${cycleKey}/${fix.applicationId}`;
        const [instance] = await engine.get(
          `/process-instance?processDefinitionKey=award-application&businessKey=${encodeURIComponent(businessKey)}`,
        );
        if (!instance?.id) throw notFound(`没有进行中的申报 ${businessKey}`);
        const before = await engine
          .get(`/process-instance/${instance.id}/variables/creditCode`)
          .then((v) => (typeof v.value === 'string' ? v.value : null))
          .catch(() => null);
        await engine.put(`/process-instance/${instance.id}/variables/creditCode`, {
          value: fix.creditCode,
          type: 'String',
        });
        const retried = await retryInstance(engine, instance.id);
        await recordAudit(deps.db, {
          actor,
          action: 'office.credit-code-corrected',
          subject: fix.applicationId,
          businessKey,
          processInstanceId: instance.id,
          summary: `${actor} 在办公室工作台将申报 ${businessKey} 的统一社会信用代码由 ${before ?? '（空）'} 更正为 ${fix.creditCode}，并重试 ${retried} 个失败的步骤`,
          details: { field: 'creditCode', from: before, to: fix.creditCode, retried },
        });
        res.json({ fixed: true, retried, creditCode: fix.creditCode });
        return;
      }
      if (fix.action === 'retry') {
        const [incident] = await engine.get(`/incident?incidentId=${encodeURIComponent(fix.incidentId)}`);
        if (!incident) throw notFound(`没有这个待处理问题（incidentId ${fix.incidentId}），可能已经解决`);
        const instance = await engine.get(`/process-instance/${incident.processInstanceId}`);
        const key = instance.businessKey ?? '';
        if (key !== cycleKey && !key.startsWith(`${cycleKey}/`))
          throw notFound(`问题 ${fix.incidentId} 不属于 ${fix.cycle} 年度评审`);
        if (incident.incidentType === 'failedExternalTask')
          await engine.put(`/external-task/${incident.configuration}/retries`, { retries: 1 });
        else if (incident.incidentType === 'failedJob')
          await engine.put(`/job/${incident.configuration}/retries`, { retries: 1 });
        else
          throw new HttpError(409, {
            error: 'not_retryable',
            message: `此类问题（${incident.incidentType}）无法重试`,
          });
        await recordAudit(deps.db, {
          actor,
          action: 'office.incident-retried',
          subject: key,
          businessKey: key,
          processInstanceId: incident.processInstanceId,
          summary: `${actor} 在办公室工作台重试了 ${key} 的失败步骤`,
          details: { incidentId: incident.id, incidentType: incident.incidentType },
        });
        res.json({ fixed: true, retried: 1 });
        return;
      }
      const result = await engine.post('/message', {
        messageName: 'eligibility-decided',
        businessKey: cycleKey,
        all: true,
        resultEnabled: true,
      });
      if (!Array.isArray(result) || result.length === 0)
        throw new HttpError(409, {
          error: 'not_waiting',
          message: `${fix.cycle} 年度评审当前不在等待资格审查结论，无需重新检查`,
        });
      await recordAudit(deps.db, {
        actor,
        action: 'office.decisions-rechecked',
        subject: cycleKey,
        businessKey: cycleKey,
        summary: `${actor} 在办公室工作台让 ${cycleKey} 立即重新检查资格审查结论`,
      });
      res.json({ fixed: true });
    } catch (err) {
      if (err instanceof EngineRestError && err.status === 404) throw notFound(err.message);
      engineError(err);
    }
  });
  return router;
}

/** Sets retries of the instance's failed external tasks and jobs back to 1; returns how many. */
async function retryInstance(engine: EngineRest, processInstanceId: string): Promise<number> {
  const [tasks, jobs] = await Promise.all([
    engine.get(`/external-task?processInstanceId=${processInstanceId}&noRetriesLeft=true`),
    engine.get(`/job?processInstanceId=${processInstanceId}&noRetriesLeft=true`),
  ]);
  for (const t of tasks) await engine.put(`/external-task/${t.id}/retries`, { retries: 1 });
  for (const j of jobs) await engine.put(`/job/${j.id}/retries`, { retries: 1 });
  return tasks.length + jobs.length;
}

/** Which lists the cycle has formed (the page enables their download buttons). */
function exportsReady(view: CycleOverview): Record<string, boolean> {
  return {
    applications: true,
    preliminary: view.lists.preliminaryReady,
    'review-results': !!view.lists.reviewSummary,
    proposal: !!(view.lists.awards ?? view.lists.proposedAwards),
    publicity: !!(view.lists.publicityStart && view.lists.awards),
    awards: view.lists.awardsRecorded && !!view.lists.awards,
  };
}
