import { z } from 'zod';
import {
  formatAwardLines,
  parseAwardLines,
  sameAwardLines,
  type AwardCandidate,
  type AwardList,
} from '../../domain/awards.js';
import { awardListText } from '../../domain/decision.js';
import { checkQuotas, QuotaCheckRequest } from '../../domain/quota.js';
import { complete, defineWorker } from '../worker.js';
import { jsonValue, parseAwardList } from '../../domain/awards.js';
import { assertWithinEdition, cycleEdition } from '../shared/rules-edition.js';
import { awardListJson, perAwardOf, perAwardShape } from '../shared/parameters.js';

export const CHECK_QUOTAS_TOPIC = 'check-quotas';

export const CheckQuotasInput = z.looseObject({
  awards: z.unknown(),
  /** The lines the office edits in Tasklist, and the lines last shown to it (see formatAwardLines). */
  awardsLines: z.string().nullish(),
  awardsLinesShown: z.string().nullish(),
  /** Every application of the 综合评价 ranking the office may put on the list (from propose-awards). */
  awardCandidates: z.unknown().optional(),
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
  variables: [
    'awards',
    'awardsLines',
    'awardsLinesShown',
    'awardCandidates',
    'quotaDistrictHeadModel',
    'quotaDistrictHeadAchievement',
    'quotaGoldModel',
    'quotaGoldAchievement',
    'capDistrictHeadModel',
    'capDistrictHeadAchievement',
    'capGoldModel',
    'capGoldAchievement',
    'rulesEdition',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    // Art. 7, 19, 28: the parameters may only tighten the edition the cycle recorded.
    const edition = await cycleEdition(input.rulesEdition, ctx, deps);
    assertWithinEdition(input, edition, [
      { prefix: 'quota', limits: 'quotas', what: '第七条名额' },
      { prefix: 'cap', limits: 'prizeCaps', what: '第十九条奖金上限' },
    ]);
    const list = officeList(input);
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
      // a valid list goes on as normalized JSON text and as the lines the office's form shows again
      ...(list.ok
        ? {
            awards: awardListJson(list.awards),
            awardsLines: formatAwardLines(list.awards),
            awardsLinesShown: formatAwardLines(list.awards),
          }
        : {}),
    });
  },
});

/**
 * The list to check: the office's lines when it edited them since they were last shown, else
 * `awards` (the list as the workers, an upheld objection or a REST client left it).
 */
function officeList(
  input: z.infer<typeof CheckQuotasInput>,
): { ok: true; awards: AwardList } | { ok: false; problems: string[] } {
  const current = parseAwardList(input.awards);
  const lines = input.awardsLines;
  if (lines == null || sameAwardLines(lines, input.awardsLinesShown ?? '')) return current;
  const candidates = jsonValue(input.awardCandidates ?? []);
  const known: AwardCandidate[] = [
    ...(current.ok ? current.awards : []),
    ...(Array.isArray(candidates) ? (candidates as AwardCandidate[]) : []),
  ];
  return parseAwardLines(lines, known);
}
