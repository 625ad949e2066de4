// Art. 11, 12, 26: expert review teams (组长负责制) of qualified reviewers, with 回避, and balanced load.
import { z } from 'zod';
import { CreditCode, IdNumber } from './identifiers.js';

/** A Chinese message for a missing field or a value of the wrong type. */
const typeError = (label: string, kind: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `缺少${label}` : `${label}必须是${kind}`;

const text = (label: string) =>
  z
    .string({ error: typeError(label, '文本') })
    .trim()
    .min(1, { error: `${label}不能为空` });

// ---------------------------------------------------------------------------------------------
// Request

export const Expert = z.object(
  {
    id: text('专家编号'),
    name: text('专家姓名'),
    organizationCreditCode: CreditCode.optional(),
    idNumber: IdNumber.optional(),
    yearsOfExperience: z
      .number({ error: typeError('质量管理、专业技术工作年限', '数字') })
      .min(0, { error: '质量管理、专业技术工作年限不能为负数' }),
    trained: z.boolean({ error: typeError('是否接受过质量管理系统培训', 'true 或 false') }),
    specialties: z.array(text('专业领域'), { error: typeError('专业领域', '列表') }),
    /** Application ids the expert declared a conflict of interest with (Art. 26 主动回避). */
    conflicts: z.array(text('申报回避的申报编号'), { error: typeError('申报回避的申报编号', '列表') }),
  },
  { error: typeError('专家', '对象') },
);
export type Expert = z.infer<typeof Expert>;

export const ReviewApplication = z.object(
  {
    id: text('申报编号'),
    applicantName: text('申报组织或个人名称'),
    applicantCreditCode: CreditCode.optional(),
    applicantIdNumber: IdNumber.optional(),
    employerCreditCode: CreditCode.optional(),
    industry: text('所属行业'),
  },
  { error: typeError('申报', '对象') },
);
export type ReviewApplication = z.infer<typeof ReviewApplication>;

export const AssignmentRequest = z
  .object(
    {
      teamSize: z
        .number({ error: typeError('评审组人数', '数字') })
        .int({ error: '评审组人数必须是整数' })
        .positive({ error: '评审组人数必须大于 0' }),
      experts: z.array(Expert, { error: typeError('专家', '列表') }),
      applications: z.array(ReviewApplication, { error: typeError('申报', '列表') }),
    },
    { error: typeError('请求体', '对象') },
  )
  .superRefine(
    (request, ctx) => {
      // Runs even when other fields are invalid, so the value is read defensively.
      const refuseDuplicates = (list: unknown, field: 'experts' | 'applications', label: string) => {
        if (!Array.isArray(list)) return;
        const firstAt = new Map<string, number>();
        list.forEach((item: unknown, index) => {
          const id = (item as { id?: unknown } | null)?.id;
          if (typeof id !== 'string') return;
          const first = firstAt.get(id);
          if (first === undefined) firstAt.set(id, index);
          else
            ctx.addIssue({
              code: 'custom',
              path: [field, index, 'id'],
              message: `${label}“${id}”重复，已出现在 ${field}.${first}`,
            });
        });
      };
      refuseDuplicates(request?.experts, 'experts', '专家编号');
      refuseDuplicates(request?.applications, 'applications', '申报编号');
    },
    { when: () => true },
  );
export type AssignmentRequest = z.infer<typeof AssignmentRequest>;

// ---------------------------------------------------------------------------------------------
// Result

export interface ReviewTeam {
  applicationId: string;
  /** Expert ids, sorted. */
  reviewers: string[];
  /** Art. 11 组长: the most experienced reviewer of the team, ties by id. */
  lead: string;
}

export interface ExcludedExpert {
  expertId: string;
  reason: string;
}

/** The response body of POST /api/review/assignment-plan. */
export interface AssignmentPlan {
  teams: ReviewTeam[];
  /** Reviews per qualified expert, 0 included. */
  load: Record<string, number>;
  excluded: ExcludedExpert[];
}

export interface AssignmentInfeasible {
  /** The applications that cannot be staffed, sorted. */
  applications: string[];
  message: string;
}

export type AssignmentOutcome =
  { ok: true; plan: AssignmentPlan } | { ok: false; infeasible: AssignmentInfeasible };

// ---------------------------------------------------------------------------------------------
// Rules

/**
 * Art. 12 (二): the numbers of the reviewer rules, from the rules edition the cycle recorded (or, for an
 * API, the edition in force that day): a RulesEdition (domain/edition.ts) is one. No default: the five
 * years of the 2023 edition live only in editions/2023.json.
 */
export interface ReviewerRules {
  /** Art. 12 (二): the least years of quality-management or technical work of a reviewer. */
  expertMinYears: number;
}

/** Art. 12 (2), (3): why the expert may not review under the edition's rules; empty when qualified. */
export function qualificationFailures(expert: Expert, rules: ReviewerRules): string[] {
  const reasons: string[] = [];
  if (expert.yearsOfExperience < rules.expertMinYears)
    reasons.push(
      `不符合第十二条第（二）项：评审人员应具有 ${rules.expertMinYears} 年以上的质量管理、专业技术工作经历，该专家为 ${expert.yearsOfExperience} 年`,
    );
  if (!expert.trained)
    reasons.push('不符合第十二条第（三）项：评审人员应接受过质量管理相关知识的系统培训，该专家未接受培训');
  return reasons;
}

/** Art. 26: why the expert must 回避 the application; null when there is no conflict of interest. */
export function conflictOfInterest(expert: Expert, application: ReviewApplication): string | null {
  const org = expert.organizationCreditCode;
  if (org !== undefined && org === application.applicantCreditCode)
    return '第二十六条回避：专家所在单位即申报组织';
  if (org !== undefined && org === application.employerCreditCode)
    return '第二十六条回避：专家所在单位即申报个人所在单位';
  if (expert.idNumber !== undefined && expert.idNumber === application.applicantIdNumber)
    return '第二十六条回避：专家本人即申报人';
  if (expert.conflicts.includes(application.id)) return '第二十六条回避：专家已主动申报回避';
  return null;
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Art. 11, 12, 26: one team of exactly teamSize distinct qualified, conflict-free reviewers per
 * application. The largest load is the smallest any valid plan allows; under that, the number of
 * reviewers whose specialties include the application's industry is the largest possible.
 * The outcome depends only on the content of the request, not on the order of its lists.
 */
export function planAssignment(request: AssignmentRequest, rules: ReviewerRules): AssignmentOutcome {
  const k = request.teamSize;
  const experts = [...request.experts].sort((a, b) => compareIds(a.id, b.id));
  const applications = [...request.applications].sort((a, b) => compareIds(a.id, b.id));

  const excluded: ExcludedExpert[] = [];
  const qualified: Expert[] = [];
  for (const expert of experts) {
    const reasons = qualificationFailures(expert, rules);
    if (reasons.length > 0) excluded.push({ expertId: expert.id, reason: reasons.join('；') });
    else qualified.push(expert);
  }

  const eligible = applications.map((application) =>
    qualified.flatMap((expert, e) => (conflictOfInterest(expert, application) === null ? [e] : [])),
  );
  const understaffed = applications.flatMap((application, a) =>
    eligible[a]!.length < k ? [{ id: application.id, available: eligible[a]!.length }] : [],
  );
  if (understaffed.length > 0)
    return infeasible(
      understaffed.map((u) => u.id),
      `按第十二条评审人员资格条件和第二十六条回避规定，以下申报可担任评审的专家不足评审组所需的 ${k} 人，无法组成评审组：${understaffed
        .map((u) => `${u.id}（可担任评审的专家 ${u.available} 人）`)
        .join('、')}`,
    );

  const n = applications.length;
  const q = qualified.length;
  // Nodes: source 0, applications 1..n, qualified experts n+1..n+q, sink n+q+1.
  const source = 0;
  const sink = n + q + 1;
  const net = new FlowNetwork(n + q + 2);
  const sourceEdges = applications.map((_, a) => net.addEdge(source, 1 + a, k, 0));
  const pairEdges = applications.map((application, a) =>
    eligible[a]!.map((e) => ({
      e,
      edge: net.addEdge(
        1 + a,
        1 + n + e,
        1,
        qualified[e]!.specialties.includes(application.industry) ? 0 : 1,
      ),
    })),
  );
  const sinkEdges = qualified.map((_, e) => net.addEdge(1 + n + e, sink, 0, 0));
  const needed = n * k;

  // Smallest load cap that still staffs every team: a binary search on the cap where each probe
  // continues from the flow of the largest cap known to be too small (a flow valid under a smaller cap
  // stays valid under a larger one), so the probes together push about one max-flow's worth of units.
  // No expert reviews an application twice, so a cap of n never binds.
  let lo = q === 0 ? 0 : Math.ceil(needed / q);
  let hi = Math.max(n, lo);
  let base = net.snapshot(); // zero flow: valid under every cap
  let baseFlow = 0;
  const probe = (cap: number): number => {
    net.restore(base);
    for (const edge of sinkEdges) net.setCapacity(edge, cap);
    return baseFlow + net.maxFlow(source, sink);
  };
  const atHi = probe(hi);
  if (atHi < needed) {
    const unstaffed = applications.filter((_, a) => net.residual(sourceEdges[a]!) > 0);
    return infeasible(
      unstaffed.map((application) => application.id),
      `按第十二条评审人员资格条件和第二十六条回避规定，无法为以下申报各组成 ${k} 人评审组：${unstaffed.map((a) => a.id).join('、')}`,
    );
  }
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const flow = probe(mid);
    if (flow === needed) hi = mid;
    else {
      lo = mid + 1;
      base = net.snapshot();
      baseFlow = flow;
    }
  }

  // Under that cap, a min-cost max-flow where a non-matching pair costs 1 maximises the matches:
  // primal-dual (Dijkstra with potentials, then Dinic on the zero-reduced-cost edges per phase).
  net.restore(net.initial);
  for (const edge of sinkEdges) net.setCapacity(edge, lo);
  const flow = net.minCostMaxFlow(source, sink);
  if (flow !== needed) throw new Error(`assignment flow ${flow} at cap ${lo}, expected ${needed}`);
  const best = { net, pairEdges };

  const load: Record<string, number> = Object.fromEntries(qualified.map((expert) => [expert.id, 0]));
  const teams = applications.map((application, a) => {
    const members = best.pairEdges[a]!.filter(({ edge }) => best.net.residual(edge) === 0).map(
      ({ e }) => qualified[e]!,
    );
    for (const member of members) load[member.id] = load[member.id]! + 1;
    const lead = [...members].sort(
      (x, y) => y.yearsOfExperience - x.yearsOfExperience || compareIds(x.id, y.id),
    )[0]!;
    return {
      applicationId: application.id,
      reviewers: members.map((member) => member.id).sort(compareIds),
      lead: lead.id,
    };
  });
  return { ok: true, plan: { teams, load, excluded } };
}

function infeasible(applications: string[], message: string): AssignmentOutcome {
  return { ok: false, infeasible: { applications, message } };
}

// ---------------------------------------------------------------------------------------------
// Flow network: Dinic for max-flow (resumable from any valid flow), primal-dual for min-cost max-flow.

interface FlowSnapshot {
  cap: Int32Array;
}

class FlowNetwork {
  private readonly adjacency: number[][];
  private readonly to: number[] = [];
  private capList: number[] = [];
  private readonly costList: number[] = [];
  private cap = new Int32Array(0);
  private cost = new Int32Array(0);
  private frozen = false;
  /** The capacities as built (no flow). */
  initial: FlowSnapshot = { cap: new Int32Array(0) };

  constructor(private readonly size: number) {
    this.adjacency = Array.from({ length: size }, () => []);
  }

  /** Adds u→v with its residual twin v→u; returns the index of u→v. */
  addEdge(u: number, v: number, capacity: number, cost: number): number {
    if (this.frozen) throw new Error('edges are added before the first flow');
    const index = this.to.length;
    this.to.push(v, u);
    this.capList.push(capacity, 0);
    this.costList.push(cost, -cost);
    this.adjacency[u]!.push(index);
    this.adjacency[v]!.push(index + 1);
    return index;
  }

  private freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    this.cap = Int32Array.from(this.capList);
    this.cost = Int32Array.from(this.costList);
    this.initial = { cap: this.cap.slice() };
  }

  snapshot(): FlowSnapshot {
    this.freeze();
    return { cap: this.cap.slice() };
  }

  restore(snapshot: FlowSnapshot): void {
    this.freeze();
    this.cap.set(snapshot.cap);
  }

  /** Sets the capacity of u→v, keeping its current flow (which must not exceed the new capacity). */
  setCapacity(edge: number, capacity: number): void {
    this.freeze();
    const flow = this.cap[edge ^ 1]!;
    if (flow > capacity) throw new Error(`capacity ${capacity} below the flow ${flow}`);
    this.cap[edge] = capacity - flow;
  }

  residual(edge: number): number {
    this.freeze();
    return this.cap[edge]!;
  }

  /** Augments the current flow to a maximum one; returns the units added. */
  maxFlow(s: number, t: number): number {
    this.freeze();
    return this.blockingFlows(s, t, () => true);
  }

  /** Dinic phases over the edges `usable` admits; returns the units pushed. */
  private blockingFlows(
    s: number,
    t: number,
    usable: (edge: number, u: number, v: number) => boolean,
  ): number {
    const { cap, to, adjacency, size } = this;
    let total = 0;
    const level = new Int32Array(size);
    const next = new Int32Array(size);
    const queue = new Int32Array(size);
    for (;;) {
      level.fill(-1);
      level[s] = 0;
      queue[0] = s;
      let tail = 1;
      for (let head = 0; head < tail; head++) {
        const u = queue[head]!;
        for (const edge of adjacency[u]!) {
          const v = to[edge]!;
          if (cap[edge]! > 0 && level[v] === -1 && usable(edge, u, v)) {
            level[v] = level[u]! + 1;
            queue[tail++] = v;
          }
        }
      }
      if (level[t] === -1) return total;
      next.fill(0);
      const push = (u: number, limit: number): number => {
        if (u === t) return limit;
        const edges = adjacency[u]!;
        for (; next[u]! < edges.length; next[u]!++) {
          const edge = edges[next[u]!]!;
          const v = to[edge]!;
          if (cap[edge]! > 0 && level[v] === level[u]! + 1 && usable(edge, u, v)) {
            const pushed = push(v, Math.min(limit, cap[edge]!));
            if (pushed > 0) {
              cap[edge]! -= pushed;
              cap[edge ^ 1]! += pushed;
              return pushed;
            }
          }
        }
        return 0;
      };
      for (let pushed = push(s, Infinity); pushed > 0; pushed = push(s, Infinity)) total += pushed;
    }
  }

  /**
   * Min-cost max-flow from the current (zero-cost-optimal, here: empty) flow with nonnegative costs:
   * each phase finds shortest distances with Dijkstra on reduced costs, then saturates every
   * shortest path at once with Dinic on the zero-reduced-cost edges.
   */
  minCostMaxFlow(s: number, t: number): number {
    this.freeze();
    const { cap, cost, to, adjacency, size } = this;
    const potential = new Float64Array(size);
    const dist = new Float64Array(size);
    let total = 0;
    for (;;) {
      dist.fill(Infinity);
      dist[s] = 0;
      const heap = new MinHeap();
      heap.push(0, s);
      while (heap.size > 0) {
        const [d, u] = heap.pop();
        if (d > dist[u]!) continue;
        for (const edge of adjacency[u]!) {
          if (cap[edge]! <= 0) continue;
          const v = to[edge]!;
          const nd = d + cost[edge]! + potential[u]! - potential[v]!;
          if (nd < dist[v]!) {
            dist[v] = nd;
            heap.push(nd, v);
          }
        }
      }
      if (dist[t] === Infinity) return total;
      for (let v = 0; v < size; v++) if (dist[v]! < Infinity) potential[v]! += dist[v]!;
      total += this.blockingFlows(s, t, (edge, u, v) => cost[edge]! + potential[u]! - potential[v]! === 0);
    }
  }
}

/** A binary min-heap of (key, node) pairs. */
class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, node: number): void {
    const { keys, nodes } = this;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  pop(): [number, number] {
    const { keys, nodes } = this;
    const top: [number, number] = [keys[0]!, nodes[0]!];
    const lastKey = keys.pop()!;
    const lastNode = nodes.pop()!;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1]! < keys[child]!) child += 1;
        if (keys[child]! >= lastKey) break;
        keys[i] = keys[child]!;
        nodes[i] = nodes[child]!;
        i = child;
      }
      keys[i] = lastKey;
      nodes[i] = lastNode;
    }
    return top;
  }
}
