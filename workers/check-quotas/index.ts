import { z } from 'zod';
import { awardListText } from '../../domain/decision.js';
import { checkQuotas, QuotaCheckRequest } from '../../domain/quota.js';
import { complete, defineWorker } from '../worker.js';
import { awardListJson, parseAwardList, perAwardOf, perAwardShape } from './parameters.js';

export const CHECK_QUOTAS_TOPIC = 'check-quotas';

export const CheckQuotasInput = z.looseObject({
  awards: z.unknown(),
  ...perAwardShape('quota', '第七条名额'),
  ...perAwardShape('cap', '第十九条奖金上限'),
});

/**
 * Art. 7, 19: checks the office's award list against the quotas and prize caps given as the task's
 * input parameters (no default: the element template supplies them). A list that breaks a rule, or
 * is not a valid list, goes back to the office with every violation shown (`quotaViolationsText`).
 * A valid list is written back as normalized JSON text (`awards`), the form the office's textarea edits.
 */
export const checkQuotasWorker = defineWorker({
  topic: CHECK_QUOTAS_TOPIC,
  title: '名额与奖金核对',
  input: CheckQuotasInput,
  errorCodes: [],
  async handler(input, ctx) {
    const list = parseAwardList(input.awards);
    let violations: { article?: number; message: string }[];
    let awardsText = '';
    if (!list.ok) violations = list.problems.map((message) => ({ message }));
    else {
      const duplicates = QuotaCheckRequest.safeParse({ awards: list.awards });
      const result = checkQuotas(list.awards, perAwardOf(input, 'quota'), perAwardOf(input, 'cap'));
      violations = [
        ...(duplicates.success
          ? []
          : duplicates.error.issues.map((i) => ({ article: 7, message: i.message }))),
        ...result.violations,
      ];
      awardsText = awardListText(list.awards);
    }
    ctx.log.info({ violations: violations.length }, '获奖名单已核对名额与奖金');
    return complete({
      quotaOk: violations.length === 0,
      quotaViolations: violations,
      quotaViolationsText: violations.map((v) => v.message).join('\n'),
      awardsText,
      // a valid list goes on as normalized JSON text, which the office's textarea can show again
      ...(list.ok ? { awards: awardListJson(list.awards) } : {}),
    });
  },
});
