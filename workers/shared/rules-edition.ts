// Art. 28: the rules edition a worker applies is the one its cycle recorded (check-rules-edition sets the
// variable rulesEdition and the store's cycle_editions); BPMN parameters may only tighten its numbers.
import { editionById, type PerAward, type RulesEdition } from '../../domain/edition.js';
import {
  AWARD_CATEGORY_NAMES,
  AWARD_CATEGORIES,
  AWARD_CLASS_NAMES,
  AWARD_CLASSES,
} from '../../domain/edition.js';
import { cycleEditionOf, knownEditions } from '../../store/editions.js';
import type { TaskContext, WorkerDeps } from '../worker.js';
import { InputError } from '../worker.js';

/** The cycle of a business key: `cycle-2025` for the cycle itself and for `cycle-2025/<application>`. */
export const cycleKeyOf = (businessKey: string | null | undefined): string | undefined =>
  businessKey?.match(/^(cycle-\d{4})(?:\/|$)/)?.[1];

/** An edition by id among the files, then among the editions the committee approved. */
async function byId(id: string, deps: Pick<WorkerDeps, 'db' | 'editions'>): Promise<RulesEdition> {
  const file = deps.editions.find((e) => e.id === id);
  if (file) return file;
  try {
    return editionById(id, await knownEditions(deps.db, deps.editions));
  } catch (err) {
    throw new InputError((err as Error).message);
  }
}

/**
 * The edition the task's cycle recorded: the variable rulesEdition, else the store's record of the cycle
 * named by the business key; undefined when the task belongs to no recorded cycle.
 */
export async function recordedEdition(
  rulesEdition: unknown,
  ctx: Pick<TaskContext, 'businessKey'>,
  deps: Pick<WorkerDeps, 'db' | 'editions'>,
): Promise<RulesEdition | undefined> {
  if (typeof rulesEdition === 'string' && rulesEdition.trim()) return byId(rulesEdition.trim(), deps);
  const cycleKey = cycleKeyOf(ctx.businessKey);
  const recorded = cycleKey ? await cycleEditionOf(deps.db, cycleKey) : undefined;
  return recorded ? byId(recorded.editionId, deps) : undefined;
}

/** The edition the cycle recorded, or an incident: a cycle step never falls back to some edition. */
export async function cycleEdition(
  rulesEdition: unknown,
  ctx: Pick<TaskContext, 'businessKey'>,
  deps: Pick<WorkerDeps, 'db' | 'editions'>,
): Promise<RulesEdition> {
  const edition = await recordedEdition(rulesEdition, ctx, deps);
  if (!edition)
    throw new InputError(
      `第二十八条：本届评审（${ctx.businessKey ?? '无业务键'}）没有登记适用的办法版本（变量 rulesEdition），不能按办法核对`,
    );
  return edition;
}

/**
 * Art. 7, 19: per-award BPMN parameters may only tighten the edition: each number above the edition's
 * is an incident naming the parameter and the article.
 */
export function assertWithinEdition(
  params: PerAward,
  limits: PerAward,
  names: Record<string, Record<string, string>>,
  what: string,
  edition: RulesEdition,
): void {
  const problems: string[] = [];
  for (const awardClass of AWARD_CLASSES)
    for (const category of AWARD_CATEGORIES) {
      const value = params[awardClass][category];
      const limit = limits[awardClass][category];
      if (value > limit)
        problems.push(
          `参数 ${names[awardClass]![category]}（${what}，${AWARD_CLASS_NAMES[awardClass]}${AWARD_CATEGORY_NAMES[category]}）为 ${value}，超过办法 ${edition.id} 规定的 ${limit}`,
        );
    }
  if (problems.length)
    throw new InputError(`流程参数只能比办法更严，不能放宽：${problems.join('；')}；请在流程图中更正`);
}
