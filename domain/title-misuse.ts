// Art. 24: use of the award title — image publicity with the award year is allowed; publicity that
// leaves the award year out, product publicity and the mark or title on products or packaging are
// not, and the office orders a correction within a deadline.
import { z } from 'zod';
import { parseDuration, shiftInstant } from './post-award.js';

export const MISUSE_KINDS = ['product', 'packaging', 'advertising', 'no-award-year'] as const;
export type MisuseKind = (typeof MISUSE_KINDS)[number];

/** Art. 24: what was misused, in the words of the article. */
export const MISUSE_KIND_NAMES: Readonly<Record<MisuseKind, string>> = {
  product: '在产品上标注质量奖标志或获奖称号',
  packaging: '在包装上标注质量奖标志或获奖称号',
  advertising: '将获奖称号用于产品宣传',
  // Art. 24 allows the title in image publicity only "并标明获奖年度": without the year it is misuse too.
  'no-award-year': '使用获奖称号未标明获奖年度',
};

/** An ISO 8601 date-only duration such as P15D or P1M (a BPMN parameter). */
export const CorrectionPeriod = z
  .string()
  .refine((s) => parseDuration(s) !== undefined, '整改期限应为 ISO 8601 期限，例如 P15D、P1M');

/** Art. 24 (限期改正): the last day of the correction period that starts on `orderedOn`. */
export function correctionDueDate(orderedOn: string, period: string): string {
  return shiftInstant(new Date(`${orderedOn}T00:00:00Z`), period)
    .toISOString()
    .slice(0, 10);
}

/** The moment the office checks the correction: the end of the due day's office hours in Shanghai. */
export function correctionCheckAt(dueDate: string): string {
  return `${dueDate}T17:00:00+08:00`;
}

/** Art. 24: the text of the order (责令限期改正) to the holder. */
export function correctionOrderText(v: {
  holderName: string;
  misuseKind: MisuseKind;
  evidence: string;
  requirements: string;
  dueDate: string;
  caseKey: string | null;
}): string {
  return [
    `${v.holderName}：`,
    '',
    `经核查，你单位（你）存在${MISUSE_KIND_NAMES[v.misuseKind]}的情形：${v.evidence}`,
    '',
    '根据《上海市宝山区政府质量奖管理办法》第二十四条，获奖组织和个人可在形象宣传中使用该称号并标明获奖年度，',
    '但不得用于产品宣传，不得在产品或包装上标注质量奖标志或获奖称号。',
    `现责令你单位（你）于 ${v.dueDate} 前改正：${v.requirements}`,
    '逾期未改正的，审定委员会办公室将提请审定委员会处理。',
    '',
    `编号：${v.caseKey ?? ''}`,
    '',
    '宝山区政府质量奖审定委员会办公室',
  ].join('\n');
}
