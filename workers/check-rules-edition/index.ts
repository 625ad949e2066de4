import { z } from 'zod';
import { editionInForce, shanghaiDate } from '../../domain/edition.js';
import { isCalendarDate } from '../../domain/identifiers.js';
import { recordAudit } from '../../store/audit.js';
import { knownEditions, recordCycleEdition } from '../../store/editions.js';
import { bpmnError, complete, defineWorker } from '../worker.js';

export const CHECK_RULES_EDITION_TOPIC = 'check-rules-edition';
export const RULES_EDITION_MISSING = 'rules-edition-missing';

/**
 * Art. 28: at the start of a cycle, finds the edition of the 办法 in force on the cycle's date
 * (cycleAsOf, the day it is announced: today unless the office records a cycle afterwards) among
 * the edition files and the editions added in the store, and records it on the cycle. When none
 * applies, or the edition the office named does not exist or does not cover that date, the office
 * must confirm a revised edition first (BPMN error to 确认修订后的办法).
 */
export const checkRulesEditionWorker = defineWorker({
  topic: CHECK_RULES_EDITION_TOPIC,
  title: '核对适用的办法版本',
  input: z.looseObject({
    year: z.coerce.string().regex(/^\d{4}$/),
    cycleAsOf: z
      .string()
      .transform((s) => s.slice(0, 10))
      .refine(isCalendarDate, '评选年度基准日应为 YYYY-MM-DD 日期')
      .nullish(),
    /**
     * Art. 14–16, 25: the one date every application of the cycle is judged as of (parameter; it
     * becomes the process variable eligibilityAsOf, a name the local parameter must not shadow).
     */
    eligibilityDate: z.preprocess(
      (v) => (v === '' ? null : v),
      z
        .string()
        .transform((s) => s.slice(0, 10))
        .refine(isCalendarDate, '参数 eligibilityDate（资格审查基准日）应为 YYYY-MM-DD 日期')
        .nullish(),
    ),
    confirmedEdition: z.string().trim().nullish(),
    editionConfirmedBy: z.string().nullish(),
  }),
  variables: ['year', 'cycleAsOf', 'eligibilityDate', 'confirmedEdition', 'editionConfirmedBy'],
  errorCodes: [RULES_EDITION_MISSING],
  async handler(input, ctx, deps) {
    const cycleKey = ctx.businessKey ?? `cycle-${input.year}`;
    const asOf = input.cycleAsOf ?? shanghaiDate(new Date());
    // The store is read afresh on every check: the office adds a revised edition while the cycle
    // waits, and the committee approves it (Art. 9 (二)); only approved ones count.
    const known = await knownEditions(deps.db, deps.editions);
    const knownText = known.map((e) => `${e.id}（${e.appliesFrom} 至 ${e.effectiveTo}）`).join('、');
    const named = input.confirmedEdition ? known.find((e) => e.id === input.confirmedEdition) : undefined;
    let problem: string | undefined;
    if (input.confirmedEdition && !named)
      problem = `第二十八条：办法版本 ${input.confirmedEdition} 尚未作为数据添加（已有：${knownText}）；请先添加修订后的办法`;
    else if (named && !(named.appliesFrom <= asOf && asOf <= named.effectiveTo))
      problem = `第二十八条：办法版本 ${named.id} 的适用期为 ${named.appliesFrom} 至 ${named.effectiveTo}，不含本评选年度的基准日 ${asOf}`;
    const edition = named ?? editionInForce(asOf, known);
    if (!problem && !edition)
      problem = `第二十八条：${asOf} 不在任何办法版本的适用期内（已有：${knownText}）；请添加修订后的办法并确认其版本`;
    if (problem || !edition) {
      const message = problem ?? '';
      return bpmnError(RULES_EDITION_MISSING, message, { editionWarning: message, editionAsOf: asOf });
    }
    const confirmedBy = input.confirmedEdition ? (input.editionConfirmedBy ?? 'office') : null;
    const recorded = await deps.db.transaction(async (tx) => {
      const stored = await recordCycleEdition(tx, { cycleKey, editionId: edition.id, asOf, confirmedBy });
      if (confirmedBy)
        await recordAudit(
          tx,
          {
            actor: confirmedBy,
            action: 'edition.confirmed',
            subject: cycleKey,
            businessKey: ctx.businessKey,
            processInstanceId: ctx.processInstanceId,
            summary: `第二十八条：确认 ${cycleKey} 适用修订后的办法 ${edition.id}（${edition.title}）`,
            details: { editionId: edition.id, asOf },
          },
          ctx.effectId('audit'),
        );
      return stored;
    });
    ctx.log.info({ cycleKey, edition: recorded.editionId, asOf }, '已登记适用的办法版本');
    return complete({
      rulesEdition: recorded.editionId,
      rulesEditionTitle: known.find((e) => e.id === recorded.editionId)?.title ?? edition.title,
      // Art. 14–16, 25: one eligibility date for the cycle (the deadline by default, else its date)
      eligibilityAsOf: input.eligibilityDate ?? asOf,
      editionWarning: '',
    });
  },
});
