import { z } from 'zod';
import { criteriaOf, scoreSheetSchema } from '../../domain/scoring.js';
import { saveScoreSheet } from '../../store/reviews.js';
import { bpmnError, complete, defineWorker, describeInputError, InputError } from '../worker.js';

export const RECORD_SCORE_SHEET_TOPIC = 'record-score-sheet';
export const SCORE_SHEET_INVALID = 'score-sheet-invalid';

/**
 * Art. 17, 18 (4): stores one reviewer's 资料评审 sheet. A sheet the form would have refused (a score
 * outside its criterion's range, e.g. completed through REST) goes back to the reviewer with a
 * warning naming each field; nothing is stored then.
 */
export const recordScoreSheetWorker = defineWorker({
  topic: RECORD_SCORE_SHEET_TOPIC,
  title: '登记资料评审评分表',
  input: z.looseObject({
    reviewApplicationId: z.string().min(1),
    reviewApplicantName: z.string().min(1),
    reviewApplicantKind: z.enum(['organization', 'individual']),
    reviewerId: z.string().min(1),
  }),
  // The sheet's fields (scoreSheetSchema) of either kind of applicant: each criterion, strengths, improvements.
  variables: [
    'reviewApplicationId',
    'reviewApplicantName',
    'reviewApplicantKind',
    'reviewerId',
    ...new Set((['organization', 'individual'] as const).flatMap((k) => criteriaOf(k).map((c) => c.key))),
    'strengths',
    'improvements',
  ],
  errorCodes: [SCORE_SHEET_INVALID],
  async handler(input, ctx, deps) {
    const cycleKey = ctx.businessKey;
    if (!cycleKey) throw new InputError('评审周期缺少业务键（cycle-<年度>）');
    const sheet = scoreSheetSchema(input.reviewApplicantKind).safeParse(input);
    if (!sheet.success) {
      const message = `评分表不符合评审标准：${describeInputError(sheet.error)}`;
      ctx.log.warn(
        { reviewer: input.reviewerId, application: input.reviewApplicationId, message },
        '评分表被退回',
      );
      return bpmnError(SCORE_SHEET_INVALID, message, { scoreWarning: message });
    }
    const criteria = criteriaOf(input.reviewApplicantKind);
    await saveScoreSheet(deps.db, cycleKey, {
      applicationId: input.reviewApplicationId,
      applicantName: input.reviewApplicantName,
      applicantKind: input.reviewApplicantKind,
      expertId: input.reviewerId,
      scores: Object.fromEntries(criteria.map((c) => [c.key, Number(sheet.data[c.key])])),
      strengths: sheet.data.strengths,
      improvements: sheet.data.improvements,
    });
    return complete({ scoreWarning: '' });
  },
});
