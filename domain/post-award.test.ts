import { EDITION_2023 } from '../config/test-editions.js';
import { checkEligibility } from './eligibility.js';
import {
  MonitoringSchedule,
  parseDuration,
  PerformanceReport,
  plusYears,
  reportingPeriodDates,
  revocationBanEndsOn,
  shiftInstant,
} from './post-award.js';

describe('Art. 25: the ban after a revocation', () => {
  it('ends three years after the revocation, where the eligibility rule stops refusing', () => {
    // Given an award revoked on 2026-11-28 with the 2023 ban of three years
    const ends = revocationBanEndsOn('2026-11-28', 3);
    // then the ban ends on 2029-11-28, and Art. 25 agrees the day before and on that day
    expect(ends).toBe('2029-11-28');
    const applicant = {
      kind: 'organization' as const,
      name: '上海宝山精密制造有限公司',
      creditCode: '91310113MA1GKQ0A5Q',
      registeredDistrict: '宝山区',
      registrationDate: '2015-03-01',
      licensesValid: true,
      chiefQualityOfficer: true,
      awards: [
        { level: 'district' as const, category: 'model' as const, year: 2025, revokedOn: '2026-11-28' },
      ],
      sanctions: [],
      municipalApplicationSameYear: false,
      truthfulDeclaration: true,
    };
    const art25 = (asOf: string) =>
      checkEligibility(applicant, asOf, EDITION_2023.eligibility).failures.some(
        (f) => f.code === 'art25-revoked-award',
      );
    expect(art25('2029-11-27')).toBe(true);
    expect(art25(ends)).toBe(false);
  });

  it('Art. 25: a ban from 29 February ends on 1 March of a common year, as 资格预审 counts it', () => {
    expect(revocationBanEndsOn('2028-02-29', 3)).toBe('2031-03-01');
    expect(revocationBanEndsOn('2028-02-29', 4)).toBe('2032-02-29');
    const applicant = {
      kind: 'individual' as const,
      name: '张三',
      idNumber: '310113198506120015',
      worksInBaoshan: true,
      contributesToBaoshan: false,
      qualityWorkSince: '2010-03-01',
      seriousViolation: false,
      awards: [
        { level: 'district' as const, category: 'achievement' as const, year: 2027, revokedOn: '2028-02-29' },
      ],
      municipalApplicationSameYear: false,
    };
    const barred = (asOf: string) =>
      checkEligibility(applicant, asOf, EDITION_2023.eligibility).failures.some(
        (f) => f.code === 'art25-revoked-award',
      );
    expect(barred('2031-02-28')).toBe(true);
    expect(barred('2031-03-01')).toBe(false);
  });

  it('moves 29 February to 28 February in a common year (retention arithmetic)', () => {
    expect(plusYears('2028-02-29', 3)).toBe('2031-02-28');
    expect(plusYears('2028-02-29', 4)).toBe('2032-02-29');
  });
});

describe('Art. 23: the schedule of the yearly 质量绩效表', () => {
  it('reads date-only ISO 8601 durations and refuses others', () => {
    expect(parseDuration('P1Y')).toEqual({ years: 1, months: 0, days: 0 });
    expect(parseDuration('P1Y6M2W3D')).toEqual({ years: 1, months: 6, days: 17 });
    expect(parseDuration('P')).toBeUndefined();
    expect(parseDuration('PT1H')).toBeUndefined();
    expect(parseDuration('1Y')).toBeUndefined();
  });

  it('shifts an instant forward and back', () => {
    const t = new Date('2026-01-31T02:00:00.000Z');
    expect(shiftInstant(t, 'P30D').toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(shiftInstant(t, 'P1Y').toISOString()).toBe('2027-01-31T02:00:00.000Z');
    expect(shiftInstant(t, 'P7D', -1).toISOString()).toBe('2026-01-24T02:00:00.000Z');
  });

  it('puts the reminder before the due date', () => {
    // Given a period opened on 2027-11-28 10:00 Shanghai time with 30 days to answer and a 7-day reminder
    const dates = reportingPeriodDates(new Date('2027-11-28T02:00:00.000Z'), {
      responseWindow: 'P30D',
      reminderBefore: 'P7D',
    });
    // then
    expect(dates).toEqual({
      dueAt: '2027-12-28T02:00:00.000Z',
      remindAt: '2027-12-21T02:00:00.000Z',
      dueDate: '2027-12-28',
    });
  });

  it('accepts the 2023 defaults and refuses a reminder as long as the window', () => {
    const defaults = {
      reportingYears: '3',
      reportingPeriod: 'P1Y',
      responseWindow: 'P30D',
      reminderBefore: 'P7D',
    };
    expect(MonitoringSchedule.parse(defaults)).toEqual({ ...defaults, reportingYears: 3 });
    const bad = MonitoringSchedule.safeParse({ ...defaults, reminderBefore: 'P30D' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('第二十三条');
    expect(MonitoringSchedule.safeParse({ ...defaults, reportingPeriod: 'yearly' }).success).toBe(false);
  });

  it('checks a submitted 质量绩效表', () => {
    const report = {
      holderKey: '91310113MA1GKQ0A5Q',
      holderName: '上海宝山精密制造有限公司',
      awardYear: 2025,
      period: 1,
      reportYear: 2026,
      summary: '一次交检合格率 99.2%，顾客满意度 92 分。',
    };
    expect(PerformanceReport.parse(report)).toEqual({ ...report, indicators: {} });
    expect(PerformanceReport.safeParse({ ...report, holderKey: '123' }).error?.issues[0]?.path).toEqual([
      'holderKey',
    ]);
    expect(PerformanceReport.safeParse({ ...report, period: 0 }).success).toBe(false);
  });
});
