import { EDITION_2023 } from '../../../config/test-editions.js';
import { checkQuotas } from '../../../domain/quota.js';
import { isValidCreditCode, isValidIdNumber } from '../../../domain/identifiers.js';
import { checkEligibility } from '../../../domain/eligibility.js';
import { applicantFromVariables, EligibilityCheckInput } from '../../../workers/eligibility-check/index.js';
import type { AwardEntry } from '../../../domain/awards.js';
import { withinQuotas } from './answers.js';
import { generatePlan } from './generate.js';
import { OptionError, parseOptions } from './options.js';
import { Applicant } from '../../../domain/eligibility.js';

const TODAY = '2026-11-28';

describe('simulation data', () => {
  const plan = generatePlan({ applications: 40, experts: 15, year: '2026', seed: 3, today: TODAY });

  it('gives every applicant valid identifiers and distinct business keys', () => {
    for (const a of plan.applicants) {
      if (a.variables.applicantKind === 'organization')
        expect(isValidCreditCode(String(a.variables.creditCode))).toBe(true);
      else expect(isValidIdNumber(String(a.variables.idNumber), TODAY)).toBe(true);
    }
    expect(new Set(plan.applicants.map((a) => a.businessKey)).size).toBe(40);
  });

  it('makes exactly the planned applicants fail the automatic check (Art. 3, 14, 15)', () => {
    for (const a of plan.applicants) {
      const input = EligibilityCheckInput.parse(a.variables);
      const result = checkEligibility(
        Applicant.parse(applicantFromVariables(input)),
        TODAY,
        EDITION_2023.eligibility,
      );
      const shouldPass = a.fate === 'eligible' || a.fate === 'not-recommended';
      expect([a.applicationId, result.eligible]).toEqual([a.applicationId, shouldPass]);
    }
    const fates = new Set(plan.applicants.map((a) => a.fate));
    for (const fate of ['outside-district', 'too-young', 'too-few-quality-years', 'not-recommended'])
      expect(fates).toContain(fate);
  });

  it('has a few experts that Art. 12 excludes and some with conflicts (Art. 26)', () => {
    const unqualified = plan.experts.filter(
      (e) => e.yearsOfExperience < 5 || !e.trained || !e.ethicsPledgeSigned,
    );
    expect(unqualified.length).toBeGreaterThanOrEqual(1);
    expect(unqualified.length).toBeLessThan(plan.experts.length / 4);
    expect(plan.experts.some((e) => e.organizationCreditCode)).toBe(true);
    expect(plan.experts.some((e) => e.conflicts.length > 0)).toBe(true);
  });

  it('is the same for the same seed', () => {
    const again = generatePlan({ applications: 40, experts: 15, year: '2026', seed: 3, today: TODAY });
    expect(again).toEqual(plan);
  });
});

describe('withinQuotas (the office trims a list that failed the Art. 7 check)', () => {
  it('keeps the best-ranked awards of each class and category and caps prizes (Art. 19)', () => {
    const awards: AwardEntry[] = Array.from({ length: 14 }, (_, i) => ({
      applicationId: `cycle-2026/A-${i}`,
      applicantName: `单位${i}`,
      applicantKind: 'organization',
      category: 'model',
      awardClass: i < 3 ? 'district-head' : 'gold',
      rank: 14 - i,
      prize: 600_000,
    }));
    expect(checkQuotas(awards, EDITION_2023.quotas, EDITION_2023.prizeCaps).ok).toBe(false);
    const kept = withinQuotas(awards, EDITION_2023);
    expect(checkQuotas(kept, EDITION_2023.quotas, EDITION_2023.prizeCaps).ok).toBe(true);
    // district-head model: quota 2 of ranks 12, 13, 14 → the two best (12, 13)
    expect(kept.filter((a) => a.awardClass === 'district-head').map((a) => a.rank)).toEqual([12, 13]);
    expect(kept.filter((a) => a.awardClass === 'gold')).toHaveLength(10);
  });
});

describe('parseOptions', () => {
  it('reads both option forms and keeps defaults', () => {
    expect(parseOptions(['--applications', '40', '--experts=15'], TODAY)).toMatchObject({
      applications: 40,
      experts: 15,
      objections: 0,
      teamSize: 3,
      year: '2026',
      skipNoop: false,
    });
    // the no-op comparison run is on unless skipped
    expect(parseOptions(['--skip-noop'], TODAY).skipNoop).toBe(true);
  });
  it('names a bad or unknown option', () => {
    expect(() => parseOptions(['--experts', 'x'], TODAY)).toThrow(OptionError);
    expect(() => parseOptions(['--experts', 'x'], TODAY)).toThrow('--experts 应为 1 至 200 之间的整数');
    expect(() => parseOptions(['--bogus'], TODAY)).toThrow('未知选项“--bogus”');
  });
});
