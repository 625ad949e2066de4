// The office's view of one cycle (issue 13, contracts.md "The office workbench"): every application
// of `cycle-<year>/`, running or ended, read from the engine's history in batched queries (one per
// kind of fact, never one per application), with the person's own engine account.
import { BUSINESS_GROUPS } from '../../camunda/identity.js';
import type { EngineDto, EngineRest, Present } from '../../camunda/rest.js';
import { funnelOf, stageOf, STAGES, type CycleProgress, type Stage } from './stages.js';
import { APPLICATION_ENDS } from './stages.js';

const GROUP_NAMES = new Map(BUSINESS_GROUPS.map((g) => [g.id, g.name]));

/** How the office fixes a problem from the page (POST /api/office/problems/fix). */
export type FixKind = 'correct-credit-code' | 'retry' | 'recheck-decisions';

export interface Problem {
  message: string;
  action?: string;
  /** Which fix the page offers, and the incident it concerns. */
  fix?: FixKind;
  incidentId?: string;
}

export interface OpenTask {
  name: string;
  assignee: string | null;
  candidateGroups: string[];
  /** Who holds it, for people: the assignee, else the groups' Chinese names (e.g. 推荐单位：罗店镇). */
  holder: string;
  since: string;
  due: string | null;
  overdue: boolean;
}

/** One application as contracts.md names it (OfficeApplication), plus what the page shows. */
export interface OfficeApplication {
  applicationId: string;
  businessKey: string;
  applicantName: string;
  kind: 'organization' | 'individual';
  stage: Stage;
  stageName: string;
  openTasks: OpenTask[];
  problems: Problem[];
  waitingDays: number;
  processInstanceId: string;
  creditCode: string | null;
  idNumber: string | null;
  recommendingUnit: string | null;
  startTime: string;
}

export interface ScoreRow {
  applicationId: string;
  applicantName: string;
  applicantKind: string;
  rank: number;
  documentScore: number;
  maxTotal: number;
  shortlisted: boolean;
  siteScore?: number;
}

export interface CycleState {
  businessKey: string;
  processInstanceId: string;
  state: string;
  startTime: string;
  /** The steps the cycle is at now, in Chinese. */
  waitingFor: string[];
  openTasks: OpenTask[];
  problems: Problem[];
}

export interface CycleOverview {
  cycle: string;
  applications: OfficeApplication[];
  cycleState: CycleState | null;
  funnel: { label: string; count: number }[];
  scores: ScoreRow[];
  /** The cycle's lists as its variables hold them (exports and the 公示 page). */
  lists: CycleLists;
}

export interface CycleLists {
  preliminaryReady: boolean;
  reviewSummary?: ScoreRow[];
  proposedAwards?: AwardRow[];
  awards?: AwardRow[];
  awardsFixed: boolean;
  publicityStart?: string;
  publicityEnd?: string;
  publicityNoticeText?: string;
  awardsRecorded: boolean;
  documentNumber?: string;
  documentDate?: string;
}

export interface AwardRow {
  applicationId: string;
  applicantName: string;
  applicantKind: 'organization' | 'individual';
  awardClass: 'district-head' | 'gold';
  category: 'model' | 'achievement';
  prize?: number;
  creditCode?: string;
  idNumber?: string;
  rank?: number;
  score?: number;
}

// The engine's DTOs with the fields it always fills for these queries present.
type HistoricInstance = Present<EngineDto<'HistoricProcessInstanceDto'>, 'id' | 'state' | 'startTime'>;
type HistoricVariable = Present<EngineDto<'HistoricVariableInstanceDto'>, 'name' | 'processInstanceId'>;
type TaskDto = Present<
  EngineDto<'TaskDto'>,
  'id' | 'name' | 'created' | 'processInstanceId' | 'executionId' | 'taskDefinitionKey'
>;
type IdentityLinkLog = Present<EngineDto<'HistoricIdentityLinkLogDto'>, 'type' | 'operationType' | 'time'>;
type Incident = Present<
  EngineDto<'IncidentDto'>,
  'id' | 'processInstanceId' | 'activityId' | 'incidentType' | 'incidentTimestamp'
>;
type HistoricActivity = Present<
  EngineDto<'HistoricActivityInstanceDto'>,
  'activityId' | 'activityType' | 'startTime'
>;

const APPLICATION_VARIABLES = [
  'applicantName',
  'applicantKind',
  'applicationId',
  'creditCode',
  'idNumber',
  'recommendingUnit',
];
const CYCLE_VARIABLES = [
  'eligibilityPending',
  'pendingApplicationsText',
  'preliminaryListText',
  'reviewSummary',
  'shortlistedApplications',
  'proposedAwards',
  'awards',
  'publicityStart',
  'publicityEnd',
  'publicityNoticeText',
  'awardsRecorded',
  'documentNumber',
  'documentDate',
  'deadline',
];

/** Largest number of rows one engine query returns (a cycle has tens of applications). */
const MAX_ROWS = 2000;
const DAY_MS = 86_400_000;

const json = <T>(value: unknown): T | undefined => {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function byName(vars: HistoricVariable[]): Map<string, Map<string, unknown>> {
  const out = new Map<string, Map<string, unknown>>();
  for (const v of vars) {
    const m = out.get(v.processInstanceId) ?? new Map<string, unknown>();
    m.set(v.name, v.value);
    out.set(v.processInstanceId, m);
  }
  return out;
}

/** The problem an incident is for the office, in Chinese, with the fix the page offers. */
export function problemOf(incident: Incident): Problem {
  const message = incident.incidentMessage ?? '（引擎未给出原因）';
  if (/creditCode|统一社会信用代码/.test(message))
    return {
      message: message.startsWith('资格自动审查') ? message : `资格自动审查无法进行：${message}`,
      action: '更正统一社会信用代码并重试',
      fix: 'correct-credit-code',
      incidentId: incident.id,
    };
  return {
    message: `自动步骤“${incident.activityId}”出错：${message}`,
    action: '排除原因后重试',
    fix: 'retry',
    incidentId: incident.id,
  };
}

/** Loads the office's view of cycle `cycle-<year>` with the person's engine client. */
export async function loadCycleOverview(
  rest: EngineRest,
  year: string,
  now = new Date(),
): Promise<CycleOverview> {
  const cycleKey = `cycle-${year}`;
  const like = { processDefinitionKey: 'award-application', processInstanceBusinessKeyLike: `${cycleKey}/%` };
  const page = `?firstResult=0&maxResults=${MAX_ROWS}`;
  const [instances, cycles] = await Promise.all([
    rest.post(`/history/process-instance${page}`, {
      ...like,
      sorting: [{ sortBy: 'businessKey', sortOrder: 'asc' }],
    }) as Promise<HistoricInstance[]>,
    rest.get(
      `/history/process-instance?processDefinitionKey=award-cycle&processInstanceBusinessKey=${encodeURIComponent(cycleKey)}&sortBy=startTime&sortOrder=desc&maxResults=1`,
    ) as Promise<HistoricInstance[]>,
  ]);
  const apps = instances.filter((i) => i.businessKey?.startsWith(`${cycleKey}/`));
  const cycle = cycles[0];
  const ids = apps.map((a) => a.id);
  const running = apps.filter((a) => a.state === 'ACTIVE' || a.state === 'SUSPENDED').map((a) => a.id);
  const ended = (end: string) =>
    rest
      .post(`/history/process-instance${page}`, {
        ...like,
        finished: true,
        executedActivityIdIn: [end],
      })
      .then((list) => (list as HistoricInstance[]).map((i) => [i.id, end] as const));
  const taskOwners = [...running, ...(cycle && cycle.state === 'ACTIVE' ? [cycle.id] : [])];
  const [endLists, appVars, cycleVars, activities, tasks, incidents, reviewVars] = await Promise.all([
    Promise.all(Object.values(APPLICATION_ENDS).map(ended)),
    ids.length
      ? (rest.post(`/history/variable-instance${page}&deserializeValues=false`, {
          processInstanceIdIn: ids,
          variableNameIn: APPLICATION_VARIABLES,
        }) as Promise<HistoricVariable[]>)
      : Promise.resolve([]),
    cycle
      ? (rest.post(`/history/variable-instance?deserializeValues=false`, {
          processInstanceId: cycle.id,
          variableNameIn: CYCLE_VARIABLES,
        }) as Promise<HistoricVariable[]>)
      : Promise.resolve([]),
    cycle
      ? (rest.get(
          `/history/activity-instance?processInstanceId=${cycle.id}&sortBy=startTime&sortOrder=asc&maxResults=5000`,
        ) as Promise<HistoricActivity[]>)
      : Promise.resolve([]),
    taskOwners.length
      ? (rest.post(`/task${page}`, { processInstanceIdIn: taskOwners }) as Promise<TaskDto[]>)
      : Promise.resolve([]),
    rest.get(
      `/incident?processDefinitionKeyIn=award-application,award-cycle&maxResults=${MAX_ROWS}`,
    ) as Promise<Incident[]>,
    cycle && cycle.state === 'ACTIVE'
      ? rest.get(
          `/variable-instance?processInstanceIdIn=${cycle.id}&variableName=reviewApplicationId&maxResults=${MAX_ROWS}`,
        )
      : Promise.resolve([]),
  ]);
  const endOf = new Map(endLists.flat());
  const vars = byName(appVars);
  const cv = byName(cycleVars).get(cycle?.id ?? '') ?? new Map<string, unknown>();

  // Candidate groups of the open tasks: one query of the identity-link log since the oldest task.
  const groupsOf = new Map<string, Set<string>>();
  if (tasks.length) {
    const oldest = tasks.map((t) => t.created).sort()[0]!;
    const after = new Date(new Date(oldest).getTime() - 1000).toISOString().replace('Z', '+0000');
    const links = (await rest.get(
      `/history/identity-link-log?type=candidate&dateAfter=${encodeURIComponent(after)}&maxResults=5000`,
    )) as IdentityLinkLog[];
    const open = new Set(tasks.map((t) => t.id));
    for (const l of links.sort((a, b) => a.time.localeCompare(b.time))) {
      if (!l.taskId || !l.groupId || !open.has(l.taskId)) continue;
      const set = groupsOf.get(l.taskId) ?? new Set<string>();
      if (l.operationType === 'add') set.add(l.groupId);
      else set.delete(l.groupId);
      groupsOf.set(l.taskId, set);
    }
  }
  const openTask = (t: TaskDto): OpenTask => ({
    // The row names the applicant already: the task's own name, without what its create listener appends.
    name: t.name.split('｜')[0]!,
    assignee: t.assignee ?? null,
    candidateGroups: [...(groupsOf.get(t.id) ?? [])].sort(),
    holder:
      t.assignee ??
      ([...(groupsOf.get(t.id) ?? [])]
        .sort()
        .map((g) => GROUP_NAMES.get(g) ?? g)
        .join('、') ||
        '未分配'),
    since: new Date(t.created).toISOString(),
    due: t.due ? new Date(t.due).toISOString() : null,
    overdue: t.due != null && new Date(t.due).getTime() < now.getTime(),
  });
  // The cycle's tasks about one application (score sheets, site visits) belong to it on the page.
  const reviewAppOf = new Map(reviewVars.map((v) => [v.executionId, String(v.value)]));

  const reviewSummary = json<ScoreRow[]>(cv.get('reviewSummary'));
  const proposedAwards = json<AwardRow[]>(cv.get('proposedAwards'));
  const adjustDone = activities.some((a) => a.activityId === 'Task_AdjustProposal' && a.endTime);
  const awards = adjustDone ? json<AwardRow[]>(cv.get('awards')) : undefined;
  const shortlistDone = activities.some((a) => a.activityId === 'Task_RecordShortlist' && a.endTime);
  const shortlisted = shortlistDone
    ? new Set(
        json<string[]>(cv.get('shortlistedApplications')) ??
          (reviewSummary ?? []).filter((r) => r.shortlisted).map((r) => r.applicationId),
      )
    : undefined;
  const evaluating = new Set(
    tasks
      .filter((t) => t.taskDefinitionKey === 'Task_Evaluation')
      .map((t) => reviewAppOf.get(t.executionId))
      .filter((x): x is string => !!x),
  );
  const progress: CycleProgress | undefined = cycle
    ? {
        activities,
        shortlisted,
        awardList: awards ? new Set(awards.map((a) => a.applicationId)) : undefined,
        evaluating,
      }
    : undefined;

  const applications: OfficeApplication[] = apps.map((a) => {
    const v = vars.get(a.id) ?? new Map<string, unknown>();
    const applicationId = text(v.get('applicationId')) ?? a.businessKey!.slice(cycleKey.length + 1);
    const own = tasks.filter(
      (t) => t.processInstanceId === a.id || (cycle && reviewAppOf.get(t.executionId) === applicationId),
    );
    const stage = stageOf(
      {
        applicationId,
        state: a.state,
        endActivityId: endOf.get(a.id) ?? null,
        openTaskKeys: own.filter((t) => t.processInstanceId === a.id).map((t) => t.taskDefinitionKey),
      },
      progress,
    );
    const since = own.map((t) => t.created).sort()[0];
    return {
      applicationId,
      businessKey: a.businessKey!,
      applicantName: text(v.get('applicantName')) ?? applicationId,
      kind: v.get('applicantKind') === 'individual' ? 'individual' : 'organization',
      stage,
      stageName: STAGES[stage],
      openTasks: own.map(openTask),
      problems: incidents.filter((i) => i.processInstanceId === a.id).map(problemOf),
      waitingDays: since ? Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / DAY_MS)) : 0,
      processInstanceId: a.id,
      creditCode: text(v.get('creditCode')) ?? null,
      idNumber: text(v.get('idNumber')) ?? null,
      recommendingUnit: text(v.get('recommendingUnit')) ?? null,
      startTime: a.startTime,
    };
  });

  const cycleState = cycle
    ? cycleStateOf(cycle, activities, tasks, incidents, cv, applications, openTask)
    : null;
  return {
    cycle: cycleKey,
    applications,
    cycleState,
    funnel: funnelOf(
      applications.map((a) => a.stage),
      { shortlisted: shortlisted?.size, proposed: (awards ?? proposedAwards)?.length },
    ),
    scores: reviewSummary ?? [],
    lists: {
      preliminaryReady: activities.some((a) => a.activityId === 'Task_ConfirmPreliminary'),
      reviewSummary,
      proposedAwards,
      awards,
      awardsFixed: adjustDone,
      publicityStart: text(cv.get('publicityStart')),
      publicityEnd: text(cv.get('publicityEnd')),
      publicityNoticeText: text(cv.get('publicityNoticeText')),
      awardsRecorded: activities.some((a) => a.activityId === 'Task_RecordAwards' && a.endTime),
      documentNumber: text(cv.get('documentNumber')),
      documentDate: text(cv.get('documentDate')),
    },
  };
}

const WAITING_FOR_DECISIONS = new Set(['Gateway_WaitDecision', 'Message_Decided', 'Timer_Recheck']);

function cycleStateOf(
  cycle: HistoricInstance,
  activities: HistoricActivity[],
  tasks: TaskDto[],
  incidents: Incident[],
  cv: Map<string, unknown>,
  applications: OfficeApplication[],
  openTask: (t: TaskDto) => OpenTask,
): CycleState {
  const current = activities.filter(
    (a) => !a.endTime && !/subProcess|multiInstanceBody/i.test(a.activityType),
  );
  const waitingFor: string[] = [];
  const problems: Problem[] = incidents.filter((i) => i.processInstanceId === cycle.id).map(problemOf);
  const seen = new Set<string>();
  for (const a of current) {
    if (seen.has(a.activityId)) continue;
    seen.add(a.activityId);
    if (a.activityId === 'Timer_Deadline') {
      waitingFor.push(`等待资格审查完成日期（${text(cv.get('deadline')) ?? '未设置'} 17:00）`);
    } else if (WAITING_FOR_DECISIONS.has(a.activityId)) {
      if (seen.has('decisions')) continue;
      seen.add('decisions');
      const pending = applications.filter((x) =>
        ['recommendation', 'eligibility', 'submission'].includes(x.stage),
      );
      waitingFor.push(
        pending.length
          ? `等待资格审查结论：${pending.map((x) => `${x.applicationId}（${x.applicantName}，${x.stageName}）`).join('、')}`
          : '等待资格审查结论',
      );
      if (pending.length === 0)
        problems.push({
          message: '本届评审仍在等待资格审查结论，但所有申报均已作出结论',
          action: '立即重新检查，确定初选名单',
          fix: 'recheck-decisions',
        });
    } else {
      const count = current.filter((c) => c.activityId === a.activityId).length;
      waitingFor.push(`${a.activityName ?? a.activityId}${count > 1 ? `（${count} 项）` : ''}`);
    }
  }
  if (cycle.state === 'COMPLETED') waitingFor.push('本届评审已结束');
  return {
    businessKey: cycle.businessKey ?? '',
    processInstanceId: cycle.id,
    state: cycle.state,
    startTime: cycle.startTime,
    waitingFor,
    openTasks: tasks.filter((t) => t.processInstanceId === cycle.id).map(openTask),
    problems,
  };
}
