import { z } from 'zod';
import { RecordedAwardEntry } from '../../domain/certificate.js';
import { objectorEmail, withoutAward } from '../../domain/objections.js';
import { recordAudit } from '../../store/audit.js';
import { decideObjection, findObjection } from '../../store/objections.js';
import { jsonValue } from '../../domain/awards.js';
import { complete, defineWorker, InputError, type TaskContext, type WorkerDeps } from '../worker.js';

export const RECORD_OBJECTION_TOPIC = 'record-objection';
/** The office's user task whose decision this worker records (award-cycle.bpmn). */
export const REVIEW_OBJECTION_TASK = 'Task_ReviewObjection';

export const RecordObjectionInput = z.looseObject({
  objectionId: z.string().trim().min(1),
  objectionDecision: z.enum(['upheld', 'dismissed']),
  objectionFindings: z.string().trim().nullish(),
  awards: z.preprocess(jsonValue, z.array(RecordedAwardEntry)),
  /** Who decided, when the diagram passes it; otherwise the engine's history names the task's assignee. */
  objectionReviewedBy: z.string().trim().nullish(),
});

/** The office user who completed the 核查异议 task of this objection (same scope as this task). */
async function reviewer(ctx: TaskContext, deps: WorkerDeps): Promise<string | undefined> {
  const rest = deps.engine;
  const enc = encodeURIComponent;
  const [self] = await rest.get(
    `/history/activity-instance?activityInstanceId=${enc(ctx.activityInstanceId)}`,
  );
  const reviews = await rest.get(
    `/history/activity-instance?processInstanceId=${enc(ctx.processInstanceId)}&activityId=${REVIEW_OBJECTION_TASK}&finished=true`,
  );
  const same = reviews.filter((r) => r.parentActivityInstanceId === self?.parentActivityInstanceId);
  const latest = (same.length ? same : reviews).sort((a, b) =>
    (b.endTime ?? '').localeCompare(a.endTime ?? ''),
  )[0];
  return latest?.assignee ?? undefined;
}

/**
 * Art. 18 (7): records the office's finding on one objection (核查异议), tells the objector when they
 * left an e-mail address, and when the objection is upheld returns the list without that award
 * (`awardsChanged`), which the cycle checks and has approved again.
 */
export const recordObjectionWorker = defineWorker({
  topic: RECORD_OBJECTION_TOPIC,
  title: '登记异议核查结果',
  input: RecordObjectionInput,
  variables: ['objectionId', 'objectionDecision', 'objectionFindings', 'awards', 'objectionReviewedBy'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const objection = await findObjection(deps.db, input.objectionId);
    if (!objection) throw new InputError(`异议 ${input.objectionId} 不在存储中，无法登记核查结果`);
    const actor = input.objectionReviewedBy || (await reviewer(ctx, deps)) || 'office';
    const findings = input.objectionFindings ?? '';
    const upheldText = input.objectionDecision === 'upheld' ? '异议成立' : '异议不成立';
    const decided = await deps.db.transaction(async (tx) => {
      const outcome = await decideObjection(tx, objection.id, {
        decision: input.objectionDecision,
        findings,
        decidedBy: actor,
      });
      await recordAudit(
        tx,
        {
          actor,
          action: 'objection.decided',
          subject: objection.applicationId,
          businessKey: ctx.businessKey ?? objection.cycleKey,
          processInstanceId: ctx.processInstanceId,
          summary: `${objection.name} 对 ${objection.applicantName}（${objection.applicationId}）的异议：${upheldText}`,
          details: { objectionId: objection.id, decision: outcome.decision, findings: outcome.findings },
        },
        ctx.effectId('audit:objection-decided'),
      );
      return outcome;
    });
    const decidedText = decided.decision === 'upheld' ? '异议成立' : '异议不成立';
    const to = objectorEmail({ contact: objection.contact, email: objection.email ?? undefined });
    if (to) {
      const consequence =
        decided.decision === 'upheld'
          ? `经核查，异议成立，${objection.applicantName} 已从拟获奖名单中移除，调整后的名单将重新审定。`
          : `经核查，异议不成立，${objection.applicantName} 保留在拟获奖名单中。`;
      await deps.mailer.sendOnce(ctx.effectKey('mail:objector'), {
        to: [to],
        subject: `异议核查结果：${decidedText}（${objection.applicantName}）`,
        text:
          `${objection.name}：\n\n` +
          `您于 ${objection.filedAt.slice(0, 10)} 对区政府质量奖拟获奖名单中 ${objection.applicantName}（${objection.applicationId}）提出的异议（编号 ${objection.id}），` +
          `审定委员会办公室已核查完毕（第十八条第（七）项）。\n${consequence}\n` +
          (decided.findings ? `核查意见：${decided.findings}\n` : '') +
          `\n宝山区政府质量奖审定委员会办公室`,
      });
    }
    const outcomeText = `${objection.name} 对 ${objection.applicantName} 的异议：${decidedText}${
      decided.findings ? `（${decided.findings}）` : ''
    }`;
    if (decided.decision !== 'upheld')
      return complete({ awardsChanged: false, objectionOutcomeText: outcomeText });
    const { awards } = withoutAward(input.awards, objection.applicationId);
    return complete({ awards, awardsChanged: true, objectionOutcomeText: outcomeText });
  },
});
