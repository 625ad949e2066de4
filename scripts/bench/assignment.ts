// Assignment benchmark (issue 18): planAssignment (exact: smallest largest load, then most specialty
// matches) on a generated request vs a simple reference that only finds the smallest largest load
// with a cold Dinic max-flow per binary-search step.
import type { AssignmentRequest, Expert, ReviewApplication, ReviewerRules } from '../../domain/assignment.js';
import { conflictOfInterest, planAssignment, qualificationFailures } from '../../domain/assignment.js';

const INDUSTRIES = ['制造业', '建筑业', '服务业', '信息技术', '医药', '化工', '物流', '金融'];

/** A seeded request: `experts` experts (a few unqualified), `applications` applications, some conflicts. */
export function generateRequest(
  applications: number,
  experts: number,
  teamSize: number,
  seed = 1,
): AssignmentRequest {
  let state = seed >>> 0 || 1;
  const rnd = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const apps: ReviewApplication[] = Array.from({ length: applications }, (_, i) => ({
    id: `A${String(i).padStart(4, '0')}`,
    applicantName: `申报组织${i}`,
    industry: pick(INDUSTRIES),
  }));
  const pool: Expert[] = Array.from({ length: experts }, (_, i) => ({
    id: `E${String(i).padStart(4, '0')}`,
    name: `专家${i}`,
    yearsOfExperience: rnd() < 0.05 ? 3 : 5 + Math.floor(rnd() * 20),
    trained: rnd() > 0.03,
    specialties: [pick(INDUSTRIES), pick(INDUSTRIES)],
    conflicts: apps.filter(() => rnd() < 0.02).map((a) => a.id),
  }));
  return { teamSize, experts: pool, applications: apps };
}

/** The reference: binary search on the cap, a fresh Dinic max-flow per step; returns the cap only. */
export function referenceMinMaxLoad(request: AssignmentRequest, rules: ReviewerRules): number {
  const k = request.teamSize;
  const qualified = request.experts.filter((e) => qualificationFailures(e, rules).length === 0);
  const apps = request.applications;
  const n = apps.length;
  const q = qualified.length;
  const eligible = apps.map((a) =>
    qualified.flatMap((e, i) => (conflictOfInterest(e, a) === null ? [i] : [])),
  );
  const maxFlowAt = (cap: number): number => {
    const size = n + q + 2;
    const adj: number[][] = Array.from({ length: size }, () => []);
    const to: number[] = [];
    const c: number[] = [];
    const add = (u: number, v: number, w: number) => {
      adj[u]!.push(to.length);
      to.push(v);
      c.push(w);
      adj[v]!.push(to.length);
      to.push(u);
      c.push(0);
    };
    apps.forEach((_, a) => add(0, 1 + a, k));
    eligible.forEach((list, a) => list.forEach((e) => add(1 + a, 1 + n + e, 1)));
    for (let e = 0; e < q; e++) add(1 + n + e, size - 1, cap);
    let total = 0;
    for (;;) {
      const level = new Array<number>(size).fill(-1);
      level[0] = 0;
      const queue = [0];
      for (let h = 0; h < queue.length; h++)
        for (const ed of adj[queue[h]!]!)
          if (c[ed]! > 0 && level[to[ed]!] === -1) {
            level[to[ed]!] = level[queue[h]!]! + 1;
            queue.push(to[ed]!);
          }
      if (level[size - 1] === -1) return total;
      const it = new Array<number>(size).fill(0);
      const dfs = (u: number, f: number): number => {
        if (u === size - 1) return f;
        for (; it[u]! < adj[u]!.length; it[u]!++) {
          const ed = adj[u]![it[u]!]!;
          const v = to[ed]!;
          if (c[ed]! > 0 && level[v] === level[u]! + 1) {
            const d = dfs(v, Math.min(f, c[ed]!));
            if (d > 0) {
              c[ed]! -= d;
              c[ed ^ 1]! += d;
              return d;
            }
          }
        }
        return 0;
      };
      for (let f = dfs(0, Infinity); f > 0; f = dfs(0, Infinity)) total += f;
    }
  };
  let lo = Math.ceil((n * k) / Math.max(q, 1));
  let hi = Math.max(n, lo);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (maxFlowAt(mid) === n * k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export interface AssignmentBenchResult {
  applications: number;
  experts: number;
  teamSize: number;
  planMs: number;
  referenceMs: number;
  maxLoad: number;
  referenceMaxLoad: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchAssignment(
  applications: number,
  experts: number,
  teamSize: number,
  /** Art. 12 (二): the edition the plan applies. */
  rules: ReviewerRules,
  runs = 3,
): AssignmentBenchResult {
  const request = generateRequest(applications, experts, teamSize);
  const planTimes: number[] = [];
  const refTimes: number[] = [];
  let maxLoad = 0;
  let referenceMaxLoad = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const outcome = planAssignment(request, rules);
    planTimes.push(performance.now() - t);
    if (!outcome.ok) throw new Error(outcome.infeasible.message);
    maxLoad = Math.max(...Object.values(outcome.plan.load));
    t = performance.now();
    referenceMaxLoad = referenceMinMaxLoad(request, rules);
    refTimes.push(performance.now() - t);
  }
  return {
    applications,
    experts,
    teamSize,
    planMs: Math.round(median(planTimes)),
    referenceMs: Math.round(median(refTimes)),
    maxLoad,
    referenceMaxLoad,
  };
}
