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
