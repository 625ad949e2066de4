import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import { startWorkersProcess, waitFor, type WorkersProcess } from './engine.js';

/** A real SMTP sink and the workers process that sends to it: what most engine tests need. */
export interface MailAndWorkers {
  /** Every message that arrived, in order. */
  received: ReceivedMail[];
  workers: WorkersProcess;
  /** Waits for the first message to `address` whose subject starts with `subject`. */
  mailTo(address: string, subject?: string): Promise<ReceivedMail>;
  /** Stops the workers (keepDataDir keeps their store) and starts them again. */
  restartWorkers(between?: () => Promise<void> | void): Promise<void>;
  /** Stops the workers and the sink; returns the workers' exit code. */
  stop(): Promise<number | null>;
}

export async function startMailAndWorkers(
  opts: { keepDataDir?: string; env?: Record<string, string> } = {},
): Promise<MailAndWorkers> {
  const received: ReceivedMail[] = [];
  const sink: SmtpSink = await startSmtpSink(0, (mail) => void received.push(mail));
  const start = () =>
    startWorkersProcess({ SMTP_URL: `smtp://127.0.0.1:${sink.port}`, ...opts.env }, opts.keepDataDir);
  const handle: MailAndWorkers = {
    received,
    workers: start(),
    mailTo: (address, subject = '') =>
      waitFor(`the e-mail “${subject}…” to ${address}`, async () =>
        received.find((m) => m.to.includes(address) && m.subject.startsWith(subject)),
      ),
    async restartWorkers(between) {
      await handle.workers.stop();
      await between?.();
      handle.workers = start();
      await handle.workers.ready();
    },
    async stop() {
      const code = await handle.workers.stop();
      await sink.close();
      return code;
    },
  };
  await handle.workers.ready();
  return handle;
}
