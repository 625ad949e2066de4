import { readEditionsDir } from '../../config/editions.js';
// Pre-check benchmark (issue 18): POST /api/eligibility/check of the product (validation, the
// registry look-up in the store, the rules) vs a bare express route that parses the same JSON and
// answers a constant, both driven at the same fixed request rate; latency p50/p99 of each.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { createApp } from '../../server/app.js';
import { eligibilityRouter } from '../../server/routes/eligibility.js';
import { openStore } from '../../store/index.js';
import { upsertAwardRecord, upsertOrganization, upsertSanction } from '../../store/registry.js';

const ORG = '91310113MA1GKQ0A5Q';

const BODY = JSON.stringify({
  applicant: {
    kind: 'organization',
    name: '上海宝山示范制造有限公司',
    creditCode: ORG,
    registeredDistrict: '宝山区',
    registrationDate: '2018-05-20',
    licensesValid: true,
    chiefQualityOfficer: true,
    sanctions: [],
    awards: [],
    municipalApplicationSameYear: false,
  },
  asOf: '2026-06-01',
});

export interface LatencyResult {
  rate: number;
  seconds: number;
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Sends `rate` requests a second for `seconds`, each on its own schedule (open loop). */
async function drive(url: string, rate: number, seconds: number): Promise<LatencyResult> {
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      (async () => {
        const t = performance.now();
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: BODY,
          });
          await res.arrayBuffer();
          if (!res.ok) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t);
      })(),
    );
  }
  await Promise.all(inflight);
  latencies.sort((a, b) => a - b);
  return {
    rate,
    seconds,
    requests: total,
    errors,
    p50Ms: Math.round(quantile(latencies, 0.5) * 10) / 10,
    p99Ms: Math.round(quantile(latencies, 0.99) * 10) / 10,
  };
}

/** Closed loop: `concurrency` clients back to back for `seconds`; answers per second. */
async function throughput(url: string, concurrency: number, seconds: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: BODY,
        });
        await res.arrayBuffer();
        if (res.ok) done += 1;
      }
    }),
  );
  return Math.round(done / seconds);
}

export interface PrecheckBench {
  product: LatencyResult & { perSecond: number };
  bare: LatencyResult & { perSecond: number };
}

export async function benchPrecheck(rate: number, seconds: number): Promise<PrecheckBench> {
  const db = await openStore({ dataDir: 'memory://' });
  await upsertOrganization(db, { creditCode: ORG, name: '上海宝山示范制造有限公司' });
  await upsertAwardRecord(db, { creditCode: ORG }, { level: 'district', category: 'model', year: 2019 });
  await upsertSanction(db, ORG, { type: 'major-complaint', date: '2020-03-01', description: '投诉已处理' });
  const app = createApp({
    db,
    log: pino({ level: 'silent' }),
    apiRouters: [eligibilityRouter({ db, editions: readEditionsDir() })],
    rateLimitPerMinute: 100000,
  });
  const bareApp = express();
  bareApp.use(express.json({ limit: '1mb' }));
  bareApp.post('/check', (req, res) => {
    res.json({ eligible: true, received: Object.keys(req.body as object).length });
  });
  const product = app.listen(0);
  const bare = bareApp.listen(0);
  await Promise.all([product, bare].map((s) => new Promise((r) => s.once('listening', r))));
  try {
    const productUrl = `http://127.0.0.1:${(product.address() as AddressInfo).port}/api/eligibility/check`;
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/check`;
    await drive(productUrl, rate, 1); // warm-up
    await drive(bareUrl, rate, 1);
    const bareLatency = await drive(bareUrl, rate, seconds);
    const productLatency = await drive(productUrl, rate, seconds);
    return {
      bare: { ...bareLatency, perSecond: await throughput(bareUrl, 16, seconds) },
      product: { ...productLatency, perSecond: await throughput(productUrl, 16, seconds) },
    };
  } finally {
    product.close();
    bare.close();
    product.closeAllConnections();
    bare.closeAllConnections();
    await db.close();
  }
}
