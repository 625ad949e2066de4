// Art. 7, 18 (6)-(8), 19, 21: the cycle's award list as it travels through the decision phase —
// proposed (建议名单), adjusted by the office, checked, approved, published, announced and recorded.
import { z } from 'zod';
import { QuotaAward } from './quota.js';

/** A person an organization's entry names as an executive (高层管理人员), proposed to the pool (Art. 21). */
export const Executive = z.object({
  name: z.string().trim().min(1),
  idNumber: z.string().trim().optional(),
  email: z.string().trim().optional(),
  position: z.string().trim().optional(),
});
export type Executive = z.infer<typeof Executive>;

/** One award of the list: the quota-check fields plus who the winner is and how to reach them. */
export const AwardEntry = QuotaAward.extend({
  applicantName: z.string({ error: '获奖者名称必须是文本' }).trim().min(1, { error: '获奖者名称不能为空' }),
  applicantKind: z.enum(['organization', 'individual'], {
    error: '申报类型必须是 organization 或 individual',
  }),
  /** Organizations: 统一社会信用代码; individuals: 居民身份证号码 (one of the two). */
  creditCode: z.string().optional(),
  idNumber: z.string().optional(),
  email: z.string().optional(),
  /** The 综合评价 rank and score the proposal was made from (shown, not checked). */
  rank: z.number().int().optional(),
  score: z.number().optional(),
  /** Art. 21: executives of a winning organization whom the office proposes to the expert pool. */
  executives: z.array(Executive).optional(),
});
export type AwardEntry = z.infer<typeof AwardEntry>;

/** The whole list; an application appears at most once (Art. 7 counts each award once). */
export const AwardList = z.array(AwardEntry, { error: '获奖名单必须是列表' });
export type AwardList = z.infer<typeof AwardList>;

/** An application the office may put on the list: who it is, without a class or prize yet. */
export type AwardCandidate = Omit<AwardEntry, 'awardClass' | 'category' | 'prize'>;

const CLASS_WORDS: Record<string, AwardEntry['awardClass']> = {
  区长质量奖: 'district-head',
  区长奖: 'district-head',
  'district-head': 'district-head',
  质量金奖: 'gold',
  金奖: 'gold',
  gold: 'gold',
};
const CLASS_LABEL: Record<AwardEntry['awardClass'], string> = {
  'district-head': '区长质量奖',
  gold: '质量金奖',
};

/** The header the office sees above the editable lines. */
export const AWARD_LINES_HEADER =
  '# 每行一项：申报编号 | 奖项等级（区长质量奖 / 质量金奖） | 奖金（元） | 名称（仅供核对）；删除一行即不授奖';

/** Art. 7, 19: the list as the lines the office edits in Tasklist (one award per line). */
export function formatAwardLines(awards: readonly AwardEntry[]): string {
  return [
    AWARD_LINES_HEADER,
    ...awards.map((a) =>
      [a.applicationId, CLASS_LABEL[a.awardClass], a.prize ?? '', a.applicantName].join(' | '),
    ),
  ].join('\n');
}

/** Two texts of lines are the same list when they differ only in blanks. */
export const sameAwardLines = (a: string, b: string): boolean =>
  a.replace(/[ \t\r]+/g, '').trim() === b.replace(/[ \t\r]+/g, '').trim();

/**
 * Art. 2, 7, 19: reads the office's lines back into the list. Each application must be one of the
 * known candidates (the 综合评价 ranking); its category follows its kind (Art. 2: organizations
 * `model`, individuals `achievement`), and its other facts (contacts, executives) come from the
 * candidate. Every problem names its line.
 */
export function parseAwardLines(
  text: string,
  known: readonly AwardCandidate[],
): { ok: true; awards: AwardList } | { ok: false; problems: string[] } {
  const byId = new Map<string, AwardCandidate>();
  for (const k of known) {
    if (!byId.has(k.applicationId)) byId.set(k.applicationId, k);
    const short = k.applicationId.split('/').pop()!;
    if (!byId.has(short)) byId.set(short, k);
  }
  const awards: AwardList = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = `第 ${index + 1} 行`;
    const [id = '', klass = '', prize = ''] = line.split(/[|｜]/).map((c) => c.trim());
    const candidate = byId.get(id);
    if (!candidate) {
      problems.push(`${at}：申报编号“${id}”不在综合评价名单中`);
      return;
    }
    const awardClass = CLASS_WORDS[klass];
    if (!awardClass) {
      problems.push(`${at}：奖项等级“${klass}”应为“区长质量奖”或“质量金奖”（第七条）`);
      return;
    }
    const amount = prize.replace(/[,，\s]|元$/g, '');
    if (!/^\d{1,9}$/.test(amount)) {
      problems.push(`${at}：奖金“${prize}”应为不带小数的元数（第十九条）`);
      return;
    }
    const { executives, ...facts } = candidate;
    awards.push({
      ...facts,
      applicationId: candidate.applicationId,
      category: candidate.applicantKind === 'organization' ? 'model' : 'achievement',
      awardClass,
      prize: Number(amount),
      ...(executives ? { executives } : {}),
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, awards };
}

/** A Json process variable arrives parsed or, from some clients, as its JSON text. */
export const jsonValue = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

/** The award list of a variable, or the problems that keep it from being one (in Chinese). */
export function parseAwardList(
  value: unknown,
): { ok: true; awards: AwardList } | { ok: false; problems: string[] } {
  const parsed = AwardList.safeParse(jsonValue(value ?? []));
  if (parsed.success) return { ok: true, awards: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map(
      (i) => `获奖名单第 ${Number(i.path[0] ?? 0) + 1} 项 ${i.path.slice(1).join('.')}：${i.message}`,
    ),
  };
}
