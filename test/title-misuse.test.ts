import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toVariables, type EngineDto, type EngineRest, type Present } from '../camunda/rest.js';
import { shanghaiDate } from '../domain/edition.js';
import { auditTrail } from '../store/audit.js';
import { misuseCasesOf } from '../store/between-cycles.js';
import { upsertAwardRecord, upsertOrganization } from '../store/registry.js';
import { completeTask, CREDIT_CODES, endedAt, variable, waitForTask } from './support/application.js';
import { fireTimer, historicVariable, storeAccess } from './support/between-cycles.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

/** The calendar day n days after a YYYY-MM-DD day. */
const daysAfter = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// Art. 24: the office records a misuse of the award title, orders a correction by a deadline (e-mail),
// checks it when the deadline timer fires (fired through the job API), and escalates to the committee
// when it was not corrected.
describe('award-title-misuse (Art. 24)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-title-misuse-'));
  let mail: MailAndWorkers;
  let office: EngineRest;
  let committee: EngineRest;
  const withStore = storeAccess(() => mail, dataDir);

  beforeAll(async () => {
    mail = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('tm-office', ['office']);
    committee = await personRest('tm-committee', ['committee']);
    // Given the registry holds the 2025 award of the first organization only
    await withStore(async (db) => {
      await upsertOrganization(db, { creditCode: CREDIT_CODES[0], name: '上海宝山精密制造有限公司' });
      await upsertAwardRecord(
        db,
        { creditCode: CREDIT_CODES[0] },
        { level: 'district', category: 'model', year: 2025, title: '宝山区质量金奖' },
      );
    });
  });
  afterAll(async () => {
    await mail.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (holderKey: string, holderName: string, holderEmail: string, misuseKind: string) =>
    office.post('/process-definition/key/award-title-misuse/start', {
      variables: toVariables({
        holderKey,
        holderName,
        holderEmail,
        misuseKind,
        evidence: '在某超市货架上发现其产品包装印有“宝山区政府质量奖”字样及标志。',
      }),
    }) as Promise<Present<EngineDto<'ProcessInstanceWithVariablesDto'>, 'id' | 'businessKey'>>;

  it('orders a correction by the deadline and escalates to the committee when it was not corrected', async () => {
    // Given the office records that an award holder put the title on its packaging
    const instance = await start(
      CREDIT_CODES[0],
      '上海宝山精密制造有限公司',
      'tm-holder@example.cn',
      'packaging',
    );
    expect(instance.businessKey).toBe(`title-misuse/${CREDIT_CODES[0]}/${instance.id}`);
    const order = await waitForTask(office, instance.id, 'Task_OrderCorrection');
    // Then the registry shows the holder's award and the default deadline is the BPMN parameter P15D
    expect(await variable(instance.id, 'awardHolder')).toBe(true);
    expect(await variable(instance.id, 'holderAwardsText')).toContain('2025 年度 宝山区质量金奖');
    const today = shanghaiDate(new Date());
    expect(await variable(instance.id, 'correctionDueDate')).toBe(daysAfter(today, 15));

    // When the office orders the correction within ten days
    const due = daysAfter(today, 10);
    await completeTask(office, order.id, {
      orderDecision: 'order',
      correctionRequirements: '立即停止使用印有获奖称号的包装，并召回已投放的产品包装。',
      correctionDueDate: due,
    });
    // Then the holder gets the order naming Art. 24 and the deadline
    const notice = await mail.mailTo('tm-holder@example.cn', '【宝山区政府质量奖】责令限期改正通知');
    expect(notice.text).toContain('第二十四条');
    expect(notice.text).toContain(`于 ${due} 前改正`);
    expect(notice.text).toContain('在包装上标注质量奖标志或获奖称号');

    // When the deadline passes (the timer is due at the end of the due day in Shanghai)
    const job = await fireTimer(instance.id, 'Timer_CorrectionDue');
    expect(new Date(job.dueDate!).getTime()).toBe(Date.parse(`${due}T17:00:00+08:00`));
    // and the office finds it was not corrected
    const check = await waitForTask(office, instance.id, 'Task_CheckCorrection');
    await completeTask(office, check.id, {
      correctionResult: 'not-corrected',
      checkNotes: '复查时货架上仍有印有获奖称号的包装。',
    });
    // Then the committee has the case, and the case is recorded as escalated
    const review = await waitForTask(committee, instance.id, 'Task_CommitteeReview');
    await waitFor('the case escalated', async () =>
      (await historicVariable(instance.id, 'misuseStatus')) === 'escalated' ? true : undefined,
    );
    await completeTask(committee, review.id, {
      committeeDecision: 'propose-revocation',
      committeeReasons: '逾期拒不改正，属违反宗旨的重大事项，提请按第二十五条撤销。',
    });
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_Escalated');
    expect(await historicVariable(instance.id, 'titleMisuseOutcome')).toBe('escalated');
    await withStore(async (db) => {
      const [stored] = await misuseCasesOf(db, CREDIT_CODES[0]);
      expect(stored).toMatchObject({
        caseId: instance.businessKey,
        awardHolder: true,
        misuseKind: 'packaging',
        status: 'escalated',
        dueDate: due,
      });
      // and the audit trail has the recording once
      const audit = await auditTrail(db, {
        action: 'title-misuse.recorded',
        businessKey: instance.businessKey,
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'tm-office', subject: CREDIT_CODES[0] });
    });
  });

  it('ends corrected for an organization that is not an award holder once it corrected in time', async () => {
    // Given an organization without any award advertises its products with the title
    const instance = await start(CREDIT_CODES[1], '上海某贸易有限公司', 'tm-other@example.cn', 'advertising');
    const order = await waitForTask(office, instance.id, 'Task_OrderCorrection');
    expect(await variable(instance.id, 'awardHolder')).toBe(false);
    expect(await variable(instance.id, 'holderAwardsText')).toContain('非获奖者');
    await completeTask(office, order.id, {
      orderDecision: 'order',
      correctionRequirements: '撤下使用获奖称号的产品广告。',
      correctionDueDate: await variable<string>(instance.id, 'correctionDueDate'),
    });
    await mail.mailTo('tm-other@example.cn', '【宝山区政府质量奖】责令限期改正通知');
    // When the deadline passes and the office finds it corrected
    await fireTimer(instance.id, 'Timer_CorrectionDue');
    const check = await waitForTask(office, instance.id, 'Task_CheckCorrection');
    await completeTask(office, check.id, { correctionResult: 'corrected', checkNotes: '广告已撤下。' });
    // Then the case ends corrected, without the committee
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_Corrected');
    await withStore(async (db) => {
      expect((await misuseCasesOf(db, CREDIT_CODES[1])).map((c) => c.status)).toEqual(['corrected']);
    });
  });

  it('deploys every process definition with a history time-to-live of at least ten years (Art. 27)', async () => {
    // Given every deployed process definition, latest versions
    const definitions = await adminRest().get('/process-definition?latestVersion=true');
    // Then the between-cycles processes are among them and each keeps its history ≥ 3650 days
    expect(definitions.map((d) => d.key)).toEqual(
      expect.arrayContaining(['award-title-misuse', 'award-incubation', 'records-retention', 'award-cycle']),
    );
    const short = definitions.filter((d) => (d.historyTimeToLive ?? 0) < 3650);
    expect(short).toEqual([]);
  });
});
