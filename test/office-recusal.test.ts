import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EngineRest } from '../camunda/rest.js';
import { auditTrail } from '../store/audit.js';
import { openStore } from '../store/index.js';
import { staffRecusalsOf } from '../store/recusals.js';
import {
  completeTask,
  endedAt,
  startApplication,
  tasksOf,
  variable,
  waitForTask,
} from './support/application.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// Art. 26 through the real engine: an office clerk with a conflict of interest (利害关系) recuses from
// an application's 资格审查 in the task form; the declaration is recorded, the review goes back to the
// office, the engine refuses that clerk's claim and completion of the application's tasks, another
// clerk decides; when every clerk has recused, the process administrators are told.
describe('Art. 26: office clerks recuse from an application', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-recusal-'));
  let mw: MailAndWorkers;
  let clerkA: EngineRest;
  let clerkB: EngineRest;
  let unit: EngineRest;
  const admin = adminRest();

  beforeAll(async () => {
    mw = await startMailAndWorkers({ keepDataDir: dataDir });
    clerkA = await personRest('rc-office-a', ['office']);
    clerkB = await personRest('rc-office-b', ['office']);
    unit = await personRest('rc-luodian', ['recommender-luodian']);
    await personRest('rc-admin', ['process-admins']);
  }, 180_000);
  afterAll(async () => {
    await mw?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The engine's refusal of a call: its HTTP status and message. */
  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => ({ status: 0, message: '' }),
      (err: { status?: number; message?: string }) => ({
        status: err.status ?? 0,
        message: err.message ?? '',
      }),
    );

  async function recommended(id: string) {
    const instance = await startApplication(clerkA, id, { applicantEmail: `${id.toLowerCase()}@example.cn` });
    const task = await waitForTask(unit, instance.id, 'Task_Recommend');
    await completeTask(unit, task.id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意推荐。',
    });
    return { instance, review: await waitForTask(clerkA, instance.id, 'Task_EligibilityReview') };
  }

  it('Art. 26: a recused clerk can no longer claim or complete the review; another clerk decides', async () => {
    // Given an application at 资格审查, claimed by clerk A
    const { instance, review } = await recommended('RC-001');
    await clerkA.post(`/task/${review.id}/claim`, { userId: 'rc-office-a' });
    // When clerk A declares a conflict of interest in the form instead of deciding
    await completeTask(clerkA, review.id, {
      officeRecusal: true,
      officeRecusalReason: '本人配偶在该公司任职。',
    });

    // Then the review goes back to the office as a new, unclaimed task with a note
    const again = await waitForTask(clerkB, instance.id, 'Task_EligibilityReview');
    expect(again.id).not.toBe(review.id);
    expect((await admin.get(`/task/${again.id}`)).assignee).toBeNull();
    expect(await variable(instance.id, 'reviewWarning')).toBe(
      'rc-office-a 已声明与申报者存在利害关系并回避（第二十六条），本申报的资格审查由办公室其他工作人员办理。',
    );
    expect(JSON.parse(await variable<string>(instance.id, 'recusedStaff'))).toEqual(['rc-office-a']);

    // and the engine refuses clerk A's claim and completion, and an administrator's assigning it to them
    const claim = await refusal(clerkA.post(`/task/${again.id}/claim`, { userId: 'rc-office-a' }));
    expect(claim.status).toBe(403);
    expect(claim.message).toContain('用户 rc-office-a 已声明与该申报者存在利害关系并申请回避（第二十六条）');
    const done = await refusal(
      completeTask(clerkA, again.id, { reviewDecision: 'accept', reviewReasons: '基本条件齐备。' }),
    );
    expect(done.status).toBe(403);
    expect(done.message).toContain('不能完成任务“资格审查｜上海宝山精密制造有限公司”');
    const assign = await refusal(admin.post(`/task/${again.id}/assignee`, { userId: 'rc-office-a' }));
    expect(assign.status).toBe(403);
    expect((await tasksOf(clerkB, instance.id)).map((t) => t.id)).toEqual([again.id]);

    // When clerk B claims and accepts
    await clerkB.post(`/task/${again.id}/claim`, { userId: 'rc-office-b' });
    await completeTask(clerkB, again.id, {
      reviewDecision: 'accept',
      reviewReasons: '基本条件齐备，材料完整。',
    });
    // Then the application is accepted and the applicant told
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_Accepted');
    await mw.mailTo('rc-001@example.cn', '【宝山区政府质量奖】申报已正式受理');

    // and the store keeps the declaration, the audit trail the recusal and only clerk B's decision
    await mw.restartWorkers(async () => {
      const db = await openStore({ dataDir });
      try {
        const rows = await staffRecusalsOf(db, 'cycle-2025/RC-001');
        expect(rows.map((r) => [r.userId, r.role, r.reason, r.taskName, r.processInstanceId])).toEqual([
          ['rc-office-a', 'office', '本人配偶在该公司任职。', '资格审查', instance.id],
        ]);
        const declared = await auditTrail(db, {
          businessKey: 'cycle-2025/RC-001',
          action: 'recusal.office-declared',
        });
        expect(declared.map((r) => [r.actor, r.summary])).toEqual([
          [
            'rc-office-a',
            'rc-office-a 声明与申报者 上海宝山精密制造有限公司 存在利害关系，回避该申报的资格审查（第二十六条）：本人配偶在该公司任职。',
          ],
        ]);
        const decided = await auditTrail(db, {
          businessKey: 'cycle-2025/RC-001',
          action: 'eligibility.decided',
        });
        expect(decided.map((r) => [r.actor, r.details.decision])).toEqual([['rc-office-b', 'accept']]);
      } finally {
        await db.close();
      }
    });
  }, 240_000);

  it('Art. 26: the recused clerk cannot work a cycle task about that application (安排现场评审), another can', async () => {
    // Given a cycle task of the office about RC-001, whose award-application instance has ended with
    // rc-office-a recused (the first test), in a test diagram shaped like 安排现场评审
    const key = 'rc-cycle-task';
    const diagram = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://baoshan.gov.cn/test">
  <bpmn:process id="${key}" isExecutable="true" camunda:historyTimeToLive="3650">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="Task_Schedule" name="安排现场评审" camunda:candidateGroups="office" camunda:formRef="${key}-form" camunda:formRefBinding="deployment" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="Task_Schedule" />
    <bpmn:sequenceFlow id="f2" sourceRef="Task_Schedule" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
    const form = {
      id: `${key}-form`,
      type: 'default',
      schemaVersion: 16,
      components: [{ type: 'textfield', key: 'siteVisitPlace', label: '现场评审地点', id: 'f_place' }],
    };
    const deployment = new FormData();
    deployment.append('deployment-name', key);
    deployment.append(`${key}.bpmn`, new Blob([diagram], { type: 'application/xml' }), `${key}.bpmn`);
    deployment.append(`${key}.form`, new Blob([JSON.stringify(form)]), `${key}.form`);
    await admin.postForm('/deployment/create', deployment);
    const cycle = await admin.post(`/process-definition/key/${key}/start`, {
      businessKey: 'cycle-2025',
      variables: { reviewApplicationId: { value: 'RC-001', type: 'String' } },
    });
    const task = await waitForTask(admin, cycle.id, 'Task_Schedule');
    // When the recused clerk tries to claim or complete it, the engine refuses
    const claim = await refusal(clerkA.post(`/task/${task.id}/claim`, { userId: 'rc-office-a' }));
    expect(claim.status).toBe(403);
    expect(claim.message).toContain('已声明与该申报者存在利害关系并申请回避（第二十六条）');
    expect(
      (await refusal(completeTask(clerkA, task.id, { siteVisitPlace: '宝山区友谊路 1 号' }))).status,
    ).toBe(403);
    // Then another clerk claims and completes it
    await clerkB.post(`/task/${task.id}/claim`, { userId: 'rc-office-b' });
    await completeTask(clerkB, task.id, { siteVisitPlace: '宝山区友谊路 1 号' });
    expect(await waitFor('the end', async () => (await tasksOf(admin, cycle.id)).length === 0)).toBe(true);
  }, 120_000);

  it('Art. 26: when every clerk of the office has recused, the process administrators are told', async () => {
    // Given an application whose every other office clerk has already recused
    const { instance, review } = await recommended('RC-002');
    const members = await admin.get('/user?memberOfGroup=office&maxResults=500');
    const others = members.map((m) => m.id).filter((id) => id !== 'rc-office-a');
    expect(others).toContain('rc-office-b');
    await admin.put(`/process-instance/${instance.id}/variables/recusedStaff`, {
      value: JSON.stringify(others),
      type: 'String',
    });
    // When the last clerk recuses too
    await completeTask(clerkA, review.id, {
      officeRecusal: true,
      officeRecusalReason: '曾为该公司提供咨询服务。',
    });
    // Then the process administrators are asked by e-mail to add a clerk without a conflict
    const notice = await mw.mailTo('rc-admin@example.cn', '【宝山区政府质量奖】资格审查无可办理的工作人员');
    expect(notice.text).toContain('cycle-2025/RC-002');
    expect(notice.text).toContain('第二十六条');
    // and the review waits at the office with the same message, which nobody recused can take
    const again = await waitForTask(admin, instance.id, 'Task_EligibilityReview');
    expect(again.id).not.toBe(review.id);
    expect(await variable(instance.id, 'reviewWarning')).toContain(
      '全部工作人员均已声明与申报者存在利害关系并回避',
    );
    expect((await refusal(clerkB.post(`/task/${again.id}/claim`, { userId: 'rc-office-b' }))).status).toBe(
      403,
    );
  }, 240_000);
});
