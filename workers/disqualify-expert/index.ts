import { z } from 'zod';
import { serviceActor } from '../shared/service-actor.js';
import { chooseReplacement, plannable, teamLead } from '../../domain/cycle.js';
import { expertOption, toAssignmentExpert } from '../../domain/experts.js';
import { recordAudit } from '../../store/audit.js';
import {
  addReplacement,
  assignmentsOf,
  disqualificationsOf,
  isActiveAssignment,
  setAssignmentStatus,
} from '../../store/experts-review.js';
import { findExperts, listExperts } from '../../store/experts.js';
import { acceptedApplications } from '../shared/applications.js';
import { ASSIGNMENT_INFEASIBLE, teamsText } from '../shared/review.js';
import { EngineRestError, type EngineDto, type EngineRest } from '../../camunda/rest.js';
import type { Queryable } from '../../store/db.js';
import { applicationInstanceId, grantApplicationRead, revokeApplicationRead } from '../shared/grants.js';
import { identityEngine } from '../shared/identity.js';
import { cycleEdition } from '../shared/rules-edition.js';
import { bpmnError, complete, defineWorker, InputError } from '../worker.js';

export const DISQUALIFY_EXPERT_TOPIC = 'disqualify-expert';

export const DisqualifyExpertInput = z.looseObject({
  panelExperts: z.array(z.string()),
  disqualifiedExpertId: z.string().trim().min(1, { error: '缺少被取消评审资格的专家' }),
  disqualificationReason: z.string().trim().min(1, { error: '缺少取消评审资格的理由' }),
  panelLeader: z.string().nullish(),
  reviewTeamsFinal: z.unknown().optional(),
  rulesEdition: z.string().nullish(),
});

interface OpenTask {
  id: string;
  assignee: string | null;
  taskDefinitionKey: string;
  executionId: string;
}
interface ActivityInstance {
  id: string;
  activityId: string;
  executionIds: string[];
  childActivityInstances: ActivityInstance[];
}

/**
 * Art. 26: the office withdrew an expert's right to review (取消评审资格) in this cycle. The expert
 * leaves every team of the cycle (assignments 'disqualified', their score sheets no longer counted,
 * their read rights revoked); each team gets a replacement by the method of the recusal path
 * (chooseReplacement), who takes over the expert's open task of that team and, where the expert's
 * sheet was already handed in, gets a new score sheet while 资料评审 runs; the panel gets a new 组长
 * when the expert led it; the expert, the replacements and the new 组长 are e-mailed. When nobody can
 * replace, a BPMN error names the application (无可替换的专家); the office extends the panel and this
 * runs again (replacements already made are kept).
 */
export const disqualifyExpertWorker = defineWorker({
  topic: DISQUALIFY_EXPERT_TOPIC,
  title: '取消专家评审资格并替换',
  input: DisqualifyExpertInput,
  variables: [
    'panelExperts',
    'disqualifiedExpertId',
    'disqualificationReason',
    'panelLeader',
    'reviewTeamsFinal',
    'rulesEdition',
  ],
  errorCodes: [ASSIGNMENT_INFEASIBLE],
  async handler(input, ctx, deps) {
    const cycleKey = ctx.businessKey;
    if (!cycleKey) throw new InputError('评审周期缺少业务键（cycle-<年度>）');
    const expertId = input.disqualifiedExpertId;
    const reason = input.disqualificationReason;
    const edition = await cycleEdition(input.rulesEdition, ctx, deps);
    const applications = await acceptedApplications(deps.engine, cycleKey);
    // Art. 26: nobody disqualified in this cycle (this expert or an earlier one) reviews again.
    const disqualified = new Set([
      expertId,
      ...(await disqualificationsOf(deps.db, cycleKey)).map((d) => d.expertId),
    ]);
    const panelIds = input.panelExperts.filter((id) => !disqualified.has(id));

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

    // Art. 26: the 组长 of the panel (协调评分偏差) is replaced too when it is the expert.
    const panel = plannable(await findExperts(deps.db, panelIds), edition).map(toAssignmentExpert);
    const newLeader = input.panelLeader === expertId ? teamLead(panel) : undefined;

    // The expert's open tasks go to their successor: a team's task to the replacement on that team
    // (the team's 组长 for the site-visit reports), a task of the panel's 组长 to the new 组长. The
    // engine keeps the first assignee's right to a task it reassigns, so each task is withdrawn and
    // created again in its scope (process-instance modification) with the successor in the scope's
    // reviewerId / the cycle's panelLeader: the expert keeps no access to it (Art. 26 保密).
    if (newLeader)
      await deps.engine.put(`/process-instance/${ctx.processInstanceId}/variables/panelLeader`, {
        value: newLeader,
        type: 'String',
      });
    const leads = new Map(
      (await assignmentsOf(deps.db, cycleKey))
        .filter((a) => isActiveAssignment(a) && a.lead)
        .map((a) => [a.applicationId, a.expertId]),
    );
    const taken: { taskDefinitionKey: string; applicationId?: string; to: string }[] = [];
    const tasks = (await deps.engine.get(
      `/task?processInstanceId=${ctx.processInstanceId}&assignee=${encodeURIComponent(expertId)}`,
    )) as OpenTask[];
    for (const task of tasks) {
      const variable = await deps.engine
        .get(`/task/${task.id}/variables/reviewApplicationId`)
        .catch((err: unknown) => {
          // A task outside a team (协调评分偏差) has no reviewApplicationId: the engine answers 404.
          if (err instanceof EngineRestError && err.status === 404) return { value: undefined };
          throw err;
        });
      const applicationId = typeof variable.value === 'string' ? variable.value : undefined;
      const successor = applicationId
        ? LEAD_TASKS.includes(task.taskDefinitionKey)
          ? leads.get(applicationId)
          : outcome.replaced.get(applicationId)
        : newLeader;
      if (!successor) continue;
      if (applicationId)
        await setReviewer(deps.engine, ctx.processInstanceId, expertId, applicationId, successor);
      const tree = (await deps.engine.get(
        `/process-instance/${ctx.processInstanceId}/activity-instances`,
      )) as ActivityInstance;
      const found = findTaskInstance(tree, task);
      if (!found) continue;
      await deps.engine.post(`/process-instance/${ctx.processInstanceId}/modification`, {
        instructions: [
          {
            type: 'startBeforeActivity',
            activityId: task.taskDefinitionKey,
            ancestorActivityInstanceId: found.parent.id,
          },
          { type: 'cancel', activityInstanceId: found.instance.id },
        ],
        annotation: `第二十六条：专家 ${expertId} 被取消评审资格，任务转由 ${successor} 办理`,
      });
      taken.push({ taskDefinitionKey: task.taskDefinitionKey, applicationId, to: successor });
    }

    // Art. 26: a score sheet the expert already handed in no longer counts; while 资料评审 runs, the
    // replacement gets a sheet of their own for that application (a new instance of the score
    // sub-process, added to its running multi-instance body).
    const submitted = await deps.db.query<{
      application_id: string;
      applicant_name: string;
      applicant_kind: string;
    }>(
      `SELECT application_id, applicant_name, applicant_kind FROM score_sheets WHERE cycle_key = $1 AND expert_id = $2`,
      [cycleKey, expertId],
    );
    const newSheets: { applicationId: string; expertId: string }[] = [];
    if (submitted.length > 0) {
      const tree = (await deps.engine.get(
        `/process-instance/${ctx.processInstanceId}/activity-instances`,
      )) as ActivityInstance;
      const body = findActivity(tree, SCORE_BODY);
      for (const sheet of submitted) {
        const replacement = outcome.replaced.get(sheet.application_id);
        if (!body || !replacement) continue;
        if (await hasSheet(deps, cycleKey, ctx.processInstanceId, sheet.application_id, replacement))
          continue;
        await deps.engine.post(`/process-instance/${ctx.processInstanceId}/modification`, {
          instructions: [
            {
              type: 'startBeforeActivity',
              activityId: SCORE_SUBPROCESS,
              ancestorActivityInstanceId: body.id,
              // (a map of variables; the OpenAPI description types it as one value)
              variables: {
                sheetNode: {
                  value: JSON.stringify({
                    applicationId: sheet.application_id,
                    applicantName: sheet.applicant_name,
                    expertId: replacement,
                    applicantKind: sheet.applicant_kind,
                  }),
                  type: 'Json',
                  local: true,
                },
              } as EngineDto<'TriggerVariableValueDto'>,
            },
          ],
          annotation: `第二十六条：专家 ${expertId} 被取消评审资格，由 ${replacement} 重新评分`,
        });
        newSheets.push({ applicationId: sheet.application_id, expertId: replacement });
      }
    }

    // E-mails: the expert is told their right to review is withdrawn; each replacement what they took over.
    const replacements = [...new Set(outcome.replaced.values())];
    const people = await deps.engine.get(
      `/user?idIn=${[expertId, ...replacements, ...(newLeader ? [newLeader] : [])].map(encodeURIComponent).join(',')}`,
    );
    const emailOf = (id: string) => people.find((u) => u.id === id)?.email ?? '';
    const signature = ['', '宝山区政府质量奖审定委员会办公室'];
    if (emailOf(expertId).includes('@'))
      await deps.mailer.sendOnce(ctx.effectKey(`mail:disqualified:${expertId}`), {
        to: [emailOf(expertId)],
        subject: '【宝山区政府质量奖】取消评审资格通知',
        text: [
          `${expertId}：`,
          '',
          `根据《上海市宝山区政府质量奖管理办法》第二十六条，审定委员会办公室取消您在本届（${cycleKey}）评审中的评审资格。`,
          `理由：${reason}`,
          '您已被移出本届所有评审组，您的评分不再计入，请勿再查阅或保留任何申报材料。',
          ...signature,
        ].join('\n'),
      });
    else ctx.log.warn({ expertId }, '被取消评审资格的专家没有登记邮箱，通知未发送');
    for (const replacement of replacements) {
      const applications = [...outcome.replaced].filter(([, r]) => r === replacement).map(([a]) => a);
      if (!emailOf(replacement).includes('@')) {
        ctx.log.warn({ replacement }, '替换专家没有登记邮箱，通知未发送');
        continue;
      }
      await deps.mailer.sendOnce(ctx.effectKey(`mail:replacement:${replacement}`), {
        to: [emailOf(replacement)],
        subject: '【宝山区政府质量奖】替换评审通知',
        text: [
          `${replacement}：`,
          '',
          `根据《上海市宝山区政府质量奖管理办法》第二十六条，原评审专家被取消评审资格，由您替换评审以下申报：${applications.join('、')}。`,
          '相关评审任务已转交给您，请登录工作台办理。',
          ...(newLeader === replacement ? ['您同时担任本届评审专家组组长。'] : []),
          ...signature,
        ].join('\n'),
      });
    }
    if (newLeader && !replacements.includes(newLeader) && emailOf(newLeader).includes('@'))
      await deps.mailer.sendOnce(ctx.effectKey(`mail:new-leader:${newLeader}`), {
        to: [emailOf(newLeader)],
        subject: '【宝山区政府质量奖】评审专家组组长变更通知',
        text: [
          `${newLeader}：`,
          '',
          `根据《上海市宝山区政府质量奖管理办法》第十一条、第二十六条，原组长 ${expertId} 被取消评审资格，由您担任本届（${cycleKey}）评审专家组组长，负责协调评分偏差等组长事务。`,
          ...signature,
        ].join('\n'),
      });

    if (!outcome.ok)
      return bpmnError(ASSIGNMENT_INFEASIBLE, outcome.message, {
        infeasibleMessage: outcome.message,
        expertOptions: plannable(await listExperts(deps.db), edition)
          .filter((e) => !disqualified.has(e.id))
          .map(expertOption),
        // The office's 补充 (form-panel) checks the panel without the expert, and its 组长.
        panelExperts: panelIds,
        ...(newLeader ? { panelLeader: newLeader } : {}),
      });
    ctx.log.info(
      { cycleKey, expertId, replaced: Object.fromEntries(outcome.replaced) },
      '专家已被取消评审资格',
    );
    const teams = input.reviewTeamsFinal
      ? (await assignmentsOf(deps.db, cycleKey)).filter(isActiveAssignment).map((a) => ({
          applicationId: a.applicationId,
          applicantName: a.applicantName,
          expertId: a.expertId,
          lead: a.lead,
        }))
      : undefined;
    return complete({
      panelExperts: panelIds,
      ...(newLeader ? { panelLeader: newLeader } : {}),
      ...(teams ? { reviewTeamsFinal: teams, reviewTeamsText: teamsText(teams) } : {}),
      disqualifiedNewSheets: newSheets,
      disqualifiedTasks: taken,
      disqualifiedReplacements: [...outcome.replaced].map(([applicationId, replacement]) => ({
        applicationId,
        expertId: replacement,
      })),
    });
  },
});

const SCORE_SUBPROCESS = 'SubProcess_Score';
const SCORE_BODY = `${SCORE_SUBPROCESS}#multiInstanceBody`;

/** The team 组长's tasks of the site visit (Art. 11, 18 (5)). */
const LEAD_TASKS = ['Task_SiteReport', 'Task_Evaluation'];

/** The activity instance of a task (by its execution) and the scope instance that holds it. */
function findTaskInstance(
  tree: ActivityInstance,
  task: { taskDefinitionKey: string; executionId: string },
): { parent: ActivityInstance; instance: ActivityInstance } | undefined {
  for (const child of tree.childActivityInstances) {
    if (child.activityId === task.taskDefinitionKey && child.executionIds.includes(task.executionId))
      return { parent: tree, instance: child };
    const found = findTaskInstance(child, task);
    if (found) return found;
  }
  return undefined;
}

function findActivity(tree: ActivityInstance, activityId: string): ActivityInstance | undefined {
  if (tree.activityId === activityId) return tree;
  for (const child of tree.childActivityInstances) {
    const found = findActivity(child, activityId);
    if (found) return found;
  }
  return undefined;
}

/** Sets reviewerId to the replacement in every scope of the cycle where the expert reviews the application. */
async function setReviewer(
  engine: EngineRest,
  processInstanceId: string,
  expertId: string,
  applicationId: string,
  replacement: string,
): Promise<void> {
  const scopes = await engine.get(
    `/variable-instance?processInstanceIdIn=${processInstanceId}&variableName=reviewerId&variableValues=${encodeURIComponent(`reviewerId_eq_${expertId}`)}`,
  );
  for (const scope of scopes) {
    const [app] = await engine.get(
      `/variable-instance?executionIdIn=${scope.executionId}&variableName=reviewApplicationId`,
    );
    if (app?.value === applicationId)
      await engine.put(`/execution/${scope.executionId}/localVariables/reviewerId`, {
        value: replacement,
        type: 'String',
      });
  }
}

/** Whether the replacement already scores the application: a stored sheet or a running score scope. */
async function hasSheet(
  deps: { db: Queryable; engine: EngineRest },
  cycleKey: string,
  processInstanceId: string,
  applicationId: string,
  replacement: string,
): Promise<boolean> {
  const stored = await deps.db.query(
    `SELECT 1 FROM score_sheets WHERE cycle_key = $1 AND application_id = $2 AND expert_id = $3`,
    [cycleKey, applicationId, replacement],
  );
  if (stored.length > 0) return true;
  const tree = (await deps.engine.get(
    `/process-instance/${processInstanceId}/activity-instances`,
  )) as ActivityInstance;
  const body = findActivity(tree, SCORE_BODY);
  if (!body) return false;
  const scopes = await deps.engine.get(
    `/variable-instance?processInstanceIdIn=${processInstanceId}&variableName=reviewerId&variableValues=${encodeURIComponent(`reviewerId_eq_${replacement}`)}&activityInstanceIdIn=${body.childActivityInstances.map((c) => c.id).join(',')}`,
  );
  for (const scope of scopes) {
    const [app] = await deps.engine.get(
      `/variable-instance?executionIdIn=${scope.executionId}&variableName=reviewApplicationId`,
    );
    if (app?.value === applicationId) return true;
  }
  return false;
}
