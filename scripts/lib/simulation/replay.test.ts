import { pino } from 'pino';
import { z } from 'zod';
import {
  bpmnError,
  complete,
  defineWorker,
  InputError,
  type TaskContext,
  type WorkerDeps,
} from '../../../workers/worker.js';
import { hashVariables, noopWorkers, Recording, recordingWorkers } from './replay.js';

// Issue 18 item 3: the no-op run hands back what the real workers returned, so the diagram takes the
// same path without any of the workers' work.

const ctx = (activityId: string, businessKey: string | null, topic = 'score'): TaskContext => ({
  taskId: 't',
  topic,
  processInstanceId: 'p',
  processDefinitionKey: 'award-cycle',
  activityId,
  activityInstanceId: 'a',
  businessKey,
  effectKey: (name) => ({ processInstanceId: 'p', activityInstanceId: 'a', businessKey, name }),
  effectId: (name) => name,
  log: pino({ level: 'silent' }),
});
const deps = {} as WorkerDeps;

describe('replay of the real workers’ outcomes', () => {
  let calls = 0;
  const real = defineWorker({
    topic: 'score',
    title: '评分',
    input: z.object({ score: z.number().int() }),
    variables: ['score'],
    errorCodes: ['LOW'],
    handler: async ({ score }) => {
      calls += 1;
      return score < 60 ? bpmnError('LOW', '分数过低') : complete({ passed: true, score });
    },
  });

  it('records each outcome, and the no-op handler returns it for the same task without calling the worker', async () => {
    const recording = new Recording();
    const [recorder] = recordingWorkers([real], recording);
    await recorder!.handler({ score: 80 }, ctx('Task_Score', 'A-001'), deps);
    await recorder!.handler({ score: 40 }, ctx('Task_Score', 'A-002'), deps);
    expect(calls).toBe(2);
    expect(recording.handlerMs.get('score')?.count).toBe(2);

    const [noop] = noopWorkers([real], recording);
    // the no-op worker subscribes to the same topic and reads the same variables
    expect(noop).toMatchObject({ topic: 'score', variables: ['score'], errorCodes: ['LOW'] });
    // the second application's task first: matched by its business key and variables, not by order
    expect(await noop!.handler({ score: 40 }, ctx('Task_Score', 'A-002'), deps)).toEqual(
      bpmnError('LOW', '分数过低'),
    );
    // other variables (a score drawn in another order): the next outcome of the same activity
    expect(await noop!.handler({ score: 81 }, ctx('Task_Score', 'A-001'), deps)).toEqual(
      complete({ passed: true, score: 80 }),
    );
    // nothing left: an empty completion, counted as missing
    expect(await noop!.handler({ score: 80 }, ctx('Task_Score', 'A-001'), deps)).toEqual(complete());
    expect(recording.replayed).toEqual({ exact: 1, fallback: 1, missing: 1 });
    expect(calls).toBe(2);
  });

  it('keeps the worker’s input schema: bad input is an InputError (an incident at once)', async () => {
    const [recorder] = recordingWorkers([real], new Recording());
    await expect(recorder!.handler({ score: 'x' }, ctx('Task_Score', 'A-001'), deps)).rejects.toThrow(
      InputError,
    );
    await expect(recorder!.handler({ score: 'x' }, ctx('Task_Score', 'A-001'), deps)).rejects.toThrow(
      /变量 score/,
    );
  });

  it('hashes variables independently of key order, dates by their instant', () => {
    const d = new Date('2026-06-01T00:00:00Z');
    expect(hashVariables({ a: 1, b: { y: 2, x: d } })).toBe(
      hashVariables({ b: { x: new Date(d), y: 2 }, a: 1 }),
    );
    expect(hashVariables({ a: 1 })).not.toBe(hashVariables({ a: 2 }));
  });
});
