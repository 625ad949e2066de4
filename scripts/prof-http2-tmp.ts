// product only, closed loop
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { readEditionsDir } from '../config/editions.js';
import { createApp } from '../server/app.js';
import { eligibilityRouter } from '../server/routes/eligibility.js';
import { openStore } from '../store/index.js';
import { upsertAwardRecord, upsertOrganization, upsertSanction } from '../store/registry.js';
const ORG = '91310113MA1GKQ0A5Q';
const BODY = JSON.stringify({ applicant: { kind: 'organization', name: '上海宝山示范制造有限公司', creditCode: ORG, registeredDistrict: '宝山区', registrationDate: '2018-05-20', licensesValid: true, chiefQualityOfficer: true, sanctions: [], awards: [], municipalApplicationSameYear: false }, asOf: '2026-06-01' });
const db = await openStore({ dataDir: 'memory://' });
await upsertOrganization(db, { creditCode: ORG, name: '上海宝山示范制造有限公司' });
await upsertAwardRecord(db, { creditCode: ORG }, { level: 'district', category: 'model', year: 2019 });
await upsertSanction(db, ORG, { type: 'major-complaint', date: '2020-03-01', description: '投诉已处理' });
const app = createApp({ db, log: pino({ level: 'silent' }), apiRouters: [eligibilityRouter({ db, editions: readEditionsDir() })], rateLimitPerMinute: 100000 });
const s = app.listen(0); await new Promise((r) => s.once('listening', r));
const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/api/eligibility/check`;
import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
const session = new Session(); session.connect();
for (let i = 0; i < 300; i++) { const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY }); await r.arrayBuffer(); }
await session.post('Profiler.enable'); await session.post('Profiler.start');
const end = performance.now() + 6000; let n = 0;
await Promise.all(Array.from({ length: 16 }, async () => { while (performance.now() < end) { const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY }); await r.arrayBuffer(); n++; } }));
console.log(n / 6);
const { profile } = await session.post('Profiler.stop');
fs.writeFileSync('/tmp/h18b/loop.cpuprofile', JSON.stringify(profile));
process.exit(0);
