import { openStore } from '../store/index.js';
import { upsertAwardRecord, upsertOrganization, upsertSanction } from '../store/registry.js';
const ORG = '91310113MA1GKQ0A5Q';
const db = await openStore({ dataDir: 'memory://' });
await upsertOrganization(db, { creditCode: ORG, name: '上海宝山示范制造有限公司' });
await upsertAwardRecord(db, { creditCode: ORG }, { level: 'district', category: 'model', year: 2019 });
await upsertSanction(db, ORG, { type: 'major-complaint', date: '2020-03-01', description: '投诉已处理' });
const A = `SELECT * FROM (
       SELECT 'award' AS kind, level, category, year, title,
              to_char(awarded_on, 'YYYY-MM-DD') AS awarded_on, to_char(revoked_on, 'YYYY-MM-DD') AS revoked_on,
              NULL::text AS type, NULL::text AS date, NULL::text AS description
         FROM registry_award_records
        WHERE credit_code = $1::text
       UNION ALL
       SELECT 'sanction', NULL, NULL, NULL, NULL, NULL, NULL, type, to_char(sanction_date, 'YYYY-MM-DD'), description
         FROM registry_sanctions
        WHERE credit_code = $2::text
     ) r
     ORDER BY kind, year, level, category, title, date, type, description`;
const B = `SELECT 'award' AS kind, level, category, year, title, awarded_on::text AS awarded_on, revoked_on::text AS revoked_on, NULL AS type, NULL AS date, NULL AS description FROM registry_award_records WHERE credit_code = $1 UNION ALL SELECT 'sanction', NULL, NULL, NULL, NULL, NULL, NULL, type, sanction_date::text, description FROM registry_sanctions WHERE credit_code = $2`;
const C = `SELECT json_build_object('a', (SELECT coalesce(json_agg(json_build_object('level', level, 'category', category, 'year', year, 'title', title, 'awardedOn', awarded_on, 'revokedOn', revoked_on)), '[]') FROM registry_award_records WHERE credit_code = $1), 's', (SELECT coalesce(json_agg(json_build_object('type', type, 'date', sanction_date, 'description', description)), '[]') FROM registry_sanctions WHERE credit_code = $2)) AS r`;
const F = `SELECT * FROM (${B}) r ORDER BY kind, year, level, category, title, date, type, description`;
const G = A.replace("to_char(awarded_on, 'YYYY-MM-DD')", 'awarded_on::text').replace("to_char(revoked_on, 'YYYY-MM-DD')", 'revoked_on::text').replace("to_char(sanction_date, 'YYYY-MM-DD')", 'sanction_date::text');
const H = A.replace("to_char(awarded_on, 'YYYY-MM-DD')", "to_json(awarded_on)#>>'{}'").replace("to_char(revoked_on, 'YYYY-MM-DD')", "to_json(revoked_on)#>>'{}'").replace("to_char(sanction_date, 'YYYY-MM-DD')", "to_json(sanction_date)#>>'{}'");
const variants: [string, () => Promise<unknown>][] = [
  ['A current', () => db.query(A, [ORG, ORG])],
  ['B plain union', () => db.query(B, [ORG, ORG])],
  ['F B ordered', () => db.query(F, [ORG, ORG])],
  ['G A no to_char', () => db.query(G, [ORG, ORG])],
  ['H A to_json', () => db.query(H, [ORG, ORG])],
  ['C json', () => db.query(C, [ORG, ORG])],
  ['D select 1', () => db.query('SELECT 1')],
  ['E select $1', () => db.query('SELECT $1::text AS x', [ORG])],
];
const tot = new Map<string, number>();
for (let round = 0; round < 6; round++)
  for (const [name, fn] of variants) {
    const t = performance.now();
    for (let i = 0; i < 300; i++) await fn();
    if (round > 0) tot.set(name, (tot.get(name) ?? 0) + (performance.now() - t) / 300);
  }
for (const [k, v] of tot) console.log(k, Math.round((v / 5) * 1000), 'us');
process.exit(0);
