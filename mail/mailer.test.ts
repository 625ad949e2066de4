import { openTestStore } from '../store/test-store.js';
import type { Db } from '../store/index.js';
import { createMailer, type EffectKey, type Mailer } from './mailer.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './sink.js';

describe('outbox mailer over real SMTP', () => {
  let db: Db;
  let sink: SmtpSink;
  let mailer: Mailer;
  const received: ReceivedMail[] = [];

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

  const key = (name: string): EffectKey => ({
    processInstanceId: 'pi-1',
    activityInstanceId: 'Task_Notify:ai-1',
    businessKey: 'cycle-2025/A-001',
    name,
  });

  it('sends a keyed message once, however often it is asked to', async () => {
    // Given a notice keyed by its task execution
    const mail = { to: ['a@example.cn'], subject: '【宝山区政府质量奖】测试', text: '正文：上海宝山' };
    // When the same task asks twice (a redelivery)
    expect(await mailer.sendOnce(key('mail:once'), mail)).toBe('sent');
    expect(await mailer.sendOnce(key('mail:once'), mail)).toBe('already-sent');
    // Then one message arrived, with its Chinese text intact, and the outbox records it as sent
    const arrived = received.filter((m) => m.subject === mail.subject);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]?.text.trim()).toBe('正文：上海宝山');
    const [row] = await db.query<{ sent_at: Date | null; attempts: number }>(
      `SELECT sent_at, attempts FROM mail_outbox WHERE effect_key = 'pi-1/Task_Notify:ai-1/mail:once'`,
    );
    expect(row?.sent_at).not.toBeNull();
    expect(row?.attempts).toBe(1);
  });

  it('records the failure and throws a readable error when SMTP is unreachable, then sends on retry', async () => {
    // Given a mailer whose SMTP server is down
    const down = createMailer({ db, smtpUrl: 'smtp://127.0.0.1:1', from: 'office@localhost' });
    const mail = { to: ['b@example.cn'], subject: '重试测试', text: '内容' };
    await expect(down.sendOnce(key('mail:retry'), mail)).rejects.toThrow('邮件发送失败（b@example.cn）');
    down.close();
    const [failed] = await db.query<{ sent_at: Date | null; last_error: string }>(
      `SELECT sent_at, last_error FROM mail_outbox WHERE effect_key = 'pi-1/Task_Notify:ai-1/mail:retry'`,
    );
    expect(failed?.sent_at).toBeNull();
    expect(failed?.last_error).toBeTruthy();
    // When the task is retried with SMTP back
    expect(await mailer.sendOnce(key('mail:retry'), mail)).toBe('sent');
    // Then exactly one message arrived
    expect(received.filter((m) => m.subject === '重试测试')).toHaveLength(1);
  });
});
