// Runtime benchmark (issue 18): the same one-external-task process worked by the engine alone (an
// expression task), the bare camunda-external-task-client-js and the project's runtime with a no-op
// handler, measured one after another on the same engine: completions/s, per-hop latency in a
// 10-step chain, and the engine's CPU per task (from /proc, Linux only).
import fs from 'node:fs';
import { pino } from 'pino';
import { z } from 'zod';
import type { EngineRest } from '../../camunda/rest.js';
import { startWorkerRuntime } from '../../workers/runtime.js';
import { complete, defineWorker, type WorkerDeps } from '../../workers/worker.js';
import { chainBpmn, deployBpmn } from './bpmn.js';

export interface RuntimeVariantResult {
  variant: 'engine-alone' | 'bare-client' | 'runtime';
  instances: number;
  completionsPerSecond: number;
  /** Mean time per step of a 10-step chain, one instance at a time. */
  hopMs: number;
  /** Engine CPU (user + system) per completed task, ms; null where /proc is not readable. */
  engineCpuMsPerTask: number | null;
}

interface Worker {
  stop(): Promise<void>;
}

const SLOTS = 32;
const START_CONCURRENCY = 8;

function cpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

async function startAll(rest: EngineRest, key: string, n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: START_CONCURRENCY }, async () => {
      while (next < n) {
        next += 1;
        await rest.post(`/process-definition/key/${key}/start`, {});
      }
    }),
  );
}

async function waitFinished(rest: EngineRest, key: string, n: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count =
      (await rest.get(`/history/process-instance/count?processDefinitionKey=${key}&finished=true`)).count ??
      0;
    if (count >= n) return;
    if (Date.now() > deadline) throw new Error(`${key}: ${count}/${n} finished after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts the bare client on `topic` with a handler that completes at once. */
async function bareClient(url: string, user: string, password: string, topic: string): Promise<Worker> {
  const { Client, BasicAuthInterceptor } = await import('camunda-external-task-client-js');
  const client = new Client({
    baseUrl: url,
    workerId: `bench-bare-${topic}`,
    maxTasks: SLOTS,
    maxParallelExecutions: SLOTS,
    asyncResponseTimeout: 20000,
    lockDuration: 60000,
    autoPoll: false,
    interceptors: new BasicAuthInterceptor({ username: user, password }) as never,
    use: () => undefined,
  });
  client.subscribe(topic, {}, async ({ task, taskService }) => {
    await taskService.complete(task);
  });
  client.start();
  return {
    async stop() {
      client.stop();
    },
  };
}

function ourRuntime(url: string, user: string, password: string, topic: string): Worker {
  const noop = defineWorker({
    topic,
    title: '空操作',
    input: z.object({}),
    errorCodes: [],
    variables: [],
    handler: async () => complete(),
  });
  return startWorkerRuntime([noop], {} as WorkerDeps, {
    engineUrl: url,
    username: user,
    password,
    workerId: `bench-runtime-${topic}`,
    maxParallelExecutions: SLOTS,
    lockDurationMs: 60000,
    longPollMs: 20000,
    retry: { retries: 0, baseMs: 1000 },
    log: pino({ level: 'silent' }),
  });
}

export async function benchRuntime(opts: {
  rest: EngineRest;
  credentials: { username: string; password: string };
  enginePid: number;
  instances: number;
  say: (line: string) => void;
}): Promise<RuntimeVariantResult[]> {
  const { rest, credentials, enginePid, instances, say } = opts;
  const results: RuntimeVariantResult[] = [];
  const stamp = Date.now().toString(36);
  for (const variant of ['engine-alone', 'bare-client', 'runtime'] as const) {
    const key = `bench-${variant}-${stamp}`;
    const chainKey = `${key}-chain`;
    const topic = `${key}-topic`;
    const kind = variant === 'engine-alone' ? ('expression' as const) : { topic };
    await deployBpmn(rest, key, chainBpmn(key, 1, kind));
    await deployBpmn(rest, chainKey, chainBpmn(chainKey, 10, kind));
    let worker: Worker | undefined;
    if (variant === 'bare-client')
      worker = await bareClient(rest.baseUrl, credentials.username, credentials.password, topic);
    if (variant === 'runtime')
      worker = ourRuntime(rest.baseUrl, credentials.username, credentials.password, topic);
    try {
      await new Promise((r) => setTimeout(r, 500)); // the worker's first poll is pending
      const cpu0 = cpuMs(enginePid);
      const t0 = Date.now();
      await startAll(rest, key, instances);
      await waitFinished(rest, key, instances, 600000);
      const seconds = (Date.now() - t0) / 1000;
      const cpu1 = cpuMs(enginePid);
      // Per hop: 5 chains of 10 steps, one at a time.
      const h0 = Date.now();
      for (let i = 0; i < 5; i++) {
        await rest.post(`/process-definition/key/${chainKey}/start`, {});
        await waitFinished(rest, chainKey, i + 1, 120000);
      }
      const hopMs = (Date.now() - h0) / 50;
      const result: RuntimeVariantResult = {
        variant,
        instances,
        completionsPerSecond: Math.round((instances / seconds) * 10) / 10,
        hopMs: Math.round(hopMs),
        engineCpuMsPerTask:
          cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) / instances) * 100) / 100,
      };
      results.push(result);
      say(
        `  ${variant.padEnd(13)} ${String(result.completionsPerSecond).padStart(7)} 完成/秒` +
          `  每步 ${String(result.hopMs).padStart(5)} ms  引擎 CPU ${result.engineCpuMsPerTask ?? '—'} ms/任务`,
      );
    } finally {
      await worker?.stop();
    }
  }
  return results;
}
