// Art. 7, 19: the awards of one cycle against the quotas per class and category and the prize caps.
import { z } from 'zod';
import {
  AWARD_CATEGORIES,
  AWARD_CATEGORY_NAMES,
  AWARD_CLASS_NAMES,
  AWARD_CLASSES,
  type AwardCategory,
  type AwardClass,
  type PerAward,
} from './edition.js';

// ---------------------------------------------------------------------------------------------
// Request (contracts.md "POST /api/quota/check")

export const QuotaAward = z.object({
  applicationId: z.string({ error: '申报编号必须是文本' }).trim().min(1, { error: '申报编号不能为空' }),
  category: z.enum(['model', 'achievement'], {
    error: '奖项类别必须是 model（先进质量管理模式）或 achievement（先进质量管理成果）',
  }),
  awardClass: z.enum(['district-head', 'gold'], {
    error: '奖项等级必须是 district-head（区长质量奖）或 gold（质量金奖）',
  }),
  /** Art. 19: the prize in whole yuan (元). */
  prize: z
    .number({ error: '奖金必须是数字（元）' })
    .int({ error: '奖金必须是整数元' })
    .min(0, { error: '奖金不能为负数' })
    .optional(),
});
export type QuotaAward = z.infer<typeof QuotaAward>;

export const QuotaCheckRequest = z.object({
  awards: z
    .array(QuotaAward, { error: '获奖名单 awards 必须是列表' })
    .max(1000, { error: '获奖名单不能超过 1000 项' })
    .superRefine((awards, ctx) => {
      const firstIndex = new Map<string, number>();
      awards.forEach((award, index) => {
        const first = firstIndex.get(award.applicationId);
        if (first === undefined) {
          firstIndex.set(award.applicationId, index);
          return;
        }
        ctx.addIssue({
          code: 'custom',
          path: [index, 'applicationId'],
          message: `申报编号 ${award.applicationId} 重复，已在 awards.${first} 出现；同一申报只能获奖一次`,
        });
      });
    }),
});
export type QuotaCheckRequest = z.infer<typeof QuotaCheckRequest>;

// ---------------------------------------------------------------------------------------------
// Response

export interface QuotaViolation {
  article: number;
  code: 'quota_exceeded' | 'prize_cap_exceeded';
  message: string;
  awardClass: AwardClass;
  category: AwardCategory;
  limit: number;
  actual: number;
  applicationId?: string;
}

export interface QuotaCheckResult {
  ok: boolean;
  counts: Record<AwardClass, Record<AwardCategory, number>>;
  violations: QuotaViolation[];
}

const awardName = (awardClass: AwardClass, category: AwardCategory) =>
  `${AWARD_CLASS_NAMES[awardClass]}${AWARD_CATEGORY_NAMES[category]}`;

/**
 * Counts the awards per class and category and lists every breach: a count above its Art. 7
 * quota (one violation per class and category), then every prize above its Art. 19 cap (one per
 * application, in the order given). `ok` is true exactly when there is no violation.
 */
export function checkQuotas(
  awards: readonly QuotaAward[],
  limits: PerAward,
  caps: PerAward,
): QuotaCheckResult {
  const counts: QuotaCheckResult['counts'] = {
    'district-head': { model: 0, achievement: 0 },
    gold: { model: 0, achievement: 0 },
  };
  for (const award of awards) counts[award.awardClass][award.category] += 1;

  const violations: QuotaViolation[] = [];
  for (const awardClass of AWARD_CLASSES) {
    for (const category of AWARD_CATEGORIES) {
      const limit = limits[awardClass][category];
      const actual = counts[awardClass][category];
      if (actual <= limit) continue;
      violations.push({
        article: 7,
        code: 'quota_exceeded',
        message: `超过第七条名额：${awardName(awardClass, category)}不超过 ${limit} 个，实际 ${actual} 个`,
        awardClass,
        category,
        limit,
        actual,
      });
    }
  }

  for (const award of awards) {
    if (award.prize === undefined) continue;
    const limit = caps[award.awardClass][award.category];
    if (award.prize <= limit) continue;
    violations.push({
      article: 19,
      code: 'prize_cap_exceeded',
      message:
        `超过第十九条奖金上限：申报 ${award.applicationId} 的${awardName(award.awardClass, award.category)}` +
        `奖金不超过 ${limit} 元，实际 ${award.prize} 元`,
      awardClass: award.awardClass,
      category: award.category,
      limit,
      actual: award.prize,
      applicationId: award.applicationId,
    });
  }

  return { ok: violations.length === 0, counts, violations };
}
