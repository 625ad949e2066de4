// Art. 9 (二), 28: revised editions of the 办法 added as data in the store by the office and approved by
// the committee, and the edition each cycle ran under.
import { mergeEditions, parseEdition, type RulesEdition } from '../domain/edition.js';
import type { Queryable } from './db.js';

export type EditionStatus = 'proposed' | 'approved' | 'rejected';

/** Adds a revised edition (validated) as a proposal awaiting the committee; the same id again is refused. */
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

/** Every edition added in the store that the committee approved (Art. 9 (二)): only these can be used. */
export async function storedEditions(q: Queryable): Promise<RulesEdition[]> {
  const rows = await q.query<{ id: string; data: unknown }>(
    "SELECT id, data FROM rules_editions WHERE status = 'approved' ORDER BY id",
  );
  return rows.map((r) => parseEdition(r.data, `rules_editions ${r.id}`));
}

/** Art. 28: the editions a cycle or a check may use: the files read at start-up and the approved ones. */
export async function knownEditions(q: Queryable, files: readonly RulesEdition[]): Promise<RulesEdition[]> {
  return mergeEditions(files, await storedEditions(q));
}

/**
 * How long a process keeps the approved editions it read (the pre-check APIs, issue 18 item 4): an
 * approval in this process is seen at once (editionsChanged); one by another process on the same
 * PostgreSQL within this time. An approval takes effect on a later day anyway (Art. 28).
 */
export const EDITIONS_CACHE_MS = 5000;

let editionsGeneration = 0;
const editionsCache = new WeakMap<
  Queryable,
  WeakMap<readonly RulesEdition[], { generation: number; at: number; editions: Promise<RulesEdition[]> }>
>();

/** Forgets the cached editions of knownEditionsCached: called when this process approves one. */
export function editionsChanged(): void {
  editionsGeneration += 1;
}

/** knownEditions, read at most every EDITIONS_CACHE_MS per store and file set (the per-request path). */
export function knownEditionsCached(
  q: Queryable,
  files: readonly RulesEdition[],
  now: number = Date.now(),
): Promise<RulesEdition[]> {
  let byFiles = editionsCache.get(q);
  if (!byFiles) editionsCache.set(q, (byFiles = new WeakMap()));
  const hit = byFiles.get(files);
  if (hit && hit.generation === editionsGeneration && now - hit.at < EDITIONS_CACHE_MS) return hit.editions;
  // The generation is taken before the query: an approval meanwhile makes this entry stale at once.
  const entry = { generation: editionsGeneration, at: now, editions: knownEditions(q, files) };
  byFiles.set(files, entry);
  // A failed read is not kept.
  entry.editions.catch(() => {
    if (byFiles.get(files) === entry) byFiles.delete(files);
  });
  return entry.editions;
}

export interface StoredEdition {
  edition: RulesEdition;
  status: EditionStatus;
  addedBy: string;
  addedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string;
}

interface EditionRow {
  id: string;
  data: unknown;
  status: EditionStatus;
  added_by: string;
  added_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string;
}

const toStored = (r: EditionRow): StoredEdition => ({
  edition: parseEdition(r.data, `rules_editions ${r.id}`),
  status: r.status,
  addedBy: r.added_by,
  addedAt: new Date(r.added_at).toISOString(),
  decidedBy: r.decided_by,
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  decisionReason: r.decision_reason,
});

/** Every edition added in the store, whatever its status, newest first (at most 200). */
export async function listStoredEditions(q: Queryable): Promise<StoredEdition[]> {
  const rows = await q.query<EditionRow>(
    `SELECT id, data, status, added_by, added_at, decided_by, decided_at, decision_reason
     FROM rules_editions ORDER BY added_at DESC, id LIMIT 200`,
  );
  return rows.map(toStored);
}

/** What the committee's decision did. */
export type EditionDecisionOutcome =
  | { kind: 'decided'; edition: StoredEdition }
  | { kind: 'unchanged'; edition: StoredEdition }
  | { kind: 'missing' }
  | { kind: 'already-decided'; edition: StoredEdition };

/**
 * Art. 9 (二): the committee approves or rejects a proposed edition once. The same decision again
 * changes nothing (a repeated request); another decision on a decided edition is refused.
 */
export async function decideEdition(
  q: Queryable,
  id: string,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; reason: string },
): Promise<EditionDecisionOutcome> {
  const updated = await q.query<EditionRow>(
    `UPDATE rules_editions SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4
     WHERE id = $1 AND status = 'proposed'
     RETURNING id, data, status, added_by, added_at, decided_by, decided_at, decision_reason`,
    [id, decision.status, decision.decidedBy, decision.reason],
  );
  if (updated[0]) {
    editionsChanged();
    return { kind: 'decided', edition: toStored(updated[0]) };
  }
  const [row] = await q.query<EditionRow>(
    `SELECT id, data, status, added_by, added_at, decided_by, decided_at, decision_reason
     FROM rules_editions WHERE id = $1`,
    [id],
  );
  if (!row) return { kind: 'missing' };
  return row.status === decision.status
    ? { kind: 'unchanged', edition: toStored(row) }
    : { kind: 'already-decided', edition: toStored(row) };
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
