import fc from 'fast-check';
import {
  AssignmentRequest,
  conflictOfInterest,
  planAssignment,
  type AssignmentPlan,
  type Expert,
  type ReviewApplication,
} from './assignment.js';
import { EDITION_2023 } from '../config/test-editions.js';

// Valid identifiers (GB 32100-2015 / GB 11643 check characters).
const ORG = ['91310113MA1GKQ0A5Q', '91310113MA1GKQ0B3K', '91310113MA1GKQ0C1E', '91310113MA1GKQ0DX6'] as const;
const PERSON = ['310113198001010013', '310113198502020025', '310113199003030039'] as const;

const expert = (id: string, extra: Partial<Expert> = {}): Expert => ({
  id,
  name: `专家${id}`,
  yearsOfExperience: 10,
  trained: true,
  specialties: [],
  conflicts: [],
  ...extra,
});
const application = (id: string, extra: Partial<ReviewApplication> = {}): ReviewApplication => ({
  id,
  applicantName: `申报${id}`,
  industry: '制造业',
  ...extra,
});

function planOf(request: AssignmentRequest): AssignmentPlan {
  const outcome = planAssignment(request, EDITION_2023);
  if (!outcome.ok) throw new Error(`expected a plan, got ${outcome.infeasible.message}`);
  return outcome.plan;
}
const reviewersOf = (plan: AssignmentPlan, applicationId: string) =>
  plan.teams.find((t) => t.applicationId === applicationId)?.reviewers;
const maxLoad = (plan: AssignmentPlan) => Math.max(0, ...Object.values(plan.load));

describe('AssignmentRequest schema', () => {
  const valid = {
    teamSize: 2,
    experts: [expert('e1', { organizationCreditCode: ORG[0], idNumber: PERSON[0] }), expert('e2')],
    applications: [application('a1', { applicantCreditCode: ORG[1] })],
  };

  it('accepts a request of the contract shape', () => {
    // Given a well-formed request, when it is parsed, then it is accepted as is
    expect(AssignmentRequest.parse(valid)).toEqual(valid);
  });

  it.each([0, -1, 1.5])('refuses teamSize %s', (teamSize) => {
    // Given a team size that is not a positive integer, when parsed, then the issue names teamSize
    const result = AssignmentRequest.safeParse({ ...valid, teamSize });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['teamSize']);
  });

  it('names missing and mistyped fields in Chinese', () => {
    // Given an empty body and an expert with mistyped fields
    const empty = AssignmentRequest.safeParse({});
    const mistyped = AssignmentRequest.safeParse({
      ...valid,
      experts: [{ ...expert('e1'), yearsOfExperience: '10', trained: undefined }],
    });
    // then each issue says what is missing or wrong at its path
    expect(empty.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['teamSize', '缺少评审组人数'],
      ['experts', '缺少专家'],
      ['applications', '缺少申报'],
    ]);
    expect(mistyped.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['experts.0.yearsOfExperience', '质量管理、专业技术工作年限必须是数字'],
      ['experts.0.trained', '缺少是否接受过质量管理系统培训'],
    ]);
  });

  it('refuses a duplicate expert id and a duplicate application id, naming their paths', () => {
    // Given the same expert and the same application listed twice
    const result = AssignmentRequest.safeParse({
      ...valid,
      experts: [...valid.experts, expert('e1')],
      applications: [application('a1'), application('a2'), application('a1')],
    });
    // then each repetition is refused at its own path, in Chinese
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['experts.2.id', '专家编号“e1”重复，已出现在 experts.0'],
      ['applications.2.id', '申报编号“a1”重复，已出现在 applications.0'],
    ]);
  });

  it('refuses credit codes and id numbers with a wrong check character', () => {
    // Given identifiers whose last character is off by one
    const result = AssignmentRequest.safeParse({
      ...valid,
      experts: [
        expert('e1', { organizationCreditCode: '91310113MA1GKQ0A5R', idNumber: '310113198001010014' }),
      ],
      applications: [application('a1', { employerCreditCode: 'not-a-code' })],
    });
    // then each is a 400-style issue at its path
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'experts.0.organizationCreditCode',
      'experts.0.idNumber',
      'applications.0.employerCreditCode',
    ]);
    expect(result.error?.issues[0]?.message).toContain('统一社会信用代码');
  });

  it('reads a lower-case x in an id number as X, so that Art. 26 comparisons still match', () => {
    // Given an id number whose check character X is written in lower case
    const parsed = AssignmentRequest.parse({
      ...valid,
      experts: [expert('e1', { idNumber: '31011319900303008x' })],
    });
    // then it is accepted and kept in upper case
    expect(parsed.experts[0]?.idNumber).toBe('31011319900303008X');
  });
});

describe('planAssignment: Art. 12 qualifications', () => {
  it('excludes experts with under five years or without training, citing the item in Chinese', () => {
    // Given a junior, an untrained and a junior untrained expert next to two qualified ones
    const plan = planOf({
      teamSize: 2,
      experts: [
        expert('junior', { yearsOfExperience: 4.9 }),
        expert('untrained', { trained: false }),
        expert('both', { yearsOfExperience: 2, trained: false }),
        expert('ok1', { yearsOfExperience: 5 }),
        expert('ok2'),
      ],
      applications: [application('a1')],
    });
    // then only the qualified ones review, and the others are listed with the article's item
    expect(plan.teams).toEqual([{ applicationId: 'a1', reviewers: ['ok1', 'ok2'], lead: 'ok2' }]);
    expect(plan.load).toEqual({ ok1: 1, ok2: 1 });
    expect(plan.excluded.map((e) => e.expertId)).toEqual(['both', 'junior', 'untrained']);
    const reason = (id: string) => plan.excluded.find((e) => e.expertId === id)!.reason;
    expect(reason('junior')).toContain('第十二条第（二）项');
    expect(reason('junior')).toContain('4.9 年');
    expect(reason('junior')).not.toContain('第（三）项');
    expect(reason('untrained')).toContain('第十二条第（三）项');
    expect(reason('untrained')).not.toContain('第（二）项');
    expect(reason('both')).toMatch(/第十二条第（二）项.*；.*第十二条第（三）项/);
  });
});

describe('planAssignment: Art. 12 (二) years come from the rules edition', () => {
  const request = (years: number): AssignmentRequest => ({
    teamSize: 1,
    experts: [expert('e', { yearsOfExperience: years })],
    applications: [application('a1')],
  });
  it('takes an expert with exactly the edition 2023 minimum (5 years) and refuses one year less', () => {
    expect(EDITION_2023.expertMinYears).toBe(5);
    expect(planOf(request(5)).teams[0]!.reviewers).toEqual(['e']);
    const below = planAssignment(request(4), EDITION_2023);
    expect(below.ok).toBe(false);
  });
  it('follows another edition: with 8 years required, 7 is excluded naming 8 and 8 is taken', () => {
    // Given an edition that requires eight years (a revision, Art. 28)
    const stricter = { expertMinYears: 8 };
    const seven = planAssignment({ ...request(7), experts: [...request(7).experts, expert('f')] }, stricter);
    // then the seven-year expert is excluded, the message names the edition's eight years
    if (!seven.ok) throw new Error(seven.infeasible.message);
    expect(seven.plan.teams[0]!.reviewers).toEqual(['f']);
    expect(seven.plan.excluded).toEqual([
      {
        expertId: 'e',
        reason:
          '不符合第十二条第（二）项：评审人员应具有 8 年以上的质量管理、专业技术工作经历，该专家为 7 年',
      },
    ]);
    expect(planAssignment(request(8), stricter)).toMatchObject({ ok: true });
  });
});

describe('planAssignment: Art. 26 conflicts of interest', () => {
  it('keeps each kind of conflicted expert off the application, and only off that one', () => {
    // Given four experts each conflicted with a different application, and one free expert
    const experts = [
      expert('e-org', { organizationCreditCode: ORG[0] }),
      expert('e-employer', { organizationCreditCode: ORG[1] }),
      expert('e-self', { idNumber: PERSON[0] }),
      expert('e-declared', { conflicts: ['a-declared'] }),
      expert('e-free'),
    ];
    const applications = [
      application('a-org', { applicantCreditCode: ORG[0] }),
      application('a-employer', { applicantIdNumber: PERSON[1], employerCreditCode: ORG[1] }),
      application('a-self', { applicantIdNumber: PERSON[0] }),
      application('a-declared'),
    ];
    // When teams of four are planned (five experts, one must sit out each application)
    const plan = planOf({ teamSize: 4, experts, applications });
    // then the conflicted expert is exactly the one missing from each team
    const missing = (id: string) =>
      experts.map((e) => e.id).filter((e) => !reviewersOf(plan, id)!.includes(e));
    expect(missing('a-org')).toEqual(['e-org']);
    expect(missing('a-employer')).toEqual(['e-employer']);
    expect(missing('a-self')).toEqual(['e-self']);
    expect(missing('a-declared')).toEqual(['e-declared']);
    expect(conflictOfInterest(experts[0]!, applications[0]!)).toContain('第二十六条');
    expect(conflictOfInterest(experts[4]!, applications[0]!)).toBeNull();
  });
});

describe('planAssignment: load and specialties', () => {
  it('finds the optimum where a least-loaded greedy pass does not', () => {
    // Given a1 may be reviewed by x or y, a2 only by x (y declared a conflict), teams of one.
    // A greedy pass in id order gives a1 to x (tie, smaller id), then a2 to x again: load 2.
    const plan = planOf({
      teamSize: 1,
      experts: [expert('x'), expert('y', { conflicts: ['a2'] })],
      applications: [application('a1'), application('a2')],
    });
    // then the plan balances to load 1
    expect(plan.teams).toEqual([
      { applicationId: 'a1', reviewers: ['y'], lead: 'y' },
      { applicationId: 'a2', reviewers: ['x'], lead: 'x' },
    ]);
    expect(plan.load).toEqual({ x: 1, y: 1 });
  });

  it('prefers experts whose specialties include the industry', () => {
    // Given two applications and two experts whose specialties are crossed against id order
    const plan = planOf({
      teamSize: 1,
      experts: [expert('x', { specialties: ['钢铁'] }), expert('y', { specialties: ['汽车', '电子'] })],
      applications: [application('a1', { industry: '汽车' }), application('a2', { industry: '钢铁' })],
    });
    // then each application gets the matching expert
    expect(reviewersOf(plan, 'a1')).toEqual(['y']);
    expect(reviewersOf(plan, 'a2')).toEqual(['x']);
  });

  it('never trades a larger largest load for a specialty match', () => {
    // Given two 汽车 applications and only one 汽车 expert
    const plan = planOf({
      teamSize: 1,
      experts: [expert('x', { specialties: ['汽车'] }), expert('y')],
      applications: [application('a1', { industry: '汽车' }), application('a2', { industry: '汽车' })],
    });
    // then the matching expert reviews only one of them
    expect(plan.load).toEqual({ x: 1, y: 1 });
  });

  it('lists qualified experts without reviews at load 0 and picks the most experienced as lead', () => {
    // Given three qualified experts and one application needing two
    const plan = planOf({
      teamSize: 2,
      experts: [
        expert('b', { yearsOfExperience: 20 }),
        expert('a', { yearsOfExperience: 20 }),
        expert('c', { yearsOfExperience: 6 }),
      ],
      applications: [application('a1')],
    });
    // then one expert idles with load 0 and the lead is the most experienced, ties by id
    expect(Object.keys(plan.load).sort()).toEqual(['a', 'b', 'c']);
    expect(Object.values(plan.load).sort()).toEqual([0, 1, 1]);
    expect(plan.teams[0]?.lead).toBe('a');
  });

  it('answers an empty plan for no applications', () => {
    // Given no applications, then there are no teams and every qualified expert has load 0
    expect(planOf({ teamSize: 3, experts: [expert('a')], applications: [] })).toEqual({
      teams: [],
      load: { a: 0 },
      excluded: [],
    });
  });
});

describe('planAssignment: infeasible', () => {
  it('names exactly the applications with too few eligible experts', () => {
    // Given teams of two, three experts, one untrained, and conflicts on a2 and a3
    const outcome = planAssignment(
      {
        teamSize: 2,
        experts: [
          expert('x', { organizationCreditCode: ORG[2] }),
          expert('y', { conflicts: ['a3'] }),
          expert('z', { trained: false }),
        ],
        applications: [
          application('a3'),
          application('a1'),
          application('a2', { applicantCreditCode: ORG[2] }),
        ],
      },
      EDITION_2023,
    );
    // then a2 and a3 are named, a1 is not, and the message cites the articles in Chinese
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.infeasible.applications).toEqual(['a2', 'a3']);
    expect(outcome.infeasible.message).toContain('第二十六条');
    expect(outcome.infeasible.message).toContain('第十二条');
    expect(outcome.infeasible.message).toContain('a2（可担任评审的专家 1 人）');
  });

  it('is infeasible for every application when no expert qualifies', () => {
    // Given only an unqualified expert, then every application is named
    const outcome = planAssignment(
      {
        teamSize: 1,
        experts: [expert('z', { yearsOfExperience: 1 })],
        applications: [application('b'), application('a')],
      },
      EDITION_2023,
    );
    expect(outcome).toMatchObject({ ok: false, infeasible: { applications: ['a', 'b'] } });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: every constraint holds and the plan is optimal, checked against brute force.

const INDUSTRIES = ['汽车', '钢铁', '电子'];

const instance = fc
  .record({
    teamSize: fc.constantFrom(1, 1, 2, 2, 3),
    experts: fc.array(
      fc.record({
        yearsOfExperience: fc.integer({ min: 4, max: 12 }),
        trained: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
        org: fc.option(fc.constantFrom(...ORG), { nil: undefined, freq: 2 }),
        person: fc.option(fc.constantFrom(...PERSON), { nil: undefined, freq: 2 }),
        specialties: fc.subarray(INDUSTRIES),
        conflicts: fc.subarray(['a0', 'a1', 'a2', 'a3'], { maxLength: 1 }),
      }),
      { minLength: 2, maxLength: 6 },
    ),
    applications: fc.array(
      fc.record({
        org: fc.option(fc.constantFrom(...ORG), { nil: undefined }),
        person: fc.option(fc.constantFrom(...PERSON), { nil: undefined }),
        employer: fc.option(fc.constantFrom(...ORG), { nil: undefined }),
        industry: fc.constantFrom(...INDUSTRIES),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ teamSize, experts, applications }): AssignmentRequest => ({
    teamSize,
    experts: experts.map((e, i) =>
      expert(`e${i}`, {
        yearsOfExperience: e.yearsOfExperience,
        trained: e.trained,
        organizationCreditCode: e.org,
        idNumber: e.person,
        specialties: e.specialties,
        conflicts: e.conflicts,
      }),
    ),
    applications: applications.map((a, i) =>
      application(`a${i}`, {
        applicantCreditCode: a.org,
        applicantIdNumber: a.person,
        employerCreditCode: a.employer,
        industry: a.industry,
      }),
    ),
  }));

// Independent statement of the rules, for the oracle.
const qualifies = (e: Expert) => e.yearsOfExperience >= 5 && e.trained;
const mayReview = (e: Expert, a: ReviewApplication) =>
  qualifies(e) &&
  !(e.organizationCreditCode && e.organizationCreditCode === a.applicantCreditCode) &&
  !(e.organizationCreditCode && e.organizationCreditCode === a.employerCreditCode) &&
  !(e.idNumber && e.idNumber === a.applicantIdNumber) &&
  !e.conflicts.includes(a.id);

function combinations<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) =>
    combinations(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]),
  );
}

/** Brute force: the smallest largest load, and the most specialty matches at that load; null if none. */
function bruteForce(request: AssignmentRequest): { maxLoad: number; matches: number } | null {
  const qualified = request.experts.filter(qualifies);
  const options = request.applications.map((a) =>
    combinations(
      qualified.filter((e) => mayReview(e, a)),
      request.teamSize,
    ).map((team) => ({
      ids: team.map((e) => e.id),
      matches: team.filter((e) => e.specialties.includes(a.industry)).length,
    })),
  );
  if (options.some((o) => o.length === 0)) return null;
  const best = { maxLoad: Infinity, matches: -1 };
  const load = new Map<string, number>(qualified.map((e) => [e.id, 0]));
  const walk = (index: number, currentMax: number, matches: number) => {
    if (currentMax > best.maxLoad) return;
    if (index === options.length) {
      if (currentMax < best.maxLoad || matches > best.matches)
        Object.assign(best, { maxLoad: currentMax, matches });
      return;
    }
    for (const team of options[index]!) {
      let max = currentMax;
      for (const id of team.ids) {
        load.set(id, load.get(id)! + 1);
        max = Math.max(max, load.get(id)!);
      }
      walk(index + 1, max, matches + team.matches);
      for (const id of team.ids) load.set(id, load.get(id)! - 1);
    }
  };
  walk(0, 0, 0);
  return best;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seed * (i + 7)) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('planAssignment: properties', () => {
  it('respects Art. 12 and 26, staffs every team, and matches the brute-force optimum', () => {
    fc.assert(
      fc.property(instance, fc.nat(1000), (request, seed) => {
        // Given a random small instance, when it is planned
        const outcome = planAssignment(request, EDITION_2023);
        const oracle = bruteForce(request);
        // then it is infeasible exactly when brute force finds no plan, naming the short applications
        if (!outcome.ok) {
          expect(oracle).toBeNull();
          const short = request.applications
            .filter((a) => request.experts.filter((e) => mayReview(e, a)).length < request.teamSize)
            .map((a) => a.id)
            .sort();
          expect(outcome.infeasible.applications).toEqual(short);
          return;
        }
        expect(oracle).not.toBeNull();
        const plan = outcome.plan;
        const byId = new Map(request.experts.map((e) => [e.id, e]));
        // every application has one team of teamSize distinct, qualified, conflict-free reviewers
        expect(plan.teams.map((t) => t.applicationId).sort()).toEqual(
          request.applications.map((a) => a.id).sort(),
        );
        const counted = new Map<string, number>();
        for (const team of plan.teams) {
          const app = request.applications.find((a) => a.id === team.applicationId)!;
          expect(new Set(team.reviewers).size).toBe(request.teamSize);
          expect(team.reviewers).toHaveLength(request.teamSize);
          for (const id of team.reviewers) {
            expect(mayReview(byId.get(id)!, app)).toBe(true);
            counted.set(id, (counted.get(id) ?? 0) + 1);
          }
          expect(team.reviewers).toContain(team.lead);
        }
        // load counts the reviews of every qualified expert; the others are excluded
        expect(plan.load).toEqual(
          Object.fromEntries(request.experts.filter(qualifies).map((e) => [e.id, counted.get(e.id) ?? 0])),
        );
        expect(plan.excluded.map((x) => x.expertId).sort()).toEqual(
          request.experts
            .filter((e) => !qualifies(e))
            .map((e) => e.id)
            .sort(),
        );
        // the largest load and the specialty matches equal the brute-force optimum
        const matches = plan.teams.reduce((sum, team) => {
          const industry = request.applications.find((a) => a.id === team.applicationId)!.industry;
          return sum + team.reviewers.filter((id) => byId.get(id)!.specialties.includes(industry)).length;
        }, 0);
        expect({ maxLoad: maxLoad(plan), matches }).toEqual(oracle);
        // and the same request in another order gives the same plan
        const reordered = planAssignment(
          {
            ...request,
            experts: shuffled(request.experts, seed),
            applications: shuffled(request.applications, seed + 1),
          },
          EDITION_2023,
        );
        expect(reordered).toEqual(outcome);
      }),
      { numRuns: 600 },
    );
  });
});
