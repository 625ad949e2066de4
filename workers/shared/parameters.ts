// Art. 7, 19: the quotas, prize caps and proposed prizes as BPMN input parameters of the service
// tasks that use them (set through their element templates, which cite the articles).
import { z } from 'zod';
import type { AwardList } from '../../domain/awards.js';
import type { PerAward } from '../../domain/edition.js';

/** The parameter names of one kind of per-award number, e.g. quotaDistrictHeadModel. */
export const perAwardNames = (prefix: string) =>
  ({
    'district-head': { model: `${prefix}DistrictHeadModel`, achievement: `${prefix}DistrictHeadAchievement` },
    gold: { model: `${prefix}GoldModel`, achievement: `${prefix}GoldAchievement` },
  }) as const;

const wholeNumber = (name: string, what: string) =>
  z.coerce
    .number({ error: `参数 ${name}（${what}）缺失或不是数字，请在流程图中设置该任务的输入参数` })
    .refine((v) => Number.isFinite(v), `参数 ${name}（${what}）缺失，请在流程图中设置该任务的输入参数`)
    .int(`参数 ${name}（${what}）应为整数`)
    .min(0, `参数 ${name}（${what}）不能为负数`);

/**
 * The four numbers of one per-award parameter as a zod shape; there is no default, so a diagram
 * without them is an incident naming the parameter, never a silent fall-back to some edition.
 */
export function perAwardShape(prefix: string, what: string) {
  const n = perAwardNames(prefix);
  // No .optional(): an absent parameter must fail (zod skips optional keys that are absent).
  const missing = (name: string) =>
    z.preprocess((v) => (v === '' || v === null ? undefined : v), wholeNumber(name, what));
  return {
    [n['district-head'].model]: missing(n['district-head'].model),
    [n['district-head'].achievement]: missing(n['district-head'].achievement),
    [n.gold.model]: missing(n.gold.model),
    [n.gold.achievement]: missing(n.gold.achievement),
  };
}

/** The parsed numbers of one per-award parameter. */
export function perAwardOf(input: Record<string, unknown>, prefix: string): PerAward {
  const n = perAwardNames(prefix);
  const get = (name: string) => Number(input[name]);
  return {
    'district-head': {
      model: get(n['district-head'].model),
      achievement: get(n['district-head'].achievement),
    },
    gold: { model: get(n.gold.model), achievement: get(n.gold.achievement) },
  };
}

/**
 * The award list as a process variable: kept as the array itself, which the runtime stores as a Spin
 * JSON variable (no 4000-character String column: 15 awards no longer break the cycle, issue 18).
 */
export const awardListJson = (awards: AwardList): AwardList => awards;
