import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EngineRestError, type EngineRest } from '../camunda/rest.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../mail/sink.js';
import { completeTask, endedAt, startApplication, tasksOf, waitForTask } from './support/application.js';
import {
  acceptedApplication,
  approveAndAnnounce,
  creditCode as code,
  expertRest,
  importExperts,
  json,
  scheduleSiteVisits,
  sheetValues,
  startCycle as startCycleAs,
  tasksAt,
  taskVariable,
  writeTestCalendar,
  type AssignedTask as ConfirmTask,
} from './support/cycle.js';
import {
  adminRest,
  personRest,
  startWorkersProcess,
  waitFor,
  type WorkersProcess,
} from './support/engine.js';

// award-cycle through the real engine (Art. 10–12, 18 (1), 26): the 公告 reaches the recommending
// units, the office selects a qualified panel, teams are built for the cycle's accepted applications
// with recusal, an expert who declares a conflict is replaced, and an infeasible team stops at the
// office naming the application. The office schedules each site visit (Art. 18 (5)); the shortest
// decision phase (test/award-decision.test.ts has the full one) leads to the panel's dissolution.

const ORG_A = code('MA1GKC01');
const ORG_B = code('MA1GKC02');
const ORG_C = code('MA1GKC03');

const EXPERTS_CSV = [
  'id,name,organizationCreditCode,yearsOfExperience,trained,ethicsPledgeSigned,specialties,email',
  // works for applicant A: Art. 26 excludes them from A's team
  `cy-e1,周专家,${ORG_A},20,true,true,制造业,e1@example.cn`,
  'cy-e2,吴专家,,15,true,true,制造业;服务业,e2@example.cn',
  'cy-e3,郑专家,,10,true,true,服务业,e3@example.cn',
  'cy-e4,王专家,,8,true,true,制造业,e4@example.cn',
  // Art. 12 (2): three years only — never selectable
  'cy-e5,冯专家,,3,true,true,制造业,e5@example.cn',
].join('\n');

describe('award-cycle: 公告, panel, teams with recusal', () => {
  const received: ReceivedMail[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-cycle-'));
  let sink: SmtpSink;
  let workers: WorkersProcess;
  let office: EngineRest;
  let unit: EngineRest;
  let committee: EngineRest;
  let government: EngineRest;
  const admin = adminRest();

  beforeAll(async () => {
    // Given the office's expert pool, imported with the import command into the workers' store
    const imported = importExperts(dataDir, EXPERTS_CSV);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    // and a calendar year for the 公示 that lies in the future (the timer is fired through the job API)
    writeTestCalendar(dataDir, 2099);
    sink = await startSmtpSink(0, (mail) => void received.push(mail));
    workers = startWorkersProcess({ SMTP_URL: `smtp://127.0.0.1:${sink.port}` }, dataDir);
    office = await personRest('cy-office', ['office']);
    unit = await personRest('cy-luodian', ['recommender-luodian']);
    committee = await personRest('cy-committee', ['committee']);
    government = await personRest('cy-government', ['district-government']);
  });
  afterAll(async () => {
    await workers.stop();
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** An application of the cycle that 罗店镇 recommends and the office accepts. */
  const accepted = (cycle: string, id: string, name: string, creditCode: string, industry: string) =>
    acceptedApplication(office, unit, cycle, { id, name, creditCode, industry });
  const startCycle = (year: string, teamSize: number) => startCycleAs(office, year, teamSize);

  const confirmTasks = (processInstanceId: string) => tasksAt(processInstanceId, 'Task_Confirm');
  const scoreSheetTasks = (processInstanceId: string) => tasksAt(processInstanceId, 'Task_ScoreSheet');

  it('announces the cycle, forms a qualified panel and staffs every team, replacing a recused expert', async () => {
    await accepted('cycle-2031', 'A-001', '上海宝山甲制造有限公司', ORG_A, '制造业');
    await accepted('cycle-2031', 'A-002', '上海宝山乙服务有限公司', ORG_B, '服务业');
    await accepted('cycle-2031', 'A-003', '上海宝山丙科技有限公司', ORG_C, '制造业');
    // and one application still waiting for its recommendation
    const late = await startApplication(office, 'A-004', {
      cycleKey: 'cycle-2031',
      applicantName: '上海宝山丁贸易有限公司',
      creditCode: code('MA1GKC04'),
      industry: '服务业',
      applicantEmail: 'a-004@example.cn',
    });

    // When the office starts the 2031 cycle
    const cycle = await startCycle('2031', 2);
    expect(cycle.businessKey).toBe('cycle-2031');
    // Then the 公告 reaches the recommending unit's account (Art. 18 (1))
    const notice = await waitFor('the announcement', async () =>
      received.find((m) => m.to.includes('cy-luodian@example.cn') && m.subject.includes('2031 年度评审公告')),
    );
    expect(notice.text).toContain('申报时间：2021-03-01 至 2021-05-31');
    // and the cycle fixes one eligibility date for all its applications: its deadline (Art. 14–16, 25)
    expect(
      await waitFor('the eligibility date', async () => {
        const [v] = await admin.get(
          `/variable-instance?processInstanceIdIn=${cycle.id}&variableName=eligibilityAsOf`,
        );
        return v?.value;
      }),
    ).toBe('2021-05-31');
    expect(notice.text).toContain('评审领域：制造业、服务业');

    // At the deadline the cycle waits while A-004 has no eligibility decision (Art. 10 (3), 18 (3))
    const recheck = await waitFor('the cycle waiting for A-004', async () => {
      const [job] = await admin.get(`/job?processInstanceId=${cycle.id}&activityId=Timer_Recheck`);
      return job;
    });
    expect(await tasksAt(cycle.id, 'Task_ConfirmPreliminary')).toEqual([]);
    // When 罗店镇 declines to recommend A-004
    const recommendLate = await waitForTask(unit, late.id, 'Task_Recommend');
    await completeTask(unit, recommendLate.id, {
      recommendationDecision: 'refuse',
      recommendationOpinion: '不符合推荐条件。',
    });
    expect(await waitFor('A-004 refused', () => endedAt(late.id))).toBe('End_Refused');
    // Then the decision moves the cycle on at once (message eligibility-decided): the hourly
    // safety-net timer is never executed, it is gone
    expect(recheck.id).toBeTruthy();
    // And the office confirms the 初选名单: the three accepted applications
    const preliminary = await waitForTask(office, cycle.id, 'Task_ConfirmPreliminary');
    expect(await admin.get(`/job?processInstanceId=${cycle.id}&activityId=Timer_Recheck`)).toEqual([]);
    const list = String(await taskVariable(preliminary.id, 'preliminaryListText'));
    expect(list).toContain('正式受理（初选名单，3 项）');
    expect(list).toContain('cycle-2031/A-001（上海宝山甲制造有限公司）');
    expect(list).toContain('未获推荐或不予受理（1 项）：\n  cycle-2031/A-004（上海宝山丁贸易有限公司）');
    await completeTask(office, preliminary.id, { preliminaryConfirmed: true });

    // When the office selects a panel with an expert of only three years (Art. 12 (2))
    const select = await waitForTask(office, cycle.id, 'Task_SelectPanel');
    const options = json<{ value: string }[]>(await taskVariable(select.id, 'expertOptions'));
    expect(options.map((o) => o.value)).toEqual(['cy-e1', 'cy-e2', 'cy-e3', 'cy-e4']);
    await completeTask(office, select.id, {
      panelExperts: ['cy-e1', 'cy-e2', 'cy-e5'],
      panelLeader: 'cy-e2',
    });
    // Then the selection comes back naming the article
    const again = await waitFor('the selection again', async () =>
      (await tasksOf(office, cycle.id)).find(
        (t) => t.taskDefinitionKey === 'Task_SelectPanel' && t.id !== select.id,
      ),
    );
    expect(String(await taskVariable(again.id, 'panelWarning'))).toContain('不符合第十二条第（二）项');

    // When the office selects four qualified experts, 吴专家 as 组长
    await completeTask(office, again.id, {
      panelExperts: ['cy-e1', 'cy-e2', 'cy-e3', 'cy-e4'],
      panelLeader: 'cy-e2',
    });
    // Then each application gets two reviewers, each confirms in a task of their own
    const tasks = await waitFor('six confirmation tasks', async () => {
      const list = await confirmTasks(cycle.id);
      return list.length === 6 ? list : undefined;
    });
    const pairs = await Promise.all(
      tasks.map(async (t) => ({
        task: t,
        application: String(await taskVariable(t.id, 'reviewApplicationId')),
        expert: t.assignee,
      })),
    );
    // and the panel group exists for this cycle only, its members are users in `experts`
    const members = await admin.get('/user?memberOfGroup=panel-2031');
    expect(members.map((m) => m.id).sort()).toEqual(['cy-e1', 'cy-e2', 'cy-e3', 'cy-e4']);
    expect(await admin.get('/user?memberOfGroup=experts&id=cy-e3')).toHaveLength(1);
    // Art. 26: 周专家 works for applicant A and is not on A's team
    expect(pairs.filter((p) => p.application === 'cycle-2031/A-001').map((p) => p.expert)).not.toContain(
      'cy-e1',
    );
    for (const app of ['cycle-2031/A-001', 'cycle-2031/A-002', 'cycle-2031/A-003'])
      expect(new Set(pairs.filter((p) => p.application === app).map((p) => p.expert)).size).toBe(2);
    // the largest load is the smallest possible: six reviews over four experts, at most two each
    const load = (list: typeof pairs) =>
      Math.max(...['cy-e1', 'cy-e2', 'cy-e3', 'cy-e4'].map((e) => list.filter((p) => p.expert === e).length));
    expect(load(pairs)).toBe(2);

    // An expert sees only their own tasks (Art. 26)
    const declarer = pairs.find((p) => p.application === 'cycle-2031/A-002')!;
    const declarerRest = await expertRest(declarer.expert);
    const visible = await declarerRest.get(`/task?processInstanceId=${cycle.id}`);
    expect(visible.every((t) => t.assignee === declarer.expert)).toBe(true);
    expect(visible.length).toBe(pairs.filter((p) => p.expert === declarer.expert).length);

    // When that expert declares a conflict with A-002 and everyone else confirms
    await completeTask(declarerRest, declarer.task.id, {
      conflictDecision: 'conflict',
      conflictReason: '本人曾为该单位提供咨询服务。',
    });
    for (const p of pairs.filter((x) => x !== declarer)) {
      const rest = await expertRest(p.expert);
      await completeTask(rest, p.task.id, { conflictDecision: 'none' });
    }
    // Then a replacement who is not yet on A-002's team is asked to confirm in turn
    const team = pairs.filter((p) => p.application === 'cycle-2031/A-002').map((p) => p.expert);
    const replacementTask = await waitFor('the replacement task', async () =>
      (await confirmTasks(cycle.id)).find((t) => !tasks.some((old) => old.id === t.id)),
    );
    expect(team).not.toContain(replacementTask.assignee);
    expect(await taskVariable(replacementTask.id, 'reviewApplicationId')).toBe('cycle-2031/A-002');
    await completeTask(await expertRest(replacementTask.assignee), replacementTask.id, {
      conflictDecision: 'none',
    });

    // 资料评审 (Art. 17, 18 (4)): one score sheet per reviewer and application, each for that expert only
    const sheets = await waitFor('six score sheets', async () => {
      const list = await scoreSheetTasks(cycle.id);
      return list.length === 6 ? list : undefined;
    });
    const sheetOf = async (t: ConfirmTask) => ({
      task: t,
      application: String(await taskVariable(t.id, 'reviewApplicationId')),
      expert: t.assignee,
    });
    const sheetPairs = await Promise.all(sheets.map(sheetOf));
    for (const app of ['cycle-2031/A-001', 'cycle-2031/A-002', 'cycle-2031/A-003'])
      expect(sheetPairs.filter((p) => p.application === app)).toHaveLength(2);
    expect(sheetPairs.filter((p) => p.application === 'cycle-2031/A-002').map((p) => p.expert)).not.toContain(
      declarer.expert,
    );
    expect(await taskVariable(sheets[0]!.id, 'reviewApplicantKind')).toBe('organization');

    // An expert cannot complete another expert's sheet (Art. 26)
    const first = sheetPairs[0]!;
    const other = sheetPairs.find((p) => p.expert !== first.expert)!;
    const firstRest = await expertRest(first.expert);
    await expect(completeTask(firstRest, other.task.id, sheetValues(300))).rejects.toThrow(EngineRestError);
    const ownSheets = await firstRest.get(`/task?processInstanceId=${cycle.id}`);
    expect(ownSheets.map((t) => t.assignee)).toEqual(ownSheets.map(() => first.expert));
    // nor open a task of a team they are not on, nor read its variables
    const otherTeam = sheetPairs.find(
      (p) => !sheetPairs.some((q) => q.expert === first.expert && q.application === p.application),
    );
    expect(otherTeam).toBeDefined();
    await expect(firstRest.get(`/task/${otherTeam!.task.id}`)).rejects.toThrow(EngineRestError);
    await expect(firstRest.get(`/task/${otherTeam!.task.id}/variables`)).rejects.toThrow(EngineRestError);

    // When an expert bypasses the form through REST with 结果 = 450 (maximum 400)
    await completeTask(firstRest, first.task.id, sheetValues(450));
    // Then the sheet comes back to that expert naming the field and the article; nothing is stored
    const returned = await waitFor('the refused sheet again', async () =>
      (await scoreSheetTasks(cycle.id)).find(
        (t) => t.assignee === first.expert && !sheets.some((old) => old.id === t.id),
      ),
    );
    const warning = String(await taskVariable(returned.id, 'scoreWarning'));
    expect(warning).toContain('scoreResults');
    expect(warning).toContain('结果的评分应在 0 至 400 分之间');
    expect(warning).toContain('第十七条');
    expect(await taskVariable(returned.id, 'reviewApplicationId')).toBe(first.application);

    // When every reviewer submits: A-001 scores highest, A-003 next, A-002 lowest
    const resultsOf: Record<string, number> = {
      'cycle-2031/A-001': 380,
      'cycle-2031/A-002': 200,
      'cycle-2031/A-003': 300,
    };
    for (const p of [{ ...first, task: returned }, ...sheetPairs.slice(1)])
      await completeTask(await expertRest(p.expert), p.task.id, sheetValues(resultsOf[p.application]!));

    // Then the office sees the ranking and selects the 现场评审名单 (好中选优)
    const shortlist = await waitForTask(office, cycle.id, 'Task_Shortlist');
    const ranking = String(await taskVariable(shortlist.id, 'scoreRankingText'));
    expect(ranking.split('\n').map((l) => l.split('（')[0])).toEqual([
      '1. cycle-2031/A-001',
      '2. cycle-2031/A-003',
      '3. cycle-2031/A-002',
    ]);
    expect(ranking).toContain('平均 830 / 1000 分');
    await completeTask(office, shortlist.id, {
      shortlistedApplications: ['cycle-2031/A-001', 'cycle-2031/A-003'],
    });
    // and A-002, not shortlisted, receives its 资料评审报告 with the improvement suggestions
    const feedback = await waitFor('the feedback mail', async () =>
      received.find((m) => m.to.includes('a-002@example.cn') && m.subject.includes('资料评审报告')),
    );
    expect(feedback.subject).toBe('【宝山区政府质量奖】资料评审报告：上海宝山乙服务有限公司');
    expect(feedback.text).toContain('第十八条第（四）项');
    expect(feedback.text).toContain('资料评审得分（评审组平均）：650 / 1000 分');
    expect(feedback.text).toContain('结果：200 / 400');
    expect(feedback.text).toContain('  - 加强测量分析与改进。');

    // 现场评审 and 综合评价 (Art. 18 (5), (6)): each shortlisted team's 组长 reports
    const teamsFinal = json<{ applicationId: string; expertId: string; lead: boolean }[]>(
      (await admin.get(`/process-instance/${cycle.id}/variables/reviewTeamsFinal?deserializeValue=false`))
        .value,
    );
    const leadOf = (app: string) => teamsFinal.find((a) => a.applicationId === app && a.lead)!.expertId;
    // the office first schedules each visit; the team and the applicant are told the date and place
    expect((await scheduleSiteVisits(office, cycle.id, 2)).sort()).toEqual([
      'cycle-2031/A-001',
      'cycle-2031/A-003',
    ]);
    const schedule = await waitFor('the site-visit schedule to A-001', async () =>
      received.find((m) => m.to.includes('a-001@example.cn') && m.subject.includes('现场评审安排')),
    );
    expect(schedule.text).toContain('日期：2031-09-15');
    expect(schedule.text).toContain('地点：宝山区友谊路 1 号');
    const siteTasks = await waitFor('two site-review tasks', async () => {
      const list = await tasksAt(cycle.id, 'Task_SiteReport');
      return list.length === 2 ? list : undefined;
    });
    for (const t of siteTasks) {
      const app = String(await taskVariable(t.id, 'reviewApplicationId'));
      expect(t.assignee).toBe(leadOf(app));
      await completeTask(await expertRest(t.assignee), t.id, {
        siteScore: app.endsWith('A-001') ? 810 : 690,
        siteReport: `${app} 现场评审报告：过程受控。`,
      });
    }
    const evaluations = await waitFor('two evaluation tasks', async () => {
      const list = await tasksAt(cycle.id, 'Task_Evaluation');
      return list.length === 2 ? list : undefined;
    });
    for (const t of evaluations) {
      const app = String(await taskVariable(t.id, 'reviewApplicationId'));
      expect(String(await taskVariable(t.id, 'siteReport'))).toContain(`${app} 现场评审报告`);
      await completeTask(await expertRest(t.assignee), t.id, {
        evaluationReport: `${app} 综合评价：先进经验可推广。`,
      });
    }

    // When the decision phase runs its shortest course with every class left empty (Art. 7, 18 (6)-(8)),
    // so that applicant A has no award on record when it applies again below
    await approveAndAnnounce({ office, committee, government }, cycle.id, '2099-09-29', []);
    // Then the cycle ends with the final teams and its panel group dissolved (Art. 11)
    await waitFor('the end of the cycle', async () => {
      const hist = await admin.get(`/history/process-instance/${cycle.id}`);
      return hist.state === 'COMPLETED';
    });
    expect(
      await admin.get(`/history/activity-instance?processInstanceId=${cycle.id}&activityId=End_Cycle`),
    ).toHaveLength(1);
    const [finalVariable] = await admin.get(
      `/history/variable-instance?processInstanceId=${cycle.id}&variableName=reviewTeamsFinal&deserializeValues=false`,
    );
    const final = json<{ applicationId: string; expertId: string; lead: boolean }[]>(finalVariable?.value);
    const a002 = final.filter((a) => a.applicationId === 'cycle-2031/A-002').map((a) => a.expertId);
    expect(a002).toContain(replacementTask.assignee);
    expect(a002).not.toContain(declarer.expert);
    expect(a002).toHaveLength(2);
    expect(
      final
        .filter((a) => a.lead)
        .map((a) => a.applicationId)
        .sort(),
    ).toEqual(['cycle-2031/A-001', 'cycle-2031/A-002', 'cycle-2031/A-003']);
    await expect(admin.get('/group/panel-2031')).rejects.toThrow(EngineRestError);
    // and it holds the ranked list with all scores and reports for the 建议名单 (Art. 18 (6))
    const [summaryVariable] = await admin.get(
      `/history/variable-instance?processInstanceId=${cycle.id}&variableName=reviewSummary&deserializeValues=false`,
    );
    const summary = json<
      {
        rank: number;
        applicationId: string;
        documentScore: number;
        shortlisted: boolean;
        siteScore?: number;
        evaluationReport?: string;
      }[]
    >(summaryVariable?.value);
    expect(
      summary.map((r) => [r.rank, r.applicationId, r.documentScore, r.shortlisted, r.siteScore]),
    ).toEqual([
      [1, 'cycle-2031/A-001', 830, true, 810],
      [2, 'cycle-2031/A-003', 750, true, 690],
      [3, 'cycle-2031/A-002', 650, false, undefined],
    ]);
    expect(summary[0]!.evaluationReport).toBe('cycle-2031/A-001 综合评价：先进经验可推广。');
    expect(received.filter((m) => m.subject.includes('资料评审报告'))).toHaveLength(1);
  }, 600_000);

  it('stops an infeasible team at the office, naming the application, and continues once experts are added', async () => {
    // Given one accepted application of applicant A, and a panel where 周专家 works for A
    await accepted('cycle-2032', 'B-001', '上海宝山甲制造有限公司', ORG_A, '制造业');
    const cycle = await startCycle('2032', 2);
    const preliminary = await waitForTask(office, cycle.id, 'Task_ConfirmPreliminary');
    await completeTask(office, preliminary.id, { preliminaryConfirmed: true });
    const select = await waitForTask(office, cycle.id, 'Task_SelectPanel');
    // When the office selects only 周专家 and 吴专家 for teams of two
    await completeTask(office, select.id, { panelExperts: ['cy-e1', 'cy-e2'], panelLeader: 'cy-e2' });
    // Then no short team is formed: the office gets a task naming the application
    const resolve = await waitForTask(office, cycle.id, 'Task_ResolveAssignment');
    const message = String(await taskVariable(resolve.id, 'infeasibleMessage'));
    expect(message).toContain('cycle-2032/B-001（上海宝山甲制造有限公司）');
    expect(message).toContain('第二十六条');
    expect(await confirmTasks(cycle.id)).toEqual([]);

    // When the office adds 郑专家
    await completeTask(office, resolve.id, { additionalPanelExperts: ['cy-e3'] });
    // Then the team is formed without 周专家
    const tasks = await waitFor('two confirmation tasks', async () => {
      const list = await confirmTasks(cycle.id);
      return list.length === 2 ? list : undefined;
    });
    expect(tasks.map((t) => t.assignee).sort()).toEqual(['cy-e2', 'cy-e3']);
    await admin.delete(`/process-instance/${cycle.id}?skipCustomListeners=true`);
  }, 300_000);
});
