import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import { createMailer, type Mailer } from '../../mail/mailer.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { executeTask, taskContext } from '../execute.js';
import { notifyWorker } from './index.js';

describe('notify worker', () => {
  let db: Db;
  let sink: SmtpSink;
  let mailer: Mailer;
  const received: ReceivedMail[] = [];
  const ctx = (activityInstanceId: string) =>
    taskContext(
      {
        taskId: 't',
        topic: 'notify',
        processInstanceId: 'pi-notify',
        processDefinitionKey: 'award-application',
        activityId: 'Task_NotifyRefused',
        activityInstanceId,
        businessKey: 'cycle-2025/B-7',
        retries: null,
      },
      pino({ level: 'silent' }),
    );

  beforeAll(async () => {
    db = await openTestStore();
    sink = await startSmtpSink(0, (m) => void received.push(m));
    mailer = createMailer({ db, smtpUrl: `smtp://127.0.0.1:${sink.port}`, from: 'office@localhost' });
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
    await db.close();
  });

  const vars = {
    mailTemplate: 'recommendation-refused',
    applicantName: '张三',
    applicantEmail: 'zhangsan@example.cn',
    applicantKind: 'individual',
    recommendingUnit: 'gucun',
    recommendationOpinion: '从事质量工作年限不足。',
  };
  const run = (v: Record<string, unknown>, ai = 'Task_NotifyRefused:1') =>
    executeTask(
      notifyWorker,
      v,
      ctx(ai),
      { db, mailer, engine: {} as EngineRest, config: {} as Config, editions: SHIPPED_EDITIONS },
      { retries: 3, baseMs: 10 },
      null,
    );

  it('sends the refusal once per task execution, naming the unit, the category and the article', async () => {
    // When the same task is delivered twice
    expect(await run(vars)).toEqual({ kind: 'complete', variables: undefined, localVariables: undefined });
    expect(await run(vars)).toMatchObject({ kind: 'complete' });
    // Then the applicant got one message
    const mails = received.filter((m) => m.to.includes('zhangsan@example.cn'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('【宝山区政府质量奖】申报未获推荐：张三');
    expect(mails[0]?.text).toContain('先进质量管理成果');
    expect(mails[0]?.text).toContain('顾村镇');
    expect(mails[0]?.text).toContain('cycle-2025/B-7');
  });

  it('raises an incident naming the missing variable instead of sending a broken notice', async () => {
    const { applicantEmail: _omit, ...withoutEmail } = vars;
    const decision = await run(withoutEmail, 'Task_NotifyRefused:2');
    expect(decision).toMatchObject({ kind: 'failure', retries: 0 });
    expect(decision.kind === 'failure' && decision.errorMessage).toContain('变量 applicantEmail');
  });

  it('refuses an unknown template by name', async () => {
    const decision = await run({ ...vars, mailTemplate: 'no-such' }, 'Task_NotifyRefused:3');
    expect(decision.kind === 'failure' && decision.errorMessage).toContain('变量 mailTemplate');
  });
});
