// Where an application of a cycle stands (issue 13): the stages of the procedure (Art. 18) as the
// office names them, derived from the application instance and the cycle's own progress. Pure: the
// engine reads live in server/office/view.ts.

/** The stages in the order of Art. 18; the last four are where an application ends. */
export const STAGES = {
  submission: '申报',
  recommendation: '推荐',
  eligibility: '资格审查',
  'document-review': '资料评审',
  'site-review': '现场评审',
  evaluation: '综合评价',
  committee: '审定',
  approval: '批准',
  publicity: '公示',
  announcement: '发文',
  awarded: '获奖',
  'not-selected': '未入选',
  rejected: '不予受理',
  'not-recommended': '不予受理（未获推荐）',
  withdrawn: '已撤销',
} as const;
export type Stage = keyof typeof STAGES;

/** The end events of award-application (bpmn/award-application.bpmn). */
export const APPLICATION_ENDS = {
  accepted: 'End_Accepted',
  rejected: 'End_Rejected',
  refused: 'End_Refused',
} as const;

/** The cycle's activities that mark a phase for every accepted application, in process order. */
const CYCLE_PHASES: readonly [string, Stage][] = [
  ['Task_OpenScoreSheets', 'document-review'],
  ['SubProcess_Score', 'document-review'],
  ['Task_AggregateScores', 'document-review'],
  ['SubProcess_Reconcile', 'document-review'],
  ['Task_Shortlist', 'document-review'],
  ['SubProcess_SiteVisit', 'site-review'],
  ['Task_ReviewSummary', 'evaluation'],
  ['Task_ProposeAwards', 'evaluation'],
  ['Task_AdjustProposal', 'evaluation'],
  ['Task_CheckQuotas', 'evaluation'],
  ['Task_CommitteeReview', 'committee'],
  ['Task_GovernmentApproval', 'approval'],
  ['Task_PlanPublicity', 'publicity'],
  ['SubProcess_Publicity', 'publicity'],
  ['Task_RecheckQuotas', 'publicity'],
  ['Task_RecordDocument', 'announcement'],
];

/** An activity of the cycle as the engine's history lists it. */
export interface CycleActivity {
  activityId: string;
  startTime: string;
  endTime?: string | null;
}

/** What the stage of an accepted application depends on in its cycle. */
export interface CycleProgress {
  activities: readonly CycleActivity[];
  /** The applications the office put on the 现场评审名单, once it is recorded. */
  shortlisted?: ReadonlySet<string>;
  /** The award list once the office fixed the proposal (Task_AdjustProposal completed). */
  awardList?: ReadonlySet<string>;
  /** The application ids with an open 综合评价 task (Task_Evaluation). */
  evaluating?: ReadonlySet<string>;
}

/** What is known about one application instance. */
export interface ApplicationFacts {
  applicationId: string;
  /** ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED, INTERNALLY_TERMINATED */
  state: string;
  /** The end event it reached (when COMPLETED). */
  endActivityId?: string | null;
  /** The user tasks open on the application instance itself. */
  openTaskKeys: readonly string[];
}

const finished = (p: CycleProgress, id: string) => p.activities.some((a) => a.activityId === id && a.endTime);

/** The stage of an application; for an accepted one, from the cycle's latest phase. */
export function stageOf(app: ApplicationFacts, cycle: CycleProgress | undefined): Stage {
  if (app.state === 'ACTIVE' || app.state === 'SUSPENDED') {
    if (app.openTaskKeys.includes('Task_Recommend')) return 'recommendation';
    return 'eligibility';
  }
  if (app.state !== 'COMPLETED') return 'withdrawn';
  if (app.endActivityId === APPLICATION_ENDS.rejected) return 'rejected';
  if (app.endActivityId === APPLICATION_ENDS.refused) return 'not-recommended';
  if (app.endActivityId !== APPLICATION_ENDS.accepted) return 'withdrawn';
  if (!cycle) return 'document-review';
  if (
    cycle.shortlisted &&
    finished(cycle, 'Task_RecordShortlist') &&
    !cycle.shortlisted.has(app.applicationId)
  )
    return 'not-selected';
  if (cycle.awardList && !cycle.awardList.has(app.applicationId)) return 'not-selected';
  if (finished(cycle, 'Task_RecordAwards'))
    return cycle.awardList?.has(app.applicationId) ? 'awarded' : 'not-selected';
  let phase: Stage = 'document-review';
  let latest = '';
  for (const a of cycle.activities) {
    const marked = CYCLE_PHASES.find(([id]) => id === a.activityId);
    if (marked && a.startTime >= latest) {
      latest = a.startTime;
      phase = marked[1];
    }
  }
  if (phase === 'site-review' && cycle.evaluating?.has(app.applicationId)) return 'evaluation';
  return phase;
}

/** The funnel of a cycle (Art. 18): how many applications reached each step. */
export function funnelOf(
  stages: readonly Stage[],
  lists: { shortlisted?: number; proposed?: number },
): { label: string; count: number }[] {
  const count = (list: readonly Stage[]) => stages.filter((s) => list.includes(s)).length;
  const pastReview = count([
    'site-review',
    'evaluation',
    'committee',
    'approval',
    'publicity',
    'announcement',
    'awarded',
  ]);
  return [
    { label: '申报', count: stages.length },
    { label: '获推荐', count: stages.length - count(['submission', 'recommendation', 'not-recommended']) },
    {
      label: '正式受理',
      count:
        stages.length -
        count(['submission', 'recommendation', 'eligibility', 'not-recommended', 'rejected', 'withdrawn']),
    },
    { label: '进入现场评审', count: lists.shortlisted ?? pastReview },
    { label: '建议名单', count: lists.proposed ?? 0 },
    { label: '获奖', count: count(['awarded']) },
  ];
}
