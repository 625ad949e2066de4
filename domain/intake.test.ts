import {
  applicationNumber,
  applicationVariables,
  IntakeApplication,
  windowClosedMessage,
  windowState,
} from './intake.js';

const organization = {
  kind: 'organization',
  name: '上海宝山测试有限公司',
  creditCode: '91310113MA1GKQ0A5Q',
  registeredDistrict: '宝山区',
  registrationDate: '2015-03-01',
  licensesValid: true,
  chiefQualityOfficer: true,
  sanctions: [{ type: 'major-accident', date: '2025-05-01', description: '生产安全事故' }],
  awards: [],
  municipalApplicationSameYear: true,
};
const form = {
  cycle: '2026',
  applicant: organization,
  recommendingUnit: 'luodian',
  contact: { name: '李四', phone: '13812345678', email: 'li@example.cn' },
  truthfulDeclaration: true,
};

describe('the online 申报表 (Art. 18 (2))', () => {
  it('passes the declarations on as the variables the eligibility check reads', () => {
    const parsed = IntakeApplication.parse(form);
    const vars = applicationVariables(parsed, applicationNumber('2026', 7));
    expect(vars).toMatchObject({
      cycleKey: 'cycle-2026',
      applicationId: 'SB2026-0007',
      applicantKind: 'organization',
      creditCode: '91310113MA1GKQ0A5Q',
      applicantEmail: 'li@example.cn',
      municipalApplicationSameYear: true,
      declaredSanctions: [expect.objectContaining({ type: 'major-accident' })],
    });
  });

  it('names the field of a wrong check character, an unknown unit and a missing declaration', () => {
    const bad = IntakeApplication.safeParse({
      ...form,
      applicant: { ...organization, creditCode: '91310113MA1GKQ0A5A' },
      recommendingUnit: 'nowhere',
      truthfulDeclaration: false,
    });
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['applicant.creditCode', 'recommendingUnit', 'truthfulDeclaration']);
    expect(bad.error!.issues[0]!.message).toContain('校验位');
  });

  it('opens the window on its first day and closes it after its last, naming 第十八条', () => {
    expect(windowState('2026-03-01', '2026-03-01', '2026-04-30')).toBe('open');
    expect(windowState('2026-04-30', '2026-03-01', '2026-04-30')).toBe('open');
    expect(windowState('2026-05-01', '2026-03-01', '2026-04-30')).toBe('after');
    expect(windowState('2026-02-28', '2026-03-01', '2026-04-30')).toBe('before');
    const message = windowClosedMessage('2026', { start: '2026-03-01', end: '2026-04-30' }, 'after');
    expect(message).toContain('2026-03-01 至 2026-04-30');
    expect(message).toContain('已截止');
    expect(message).toContain('第十八条');
  });
});
