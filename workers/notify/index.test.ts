import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import { createMailer, type Mailer } from '../../mail/mailer.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import type { Db } from '../../store/index.js';
import { reportLinkValid } from '../../store/performance-reports.js';
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

  it('issue 16: the 质量绩效表 request carries the holder’s secret link, the same on redelivery', async () => {
    const request = {
      mailTemplate: 'performance-report-request',
      holderName: '上海宝山精密制造有限公司',
      holderEmail: 'jingmi@example.cn',
      holderKey: '91310113MA1GKQ0A5Q',
      awardYear: 2025,
      reportPeriod: 1,
      reportYear: 2026,
      dueDate: '2026-03-31',
    };
    const links = async () => (await db.query('SELECT token_hash FROM performance_report_links')).length;
    const before = await links();
    // When the request task is delivered twice
    expect(await run(request, 'Task_RequestReport:1')).toMatchObject({ kind: 'complete' });
    expect(await run(request, 'Task_RequestReport:1')).toMatchObject({ kind: 'complete' });
    // Then one e-mail went, with a link whose token files for this holder and award only
    const mails = received.filter((m) => m.to.includes('jingmi@example.cn'));
    expect(mails).toHaveLength(1);
    const token = /\/performance-report\?token=([A-Za-z0-9_-]{43})/.exec(mails[0]!.text)?.[1];
    expect(token).toBeDefined();
    expect(await reportLinkValid(db, token!, { holderKey: '91310113MA1GKQ0A5Q', awardYear: 2025 })).toBe(
      true,
    );
    expect(await reportLinkValid(db, token!, { holderKey: '91310113MA1GKQ0A5Q', awardYear: 2024 })).toBe(
      false,
    );
    expect(await links()).toBe(before + 1);
  });
});
