import type { Db } from './index.js';
import { recordStaffRecusal, staffRecusalsOf } from './recusals.js';
import { deleteStoreRecords, expiredStoreRecords } from './retention.js';
import { openTestStore } from './test-store.js';

describe('staff recusals (Art. 26, kept per Art. 27)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  const declaration = (applicationKey: string, userId: string, role: 'office' | 'committee') => ({
    applicationKey,
    userId,
    role,
    reason: '配偶在该公司任职',
    taskName: role === 'office' ? '资格审查' : '审定获奖建议名单',
    processInstanceId: 'pi-1',
  });

  it('keeps one declaration per application, person and role, and lists a cycle’s by its prefix', async () => {
    await recordStaffRecusal(db, declaration('cycle-2040/A-1', 'clerk-a', 'office'));
    await recordStaffRecusal(db, {
      ...declaration('cycle-2040/A-1', 'clerk-a', 'office'),
      reason: '再次声明',
    });
    await recordStaffRecusal(db, declaration('cycle-2040/A-2', 'member-m', 'committee'));
    await recordStaffRecusal(db, declaration('cycle-2041/A-1', 'clerk-a', 'office'));
    const one = await staffRecusalsOf(db, 'cycle-2040/A-1');
    expect(one.map((r) => [r.userId, r.role, r.reason])).toEqual([['clerk-a', 'office', '配偶在该公司任职']]);
    const cycle = await staffRecusalsOf(db, 'cycle-2040/');
    expect(cycle.map((r) => [r.applicationKey, r.userId]).sort()).toEqual([
      ['cycle-2040/A-1', 'clerk-a'],
      ['cycle-2040/A-2', 'member-m'],
    ]);
  });

  it('offers a declaration past its retention for deletion and deletes exactly it', async () => {
    await db.query(
      `INSERT INTO staff_recusals (application_key, user_id, role, reason, task_name, declared_at)
       VALUES ('cycle-2014/OLD', 'clerk-z', 'office', '旧声明', '资格审查', '2014-05-01T02:00:00Z')`,
    );
    const expired = (await expiredStoreRecords(db, '2024-06-01')).filter(
      (i) => i.kind === 'store:staff_recusals',
    );
    expect(expired.map((i) => i.label)).toEqual(['利害关系回避声明 cycle-2014/OLD（clerk-z）']);
    expect(await deleteStoreRecords(db, expired)).toBe(1);
    expect(await staffRecusalsOf(db, 'cycle-2014/OLD')).toEqual([]);
    expect(await staffRecusalsOf(db, 'cycle-2040/A-1')).toHaveLength(1);
  });
});
