import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import { shanghaiDate } from '../../domain/edition.js';
import type { Mailer } from '../../mail/mailer.js';
import type { Db } from '../../store/index.js';
import { auditTrail } from '../../store/audit.js';
import { performanceReportsOf } from '../../store/performance-reports.js';
import { findOrganizationRecords, upsertAwardRecord, upsertOrganization } from '../../store/registry.js';
import { openTestStore } from '../../store/test-store.js';
import { executeTask, taskContext } from '../execute.js';
import { performanceReportsWorker } from '../performance-reports/index.js';
import type { WorkerDefinition } from '../worker.js';
import { AWARD_RECORD_MISSING, recordRevocationWorker } from './index.js';

const ORG = '91310113MA1GKQ0A5Q';

describe('post-award workers (Art. 23, 25)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
    await upsertOrganization(db, { creditCode: ORG, name: '上海宝山精密制造有限公司' });
    await upsertAwardRecord(
      db,
      { creditCode: ORG },
      { level: 'district', category: 'model', year: 2025, title: '宝山区质量金奖' },
    );
  });
  afterAll(async () => {
    await db.close();
  });

  const run = (worker: WorkerDefinition, vars: Record<string, unknown>, activityInstanceId: string) =>
    executeTask(
      worker,
      vars,
      taskContext(
        {
          taskId: 't',
          topic: worker.topic,
          processInstanceId: 'pi-post-award',
          processDefinitionKey: 'award-revocation',
          activityId: activityInstanceId.split(':')[0]!,
          activityInstanceId,
          businessKey: null,
          retries: null,
        },
        pino({ level: 'silent' }),
      ),
      {
        db,
        mailer: {} as Mailer,
        // no award-post-monitoring instance for the holder (an award imported from past years)
        engine: { get: async () => [], post: async () => undefined } as unknown as EngineRest,
        config: {} as Config,
        editions: SHIPPED_EDITIONS,
      },
      { retries: 3, baseMs: 10 },
      null,
    );

  const revocation = {
    holderKind: 'organization',
    creditCode: ORG,
    idNumber: null,
    awardYear: 2025,
    awardLevel: 'district',
    awardCategory: 'model',
    awardTitle: '宝山区质量金奖',
    revocationReason: 'major-incident',
    banYears: '3',
  };

  it('records the revocation date once and returns the end of the ban', async () => {
    // When the task is delivered twice
    const first = await run(recordRevocationWorker, revocation, 'Task_RecordRevocation:1');
    const again = await run(recordRevocationWorker, revocation, 'Task_RecordRevocation:1');
    // Then the registry holds today's date and both answers agree
    const today = shanghaiDate(new Date());
    expect(first).toMatchObject({ kind: 'complete', variables: { revokedOn: today } });
    expect(again).toEqual(first);
    const { awards } = await findOrganizationRecords(db, ORG);
    expect(awards[0]?.revokedOn).toBe(today);
    // and the audit trail holds the act once (issue 8 (5))
    const trail = await auditTrail(db, { action: 'revocation.recorded' });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ subject: ORG, processInstanceId: 'pi-post-award' });
    expect(trail[0]!.summary).toContain('第二十五条');
    expect(trail[0]!.details).toMatchObject({ reason: 'major-incident', revokedOn: today, banYears: 3 });
  });

  it('answers an award the registry does not hold with a BPMN error for the office', async () => {
    const decision = await run(
      recordRevocationWorker,
      { ...revocation, awardYear: 2019 },
      'Task_RecordRevocation:2',
    );
    expect(decision).toMatchObject({ kind: 'bpmnError', code: AWARD_RECORD_MISSING });
    expect(JSON.stringify(decision)).toContain('第二十五条');
    // and nothing was revoked, so nothing is in the audit trail for it
    expect(await auditTrail(db, { action: 'revocation.recorded' })).toHaveLength(1);
  });

  it('stores the office entry of a 质量绩效表 once and shows it', async () => {
    const vars = {
      reportAction: 'record',
      holderKey: ORG,
      holderName: '上海宝山精密制造有限公司',
      awardYear: '2025',
      reportPeriod: 2,
      reportYear: 2027,
      reportSummary: '纸质质量绩效表。',
    };
    await run(performanceReportsWorker, vars, 'Task_RecordReport:1');
    const decision = await run(performanceReportsWorker, vars, 'Task_RecordReport:1');
    expect(decision).toMatchObject({
      kind: 'complete',
      variables: { reportReceived: true, performanceReportCount: 1 },
    });
    expect(await performanceReportsOf(db, ORG, 2025)).toHaveLength(1);
    const load = await run(
      performanceReportsWorker,
      { ...vars, reportAction: 'load', reportPeriod: 1 },
      'Task_LoadReports:1',
    );
    expect(load).toMatchObject({ kind: 'complete', variables: { reportReceived: false } });
  });
});
