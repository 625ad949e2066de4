// Art. 7, 18 (7), 19, 28: the rules edition (办法) in force, its window, quotas, prize caps and publicity.

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
}

export const EDITION_2023: RulesEdition = Object.freeze({
  id: '2023',
  title: '宝山区政府质量奖管理办法（2023 年）',
  effectiveFrom: '2023-08-01',
  effectiveTo: '2028-07-31',
  appliesFrom: '2023-04-27',
  quotas: Object.freeze({
    'district-head': Object.freeze({ model: 2, achievement: 1 }),
    gold: Object.freeze({ model: 10, achievement: 2 }),
  }),
  prizeCaps: Object.freeze({
    'district-head': Object.freeze({ model: 500_000, achievement: 20_000 }),
    gold: Object.freeze({ model: 100_000, achievement: 10_000 }),
  }),
  publicityMinWorkingDays: 5,
});

/** Every edition the product knows, oldest first. A revision of the 办法 is added here. */
export const EDITIONS: readonly RulesEdition[] = [EDITION_2023];

/** The calendar date (YYYY-MM-DD) of an instant in Shanghai, where the 办法 applies. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The edition whose window (from `appliesFrom` to `effectiveTo`, both inclusive) contains the date,
 * or undefined when no known edition applies. A string is a YYYY-MM-DD date; a Date is taken as
 * an instant and read in Shanghai time.
 */
export function editionInForce(date: string | Date): RulesEdition | undefined {
  const day = typeof date === 'string' ? date : shanghaiDate(date);
  return EDITIONS.find((e) => e.appliesFrom <= day && day <= e.effectiveTo);
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
