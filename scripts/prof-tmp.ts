import { readEditionsDir } from '../config/editions.js';
import { openStore } from '../store/index.js';
import { upsertAwardRecord, upsertOrganization, upsertSanction, withRegistryRecords } from '../store/registry.js';
import { editionOnDay } from '../server/routes/quota.js';
import { EligibilityRequest, checkEligibility } from '../domain/eligibility.js';
import { parseRequest } from '../server/validation.js';
const ORG = '91310113MA1GKQ0A5Q';
const BODY = { applicant: { kind: 'organization', name: '上海宝山示范制造有限公司', creditCode: ORG, registeredDistrict: '宝山区', registrationDate: '2018-05-20', licensesValid: true, chiefQualityOfficer: true, sanctions: [], awards: [], municipalApplicationSameYear: false }, asOf: '2026-06-01' };
const db = await openStore({ dataDir: 'memory://' });
await upsertOrganization(db, { creditCode: ORG, name: '上海宝山示范制造有限公司' });
await upsertAwardRecord(db, { creditCode: ORG }, { level: 'district', category: 'model', year: 2019 });
await upsertSanction(db, ORG, { type: 'major-complaint', date: '2020-03-01', description: '投诉已处理' });
const editions = readEditionsDir();
const N = 2000;
async function time(name: string, fn: () => unknown) {
  for (let i = 0; i < 200; i++) await fn();
  const t = performance.now();
  for (let i = 0; i < N; i++) await fn();
  console.log(name, ((performance.now() - t) / N * 1000).toFixed(0), 'us');
}
const req = parseRequest(EligibilityRequest, BODY);
await time('parse', () => parseRequest(EligibilityRequest, JSON.parse(JSON.stringify(BODY))));
await time('edition', () => editionOnDay(db, editions, '2026-06-01'));
await time('registry', () => withRegistryRecords(db, req.applicant));
const ed = await editionOnDay(db, editions, '2026-06-01');
const app = await withRegistryRecords(db, req.applicant);
await time('check', () => JSON.stringify(checkEligibility(app, req.asOf, ed.eligibility)));
await time('select1', () => db.query('SELECT 1'));

const Q = `SELECT * FROM (
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
console.log(JSON.stringify(await db.query('EXPLAIN ANALYZE ' + Q.replace('$1::text', "'"+ORG+"'").replace('$2::text', "'"+ORG+"'"))));
await time('raw registry', () => db.query(Q, [ORG, ORG]));
await time('award only', () => db.query('SELECT level, category, year FROM registry_award_records WHERE credit_code = $1', [ORG]));
await time('select1 param', () => db.query('SELECT $1::text', [ORG]));
await time('editions q', () => db.query("SELECT id, data FROM rules_editions WHERE status = 'approved' ORDER BY id"));

await time('simple union', () => db.query(`SELECT 'a' AS kind, level, category, year, title, awarded_on::text AS awarded_on, revoked_on::text AS revoked_on, NULL AS type, NULL AS date, NULL AS description FROM registry_award_records WHERE credit_code = $1 UNION ALL SELECT 's', NULL, NULL, NULL, NULL, NULL, NULL, type, sanction_date::text, description FROM registry_sanctions WHERE credit_code = $2`, [ORG, ORG]));
await time('no params', () => db.query(`SELECT 1 FROM registry_award_records WHERE credit_code = '${ORG}'`));
process.exit(0);
