import { z } from 'zod';
import { serviceActor } from '../shared/service-actor.js';
import { chooseReplacement, plannable, teamLead } from '../../domain/cycle.js';
import { expertOption, toAssignmentExpert } from '../../domain/experts.js';
import { recordAudit, type AuditEntry } from '../../store/audit.js';
import {
  addReplacement,
  assignmentsOf,
  isActiveAssignment,
  setAssignmentStatus,
} from '../../store/experts-review.js';
import { declareConflict, findExperts, listExperts } from '../../store/experts.js';
import { acceptedApplications } from '../shared/applications.js';
import { ASSIGNMENT_INFEASIBLE } from '../shared/review.js';
import { applicationInstanceId, grantApplicationRead, revokeApplicationRead } from '../shared/grants.js';
import { identityEngine } from '../shared/identity.js';
import { bpmnError, complete, defineWorker, InputError } from '../worker.js';
import { cycleEdition } from '../shared/rules-edition.js';

export const RECORD_DECLARATION_TOPIC = 'record-declaration';

/** One reviewer's answer in the confirmation task, with the cycle's panel and team facts. */
export const RecordDeclarationInput = z.looseObject({
  panelExperts: z.array(z.string()),
  reviewApplicationId: z.string().min(1),
  reviewApplicantName: z.string().min(1),
  reviewerId: z.string().min(1),
  conflictDecision: z.enum(['none', 'conflict'], { error: '请选择“无利害关系”或“有利害关系，申请回避”' }),
  conflictReason: z.string().nullish(),
  rulesEdition: z.string().nullish(),
});

/**
 * Art. 26: records the reviewer's confirmation (无利害关系) or declared conflict; a declared conflict
 * is kept in the pool's conflicts and the reviewer is replaced by the method of planAssignment. The
 * replacement confirms in turn; when no panel member can replace, a BPMN error names the application.
 */
export const recordDeclarationWorker = defineWorker({
  topic: RECORD_DECLARATION_TOPIC,
  title: '登记回避声明',
  input: RecordDeclarationInput,
  variables: [
    'panelExperts',
    'reviewApplicationId',
    'reviewApplicantName',
    'reviewerId',
    'conflictDecision',
    'conflictReason',
    'rulesEdition',
  ],
  errorCodes: [ASSIGNMENT_INFEASIBLE],
  async handler(input, ctx, deps) {
    const cycleKey = ctx.businessKey;
    if (!cycleKey) throw new InputError('评审周期缺少业务键（cycle-<年度>）');
    const key = { cycleKey, applicationId: input.reviewApplicationId, expertId: input.reviewerId };
    const current = (await assignmentsOf(deps.db, cycleKey)).find(
      (a) => a.applicationId === key.applicationId && a.expertId === key.expertId,
    );
    if (!current) throw new InputError(`专家 ${key.expertId} 未被分配评审申报 ${key.applicationId}`);

    // The audit trail (issue 8 (5), Art. 26): the expert's own declaration, with them as the actor.
    const trail = (action: string, summary: string, details: Record<string, unknown>): AuditEntry => ({
      actor: key.expertId,
      action,
      subject: key.expertId,
      businessKey: cycleKey,
      processInstanceId: ctx.processInstanceId,
      summary,
      details: { applicationId: key.applicationId, applicantName: input.reviewApplicantName, ...details },
    });

    if (input.conflictDecision === 'none') {
      await deps.db.transaction(async (tx) => {
        await setAssignmentStatus(tx, key, 'confirmed', ctx.effectId('confirmed'), '无利害关系');
        await recordAudit(
          tx,
          trail(
            'recusal.confirmed',
            `专家 ${key.expertId} 声明与申报 ${key.applicationId}（${input.reviewApplicantName}）无利害关系`,
            { decision: 'none' },
          ),
          ctx.effectId('audit-confirmed'),
        );
      });
      return complete({ reviewerReplaced: false });
    }

    const reason = input.conflictReason?.trim() || '专家主动申请回避';
    const rest = deps.engine;
    if (current.status !== 'recused')
      await deps.db.transaction(async (tx) => {
        await declareConflict(tx, key.expertId, key.applicationId, reason, `${cycleKey} 回避声明`);
        await setAssignmentStatus(tx, key, 'recused', ctx.effectId('declared'), reason);
        await recordAudit(
          tx,
          trail(
            'recusal.declared',
            `专家 ${key.expertId} 对申报 ${key.applicationId}（${input.reviewApplicantName}）申请回避：${reason}`,
            { decision: 'conflict', reason },
          ),
          ctx.effectId('audit-declared'),
        );
      });
    // Art. 26: the recused expert no longer reads the application (idempotent on redelivery).
    const identity = identityEngine(deps);
    const instanceId = await applicationInstanceId(identity, key.applicationId);
    if (instanceId) await revokeApplicationRead(identity, key.expertId, instanceId);

    const edition = await cycleEdition(input.rulesEdition, ctx, deps);
    const application = (await acceptedApplications(rest, cycleKey)).find((a) => a.id === key.applicationId);
    if (!application) throw new InputError(`申报 ${key.applicationId} 不是本届正式受理的申报`);

    // One replacement at a time per cycle, so two parallel recusals never count the same loads.
    const outcome = await deps.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [cycleKey]);
      const all = await assignmentsOf(tx, cycleKey);
      const earlier = all.find(
        (a) => a.applicationId === key.applicationId && a.replacesExpertId === key.expertId,
      );
      if (earlier) return { ok: true as const, expertId: earlier.expertId };
      const active = all.filter((a) => isActiveAssignment(a));
      const team = active.filter((a) => a.applicationId === key.applicationId).map((a) => a.expertId);
      const load: Record<string, number> = Object.fromEntries(input.panelExperts.map((id) => [id, 0]));
      for (const a of active) load[a.expertId] = (load[a.expertId] ?? 0) + 1;
      const panel = plannable(await findExperts(tx, input.panelExperts), edition).map(toAssignmentExpert);
      const choice = chooseReplacement({ application, team, panel, load, rules: edition });
      if (!choice.ok) return choice;
      const members = panel.filter((e) => team.includes(e.id) || e.id === choice.expertId);
      await addReplacement(
        tx,
        {
          ...key,
          applicantName: input.reviewApplicantName,
          expertId: choice.expertId,
          replaces: key.expertId,
          // The 组长 withdrew: the team's new 组长 by planAssignment's rule.
          lead: current.lead ? teamLead(members) : undefined,
        },
        ctx.effectId('replaced'),
      );
      await recordAudit(
        tx,
        {
          actor: serviceActor(deps.config),
          action: 'review.replaced',
          subject: choice.expertId,
          businessKey: cycleKey,
          processInstanceId: ctx.processInstanceId,
          summary: `第二十六条：专家 ${key.expertId} 回避，由 ${choice.expertId} 替换评审申报 ${key.applicationId}`,
          details: { applicationId: key.applicationId, expertId: choice.expertId, replaces: key.expertId },
        },
        ctx.effectId('audit-replaced'),
      );
      return choice;
    });
    if (!outcome.ok) {
      return bpmnError(ASSIGNMENT_INFEASIBLE, outcome.message, {
        infeasibleMessage: outcome.message,
        expertOptions: plannable(await listExperts(deps.db), edition).map(expertOption),
      });
    }
    if (instanceId) await grantApplicationRead(identity, outcome.expertId, instanceId);
    ctx.log.info({ ...key, replacement: outcome.expertId }, '专家申请回避，已替换');
    return complete({
      reviewerReplaced: true,
      reviewerId: outcome.expertId,
      conflictDecision: '',
      conflictReason: '',
    });
  },
});
