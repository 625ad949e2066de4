import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../store/index.js';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId?: string;
  /** Attached files (e.g. a winner's certificate PDF). */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface SmtpSink {
  port: number;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that parses every message and hands it to onMessage. */
export async function startSmtpSink(
  port: number,
  onMessage: (mail: ReceivedMail) => Promise<void> | void,
): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const to = [parsed.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
          await onMessage({
            from: parsed.from?.text ?? '',
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId,
            ...(parsed.attachments.length
              ? {
                  attachments: parsed.attachments.map((a) => ({
                    filename: a.filename ?? '',
                    contentType: a.contentType,
                    content: a.content,
                  })),
                }
              : {}),
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client that drops its connection mid-session (a worker killed while sending) is the
  // client's problem: the sink keeps running. Without a listener the error would end the process.
  server.on('error', () => undefined);
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Stores what the local sink receives so the office can read it at /mail. */
export function storeReceivedMail(db: Db) {
  return async (mail: ReceivedMail): Promise<void> => {
    await db.query(
      `INSERT INTO mail_received (mail_from, recipients, subject, body, message_id) VALUES ($1, $2, $3, $4, $5)`,
      [mail.from, mail.to, mail.subject, mail.text, mail.messageId ?? null],
    );
  };
}
