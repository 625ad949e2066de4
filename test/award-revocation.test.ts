import { EDITION_2023, SHIPPED_EDITIONS } from '../config/test-editions.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { pino } from 'pino';
import { toVariables, type EngineRest } from '../camunda/rest.js';
import { shanghaiDate } from '../domain/edition.js';
import { plusYears } from '../domain/post-award.js';
import { createApp } from '../server/app.js';
import { eligibilityRouter } from '../server/routes/eligibility.js';
import { openStore } from '../store/index.js';
import { findOrganizationRecords, upsertAwardRecord, upsertOrganization } from '../store/registry.js';
import {
  completeTask,
  CREDIT_CODES,
  ELIGIBLE_ORGANIZATION,
  endedAt,
  variable,
  waitForTask,
} from './support/application.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

/** A variable of an ended instance, from the engine's history. */
async function historicVariable(processInstanceId: string, name: string): Promise<unknown> {
  const [v] = await adminRest().get(
    `/history/variable-instance?processInstanceId=${processInstanceId}&variableName=${name}`,
  );
  return v?.value;
}

// Art. 25: the office proposes a revocation, the committee and the district government approve, the
// registry records the date, and 资格预审 refuses the organization for three years.
describe('award-revocation (Art. 25)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-revocation-'));
  const AWARD = {
    level: 'district' as const,
    category: 'model' as const,
    year: 2025,
    title: '宝山区质量金奖',
  };
  let mail: MailAndWorkers;
  let office: EngineRest;
  let committee: EngineRest;
  let government: EngineRest;

  /** Runs fn on the workers' store while they are stopped (the embedded store has one owner). */
  const withStore = async (fn: (db: Awaited<ReturnType<typeof openStore>>) => Promise<void>) =>
    mail.restartWorkers(async () => {
      const db = await openStore({ dataDir });
      try {
        await fn(db);
      } finally {
        await db.close();
      }
    });

  beforeAll(async () => {
    mail = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('rv-office', ['office']);
    committee = await personRest('rv-committee', ['committee']);
    government = await personRest('rv-government', ['district-government']);
    // Given the registry holds the 2025 award of two organizations
    await withStore(async (db) => {
      for (const creditCode of CREDIT_CODES) {
        await upsertOrganization(db, { creditCode, name: `获奖组织 ${creditCode}` });
        await upsertAwardRecord(db, { creditCode }, AWARD);
      }
    });
  });
  afterAll(async () => {
    await mail.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (creditCode: string, email: string) =>
    office.post('/process-definition/key/award-revocation/start', {
      variables: toVariables({
        holderKind: 'organization',
        holderName: '上海宝山精密制造有限公司',
        creditCode,
        idNumber: null,
        holderEmail: email,
        awardYear: 2025,
        awardLevel: AWARD.level,
        awardCategory: AWARD.category,
        awardTitle: AWARD.title,
        revocationReason: 'major-incident',
        revocationDescription: '获奖后发生重大安全生产事故，造成人员伤亡。',
      }),
    });

  it('revokes after both approvals: the registry has the date and 资格预审 fails Art. 25 until the ban ends', async () => {
    // Given the winner's three years of 质量绩效表 are being followed (Art. 23)
    const monitoring = await adminRest().post('/process-definition/key/award-post-monitoring/start', {
      businessKey: 'cycle-2025/RV-1/monitoring',
      variables: toVariables({
        holderName: '上海宝山精密制造有限公司',
        holderKey: CREDIT_CODES[0],
        holderEmail: 'rv-holder@example.cn',
        awardYear: '2025',
        cycleKey: 'cycle-2025',
        applicationId: 'cycle-2025/RV-1',
        awardTitle: AWARD.title,
      }),
    });
    // and the office starts a revocation for a major incident after the award
    const instance = await start(CREDIT_CODES[0], 'rv-holder@example.cn');
    // When the office, the committee and the district government each agree
    await completeTask(office, (await waitForTask(office, instance.id, 'Task_Investigate')).id, {
      investigationFindings: '经调查，事故属实，属重大安全事故。',
      investigationConclusion: 'propose',
    });
    await completeTask(committee, (await waitForTask(committee, instance.id, 'Task_CommitteeDecision')).id, {
      committeeDecision: 'approve',
      committeeReasons: '同意撤销，报请区政府批准。',
    });
    await completeTask(
      government,
      (await waitForTask(government, instance.id, 'Task_GovernmentApproval')).id,
      {
        governmentDecision: 'approve',
        governmentReasons: '批准取消其荣誉资格。',
      },
    );
    // Then the revocation is recorded and the office recovers plaque, certificate and prize
    for (const [key, item] of [
      ['Task_RecoverPlaque', 'plaque'],
      ['Task_RecoverCertificate', 'certificate'],
      ['Task_RecoverPrize', 'prize'],
    ] as const) {
      const task = await waitForTask(office, instance.id, key);
      await completeTask(office, task.id, {
        [`${item}Recovered`]: true,
        [`${item}RecoveryNote`]: '已收回。',
      });
    }
    const today = shanghaiDate(new Date());
    expect(await variable(instance.id, 'revokedOn')).toBe(today);
    expect(await variable(instance.id, 'banEndsOn')).toBe(plusYears(today, 3));
    // and the 通报批评 goes out
    const notice = await mail.mailTo('rv-holder@example.cn', '【宝山区政府质量奖】通报批评');
    expect(notice.text).toContain('第二十五条');
    expect(notice.text).toContain('收回奖牌、证书和奖金');
    expect(notice.text).toContain(`${plusYears(today, 3)} 起方可重新申报`);
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_Revoked');
    expect(await historicVariable(instance.id, 'revocationOutcome')).toBe('revoked');
    // and the 通报批评 reaches the committee as well as the holder (Art. 25)
    const toCommittee = await mail.mailTo('rv-committee@example.cn', '【宝山区政府质量奖】通报批评');
    expect(toCommittee.text).toMatch(/^宝山区政府质量奖审定委员会：/);
    expect(toCommittee.text).toContain(`${plusYears(today, 3)} 起方可重新申报`);
    // and the revoked award's award-post-monitoring has ended, with the reason (Art. 23, 25)
    expect(await waitFor('the monitoring ended', () => endedAt(monitoring.id))).toBe('End_Revoked');
    expect(await historicVariable(monitoring.id, 'monitoringOutcome')).toBe('revoked');
    expect(String(await historicVariable(monitoring.id, 'monitoringEndReason'))).toContain('第二十五条');
    expect(await historicVariable(instance.id, 'postMonitoringEnded')).toBe(1);

    // And the registry and POST /api/eligibility/check on the same store refuse the organization
    await withStore(async (db) => {
      const { awards } = await findOrganizationRecords(db, CREDIT_CODES[0]);
      expect(awards).toEqual([{ ...AWARD, revokedOn: today }]);
      const app = createApp({
        db,
        log: pino({ level: 'silent' }),
        // The ban's last day lies after the 2023 办法 (to 2028-07-31); a revised edition with the same
        // numbers stands in for the one then in force (Art. 28: no check without an edition in force).
        apiRouters: [
          eligibilityRouter({
            db,
            editions: [
              ...SHIPPED_EDITIONS,
              {
                ...EDITION_2023,
                id: 'test-successor',
                appliesFrom: '2028-08-01',
                effectiveFrom: '2028-08-01',
                effectiveTo: '2033-07-31',
              },
            ],
          }),
        ],
      });
      const facts = ELIGIBLE_ORGANIZATION;
      const applicant = {
        kind: 'organization',
        name: facts.applicantName,
        creditCode: CREDIT_CODES[0],
        registeredDistrict: facts.registeredDistrict,
        registrationDate: facts.registrationDate,
        licensesValid: true,
        chiefQualityOfficer: true,
        awards: [],
        sanctions: [],
        municipalApplicationSameYear: false,
        truthfulDeclaration: true,
      };
      const check = async (asOf: string) =>
        (await request(app).post('/api/eligibility/check').send({ applicant, asOf })).body as {
          eligible: boolean;
          failures: { article: number; message: string }[];
        };
      const now = await check(today);
      expect(now.eligible).toBe(false);
      expect(now.failures.find((f) => f.article === 25)?.message).toContain('第二十五条');
      const banEnds = plusYears(today, 3);
      const lastDay = new Date(Date.parse(`${banEnds}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect((await check(lastDay)).failures.some((f) => f.article === 25)).toBe(true);
      const after = await check(banEnds);
      expect(after.failures.filter((f) => f.article === 25)).toEqual([]);
    });
  });

  it('ends on its own path when the committee refuses, recording the reason and leaving the registry alone', async () => {
    // Given a revocation for fraudulent materials that the office proposes
    const instance = await start(CREDIT_CODES[1], 'rv-other@example.cn');
    await completeTask(office, (await waitForTask(office, instance.id, 'Task_Investigate')).id, {
      investigationFindings: '申报材料存在疑点。',
      investigationConclusion: 'propose',
    });
    // When the committee refuses
    await completeTask(committee, (await waitForTask(committee, instance.id, 'Task_CommitteeDecision')).id, {
      committeeDecision: 'refuse',
      committeeReasons: '证据不足，不同意撤销。',
    });
    // Then the instance ends at the committee's refusal with its reason, and nothing is revoked
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_CommitteeRefused');
    expect(await historicVariable(instance.id, 'revocationOutcome')).toBe('committee-refused');
    expect(await historicVariable(instance.id, 'committeeReasons')).toBe('证据不足，不同意撤销。');
    await withStore(async (db) => {
      expect((await findOrganizationRecords(db, CREDIT_CODES[1])).awards).toEqual([AWARD]);
    });
  });

  it('sends an award the registry does not hold to the office, not to an incident', async () => {
    // Given a revocation naming a 2019 award the registry does not hold, approved by all
    const instance = await office.post('/process-definition/key/award-revocation/start', {
      variables: toVariables({
        holderKind: 'organization',
        holderName: '上海宝山精密制造有限公司',
        creditCode: CREDIT_CODES[1],
        holderEmail: 'rv-other@example.cn',
        awardYear: 2019,
        awardLevel: 'district',
        awardCategory: 'model',
        awardTitle: '宝山区质量金奖',
        revocationReason: 'fraudulent-materials',
        revocationDescription: '申报材料弄虚作假。',
      }),
    });
    await completeTask(office, (await waitForTask(office, instance.id, 'Task_Investigate')).id, {
      investigationFindings: '属实。',
      investigationConclusion: 'propose',
    });
    await completeTask(committee, (await waitForTask(committee, instance.id, 'Task_CommitteeDecision')).id, {
      committeeDecision: 'approve',
      committeeReasons: '同意。',
    });
    await completeTask(
      government,
      (await waitForTask(government, instance.id, 'Task_GovernmentApproval')).id,
      {
        governmentDecision: 'approve',
        governmentReasons: '批准。',
      },
    );
    // Then the office is asked to check the award record, and may end the procedure
    const check = await waitForTask(office, instance.id, 'Task_CheckAwardRecord');
    expect(await variable(instance.id, 'revocationWarning')).toContain('第二十五条');
    await completeTask(office, check.id, {
      recordDecision: 'abandon',
      recordNote: '获奖记录有误，另行处理。',
    });
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_RecordAbandoned');
  });
});
