// Art. 14, 15 (4), 16, 25: the registry of earlier awards and sanctions that 资格预审 merges into a request.
import type { Applicant, AwardRecord, Sanction } from '../domain/eligibility.js';
import type { Queryable } from './db.js';

/** What an upsert did: re-importing the same record is `unchanged`. */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** Whose award it is: an organization by 统一社会信用代码 or a person by 居民身份证号码. */
export type AwardHolder = { creditCode: string } | { idNumber: string };

export interface RegistryAward extends AwardRecord {
  source?: string;
}
export interface RegistrySanction extends Sanction {
  source?: string;
}

interface AwardRow {
  id: string;
  level: AwardRecord['level'];
  category: AwardRecord['category'];
  year: number;
  title: string;
  awarded_on: string | null;
  revoked_on: string | null;
  source: string;
}

interface SanctionRow {
  id: string;
  type: Sanction['type'];
  date: string;
  description: string;
  source: string;
}

const AWARD_COLUMNS = `id, level, category, year, title, to_char(awarded_on, 'YYYY-MM-DD') AS awarded_on,
  to_char(revoked_on, 'YYYY-MM-DD') AS revoked_on, source`;
const SANCTION_COLUMNS = `id, type, to_char(sanction_date, 'YYYY-MM-DD') AS date, description, source`;

const toAward = (r: AwardRow): AwardRecord => ({
  level: r.level,
  category: r.category,
  year: Number(r.year),
  ...(r.awarded_on ? { awardedOn: r.awarded_on } : {}),
  ...(r.revoked_on ? { revokedOn: r.revoked_on } : {}),
  ...(r.title ? { title: r.title } : {}),
});

const toSanction = (r: SanctionRow): Sanction => ({ type: r.type, date: r.date, description: r.description });

interface RecordRow extends AwardRow {
  kind: 'award' | 'sanction';
  type: Sanction['type'];
  date: string;
  description: string;
}

/**
 * One query (issue 18: the pre-check answered with two sequential queries before): the awards of an
 * organization (creditCode) or a person (idNumber), and the sanctions of sanctionsOf.
 */
async function findRecords(
  q: Queryable,
  holder: { creditCode?: string; idNumber?: string },
  sanctionsOf: string | undefined,
): Promise<{ awards: AwardRecord[]; sanctions: Sanction[] }> {
  // One index-friendly condition per holder kind (an OR of both would scan the whole table), in a
  // PL/pgSQL function whose plan the session keeps (migration 020): half the time of the bare query.
  const rows = await q.query<RecordRow>('SELECT * FROM registry_records($1::text, $2::text, $3::text)', [
    holder.creditCode ?? null,
    holder.creditCode !== undefined ? null : (holder.idNumber ?? null),
    sanctionsOf ?? null,
  ]);
  return {
    awards: rows.filter((r) => r.kind === 'award').map(toAward),
    sanctions: rows.filter((r) => r.kind === 'sanction').map(toSanction),
  };
}

/** The awards and sanctions the registry holds for an organization. */
export async function findOrganizationRecords(
  q: Queryable,
  creditCode: string,
): Promise<{ awards: AwardRecord[]; sanctions: Sanction[] }> {
  return findRecords(q, { creditCode }, creditCode);
}

/** The sanctions the registry holds for an organization (also used for an individual's employer). */
export async function findSanctions(q: Queryable, creditCode: string): Promise<Sanction[]> {
  const rows = await q.query<SanctionRow>(
    `SELECT ${SANCTION_COLUMNS} FROM registry_sanctions WHERE credit_code = $1
     ORDER BY sanction_date, type, description`,
    [creditCode],
  );
  return rows.map(toSanction);
}

/** The awards the registry holds for a person. */
export async function findPersonRecords(q: Queryable, idNumber: string): Promise<{ awards: AwardRecord[] }> {
  const awards = await q.query<AwardRow>(
    `SELECT ${AWARD_COLUMNS} FROM registry_award_records WHERE id_number = $1 ORDER BY year, level, category, title`,
    [idNumber],
  );
  return { awards: awards.map(toAward) };
}

/** Adds an organization or renames it. */
export async function upsertOrganization(
  q: Queryable,
  org: { creditCode: string; name: string },
): Promise<UpsertOutcome> {
  const [row] = await q.query<{ name: string }>(
    'SELECT name FROM registry_organizations WHERE credit_code = $1',
    [org.creditCode],
  );
  if (!row) {
    await q.query('INSERT INTO registry_organizations (credit_code, name) VALUES ($1, $2)', [
      org.creditCode,
      org.name,
    ]);
    return 'inserted';
  }
  if (row.name === org.name) return 'unchanged';
  await q.query('UPDATE registry_organizations SET name = $2 WHERE credit_code = $1', [
    org.creditCode,
    org.name,
  ]);
  return 'updated';
}

/** Adds a person or renames them. */
export async function upsertPerson(
  q: Queryable,
  p: { idNumber: string; name: string },
): Promise<UpsertOutcome> {
  const [row] = await q.query<{ name: string }>('SELECT name FROM registry_persons WHERE id_number = $1', [
    p.idNumber,
  ]);
  if (!row) {
    await q.query('INSERT INTO registry_persons (id_number, name) VALUES ($1, $2)', [p.idNumber, p.name]);
    return 'inserted';
  }
  if (row.name === p.name) return 'unchanged';
  await q.query('UPDATE registry_persons SET name = $2 WHERE id_number = $1', [p.idNumber, p.name]);
  return 'updated';
}

/**
 * Adds an award of a holder already in the registry. Holder, level, category, year and title name the
 * award; its 发文 date, revocation date and source are updated when they differ (a 发文 date already
 * recorded is kept when the new record has none).
 */
export async function upsertAwardRecord(
  q: Queryable,
  holder: AwardHolder,
  award: RegistryAward,
): Promise<UpsertOutcome> {
  const [column, key] =
    'creditCode' in holder ? ['credit_code', holder.creditCode] : ['id_number', holder.idNumber];
  const title = award.title ?? '';
  const revokedOn = award.revokedOn ?? null;
  const source = award.source ?? '';
  const [row] = await q.query<AwardRow>(
    `SELECT ${AWARD_COLUMNS} FROM registry_award_records
     WHERE ${column} = $1 AND level = $2 AND category = $3 AND year = $4 AND title = $5`,
    [key, award.level, award.category, award.year, title],
  );
  if (!row) {
    await q.query(
      `INSERT INTO registry_award_records (${column}, level, category, year, title, awarded_on, revoked_on, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [key, award.level, award.category, award.year, title, award.awardedOn ?? null, revokedOn, source],
    );
    return 'inserted';
  }
  const awardedOn = award.awardedOn ?? row.awarded_on;
  if (row.awarded_on === awardedOn && row.revoked_on === revokedOn && row.source === source)
    return 'unchanged';
  await q.query(
    'UPDATE registry_award_records SET awarded_on = $2, revoked_on = $3, source = $4 WHERE id = $1',
    [row.id, awardedOn, revokedOn, source],
  );
  return 'updated';
}

/** Adds a sanction of an organization already in the registry; type, date and description name it. */
export async function upsertSanction(
  q: Queryable,
  creditCode: string,
  sanction: RegistrySanction,
): Promise<UpsertOutcome> {
  const source = sanction.source ?? '';
  const [row] = await q.query<SanctionRow>(
    `SELECT ${SANCTION_COLUMNS} FROM registry_sanctions
     WHERE credit_code = $1 AND type = $2 AND sanction_date = $3 AND description = $4`,
    [creditCode, sanction.type, sanction.date, sanction.description],
  );
  if (!row) {
    await q.query(
      `INSERT INTO registry_sanctions (credit_code, type, sanction_date, description, source)
       VALUES ($1, $2, $3, $4, $5)`,
      [creditCode, sanction.type, sanction.date, sanction.description, source],
    );
    return 'inserted';
  }
  if (row.source === source) return 'unchanged';
  await q.query('UPDATE registry_sanctions SET source = $2 WHERE id = $1', [row.id, source]);
  return 'updated';
}

const awardKey = (a: AwardRecord) => [a.level, a.category, a.year, a.title ?? ''].join('|');
const sanctionKey = (s: Sanction) => [s.type, s.date, s.description].join('|');

/** The request's records followed by those of the registry that the request does not already hold. */
function merge<T>(own: T[], registry: T[], key: (record: T) => string): T[] {
  const seen = new Set(own.map(key));
  const merged = [...own];
  for (const record of registry) {
    if (seen.has(key(record))) continue;
    seen.add(key(record));
    merged.push(record);
  }
  return merged;
}

/**
 * The declared awards completed by the registry's: one award (level, category, year, title) once, with
 * the 发文 date and the revocation date of whichever record knows them (the registry's revocation wins,
 * it is the office's record); the registry's other awards after them.
 */
function mergeAwards(own: AwardRecord[], registry: AwardRecord[]): AwardRecord[] {
  const byKey = new Map(registry.map((a) => [awardKey(a), a]));
  const merged = own.map((a) => {
    const known = byKey.get(awardKey(a));
    if (!known) return a;
    const awardedOn = known.awardedOn ?? a.awardedOn;
    const revokedOn = known.revokedOn ?? a.revokedOn;
    return { ...a, ...(awardedOn ? { awardedOn } : {}), ...(revokedOn ? { revokedOn } : {}) };
  });
  return merge(merged, registry, awardKey);
}

/** Adds the registry's records of the same creditCode / idNumber (and of an individual's employer). */
export async function withRegistryRecords(q: Queryable, applicant: Applicant): Promise<Applicant> {
  if (applicant.kind === 'organization') {
    const registry = await findRecords(q, { creditCode: applicant.creditCode }, applicant.creditCode);
    return {
      ...applicant,
      awards: mergeAwards(applicant.awards, registry.awards),
      sanctions: merge(applicant.sanctions, registry.sanctions, sanctionKey),
    };
  }
  const registry = await findRecords(q, { idNumber: applicant.idNumber }, applicant.employer?.creditCode);
  const employer = applicant.employer && {
    ...applicant.employer,
    sanctions: merge(applicant.employer.sanctions, registry.sanctions, sanctionKey),
  };
  return {
    ...applicant,
    awards: mergeAwards(applicant.awards, registry.awards),
    ...(employer ? { employer } : {}),
  };
}

/** What recording a revocation did; `missing` means the registry holds no such award. */
export type RevocationOutcome =
  | { kind: 'recorded'; revokedOn: string }
  | { kind: 'already-revoked'; revokedOn: string }
  | { kind: 'missing' };

/**
 * Art. 25: records that an award was revoked on revokedOn, so that the three-year ban applies in 资格预审.
 * Idempotent: an award already revoked keeps its first revocation date.
 */
export async function recordRevocation(
  q: Queryable,
  holder: AwardHolder,
  award: Pick<AwardRecord, 'level' | 'category' | 'year' | 'title'>,
  revokedOn: string,
): Promise<RevocationOutcome> {
  const [column, key] =
    'creditCode' in holder ? ['credit_code', holder.creditCode] : ['id_number', holder.idNumber];
  const [row] = await q.query<AwardRow>(
    `SELECT ${AWARD_COLUMNS} FROM registry_award_records
     WHERE ${column} = $1 AND level = $2 AND category = $3 AND year = $4 AND title = $5`,
    [key, award.level, award.category, award.year, award.title ?? ''],
  );
  if (!row) return { kind: 'missing' };
  if (row.revoked_on) return { kind: 'already-revoked', revokedOn: row.revoked_on };
  await q.query('UPDATE registry_award_records SET revoked_on = $2 WHERE id = $1 AND revoked_on IS NULL', [
    row.id,
    revokedOn,
  ]);
  return { kind: 'recorded', revokedOn };
}
