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

export const MIN_YEARS_OF_EXPERIENCE = 5;

/** Art. 12 (2), (3): why the expert may not review; empty when qualified. */
export function qualificationFailures(expert: Expert): string[] {
  const reasons: string[] = [];
  if (expert.yearsOfExperience < MIN_YEARS_OF_EXPERIENCE)
    reasons.push(
      `不符合第十二条第（二）项：评审人员应具有五年以上的质量管理、专业技术工作经历，该专家为 ${expert.yearsOfExperience} 年`,
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
export function planAssignment(request: AssignmentRequest): AssignmentOutcome {
  const k = request.teamSize;
  const experts = [...request.experts].sort((a, b) => compareIds(a.id, b.id));
  const applications = [...request.applications].sort((a, b) => compareIds(a.id, b.id));

  const excluded: ExcludedExpert[] = [];
  const qualified: Expert[] = [];
  for (const expert of experts) {
    const reasons = qualificationFailures(expert);
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
  const build = (cap: number) => {
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
    qualified.forEach((_, e) => net.addEdge(1 + n + e, sink, cap, 0));
    return { net, sourceEdges, pairEdges };
  };
  const needed = n * k;

  // No expert reviews an application twice, so a cap of n never binds; staffing fails only if
  // some application lacks eligible experts, which was answered above. Guard anyway.
  const loose = build(Math.max(n, 1));
  if (loose.net.maxFlow(source, sink) < needed) {
    const unstaffed = applications.filter((_, a) => loose.net.residual(loose.sourceEdges[a]!) > 0);
    return infeasible(
      unstaffed.map((application) => application.id),
      `按第十二条评审人员资格条件和第二十六条回避规定，无法为以下申报各组成 ${k} 人评审组：${unstaffed.map((a) => a.id).join('、')}`,
    );
  }

  // Smallest load cap that still staffs every team: binary search, each probe a max-flow.
  let lo = q === 0 ? 0 : Math.ceil(needed / q);
  let hi = Math.max(n, lo);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (build(mid).net.maxFlow(source, sink) === needed) hi = mid;
    else lo = mid + 1;
  }

  // Under that cap, a min-cost max-flow where a non-matching pair costs 1 maximises the matches.
  const best = build(lo);
  const flow = best.net.minCostMaxFlow(source, sink);
  if (flow !== needed) throw new Error(`assignment flow ${flow} at cap ${lo}, expected ${needed}`);

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
// Flow network: Dinic for max-flow, successive shortest paths (SPFA) for min-cost max-flow.

class FlowNetwork {
  private readonly adjacency: number[][];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];

  constructor(private readonly size: number) {
    this.adjacency = Array.from({ length: size }, () => []);
  }

  /** Adds u→v with its residual twin v→u; returns the index of u→v. */
  addEdge(u: number, v: number, capacity: number, cost: number): number {
    const index = this.to.length;
    this.to.push(v, u);
    this.cap.push(capacity, 0);
    this.cost.push(cost, -cost);
    this.adjacency[u]!.push(index);
    this.adjacency[v]!.push(index + 1);
    return index;
  }

  residual(edge: number): number {
    return this.cap[edge]!;
  }

  maxFlow(s: number, t: number): number {
    let total = 0;
    for (;;) {
      const level = new Array<number>(this.size).fill(-1);
      level[s] = 0;
      const queue = [s];
      for (let head = 0; head < queue.length; head++) {
        const u = queue[head]!;
        for (const edge of this.adjacency[u]!) {
          const v = this.to[edge]!;
          if (this.cap[edge]! > 0 && level[v] === -1) {
            level[v] = level[u]! + 1;
            queue.push(v);
          }
        }
      }
      if (level[t] === -1) return total;
      const next = new Array<number>(this.size).fill(0);
      const push = (u: number, limit: number): number => {
        if (u === t) return limit;
        const edges = this.adjacency[u]!;
        for (; next[u]! < edges.length; next[u]!++) {
          const edge = edges[next[u]!]!;
          const v = this.to[edge]!;
          if (this.cap[edge]! > 0 && level[v] === level[u]! + 1) {
            const pushed = push(v, Math.min(limit, this.cap[edge]!));
            if (pushed > 0) {
              this.cap[edge]! -= pushed;
              this.cap[edge ^ 1]! += pushed;
              return pushed;
            }
          }
        }
        return 0;
      };
      for (let pushed = push(s, Infinity); pushed > 0; pushed = push(s, Infinity)) total += pushed;
    }
  }

  minCostMaxFlow(s: number, t: number): number {
    let total = 0;
    for (;;) {
      const dist = new Array<number>(this.size).fill(Infinity);
      const via = new Array<number>(this.size).fill(-1);
      const queued = new Array<boolean>(this.size).fill(false);
      dist[s] = 0;
      const queue = [s];
      queued[s] = true;
      for (let head = 0; head < queue.length; head++) {
        const u = queue[head]!;
        queued[u] = false;
        for (const edge of this.adjacency[u]!) {
          const v = this.to[edge]!;
          if (this.cap[edge]! > 0 && dist[u]! + this.cost[edge]! < dist[v]!) {
            dist[v] = dist[u]! + this.cost[edge]!;
            via[v] = edge;
            if (!queued[v]) {
              queued[v] = true;
              queue.push(v);
            }
          }
        }
      }
      if (dist[t] === Infinity) return total;
      let pushed = Infinity;
      for (let v = t; v !== s; v = this.to[via[v]! ^ 1]!) pushed = Math.min(pushed, this.cap[via[v]!]!);
      for (let v = t; v !== s; v = this.to[via[v]! ^ 1]!) {
        this.cap[via[v]!]! -= pushed;
        this.cap[via[v]! ^ 1]! += pushed;
      }
      total += pushed;
    }
  }
}
