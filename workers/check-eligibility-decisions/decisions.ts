// Art. 10 (3), 18 (3): at the cycle's deadline every application must have its eligibility decision
// before the office confirms the 初选名单 — the applications accepted (正式受理).

/** How an award-application instance ended; an instance still running has no decision yet. */
export interface ApplicationState {
  businessKey: string;
  applicantName: string;
  /** COMPLETED once ended; ACTIVE (or SUSPENDED) while recommendation or review is open. */
  state: string;
  endActivityId?: string | null;
}

export interface EligibilityDecisions {
  /** Applications without a decision yet: the cycle waits for them. */
  pending: ApplicationState[];
  /** The 初选名单: applications accepted in the 资格审查 (Art. 10 (3), 18 (3)). */
  accepted: ApplicationState[];
  /** Not recommended (Art. 18 (2)) or not accepted (Art. 18 (3)). */
  notAccepted: ApplicationState[];
}

const ACCEPTED = 'End_Accepted';
/** Instances the office deleted or that failed count as decided (no application continues). */
const DECIDED_STATES = new Set(['COMPLETED', 'EXTERNALLY_TERMINATED', 'INTERNALLY_TERMINATED']);

/** Sorts the cycle's applications into pending, accepted and not accepted, by business key. */
export function eligibilityDecisions(apps: readonly ApplicationState[]): EligibilityDecisions {
  const sorted = [...apps].sort((a, b) => a.businessKey.localeCompare(b.businessKey));
  const decided = sorted.filter((a) => DECIDED_STATES.has(a.state));
  return {
    pending: sorted.filter((a) => !DECIDED_STATES.has(a.state)),
    accepted: decided.filter((a) => a.state === 'COMPLETED' && a.endActivityId === ACCEPTED),
    notAccepted: decided.filter((a) => !(a.state === 'COMPLETED' && a.endActivityId === ACCEPTED)),
  };
}

const line = (a: ApplicationState) => `${a.businessKey}（${a.applicantName}）`;

/** The office's view of the 初选名单 (Art. 10 (3)). */
export function preliminaryListText(d: EligibilityDecisions): string {
  return [
    `正式受理（初选名单，${d.accepted.length} 项）：`,
    ...(d.accepted.length > 0 ? d.accepted.map((a) => `  ${line(a)}`) : ['  （无）']),
    `未获推荐或不予受理（${d.notAccepted.length} 项）：`,
    ...(d.notAccepted.length > 0 ? d.notAccepted.map((a) => `  ${line(a)}`) : ['  （无）']),
  ].join('\n');
}

/** The applications the cycle still waits for. */
export const pendingText = (d: EligibilityDecisions): string => d.pending.map(line).join('、');
