import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { EngineRestError, toVariables, type EngineRest } from '../camunda/rest.js';
import { creditCodeCheckChar, organizationCodeCheckChar } from '../domain/identifiers.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../mail/sink.js';
import {
  completeTask,
  endedAt,
  startApplication,
  tasksOf,
  waitForTask,
  type TaskDto,
} from './support/application.js';
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
// office naming the application.

/** A valid 统一社会信用代码 for the 8-character organization code (both check characters computed). */
const code = (organization8: string) => {
  const first17 = `91310113${organization8}${organizationCodeCheckChar(organization8)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};
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

interface ConfirmTask extends TaskDto {
  assignee: string;
}

describe('award-cycle: 公告, panel, teams with recusal', () => {
  const received: ReceivedMail[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-cycle-'));
  let sink: SmtpSink;
  let workers: WorkersProcess;
  let office: EngineRest;
  let unit: EngineRest;
  const admin = adminRest();

  beforeAll(async () => {
    // Given the office's expert pool, imported with the import command into the workers' store
    const file = path.join(dataDir, 'experts.csv');
    fs.writeFileSync(file, EXPERTS_CSV);
    const imported = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/experts-import.ts', file], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    sink = await startSmtpSink(0, (mail) => void received.push(mail));
    workers = startWorkersProcess({ SMTP_URL: `smtp://127.0.0.1:${sink.port}` }, dataDir);
    office = await personRest('cy-office', ['office']);
    unit = await personRest('cy-luodian', ['recommender-luodian']);
  });
  afterAll(async () => {
    await workers.stop();
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** An application of the cycle that 罗店镇 recommends and the office accepts. */
  async function accepted(cycle: string, id: string, name: string, creditCode: string, industry: string) {
    const instance = await startApplication(office, id, {
      cycleKey: cycle,
      applicantName: name,
      creditCode,
      industry,
      applicantEmail: `${id.toLowerCase()}@example.cn`,
    });
    const recommend = await waitForTask(unit, instance.id, 'Task_Recommend');
    await completeTask(unit, recommend.id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意。',
    });
    const review = await waitForTask(office, instance.id, 'Task_EligibilityReview');
    await completeTask(office, review.id, { reviewDecision: 'accept', reviewReasons: '符合条件。' });
    expect(await waitFor(`${id} accepted`, () => endedAt(instance.id))).toBe('End_Accepted');
  }

  async function startCycle(year: string, teamSize: number): Promise<{ id: string; businessKey: string }> {
    return office.post('/process-definition/key/award-cycle/start', {
      variables: toVariables({
        year,
        applicationStart: `${year}-03-01`,
        applicationEnd: `${year}-05-31`,
        deadline: `${year}-06-30`,
        cycleFields: '制造业、服务业',
        teamSize,
      }),
    });
  }

  const confirmTasks = (processInstanceId: string) =>
    admin.get<ConfirmTask[]>(`/task?processInstanceId=${processInstanceId}&taskDefinitionKey=Task_Confirm`);
  /** A Json variable's value, which the REST API returns as its text. */
  const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
  const taskVariable = async (taskId: string, name: string) =>
    (await admin.get<{ value: unknown }>(`/task/${taskId}/variables/${name}?deserializeValue=false`)).value;
  /** The office sets the expert's password in Admin; the expert then works as themselves. */
  async function expertRest(id: string): Promise<EngineRest> {
    const password = `pw-${id}`;
    await admin.put(`/user/${id}/credentials`, {
      password,
      authenticatedUserPassword: process.env.QA_ADMIN_PASSWORD,
    });
    return admin.as({ username: id, password });
  }

  it('announces the cycle, forms a qualified panel and staffs every team, replacing a recused expert', async () => {
    await accepted('cycle-2031', 'A-001', '上海宝山甲制造有限公司', ORG_A, '制造业');
    await accepted('cycle-2031', 'A-002', '上海宝山乙服务有限公司', ORG_B, '服务业');
    await accepted('cycle-2031', 'A-003', '上海宝山丙科技有限公司', ORG_C, '制造业');

    // When the office starts the 2031 cycle
    const cycle = await startCycle('2031', 2);
    expect(cycle.businessKey).toBe('cycle-2031');
    // Then the 公告 reaches the recommending unit's account (Art. 18 (1))
    const notice = await waitFor('the announcement', async () =>
      received.find((m) => m.to.includes('cy-luodian@example.cn') && m.subject.includes('2031 年度评审公告')),
    );
    expect(notice.text).toContain('申报时间：2031-03-01 至 2031-05-31');
    expect(notice.text).toContain('评审领域：制造业、服务业');

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
    const members = await admin.get<{ id: string }[]>('/user?memberOfGroup=panel-2031');
    expect(members.map((m) => m.id).sort()).toEqual(['cy-e1', 'cy-e2', 'cy-e3', 'cy-e4']);
    expect(await admin.get<unknown[]>('/user?memberOfGroup=experts&id=cy-e3')).toHaveLength(1);
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
    const visible = await declarerRest.get<ConfirmTask[]>(`/task?processInstanceId=${cycle.id}`);
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

    // Then the cycle ends with the final teams and its panel group dissolved (Art. 11)
    await waitFor('the end of the cycle', async () => {
      const hist = await admin.get<{ state: string }>(`/history/process-instance/${cycle.id}`);
      return hist.state === 'COMPLETED';
    });
    expect(
      await admin.get<unknown[]>(
        `/history/activity-instance?processInstanceId=${cycle.id}&activityId=End_Cycle`,
      ),
    ).toHaveLength(1);
    const [finalVariable] = await admin.get<{ value: unknown }[]>(
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
  });

  it('stops an infeasible team at the office, naming the application, and continues once experts are added', async () => {
    // Given one accepted application of applicant A, and a panel where 周专家 works for A
    await accepted('cycle-2032', 'B-001', '上海宝山甲制造有限公司', ORG_A, '制造业');
    const cycle = await startCycle('2032', 2);
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
  });
});
