import { z } from 'zod';
import { COMMITTEE } from '../../camunda/identity.js';
import { parseAwardList } from '../../domain/awards.js';
import {
  parseCommitteeRecusals,
  parseCommitteeVotes,
  tallyCommitteeVotes,
  type ApplicantTally,
  type CommitteeRecusal,
} from '../../domain/recusal.js';
import { recordAudit } from '../../store/audit.js';
import { recordStaffRecusal } from '../../store/recusals.js';
import type { EngineRest } from '../../camunda/rest.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const RECORD_DECISION_TOPIC = 'record-decision';

const BODIES = {
  committee: {
    name: '审定委员会',
    act: '审定（第九条第（三）项、第十八条第（七）项）',
    action: 'committee.decided',
  },
  government: { name: '区政府', act: '批准（第十八条第（七）项）', action: 'government.decided' },
} as const;

export const RecordDecisionInput = z.looseObject({
  decisionBody: z.enum(['committee', 'government'], {
    error: '参数 decisionBody 应为 committee 或 government',
  }),
});

interface CommitteeRecord {
  recusals: CommitteeRecusal[];
  tally: ApplicantTally[];
  names: Map<string, string>;
}

/**
 * Art. 26: the members' declarations of conflict (委员账号 | 申报编号 | 利害关系说明) and their votes
 * per applicant from the 审定 form; every member named must belong to the committee group, and a
 * recused member's vote on that applicant is not counted.
 */
async function committeeRecord(v: Record<string, unknown>, engine: EngineRest): Promise<CommitteeRecord> {
  const list = parseAwardList(v.awards);
  const awards = list.ok ? list.awards : [];
  const ids = awards.map((a) => a.applicationId);
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : '');
  const recusals = parseCommitteeRecusals(text('committeeRecusalsLines'), ids);
  if (!recusals.ok)
    throw new InputError(`委员回避声明（committeeRecusalsLines）：${recusals.problems.join('；')}`);
  const votes = parseCommitteeVotes(text('committeeVotesLines'), ids);
  if (!votes.ok) throw new InputError(`委员表决（committeeVotesLines）：${votes.problems.join('；')}`);
  const named = new Set([...recusals.items, ...votes.items].map((x) => x.member));
  if (named.size > 0) {
    const members = new Set(
      (await engine.get(`/user?memberOfGroup=${COMMITTEE}&maxResults=500`)).map((u) => u.id),
    );
    const strangers = [...named].filter((m) => !members.has(m));
    if (strangers.length > 0)
      throw new InputError(
        `委员回避声明或表决：${strangers.join('、')} 不是审定委员会委员（committeeRecusalsLines / committeeVotesLines，第二十六条）`,
      );
  }
  return {
    recusals: recusals.items,
    tally:
      votes.items.length > 0 || recusals.items.length > 0
        ? tallyCommitteeVotes(ids, votes.items, recusals.items)
        : [],
    names: new Map(awards.map((a) => [a.applicationId, a.applicantName])),
  };
}

/**
 * Art. 9 (3), 18 (7), 27: writes the committee's or the district government's decision on the list
 * (approve or return, the reasons, the deciding user that the task listener recorded) to the audit
 * trail, once per task execution. Art. 26: for the committee, also the members who recused from an
 * applicant (kept in staff_recusals) and the per-applicant votes without theirs.
 */
export const recordDecisionWorker = defineWorker({
  topic: RECORD_DECISION_TOPIC,
  title: '登记审定与批准结论',
  input: RecordDecisionInput,
  variables: [
    'decisionBody',
    'committeeDecision',
    'committeeDecidedBy',
    'committeeReasons',
    'governmentDecision',
    'governmentDecidedBy',
    'governmentReasons',
    // Art. 26: the 审定 form's list, the members' declarations and votes (committeeRecord)
    'awards',
    'committeeRecusalsLines',
    'committeeVotesLines',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const body = BODIES[input.decisionBody];
    const v = input as Record<string, unknown>;
    const decision = v[`${input.decisionBody}Decision`];
    const actor = v[`${input.decisionBody}DecidedBy`];
    const reasons = v[`${input.decisionBody}Reasons`];
    if (decision !== 'approve' && decision !== 'return')
      throw new InputError(`${body.name}的结论 ${input.decisionBody}Decision 应为 approve 或 return`);
    if (typeof actor !== 'string' || actor === '')
      throw new InputError(`缺少作出${body.act}的用户（${input.decisionBody}DecidedBy）`);
    const outcome = decision === 'approve' ? '同意' : '退回办公室';
    const committee = input.decisionBody === 'committee' ? await committeeRecord(v, deps.engine) : null;
    const recusedText = committee?.recusals.length
      ? `；回避（第二十六条）：${committee.recusals
          .map(
            (r) =>
              `委员 ${r.member} 回避 ${committee.names.get(r.applicationId) ?? ''}（${r.applicationId}）`,
          )
          .join('，')}`
      : '';
    const votesText = committee?.tally.some((t) => t.for + t.against + t.notCounted.length > 0)
      ? `；表决：${committee.tally
          .map(
            (t) =>
              `${t.applicationId} 同意 ${t.for}、不同意 ${t.against}${t.notCounted.length ? `（回避委员 ${t.notCounted.join('、')} 的表决不计入）` : ''}`,
          )
          .join('，')}`
      : '';
    await deps.db.transaction(async (tx) => {
      for (const r of committee?.recusals ?? [])
        await recordStaffRecusal(tx, {
          applicationKey: r.applicationId,
          userId: r.member,
          role: 'committee',
          reason: r.reason,
          taskName: '审定获奖建议名单',
          processInstanceId: ctx.processInstanceId,
        });
      await recordAudit(
        tx,
        {
          actor,
          action: body.action,
          subject: ctx.businessKey ?? ctx.processInstanceId,
          businessKey: ctx.businessKey,
          processInstanceId: ctx.processInstanceId,
          summary: `${body.name}${body.act}：${outcome}${recusedText}${votesText}`,
          details: {
            decision,
            reasons: typeof reasons === 'string' ? reasons : '',
            ...(committee ? { recusals: committee.recusals, votes: committee.tally } : {}),
          },
        },
        ctx.effectId('audit'),
      );
    });
    return complete();
  },
});
