import { z } from 'zod';
import { recordAudit } from '../../store/audit.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const RECORD_DECISION_TOPIC = 'record-decision';

const BODIES = {
  committee: {
    name: '审定委员会',
    act: '审定（第九条第（三）项、第十八条第（七）项）',
    action: 'committee.decided',
  },
  government: { name: '区政府', act: '批准（第十八条第（七）项）', action: 'government.decided' },
} as const;

export const RecordDecisionInput = z.looseObject({
  decisionBody: z.enum(['committee', 'government'], {
    error: '参数 decisionBody 应为 committee 或 government',
  }),
});

/**
 * Art. 9 (3), 18 (7), 27: writes the committee's or the district government's decision on the list
 * (approve or return, the reasons, the deciding user that the task listener recorded) to the audit
 * trail, once per task execution.
 */
export const recordDecisionWorker = defineWorker({
  topic: RECORD_DECISION_TOPIC,
  title: '登记审定与批准结论',
  input: RecordDecisionInput,
  variables: [
    'decisionBody',
    'committeeDecision',
    'committeeDecidedBy',
    'committeeReasons',
    'governmentDecision',
    'governmentDecidedBy',
    'governmentReasons',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const body = BODIES[input.decisionBody];
    const v = input as Record<string, unknown>;
    const decision = v[`${input.decisionBody}Decision`];
    const actor = v[`${input.decisionBody}DecidedBy`];
    const reasons = v[`${input.decisionBody}Reasons`];
    if (decision !== 'approve' && decision !== 'return')
      throw new InputError(`${body.name}的结论 ${input.decisionBody}Decision 应为 approve 或 return`);
    if (typeof actor !== 'string' || actor === '')
      throw new InputError(`缺少作出${body.act}的用户（${input.decisionBody}DecidedBy）`);
    const outcome = decision === 'approve' ? '同意' : '退回办公室';
    await recordAudit(
      deps.db,
      {
        actor,
        action: body.action,
        subject: ctx.businessKey ?? ctx.processInstanceId,
        businessKey: ctx.businessKey,
        processInstanceId: ctx.processInstanceId,
        summary: `${body.name}${body.act}：${outcome}`,
        details: { decision, reasons: typeof reasons === 'string' ? reasons : '' },
      },
      ctx.effectId('audit'),
    );
    return complete();
  },
});
