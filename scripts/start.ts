// `npm start`: engine, deployment, identities, store, mail, workers and server on one machine.
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { onShutdown, runMain } from '../config/cli.js';
import { createLogger } from '../config/logger.js';
import { deployResources, projectResources } from '../camunda/deploy.js';
import {
  assertPortFree,
  ensureEngineJar,
  startEngine,
  type EngineHandle,
} from '../camunda/engine-process.js';
import { ensureIdentities } from '../camunda/identity.js';
import { engineRest } from '../camunda/rest.js';
import { startSmtpSink, storeReceivedMail, type SmtpSink } from '../mail/sink.js';
import { createMailer } from '../mail/mailer.js';
import { startServer } from '../server/server.js';
import { openStore, type Db } from '../store/index.js';
import { startWorkers } from '../workers/main.js';
import type { WorkerRuntime } from '../workers/runtime.js';
import { loadLocalCredentials } from './lib/local-credentials.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const cfg0 = loadConfig();
  const { credentials, created, file } = loadLocalCredentials(cfg0.dataDir, {
    adminUser: cfg0.CAMUNDA_ADMIN_USER,
    adminPassword: cfg0.CAMUNDA_ADMIN_PASSWORD,
    workerUser: cfg0.CAMUNDA_WORKER_USER,
    workerPassword: cfg0.CAMUNDA_WORKER_PASSWORD,
  });
  const cfg = {
    ...cfg0,
    ENGINE_URL: `http://localhost:${cfg0.ENGINE_PORT}/engine-rest`,
    CAMUNDA_ADMIN_PASSWORD: credentials.admin.password,
    CAMUNDA_WORKER_PASSWORD: credentials.worker.password,
  };
  const log = createLogger(cfg.LOG_LEVEL, 'quality-award');

  // Every port is checked before anything starts, so a clash is one clear line, not a half start.
  await assertPortFree(cfg.ENGINE_PORT, 'ENGINE_PORT');
  await assertPortFree(cfg.PORT, 'PORT');
  if (!cfg.SMTP_URL) await assertPortFree(cfg.MAIL_SINK_PORT, 'MAIL_SINK_PORT');

  ensureEngineJar(say);
  const dbEnv = process.env.DB_URL
    ? { url: process.env.DB_URL, username: process.env.DB_USERNAME, password: process.env.DB_PASSWORD }
    : undefined;
  process.stdout.write('正在启动 Camunda 7 引擎');
  const engine: EngineHandle = await startEngine({
    port: cfg.ENGINE_PORT,
    dataDir: cfg.dataDir,
    adminUser: credentials.admin.username,
    adminPassword: credentials.admin.password,
    db: dbEnv,
    logFile: path.join(cfg.dataDir, 'logs', 'engine.log'),
    onProgress: (s) => process.stdout.write(s % 5 === 0 ? ` ${s}s` : '.'),
  }).finally(() => process.stdout.write('\n'));

  let db: Db | undefined;
  let sink: SmtpSink | undefined;
  let workers: WorkerRuntime | undefined;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const stopAll = async () => {
    say('正在停止…');
    await server?.close();
    await workers?.stop(); // waits for handlers in flight
    await sink?.close();
    await db?.close();
    await engine.stop();
    say('已停止。');
  };

  try {
    const rest = engineRest(engine.restUrl, credentials.admin);
    const deployment = await deployResources(rest, projectResources());
    const versions = Object.entries(deployment.newVersions);
    say(
      versions.length
        ? `已部署：${versions.map(([k, v]) => `${k} v${v}`).join('，')}`
        : '流程与表单无变化，沿用已部署版本',
    );
    await ensureIdentities(rest, {
      worker: credentials.worker,
      adminPassword: credentials.admin.password,
      people: credentials.people,
    });

    db = await openStore({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.dataDir });
    let smtpUrl = cfg.SMTP_URL;
    if (!smtpUrl) {
      sink = await startSmtpSink(cfg.MAIL_SINK_PORT, storeReceivedMail(db));
      smtpUrl = `smtp://127.0.0.1:${sink.port}`;
    }
    workers = startWorkers(cfg, db, smtpUrl, log);
    server = await startServer({
      port: cfg.PORT,
      db,
      log,
      engineUrl: engine.restUrl,
      rateLimitPerMinute: cfg.RATE_LIMIT_PER_MINUTE,
      trustProxy: cfg.TRUST_PROXY,
      serviceAccount: credentials.worker,
      smtpUrl,
      mailFrom: cfg.MAIL_FROM,
      publicUrl: cfg.publicUrl,
      // Issue 14: the intake's file limits and status links.
      intake: {
        limits: {
          maxFileBytes: cfg.INTAKE_MAX_FILE_MB * 1024 * 1024,
          maxEvidenceFiles: cfg.INTAKE_MAX_EVIDENCE_FILES,
        },
        publicUrl: cfg.publicUrl,
        onMailError: (err) => log.warn({ err }, 'confirmation e-mail not sent yet'),
      },
    });
  } catch (err) {
    await stopAll();
    throw err;
  }

  const web = engine.baseUrl;
  say('');
  say('宝山区政府质量奖流程平台已启动');
  say(`  Tasklist（任务）  ${web}/camunda/app/tasklist/`);
  say(`  Cockpit（监控）   ${web}/camunda/app/cockpit/`);
  say(`  Admin（用户）     ${web}/camunda/app/admin/`);
  say(`  引擎 REST        ${engine.restUrl}`);
  say(`  服务             ${cfg.publicUrl}   已发送邮件 ${cfg.publicUrl}/mail`);
  say(`  流程建模器        ${cfg.publicUrl}/modeler?process=award-application`);
  if (created) {
    say('');
    say(`本地账号（仅显示这一次，保存在 ${file}）：`);
    say(
      `  ${credentials.admin.username.padEnd(22)} ${credentials.admin.password}  流程管理员（Camunda 管理员）`,
    );
    for (const p of credentials.people)
      say(`  ${p.id.padEnd(22)} ${p.password}  ${p.firstName}${p.lastName}`);
  } else {
    say(
      `本地账号：${file}（管理员 ${credentials.admin.username}，办公室 office1，罗店镇推荐人 unit-luodian …）`,
    );
  }
  say('按 Ctrl-C 停止。');
  onShutdown(stopAll);
}

runMain(main);
