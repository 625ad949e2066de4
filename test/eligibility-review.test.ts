import type { EngineRest } from '../camunda/rest.js';
import {
  completeTask,
  CREDIT_CODES,
  endedAt,
  startApplication,
  tasksOf,
  variable,
  waitForTask,
} from './support/application.js';
import { personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// 资格审查 (Art. 18 (3)) through the real engine: the automatic check, the office's decision, the
// correction loop, the written opinions of departments and the notices.
describe('资格审查 in award-application', () => {
  let mail: MailAndWorkers;
  let office: EngineRest;
  let unit: EngineRest;
  let ecology: EngineRest;
  let emergency: EngineRest;

  beforeAll(async () => {
    mail = await startMailAndWorkers();
    office = await personRest('er-office', ['office']);
    unit = await personRest('er-luodian', ['recommender-luodian']);
    ecology = await personRest('er-ecology', ['department-ecology']);
    emergency = await personRest('er-emergency', ['department-emergency']);
  });
  afterAll(async () => {
    await mail.stop();
  });

  const mailTo = (address: string, subject: string) => mail.mailTo(address, subject);

  /** Starts an application, lets 罗店镇 recommend it and returns it at the office's review task. */
  async function recommended(id: string, facts: Record<string, unknown>) {
    const instance = await startApplication(office, id, facts);
    const task = await waitForTask(unit, instance.id, 'Task_Recommend');
    await completeTask(unit, task.id, {
      recommendationDecision: 'approve',
      recommendationOpinion: '同意推荐。',
    });
    return { instance, review: await waitForTask(office, instance.id, 'Task_EligibilityReview') };
  }

  it('accepts an eligible organization and tells it so', async () => {
    // Given an organization that meets every automatic condition
    const { instance, review } = await recommended('E-001', { applicantEmail: 'e1@example.cn' });
    expect(await variable(instance.id, 'eligibilityFailureCount')).toBe(0);
    expect(await variable(instance.id, 'eligibilityManualChecksText')).toContain(
      '第十四条第（三）项须人工审查',
    );
    // When the office accepts with its reasons
    await completeTask(office, review.id, {
      reviewDecision: 'accept',
      reviewReasons: '基本条件齐备，材料完整。',
    });
    // Then the applicant is told the application is formally accepted, and the instance ends there
    const notice = await mailTo('e1@example.cn', '【宝山区政府质量奖】申报已正式受理');
    expect(notice.subject).toBe('【宝山区政府质量奖】申报已正式受理：上海宝山精密制造有限公司');
    expect(notice.text).toContain('基本条件齐备，材料完整。');
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_Accepted');
  });

  it('does not let the office accept while automatic failures remain, and reruns the check after a correction', async () => {
    // Given an organization registered less than three years ago (Art. 14 (1))
    const { instance, review } = await recommended('E-002', {
      applicantEmail: 'e2@example.cn',
      creditCode: CREDIT_CODES[1],
      registrationDate: '2025-01-01',
    });
    expect(await variable(instance.id, 'eligibilityFailureCount')).toBe(1);
    expect(await variable(instance.id, 'eligibilityFindingsText')).toContain('不符合第十四条第（一）项');

    // When the office tries to accept anyway
    await completeTask(office, review.id, { reviewDecision: 'accept', reviewReasons: '拟受理。' });
    // Then the review comes back with a warning and nothing is sent
    const again = await waitForTask(office, instance.id, 'Task_EligibilityReview');
    expect(again.id).not.toBe(review.id);
    expect(await variable(instance.id, 'reviewWarning')).toContain('不能受理');
    expect(mail.received.filter((m) => m.to.includes('e2@example.cn')).map((m) => m.subject)).toEqual([
      '【宝山区政府质量奖】申报已获推荐：上海宝山精密制造有限公司',
    ]);

    // When the office corrects the registration date and asks for a new check
    await completeTask(office, again.id, {
      reviewDecision: 'recheck',
      registrationDate: '2012-06-30',
      reviewReasons: '经核对营业执照，更正登记日期。',
    });
    // Then the check passes and the office can accept
    const third = await waitForTask(office, instance.id, 'Task_EligibilityReview');
    expect(third.id).not.toBe(again.id);
    expect(await variable(instance.id, 'eligibilityFailureCount')).toBe(0);
    expect(await variable(instance.id, 'reviewWarning')).toBe('');
    await completeTask(office, third.id, { reviewDecision: 'accept', reviewReasons: '更正后符合条件。' });
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_Accepted');
  });

  it('rejects with a notice that lists each failed article', async () => {
    // Given an organization outside Baoshan that applies for the municipal award in the same year
    const { instance, review } = await recommended('E-003', {
      applicantEmail: 'e3@example.cn',
      registeredDistrict: '浦东新区',
      municipalApplicationSameYear: true,
    });
    // When the office rejects
    await completeTask(office, review.id, { reviewDecision: 'reject', reviewReasons: '不符合申报条件。' });
    // Then the notice names both articles and the instance ends as rejected
    const notice = await mailTo('e3@example.cn', '【宝山区政府质量奖】申报未通过资格审查');
    expect(notice.subject).toBe('【宝山区政府质量奖】申报未通过资格审查：上海宝山精密制造有限公司');
    expect(notice.text).toContain('不符合第三条');
    expect(notice.text).toContain('不符合第十六条第三款');
    expect(notice.text).toContain('不符合申报条件。');
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_Rejected');
  });

  it('asks the chosen departments for written opinions by a due date and shows their answers', async () => {
    const { instance, review } = await recommended('E-004', { applicantEmail: 'e4@example.cn' });
    // When the office consults 区生态环境局 and 区应急管理局 with a due date
    await completeTask(office, review.id, {
      reviewDecision: 'consult',
      consultDepartments: ['ecology', 'emergency'],
      consultDueDate: '2026-12-10',
      reviewReasons: '需核实环保与安全生产情况。',
    });
    // Then each department sees only its own task, due on that day
    const ecologyTask = await waitForTask(ecology, instance.id, 'Task_DepartmentOpinion');
    const emergencyTask = await waitForTask(emergency, instance.id, 'Task_DepartmentOpinion');
    expect((await tasksOf(ecology, instance.id)).map((t) => t.id)).toEqual([ecologyTask.id]);
    expect(ecologyTask.due?.slice(0, 10)).toBe('2026-12-10');
    expect((await tasksOf(emergency, instance.id)).map((t) => t.id)).toEqual([emergencyTask.id]);

    // When both answer at the same time
    await Promise.all([
      completeTask(ecology, ecologyTask.id, {
        departmentStance: 'no-objection',
        departmentOpinion: '近三年无环境违法记录。',
      }),
      completeTask(emergency, emergencyTask.id, {
        departmentStance: 'objection',
        departmentOpinion: '2025 年有一般安全生产事故。',
      }),
    ]);
    // Then the review comes back to the office with both opinions, without the earlier decision
    // selected (the form starts empty: no stale 书面征求 choice, reasons, departments or due date)
    const again = await waitForTask(office, instance.id, 'Task_EligibilityReview');
    const form = await office.get(`/task/${again.id}/form-variables`);
    for (const stale of ['reviewDecision', 'reviewReasons', 'consultDepartments', 'consultDueDate'])
      expect({ stale, present: stale in form }).toEqual({ stale, present: false });
    const opinions = await variable<string>(instance.id, 'departmentOpinionsText');
    expect(opinions).toContain('【区生态环境局】无异议：近三年无环境违法记录。');
    expect(opinions).toContain('【区应急管理局】有异议：2025 年有一般安全生产事故。');
  });

  it('refuses a consultation due date in the past, in Chinese, and asks for the decision again', async () => {
    const { instance, review } = await recommended('E-005', { applicantEmail: 'e5@example.cn' });
    // When the office consults with a due date that has passed (sent past the form's date picker)
    await completeTask(office, review.id, {
      reviewDecision: 'consult',
      consultDepartments: ['ecology'],
      consultDueDate: '2020-01-10',
      reviewReasons: '需核实环保情况。',
    });
    // Then no department is asked, and the review comes back saying why, without the stale choice
    const again = await waitFor('the review again', async () => {
      const t = (await tasksOf(office, instance.id)).find(
        (x) => x.taskDefinitionKey === 'Task_EligibilityReview' && x.id !== review.id,
      );
      return t;
    });
    expect(await variable(instance.id, 'reviewWarning')).toBe(
      '未征求意见：答复期限 2020-01-10 早于今天。请重新选择今天或以后的日期作为答复期限。',
    );
    expect(await tasksOf(ecology, instance.id)).toEqual([]);
    const form = await office.get(`/task/${again.id}/form-variables`);
    expect('reviewDecision' in form).toBe(false);
  });
});
