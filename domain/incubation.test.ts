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
    expect(checkEnrolment(sme, 1)).toEqual({
      accepted: true,
      encouraged: true,
      characteristics: ['highTech'],
      findings: [],
      notes: [],
    });
    expect(checkEnrolment({ ...sme, enrolmentKind: 'social-organization' }, 1).accepted).toBe(true);
  });

  it('Art. 6 encourages, it does not exclude: another kind of organization is accepted, with a note', () => {
    const check = checkEnrolment({ ...sme, enrolmentKind: 'other' }, 1);
    expect(check.accepted).toBe(true);
    expect(check.encouraged).toBe(false);
    expect(check.findings).toEqual([]);
    expect(check.notes).toEqual([expect.objectContaining({ article: 6, code: 'kind' })]);
  });

  it('Art. 6: lacking the encouraged traits notes it against the BPMN parameter, never refuses', () => {
    const check = checkEnrolment({ ...sme, highTech: false }, 2);
    expect(check.accepted).toBe(true);
    expect(check.notes.map((f) => f.code)).toEqual(['characteristics']);
    expect(check.notes[0]!.message).toContain('具备 0 项，少于 2 项');
    expect(checkEnrolment({ ...sme, highTech: false }, 0).encouraged).toBe(true);
  });

  it('refuses an invalid 统一社会信用代码', () => {
    const check = checkEnrolment({ ...sme, enrolmentCreditCode: '91310113MA1GKU0100' }, 1);
    expect(check.findings.map((f) => f.code)).toEqual(['credit-code']);
  });

  it('flags graduates for the evaluation year that follows (Art. 5)', () => {
    expect(nextEvaluationYear(2027)).toBe(2028);
  });
});
