import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployResources, projectResources } from '../../camunda/deploy.js';
import { ensureEngineJar, freePort, startEngine, type EngineHandle } from '../../camunda/engine-process.js';
import { ensureIdentities, ensureUser } from '../../camunda/identity.js';
import { engineRest, type EngineRest } from '../../camunda/rest.js';

/**
 * An engine of its own for a fault test that stops and restarts it (the shared test engine must stay
 * up for the other files): its own port and data folder, H2 file or the given JDBC database.
 */
export interface DedicatedEngine {
  restUrl: string;
  admin: EngineRest;
  worker: { username: string; password: string };
  /** Environment that points a workers process at this engine (startWorkersProcess extraEnv). */
  workersEnv: Record<string, string>;
  /** Creates (once) a person in the given groups and returns a REST client acting as them. */
  person(id: string, groups: string[]): Promise<EngineRest>;
  /** Stops the JVM: SIGTERM and wait, or SIGKILL at once. */
  stop(how: 'graceful' | 'kill'): Promise<void>;
  /** Starts it again on the same port, data folder and database; resolves with the seconds it took. */
  start(): Promise<number>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
  logFile: string;
}

export async function startDedicatedEngine(opts: {
  db?: { url: string; username?: string; password?: string };
}): Promise<DedicatedEngine> {
  ensureEngineJar((line) => process.stdout.write(`${line}\n`));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-engine-fault-'));
  const port = await freePort();
  const adminCreds = { username: 'fault-admin', password: randomBytes(12).toString('hex') };
  const worker = { username: 'fault-worker', password: randomBytes(12).toString('hex') };
  const logFile = path.join(dir, 'engine.log');
  let handle: EngineHandle | undefined;
  const start = async () => {
    const began = Date.now();
    handle = await startEngine({
      port,
      dataDir: dir,
      adminUser: adminCreds.username,
      adminPassword: adminCreds.password,
      db: opts.db,
      logFile,
    });
    return Math.round((Date.now() - began) / 1000);
  };
  await start();
  const restUrl = handle!.restUrl;
  const admin = engineRest(restUrl, adminCreds);
  await deployResources(admin, projectResources(), 'test');
  const identity = { username: 'fault-identity', password: randomBytes(12).toString('hex') };
  await ensureIdentities(admin, { worker, identity, adminPassword: adminCreds.password });
  return {
    restUrl,
    admin,
    worker,
    logFile,
    workersEnv: {
      ENGINE_URL: restUrl,
      CAMUNDA_WORKER_USER: worker.username,
      CAMUNDA_WORKER_PASSWORD: worker.password,
      CAMUNDA_IDENTITY_USER: identity.username,
      CAMUNDA_IDENTITY_PASSWORD: identity.password,
    },
    async person(id, groups) {
      const password = `pw-${id}`;
      await ensureUser(admin, {
        id,
        firstName: id,
        lastName: '测试',
        email: `${id}@example.cn`,
        password,
        groups,
      });
      return admin.as({ username: id, password });
    },
    async stop(how) {
      const h = handle;
      handle = undefined;
      if (!h) return;
      if (how === 'kill') process.kill(h.pid, 'SIGKILL');
      await h.stop();
    },
    start,
    async dispose() {
      await handle?.stop();
      handle = undefined;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
