import { z } from 'zod';
import { findDepartment } from '../../domain/departments.js';
import { opinionsOf, type DepartmentOpinion } from '../../store/opinions.js';
import { auditEligibilityDecisions } from '../shared/decision-audit.js';
import { complete, defineWorker } from '../worker.js';

export const COLLECT_OPINIONS_TOPIC = 'collect-opinions';

const STANCE = { 'no-objection': '无异议', objection: '有异议' } as const;

/** The opinions as lines for the office's 资格审查 form. */
export function opinionsText(opinions: DepartmentOpinion[]): string {
  return opinions
    .map(
      (o) =>
        `【${findDepartment(o.department)?.name ?? o.department}】${STANCE[o.stance]}：${o.opinion}（${o.recordedAt.slice(0, 10)}）`,
    )
    .join('\n');
}

/** Art. 18 (3): shows every department's written opinion back to the office. */
export const collectOpinionsWorker = defineWorker({
  topic: COLLECT_OPINIONS_TOPIC,
  title: '汇总部门书面意见',
  input: z.looseObject({}),
  variables: [],
  errorCodes: [],
  async handler(_input, ctx, deps) {
    // The office's decision to consult goes to the audit trail (issue 8 (5)).
    await auditEligibilityDecisions(ctx, deps);
    const opinions = await opinionsOf(deps.db, ctx.processInstanceId);
    return complete({
      departmentOpinionsText: opinionsText(opinions),
      departmentOpinionCount: opinions.length,
    });
  },
});
