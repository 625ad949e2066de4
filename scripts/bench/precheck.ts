import { readEditionsDir } from '../../config/editions.js';
// Pre-check benchmark (issue 18): POST /api/eligibility/check of the product (validation, the
// registry look-up in the store, the rules) vs a bare express route that parses the same JSON and
// answers a constant, both driven at the same fixed request rate in alternating one-second slices;
// latency p50/p99 of each, and closed-loop throughput measured the same way.
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

/** Sends `rate` requests a second for `seconds`, each on its own schedule (open loop); the latencies. */
async function drive(
  url: string,
  rate: number,
  seconds: number,
): Promise<{ latencies: number[]; errors: number }> {
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
  return { latencies, errors };
}

/** Closed loop: `concurrency` clients back to back for `seconds`; the answers. */
async function closedLoop(url: string, concurrency: number, seconds: number): Promise<number> {
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
  return done;
}

type Route = 'product' | 'bare';
const order = (i: number): Route[] => (i % 2 === 0 ? ['bare', 'product'] : ['product', 'bare']);

/**
 * The two routes measured in alternating one-second slices, so that the load of a shared machine
 * weighs on both alike: open loop at `rate` for the latencies, then closed loop for the throughput.
 */
async function compare(
  urls: { product: string; bare: string },
  rate: number,
  seconds: number,
): Promise<PrecheckBench> {
  const slices = Math.max(1, Math.round(seconds));
  const lat = { product: [] as number[], bare: [] as number[] };
  const errors = { product: 0, bare: 0 };
  const done = { product: 0, bare: 0 };
  for (let i = 0; i < slices; i++)
    for (const which of order(i)) {
      const r = await drive(urls[which], rate, seconds / slices);
      lat[which].push(...r.latencies);
      errors[which] += r.errors;
    }
  for (let i = 0; i < slices; i++)
    for (const which of order(i)) done[which] += await closedLoop(urls[which], 16, seconds / slices);
  const result = (which: 'product' | 'bare') => {
    const sorted = lat[which].sort((a, b) => a - b);
    return {
      rate,
      seconds,
      requests: sorted.length,
      errors: errors[which],
      p50Ms: Math.round(quantile(sorted, 0.5) * 10) / 10,
      p99Ms: Math.round(quantile(sorted, 0.99) * 10) / 10,
      perSecond: Math.round(done[which] / seconds),
    };
  };
  return { product: result('product'), bare: result('bare') };
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
    return await compare({ product: productUrl, bare: bareUrl }, rate, seconds);
  } finally {
    product.close();
    bare.close();
    product.closeAllConnections();
    bare.closeAllConnections();
    await db.close();
  }
}
