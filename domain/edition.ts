// Art. 7, 12, 14–16, 18 (7), 19, 23, 25, 28: the rules edition (办法) in force and every number it sets.
// The editions themselves are data (editions/<id>.json, read at start-up by config/editions.ts, and
// the editions the office adds and the committee approves, Art. 9 (二)); the functions here are pure
// and take the editions as input: no module reads a file on import, and nothing falls back to 2023.
import { z } from 'zod';

export const AWARD_CLASSES = ['district-head', 'gold'] as const;
export const AWARD_CATEGORIES = ['model', 'achievement'] as const;
export type AwardClass = (typeof AWARD_CLASSES)[number];
export type AwardCategory = (typeof AWARD_CATEGORIES)[number];

/** One number per award class and category (名额 or 奖金上限). */
export type PerAward = Readonly<Record<AwardClass, Readonly<Record<AwardCategory, number>>>>;

export interface RulesEdition {
  /** The edition's id, the year of the 办法. */
  id: string;
  title: string;
  /** The 文号 of the 办法, e.g. 宝府规〔2023〕3号. */
  document?: string;
  /** Art. 28: the first and the last day the 办法 is in force (YYYY-MM-DD, inclusive). */
  effectiveFrom: string;
  effectiveTo: string;
  /** Art. 28: the day from which the 办法 is applied (参照执行) before it is formally in force. */
  appliesFrom: string;
  /** Art. 7: the most awards of each class and category per cycle; any may stay empty. */
  quotas: PerAward;
  /** Art. 19: the highest prize of each class and category, in whole yuan. */
  prizeCaps: PerAward;
  /** Art. 18 (7): the publicity period lasts at least this many working days. */
  publicityMinWorkingDays: number;
  /** Art. 3, 14, 15, 16, 25: the numbers of the eligibility rules. */
  eligibility: EditionEligibility;
  /** Art. 12 (二): the least years of quality-management or technical work of a reviewer. */
  expertMinYears: number;
  /** Art. 23: the years after the award in which the winner files the yearly 质量绩效表. */
  postAwardReportYears: number;
}

/** Art. 3, 14, 15, 16, 25 as numbers of an edition (the rules in domain/eligibility.ts take them). */
export interface EditionEligibility {
  /** Art. 3: where an organization must be registered. */
  district: string;
  /** Art. 14 basic (1): years of normal operation before asOf. */
  operatingYears: number;
  /** Art. 15 (1): years of quality work before asOf. */
  qualityWorkYears: number;
  /** Art. 14 ¶2 (一)(二) and Art. 15 (4): the look-back window for sanctions. */
  lookBackYears: number;
  /** Art. 16 ¶1: years after a district award before the same category may be applied for again. */
  cooldownYears: number;
  /** Art. 25: years after a revocation in which no application is accepted. */
  banYears: number;
}

const isoDate = z
  .string({ error: '日期必须是文本 YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      error: '不是有效的日期',
    },
  );
const count = z.number({ error: '必须是数字' }).int({ error: '必须是整数' }).min(0, { error: '不能为负数' });
const years = count.max(50, { error: '年限不能超过 50 年' });
const perAward = z.object({
  'district-head': z.object({ model: count, achievement: count }),
  gold: z.object({ model: count, achievement: count }),
});

/** Art. 28: one edition of the 办法 as data (editions/<id>.json or the store's rules_editions). */
export const RulesEditionData = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,40}$/, { error: '版本编号只能包含字母、数字和连字符' }),
    title: z.string().trim().min(1, { error: '版本名称不能为空' }),
    document: z.string().trim().optional(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate,
    appliesFrom: isoDate,
    quotas: perAward,
    prizeCaps: perAward,
    publicityMinWorkingDays: count.min(1, { error: '公示期至少 1 个工作日' }),
    eligibility: z.object({
      district: z.string().trim().min(1, { error: '第三条注册登记地不能为空' }),
      operatingYears: years,
      qualityWorkYears: years,
      lookBackYears: years,
      cooldownYears: years,
      banYears: years,
    }),
    expertMinYears: years,
    postAwardReportYears: years.min(1, { error: '第二十三条报送年限至少 1 年' }),
  })
  .superRefine((e, ctx) => {
    if (e.effectiveTo < e.effectiveFrom)
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: '有效期截止日早于实施日' });
    if (e.appliesFrom > e.effectiveFrom)
      ctx.addIssue({ code: 'custom', path: ['appliesFrom'], message: '参照执行日不能晚于实施日' });
  });

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

/** Art. 28: validates one edition's data; the error names each field in Chinese. */
export function parseEdition(data: unknown, source: string): RulesEdition {
  const result = RulesEditionData.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.map(String).join('.') || '(根)'}：${i.message}`,
    );
    throw new Error(`办法版本 ${source} 格式错误：${problems.join('；')}`);
  }
  return deepFreeze(result.data);
}

/** Art. 28: every edition of a list, oldest first; two editions with one id or overlapping windows are refused. */
export function orderEditions(editions: readonly RulesEdition[]): RulesEdition[] {
  const sorted = [...editions].sort((a, b) => a.appliesFrom.localeCompare(b.appliesFrom));
  const ids = new Set<string>();
  sorted.forEach((e, i) => {
    if (ids.has(e.id)) throw new Error(`办法版本 ${e.id} 重复`);
    ids.add(e.id);
    const before = sorted[i - 1];
    if (before && e.appliesFrom <= before.effectiveTo)
      throw new Error(
        `办法版本 ${e.id} 的适用期与 ${before.id} 重叠（${e.appliesFrom} ≤ ${before.effectiveTo}）`,
      );
  });
  return sorted;
}

/** The calendar date (YYYY-MM-DD) of an instant in Shanghai, where the 办法 applies. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The edition whose window (from `appliesFrom` to `effectiveTo`, both inclusive) contains the date,
 * or undefined when no known edition applies. A string is a YYYY-MM-DD date; a Date is taken as
 * an instant and read in Shanghai time.
 */
export function editionInForce(
  date: string | Date,
  editions: readonly RulesEdition[],
): RulesEdition | undefined {
  const day = typeof date === 'string' ? date : shanghaiDate(date);
  return editions.find((e) => e.appliesFrom <= day && day <= e.effectiveTo);
}

/** Art. 28: the edition of an id among the known ones, or an error naming the id and the known ones. */
export function editionById(id: string, editions: readonly RulesEdition[]): RulesEdition {
  const edition = editions.find((e) => e.id === id);
  if (!edition)
    throw new Error(
      `第二十八条：办法版本 ${id} 不存在或未经审定委员会审议通过（已有：${editions.map((e) => e.id).join('、') || '无'}）`,
    );
  return edition;
}

/** Art. 28: the editions of both lists by id (the files win over a stored copy of the same id). */
export function mergeEditions(
  files: readonly RulesEdition[],
  stored: readonly RulesEdition[],
): RulesEdition[] {
  const ids = new Set(files.map((e) => e.id));
  return orderEditions([...files, ...stored.filter((e) => !ids.has(e.id))]);
}

/** Chinese names of the award classes and categories, for messages (Art. 7). */
export const AWARD_CLASS_NAMES: Readonly<Record<AwardClass, string>> = {
  'district-head': '区长质量奖',
  gold: '质量金奖',
};
export const AWARD_CATEGORY_NAMES: Readonly<Record<AwardCategory, string>> = {
  model: '先进质量管理模式',
  achievement: '先进质量管理成果',
};
