import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toVariables, type EngineRest } from '../camunda/rest.js';
import { creditCodeCheckChar, organizationCodeCheckChar } from '../domain/identifiers.js';
import { enrolmentsOf, graduatesFor, isIncubationGraduate } from '../store/between-cycles.js';
import { completeTask, endedAt, variable, waitForTask } from './support/application.js';
import { historicVariable, storeAccess } from './support/between-cycles.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

/** A valid 统一社会信用代码 for an 8-character organization code (both check characters computed). */
const code = (organization8: string) => {
  const first17 = `91310113${organization8}${organizationCodeCheckChar(organization8)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};
const SME = code('MA1GKH01');
const OTHER = code('MA1GKH02');
const SOCIAL = code('MA1GKH03');

// Art. 5, 6, 10 (7): an incubation year from the call to the graduates — enrolments checked against
// Art. 6, the third-party incubator runs the programme and reports, the office supervises (and once
// sends the report back), and the graduates are stored, flagged for the next evaluation year.
describe('award-incubation (Art. 5, 6, 10 (7))', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-incubation-'));
  let mail: MailAndWorkers;
  let office: EngineRest;
  let incubator: EngineRest;
  const withStore = storeAccess(() => mail, dataDir);

  beforeAll(async () => {
    mail = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('ic-office', ['office']);
    incubator = await personRest('ic-incubator', ['incubator']);
  });
  afterAll(async () => {
    await mail.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const none = { highTech: false, innovative: false, competitive: false, qualityLeader: false };

  it('runs an incubation year from the call to the graduates flagged for the next evaluation year', async () => {
    // Given the incubator group exists with the other groups
    expect(await adminRest().get('/group/incubator')).toMatchObject({
      name: '培育孵化第三方服务机构',
    });
    // Given the office publishes the 2027 call
    const instance = await office.post('/process-definition/key/award-incubation/start', {
      variables: toVariables({
        incubationYear: '2027',
        callText: '面向本区中小企业、社会组织征集卓越绩效管理公益孵化对象。',
        enrolmentDeadline: '2027-04-30',
        incubatorName: '上海某质量技术服务中心',
      }),
    });
    expect(instance.businessKey).toBe('incubation-2027');

    // When the office enters three enrolments
    const enter = async (values: Record<string, unknown>, more: 'more' | 'done') => {
      const task = await waitFor('a new enrolment task', async () => {
        const t = await waitForTask(office, instance.id, 'Task_EnterEnrolment');
        return t.id === lastTask ? undefined : t;
      });
      lastTask = task.id;
      await completeTask(office, task.id, { ...none, ...values, moreEnrolments: more });
    };
    let lastTask = '';
    await enter(
      {
        enrolmentName: '上海宝山智能传感科技有限公司',
        enrolmentCreditCode: SME,
        enrolmentKind: 'sme',
        highTech: true,
        innovative: true,
      },
      'more',
    );
    // Then an SME with the encouraged characteristics is accepted
    await waitFor('the first check', async () =>
      String(await historicVariable(instance.id, 'enrolmentResult')).includes('智能传感') ? true : undefined,
    );
    expect(await variable(instance.id, 'enrolmentAccepted')).toBe(true);
    expect(await variable(instance.id, 'enrolmentResult')).toContain('科技含量高、技术创新性强');
    // and a large group that is neither an SME nor a social organization is accepted too: Art. 6
    // encourages SMEs and social organizations, it excludes no one (the note says so)
    await enter(
      {
        enrolmentName: '上海某集团股份有限公司',
        enrolmentCreditCode: OTHER,
        enrolmentKind: 'other',
        highTech: true,
      },
      'more',
    );
    await waitFor('the second check', async () =>
      String(await historicVariable(instance.id, 'enrolmentResult')).includes('集团') ? true : undefined,
    );
    expect(await variable(instance.id, 'enrolmentAccepted')).toBe(true);
    expect(await variable(instance.id, 'enrolmentResult')).toContain('第六条鼓励和支持中小企业、社会组织');
    await enter(
      {
        enrolmentName: '宝山区质量管理协会',
        enrolmentCreditCode: SOCIAL,
        enrolmentKind: 'social-organization',
        qualityLeader: true,
      },
      'done',
    );

    // Then the incubator runs the programme for the three accepted organizations
    const run1 = await waitForTask(incubator, instance.id, 'Task_RunProgramme');
    const options = await variable<string>(instance.id, 'enrolledOptions');
    expect((JSON.parse(options) as { value: string }[]).map((o) => o.value).sort()).toEqual(
      [SME, OTHER, SOCIAL].sort(),
    );
    await completeTask(incubator, run1.id, {
      programmeReport: '开展卓越绩效培训 6 次、现场辅导 4 次。',
      graduates: [SME],
    });
    // When the office supervises and sends the report back once
    const supervise1 = await waitForTask(office, instance.id, 'Task_Supervise');
    await completeTask(office, supervise1.id, {
      supervisionDecision: 'rework',
      supervisionNotes: '请补充宝山区质量管理协会的辅导记录。',
    });
    // Then the incubator reports again and the office accepts
    const run2 = await waitFor('the incubator task again', async () => {
      const t = await waitForTask(incubator, instance.id, 'Task_RunProgramme');
      return t.id === run1.id ? undefined : t;
    });
    await completeTask(incubator, run2.id, {
      programmeReport: '开展卓越绩效培训 6 次、现场辅导 6 次（含协会 2 次）。',
      graduates: [SME, SOCIAL],
    });
    const supervise2 = await waitFor('the supervision task again', async () => {
      const t = await waitForTask(office, instance.id, 'Task_Supervise');
      return t.id === supervise1.id ? undefined : t;
    });
    await completeTask(office, supervise2.id, { supervisionDecision: 'approve', supervisionNotes: '认可。' });

    // Then the year ends with both graduates flagged for the 2028 evaluation year
    expect(await waitFor('the end', () => endedAt(instance.id))).toBe('End_Graduated');
    expect(await historicVariable(instance.id, 'incubationOutcome')).toBe('graduated');
    expect(await historicVariable(instance.id, 'evaluationYear')).toBe(2028);
    await withStore(async (db) => {
      const graduates = await graduatesFor(db, 2028);
      expect(graduates.map((g) => [g.creditCode, g.name, g.incubationYear]).sort()).toEqual(
        [
          [SME, '上海宝山智能传感科技有限公司', 2027],
          [SOCIAL, '宝山区质量管理协会', 2027],
        ].sort(),
      );
      expect(await isIncubationGraduate(db, OTHER, 2028)).toBe(false);
      const enrolments = await enrolmentsOf(db, 2027);
      // Art. 6 excludes no one: the group is enrolled, with the article's note on record
      expect(enrolments.find((e) => e.creditCode === OTHER)).toMatchObject({ accepted: true });
      expect(enrolments.find((e) => e.creditCode === OTHER)?.findings[0]?.article).toBe(6);
    });
  });
});
