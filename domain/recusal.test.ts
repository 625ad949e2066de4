import {
  parseCommitteeRecusals,
  parseCommitteeVotes,
  recusedList,
  remainingStaff,
  tallyCommitteeVotes,
  withRecused,
} from './recusal.js';

const IDS = ['cycle-2033/D-001', 'cycle-2033/D-002'];

describe('recusal of office clerks and committee members (Art. 26)', () => {
  it('keeps each recused clerk once, in the order they declared', () => {
    const one = withRecused(null, 'clerk-a');
    expect(recusedList(one)).toEqual(['clerk-a']);
    const two = withRecused(withRecused(one, 'clerk-b'), 'clerk-a');
    expect(recusedList(two)).toEqual(['clerk-a', 'clerk-b']);
  });

  it('refuses a recused list that is not an array of user ids', () => {
    expect(() => recusedList('{"a":1}')).toThrow('recusedStaff');
    expect(() => recusedList('[1]')).toThrow('recusedStaff');
  });

  it('leaves the office members who have not recused, and none when all did', () => {
    expect(remainingStaff(['a', 'b', 'c'], ['b'])).toEqual(['a', 'c']);
    expect(remainingStaff(['a', 'b'], ['a', 'b'])).toEqual([]);
  });

  it('reads a member’s declaration by full or short application id', () => {
    const parsed = parseCommitteeRecusals(
      'm1 | D-001 | 曾任该公司独立董事\n\n# 注释\nm2｜cycle-2033/D-002｜近亲属在该公司任职',
      IDS,
    );
    expect(parsed).toEqual({
      ok: true,
      items: [
        { member: 'm1', applicationId: 'cycle-2033/D-001', reason: '曾任该公司独立董事' },
        { member: 'm2', applicationId: 'cycle-2033/D-002', reason: '近亲属在该公司任职' },
      ],
    });
  });

  it('names the line and Art. 26 for an unknown applicant or a missing reason', () => {
    const parsed = parseCommitteeRecusals('m1 | D-009 | 亲属\nm2 | D-001 |', IDS);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      '回避声明第 1 行：申报编号“D-009”不在获奖建议名单中（第二十六条）',
      '回避声明第 2 行：请写明与申报者的利害关系（第二十六条）',
    ]);
  });

  it('refuses a vote word other than 同意/不同意 and a second vote of a member on one applicant', () => {
    const parsed = parseCommitteeVotes('m1 | D-001 | 弃权\nm2 | D-001 | 同意\nm2 | D-001 | 不同意', IDS);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      '表决第 1 行：表决意见“弃权”应为“同意”或“不同意”',
      '表决第 3 行：委员 m2 对 D-001 已表决一次',
    ]);
  });

  it('does not count a recused member’s vote on that applicant, but counts it on the others', () => {
    const votes = parseCommitteeVotes(
      [
        'm1 | D-001 | 同意',
        'm2 | D-001 | 同意',
        'm3 | D-001 | 不同意',
        'm1 | D-002 | 不同意',
        'm2 | D-002 | 同意',
      ].join('\n'),
      IDS,
    );
    const recusals = parseCommitteeRecusals('m1 | D-001 | 曾任该公司顾问', IDS);
    if (!votes.ok || !recusals.ok) throw new Error('lines should parse');
    expect(tallyCommitteeVotes(IDS, votes.items, recusals.items)).toEqual([
      { applicationId: 'cycle-2033/D-001', for: 1, against: 1, recused: ['m1'], notCounted: ['m1'] },
      { applicationId: 'cycle-2033/D-002', for: 1, against: 1, recused: [], notCounted: [] },
    ]);
  });
});
