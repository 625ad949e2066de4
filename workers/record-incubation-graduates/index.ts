import { z } from 'zod';
import { nextEvaluationYear } from '../../domain/incubation.js';
import { recordAudit } from '../../store/audit.js';
import { enrolmentsOf, saveGraduates } from '../../store/between-cycles.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const RECORD_INCUBATION_GRADUATES_TOPIC = 'record-incubation-graduates';

/**
 * Art. 5, 10 (7): after the office's supervision accepted the incubator's report, stores the
 * graduates of the incubation year, flagged for the next evaluation year (Art. 5: the years
 * alternate), so that intake and eligibility can show them.
 */
export const recordIncubationGraduatesWorker = defineWorker({
  topic: RECORD_INCUBATION_GRADUATES_TOPIC,
  title: '登记培育孵化结业名单',
  input: z.looseObject({
    incubationYear: z.coerce.number().int().min(1900).max(2999),
    graduates: z.array(z.string().trim().min(1)).default([]),
  }),
  variables: ['incubationYear', 'graduates'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const enrolled = new Map(
      (await enrolmentsOf(deps.db, input.incubationYear))
        .filter((e) => e.accepted)
        .map((e) => [e.creditCode, e]),
    );
    const unknown = input.graduates.filter((c) => !enrolled.has(c));
    if (unknown.length > 0)
      throw new InputError(
        `结业名单中的 ${unknown.join('、')} 不是 ${input.incubationYear} 年度已纳入培育孵化的组织`,
      );
    const evaluationYear = nextEvaluationYear(input.incubationYear);
    const graduates = [...new Set(input.graduates)].map((c) => ({
      incubationYear: input.incubationYear,
      creditCode: c,
      name: enrolled.get(c)!.name,
      evaluationYear,
    }));
    await deps.db.transaction(async (tx) => {
      await saveGraduates(tx, graduates);
      await recordAudit(
        tx,
        {
          actor: 'worker',
          action: 'incubation.graduated',
          subject: `incubation-${input.incubationYear}`,
          businessKey: ctx.businessKey,
          processInstanceId: ctx.processInstanceId,
          summary: `第五条、第十条第（七）项：${input.incubationYear} 年度培育孵化结业 ${graduates.length} 家，标记为 ${evaluationYear} 评选年度`,
          details: { graduates: graduates.map((g) => g.creditCode), evaluationYear },
        },
        ctx.effectId('audit'),
      );
    });
    ctx.log.info({ year: input.incubationYear, count: graduates.length }, '已登记培育孵化结业名单');
    return complete({
      graduateCount: graduates.length,
      evaluationYear,
      graduatesText: graduates.map((g) => `${g.name}（${g.creditCode}）`).join('\n'),
    });
  },
});
