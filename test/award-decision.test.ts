import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toVariables, type EngineRest } from '../camunda/rest.js';
import { formatAwardLines } from '../domain/awards.js';
import { auditTrail } from '../store/audit.js';
import { openStore } from '../store/index.js';
import { staffRecusalsOf } from '../store/recusals.js';
import { insertObjection } from '../store/objections.js';
import { findOrganizationRecords } from '../store/registry.js';
import { completeTask, endedAt, startApplication, variable, waitForTask } from './support/application.js';
import {
  acceptedApplication,
  creditCode,
  expertRest,
  importExperts,
  json,
  reportSiteVisits,
  scheduleSiteVisits,
  sheetValues,
  startCycle,
  tasksAt,
  taskVariable,
  waitForTasks,
  writeTestCalendar,
} from './support/cycle.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// award-cycle's decision phase through the real engine (Art. 7, 9, 11, 18 (4)-(8), 19): the 组长
// reconciles deviating scores, the office schedules the site visits, the proposal comes from the
// 综合评价 ranking, a list that breaks Art. 7 goes back to the office with the violations, the
// committee returns once then approves, the district government approves, the 公示 runs for five
// working days across a holiday with notices mailed, objections are reviewed one by one (the 公示 does
// not end while one is open), an upheld one removes the award and the list goes through the quota
// check again, then the 发文 is recorded and the cycle ends.

const EXPERTS_CSV = [
  'id,name,organizationCreditCode,yearsOfExperience,trained,ethicsPledgeSigned,specialties,email',
  'cd-e1,陈专家,,20,true,true,制造业,cd-e1@example.cn',
  'cd-e2,林专家,,15,true,true,制造业,cd-e2@example.cn',
  'cd-e3,黄专家,,10,true,true,服务业,cd-e3@example.cn',
  'cd-e4,何专家,,8,true,true,服务业,cd-e4@example.cn',
].join('\n');

const APPS = [
  { id: 'D-001', name: '上海宝山一号制造有限公司', creditCode: creditCode('MA1GKD01'), industry: '制造业' },
  { id: 'D-002', name: '上海宝山二号服务有限公司', creditCode: creditCode('MA1GKD02'), industry: '服务业' },
  { id: 'D-003', name: '上海宝山三号科技有限公司', creditCode: creditCode('MA1GKD03'), industry: '制造业' },
];
const key = (id: string) => `cycle-2033/${id}`;

interface Award {
  applicationId: string;
  awardClass: string;
  category: string;
  prize?: number;
}

describe('award-cycle: 建议名单, 审定, 批准, 公示 with objections, 发文公告', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-decision-'));
  const admin = adminRest();
  let mw: MailAndWorkers;
  let office: EngineRest;
  let unit: EngineRest;
  let committee: EngineRest;
  let government: EngineRest;

  beforeAll(async () => {
    const imported = importExperts(dataDir, EXPERTS_CSV);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    // a future year whose 1–7 October are off and 10 October (Saturday) is a make-up working day
    writeTestCalendar(dataDir, 2099);
    mw = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('cd-office', ['office']);
    unit = await personRest('cd-luodian', ['recommender-luodian']);
    committee = await personRest('cd-committee', ['committee']);
    await personRest('cd-committee-2', ['committee']);
    await personRest('cd-committee-3', ['committee']);
    government = await personRest('cd-government', ['district-government']);
  }, 180_000);
  afterAll(async () => {
    await mw?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const jobAt = async (processInstanceId: string, activityId: string) =>
    (await admin.get(`/job?processInstanceId=${processInstanceId}&activityId=${activityId}`))[0];
  const activeIn = async (processInstanceId: string, activityId: string) =>
    (
      await admin.get(
        `/history/activity-instance?processInstanceId=${processInstanceId}&activityId=${activityId}&unfinished=true`,
      )
    ).length > 0;
  const executed = async (processInstanceId: string, activityId: string) =>
    (
      await admin.get(
        `/history/activity-instance?processInstanceId=${processInstanceId}&activityId=${activityId}&finished=true`,
      )
    ).length;
  const awardsOf = async (processInstanceId: string) =>
    json<Award[]>(await variable(processInstanceId, 'awards'));
  /** The next open task of the activity that is not one of `seen`. */
  const nextTask = (rest: EngineRest, processInstanceId: string, activity: string, seen: string[]) =>
    waitFor(`a new ${activity}`, async () =>
      (await tasksAt(processInstanceId, activity)).find((t) => !seen.includes(t.id)),
    ).then(async (t) => (await rest.get(`/task?taskId=${t.id}`)).length === 1 && t);

  it('takes the ranking through proposal, quota check, 审定, 批准, 公示 and objections to the 发文公告', async () => {
    // Given three accepted applications of the 2033 cycle
    for (const a of APPS) await acceptedApplication(office, unit, 'cycle-2033', a);
    // and one registered outside 宝山区 (Art. 3), which the office rejects in 资格审查
    const outside = await startApplication(office, 'D-004', {
      cycleKey: 'cycle-2033',
      applicantName: '上海浦东四号有限公司',
      creditCode: creditCode('MA1GKD04'),
      registeredDistrict: '浦东新区',
      applicantEmail: 'd-004@example.cn',
    });
    await completeTask(unit, (await waitForTask(unit, outside.id, 'Task_Recommend')).id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意。',
    });
    const outsideReview = await waitForTask(office, outside.id, 'Task_EligibilityReview');
    await completeTask(office, outsideReview.id, {
      reviewDecision: 'reject',
      reviewReasons: '不在宝山区注册。',
    });
    expect(await waitFor('D-004 rejected', () => endedAt(outside.id))).toBe('End_Rejected');
    const cycle = await startCycle(office, '2033', 2);
    const preliminary = await waitForTask(office, cycle.id, 'Task_ConfirmPreliminary');
    await completeTask(office, preliminary.id, { preliminaryConfirmed: true });
    const select = await waitForTask(office, cycle.id, 'Task_SelectPanel');
    await completeTask(office, select.id, {
      panelExperts: ['cd-e1', 'cd-e2', 'cd-e3', 'cd-e4'],
      panelLeader: 'cd-e1',
    });
    // Teams are built for the three accepted applications only; one reviewer of D-002 declares a
    // conflict (Art. 26) and is replaced, the replacement confirms in turn
    const confirms = await waitForTasks(cycle.id, 'Task_Confirm', 6);
    const teamOf = async (t: { id: string }) => String(await taskVariable(t.id, 'reviewApplicationId'));
    const applications = await Promise.all(confirms.map(teamOf));
    expect([...new Set(applications)].sort()).toEqual(APPS.map((a) => key(a.id)));
    const declarer = confirms[applications.indexOf(key('D-002'))]!;
    const d002Team = confirms.filter((_, i) => applications[i] === key('D-002')).map((t) => t.assignee);
    await completeTask(await expertRest(declarer.assignee), declarer.id, {
      conflictDecision: 'conflict',
      conflictReason: '本人近三年曾为该单位提供咨询服务。',
    });
    for (const t of confirms.filter((c) => c !== declarer))
      await completeTask(await expertRest(t.assignee), t.id, { conflictDecision: 'none' });
    const replacement = await waitFor('the replacement confirmation', async () =>
      (await tasksAt(cycle.id, 'Task_Confirm')).find((t) => !confirms.some((c) => c.id === t.id)),
    );
    expect(await teamOf(replacement)).toBe(key('D-002'));
    expect(d002Team).not.toContain(replacement.assignee);
    await completeTask(await expertRest(replacement.assignee), replacement.id, { conflictDecision: 'none' });

    // When the reviewers of D-003 disagree strongly (结果 400 and 0 of 400) and the others agree
    const sheets = await waitForTasks(cycle.id, 'Task_ScoreSheet', 6);
    const d003Seen: string[] = [];
    for (const t of sheets) {
      const app = String(await taskVariable(t.id, 'reviewApplicationId'));
      let results = app === key('D-001') ? 380 : 300;
      if (app === key('D-003')) results = d003Seen.push(t.assignee) === 1 ? 400 : 0;
      await completeTask(await expertRest(t.assignee), t.id, sheetValues(results));
    }
    // Then the panel's 组长 reconciles them before the shortlist and the 资料评审报告 (Art. 11, 18 (4))
    const [reconcile] = await waitForTasks(cycle.id, 'Task_Reconcile', 1);
    expect(reconcile!.assignee).toBe('cd-e1');
    expect(await taskVariable(reconcile!.id, 'reconcileApplicationId')).toBe(key('D-003'));
    for (const expert of d003Seen)
      expect(String(await taskVariable(reconcile!.id, 'reconcileReviewers'))).toContain(expert);
    expect(await tasksAt(cycle.id, 'Task_Shortlist')).toEqual([]);
    await completeTask(await expertRest('cd-e1'), reconcile!.id, {
      reconciliationNote: '已与两位专家核实评分依据，分歧源于对结果类目证据的不同理解，维持原评分。',
    });
    const notes = await admin.get(
      `/history/variable-instance?processInstanceId=${cycle.id}&variableName=reconciliationNote`,
    );
    expect(notes.map((n) => n.value).filter(Boolean)).toEqual([
      '已与两位专家核实评分依据，分歧源于对结果类目证据的不同理解，维持原评分。',
    ]);

    // The office shortlists all three and schedules each site visit (Art. 18 (5))
    const shortlist = await waitForTask(office, cycle.id, 'Task_Shortlist');
    await completeTask(office, shortlist.id, { shortlistedApplications: APPS.map((a) => key(a.id)) });
    expect((await scheduleSiteVisits(office, cycle.id, 3)).sort()).toEqual(APPS.map((a) => key(a.id)));
    const visit = await mw.mailTo('d-002@example.cn', '【宝山区政府质量奖】现场评审安排');
    expect(visit.text).toContain('日期：2031-09-15');
    const teamMail = await waitFor('the schedule to D-002’s team', async () =>
      mw.received.find((m) => m.subject.includes('现场评审安排') && m.to.some((t) => t.startsWith('cd-e'))),
    );
    expect(teamMail.to.length).toBe(2);
    // D-002 and D-003 end 5 points apart on site, across the 区长质量奖 / 质量金奖 boundary
    await reportSiteVisits(cycle.id, { [key('D-001')]: 900, [key('D-002')]: 850, [key('D-003')]: 845 });

    // Then the office gets the proposal from the 综合评价 ranking (Art. 7, 18 (6))
    const adjust = await waitForTask(office, cycle.id, 'Task_AdjustProposal');
    const proposed = json<Award[]>(await taskVariable(adjust.id, 'proposedAwards'));
    expect(proposed.map((a) => [a.applicationId, a.awardClass, a.category, a.prize])).toEqual([
      [key('D-001'), 'district-head', 'model', 500000],
      [key('D-002'), 'district-head', 'model', 500000],
      [key('D-003'), 'gold', 'model', 100000],
    ]);
    expect(String(await taskVariable(adjust.id, 'proposalNotesText'))).toContain('分差仅 5 分');
    expect(String(await taskVariable(adjust.id, 'proposalNotesText'))).toContain(
      '区长质量奖（先进质量管理成果）空缺',
    );
    expect(String(await taskVariable(adjust.id, 'reviewSummaryText'))).toContain('综合评价报告');

    // When the office makes all three 区长质量奖 (Art. 7 allows two)
    const tooMany = proposed.map((a) => ({ ...a, awardClass: 'district-head', prize: 500000 }));
    // (through the form's own field: the engine refuses variables the form does not declare)
    await completeTask(office, adjust.id, { awardsLines: formatAwardLines(tooMany as never) });
    // Then the list comes back with the violation shown to the form
    const again = await nextTask(office, cycle.id, 'Task_AdjustProposal', [adjust.id]);
    if (!again) throw new Error('the office does not see the returned proposal');
    expect(await taskVariable(again.id, 'quotaOk')).toBe(false);
    expect(String(await taskVariable(again.id, 'quotaViolationsText'))).toBe(
      '超过第七条名额：区长质量奖先进质量管理模式不超过 2 个，实际 3 个',
    );

    // When the office corrects it, the committee returns it once with reasons, then approves
    // (through the lines its form edits: the violating list is shown as lines, the office rewrites them)
    expect(String(await taskVariable(again.id, 'awardsLines'))).toBe(formatAwardLines(tooMany as never));
    await completeTask(office, again.id, { awardsLines: formatAwardLines(proposed as never) });
    const review = await waitForTask(committee, cycle.id, 'Task_CommitteeReview');
    expect(String(await taskVariable(review.id, 'awardsText'))).toContain(
      `1. ${APPS[0]!.name}（${key('D-001')}），得分 900，奖金 500000 元`,
    );
    expect(String(await taskVariable(review.id, 'reviewSummaryText'))).toContain(
      `${key('D-003')} 现场评审报告：过程受控。`,
    );
    await completeTask(committee, review.id, {
      committeeDecision: 'return',
      committeeReasons: '请补充说明三号科技与二号服务分差接近的取舍依据。',
    });
    const third = await nextTask(office, cycle.id, 'Task_AdjustProposal', [adjust.id, again.id]);
    if (!third) throw new Error('the office does not see the proposal the committee returned');
    expect(await taskVariable(third.id, 'committeeReasons')).toBe(
      '请补充说明三号科技与二号服务分差接近的取舍依据。',
    );
    // the office sets the 公示 start date in its form (Art. 18 (7))
    await completeTask(office, third.id, {
      awardsLines: formatAwardLines(proposed as never),
      publicityStartDate: '2099-09-29',
    });
    const review2 = await nextTask(committee, cycle.id, 'Task_CommitteeReview', [review.id]);
    if (!review2) throw new Error('the committee does not see the list again');
    // a member with a conflict of interest declares it before deciding (Art. 26): their vote on that
    // applicant is not counted, their votes on the others are
    await completeTask(committee, review2.id, {
      committeeRecusalsLines: 'cd-committee-2 | D-001 | 曾任该公司独立董事',
      committeeVotesLines: [
        'cd-committee | D-001 | 同意',
        'cd-committee-2 | D-001 | 不同意',
        'cd-committee-3 | D-001 | 同意',
        'cd-committee-2 | D-002 | 同意',
      ].join('\n'),
      committeeDecision: 'approve',
      committeeReasons: '同意。',
    });

    // and the district government approves, the 公示 to start on 2099-09-29 (Art. 18 (7))
    const approval = await waitForTask(government, cycle.id, 'Task_GovernmentApproval');
    expect(await taskVariable(approval.id, 'committeeReasons')).toBe('同意。');
    await completeTask(government, approval.id, {
      governmentDecision: 'approve',
      governmentReasons: '批准公示。',
    });

    // Then the period is five working days across the holiday, ending with the make-up Saturday
    const timer = await waitFor('the publicity timer', () => jobAt(cycle.id, 'Timer_PublicityEnd'));
    expect(await variable(cycle.id, 'publicityStart')).toBe('2099-09-29');
    expect(await variable(cycle.id, 'publicityEnd')).toBe('2099-10-10');
    expect(await variable(cycle.id, 'publicityEndsAt')).toBe('2099-10-10T23:59:59+08:00');
    expect(await variable(cycle.id, 'publicityDays')).toBe(5);
    const [job] = await admin.get(`/job?jobId=${timer.id}`);
    // the engine writes the offset as +0000
    const due = (job?.dueDate ?? '').replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
    expect(new Date(due).toISOString()).toBe('2099-10-10T15:59:59.000Z');
    // and the notice reaches every applicant on the list and the recommending unit
    for (const a of APPS) {
      const notice = await mw.mailTo(
        `${a.id.toLowerCase()}@example.cn`,
        '【宝山区政府质量奖】2033 年度拟获奖名单公示',
      );
      expect(notice.text).toContain('公示期：2099-09-29 至 2099-10-10（5 个工作日）');
      expect(notice.text).toContain(`${APPS[2]!.name}（${key('D-003')}），得分 845，奖金 100000 元`);
    }
    const unitNotice = await mw.mailTo(
      'cd-luodian@example.cn',
      '【宝山区政府质量奖】2033 年度拟获奖名单公示',
    );
    expect(unitNotice.text).toContain('第十八条第（七）项');

    // When two objections are filed during the 公示 (stored as POST /api/objections stores them,
    // while the workers that own the embedded store are stopped, and correlated into the cycle)
    const objections = [
      { id: 'OBJ-1', app: APPS[1]!, reason: '该单位去年发生过质量投诉，请核实。' },
      { id: 'OBJ-2', app: APPS[2]!, reason: '该单位申报材料中的获奖证明系伪造，附证明。' },
    ];
    await mw.restartWorkers(async () => {
      const db = await openStore({ dataDir });
      try {
        // and the committee's and the government's decisions are in the audit trail (Art. 27)
        const committeeRows = await auditTrail(db, {
          businessKey: 'cycle-2033',
          action: 'committee.decided',
        });
        expect(committeeRows.map((r) => [r.actor, r.details.decision])).toEqual([
          ['cd-committee', 'return'],
          ['cd-committee', 'approve'],
        ]);
        // Art. 26: the record shows who recused from which applicant, and that vote is not counted
        expect(committeeRows[1]!.details.recusals).toEqual([
          { member: 'cd-committee-2', applicationId: key('D-001'), reason: '曾任该公司独立董事' },
        ]);
        expect(committeeRows[1]!.details.votes).toEqual(
          expect.arrayContaining([
            {
              applicationId: key('D-001'),
              for: 2,
              against: 0,
              recused: ['cd-committee-2'],
              notCounted: ['cd-committee-2'],
            },
            { applicationId: key('D-002'), for: 1, against: 0, recused: [], notCounted: [] },
          ]),
        );
        expect(committeeRows[1]!.summary).toContain(
          `回避（第二十六条）：委员 cd-committee-2 回避 ${APPS[0]!.name}（${key('D-001')}）`,
        );
        expect(committeeRows[1]!.summary).toContain(
          `${key('D-001')} 同意 2、不同意 0（回避委员 cd-committee-2 的表决不计入）`,
        );
        expect(
          (await staffRecusalsOf(db, 'cycle-2033/')).map((r) => [r.applicationKey, r.userId, r.role]),
        ).toEqual([[key('D-001'), 'cd-committee-2', 'committee']]);
        const governmentRows = await auditTrail(db, {
          businessKey: 'cycle-2033',
          action: 'government.decided',
        });
        expect(governmentRows.map((r) => [r.actor, r.details.decision, r.details.reasons])).toEqual([
          ['cd-government', 'approve', '批准公示。'],
        ]);
        for (const o of objections)
          await insertObjection(db, {
            id: o.id,
            cycle: 'cycle-2033',
            applicationId: key(o.app.id),
            applicantName: o.app.name,
            name: '市民甲',
            contact: 'objector@example.cn',
            email: 'objector@example.cn',
            reason: o.reason,
            filedBy: 'api:127.0.0.1',
            processInstanceId: cycle.id,
            evidence: [],
          });
      } finally {
        await db.close();
      }
    });
    for (const o of objections)
      await admin.post('/message', {
        messageName: 'objection-filed',
        businessKey: 'cycle-2033',
        processVariables: toVariables({
          objectionId: o.id,
          objectionApplicationId: key(o.app.id),
          objectionApplicantName: o.app.name,
          objectionReason: o.reason,
          objectionFiledBy: '市民甲',
        }),
      });
    // Then each becomes its own 核查异议 task with its own facts
    const reviews = await waitForTasks(cycle.id, 'Task_ReviewObjection', 2);
    const byObjection = new Map<string, string>();
    for (const t of reviews) byObjection.set(String(await taskVariable(t.id, 'objectionId')), t.id);
    expect(await taskVariable(byObjection.get('OBJ-1')!, 'objectionApplicationId')).toBe(key('D-002'));
    expect(await taskVariable(byObjection.get('OBJ-2')!, 'objectionApplicationId')).toBe(key('D-003'));
    expect(await taskVariable(byObjection.get('OBJ-2')!, 'objectionReason')).toBe(objections[1]!.reason);

    // When the office dismisses the first and the publicity period runs out while the second is open
    await completeTask(office, byObjection.get('OBJ-1')!, {
      objectionDecision: 'dismissed',
      objectionFindings: '经核实，投诉已依法处理完毕，不影响评选。',
    });
    await waitFor(
      'OBJ-1 recorded',
      async () =>
        (await tasksAt(cycle.id, 'Task_ReviewObjection')).length === 1 &&
        (await executed(cycle.id, 'Task_RecordObjection')) === 1,
    );
    await admin.post(`/job/${timer.id}/execute`);
    // Then the 公示 does not end while the objection is open
    await new Promise((r) => setTimeout(r, 3000));
    expect(await activeIn(cycle.id, 'SubProcess_Publicity')).toBe(true);
    expect(await executed(cycle.id, 'Timer_PublicityEnd')).toBe(1);
    expect(await tasksAt(cycle.id, 'Task_RecordDocument')).toEqual([]);
    expect(await awardsOf(cycle.id)).toHaveLength(3);

    // When the office upholds the second
    await completeTask(office, byObjection.get('OBJ-2')!, {
      objectionDecision: 'upheld',
      objectionFindings: '经核实，获奖证明与发证机关记录不符，异议成立。',
    });
    // Then the list without D-003 goes through the quota check again and, always, back through 审定
    // and 区政府批准 and a new 公示 before the 发文 (Art. 18 (7)(8)): the office cannot skip it
    const rereview = await nextTask(committee, cycle.id, 'Task_CommitteeReview', [review.id, review2.id]);
    if (!rereview) throw new Error('the changed list does not go back to the committee');
    expect(await executed(cycle.id, 'Task_RecheckQuotas')).toBe(1);
    expect((await awardsOf(cycle.id)).map((a) => a.applicationId)).toEqual([key('D-001'), key('D-002')]);
    expect(await variable(cycle.id, 'quotaOk')).toBe(true);
    expect(await tasksAt(cycle.id, 'Task_RecordDocument')).toEqual([]);
    expect(String(await taskVariable(rereview.id, 'awardsText'))).not.toContain(key('D-003'));
    await completeTask(committee, rereview.id, {
      committeeDecision: 'approve',
      committeeReasons: '同意变更。',
    });
    const reapproval = await nextTask(government, cycle.id, 'Task_GovernmentApproval', [approval.id]);
    if (!reapproval) throw new Error('the changed list does not go back to the government');
    expect(await tasksAt(cycle.id, 'Task_RecordDocument')).toEqual([]);
    await completeTask(government, reapproval.id, {
      governmentDecision: 'approve',
      governmentReasons: '批准变更后的名单。',
    });
    const timer2 = await waitFor('the second publicity timer', async () => {
      const job = await jobAt(cycle.id, 'Timer_PublicityEnd');
      return job && job.id !== timer.id ? job : undefined;
    });
    expect(await executed(cycle.id, 'Task_PlanPublicity')).toBe(2);
    await admin.post(`/job/${timer2.id}/execute`);
    const record = await waitForTask(office, cycle.id, 'Task_RecordDocument');
    expect(String(await taskVariable(record.id, 'awardsText'))).not.toContain(key('D-003'));
    const answer = await mw.mailTo('objector@example.cn');
    expect(answer.text).toContain('OBJ-');

    // When the office records the government's document (Art. 18 (8))
    await completeTask(office, record.id, { documentNumber: '宝府〔2099〕15号', documentDate: '2099-10-20' });
    // Then the awards are recorded, the winners' monitoring starts and the cycle ends (Art. 11, 23)
    await waitFor(
      'the end of the cycle',
      async () => (await admin.get(`/history/process-instance/${cycle.id}`)).state === 'COMPLETED',
      120_000,
    );
    expect(await executed(cycle.id, 'Task_RecordAwards')).toBe(1);
    expect(await executed(cycle.id, 'Task_StartPostMonitoring')).toBe(1);
    expect(await executed(cycle.id, 'End_Cycle')).toBe(1);
    const [documentNumber] = await admin.get(
      `/history/variable-instance?processInstanceId=${cycle.id}&variableName=documentNumber`,
    );
    expect(documentNumber?.value).toBe('宝府〔2099〕15号');
    // and each winner's three years of 质量绩效表 have started (Art. 23)
    const monitoring = await admin.get('/process-instance?processDefinitionKey=award-post-monitoring');
    const holders = await admin.get(
      `/variable-instance?variableName=holderName&processInstanceIdIn=${monitoring.map((m) => m.id).join(',')}`,
    );
    for (const a of APPS.slice(0, 2)) expect(holders.map((h) => h.value)).toContain(a.name);
    expect(holders.map((h) => h.value)).not.toContain(APPS[2]!.name);
    // and the registry holds the two awards of 2033, which Art. 16 and 25 checks then see; the
    // recusal is in the audit trail
    await mw.restartWorkers(async () => {
      const db = await openStore({ dataDir });
      try {
        const [first, second, third] = await Promise.all(
          APPS.map((a) => findOrganizationRecords(db, a.creditCode)),
        );
        expect(first!.awards.map((r) => [r.level, r.category, r.year])).toEqual([
          ['district', 'model', 2033],
        ]);
        expect(second!.awards.map((r) => [r.level, r.category, r.year])).toEqual([
          ['district', 'model', 2033],
        ]);
        expect(third!.awards).toEqual([]);
        const recusals = await auditTrail(db, { businessKey: 'cycle-2033', action: 'recusal.declared' });
        expect(recusals.map((r) => r.actor)).toEqual([declarer.assignee]);
      } finally {
        await db.close();
      }
    });
  }, 900_000);
});
