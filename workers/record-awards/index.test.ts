import { EDITION_2023, SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import type { AwardEntry } from '../../domain/awards.js';
import { checkEligibility } from '../../domain/eligibility.js';
import { createMailer, type Mailer } from '../../mail/mailer.js';
import { pdfText } from '../../mail/pdf-text.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import { auditTrail } from '../../store/audit.js';
import { awardsOfYear, expertProposals } from '../../store/awards.js';
import type { Db } from '../../store/index.js';
import { findOrganizationRecords, findPersonRecords, withRegistryRecords } from '../../store/registry.js';
import { openTestStore } from '../../store/test-store.js';
import { executeTask, taskContext } from '../execute.js';
import { recordAwardsWorker } from './index.js';

const ORG = '91310113MA1GKQ0A5Q';
const PERSON = '11010519491231002X';
const CAPS = {
  capDistrictHeadModel: '500000',
  capDistrictHeadAchievement: '20000',
  capGoldModel: '100000',
  capGoldAchievement: '10000',
};

const winners: (AwardEntry & { executives?: unknown[] })[] = [
  {
    applicationId: 'app-1',
    category: 'model',
    awardClass: 'district-head',
    prize: 500000,
    applicantName: '上海宝山精密制造有限公司',
    applicantKind: 'organization',
    creditCode: ORG,
    email: 'winner-org@example.cn',
    executives: [{ name: '王总', idNumber: '310113198001011237', position: '总经理' }],
  },
  {
    applicationId: 'app-2',
    category: 'achievement',
    awardClass: 'gold',
    prize: 10000,
    applicantName: '李四',
    applicantKind: 'individual',
    idNumber: PERSON,
    email: 'li-si@example.cn',
  },
];

// Art. 18 (8), 19, 21: 发文公告 — registry, certificates by e-mail, the Art. 21 list; once per task.
describe('record-awards worker', () => {
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
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
    await db.close();
  });

  const run = (vars: Record<string, unknown>, activityInstanceId = 'Task_RecordAwards:1') =>
    executeTask(
      recordAwardsWorker,
      vars,
      taskContext(
        {
          taskId: 't',
          topic: recordAwardsWorker.topic,
          processInstanceId: 'pi-cycle-2025',
          processDefinitionKey: 'award-cycle',
          activityId: 'Task_RecordAwards',
          activityInstanceId,
          businessKey: 'cycle-2025',
          retries: null,
        },
        pino({ level: 'silent' }),
      ),
      {
        db,
        mailer,
        engine: {} as EngineRest,
        config: { CAMUNDA_WORKER_USER: 'worker' } as Config,
        editions: SHIPPED_EDITIONS,
      },
      { retries: 3, baseMs: 10 },
      null,
    );

  const vars = {
    rulesEdition: '2023',
    awards: JSON.stringify(winners),
    year: '2025',
    documentNumber: '宝府〔2025〕18号',
    documentDate: '2025-12-08',
    ...CAPS,
  };

  it('refuses a prize above its cap with an incident and writes nothing', async () => {
    const decision = await run(
      { ...vars, awards: [{ ...winners[1], prize: 10001 }], documentNumber: '宝府〔2025〕99号' },
      'Task_RecordAwards:over',
    );
    expect(decision).toMatchObject({ kind: 'failure', retries: 0 });
    expect((decision as { errorMessage: string }).errorMessage).toContain(
      '超过第十九条质量金奖先进质量管理成果上限 10000 元',
    );
    expect(await awardsOfYear(db, 2025)).toEqual([]);
    expect((await findPersonRecords(db, PERSON)).awards).toEqual([]);
  });

  it('writes the registry, mails each winner a certificate and the Art. 21 list, once', async () => {
    // When the task is delivered twice (a redelivery after the first run)
    const first = await run(vars);
    const again = await run(vars);
    // Then both complete alike with the count and the winners' text
    expect(first).toMatchObject({ kind: 'complete', variables: { awardsRecorded: 2 } });
    expect(again).toEqual(first);
    const text = (first as unknown as { variables: { winnersText: string } }).variables.winnersText;
    expect(text).toContain('1. 上海宝山精密制造有限公司（app-1）：宝山区区长质量奖（先进质量管理模式）');
    // The registry holds the district awards with their 发文 date, which 资格预审 now sees (Art. 16 ¶1)
    expect((await findOrganizationRecords(db, ORG)).awards).toEqual([
      {
        level: 'district',
        category: 'model',
        year: 2025,
        awardedOn: '2025-12-08',
        title: '宝山区区长质量奖（先进质量管理模式）',
      },
    ]);
    const applicant = await withRegistryRecords(db, {
      kind: 'organization',
      name: '上海宝山精密制造有限公司',
      creditCode: ORG,
      registeredDistrict: '宝山区',
      registrationDate: '2015-03-01',
      licensesValid: true,
      chiefQualityOfficer: true,
      sanctions: [],
      awards: [],
      municipalApplicationSameYear: false,
    });
    expect(
      checkEligibility(applicant, '2027-03-01', EDITION_2023.eligibility).failures.map((f) => f.code),
    ).toContain('art16-1-recent-award');
    // Art. 16 ¶1 counts three years from the 发文 date: barred the day before, free on the day
    expect(
      checkEligibility(applicant, '2028-12-07', EDITION_2023.eligibility).failures.map((f) => f.code),
    ).toContain('art16-1-recent-award');
    expect(checkEligibility(applicant, '2028-12-08', EDITION_2023.eligibility).failures).toEqual([]);
    expect((await findPersonRecords(db, PERSON)).awards[0]).toMatchObject({
      year: 2025,
      category: 'achievement',
    });
    // One e-mail per winner, each with its certificate PDF naming the award year
    const mails = received.filter((m) => m.subject.startsWith('获奖通知'));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['li-si@example.cn', 'winner-org@example.cn']);
    const orgMail = mails.find((m) => m.to[0] === 'winner-org@example.cn')!;
    expect(orgMail.attachments).toHaveLength(1);
    expect(orgMail.attachments![0]!.contentType).toBe('application/pdf');
    expect(orgMail.attachments![0]!.filename).toBe('2025年度区政府质量奖证书-app-1.pdf');
    expect(pdfText(orgMail.attachments![0]!.content).join('')).toContain(
      '2025年度宝山区区长质量奖（先进质量管理模式）',
    );
    // The Art. 21 list, the expert proposals (not pool members) and one audit entry
    const stored = await awardsOfYear(db, 2025);
    expect(stored.map((a) => [a.applicationId, a.documentNumber, a.prize])).toEqual([
      ['app-1', '宝府〔2025〕18号', 500000],
      ['app-2', '宝府〔2025〕18号', 10000],
    ]);
    const proposals = await expertProposals(db, 2025);
    expect(proposals.map((p) => [p.name, p.role, p.status])).toEqual([
      ['王总', 'executive', 'proposed'],
      ['李四', 'winner', 'proposed'],
    ]);
    const effects = await db.query<{ effect_key: string }>(
      `SELECT effect_key FROM effects WHERE kind = 'registry' ORDER BY effect_key`,
    );
    expect(effects.map((e) => e.effect_key)).toEqual([
      'pi-cycle-2025/Task_RecordAwards:1/registry:app-1',
      'pi-cycle-2025/Task_RecordAwards:1/registry:app-2',
    ]);
    const audit = await auditTrail(db, { action: 'awards.recorded' });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('2 项');
  });
});
