import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from '../store/index.js';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** Identifies one side effect of one external-task execution; a redelivered task has the same key. */
export interface EffectKey {
  processInstanceId: string;
  /** The activity instance: a loop or a new instance of the activity gets a new one, a redelivery does not. */
  activityInstanceId: string;
  businessKey?: string | null;
  /** Which effect of that activity instance, e.g. "mail:applicant". */
  name: string;
}

export function effectKeyString(key: EffectKey): string {
  return `${key.processInstanceId}/${key.activityInstanceId}/${key.name}`;
}

export type SendResult = 'sent' | 'already-sent';

export interface Mailer {
  /**
   * Sends mail at most once per key: the message is written to the outbox with its effect row first,
   * then sent; a repeated call with the same key after success sends nothing.
   */
  sendOnce(key: EffectKey, mail: Mail): Promise<SendResult>;
  close(): void;
}

/** Creates the outbox mailer over nodemailer's SMTP transport. */
export function createMailer(opts: { db: Db; smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(opts.smtpUrl);
  const { db } = opts;
  return {
    async sendOnce(key, mail) {
      const effectKey = effectKeyString(key);
      const messageId = `<${createHash('sha256').update(effectKey).digest('hex').slice(0, 32)}@baoshan-quality-award>`;
      const row = await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO effects (effect_key, kind, process_instance_id, activity_id, business_key, payload)
           VALUES ($1, 'mail', $2, $3, $4, $5) ON CONFLICT (effect_key) DO NOTHING`,
          [
            effectKey,
            key.processInstanceId,
            key.activityInstanceId,
            key.businessKey ?? null,
            JSON.stringify({ to: mail.to }),
          ],
        );
        await tx.query(
          `INSERT INTO mail_outbox (effect_key, message_id, recipients, subject, body)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (effect_key) DO NOTHING`,
          [effectKey, messageId, mail.to, mail.subject, mail.text],
        );
        const [current] = await tx.query<{ sent_at: Date | null }>(
          'SELECT sent_at FROM mail_outbox WHERE effect_key = $1',
          [effectKey],
        );
        return current;
      });
      if (row?.sent_at) return 'already-sent';
      try {
        await transport.sendMail({
          from: opts.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId,
        });
      } catch (err) {
        await db.query(
          'UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2 WHERE effect_key = $1',
          [effectKey, String((err as Error).message)],
        );
        throw new Error(`邮件发送失败（${mail.to.join(', ')}）：${(err as Error).message}`, { cause: err });
      }
      await db.transaction(async (tx) => {
        await tx.query(
          'UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE effect_key = $1',
          [effectKey],
        );
        await tx.query('UPDATE effects SET done_at = now() WHERE effect_key = $1', [effectKey]);
      });
      return 'sent';
    },
    close() {
      transport.close();
    },
  };
}
