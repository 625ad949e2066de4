// Art. 28: the rules edition a worker applies is the one its cycle recorded (check-rules-edition sets the
// variable rulesEdition and the store's cycle_editions); BPMN parameters may only tighten its numbers.
import { editionById, type RulesEdition } from '../../domain/edition.js';
import {
  AWARD_CATEGORY_NAMES,
  AWARD_CATEGORIES,
  AWARD_CLASS_NAMES,
  AWARD_CLASSES,
} from '../../domain/edition.js';
import { cycleEditionOf, knownEditions } from '../../store/editions.js';
import type { TaskContext, WorkerDeps } from '../worker.js';
import { perAwardNames, perAwardOf } from './parameters.js';
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

/** A per-award BPMN parameter and the edition's numbers it may not exceed. */
export interface EditionLimit {
  /** The parameter names' prefix (quota, cap, prize). */
  prefix: string;
  /** Which numbers of the edition bound it. */
  limits: 'quotas' | 'prizeCaps';
  /** The rule, for people: 第七条名额. */
  what: string;
}

/**
 * Art. 7, 19, 28: every per-award parameter of a task may only tighten the edition the cycle recorded;
 * one InputError lists every parameter that loosens it, with its name, the edition and its number.
 */
export function assertWithinEdition(
  input: Record<string, unknown>,
  edition: RulesEdition,
  checks: readonly EditionLimit[],
): void {
  const problems: string[] = [];
  for (const { prefix, limits, what } of checks) {
    const params = perAwardOf(input, prefix);
    const names = perAwardNames(prefix);
    for (const awardClass of AWARD_CLASSES)
      for (const category of AWARD_CATEGORIES) {
        const value = params[awardClass][category];
        const limit = edition[limits][awardClass][category];
        if (value > limit)
          problems.push(
            `参数 ${names[awardClass][category]}（${what}，${AWARD_CLASS_NAMES[awardClass]}${AWARD_CATEGORY_NAMES[category]}）为 ${value}，超过办法 ${edition.id} 规定的 ${limit}`,
          );
      }
  }
  if (problems.length)
    throw new InputError(`流程参数只能比办法更严，不能放宽：${problems.join('；')}；请在流程图中更正`);
}
