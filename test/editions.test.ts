import { EDITION_2023 } from '../config/test-editions.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toVariables, type EngineRest } from '../camunda/rest.js';
import { shanghaiDate } from '../domain/edition.js';
import { auditTrail } from '../store/audit.js';
import { addEdition, cycleEditionOf, decideEdition } from '../store/editions.js';
import { completeTask, variable, waitForTask } from './support/application.js';
import { storeAccess } from './support/between-cycles.js';
import { adminRest, personRest, waitFor } from './support/engine.js';
import { startMailAndWorkers, type MailAndWorkers } from './support/mail-and-workers.js';

// Art. 28: the edition of the 办法 is data; a cycle records the edition it runs under, and a cycle
// outside every edition's window waits until the office confirms a revised edition added as data.
describe('rules editions at the start of award-cycle (Art. 28)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-editions-'));
  let mail: MailAndWorkers;
  let office: EngineRest;
  const admin = adminRest();
  const withStore = storeAccess(() => mail, dataDir);

  beforeAll(async () => {
    mail = await startMailAndWorkers({ keepDataDir: dataDir });
    office = await personRest('ed-office', ['office']);
  });
  afterAll(async () => {
    await mail.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const startCycle = (year: string, cycleAsOf?: string) =>
    office.post('/process-definition/key/award-cycle/start', {
      variables: toVariables({
        year,
        applicationStart: `${year}-03-01`,
        applicationEnd: `${year}-05-31`,
        deadline: `${year}-06-30`,
        cycleFields: '制造业',
        teamSize: 2,
        ...(cycleAsOf ? { cycleAsOf } : {}),
      }),
    });
  /** Whether the instance reached the announcement (the step after the edition check). */
  const reachedAnnouncement = async (id: string) =>
    (await admin.get(`/history/activity-instance?processInstanceId=${id}&activityId=Task_Announce`)).length >
      0 || undefined;

  it('records the 2023 edition on a cycle started inside its window', async () => {
    // Given a cycle started today (inside 2023-04-27 … 2028-07-31)
    const cycle = await startCycle('2041');
    // Then it records the 2023 edition and goes on to the announcement
    await waitFor('the announcement', () => reachedAnnouncement(cycle.id));
    expect(await variable(cycle.id, 'rulesEdition')).toBe('2023');
    expect(await variable(cycle.id, 'rulesEditionTitle')).toBe(EDITION_2023.title);
    await admin.delete(`/process-instance/${cycle.id}`);
    await withStore(async (db) => {
      expect(await cycleEditionOf(db, 'cycle-2041')).toEqual({
        cycleKey: 'cycle-2041',
        editionId: '2023',
        asOf: shanghaiDate(new Date()),
        confirmedBy: null,
      });
    });
  });

  it('stops a cycle outside every window until the office confirms a revised edition added as data', async () => {
    // Given a cycle whose date lies after the 2023 办法 expired
    const cycle = await startCycle('2042', '2029-03-01');
    // Then the office is asked to confirm a revised edition
    const confirm1 = await waitForTask(office, cycle.id, 'Task_ConfirmEdition');
    expect(await variable(cycle.id, 'editionWarning')).toContain(
      '第二十八条：2029-03-01 不在任何办法版本的适用期内',
    );
    expect(await reachedAnnouncement(cycle.id)).toBeUndefined();
    // When the office names an edition that has not been added yet
    await completeTask(office, confirm1.id, { confirmedEdition: '2028' });
    // Then it is asked again, told the edition is missing
    const confirm2 = await waitFor('the confirmation again', async () => {
      const t = await waitForTask(office, cycle.id, 'Task_ConfirmEdition');
      return t.id === confirm1.id ? undefined : t;
    });
    expect(await variable(cycle.id, 'editionWarning')).toContain('办法版本 2028 尚未作为数据添加');

    // When the revised edition is added as data, the committee approves it (Art. 9 (二)) and the office confirms it
    await withStore(async (db) => {
      await addEdition(
        db,
        {
          ...EDITION_2023,
          id: '2028',
          title: '宝山区政府质量奖管理办法（2028 年修订）',
          appliesFrom: '2028-08-01',
          effectiveFrom: '2028-08-01',
          effectiveTo: '2033-07-31',
        },
        'ed-office',
      );
      await decideEdition(db, '2028', { status: 'approved', decidedBy: 'ed-committee', reason: '审议通过' });
    });
    await completeTask(office, confirm2.id, { confirmedEdition: '2028' });
    // Then the cycle records the revised edition and goes on to the announcement
    await waitFor('the announcement', () => reachedAnnouncement(cycle.id));
    expect(await variable(cycle.id, 'rulesEdition')).toBe('2028');
    await admin.delete(`/process-instance/${cycle.id}`);
    // and the store and the audit trail name the office person who confirmed
    await withStore(async (db) => {
      expect(await cycleEditionOf(db, 'cycle-2042')).toEqual({
        cycleKey: 'cycle-2042',
        editionId: '2028',
        asOf: '2029-03-01',
        confirmedBy: 'ed-office',
      });
      const audit = await auditTrail(db, { action: 'edition.confirmed' });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'ed-office', subject: 'cycle-2042' });
    });
  });
});
