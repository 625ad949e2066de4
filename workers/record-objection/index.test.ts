import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import type { AwardEntry } from '../../domain/awards.js';
import { createMailer, type Mailer } from '../../mail/mailer.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import { auditTrail } from '../../store/audit.js';
import type { Db } from '../../store/index.js';
import { findObjection, insertObjection } from '../../store/objections.js';
import { openTestStore } from '../../store/test-store.js';
import { executeTask, taskContext } from '../execute.js';
import { recordObjectionWorker } from './index.js';

const awards: AwardEntry[] = [
  {
    applicationId: 'app-1',
    category: 'model',
    awardClass: 'gold',
    applicantName: '甲公司',
    applicantKind: 'organization',
    creditCode: '91310113MA1GKQ0A5Q',
  },
  {
    applicationId: 'app-2',
    category: 'model',
    awardClass: 'gold',
    applicantName: '乙公司',
    applicantKind: 'organization',
    creditCode: '91310113MA1GKQ0B3K',
  },
];

// Art. 18 (7): 核查异议 — the decision is stored once, the objector told, an upheld one removes the award.
describe('record-objection worker', () => {
  let db: Db;
  let sink: SmtpSink;
  let mailer: Mailer;
  const received: ReceivedMail[] = [];

  beforeAll(async () => {
    db = await openTestStore();
    sink = await startSmtpSink(0, (m) => void received.push(m));
    mailer = createMailer({
      db,
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
      from: '办公室 <office@localhost>',
    });
    for (const [id, applicationId, contact] of [
      ['objection-1', 'app-1', 'zhang@example.cn'],
      ['objection-2', 'app-2', '13812345678'],
    ] as const)
      await insertObjection(db, {
        id,
        cycle: 'cycle-2025',
        applicationId,
        applicantName: applicationId === 'app-1' ? '甲公司' : '乙公司',
        name: '张三',
        contact,
        reason: '该单位近三年内发生过重大质量安全事故，不符合申报条件。',
        filedBy: 'api:127.0.0.1',
        processInstanceId: 'pi-cycle',
        evidence: [
          { fileName: '证据.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 x') },
        ],
      });
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
    await db.close();
  });

  const run = (vars: Record<string, unknown>, activityInstanceId: string) =>
    executeTask(
      recordObjectionWorker,
      vars,
      taskContext(
        {
          taskId: 't',
          topic: recordObjectionWorker.topic,
          processInstanceId: 'pi-cycle',
          processDefinitionKey: 'award-cycle',
          activityId: 'Task_RecordObjection',
          activityInstanceId,
          businessKey: 'cycle-2025',
          retries: null,
        },
        pino({ level: 'silent' }),
      ),
      { db, mailer, engine: {} as EngineRest, config: {} as Config, editions: SHIPPED_EDITIONS },
      { retries: 3, baseMs: 10 },
      null,
    );

  it('removes the award of an upheld objection and tells the objector once', async () => {
    const vars = {
      objectionId: 'objection-1',
      objectionDecision: 'upheld',
      objectionFindings: '经核实，事故属实',
      awards: JSON.stringify(awards),
      objectionReviewedBy: 'office1',
    };
    const first = await run(vars, 'Task_RecordObjection:1');
    const again = await run(vars, 'Task_RecordObjection:1');
    expect(first).toMatchObject({ kind: 'complete', variables: { awardsChanged: true } });
    expect(
      (first as unknown as { variables: { awards: AwardEntry[] } }).variables.awards.map(
        (a) => a.applicationId,
      ),
    ).toEqual(['app-2']);
    expect(again).toEqual(first);
    const stored = await findObjection(db, 'objection-1');
    expect(stored).toMatchObject({ decision: 'upheld', findings: '经核实，事故属实', decidedBy: 'office1' });
    expect(stored!.evidence).toEqual([
      expect.objectContaining({ fileName: '证据.pdf', contentType: 'application/pdf' }),
    ]);
    const mails = received.filter((m) => m.to.includes('zhang@example.cn'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('异议核查结果：异议成立（甲公司）');
    expect(mails[0]!.text).toContain('经核实，事故属实');
    const audit = await auditTrail(db, { action: 'objection.decided' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'office1', subject: 'app-1', businessKey: 'cycle-2025' });
  });

  it('keeps the list on a dismissed objection and sends no mail without an address', async () => {
    const before = received.length;
    const decision = await run(
      {
        objectionId: 'objection-2',
        objectionDecision: 'dismissed',
        objectionFindings: '',
        awards,
        objectionReviewedBy: 'office1',
      },
      'Task_RecordObjection:2',
    );
    expect(decision).toMatchObject({ kind: 'complete', variables: { awardsChanged: false } });
    expect((decision as { variables: Record<string, unknown> }).variables).not.toHaveProperty('awards');
    expect(received.length).toBe(before);
    expect(await findObjection(db, 'objection-2')).toMatchObject({ decision: 'dismissed' });
  });

  it('makes an unknown objection an incident', async () => {
    const decision = await run(
      { objectionId: 'objection-x', objectionDecision: 'dismissed', awards, objectionReviewedBy: 'office1' },
      'Task_RecordObjection:3',
    );
    expect(decision).toMatchObject({ kind: 'failure', retries: 0 });
  });
});
