import { z } from 'zod';
import { serviceActor } from '../shared/service-actor.js';
import { cycleKey, panelGroup } from '../../domain/cycle.js';
import { recordAudit } from '../../store/audit.js';
import { assignmentsOf, audit, isActiveAssignment } from '../../store/experts-review.js';
import { teamsText } from '../shared/review.js';
import { syncApplicationReads } from '../shared/grants.js';
import { deleteGroup, identityEngine } from '../shared/identity.js';
import { complete, defineWorker } from '../worker.js';

export const DISSOLVE_PANEL_TOPIC = 'dissolve-panel';

/** Art. 11: 每届评审工作结束后，评审专家组自动撤销 — deletes `panel-<year>`; keeps the final teams. */
export const dissolvePanelWorker = defineWorker({
  topic: DISSOLVE_PANEL_TOPIC,
  title: '撤销评审专家组',
  input: z.looseObject({ year: z.coerce.string().regex(/^\d{4}$/) }),
  variables: ['year'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const key = ctx.businessKey ?? cycleKey(input.year);
    const group = panelGroup(input.year);
    const rest = identityEngine(deps);
    const all = await assignmentsOf(deps.db, key);
    // Art. 26: with the panel gone, no expert keeps reading the cycle's applications.
    await syncApplicationReads(rest, all, 'revoke');
    await deleteGroup(rest, group);
    await deps.db.transaction(async (tx) => {
      await audit(tx, ctx.effectId('dissolved'), {
        cycleKey: key,
        event: 'panel-dissolved',
        detail: group,
      });
      await recordAudit(
        tx,
        {
          actor: serviceActor(deps.config),
          action: 'panel.dissolved',
          subject: group,
          businessKey: key,
          processInstanceId: ctx.processInstanceId,
          summary: `第十一条：本届评审结束，撤销评审专家组 ${group}，收回专家对申报资料的查看权限`,
          details: {
            group,
            revoked: all.map(({ applicationId, expertId }) => ({ applicationId, expertId })),
          },
        },
        ctx.effectId('audit-dissolved'),
      );
    });
    const final = all
      .filter((a) => isActiveAssignment(a))
      .map(({ applicationId, applicantName, expertId, lead }) => ({
        applicationId,
        applicantName,
        expertId,
        lead,
      }));
    return complete({ reviewTeamsFinal: final, reviewTeamsText: teamsText(final) });
  },
});
