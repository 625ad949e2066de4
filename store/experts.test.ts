import type { PoolExpert } from '../domain/experts.js';
import {
  addReplacement,
  announcementOf,
  assignmentsOf,
  auditTrail,
  recordAnnouncement,
  saveAssignments,
  setAssignmentStatus,
} from './experts-review.js';
import { declareConflict, findExperts, listExperts, upsertExpert } from './experts.js';
import type { Db } from './index.js';
import { openTestStore } from './test-store.js';

const expert = (id: string, extra: Partial<PoolExpert> = {}): PoolExpert => ({
  id,
  name: `专家${id}`,
  organizationCreditCode: '91310113132203854K',
  yearsOfExperience: 10,
  trained: true,
  ethicsPledgeSigned: true,
  specialties: ['制造业', '服务业'],
  email: `${id}@example.cn`,
  conflicts: [],
  ...extra,
});

describe('expert pool store', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  it('inserts, keeps and updates experts; conflicts are only ever added', async () => {
    // Given an empty pool
    // when an expert is upserted, again unchanged, then changed, then with a declared conflict
    const outcomes = [
      await upsertExpert(db, expert('e1')),
      await upsertExpert(db, expert('e1')),
      await upsertExpert(db, expert('e1', { yearsOfExperience: 11 })),
      await upsertExpert(db, expert('e1', { yearsOfExperience: 11, conflicts: ['cycle-2031/A-1'] })),
      await upsertExpert(db, expert('e1', { yearsOfExperience: 11 })),
    ];
    // then each says what it did, and the conflict stays on record (Art. 26)
    expect(outcomes).toEqual(['inserted', 'unchanged', 'updated', 'updated', 'unchanged']);
    expect(await findExperts(db, ['e1'])).toEqual([
      expert('e1', { yearsOfExperience: 11, conflicts: ['cycle-2031/A-1'] }),
    ]);
  });

  it('lists every expert by id without optional fields that are absent', async () => {
    await upsertExpert(db, expert('e0', { organizationCreditCode: undefined, specialties: [] }));
    const all = await listExperts(db);
    expect(all.map((e) => e.id)).toEqual(['e0', 'e1']);
    expect(all[0]).toEqual(expert('e0', { organizationCreditCode: undefined, specialties: [] }));
    expect(await findExperts(db, [])).toEqual([]);
  });

  it('records a declared conflict once', async () => {
    expect(await declareConflict(db, 'e0', 'cycle-2031/A-2', '亲属', 'test')).toBe('inserted');
    expect(await declareConflict(db, 'e0', 'cycle-2031/A-2', '亲属', 'test')).toBe('unchanged');
  });
});

describe('cycle review store (Art. 11, 18 (1), 26)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
    for (const id of ['x', 'y', 'z']) await upsertExpert(db, expert(id));
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps the 公告 once per cycle', async () => {
    const a = { cycleKey: 'cycle-2031', processInstanceId: 'p1', parameters: { year: '2031' }, text: '公告' };
    expect(await recordAnnouncement(db, a)).toBe('inserted');
    expect(await recordAnnouncement(db, { ...a, text: '另一个' })).toBe('unchanged');
    expect(await announcementOf(db, 'cycle-2031')).toBe('公告');
  });

  it('stores teams, a confirmation, a recusal and its replacement with one audit row per effect', async () => {
    // Given a team of x (lead) and y for one application, saved twice (a redelivered task)
    const team = [
      { applicationId: 'cycle-2031/A-1', applicantName: '甲', expertId: 'x', lead: true },
      { applicationId: 'cycle-2031/A-1', applicantName: '甲', expertId: 'y', lead: false },
    ];
    await saveAssignments(db, 'cycle-2031', team, 'p1/assign');
    await saveAssignments(db, 'cycle-2031', team, 'p1/assign');
    // when y confirms, x declares a conflict and z replaces x as the new lead
    const key = { cycleKey: 'cycle-2031', applicationId: 'cycle-2031/A-1' };
    await setAssignmentStatus(db, { ...key, expertId: 'y' }, 'confirmed', 'p1/t1/confirmed', '无利害关系');
    await setAssignmentStatus(db, { ...key, expertId: 'x' }, 'recused', 'p1/t2/declared', '亲属');
    await setAssignmentStatus(db, { ...key, expertId: 'x' }, 'recused', 'p1/t2/declared', '亲属');
    await addReplacement(
      db,
      { ...key, applicantName: '甲', expertId: 'z', replaces: 'x', lead: 'z' },
      'p1/t2/replaced',
    );
    // then the teams show the recusal and the new lead
    expect(await assignmentsOf(db, 'cycle-2031')).toEqual([
      { ...team[0], lead: false, status: 'recused' },
      { ...team[1], status: 'confirmed' },
      {
        applicationId: 'cycle-2031/A-1',
        applicantName: '甲',
        expertId: 'z',
        lead: true,
        status: 'assigned',
        replacesExpertId: 'x',
      },
    ]);
    // and the audit trail holds each effect once
    expect((await auditTrail(db, 'cycle-2031')).map((e) => `${e.event}:${e.expertId}`)).toEqual([
      'assigned:x',
      'assigned:y',
      'confirmed:y',
      'conflict-declared:x',
      'replaced:z',
    ]);
  });
});
