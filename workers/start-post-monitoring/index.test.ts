import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import type { Db } from '../../store/index.js';
import { executeTask, taskContext } from '../execute.js';
import { monitoringBusinessKey, postAwardBusinessKey, startPostMonitoringWorker } from './index.js';

// The starts themselves run against the engine in test/objections.test.ts; here the refusals that
// need no engine: a winner the registry could not name is an incident before anything starts.
describe('start-post-monitoring worker (Art. 23)', () => {
  const run = (vars: Record<string, unknown>) =>
    executeTask(
      startPostMonitoringWorker,
      vars,
      taskContext(
        {
          taskId: 't',
          topic: startPostMonitoringWorker.topic,
          processInstanceId: 'pi',
          processDefinitionKey: 'award-cycle',
          activityId: 'Task_StartPostMonitoring',
          activityInstanceId: 'Task_StartPostMonitoring:1',
          businessKey: 'cycle-2025',
          retries: null,
        },
        pino({ level: 'silent' }),
      ),
      // No engine URL or password: a handler that reached the engine would fail differently.
      {
        db: undefined as unknown as Db,
        mailer: undefined as never,
        engine: {} as EngineRest,
        config: {} as Config,
        editions: SHIPPED_EDITIONS,
      },
      { retries: 3, baseMs: 10 },
      null,
    );

  it('names the business keys it starts and checks', () => {
    expect(monitoringBusinessKey('cycle-2025', 'app-1')).toBe('cycle-2025/app-1/monitoring');
    expect(monitoringBusinessKey('cycle-2025', 'cycle-2025/D-002')).toBe('cycle-2025/D-002/monitoring');
    expect(postAwardBusinessKey('91310113MA1GKQ0A5Q', '2025')).toBe('post-award/91310113MA1GKQ0A5Q/2025');
  });

  it('raises an incident naming a winner without credit code or id number, before any start', async () => {
    const decision = await run({
      year: '2025',
      awards: JSON.stringify([
        {
          applicationId: 'app-9',
          category: 'model',
          awardClass: 'gold',
          applicantName: '无代码公司',
          applicantKind: 'organization',
          email: 'x@example.cn',
        },
      ]),
    });
    expect(decision).toMatchObject({ kind: 'failure', retries: 0 });
    expect((decision as { errorMessage: string }).errorMessage).toContain('app-9');
  });

  it('completes with nothing to start for an empty list', async () => {
    const decision = await run({ year: '2025', awards: [] });
    expect(decision).toMatchObject({ kind: 'complete', variables: { postMonitoringStarted: 0 } });
  });
});
