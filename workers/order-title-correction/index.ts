import { z } from 'zod';
import { correctionCheckAt, correctionOrderText, MISUSE_KINDS } from '../../domain/title-misuse.js';
import { isCalendarDate } from '../../domain/identifiers.js';
import { setMisuseStatus } from '../../store/between-cycles.js';
import { complete, defineWorker } from '../worker.js';

export const ORDER_TITLE_CORRECTION_TOPIC = 'order-title-correction';

export const OrderTitleCorrectionInput = z.looseObject({
  holderName: z.string().trim().min(1),
  holderEmail: z.email(),
  misuseKind: z.enum(MISUSE_KINDS),
  evidence: z.string().trim().min(1),
  correctionRequirements: z.string().trim().min(1, '整改要求不能为空'),
  correctionDueDate: z
    .string()
    .transform((s) => s.slice(0, 10))
    .refine(isCalendarDate, '整改期限应为 YYYY-MM-DD 日期'),
});

/**
 * Art. 24 (责令限期改正): e-mails the order with its deadline to the holder once, marks the case
 * ordered, and sets correctionCheckAt, when the office's check falls due.
 */
export const orderTitleCorrectionWorker = defineWorker({
  topic: ORDER_TITLE_CORRECTION_TOPIC,
  title: '发出限期改正通知',
  input: OrderTitleCorrectionInput,
  variables: [
    'holderName',
    'holderEmail',
    'misuseKind',
    'evidence',
    'correctionRequirements',
    'correctionDueDate',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const caseId = ctx.businessKey ?? ctx.processInstanceId;
    await setMisuseStatus(deps.db, caseId, 'ordered', input.correctionDueDate);
    const result = await deps.mailer.sendOnce(ctx.effectKey('mail:correction-order'), {
      to: [input.holderEmail],
      subject: `【宝山区政府质量奖】责令限期改正通知：${input.holderName}`,
      text: correctionOrderText({
        holderName: input.holderName,
        misuseKind: input.misuseKind,
        evidence: input.evidence,
        requirements: input.correctionRequirements,
        dueDate: input.correctionDueDate,
        caseKey: ctx.businessKey,
      }),
    });
    ctx.log.info({ caseId, result, due: input.correctionDueDate }, '已发出限期改正通知');
    return complete({ correctionCheckAt: correctionCheckAt(input.correctionDueDate) });
  },
});
