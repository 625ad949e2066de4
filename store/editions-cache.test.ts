import { EDITION_2023, SHIPPED_EDITIONS } from '../config/test-editions.js';
import { addEdition, decideEdition, EDITIONS_CACHE_MS, knownEditionsCached } from './editions.js';
import type { Db } from './index.js';
import { openTestStore } from './test-store.js';

// Issue 18 item 4: the pre-check APIs read the approved editions at most every few seconds; an
// approval in this process is seen by the next request (Art. 9 (二), 28).

const revised = (id: string) => ({
  ...EDITION_2023,
  id,
  title: `宝山区政府质量奖管理办法（${id} 年修订）`,
  appliesFrom: `${id}-08-01`,
  effectiveFrom: `${id}-08-01`,
  effectiveTo: `${Number(id) + 4}-07-31`,
});

describe('knownEditionsCached', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  it('sees an approval of this process at once, and one written by another process after the cache time', async () => {
    const t0 = Date.now();
    const ids = async (now: number) =>
      (await knownEditionsCached(db, SHIPPED_EDITIONS, now)).map((e) => e.id);
    expect(await ids(t0)).not.toContain('2028');

    // Given the committee approves 2028 in this process
    await addEdition(db, revised('2028'), 'office-1');
    // (a proposal alone is not an edition in force: still cached, still absent)
    expect(await ids(t0 + 1)).not.toContain('2028');
    await decideEdition(db, '2028', { status: 'approved', decidedBy: 'committee-1', reason: '审议通过' });
    // then the next read has it, without waiting
    expect(await ids(t0 + 2)).toContain('2028');

    // Given another process approves 2033 directly in the shared store
    await addEdition(db, revised('2033'), 'office-1');
    await db.query("UPDATE rules_editions SET status = 'approved' WHERE id = '2033'");
    // then a read within the cache time still has the old list, one after it the new one
    expect(await ids(t0 + 3)).not.toContain('2033');
    expect(await ids(t0 + 3 + EDITIONS_CACHE_MS)).toContain('2033');
  });
});
