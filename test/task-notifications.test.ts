import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureUser } from '../camunda/identity.js';
import { startApplication, waitForTask } from './support/application.js';
import { adminRest, personRest } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// Task notifications (issue 12 (4)) through the real engine, the workers process and an SMTP sink:
// a task offered to a group mails each member once, with the task, the applicant, the due date and
// a link to the task in Tasklist; a restart of the workers (the notifier forgets what it sent, the
// outbox does not) sends nothing again; a task close to its due date reminds, an overdue one tells
// the office.
describe('task notifications', () => {
  let mail: MailAndWorkers;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-notify-'));
  // One instant for the whole file, so the restarted notifier looks at the same tasks again.
  const env = {
    TASK_NOTIFY_INTERVAL_MS: '500',
    TASK_REMINDER_HOURS: '24',
    TASK_NOTIFY_CREATED_AFTER: new Date(Date.now() - 1000).toISOString(),
  };
  const countTo = (address: string, subject: string) =>
    mail.received.filter((m) => m.to.includes(address) && m.subject.startsWith(subject)).length;
  const settle = () => new Promise((r) => setTimeout(r, 3000));

  beforeAll(async () => {
    // Two clerks of 罗店镇 and one of the office, with addresses the sink records
    for (const [id, groups] of [
      ['tn-luodian-1', ['recommender-luodian']],
      ['tn-luodian-2', ['recommender-luodian']],
      ['tn-office', ['office']],
    ] as const)
      await ensureUser(adminRest(), {
        id,
        firstName: '一',
        lastName: '王',
        email: `${id}@example.cn`,
        password: `pw-${id}`,
        groups: [...groups],
      });
    mail = await startMailAndWorkers({ keepDataDir: dataDir, env });
  }, 180000);
  afterAll(async () => {
    await mail?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('mails each member of the group once, with the applicant, the due date and a link, also after a restart', async () => {
    // Given an application waiting for 罗店镇's recommendation
    const office = await personRest('tn-office-starter', ['office']);
    const instance = await startApplication(office, 'TN-001', {
      applicantEmail: 'tn@example.cn',
      applicantName: '上海宝山通知测试精密制造有限公司',
    });
    const task = await waitForTask(adminRest(), instance.id, 'Task_Recommend');

    // Then each clerk of the unit gets one notice in Chinese
    // (other files' applications may wait for the same unit: this one is told by its applicant)
    const subject = '【宝山区政府质量奖】新的待办任务：签署推荐意见｜上海宝山通知测试精密制造有限公司';
    const first = await mail.mailTo('tn-luodian-1@example.cn', subject);
    await mail.mailTo('tn-luodian-2@example.cn', subject);
    expect(first.subject).toBe(subject);
    expect(first.text).toContain('申报人或事项：上海宝山通知测试精密制造有限公司');
    expect(first.text).toMatch(/截止日期：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    expect(first.text).toContain(`/camunda/app/tasklist/default/#/?task=${task.id}`);

    // When the workers (and the notifier) restart and run several rounds
    await settle();
    await mail.restartWorkers();
    await settle();

    // Then nobody got a second notice of that task
    for (const id of ['tn-luodian-1', 'tn-luodian-2'])
      expect(
        mail.received.filter((m) => m.to.includes(`${id}@example.cn`) && m.text.includes(task.id)),
      ).toHaveLength(1);
    // And the office is not told of the unit's task
    expect(
      mail.received.filter((m) => m.to.includes('tn-office@example.cn') && m.text.includes(task.id)),
    ).toEqual([]);
  }, 180000);

  it('reminds before the due date and tells the office once a task is overdue', async () => {
    // Given two tasks of the office's group: one due in two hours, one due an hour ago
    const rest = adminRest();
    const soon = `tn-soon-${Date.now()}`;
    const late = `tn-late-${Date.now()}`;
    const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
    for (const [id, due] of [
      [soon, iso(Date.now() + 2 * 3600000)],
      [late, iso(Date.now() - 3600000)],
    ] as const) {
      await rest.post('/task/create', { id, name: `测试任务 ${id}`, due });
      await rest.post(`/task/${id}/identity-links`, { groupId: 'recommender-luodian', type: 'candidate' });
    }
    try {
      // Then the unit's clerks get the notice and a reminder of the task due soon
      await mail.mailTo('tn-luodian-1@example.cn', `【宝山区政府质量奖】任务即将到期：测试任务 ${soon}`);
      // And the office is told, once, of the overdue task
      await mail.mailTo('tn-office@example.cn', `【宝山区政府质量奖】任务已逾期：测试任务 ${late}`);
      await settle();
      expect(countTo('tn-office@example.cn', `【宝山区政府质量奖】任务已逾期：测试任务 ${late}`)).toBe(1);
      expect(countTo('tn-luodian-2@example.cn', `【宝山区政府质量奖】任务即将到期：测试任务 ${soon}`)).toBe(
        1,
      );
      expect(countTo('tn-office@example.cn', `【宝山区政府质量奖】任务已逾期：测试任务 ${soon}`)).toBe(0);
    } finally {
      for (const id of [soon, late]) await rest.delete(`/task/${id}`).catch(() => undefined);
    }
  }, 180000);
});
