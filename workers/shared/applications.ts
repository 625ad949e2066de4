// The one reader of a cycle's applications from the engine's history, as the workers' account. A
// cycle's applications are the award-application instances whose business key starts with
// `<cycle key>/` (contracts.md); all of them come in one history query, and the variables of the
// ones asked for in one batched query more, however many applications the cycle has.
import { engineData, type EngineRest } from '../../camunda/rest.js';
import type { ReviewApplication } from '../../domain/assignment.js';
import { reviewApplicationOf } from '../../domain/cycle.js';
import type { ApplicantKind } from '../../domain/scoring.js';

/** The end event of award-application reached by a 正式受理 application (Art. 18 (3)). */
export const ACCEPTED_END_EVENT = 'End_Accepted';

/** Instance ids per variable query: keeps each request small for a cycle of hundreds. */
const VARIABLES_BATCH = 100;

/** One application's history: its instance and its variables (Json ones as their text). */
export interface ApplicationHistory {
  instanceId: string;
  businessKey: string;
  variables: Record<string, unknown>;
}

/** The cycle key of an application business key `cycle-<year>/<id>`. */
const cycleOf = (businessKey: string): string => businessKey.split('/')[0] ?? businessKey;

/** The cycle's award-application instances (one query), in business-key order; the first instance of a key wins. */
async function cycleInstances(
  rest: EngineRest,
  cycleKey: string,
  opts: { accepted?: boolean },
): Promise<Map<string, string>> {
  const instances = await engineData(
    rest.api.GET('/history/process-instance', {
      params: {
        query: {
          processDefinitionKey: 'award-application',
          processInstanceBusinessKeyLike: `${cycleKey}/%`,
          ...(opts.accepted ? { executedActivityIdIn: ACCEPTED_END_EVENT, finished: true } : {}),
          sortBy: 'businessKey',
          sortOrder: 'asc',
        },
      },
    }),
  );
  const byKey = new Map<string, string>();
  for (const i of instances)
    if (i.id && i.businessKey?.startsWith(`${cycleKey}/`) && !byKey.has(i.businessKey))
      byKey.set(i.businessKey, i.id);
  return byKey;
}

/** The variables of the given instances, in batched queries. */
async function variablesOf(
  rest: EngineRest,
  instanceIds: string[],
): Promise<Map<string, Record<string, unknown>>> {
  const byInstance = new Map<string, Record<string, unknown>>(instanceIds.map((id) => [id, {}]));
  for (let i = 0; i < instanceIds.length; i += VARIABLES_BATCH) {
    const vars = await engineData(
      rest.api.POST('/history/variable-instance', {
        params: { query: { deserializeValues: false } },
        body: { processInstanceIdIn: instanceIds.slice(i, i + VARIABLES_BATCH) },
      }),
    );
    for (const v of vars) {
      const into = v.processInstanceId ? byInstance.get(v.processInstanceId) : undefined;
      if (into && v.name) into[v.name] = v.value;
    }
  }
  return byInstance;
}

/**
 * The history of the applications with these business keys (`cycle-<year>/<id>`), by key; a key
 * the engine does not know is absent. One instance query per cycle, one batched variable query.
 */
export async function applicationHistories(
  rest: EngineRest,
  businessKeys: readonly string[],
): Promise<Map<string, ApplicationHistory>> {
  const wanted = new Map<string, string>();
  for (const cycle of new Set(businessKeys.map(cycleOf))) {
    const instances = await cycleInstances(rest, cycle, {});
    for (const key of businessKeys) {
      const id = instances.get(key);
      if (id) wanted.set(key, id);
    }
  }
  const variables = await variablesOf(rest, [...new Set(wanted.values())]);
  return new Map(
    [...wanted].map(([businessKey, instanceId]) => [
      businessKey,
      { businessKey, instanceId, variables: variables.get(instanceId) ?? {} },
    ]),
  );
}

/** The cycle's accepted applications with the facts assignment needs, in business-key order. */
export async function acceptedApplications(rest: EngineRest, cycleKey: string): Promise<ReviewApplication[]> {
  const instances = await cycleInstances(rest, cycleKey, { accepted: true });
  const variables = await variablesOf(rest, [...instances.values()]);
  return [...instances].map(([businessKey, id]) => reviewApplicationOf(businessKey, variables.get(id) ?? {}));
}

/** A variable's text when it is a non-blank string. */
const text = (v: Record<string, unknown>, name: string, trim: boolean): string | undefined => {
  const value = v[name];
  if (typeof value !== 'string') return undefined;
  if (!trim) return value === '' ? undefined : value;
  return value.trim() === '' ? undefined : value.trim();
};

/** What the review stages need of an application (its kind, e-mail and name). */
export interface ApplicationFacts {
  applicantKind: ApplicantKind;
  applicantEmail?: string;
  applicantName?: string;
}

/** The review facts of one application's history; an unknown application is an organization without contact. */
export function applicationFacts(history: ApplicationHistory | undefined): ApplicationFacts {
  const v = history?.variables ?? {};
  const email = text(v, 'applicantEmail', false);
  const name = text(v, 'applicantName', false);
  return {
    applicantKind: text(v, 'applicantKind', false) === 'individual' ? 'individual' : 'organization',
    ...(email ? { applicantEmail: email } : {}),
    ...(name ? { applicantName: name } : {}),
  };
}

/** What the decision phase needs of an application (contact, identifiers, recommending unit). */
export interface ApplicationRecord {
  applicantKind: 'organization' | 'individual';
  applicantEmail?: string;
  creditCode?: string;
  idNumber?: string;
  recommendingUnit?: string;
}

/** The decision-phase record of one application's history; empty when unknown. */
export function applicationRecord(history: ApplicationHistory | undefined): ApplicationRecord {
  const v = history?.variables ?? {};
  const kind = text(v, 'applicantKind', true) === 'individual' ? 'individual' : 'organization';
  const email = text(v, 'applicantEmail', true);
  const creditCode = kind === 'organization' ? text(v, 'creditCode', true) : undefined;
  const idNumber = kind === 'individual' ? text(v, 'idNumber', true) : undefined;
  const unit = text(v, 'recommendingUnit', true);
  return {
    applicantKind: kind,
    ...(email ? { applicantEmail: email } : {}),
    ...(creditCode ? { creditCode } : {}),
    ...(idNumber ? { idNumber } : {}),
    ...(unit ? { recommendingUnit: unit } : {}),
  };
}
