import { z } from 'zod';
import { setMisuseStatus } from '../../store/between-cycles.js';
import { complete, defineWorker } from '../worker.js';

export const CLOSE_TITLE_MISUSE_TOPIC = 'close-title-misuse';
export const MISUSE_OUTCOMES = ['corrected', 'escalated', 'dismissed'] as const;

/** Art. 24: records how a case ended (the BPMN parameter misuseOutcome of each end path). */
export const closeTitleMisuseWorker = defineWorker({
  topic: CLOSE_TITLE_MISUSE_TOPIC,
  title: '登记称号违规处理结果',
  input: z.looseObject({ misuseOutcome: z.enum(MISUSE_OUTCOMES) }),
  variables: ['misuseOutcome'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const caseId = ctx.businessKey ?? ctx.processInstanceId;
    await setMisuseStatus(deps.db, caseId, input.misuseOutcome);
    ctx.log.info({ caseId, outcome: input.misuseOutcome }, '已登记称号违规处理结果');
    return complete({ misuseStatus: input.misuseOutcome });
  },
});
