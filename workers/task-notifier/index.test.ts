import pino from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import { createMailer, type Mailer } from '../../mail/mailer.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { formatDue, startTaskNotifier, taskMail, type TaskDto } from './index.js';

// The notifier's rounds against a scripted engine (the REST answers of one task offered to a group)
// and the real outbox mailer over a real SMTP sink: who is mailed, which stage, and never twice.
describe('task notifier', () => {
  let db: Db;
  let sink: SmtpSink;
  let mailer: Mailer;
  const received: ReceivedMail[] = [];
  const log = pino({ level: 'silent' });
  const url = 'http://engine.example/camunda/app/tasklist/default/';

  beforeAll(async () => {
    db = await openTestStore();
    sink = await startSmtpSink(0, (m) => void received.push(m));
    mailer = createMailer({
      db,
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
      from: '办公室 <office@localhost>',
    });
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
    await db.close();
  });

  const users = {
    'unit-a': { id: 'unit-a', firstName: '一', lastName: '张', email: 'a@example.cn' },
    'unit-b': { id: 'unit-b', firstName: '二', lastName: '李', email: 'b@example.cn' },
    'unit-x': { id: 'unit-x', firstName: '三', lastName: '王', email: null },
    'office-1': { id: 'office-1', firstName: '四', lastName: '赵', email: 'o@example.cn' },
  };
  function engine(tasks: TaskDto[]): EngineRest {
    const get = async (path: string): Promise<unknown> => {
      if (path.startsWith('/task?')) return path.includes('firstResult=0') ? tasks : [];
      if (/^\/task\/[^/]+\/identity-links/.test(path))
        return [{ userId: null, groupId: 'recommender-a', type: 'candidate' }];
      if (/^\/task\/t-recused\/variables\?variableNames=recusedStaff/.test(path))
        return { recusedStaff: { value: '["unit-b"]' } };
      if (/^\/task\/[^/]+\/variables/.test(path)) return { applicantName: { value: '上海宝山测试有限公司' } };
      if (path.startsWith('/user?memberOfGroup=recommender-a'))
        return [users['unit-a'], users['unit-b'], users['unit-x']];
      if (path.startsWith('/user?memberOfGroup=office')) return [users['office-1']];
      throw new Error(`unexpected ${path}`);
    };
    return { get } as unknown as EngineRest;
  }
  const task = (id: string, due: string | null): TaskDto => ({
    id,
    name: '签署推荐意见｜上海宝山测试有限公司',
    assignee: null,
    due,
    created: '2026-12-01T00:00:00.000+0000',
    processInstanceId: 'pi-1',
    taskDefinitionKey: 'Task_Recommend',
  });
  const mailsAbout = (id: string) => received.filter((m) => m.text.includes(`?task=${id}`));

  it('mails each member with an address once, in Chinese, whatever the rounds and restarts', async () => {
    const tasks = [task('t-1', '2026-12-11T09:00:00.000+0000')];
    const now = () => new Date('2026-12-01T02:00:00Z');
    const first = startTaskNotifier(
      {
        rest: engine(tasks),
        mailer,
        tasklistUrl: url,
        officeGroup: 'office',
        intervalMs: 1000,
        remindBeforeMs: 86400000,
        log,
        now,
      },
      false,
    );
    await first.runOnce();
    await first.runOnce();
    // a second notifier (a restart) knows nothing in memory: the outbox keys stop it
    const second = startTaskNotifier(
      {
        rest: engine(tasks),
        mailer,
        tasklistUrl: url,
        officeGroup: 'office',
        intervalMs: 1000,
        remindBeforeMs: 86400000,
        log,
        now,
      },
      false,
    );
    await second.runOnce();
    const mails = mailsAbout('t-1');
    expect(mails.map((m) => m.to).sort()).toEqual([['a@example.cn'], ['b@example.cn']]);
    expect(mails[0]!.subject).toBe('【宝山区政府质量奖】新的待办任务：签署推荐意见｜上海宝山测试有限公司');
    expect(mails[0]!.text).toContain('截止日期：2026年12月11日 17:00');
    expect(mails[0]!.text).toContain(`${url}#/?task=t-1`);
  });

  it('does not offer a task to a member who recused from the application (Art. 26)', async () => {
    const notifier = startTaskNotifier(
      {
        rest: engine([task('t-recused', null)]),
        mailer,
        tasklistUrl: url,
        officeGroup: 'office',
        intervalMs: 1000,
        remindBeforeMs: 86400000,
        log,
        now: () => new Date('2026-12-01T02:00:00Z'),
      },
      false,
    );
    await notifier.runOnce();
    expect(mailsAbout('t-recused').map((m) => m.to)).toEqual([['a@example.cn']]);
  });

  it('reminds before the due date and tells the office once it has passed', async () => {
    const tasks = [task('t-2', '2026-12-02T09:00:00.000+0000')];
    let clock = new Date('2026-12-01T12:00:00Z');
    const notifier = startTaskNotifier(
      {
        rest: engine(tasks),
        mailer,
        tasklistUrl: url,
        officeGroup: 'office',
        intervalMs: 1000,
        remindBeforeMs: 86400000,
        log,
        now: () => clock,
      },
      false,
    );
    await notifier.runOnce();
    expect(mailsAbout('t-2').map((m) => m.subject.slice(10, 16))).toEqual(
      expect.arrayContaining(['新的待办任务', '任务即将到期']),
    );
    expect(mailsAbout('t-2').filter((m) => m.to.includes('o@example.cn'))).toEqual([]);
    clock = new Date('2026-12-02T10:00:00Z');
    await notifier.runOnce();
    await notifier.runOnce();
    const overdue = mailsAbout('t-2').filter((m) => m.subject.includes('任务已逾期'));
    expect(overdue.map((m) => m.to)).toEqual([['o@example.cn']]);
    expect(mailsAbout('t-2')).toHaveLength(5);
  });

  it('formats the due date in Shanghai time', () => {
    expect(formatDue('2026-12-10T09:00:00.000+0000')).toBe('2026年12月10日 17:00');
    const m = taskMail('notice', task('t-3', null), null, users['unit-a'], url);
    expect(m.text).toContain('截止日期：未设定');
  });
});
