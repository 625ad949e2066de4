// The worker runtime against the real engine: stop() leaves no task locked to the stopped worker, only
// the variables a worker lists are fetched, typed values travel both ways, and a burst of instances
// is worked through with many tasks per fetch (issue 18).
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { z } from 'zod';
import { chainBpmn, deployBpmn } from '../scripts/bench/bpmn.js';
import { startWorkerRuntime, type RuntimeOptions, type WorkerRuntime } from '../workers/runtime.js';
import { complete, defineWorker, type WorkerDefinition, type WorkerDeps } from '../workers/worker.js';
import { adminRest, waitFor } from './support/engine.js';

const rest = adminRest();
const log = pino({ level: 'silent' });
const deps = {} as WorkerDeps; // the handlers below touch no store or mailer

function options(over: Partial<RuntimeOptions> = {}): RuntimeOptions {
  return {
    engineUrl: process.env.QA_ENGINE_REST_URL!,
    username: process.env.QA_ADMIN_USER!,
    password: process.env.QA_ADMIN_PASSWORD!,
    workerId: `qa-runtime-${randomUUID().slice(0, 8)}`,
    maxParallelExecutions: 32,
    lockDurationMs: 60000,
    longPollMs: 20000,
    retry: { retries: 1, baseMs: 1000 },
    log,
    ...over,
  };
}

const running: WorkerRuntime[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
});

async function deployed(steps = 1): Promise<{ key: string; topic: string }> {
  const key = `qa-runtime-${randomUUID().slice(0, 8)}`;
  const topic = `${key}-topic`;
  await deployBpmn(rest, key, chainBpmn(key, steps, { topic }));
  return { key, topic };
}

const start = (key: string, variables: Record<string, { value: unknown; type: string }> = {}) =>
  rest.post(`/process-definition/key/${key}/start`, { variables });

const finished = async (id: string) =>
  (await rest.get(`/history/process-instance/${id}`)).state === 'COMPLETED';

test('stop() ends its pending long poll: the next task is locked to no one and a new worker takes it at once', async () => {
  const { key, topic } = await deployed();
  const noop: WorkerDefinition = defineWorker({
    topic,
    title: '空操作',
    input: z.object({}),
    errorCodes: [],
    handler: async () => complete(),
  });
  const first = startWorkerRuntime([noop], deps, options());
  await new Promise((r) => setTimeout(r, 800)); // its long poll (20 s) is now pending in the engine
  const t0 = Date.now();
  await first.stop();
  expect(Date.now() - t0).toBeLessThan(5000);

  const instance = await start(key);
  await new Promise((r) => setTimeout(r, 2000));
  const tasks = await rest.get(`/external-task?topicName=${topic}`);
  expect(tasks).toHaveLength(1);
  expect(tasks[0]!.workerId).toBeNull();
  expect(tasks[0]!.lockExpirationTime).toBeNull();

  const second = startWorkerRuntime([noop], deps, options());
  running.push(second);
  await waitFor('the new worker to finish the instance', () => finished(instance.id), 10000);
});

test('fetches only the listed variables; Json, Long, Date and long texts travel both ways', async () => {
  const { key, topic } = await deployed();
  const seen: string[][] = [];
  const longText = '质'.repeat(5000);
  const worker = defineWorker({
    topic,
    title: '类型测试',
    input: z.object({ wanted: z.object({ list: z.array(z.number()) }) }),
    errorCodes: [],
    variables: ['wanted'],
    handler: async (input, ctx) => {
      seen.push(Object.keys(input));
      void ctx;
      return complete({
        echoed: input.wanted.list.length,
        report: { text: longText, rows: Array.from({ length: 200 }, (_, i) => ({ rank: i + 1 })) },
        big: 2 ** 40,
        when: new Date('2026-05-01T08:00:00Z'),
      });
    },
  });
  // Without the list the handler's strict check would see `unwanted` too.
  running.push(startWorkerRuntime([worker], deps, options()));
  const instance = await start(key, {
    wanted: { value: JSON.stringify({ list: [1, 2, 3] }), type: 'Json' },
    unwanted: { value: 'x'.repeat(3000), type: 'String' },
  });
  await waitFor('the instance to finish', () => finished(instance.id), 15000);
  expect(seen).toEqual([['wanted']]);
  const vars = await rest.get(
    `/history/variable-instance?processInstanceId=${instance.id}&deserializeValues=false`,
  );
  const byName = Object.fromEntries(vars.map((v) => [v.name, v]));
  expect(byName.echoed).toMatchObject({ type: 'Integer', value: 3 });
  expect(byName.big).toMatchObject({ type: 'Long', value: 2 ** 40 });
  expect(byName.when!.type).toBe('Date');
  expect(byName.report!.type).toBe('Json');
  const report = JSON.parse(byName.report!.value as string) as { text: string; rows: unknown[] };
  expect(report.text).toBe(longText);
  expect(report.rows).toHaveLength(200);
});

test('works a burst of 150 instances through a 3-step chain with every task completed once', async () => {
  const { key, topic } = await deployed(3);
  const done = new Map<string, number>();
  const worker = defineWorker({
    topic,
    title: '计数',
    input: z.object({}),
    errorCodes: [],
    variables: [],
    handler: async (_input, ctx) => {
      done.set(ctx.taskId, (done.get(ctx.taskId) ?? 0) + 1);
      return complete();
    },
  });
  running.push(startWorkerRuntime([worker], deps, options()));
  const ids: string[] = [];
  for (let i = 0; i < 150; i++) ids.push((await start(key)).id);
  await waitFor(
    'every instance to finish',
    async () => {
      const count = await rest.get(
        `/history/process-instance/count?processDefinitionKey=${key}&finished=true`,
      );
      return count.count === 150;
    },
    60000,
  );
  expect(done.size).toBe(450);
  expect([...done.values()].every((n) => n === 1)).toBe(true);
}, 90000);
