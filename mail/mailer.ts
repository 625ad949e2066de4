import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from '../store/index.js';
import { effectKeyString, type EffectKey } from '../store/effects.js';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  /** Files sent with the message (e.g. a certificate PDF); a resend passes the same files again. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

// The effect key lives in the store (the outbox is one of its users); re-exported for the mailer's callers.
export { effectKeyString, type EffectKey } from '../store/effects.js';

export type SendResult = 'sent' | 'already-sent';

export interface Mailer {
  /**
   * Sends mail once per key: the message is written to the outbox with its effect row first, then
   * sent; a repeated call with the same key after success sends nothing, and one after an unconfirmed
   * attempt resends with the same Message-ID (see above).
   */
  sendOnce(key: EffectKey, mail: Mail): Promise<SendResult>;
  close(): void;
}

// Why "once" means "once per Message-ID" (issue 8):
// The outbox row, with a Message-ID derived from the effect key, is committed BEFORE the SMTP
// conversation and marked sent AFTER the server accepted the message. A redelivered task whose row
// is marked sent sends nothing. But no design can make SMTP exactly-once: a process killed after the
// server said "250 OK" and before the row was marked cannot know the message went, and the store and
// the SMTP server share no transaction. We do not guess (skipping would lose a notice, which is worse
// for a public award than a duplicate): on redelivery of an attempted-but-unconfirmed row we resend
// with the SAME Message-ID, so the copy is recognizably the same message. SMTP delivery is
// at-least-once in itself (RFC 5321 §6.1), and receivers and mail stores dedupe by Message-ID. The
// fault tests (test/faults/kill.test.ts) kill the workers before and after the effect, not inside that
// window of milliseconds, and assert one Message-ID per notice and one delivery per Message-ID.

/** Creates the outbox mailer over nodemailer's SMTP transport. */
export function createMailer(opts: { db: Db; smtpUrl: string; from: string }): Mailer {
  // Pooled connections (issue 18): a notice no longer pays for a new SMTP connection and handshake.
  // Settings in SMTP_URL's query (e.g. ?pool=false&maxConnections=2) take precedence.
  const transport = nodemailer.createTransport({ url: opts.smtpUrl, pool: true, maxConnections: 5 });
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
          ...(mail.attachments?.length
            ? {
                attachments: mail.attachments.map((a) => ({
                  filename: a.filename,
                  content: a.content,
                  contentType: a.contentType,
                })),
              }
            : {}),
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
