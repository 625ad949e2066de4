// `npm start` without SMTP_URL: the local SMTP sink in a process of its own. What it receives goes
// into the store (mail_received), where the server's /mail and /api/mail read it for the office.
import { loadConfig, required } from '../../config/config.js';
import { onShutdown, runMain } from '../../config/cli.js';
import { startSmtpSink, storeReceivedMail } from '../../mail/sink.js';
import { openStore } from '../../store/index.js';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const db = await openStore({ databaseUrl: required(cfg, 'DATABASE_URL'), dataDir: cfg.dataDir });
  const sink = await startSmtpSink(cfg.MAIL_SINK_PORT, storeReceivedMail(db)).catch(async (err: unknown) => {
    await db.close();
    throw err;
  });
  process.stdout.write(`本地邮件接收器已就绪：127.0.0.1:${sink.port}\n`);
  process.send?.({ ready: true });
  onShutdown(async () => {
    await sink.close();
    await db.close();
  });
}

runMain(main);
