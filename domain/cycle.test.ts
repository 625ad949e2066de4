import { EDITION_2023 } from '../config/test-editions.js';
import type { Expert, ReviewApplication } from './assignment.js';
import {
  announcementText,
  assignmentsOf,
  chooseReplacement,
  CycleParameters,
  cycleKey,
  panelGroup,
  panelProblems,
  reviewApplicationOf,
  teamLead,
} from './cycle.js';
import type { PoolExpert } from './experts.js';

const ORG = '91310113132203854K';

const pool = (id: string, extra: Partial<PoolExpert> = {}): PoolExpert => ({
  id,
  name: `专家${id}`,
  yearsOfExperience: 10,
  trained: true,
  ethicsPledgeSigned: true,
  specialties: [],
  email: `${id}@example.cn`,
  conflicts: [],
  ...extra,
});

const expert = (id: string, extra: Partial<Expert> = {}): Expert => ({
  id,
  name: id,
  yearsOfExperience: 10,
  trained: true,
  specialties: [],
  conflicts: [],
  ...extra,
});

const application: ReviewApplication = {
  id: 'cycle-2031/A-002',
  applicantName: '乙公司',
  applicantCreditCode: ORG,
  industry: '制造业',
};

describe('CycleParameters (Art. 18 (1))', () => {
  const good = {
    year: '2031',
    applicationStart: '2031-03-01',
    applicationEnd: '2031-05-31',
    deadline: '2031-06-30',
    cycleFields: '制造业、服务业，制造业',
    teamSize: 3,
  };

  it('reads the office start form: year as text, fields split and deduplicated', () => {
    // Given the start form's values, the year as a number
    // when they are parsed
    const parsed = CycleParameters.parse({ ...good, year: 2031 });
    // then the year is text and the fields a list
    expect(parsed).toEqual({ ...good, cycleFields: ['制造业', '服务业'] });
    expect(cycleKey(parsed.year)).toBe('cycle-2031');
    expect(panelGroup(parsed.year)).toBe('panel-2031');
  });

  it('refuses a window that ends before it starts and a deadline before the window closes', () => {
    // Given dates in the wrong order
    const result = CycleParameters.safeParse({
      ...good,
      applicationEnd: '2031-02-01',
      deadline: '2031-01-01',
    });
    // then both are named in Chinese
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      '申报截止日期不能早于开始日期',
      '资格审查完成日期不能早于申报截止日期',
    ]);
  });

  it('writes a 公告 with the schedule, fields, subjects, conditions and requirements', () => {
    // Given a cycle
    const text = announcementText(CycleParameters.parse(good));
    // then the announcement names each element of Art. 18 (1)
    expect(text).toContain('2031 年度评审公告');
    expect(text).toContain('第十八条第（一）项');
    expect(text).toContain('申报时间：2031-03-01 至 2031-05-31');
    expect(text).toContain('评审领域：制造业、服务业');
    expect(text).toContain('第十四条至第十六条');
    expect(text).toContain('资格审查于 2031-06-30 前完成');
  });
});

describe('panelProblems (Art. 10 (4), 11, 12)', () => {
  const experts = [
    pool('e1'),
    pool('e2'),
    pool('young', { yearsOfExperience: 4 }),
    pool('untrained', { trained: false }),
    pool('nopledge', { ethicsPledgeSigned: false }),
  ];

  it("Art. 12 (二): a member below the edition's years is refused, at the years accepted", () => {
    const six = [pool('e1', { yearsOfExperience: 6 }), pool('e2', { yearsOfExperience: 7 })];
    expect(panelProblems({ experts: ['e1', 'e2'], leader: 'e2' }, six, 2, { expertMinYears: 6 })).toEqual([]);
    expect(panelProblems({ experts: ['e1', 'e2'], leader: 'e2' }, six, 2, { expertMinYears: 7 })).toEqual([
      '专家e1（e1）不符合第十二条第（二）项：评审人员应具有 7 年以上的质量管理、专业技术工作经历，该专家为 6 年',
    ]);
  });

  it('accepts qualified experts with a leader among them', () => {
    expect(panelProblems({ experts: ['e1', 'e2'], leader: 'e1' }, experts, 2, EDITION_2023)).toEqual([]);
  });

  it('names every unqualified or unknown member, a leader outside the panel and a panel too small', () => {
    // Given a selection that breaks each rule
    const problems = panelProblems(
      { experts: ['young', 'untrained', 'nopledge', 'ghost'], leader: 'e1' },
      experts,
      5,
      EDITION_2023,
    );
    // then each problem names the article
    expect(problems).toEqual([
      '专家young（young）不符合第十二条第（二）项：评审人员应具有 5 年以上的质量管理、专业技术工作经历，该专家为 4 年',
      '专家untrained（untrained）不符合第十二条第（三）项：评审人员应接受过质量管理相关知识的系统培训，该专家未接受培训',
      '专家nopledge（nopledge）不符合第十二条第（四）项：评审人员应严格遵守评审纪律，该专家未签署评审纪律承诺书',
      '专家 ghost 不在专家库中（第十条第（四）项）',
      '组长须为评审专家组成员（第十一条：评审专家组实行组长负责制）',
      '评审专家组至少需要 5 人（每个评审组 5 人），现为 4 人',
    ]);
  });
});

describe('chooseReplacement (Art. 12, 26)', () => {
  it('never picks a team member, a conflicted or an unqualified expert', () => {
    // Given a team of e1, a declarer e2 (now conflicted), an expert of the applicant and an untrained one
    const panel = [
      expert('e1'),
      expert('e2', { conflicts: [application.id] }),
      expert('org', { organizationCreditCode: ORG }),
      expert('untrained', { trained: false }),
      expert('e5'),
    ];
    // when a replacement is chosen
    const outcome = chooseReplacement({
      application,
      team: ['e1'],
      panel,
      load: { e1: 1, e2: 0, org: 0, e5: 0 },
      rules: EDITION_2023,
    });
    // then only e5 is possible
    expect(outcome).toEqual({ ok: true, expertId: 'e5' });
  });

  it('keeps the largest load as small as possible, then prefers a specialty match', () => {
    // Given candidates with loads 2, 1 and 1 where the largest load is 2
    const panel = [
      expert('busy', { specialties: ['制造业'] }),
      expert('free'),
      expert('match', { specialties: ['制造业'] }),
      expert('t'),
    ];
    // when a replacement is chosen
    const outcome = chooseReplacement({
      application,
      team: ['t'],
      panel,
      load: { busy: 2, free: 1, match: 1, t: 2 },
      rules: EDITION_2023,
    });
    // then a load-1 expert whose specialty matches is chosen, not the busy match
    expect(outcome).toEqual({ ok: true, expertId: 'match' });
  });

  it('a busier expert is fine while the largest load does not grow', () => {
    // Given the only matching candidate carries load 1 and the largest load is 2
    const panel = [expert('m', { specialties: ['制造业'] }), expert('z'), expert('t')];
    // then the match is preferred over the idle one
    expect(
      chooseReplacement({ application, team: ['t'], panel, load: { m: 1, z: 0, t: 2 }, rules: EDITION_2023 }),
    ).toEqual({
      ok: true,
      expertId: 'm',
    });
  });

  it('names the application when nobody can replace', () => {
    const outcome = chooseReplacement({
      application,
      team: ['e1'],
      panel: [expert('e1'), expert('org', { organizationCreditCode: ORG })],
      load: {},
      rules: EDITION_2023,
    });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toContain('申报 cycle-2031/A-002（乙公司）');
    expect(!outcome.ok && outcome.applicationId).toBe('cycle-2031/A-002');
  });
});

describe('teams', () => {
  it('flattens a plan into one assignment per reviewer with the lead marked', () => {
    const plan = {
      teams: [{ applicationId: 'a', reviewers: ['x', 'y'], lead: 'y' }],
      load: {},
      excluded: [],
    };
    expect(assignmentsOf(plan, [{ ...application, id: 'a' }])).toEqual([
      { applicationId: 'a', applicantName: '乙公司', expertId: 'x', lead: false },
      { applicationId: 'a', applicantName: '乙公司', expertId: 'y', lead: true },
    ]);
  });

  it('leads with the most experienced, ties by id (Art. 11)', () => {
    expect(teamLead([expert('b', { yearsOfExperience: 9 }), expert('a', { yearsOfExperience: 9 })])).toBe(
      'a',
    );
    expect(teamLead([expert('a', { yearsOfExperience: 5 }), expert('b', { yearsOfExperience: 9 })])).toBe(
      'b',
    );
    expect(teamLead([])).toBeUndefined();
  });

  it('reads the facts of an accepted application from its variables', () => {
    // Given an individual's application without a 领域
    const app = reviewApplicationOf('cycle-2031/P-1', {
      applicantKind: 'individual',
      applicantName: '李质量',
      idNumber: '310113198005121239',
      creditCode: null,
      employerCreditCode: ORG,
    });
    // then the person and employer are kept for recusal, and no specialty is preferred
    expect(app).toEqual({
      id: 'cycle-2031/P-1',
      applicantName: '李质量',
      applicantIdNumber: '310113198005121239',
      employerCreditCode: ORG,
      industry: '未注明',
    });
  });
});
