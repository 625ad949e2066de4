import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployResources, projectResources } from '../../camunda/deploy.js';
import { ensureEngineJar, freePort, startEngine, type EngineHandle } from '../../camunda/engine-process.js';
import { ensureIdentities } from '../../camunda/identity.js';
import { engineRest } from '../../camunda/rest.js';

declare global {
  var __QA_ENGINE__: { handle: EngineHandle; dir: string } | undefined;
}

/** Starts one real Camunda 7 engine for the engine tests: a free port, a throw-away H2 database. */
export async function setup(): Promise<void> {
  ensureEngineJar((line) => process.stdout.write(`${line}\n`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-engine-'));
  const port = await freePort();
  const admin = { username: 'test-admin', password: randomBytes(12).toString('hex') };
  const worker = { username: 'test-worker', password: randomBytes(12).toString('hex') };
  const identity = { username: 'test-identity', password: randomBytes(12).toString('hex') };
  const started = Date.now();
  const handle = await startEngine({
    port,
    dataDir: dir,
    adminUser: admin.username,
    adminPassword: admin.password,
    logFile: path.join(dir, 'engine.log'),
  });
  globalThis.__QA_ENGINE__ = { handle, dir };
  const rest = engineRest(handle.restUrl, admin);
  await deployResources(rest, projectResources(), 'test');
  await ensureIdentities(rest, { worker, identity, adminPassword: admin.password });
  process.stdout.write(
    `\n测试引擎已就绪：${handle.baseUrl}（${Math.round((Date.now() - started) / 1000)} 秒）\n`,
  );
  Object.assign(process.env, {
    QA_ENGINE_REST_URL: handle.restUrl,
    QA_ENGINE_DIR: dir,
    QA_ADMIN_USER: admin.username,
    QA_ADMIN_PASSWORD: admin.password,
    QA_WORKER_USER: worker.username,
    QA_WORKER_PASSWORD: worker.password,
    QA_IDENTITY_USER: identity.username,
    QA_IDENTITY_PASSWORD: identity.password,
  });
}

/** Stops the test engine and removes its database. */
export async function teardown(): Promise<void> {
  const engine = globalThis.__QA_ENGINE__;
  if (!engine) return;
  await engine.handle.stop();
  fs.rmSync(engine.dir, { recursive: true, force: true });
}
