import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { EDITION_2023 } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import type { Mailer } from '../../mail/mailer.js';
import { auditTrail } from '../../store/audit.js';
import { addEdition, cycleEditionOf, decideEdition } from '../../store/editions.js';
import type { Db } from '../../store/index.js';
import { openTestStore } from '../../store/test-store.js';
import { closeTitleMisuseWorker } from '../close-title-misuse/index.js';
import { executeTask, taskContext } from '../execute.js';
import { recordTitleMisuseWorker } from '../record-title-misuse/index.js';
import { misuseCasesOf } from '../../store/between-cycles.js';
import type { WorkerDefinition } from '../worker.js';
import { checkRulesEditionWorker, RULES_EDITION_MISSING } from './index.js';

// Handler tests of the between-cycles workers that write to the store: a redelivered task (same
// activity instance) does its effects once.
describe('between-cycles workers (Art. 24, 28)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  const run = (
    worker: WorkerDefinition,
    vars: Record<string, unknown>,
    activityInstanceId: string,
    businessKey: string,
  ) =>
    executeTask(
      worker,
      vars,
      taskContext(
        {
          taskId: 't',
          topic: worker.topic,
          processInstanceId: `pi-${businessKey}`,
          processDefinitionKey: 'award-cycle',
          activityId: activityInstanceId.split(':')[0]!,
          activityInstanceId,
          businessKey,
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

  it('records the edition in force on the cycle date once', async () => {
    const vars = { year: '2026', cycleAsOf: '2026-03-01' };
    const first = await run(checkRulesEditionWorker, vars, 'Task_CheckEdition:1', 'cycle-2026');
    const again = await run(checkRulesEditionWorker, vars, 'Task_CheckEdition:1', 'cycle-2026');
    expect(first).toMatchObject({ kind: 'complete', variables: { rulesEdition: '2023' } });
    expect(again).toEqual(first);
    expect(await cycleEditionOf(db, 'cycle-2026')).toMatchObject({ editionId: '2023', confirmedBy: null });
  });

  it('Art. 14–16, 25: fixes one eligibility date for the cycle: the parameter (its deadline), else the cycle date', async () => {
    const withDeadline = await run(
      checkRulesEditionWorker,
      { year: '2027', cycleAsOf: '2027-03-01', eligibilityDate: '2027-05-31' },
      'Task_CheckEdition:1',
      'cycle-2027',
    );
    expect(withDeadline).toMatchObject({ kind: 'complete', variables: { eligibilityAsOf: '2027-05-31' } });
    const withoutDeadline = await run(
      checkRulesEditionWorker,
      { year: '2027', cycleAsOf: '2027-03-01', eligibilityDate: '' },
      'Task_CheckEdition:2',
      'cycle-2027',
    );
    expect(withoutDeadline).toMatchObject({ kind: 'complete', variables: { eligibilityAsOf: '2027-03-01' } });
    const bad = await run(
      checkRulesEditionWorker,
      { year: '2027', cycleAsOf: '2027-03-01', eligibilityDate: '2027-02-30' },
      'Task_CheckEdition:3',
      'cycle-2027',
    );
    expect(JSON.stringify(bad)).toContain('eligibilityDate（资格审查基准日）应为 YYYY-MM-DD 日期');
  });

  it('sends a date outside every window, or a named edition that does not cover it, to the office', async () => {
    const outside = await run(
      checkRulesEditionWorker,
      { year: '2030', cycleAsOf: '2030-01-10' },
      'Task_CheckEdition:2',
      'cycle-2030',
    );
    expect(outside).toMatchObject({ kind: 'bpmnError', code: RULES_EDITION_MISSING });
    expect(JSON.stringify(outside)).toContain('2030-01-10 不在任何办法版本的适用期内');
    const wrong = await run(
      checkRulesEditionWorker,
      { year: '2030', cycleAsOf: '2030-01-10', confirmedEdition: '2023' },
      'Task_CheckEdition:3',
      'cycle-2030',
    );
    expect(JSON.stringify(wrong)).toContain('不含本评选年度的基准日 2030-01-10');
    // When the revised edition is added by the office (a proposal: not usable yet, Art. 9 (二))
    await addEdition(
      db,
      {
        ...EDITION_2023,
        id: '2028',
        appliesFrom: '2028-08-01',
        effectiveFrom: '2028-08-01',
        effectiveTo: '2033-07-31',
      },
      'office1',
    );
    const vars = {
      year: '2030',
      cycleAsOf: '2030-01-10',
      confirmedEdition: '2028',
      editionConfirmedBy: 'office1',
    };
    const proposed = await run(checkRulesEditionWorker, vars, 'Task_CheckEdition:P', 'cycle-2030');
    expect(proposed).toMatchObject({ kind: 'bpmnError', code: RULES_EDITION_MISSING });
    expect(JSON.stringify(proposed)).toContain('办法版本 2028 尚未作为数据添加');
    // and approved by the committee, then named by the office
    expect(
      await decideEdition(db, '2028', { status: 'approved', decidedBy: 'committee1', reason: '审议通过' }),
    ).toMatchObject({ kind: 'decided' });
    await run(checkRulesEditionWorker, vars, 'Task_CheckEdition:4', 'cycle-2030');
    const redelivered = await run(checkRulesEditionWorker, vars, 'Task_CheckEdition:4', 'cycle-2030');
    expect(redelivered).toMatchObject({ kind: 'complete', variables: { rulesEdition: '2028' } });
    expect(await auditTrail(db, { action: 'edition.confirmed' })).toHaveLength(1);
    // and the same edition id cannot be added twice
    await expect(addEdition(db, { ...EDITION_2023, id: '2028' }, 'office1')).rejects.toThrow('已存在');
  });

  it('records a title misuse once and follows its status', async () => {
    const vars = {
      holderKey: '91310113MA1GKQ0A5Q',
      holderName: '某公司',
      misuseKind: 'product',
      evidence: '产品外壳印有获奖称号',
      correctionPeriod: 'P15D',
      initiator: 'office1',
    };
    const key = 'title-misuse/91310113MA1GKQ0A5Q/1';
    const first = await run(recordTitleMisuseWorker, vars, 'Task_RecordMisuse:1', key);
    await run(recordTitleMisuseWorker, vars, 'Task_RecordMisuse:1', key);
    expect(first).toMatchObject({ kind: 'complete', variables: { awardHolder: false } });
    expect(await auditTrail(db, { action: 'title-misuse.recorded' })).toHaveLength(1);
    await run(closeTitleMisuseWorker, { misuseOutcome: 'dismissed' }, 'Task_CloseDismissed:1', key);
    expect((await misuseCasesOf(db, '91310113MA1GKQ0A5Q')).map((c) => c.status)).toEqual(['dismissed']);
  });
});
