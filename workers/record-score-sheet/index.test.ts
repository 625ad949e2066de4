import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import type { Mailer } from '../../mail/mailer.js';
import type { Db } from '../../store/index.js';
import { scoreSheetsOf } from '../../store/reviews.js';
import { openTestStore } from '../../store/test-store.js';
import { executeTask, taskContext } from '../execute.js';
import { recordScoreSheetWorker, SCORE_SHEET_INVALID } from './index.js';

describe('record-score-sheet (Art. 17, 18 (4))', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  const run = (vars: Record<string, unknown>) =>
    executeTask(
      recordScoreSheetWorker,
      vars,
      taskContext(
        {
          taskId: 't',
          topic: recordScoreSheetWorker.topic,
          processInstanceId: 'pi-cycle',
          processDefinitionKey: 'award-cycle',
          activityId: 'Task_RecordScoreSheet',
          activityInstanceId: 'Task_RecordScoreSheet:1',
          businessKey: 'cycle-2050',
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

  const sheet = {
    reviewApplicationId: 'cycle-2050/A-001',
    reviewApplicantName: '上海宝山甲制造有限公司',
    reviewApplicantKind: 'organization',
    reviewerId: 'e1',
    scoreLeadership: 100,
    scoreStrategy: 80,
    scoreCustomers: 80,
    scoreResources: 120,
    scoreProcesses: 90,
    scoreMeasurement: 70,
    scoreResults: 350,
    strengths: '领导重视质量。',
    improvements: '加强测量分析。',
  };

  it('sends a sheet with a score outside its range back to the reviewer, naming the field', async () => {
    const decision = await run({ ...sheet, scoreResources: 131 });
    expect(decision).toMatchObject({ kind: 'bpmnError', code: SCORE_SHEET_INVALID });
    const text = JSON.stringify(decision);
    expect(text).toContain('scoreResources');
    expect(text).toContain('资源的评分应在 0 至 130 分之间');
    expect(await scoreSheetsOf(db, 'cycle-2050')).toEqual([]);
  });

  it('stores a valid sheet once with its total', async () => {
    expect(await run(sheet)).toMatchObject({ kind: 'complete', variables: { scoreWarning: '' } });
    expect(await run(sheet)).toMatchObject({ kind: 'complete' });
    const stored = await scoreSheetsOf(db, 'cycle-2050');
    expect(stored).toHaveLength(1);
    expect(stored[0]!.scores.scoreResults).toBe(350);
  });

  it('scores an individual on the criteria of Art. 2 and 15 (2)', async () => {
    const decision = await run({
      ...sheet,
      reviewApplicationId: 'cycle-2050/P-001',
      reviewApplicantKind: 'individual',
    });
    expect(decision).toMatchObject({ kind: 'bpmnError', code: SCORE_SHEET_INVALID });
    expect(JSON.stringify(decision)).toContain('scoreTheory');
  });
});
