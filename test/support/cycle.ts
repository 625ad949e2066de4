// Driving award-cycle through the real engine: the steps the cycle tests share (applications the
// office accepts, the cycle's start, the panel, the reviews, the site visits, the decision phase).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../camunda/engine-process.js';
import { toVariables, type EngineDto, type EngineRest, type Present } from '../../camunda/rest.js';
import { formatAwardLines, type AwardEntry } from '../../domain/awards.js';
import { creditCodeCheckChar, organizationCodeCheckChar } from '../../domain/identifiers.js';
import { completeTask, endedAt, startApplication, waitForTask, type TaskDto } from './application.js';
import { adminRest, waitFor } from './engine.js';

/** A valid 统一社会信用代码 for the 8-character organization code (both check characters computed). */
export const creditCode = (organization8: string): string => {
  const first17 = `91310113${organization8}${organizationCodeCheckChar(organization8)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};

/** Imports the expert pool with the import command into the workers' store in `dataDir`. */
export function importExperts(dataDir: string, csv: string): { status: number | null; stderr: string } {
  const file = path.join(dataDir, 'experts.csv');
  fs.writeFileSync(file, csv);
  const imported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/experts-import.ts', file], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      // Imports act for an office or admin account the engine checks (issue 8 (4)).
      ENGINE_URL: process.env.QA_ENGINE_REST_URL,
      OPERATOR_USER: process.env.QA_ADMIN_USER,
      OPERATOR_PASSWORD: process.env.QA_ADMIN_PASSWORD,
    },
    encoding: 'utf8',
  });
  return { status: imported.status, stderr: imported.stderr };
}

/** A task with its assignee (the tasks the cycle assigns to one expert each). */
export type AssignedTask = Present<TaskDto, 'assignee'>;

/** A Json variable's value, which the REST API returns as its text. */
export const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** A task variable as the admin sees it (Json as its text). */
export const taskVariable = async (taskId: string, name: string): Promise<unknown> =>
  (await adminRest().get(`/task/${taskId}/variables/${name}?deserializeValue=false`)).value;

/** The open tasks of one activity of an instance, as the admin sees them. */
export const tasksAt = (processInstanceId: string, key: string): Promise<AssignedTask[]> =>
  adminRest().get(`/task?processInstanceId=${processInstanceId}&taskDefinitionKey=${key}`) as Promise<
    AssignedTask[]
  >;

/** Waits until exactly `count` tasks of the activity are open. */
export const waitForTasks = (
  processInstanceId: string,
  key: string,
  count: number,
): Promise<AssignedTask[]> =>
  waitFor(`${count} × ${key}`, async () => {
    const list = await tasksAt(processInstanceId, key);
    return list.length === count ? list : undefined;
  });

/** The office sets the expert's password in Admin; the expert then works as themselves. */
export async function expertRest(id: string): Promise<EngineRest> {
  const admin = adminRest();
  const password = `pw-${id}`;
  await admin.put(`/user/${id}/credentials`, {
    password,
    authenticatedUserPassword: process.env.QA_ADMIN_PASSWORD,
  });
  return admin.as({ username: id, password });
}

/** A GB/T 19580 sheet: 结果 as given, the other six categories at 450 of 600 points. */
export const sheetValues = (results: number) => ({
  scoreLeadership: 80,
  scoreStrategy: 70,
  scoreCustomers: 70,
  scoreResources: 100,
  scoreProcesses: 70,
  scoreMeasurement: 60,
  scoreResults: results,
  strengths: '领导重视，过程受控。',
  improvements: '加强测量分析与改进。',
});

/** An application of the cycle that the unit recommends and the office accepts. */
export async function acceptedApplication(
  office: EngineRest,
  unit: EngineRest,
  cycle: string,
  a: { id: string; name: string; creditCode: string; industry: string },
): Promise<void> {
  const instance = await startApplication(office, a.id, {
    cycleKey: cycle,
    applicantName: a.name,
    creditCode: a.creditCode,
    industry: a.industry,
    applicantEmail: `${a.id.toLowerCase()}@example.cn`,
  });
  const recommend = await waitForTask(unit, instance.id, 'Task_Recommend');
  await completeTask(unit, recommend.id, {
    recommendationDecision: 'approve',
    recommendationOpinion: '同意。',
  });
  const review = await waitForTask(office, instance.id, 'Task_EligibilityReview');
  await completeTask(office, review.id, { reviewDecision: 'accept', reviewReasons: '符合条件。' });
  expect(await waitFor(`${a.id} accepted`, () => endedAt(instance.id))).toBe('End_Accepted');
}

/** A started cycle: award-cycle's start event gives it the business key cycle-<year>. */
export type StartedCycle = Present<EngineDto<'ProcessInstanceWithVariablesDto'>, 'id' | 'businessKey'>;

/** Starts the cycle with dates ten years back, so its deadline timer (Art. 18 (3)) is due at once. */
export function startCycle(office: EngineRest, year: string, teamSize: number): Promise<StartedCycle> {
  const past = Number(year) - 10;
  return office.post('/process-definition/key/award-cycle/start', {
    variables: toVariables({
      year,
      applicationStart: `${past}-03-01`,
      // Art. 14–16, 25: also the cycle's eligibility date (eligibilityAsOf); the tests' applications
      // are checked before their cycle starts, so as of the day of the test (no cycle date yet)
      applicationEnd: `${past}-05-31`,
      deadline: `${past}-06-30`,
      cycleFields: '制造业、服务业',
      teamSize,
    }),
  }) as Promise<StartedCycle>;
}

/** The office schedules every open site visit (Art. 18 (5)); returns the applications scheduled. */
export async function scheduleSiteVisits(
  office: EngineRest,
  cycleId: string,
  count: number,
): Promise<string[]> {
  const tasks = await waitForTasks(cycleId, 'Task_ScheduleSiteVisit', count);
  const scheduled: string[] = [];
  for (const t of tasks) {
    scheduled.push(String(await taskVariable(t.id, 'reviewApplicationId')));
    await completeTask(office, t.id, { siteVisitDate: '2031-09-15', siteVisitPlace: '宝山区友谊路 1 号' });
  }
  return scheduled;
}

/** The leads' 现场评审报告 and 综合评价报告 for every shortlisted application, with its site score. */
export async function reportSiteVisits(cycleId: string, siteScores: Record<string, number>): Promise<void> {
  const count = Object.keys(siteScores).length;
  for (const t of await waitForTasks(cycleId, 'Task_SiteReport', count)) {
    const app = String(await taskVariable(t.id, 'reviewApplicationId'));
    await completeTask(await expertRest(t.assignee), t.id, {
      siteScore: siteScores[app],
      siteReport: `${app} 现场评审报告：过程受控。`,
    });
  }
  for (const t of await waitForTasks(cycleId, 'Task_Evaluation', count)) {
    const app = String(await taskVariable(t.id, 'reviewApplicationId'));
    await completeTask(await expertRest(t.assignee), t.id, {
      evaluationReport: `${app} 综合评价：先进经验可推广。`,
    });
  }
}

/** The people of the decision phase (Art. 9, 18 (7)). */
export interface DecisionPeople {
  office: EngineRest;
  committee: EngineRest;
  government: EngineRest;
}

/**
 * The shortest decision phase: the office keeps the proposal (or types other lines, e.g. none so
 * that nothing reaches the registry), the committee and the government approve, the 公示 (from
 * `publicityStartDate`) ends by its timer without objections and the office records the 发文 — the
 * cycle then records the awards and ends.
 */
export async function approveAndAnnounce(
  people: DecisionPeople,
  cycleId: string,
  publicityStartDate: string,
  awards?: unknown[],
): Promise<void> {
  const admin = adminRest();
  const adjust = await waitForTask(people.office, cycleId, 'Task_AdjustProposal');
  const proposed = json<unknown[]>(await taskVariable(adjust.id, 'proposedAwards'));
  // Through the form's own field (the engine refuses variables a form does not declare, issue 14 (5)).
  await completeTask(people.office, adjust.id, {
    awardsLines: formatAwardLines((awards ?? proposed) as AwardEntry[]),
  });
  const committee = await waitForTask(people.committee, cycleId, 'Task_CommitteeReview');
  await completeTask(people.committee, committee.id, {
    committeeDecision: 'approve',
    committeeReasons: '同意。',
  });
  const government = await waitForTask(people.government, cycleId, 'Task_GovernmentApproval');
  await admin.put(`/process-instance/${cycleId}/variables/publicityStartDate`, {
    value: publicityStartDate,
    type: 'String',
  });
  await completeTask(people.government, government.id, {
    governmentDecision: 'approve',
    governmentReasons: '批准。',
  });
  const timer = await waitFor(
    'the publicity timer',
    async () => (await admin.get(`/job?processInstanceId=${cycleId}&activityId=Timer_PublicityEnd`))[0],
  );
  await admin.post(`/job/${timer.id}/execute`);
  const record = await waitForTask(people.office, cycleId, 'Task_RecordDocument');
  await completeTask(people.office, record.id, {
    documentNumber: '宝府〔2031〕1号',
    documentDate: '2031-12-01',
  });
}

/** A test calendar year (Art. 18 (7)) in the workers' <DATA_DIR>/calendar: 1–7 October off, 10 October worked. */
export function writeTestCalendar(dataDir: string, year: number): void {
  const dir = path.join(dataDir, 'calendar');
  fs.mkdirSync(dir, { recursive: true });
  const holidays = [1, 2, 3, 4, 5, 6, 7].map((d) => `${year}-10-0${d}`);
  const workdays = [`${year}-10-10`].filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
  fs.writeFileSync(
    path.join(dir, `${year}.json`),
    JSON.stringify({ year, holidays, workdays, source: '测试用节假日安排' }),
  );
}
