import { z } from 'zod';
import { serviceActor } from '../shared/service-actor.js';
import { chooseReplacement, plannable, teamLead } from '../../domain/cycle.js';
import { expertOption, toAssignmentExpert } from '../../domain/experts.js';
import { recordAudit } from '../../store/audit.js';
import {
  addReplacement,
  assignmentsOf,
  isActiveAssignment,
  setAssignmentStatus,
} from '../../store/experts-review.js';
import { findExperts, listExperts } from '../../store/experts.js';
import { acceptedApplications } from '../shared/applications.js';
import { ASSIGNMENT_INFEASIBLE } from '../shared/review.js';
import { applicationInstanceId, grantApplicationRead, revokeApplicationRead } from '../shared/grants.js';
import { identityEngine } from '../shared/identity.js';
import { cycleEdition } from '../shared/rules-edition.js';
import { bpmnError, complete, defineWorker, InputError } from '../worker.js';

export const DISQUALIFY_EXPERT_TOPIC = 'disqualify-expert';

export const DisqualifyExpertInput = z.looseObject({
  panelExperts: z.array(z.string()),
  disqualifiedExpertId: z.string().trim().min(1, { error: '缺少被取消评审资格的专家' }),
  disqualificationReason: z.string().trim().min(1, { error: '缺少取消评审资格的理由' }),
  rulesEdition: z.string().nullish(),
});

interface OpenTask {
  id: string;
  assignee: string | null;
  taskDefinitionKey: string;
}
interface VariableInstance {
  name: string;
  value: unknown;
  executionId: string;
}

/**
 * Art. 26: the office withdrew an expert's right to review (取消评审资格) in this cycle. The expert
 * leaves every team of the cycle (assignments 'disqualified', their score sheets no longer counted,
 * their read rights revoked); each team gets a replacement by the method of the recusal path
 * (chooseReplacement), who takes over the expert's open task of that team. When nobody can replace,
 * a BPMN error names the application (无可替换的专家); the office extends the panel and this runs again
 * (replacements already made are kept).
 */
export const disqualifyExpertWorker = defineWorker({
  topic: DISQUALIFY_EXPERT_TOPIC,
  title: '取消专家评审资格并替换',
  input: DisqualifyExpertInput,
  errorCodes: [ASSIGNMENT_INFEASIBLE],
  async handler(input, ctx, deps) {
    const cycleKey = ctx.businessKey;
    if (!cycleKey) throw new InputError('评审周期缺少业务键（cycle-<年度>）');
    const expertId = input.disqualifiedExpertId;
    const reason = input.disqualificationReason;
    const edition = await cycleEdition(input.rulesEdition, ctx, deps);
    const applications = await acceptedApplications(deps.engine, cycleKey);
    const panelIds = input.panelExperts.filter((id) => id !== expertId);

    // One replacement at a time per cycle (the same lock as record-declaration).
    const outcome = await deps.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [cycleKey]);
      const all = await assignmentsOf(tx, cycleKey);
      const theirs = all.filter((a) => a.expertId === expertId && a.status !== 'recused');
      for (const a of theirs.filter(isActiveAssignment))
        await setAssignmentStatus(
          tx,
          { cycleKey, applicationId: a.applicationId, expertId },
          'disqualified',
          ctx.effectId(`disqualified/${a.applicationId}`),
          `第二十六条：取消评审资格：${reason}`,
        );
      const replaced = new Map<string, string>();
      const panel = plannable(await findExperts(tx, panelIds), edition).map(toAssignmentExpert);
      for (const a of theirs) {
        const earlier = (await assignmentsOf(tx, cycleKey)).find(
          (b) => b.applicationId === a.applicationId && b.replacesExpertId === expertId,
        );
        if (earlier) {
          replaced.set(a.applicationId, earlier.expertId);
          continue;
        }
        const application = applications.find((x) => x.id === a.applicationId);
        if (!application) throw new InputError(`申报 ${a.applicationId} 不是本届正式受理的申报`);
        const active = (await assignmentsOf(tx, cycleKey)).filter(isActiveAssignment);
        const team = active.filter((b) => b.applicationId === a.applicationId).map((b) => b.expertId);
        const load: Record<string, number> = Object.fromEntries(panelIds.map((id) => [id, 0]));
        for (const b of active) load[b.expertId] = (load[b.expertId] ?? 0) + 1;
        const choice = chooseReplacement({ application, team, panel, load, rules: edition });
        if (!choice.ok) return { ok: false as const, message: choice.message, replaced };
        const members = panel.filter((e) => team.includes(e.id) || e.id === choice.expertId);
        await addReplacement(
          tx,
          {
            cycleKey,
            applicationId: a.applicationId,
            applicantName: a.applicantName,
            expertId: choice.expertId,
            replaces: expertId,
            lead: a.lead ? teamLead(members) : undefined,
            detail: `替换被取消评审资格的专家 ${expertId}`,
          },
          ctx.effectId(`replaced/${a.applicationId}`),
        );
        await recordAudit(
          tx,
          {
            actor: serviceActor(deps.config),
            action: 'review.replaced',
            subject: choice.expertId,
            businessKey: cycleKey,
            processInstanceId: ctx.processInstanceId,
            summary: `第二十六条：专家 ${expertId} 被取消评审资格，由 ${choice.expertId} 替换评审申报 ${a.applicationId}`,
            details: { applicationId: a.applicationId, expertId: choice.expertId, replaces: expertId },
          },
          ctx.effectId(`audit-replaced/${a.applicationId}`),
        );
        replaced.set(a.applicationId, choice.expertId);
      }
      return { ok: true as const, replaced };
    });

    // Art. 26: the expert no longer reads any application of the cycle; each replacement reads theirs.
    const identity = identityEngine(deps);
    for (const applicationId of new Set([
      ...(await assignmentsOf(deps.db, cycleKey))
        .filter((a) => a.expertId === expertId)
        .map((a) => a.applicationId),
    ])) {
      const instanceId = await applicationInstanceId(identity, applicationId);
      if (!instanceId) continue;
      await revokeApplicationRead(identity, expertId, instanceId);
      const replacement = outcome.replaced.get(applicationId);
      if (replacement) await grantApplicationRead(identity, replacement, instanceId);
    }

    // The replacement takes over the expert's open task of that team (its scope's reviewerId too).
    const tasks = await deps.engine.get<OpenTask[]>(
      `/task?processInstanceId=${ctx.processInstanceId}&assignee=${encodeURIComponent(expertId)}`,
    );
    for (const task of tasks) {
      const variable = await deps.engine.get<{ value: unknown }>(
        `/task/${task.id}/variables/reviewApplicationId`,
      );
      const applicationId = typeof variable.value === 'string' ? variable.value : undefined;
      const replacement = applicationId ? outcome.replaced.get(applicationId) : undefined;
      if (!replacement) continue;
      const scopes = await deps.engine.get<VariableInstance[]>(
        `/variable-instance?processInstanceIdIn=${ctx.processInstanceId}&variableName=reviewerId&variableValues=${encodeURIComponent(`reviewerId_eq_${expertId}`)}`,
      );
      for (const scope of scopes) {
        const [app] = await deps.engine.get<VariableInstance[]>(
          `/variable-instance?executionIdIn=${scope.executionId}&variableName=reviewApplicationId`,
        );
        if (app?.value === applicationId)
          await deps.engine.put(`/execution/${scope.executionId}/localVariables/reviewerId`, {
            value: replacement,
            type: 'String',
          });
      }
      await deps.engine.post(`/task/${task.id}/assignee`, { userId: replacement });
    }

    if (!outcome.ok)
      return bpmnError(ASSIGNMENT_INFEASIBLE, outcome.message, {
        infeasibleMessage: outcome.message,
        expertOptions: plannable(await listExperts(deps.db), edition).map(expertOption),
      });
    ctx.log.info(
      { cycleKey, expertId, replaced: Object.fromEntries(outcome.replaced) },
      '专家已被取消评审资格',
    );
    return complete({
      panelExperts: panelIds,
      disqualifiedReplacements: [...outcome.replaced].map(([applicationId, replacement]) => ({
        applicationId,
        expertId: replacement,
      })),
    });
  },
});
