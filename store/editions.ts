// Art. 28: revised editions of the 办法 added as data in the store, and the edition each cycle ran under.
import { parseEdition, type RulesEdition } from '../domain/edition.js';
import type { Queryable } from './db.js';

/** Adds a revised edition (validated); the same id again is refused. */
export async function addEdition(q: Queryable, data: unknown, addedBy: string): Promise<RulesEdition> {
  const edition = parseEdition(data, 'rules_editions');
  const rows = await q.query(
    `INSERT INTO rules_editions (id, data, added_by) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [edition.id, JSON.stringify(edition), addedBy],
  );
  if (rows.length === 0) throw new Error(`办法版本 ${edition.id} 已存在`);
  return edition;
}

/** Every edition added in the store. */
export async function storedEditions(q: Queryable): Promise<RulesEdition[]> {
  const rows = await q.query<{ id: string; data: unknown }>(
    'SELECT id, data FROM rules_editions ORDER BY id',
  );
  return rows.map((r) => parseEdition(r.data, `rules_editions ${r.id}`));
}

export interface CycleEdition {
  cycleKey: string;
  editionId: string;
  asOf: string;
  confirmedBy: string | null;
}

/** Records the edition a cycle runs under; a redelivered task keeps the first record. */
export async function recordCycleEdition(q: Queryable, c: CycleEdition): Promise<CycleEdition> {
  await q.query(
    `INSERT INTO cycle_editions (cycle_key, edition_id, as_of, confirmed_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (cycle_key) DO NOTHING`,
    [c.cycleKey, c.editionId, c.asOf, c.confirmedBy],
  );
  const stored = await cycleEditionOf(q, c.cycleKey);
  if (!stored) throw new Error(`评选年度 ${c.cycleKey} 的办法版本未能登记`);
  return stored;
}

/** The edition a cycle ran under, when recorded. */
export async function cycleEditionOf(q: Queryable, cycleKey: string): Promise<CycleEdition | undefined> {
  const [r] = await q.query<{
    cycle_key: string;
    edition_id: string;
    as_of: string;
    confirmed_by: string | null;
  }>(
    `SELECT cycle_key, edition_id, to_char(as_of, 'YYYY-MM-DD') AS as_of, confirmed_by
     FROM cycle_editions WHERE cycle_key = $1`,
    [cycleKey],
  );
  return r && { cycleKey: r.cycle_key, editionId: r.edition_id, asOf: r.as_of, confirmedBy: r.confirmed_by };
}
