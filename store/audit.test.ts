import { auditTrail, recordAudit } from './audit.js';
import { openTestStore } from './test-store.js';

describe('audit trail', () => {
  it('appends entries, records a keyed entry once and refuses changes', async () => {
    const db = await openTestStore();
    try {
      const entry = {
        actor: 'expert-1',
        action: 'recusal.declared',
        subject: 'A-7',
        businessKey: 'cycle-2025',
        summary: '专家 expert-1 申请回避：曾为申报单位提供咨询',
        details: { reason: '曾为申报单位提供咨询' },
      };
      await recordAudit(db, entry, 'k1');
      await recordAudit(db, entry, 'k1');
      await recordAudit(db, { ...entry, action: 'recusal.confirmed', subject: 'A-8' });
      const all = await auditTrail(db, { businessKey: 'cycle-2025' });
      expect(all.map((e) => [e.action, e.subject])).toEqual([
        ['recusal.declared', 'A-7'],
        ['recusal.confirmed', 'A-8'],
      ]);
      expect(all[0]!.details).toEqual({ reason: '曾为申报单位提供咨询' });
      expect(await auditTrail(db, { action: 'recusal.confirmed' })).toHaveLength(1);
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/只能追加/);
      await expect(db.query("UPDATE audit_log SET actor = 'x'")).rejects.toThrow(/只能追加/);
      expect(await auditTrail(db)).toHaveLength(2);
    } finally {
      await db.close();
    }
  });
});
