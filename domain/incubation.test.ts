import { creditCodeCheckChar, organizationCodeCheckChar } from './identifiers.js';
import { checkEnrolment, nextEvaluationYear, type IncubationEnrolment } from './incubation.js';

const code = (organization8: string) => {
  const first17 = `91310113${organization8}${organizationCodeCheckChar(organization8)}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};

const sme: IncubationEnrolment = {
  enrolmentName: '某科技公司',
  enrolmentCreditCode: code('MA1GKU01'),
  enrolmentKind: 'sme',
  highTech: true,
  innovative: false,
  competitive: false,
  qualityLeader: false,
};

describe('incubation enrolment — Art. 6', () => {
  it('accepts an SME or a social organization with enough encouraged characteristics', () => {
    expect(checkEnrolment(sme, 1)).toEqual({ accepted: true, characteristics: ['highTech'], findings: [] });
    expect(checkEnrolment({ ...sme, enrolmentKind: 'social-organization' }, 1).accepted).toBe(true);
  });

  it('refuses another kind of organization, naming Art. 6', () => {
    const check = checkEnrolment({ ...sme, enrolmentKind: 'other' }, 1);
    expect(check.accepted).toBe(false);
    expect(check.findings).toEqual([expect.objectContaining({ article: 6, code: 'kind' })]);
  });

  it('counts the characteristics against the BPMN parameter', () => {
    expect(checkEnrolment(sme, 2).findings.map((f) => f.code)).toEqual(['characteristics']);
    expect(checkEnrolment(sme, 2).findings[0]!.message).toContain('至少具备 2 项');
    expect(checkEnrolment({ ...sme, highTech: false }, 0).accepted).toBe(true);
  });

  it('refuses an invalid 统一社会信用代码', () => {
    const check = checkEnrolment({ ...sme, enrolmentCreditCode: '91310113MA1GKU0100' }, 1);
    expect(check.findings.map((f) => f.code)).toEqual(['credit-code']);
  });

  it('flags graduates for the evaluation year that follows (Art. 5)', () => {
    expect(nextEvaluationYear(2027)).toBe(2028);
  });
});
