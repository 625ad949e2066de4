// The simulation's own product: an engine in a temporary folder on a free port with the project's
// current diagrams and forms, the identities, an in-memory store with the generated expert pool, a
// local SMTP sink and the workers in this process. stop() undoes everything, in reverse order.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { deployResources, projectResources } from '../../../camunda/deploy.js';
import { ensureEngineJar, freePort, startEngine } from '../../../camunda/engine-process.js';
import { ensureIdentities } from '../../../camunda/identity.js';
import { engineRest, type EngineRest } from '../../../camunda/rest.js';
import { loadConfig } from '../../../config/config.js';
import { startSmtpSink, type ReceivedMail } from '../../../mail/sink.js';
import { openStore, type Db } from '../../../store/index.js';
import type { PoolExpert } from '../../../domain/experts.js';
import { RECOMMENDING_UNITS, recommenderGroup } from '../../../domain/units.js';
import { editionToday, importExperts } from '../../experts-import.js';
import { noopWorkers, recordingWorkers, type Recording } from './replay.js';

export interface SimEnvironment {
  /** The engine's REST API as its administrator. */
  rest: EngineRest;
  /** The temporary folder: engine database and logs (engine.log, workers.log). */
  dir: string;
  /** The workers' store (in memory). */
  db: Db;
  /** Every e-mail the workers sent, as the sink received it. */
  mails: ReceivedMail[];
  /** Stops workers, sink, store and engine and removes the folder (unless kept); safe to call twice. */
  stop(): Promise<void>;
}

export interface EnvironmentOptions {
  experts: PoolExpert[];
  keep: boolean;
  say: (line: string) => void;
  /**
   * The real workers recording their outcomes (default), or no-op handlers replaying the outcomes of a
   * real run (replay.ts; no task notices either).
   */
  workers?: { mode: 'real' | 'noop'; recording: Recording };
}

/** Starts everything; on a failure half-way, what was started is stopped again before throwing. */
export async function startEnvironment(opts: EnvironmentOptions): Promise<SimEnvironment> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-simulate-'));
  const undo: (() => Promise<void> | void)[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      const since = Date.now();
      for (const step of undo.reverse()) {
        try {
          await step();
        } catch (err) {
          opts.say(`停止时出错：${(err as Error).message ?? String(err)}`);
        }
      }
      if (opts.keep) opts.say(`临时数据保留在 ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
      opts.say(
        `已停止工作者和引擎${opts.keep ? '' : '并删除临时数据'}（${Math.round((Date.now() - since) / 1000)} 秒）`,
      );
    })());

  try {
    ensureEngineJar(opts.say);
    const admin = { username: 'sim-admin', password: randomBytes(12).toString('hex') };
    const worker = { username: 'sim-worker', password: randomBytes(12).toString('hex') };
    const port = await freePort();
    const started = Date.now();
    const engine = await startEngine({
      port,
      dataDir: path.join(dir, 'engine-data'),
      adminUser: admin.username,
      adminPassword: admin.password,
      logFile: path.join(dir, 'engine.log'),
    });
    undo.push(() => engine.stop());
    opts.say(`引擎已就绪：${engine.baseUrl}（${Math.round((Date.now() - started) / 1000)} 秒）`);

    const rest = engineRest(engine.restUrl, admin);
    const deployment = await deployResources(rest, projectResources(), 'simulate');
    opts.say(
      `已部署当前流程图与表单：${Object.entries(deployment.newVersions)
        .map(([k, v]) => `${k} v${v}`)
        .join('，')}`,
    );
    // One account per recommending unit, so the 公告 (Art. 18 (1)) reaches every unit.
    const people = RECOMMENDING_UNITS.map((u) => ({
      id: `sim-${u.id}`,
      firstName: u.name,
      lastName: '推荐人',
      email: `sim-${u.id}@example.cn`,
      password: randomBytes(12).toString('hex'),
      groups: [recommenderGroup(u.id)],
    }));
    const identity = { username: 'sim-identity', password: randomBytes(12).toString('hex') };
    await ensureIdentities(rest, { worker, identity, adminPassword: admin.password, people });

    const db = await openStore({ dataDir: 'memory://' });
    undo.push(() => db.close());
    const counts = await importExperts(db, opts.experts, await editionToday(db), 'simulation');
    opts.say(
      `专家库：${opts.experts.length} 人，符合第十二条 ${counts.qualified} 人，不符合 ${counts.notQualified} 人`,
    );

    const mails: ReceivedMail[] = [];
    const sink = await startSmtpSink(0, (mail) => void mails.push(mail));
    undo.push(() => sink.close());

    const cfg = loadConfig({
      DATA_DIR: dir,
      ENGINE_URL: engine.restUrl,
      CAMUNDA_WORKER_USER: worker.username,
      CAMUNDA_WORKER_PASSWORD: worker.password,
      CAMUNDA_IDENTITY_USER: identity.username,
      CAMUNDA_IDENTITY_PASSWORD: identity.password,
      WORKER_LONG_POLL_MS: '2000',
      WORKER_RETRIES: '2',
      WORKER_RETRY_BASE_MS: '500',
      LOG_LEVEL: 'info',
    });
    const log = pino(
      { level: 'info', name: 'workers', timestamp: pino.stdTimeFunctions.isoTime },
      pino.destination({ dest: path.join(dir, 'workers.log'), sync: true }),
    );
    // Imported here, not at the top: the Camunda client is only loaded when a simulation runs.
    const { startWorkers } = await import('../../../workers/main.js');
    const { WORKERS } = await import('../../../workers/registry.js');
    const mode = opts.workers?.mode ?? 'real';
    const definitions = !opts.workers
      ? WORKERS
      : mode === 'real'
        ? recordingWorkers(WORKERS, opts.workers.recording)
        : noopWorkers(WORKERS, opts.workers.recording);
    const workers = startWorkers(cfg, db, `smtp://127.0.0.1:${sink.port}`, log, {
      workers: definitions,
      taskNotifier: mode === 'real',
    });
    undo.push(() => workers.stop());
    return { rest, dir, db, mails, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
