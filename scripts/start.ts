// `npm start`: the product on one machine, as separate OS processes under one supervisor (issue 16 (3)):
// the store (embedded PGlite, unless DATABASE_URL), the engine (Java), the local mail sink (unless
// SMTP_URL), the workers and the web server. A crashed process is restarted with backoff and logged in
// Chinese; if this process dies, by any signal, every child notices and stops within seconds.
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { onShutdown, runMain } from '../config/cli.js';
import { deployResources, projectResources } from '../camunda/deploy.js';
import { assertPortFree, ensureEngineJar, ROOT_DIR, startEngine } from '../camunda/engine-process.js';
import { ensureIdentities } from '../camunda/identity.js';
import { engineRest } from '../camunda/rest.js';
import { startAccounts } from './lib/local-credentials.js';
import { nodeChild, Supervisor, type ChildSpec } from './lib/supervisor.js';
import { storeUrl } from './roles/store-url.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const cfg = loadConfig();
  const acc = startAccounts(cfg);
  const logs = path.join(cfg.dataDir, 'logs');
  const engineUrl = `http://localhost:${cfg.ENGINE_PORT}/engine-rest`;

  // Every port is checked before anything starts, so a clash is one clear line, not a half start.
  await assertPortFree(cfg.ENGINE_PORT, 'ENGINE_PORT');
  await assertPortFree(cfg.PORT, 'PORT');
  if (!cfg.SMTP_URL) await assertPortFree(cfg.MAIL_SINK_PORT, 'MAIL_SINK_PORT');
  if (!cfg.DATABASE_URL) await assertPortFree(cfg.STORE_PORT, 'STORE_PORT');
  ensureEngineJar(say);

  const databaseUrl = cfg.DATABASE_URL ?? storeUrl(cfg.STORE_PORT);
  const smtpUrl = cfg.SMTP_URL ?? `smtp://127.0.0.1:${cfg.MAIL_SINK_PORT}`;
  // What every Node child gets: the parsed settings of this start, secrets in the environment only.
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: cfg.dataDir,
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    ENGINE_URL: engineUrl,
    CAMUNDA_ADMIN_USER: acc.admin.username,
    CAMUNDA_WORKER_USER: acc.worker.username,
    CAMUNDA_WORKER_PASSWORD: acc.worker.password,
    CAMUNDA_IDENTITY_USER: acc.identity.username,
    CAMUNDA_IDENTITY_PASSWORD: acc.identity.password,
    HEALTH_CHECKS: 'store,engine,workers',
    // The server's bounds on assignment plans (issue 16 (2)), as parsed and checked above.
    ASSIGNMENT_MAX_APPLICATIONS: String(cfg.ASSIGNMENT_MAX_APPLICATIONS),
    ASSIGNMENT_MAX_EXPERTS: String(cfg.ASSIGNMENT_MAX_EXPERTS),
    ASSIGNMENT_TIME_BUDGET_MS: String(cfg.ASSIGNMENT_TIME_BUDGET_MS),
    PUBLIC_URL: cfg.publicUrl,
  };
  delete childEnv.CAMUNDA_ADMIN_PASSWORD; // only the engine and this process need it
  // `npm start` supervises one engine: its children talk to it alone, whatever ENGINE_URLS the shell has
  delete childEnv.ENGINE_URLS;
  const node = (name: string, label: string, script: string, env: NodeJS.ProcessEnv = childEnv): ChildSpec =>
    nodeChild({
      name,
      label,
      script: path.join(ROOT_DIR, script),
      cwd: ROOT_DIR,
      env,
      logFile: path.join(logs, `${name}.log`),
    });

  const supervisor = new Supervisor({ say });
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    say('正在停止…');
    await supervisor.stopAll();
    say('已停止。');
  };

  try {
    if (!cfg.DATABASE_URL) {
      // The embedded store's process knows no secret: it only needs its folder and port.
      const storeEnv = { ...childEnv };
      delete storeEnv.CAMUNDA_WORKER_PASSWORD;
      delete storeEnv.CAMUNDA_IDENTITY_PASSWORD;
      delete storeEnv.DATABASE_URL;
      await supervisor.add(node('store', '数据库', 'scripts/roles/store.ts', storeEnv));
    }
    const engineDb = cfg.DB_URL
      ? { url: cfg.DB_URL, username: cfg.DB_USERNAME, password: cfg.DB_PASSWORD }
      : undefined;
    let firstEngineStart = true;
    await supervisor.add({
      name: 'engine',
      label: '流程引擎',
      start: async () => {
        if (firstEngineStart) process.stdout.write('正在启动 Camunda 7 引擎');
        const engine = await startEngine({
          port: cfg.ENGINE_PORT,
          dataDir: cfg.dataDir,
          adminUser: acc.admin.username,
          adminPassword: acc.admin.password,
          db: engineDb,
          logFile: path.join(logs, 'engine.log'),
          onProgress: firstEngineStart
            ? (s) => process.stdout.write(s % 5 === 0 ? ` ${s}s` : '.')
            : undefined,
        }).finally(() => {
          if (firstEngineStart) process.stdout.write('\n');
          firstEngineStart = false;
        });
        return { pid: engine.pid, exited: engine.exited.then(() => 'Java 进程已结束'), stop: engine.stop };
      },
    });

    const rest = engineRest(engineUrl, acc.admin);
    const deployment = await deployResources(rest, projectResources());
    const versions = Object.entries(deployment.newVersions);
    say(
      versions.length
        ? `已部署：${versions.map(([k, v]) => `${k} v${v}`).join('，')}`
        : '流程与表单无变化，沿用已部署版本',
    );
    await ensureIdentities(rest, {
      worker: acc.worker,
      identity: acc.identity,
      adminPassword: acc.admin.password,
      people: acc.people,
    });

    // Each process gets only the secrets it uses: the identity account's only the workers.
    const without = (...keys: string[]) => {
      const env = { ...childEnv };
      for (const k of keys) delete env[k];
      return env;
    };
    if (!cfg.SMTP_URL)
      await supervisor.add(
        node(
          'mail-sink',
          '本地邮件接收器',
          'scripts/roles/mail-sink.ts',
          without('CAMUNDA_WORKER_PASSWORD', 'CAMUNDA_IDENTITY_PASSWORD'),
        ),
      );
    await supervisor.add(node('workers', '工作进程', 'workers/main.ts'));
    // The server holds the identity account too: the workbench's invitations create the expert's
    // user and set the password the expert chooses (issue 13), through the same checks as the workers.
    await supervisor.add(node('server', '网页服务', 'server/main.ts'));
  } catch (err) {
    await stopAll();
    throw err;
  }

  const web = `http://localhost:${cfg.ENGINE_PORT}`;
  say('');
  say('宝山区政府质量奖流程平台已启动');
  say(`  Tasklist（任务）  ${web}/camunda/app/tasklist/`);
  say(`  Cockpit（监控）   ${web}/camunda/app/cockpit/`);
  say(`  Admin（用户）     ${web}/camunda/app/admin/`);
  say(`  引擎 REST        ${engineUrl}`);
  say(`  服务             ${cfg.publicUrl}   健康检查 ${cfg.publicUrl}/healthz`);
  if (!cfg.SMTP_URL) say(`  已发送邮件        ${cfg.publicUrl}/mail（办公室账号登录）`);
  say(`  流程建模器        ${cfg.publicUrl}/modeler?process=award-application`);
  say(`  日志             ${logs}`);
  if (acc.created && acc.file) {
    // Development only: a first local start shows the generated accounts once (they are in the file).
    say('');
    say(`本地账号（仅显示这一次，保存在 ${acc.file}）：`);
    say(`  ${acc.admin.username.padEnd(22)} ${acc.admin.password}  流程管理员（Camunda 管理员）`);
    for (const p of acc.people) say(`  ${p.id.padEnd(22)} ${p.password}  ${p.firstName}${p.lastName}`);
  } else if (acc.file) {
    say(`本地账号：${acc.file}（管理员 ${acc.admin.username}，办公室 office1，罗店镇推荐人 unit-luodian …）`);
  }
  say(
    `进程：${Object.entries(supervisor.pids())
      .map(([name, pid]) => `${name}=${pid}`)
      .join(' ')}`,
  );
  say('按 Ctrl-C 停止。');
  onShutdown(stopAll);
}

runMain(main);
