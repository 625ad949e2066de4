import { z } from 'zod';
import { serviceActor } from '../shared/service-actor.js';
import { cycleKey, panelGroup, panelProblems } from '../../domain/cycle.js';
import { expertOption } from '../../domain/experts.js';
import { recordAudit } from '../../store/audit.js';
import { audit, disqualificationsOf } from '../../store/experts-review.js';
import { findExperts, listActiveExperts } from '../../store/experts.js';
import { bpmnError, complete, defineWorker } from '../worker.js';
import { cycleEdition } from '../shared/rules-edition.js';

import { ensureExpertUser, ensurePanelGroup, identityEngine } from '../shared/identity.js';
import { eachLimited, ENGINE_CALLS_AT_ONCE } from '../shared/limited.js';

export const FORM_PANEL_TOPIC = 'form-panel';
export const PANEL_INVALID = 'panel-invalid';

const ids = z.array(z.string().trim().min(1)).nullish();

/** Art. 10 (4), 11, 12: the office's panel selection and any experts it adds later. */
export const FormPanelInput = z.looseObject({
  year: z.coerce.string().regex(/^\d{4}$/),
  teamSize: z.coerce.number().int().min(1),
  panelExperts: ids,
  panelLeader: z.string().trim().nullish(),
  additionalPanelExperts: ids,
  rulesEdition: z.string().nullish(),
});

/**
 * Art. 11, 12: checks the panel (qualified experts only, the 组长 among them), then creates the
 * cycle's group `panel-<year>` and makes each member a user in `experts` and that group.
 */
export const formPanelWorker = defineWorker({
  topic: FORM_PANEL_TOPIC,
  title: '组建评审专家组',
  input: FormPanelInput,
  variables: ['year', 'teamSize', 'panelExperts', 'panelLeader', 'additionalPanelExperts', 'rulesEdition'],
  errorCodes: [PANEL_INVALID],
  async handler(input, ctx, deps) {
    const members = [...new Set([...(input.panelExperts ?? []), ...(input.additionalPanelExperts ?? [])])];
    const leader = input.panelLeader ?? '';
    const edition = await cycleEdition(input.rulesEdition, ctx, deps);
    const pool = await listActiveExperts(deps.db);
    const problems = panelProblems({ experts: members, leader }, pool, input.teamSize, edition);
    // Art. 26: an expert the office disqualified in this cycle does not come back onto its panel.
    const key = ctx.businessKey ?? cycleKey(input.year);
    const disqualified = (await disqualificationsOf(deps.db, key)).map((d) => d.expertId);
    for (const id of members.filter((m) => disqualified.includes(m)))
      problems.push(`专家 ${id} 已被取消本届评审资格（第二十六条），不能再选入评审专家组`);
    if (problems.length > 0) {
      const message = `评审专家组不符合要求：${problems.join('；')}`;
      return bpmnError(PANEL_INVALID, message, { panelWarning: message });
    }
    const group = panelGroup(input.year);
    const rest = identityEngine(deps);
    await ensurePanelGroup(rest, group, `${input.year} 年度评审专家组（本届评审结束后撤销）`);
    const experts = await findExperts(deps.db, members);
    await eachLimited(experts, ENGINE_CALLS_AT_ONCE, (expert) => ensureExpertUser(rest, expert, [group]));
    await deps.db.transaction(async (tx) => {
      await audit(tx, ctx.effectId('panel'), {
        cycleKey: key,
        event: 'panel-formed',
        expertId: leader,
        detail: `评审专家组：${members.join('、')}；组长：${leader}`,
      });
      await recordAudit(
        tx,
        {
          actor: serviceActor(deps.config),
          action: 'panel.formed',
          subject: group,
          businessKey: key,
          processInstanceId: ctx.processInstanceId,
          summary: `第十一条：组建评审专家组 ${group}：${members.join('、')}；组长：${leader}`,
          details: { group, members, leader },
        },
        ctx.effectId('audit-panel'),
      );
    });
    ctx.log.info({ group, members, leader }, '评审专家组已组建');
    const names = new Map(experts.map((e) => [e.id, expertOption(e).label]));
    return complete({
      panelExperts: members,
      additionalPanelExperts: [],
      panelWarning: '',
      panelGroup: group,
      panelText: members.map((id) => `${names.get(id) ?? id}${id === leader ? '【组长】' : ''}`).join('\n'),
    });
  },
});
