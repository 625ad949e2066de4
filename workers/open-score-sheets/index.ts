import { z } from 'zod';
import { cycleKey } from '../../domain/cycle.js';
import { assignmentsOf, isActiveAssignment } from '../../store/experts-review.js';
import { teamsText } from '../shared/review.js';
import { complete, defineWorker } from '../worker.js';
import { applicationFacts, applicationHistories } from '../shared/applications.js';

export const OPEN_SCORE_SHEETS_TOPIC = 'open-score-sheets';

/**
 * Art. 18 (4): once every team is confirmed (Art. 26), one 资料评审 score sheet per team member; the
 * sheet's criteria follow the applicant's kind (Art. 17 GB/T 19580 or Art. 2, 15 (2)).
 */
export const openScoreSheetsWorker = defineWorker({
  topic: OPEN_SCORE_SHEETS_TOPIC,
  title: '分发资料评审评分表',
  input: z.looseObject({ year: z.coerce.string().regex(/^\d{4}$/) }),
  variables: ['year'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const key = ctx.businessKey ?? cycleKey(input.year);
    const final = (await assignmentsOf(deps.db, key)).filter((a) => isActiveAssignment(a));
    const histories = await applicationHistories(deps.engine, [
      ...new Set(final.map((a) => a.applicationId)),
    ]);
    const kinds = new Map<string, string>(
      [...histories].map(([id, history]) => [id, applicationFacts(history).applicantKind]),
    );
    const teams = final.map(({ applicationId, applicantName, expertId, lead }) => ({
      applicationId,
      applicantName,
      expertId,
      lead,
    }));
    const sheets = teams.map((a) => ({ ...a, applicantKind: kinds.get(a.applicationId) ?? 'organization' }));
    ctx.log.info({ cycleKey: key, sheets: sheets.length }, '资料评审评分表已分发');
    return complete({ reviewTeamsFinal: teams, reviewTeamsText: teamsText(teams), scoreSheetTasks: sheets });
  },
});
