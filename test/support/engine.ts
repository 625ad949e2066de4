import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../camunda/engine-process.js';
import { ensureUser } from '../../camunda/identity.js';
import { engineRest, type EngineDto, type EngineRest, type Present } from '../../camunda/rest.js';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: engine tests run through the "engine" jest project`);
  return value;
}

/** The admin's REST client for the test engine. */
export function adminRest(): EngineRest {
  return engineRest(env('QA_ENGINE_REST_URL'), {
    username: env('QA_ADMIN_USER'),
    password: env('QA_ADMIN_PASSWORD'),
  });
}

/** Creates (once) a person in the given groups and returns a REST client acting as them. */
export async function personRest(id: string, groups: string[]): Promise<EngineRest> {
  const password = `pw-${id}`;
  await ensureUser(adminRest(), {
    id,
    firstName: id,
    lastName: '测试',
    email: `${id}@example.cn`,
    password,
    groups,
  });
  return adminRest().as({ username: id, password });
}

/** An entry of the engine's external task log, with the fields it always fills present. */
export type ExternalTaskLog = Present<
  EngineDto<'HistoricExternalTaskLogDto'>,
  'id' | 'activityId' | 'activityInstanceId' | 'processInstanceId' | 'topicName'
>;

/** The successes or failures of an instance's external tasks, as the admin sees them. */
export function externalTaskLog(
  processInstanceId: string,
  kind: 'successLog' | 'failureLog',
): Promise<ExternalTaskLog[]> {
  return adminRest().get(
    `/history/external-task-log?processInstanceId=${processInstanceId}&${kind}=true`,
  ) as Promise<ExternalTaskLog[]>;
}

/** Polls check until it returns a value other than undefined/false, or fails after timeoutMs. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface WorkersProcess {
  child: ChildProcess;
  /** Resolves once the workers subscribed to the engine (they log "workers started"). */
  ready(): Promise<void>;
  output(): string;
  /** SIGTERM and wait for the process to exit; returns its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs `workers/main.ts` as its own process against the test engine, as production does. Its
 * embedded store lives in a fresh folder, removed on stop, unless `dataDir` names one to keep.
 */
export function startWorkersProcess(extraEnv: Record<string, string>, keepDataDir?: string): WorkersProcess {
  const dataDir = keepDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'qa-workers-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'workers', 'main.ts')], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ENGINE_URL: env('QA_ENGINE_REST_URL'),
      CAMUNDA_WORKER_USER: env('QA_WORKER_USER'),
      CAMUNDA_WORKER_PASSWORD: env('QA_WORKER_PASSWORD'),
      CAMUNDA_IDENTITY_USER: env('QA_IDENTITY_USER'),
      CAMUNDA_IDENTITY_PASSWORD: env('QA_IDENTITY_PASSWORD'),
      DATA_DIR: dataDir,
      WORKER_LONG_POLL_MS: '2000',
      WORKER_RETRY_BASE_MS: '1000',
      LOG_LEVEL: 'info',
      // The shared engine holds other files' open tasks: each workers process notifies only new ones.
      TASK_NOTIFY_CREATED_AFTER: new Date(Date.now() - 1000).toISOString(),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    ready: () =>
      waitFor('the workers to start', async () => out.includes('workers started'), 90000).then(
        () => undefined,
      ),
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (!keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
