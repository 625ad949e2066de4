import type { EngineRest } from '../../camunda/rest.js';
import { pino } from 'pino';
import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import type { Config } from '../../config/config.js';
import type { Mailer } from '../../mail/mailer.js';
import { recordCycleEdition } from '../../store/editions.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { executeTask, taskContext } from '../execute.js';
import { planPostMonitoringWorker } from './index.js';

// Art. 23, 28: the yearly 质量绩效表 lasts at least the years of the edition of the award's cycle.
describe('plan-post-monitoring (Art. 23)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
    await recordCycleEdition(db, {
      cycleKey: 'cycle-2025',
      editionId: '2023',
      asOf: '2025-03-01',
      confirmedBy: null,
    });
  });
  afterAll(async () => {
    await db.close();
  });
  const run = (reportingYears: number) =>
    executeTask(
      planPostMonitoringWorker,
      { reportingYears, reportingPeriod: 'P1Y', responseWindow: 'P30D', reminderBefore: 'P7D' },
      taskContext(
        {
          taskId: 't',
          topic: planPostMonitoringWorker.topic,
          processInstanceId: 'pi',
          processDefinitionKey: 'award-post-monitoring',
          activityId: 'Task_Plan',
          activityInstanceId: `Task_Plan:${reportingYears}`,
          businessKey: 'post-award/91310113132203854K/2025',
          retries: null,
        },
        pino({ level: 'silent' }),
      ),
      {
        db,
        mailer: {} as Mailer,
        engine: {} as EngineRest,
        config: {} as Config,
        editions: SHIPPED_EDITIONS,
      },
      { retries: 3, baseMs: 10 },
      null,
    );

  it('Art. 23: accepts the edition’s three years or more, and refuses fewer naming the parameter', async () => {
    expect(await run(3)).toMatchObject({ kind: 'complete', variables: { periodCount: 3 } });
    expect(await run(4)).toMatchObject({ kind: 'complete', variables: { periodCount: 4 } });
    const fewer = await run(2);
    expect(fewer).toMatchObject({ kind: 'failure', retries: 0 });
    expect(JSON.stringify(fewer)).toContain(
      '参数 reportingYears（第二十三条报送年数）为 2，少于办法 2023 规定的 3 年',
    );
  });
});
