// Art. 26: people who work on the award — not only experts — declare conflicts of interest (利害关系)
// with an applicant and recuse. Pure functions for the office clerks' list of recused people and the
// committee's per-applicant declarations and votes.

/** The recused people of an application as kept in the engine variable `recusedStaff` (a JSON array). */
export function recusedList(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string'))
    throw new Error('变量 recusedStaff 应为用户编号的 JSON 数组');
  return parsed;
}

// Art. 26: a recused person is added once; the order of declaration is kept.
export function withRecused(value: unknown, userId: string): string {
  const list = recusedList(value);
  return JSON.stringify(list.includes(userId) ? list : [...list, userId]);
}

// Art. 26: the clerks of the office who may still work the application (members minus the recused).
export function remainingStaff(members: readonly string[], recused: readonly string[]): string[] {
  return members.filter((m) => !recused.includes(m));
}

export interface CommitteeRecusal {
  member: string;
  applicationId: string;
  reason: string;
}

export interface CommitteeVote {
  member: string;
  applicationId: string;
  vote: 'for' | 'against';
}

const VOTE_WORDS: Record<string, CommitteeVote['vote']> = {
  同意: 'for',
  赞成: 'for',
  不同意: 'against',
  反对: 'against',
};

type Parsed<T> = { ok: true; items: T[] } | { ok: false; problems: string[] };

/** Matches a line's application id to one on the list (the full `cycle-YYYY/ID` or the short ID). */
function resolver(applicationIds: readonly string[]) {
  return (id: string) => applicationIds.find((a) => a === id || a.split('/').pop() === id) ?? null;
}

function lines(text: string | null | undefined): { at: string; cells: string[] }[] {
  return (text ?? '')
    .split('\n')
    .map((raw, index) => ({ raw: raw.trim(), index }))
    .filter((l) => l.raw !== '' && !l.raw.startsWith('#'))
    .map((l) => ({ at: `第 ${l.index + 1} 行`, cells: l.raw.split(/[|｜]/).map((c) => c.trim()) }));
}

// Art. 26: the committee's declarations, one line each: 委员账号 | 申报编号 | 利害关系说明.
export function parseCommitteeRecusals(
  text: string | null | undefined,
  applicationIds: readonly string[],
): Parsed<CommitteeRecusal> {
  const resolve = resolver(applicationIds);
  const items: CommitteeRecusal[] = [];
  const problems: string[] = [];
  for (const { at, cells } of lines(text)) {
    const [member = '', id = '', reason = ''] = cells;
    const applicationId = resolve(id);
    if (member === '') problems.push(`回避声明${at}：缺少委员账号（第二十六条）`);
    else if (!applicationId) problems.push(`回避声明${at}：申报编号“${id}”不在获奖建议名单中（第二十六条）`);
    else if (reason.length < 2) problems.push(`回避声明${at}：请写明与申报者的利害关系（第二十六条）`);
    else if (!items.some((r) => r.member === member && r.applicationId === applicationId))
      items.push({ member, applicationId, reason });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items };
}

// Art. 9 (3), 26: the members' votes per applicant, one line each: 委员账号 | 申报编号 | 同意/不同意.
export function parseCommitteeVotes(
  text: string | null | undefined,
  applicationIds: readonly string[],
): Parsed<CommitteeVote> {
  const resolve = resolver(applicationIds);
  const items: CommitteeVote[] = [];
  const problems: string[] = [];
  for (const { at, cells } of lines(text)) {
    const [member = '', id = '', word = ''] = cells;
    const applicationId = resolve(id);
    const vote = VOTE_WORDS[word];
    if (member === '') problems.push(`表决${at}：缺少委员账号`);
    else if (!applicationId) problems.push(`表决${at}：申报编号“${id}”不在获奖建议名单中`);
    else if (!vote) problems.push(`表决${at}：表决意见“${word}”应为“同意”或“不同意”`);
    else if (items.some((v) => v.member === member && v.applicationId === applicationId))
      problems.push(`表决${at}：委员 ${member} 对 ${id} 已表决一次`);
    else items.push({ member, applicationId, vote });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items };
}

export interface ApplicantTally {
  applicationId: string;
  for: number;
  against: number;
  /** Members who declared a conflict with this applicant (Art. 26). */
  recused: string[];
  /** Recused members whose vote on this applicant was given and not counted (Art. 26). */
  notCounted: string[];
}

// Art. 26: a member who declared a conflict with an applicant is not counted in that applicant's votes.
export function tallyCommitteeVotes(
  applicationIds: readonly string[],
  votes: readonly CommitteeVote[],
  recusals: readonly CommitteeRecusal[],
): ApplicantTally[] {
  return applicationIds.map((applicationId) => {
    const recused = recusals.filter((r) => r.applicationId === applicationId).map((r) => r.member);
    const mine = votes.filter((v) => v.applicationId === applicationId);
    const counted = mine.filter((v) => !recused.includes(v.member));
    return {
      applicationId,
      for: counted.filter((v) => v.vote === 'for').length,
      against: counted.filter((v) => v.vote === 'against').length,
      recused,
      notCounted: mine.filter((v) => recused.includes(v.member)).map((v) => v.member),
    };
  });
}
