import type { Db } from './index.js';
import { describeReports, performanceReportsOf, storePerformanceReport } from './performance-reports.js';
import {
  recordRevocation,
  upsertAwardRecord,
  upsertOrganization,
  findOrganizationRecords,
} from './registry.js';
import { openTestStore } from './test-store.js';

const ORG = '91310113MA1GKQ0A5Q';
const report = (period: number, summary: string) => ({
  holderKey: ORG,
  holderName: '上海宝山精密制造有限公司',
  awardYear: 2025,
  period,
  reportYear: 2025 + period,
  summary,
  indicators: { 一次交检合格率: '99.2%' },
});

describe('performance reports store (Art. 23)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  it('keeps every submission and stores an office entry once per effect key', async () => {
    // Given two online submissions for period 1 and an office entry for period 2, delivered twice
    await storePerformanceReport(db, report(1, '第一次报送'), 'api');
    await storePerformanceReport(db, report(1, '更正后报送'), 'api');
    const first = await storePerformanceReport(
      db,
      report(2, '纸质表'),
      'office',
      'pi/act/performance-report',
    );
    const again = await storePerformanceReport(
      db,
      report(2, '纸质表'),
      'office',
      'pi/act/performance-report',
    );
    // then both submissions and one office entry are kept
    expect(again.id).toBe(first.id);
    const all = await performanceReportsOf(db, ORG, 2025);
    expect(all.map((r) => [r.period, r.source, r.summary])).toEqual([
      [1, 'api', '第一次报送'],
      [1, 'api', '更正后报送'],
      [2, 'office', '纸质表'],
    ]);
    expect(all[0]!.indicators).toEqual({ 一次交检合格率: '99.2%' });
    expect(await performanceReportsOf(db, ORG, 2025, 2)).toHaveLength(1);
    expect(await performanceReportsOf(db, ORG, 2024)).toEqual([]);
    // and the office reads them as text
    expect(describeReports(all)).toContain('第 2 期（2027 年度），办公室代为登记');
    expect(describeReports([])).toBe('（尚未收到质量绩效表）');
  });
});

describe('recording a revocation in the registry (Art. 25)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  it('records the date once, keeps the first date, and reports a missing award', async () => {
    // Given an organization with a 2025 district award
    await upsertOrganization(db, { creditCode: ORG, name: '上海宝山精密制造有限公司' });
    const award = {
      level: 'district' as const,
      category: 'model' as const,
      year: 2025,
      title: '宝山区质量金奖',
    };
    await upsertAwardRecord(db, { creditCode: ORG }, award);
    // when the revocation is recorded, redelivered a day later, and asked for an award it does not hold
    const outcomes = [
      await recordRevocation(db, { creditCode: ORG }, award, '2026-11-28'),
      await recordRevocation(db, { creditCode: ORG }, award, '2026-11-29'),
      await recordRevocation(db, { creditCode: ORG }, { ...award, year: 2024 }, '2026-11-28'),
    ];
    // then
    expect(outcomes).toEqual([
      { kind: 'recorded', revokedOn: '2026-11-28' },
      { kind: 'already-revoked', revokedOn: '2026-11-28' },
      { kind: 'missing' },
    ]);
    expect((await findOrganizationRecords(db, ORG)).awards).toEqual([{ ...award, revokedOn: '2026-11-28' }]);
  });
});
