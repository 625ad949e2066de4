import { SHIPPED_EDITIONS } from '../config/test-editions.js';
import { pino } from 'pino';
import { z } from 'zod';
import type { EngineRest } from '../camunda/rest.js';
import type { Config } from '../config/config.js';
import type { Mailer } from '../mail/mailer.js';
import type { Db } from '../store/index.js';
import { executeTask, nextRetry, taskContext } from './execute.js';
import { bpmnError, complete, defineWorker, InputError, type WorkerDeps } from './worker.js';

const policy = { retries: 3, baseMs: 1000 };
const ctx = taskContext(
  {
    taskId: 't1',
    topic: 'demo',
    processInstanceId: 'pi',
    processDefinitionKey: 'award-application',
    activityId: 'Task_Demo',
    activityInstanceId: 'Task_Demo:1',
    businessKey: 'cycle-2025/A-001',
    retries: null,
  },
  pino({ level: 'silent' }),
);
// These handlers touch no dependency; the engine tests exercise real ones.
const deps = {
  db: {} as Db,
  mailer: {} as Mailer,
  engine: {} as EngineRest,
  config: {} as Config,
  editions: SHIPPED_EDITIONS,
} satisfies WorkerDeps;

const demo = defineWorker({
  topic: 'demo',
  title: '示例',
  input: z.object({
    applicantEmail: z.email(),
    mode: z.enum(['ok', 'reject', 'undeclared', 'fault', 'input']),
  }),
  errorCodes: ['not-eligible'],
  async handler(input) {
    switch (input.mode) {
      case 'ok':
        return complete({ checked: true });
      case 'reject':
        return bpmnError('not-eligible', '不符合条件');
      case 'undeclared':
        return bpmnError('surprise', '未声明');
      case 'input':
        throw new InputError('模板缺少变量');
      default:
        throw new Error('数据库暂时不可用');
    }
  },
});

const run = (vars: Record<string, unknown>, retries: number | null = null) =>
  executeTask(demo, vars, ctx, deps, policy, retries);

describe('executeTask', () => {
  it('passes a completion through', async () => {
    expect(await run({ applicantEmail: 'a@b.cn', mode: 'ok' })).toEqual(complete({ checked: true }));
  });

  it('passes a declared BPMN error through', async () => {
    expect(await run({ applicantEmail: 'a@b.cn', mode: 'reject' })).toEqual(
      bpmnError('not-eligible', '不符合条件'),
    );
  });

  it('makes an undeclared BPMN error a technical fault', async () => {
    const d = await run({ applicantEmail: 'a@b.cn', mode: 'undeclared' });
    expect(d).toMatchObject({ kind: 'failure', retries: 3 });
  });

  it('raises an incident at once, naming the variable, when the input does not fit the schema', async () => {
    const d = await run({ applicantEmail: 'not-an-email', mode: 'ok' });
    expect(d).toMatchObject({ kind: 'failure', retries: 0 });
    expect(d.kind === 'failure' && d.errorMessage).toContain('变量 applicantEmail');
  });

  it('raises an incident at once for an InputError', async () => {
    expect(await run({ applicantEmail: 'a@b.cn', mode: 'input' })).toMatchObject({
      kind: 'failure',
      retries: 0,
      errorMessage: '示例：模板缺少变量',
    });
  });

  it('retries a technical fault with decreasing retries and growing waits', async () => {
    const first = await run({ applicantEmail: 'a@b.cn', mode: 'fault' }, null);
    expect(first).toMatchObject({
      kind: 'failure',
      retries: 3,
      retryTimeout: 1000,
      errorMessage: '示例：数据库暂时不可用',
    });
    expect(await run({ applicantEmail: 'a@b.cn', mode: 'fault' }, 3)).toMatchObject({
      retries: 2,
      retryTimeout: 2000,
    });
  });
});

describe('nextRetry', () => {
  it.each([
    [null, 3, 1000],
    [3, 2, 2000],
    [2, 1, 4000],
    [1, 0, 8000],
    [0, 0, 8000],
  ])('after a failure with retries %p: %p left, wait %p ms', (current, retries, wait) => {
    expect(nextRetry(current, policy)).toEqual({ retries, retryTimeout: wait });
  });
});

describe('taskContext effect keys', () => {
  it('gives the same key text to the same effect of a redelivered task, and follows a replaced effectKey', () => {
    // Given the context of a task and the context of its redelivery
    const again = taskContext(
      {
        taskId: 't1',
        topic: 'demo',
        processInstanceId: 'pi',
        processDefinitionKey: 'award-application',
        activityId: 'Task_Demo',
        activityInstanceId: 'Task_Demo:1',
        businessKey: 'cycle-2025/A-001',
        retries: 2,
      },
      pino({ level: 'silent' }),
    );
    // When both ask for the key of the same effect
    // Then it is the process instance, activity instance and effect name
    expect(ctx.effectId('mail:applicant')).toBe('pi/Task_Demo:1/mail:applicant');
    expect(again.effectId('mail:applicant')).toBe(ctx.effectId('mail:applicant'));
    // And a replaced effectKey (the runtime's fault-test switch) changes effectId too
    again.effectKey = (name) => ({ processInstanceId: 'pi', activityInstanceId: 'x', name });
    expect(again.effectId('mail:applicant')).toBe('pi/x/mail:applicant');
  });
});
