import { eligibilityDecisions, pendingText, preliminaryListText } from './decisions.js';

describe('eligibilityDecisions (Art. 10 (3), 18 (3))', () => {
  const apps = [
    { businessKey: 'cycle-2031/C', applicantName: '丙', state: 'ACTIVE', endActivityId: null },
    { businessKey: 'cycle-2031/A', applicantName: '甲', state: 'COMPLETED', endActivityId: 'End_Accepted' },
    { businessKey: 'cycle-2031/B', applicantName: '乙', state: 'COMPLETED', endActivityId: 'End_Rejected' },
    { businessKey: 'cycle-2031/D', applicantName: '丁', state: 'COMPLETED', endActivityId: 'End_Refused' },
  ];
  it('waits for applications still in recommendation or 资格审查', () => {
    const d = eligibilityDecisions(apps);
    expect(d.pending.map((a) => a.businessKey)).toEqual(['cycle-2031/C']);
    expect(pendingText(d)).toBe('cycle-2031/C（丙）');
  });
  it('lists the accepted applications as the 初选名单 and the others apart', () => {
    const d = eligibilityDecisions(apps.slice(1));
    expect(d.pending).toEqual([]);
    expect(d.accepted.map((a) => a.businessKey)).toEqual(['cycle-2031/A']);
    expect(d.notAccepted.map((a) => a.businessKey)).toEqual(['cycle-2031/B', 'cycle-2031/D']);
    expect(preliminaryListText(d)).toBe(
      [
        '正式受理（初选名单，1 项）：',
        '  cycle-2031/A（甲）',
        '未获推荐或不予受理（2 项）：',
        '  cycle-2031/B（乙）',
        '  cycle-2031/D（丁）',
      ].join('\n'),
    );
  });
  it('counts a deleted application as decided, never as accepted', () => {
    const d = eligibilityDecisions([
      { businessKey: 'cycle-2031/E', applicantName: '戊', state: 'EXTERNALLY_TERMINATED' },
    ]);
    expect(d.pending).toEqual([]);
    expect(d.accepted).toEqual([]);
    expect(preliminaryListText(d)).toContain('正式受理（初选名单，0 项）：\n  （无）');
  });
});
