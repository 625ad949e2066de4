import { z } from 'zod';
import { serviceActor } from '../shared/service-actor.js';
import { planAssignment } from '../../domain/assignment.js';
import { assignmentsOf, cycleKey, plannable } from '../../domain/cycle.js';
import { expertOption, toAssignmentExpert } from '../../domain/experts.js';
import { recordAudit } from '../../store/audit.js';
import {
  assignmentsOf as storedAssignments,
  isActiveAssignment,
  saveAssignments,
} from '../../store/experts-review.js';
import { findExperts, listExperts } from '../../store/experts.js';
import { bpmnError, complete, defineWorker } from '../worker.js';
import { syncApplicationReads } from '../shared/grants.js';
import { identityEngine } from '../shared/identity.js';
import { acceptedApplications } from '../shared/applications.js';
import { ASSIGNMENT_INFEASIBLE, teamsText } from '../shared/review.js';
import { cycleEdition } from '../shared/rules-edition.js';

export const ASSIGN_REVIEWERS_TOPIC = 'assign-reviewers';

/**
 * Art. 11, 12, 26: one team per accepted application of the cycle, drawn from the panel with
 * planAssignment (exact min-cost flow; recusal and qualification enforced). A cycle that cannot be
 * staffed stops with a BPMN error naming the applications; nothing is stored then.
 */
export const assignReviewersWorker = defineWorker({
  topic: ASSIGN_REVIEWERS_TOPIC,
  title: '分配评审组',
  input: z.looseObject({
    year: z.coerce.string().regex(/^\d{4}$/),
    teamSize: z.coerce.number().int().min(1),
    panelExperts: z.array(z.string()),
    rulesEdition: z.string().nullish(),
  }),
  variables: ['year', 'teamSize', 'panelExperts', 'rulesEdition'],
  errorCodes: [ASSIGNMENT_INFEASIBLE],
  async handler(input, ctx, deps) {
    const key = ctx.businessKey ?? cycleKey(input.year);
    // A redelivered task (or a new run after the teams were stored) keeps the stored teams.
    let assignments = (await storedAssignments(deps.db, key)).filter((a) => isActiveAssignment(a));
    if (assignments.length === 0) {
      const applications = await acceptedApplications(deps.engine, key);
      const edition = await cycleEdition(input.rulesEdition, ctx, deps);
      const panel = plannable(await findExperts(deps.db, input.panelExperts), edition).map(
        toAssignmentExpert,
      );
      const outcome = planAssignment({ teamSize: input.teamSize, experts: panel, applications }, edition);
      if (!outcome.ok) {
        const names = applications
          .filter((a) => outcome.infeasible.applications.includes(a.id))
          .map((a) => `${a.id}（${a.applicantName}）`);
        const message = `无法组成评审组的申报：${names.join('、')}。${outcome.infeasible.message}`;
        return bpmnError(ASSIGNMENT_INFEASIBLE, message, {
          infeasibleMessage: message,
          expertOptions: plannable(await listExperts(deps.db), edition).map(expertOption),
        });
      }
      assignments = assignmentsOf(outcome.plan, applications).map((a) => ({ ...a, status: 'assigned' }));
      const planned = assignments;
      await deps.db.transaction(async (tx) => {
        await saveAssignments(tx, key, planned, ctx.effectId('assign'));
        await recordAudit(
          tx,
          {
            actor: serviceActor(deps.config),
            action: 'review.assigned',
            subject: key,
            businessKey: key,
            processInstanceId: ctx.processInstanceId,
            summary: `按第十二条、第二十六条分配评审组：${teamsText(planned)}`,
            details: {
              assignments: planned.map(({ applicationId, expertId, lead }) => ({
                applicationId,
                expertId,
                lead,
              })),
            },
          },
          ctx.effectId('audit-assigned'),
        );
      });
    }
    // Art. 26: each reviewer may read the data of exactly their applications (idempotent).
    await syncApplicationReads(identityEngine(deps), assignments, 'grant');
    const list = assignments.map(({ applicationId, applicantName, expertId, lead }) => ({
      applicationId,
      applicantName,
      expertId,
      lead,
    }));
    ctx.log.info({ cycleKey: key, assignments: list.length }, '评审组已分配');
    return complete({ reviewAssignments: list, reviewTeamsText: teamsText(list), infeasibleMessage: '' });
  },
});
