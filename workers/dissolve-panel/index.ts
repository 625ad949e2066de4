import { z } from 'zod';
import { cycleKey, panelGroup } from '../../domain/cycle.js';
import { effectKeyString } from '../../mail/mailer.js';
import { assignmentsOf, audit } from '../../store/experts-review.js';
import { teamsText } from '../assign-reviewers/index.js';
import { deleteGroup, workerEngine } from '../form-panel/identity.js';
import { complete, defineWorker } from '../worker.js';

export const DISSOLVE_PANEL_TOPIC = 'dissolve-panel';

/** Art. 11: 每届评审工作结束后，评审专家组自动撤销 — deletes `panel-<year>`; keeps the final teams. */
export const dissolvePanelWorker = defineWorker({
  topic: DISSOLVE_PANEL_TOPIC,
  title: '撤销评审专家组',
  input: z.looseObject({ year: z.coerce.string().regex(/^\d{4}$/) }),
  errorCodes: [],
  async handler(input, ctx, deps) {
    const key = ctx.businessKey ?? cycleKey(input.year);
    const group = panelGroup(input.year);
    await deleteGroup(workerEngine(deps.config), group);
    await audit(deps.db, effectKeyString(ctx.effectKey('dissolved')), {
      cycleKey: key,
      event: 'panel-dissolved',
      detail: group,
    });
    const final = (await assignmentsOf(deps.db, key))
      .filter((a) => a.status !== 'recused')
      .map(({ applicationId, applicantName, expertId, lead }) => ({
        applicationId,
        applicantName,
        expertId,
        lead,
      }));
    return complete({ reviewTeamsFinal: final, reviewTeamsText: teamsText(final) });
  },
});
