// Art. 16, 18 (8), 19, 21, 25: what 发文公告 records for each winner — the registry title, the prize
// re-checked against its cap, the certificate's text (标明获奖年度) and the Art. 21 priority list.
import { z } from 'zod';
import { AwardEntry, type AwardList } from './awards.js';
import {
  AWARD_CATEGORY_NAMES,
  AWARD_CLASS_NAMES,
  type AwardCategory,
  type AwardClass,
  type PerAward,
} from './edition.js';
import { isCalendarDate } from './identifiers.js';

export { Executive } from './awards.js';

/** An award entry as record-awards reads it: the shared AwardEntry, executives included (Art. 21). */
export const RecordedAwardEntry = AwardEntry;
export type RecordedAwardEntry = AwardEntry;

/** Art. 2, 19: the title of an award as the registry and the certificate name it. */
export function awardTitle(awardClass: AwardClass, category: AwardCategory): string {
  return `宝山区${AWARD_CLASS_NAMES[awardClass]}（${AWARD_CATEGORY_NAMES[category]}）`;
}

/** Art. 19: the prize caps re-checked at recording; a prize above its cap (元). */
export function prizeAboveCap(
  award: Pick<AwardEntry, 'awardClass' | 'category' | 'prize'>,
  caps: PerAward,
): { cap: number } | undefined {
  const cap = caps[award.awardClass][award.category];
  return award.prize !== undefined && award.prize > cap ? { cap } : undefined;
}

/** Whose award it is in the registry: the 统一社会信用代码 of an organization, the 身份证号码 of a person. */
export function holderOf(
  award: Pick<AwardEntry, 'applicantKind' | 'creditCode' | 'idNumber'>,
): { creditCode: string } | { idNumber: string } | undefined {
  if (award.applicantKind === 'organization')
    return award.creditCode ? { creditCode: award.creditCode } : undefined;
  return award.idNumber ? { idNumber: award.idNumber } : undefined;
}

/** The announcement (发文) that makes the list final (Art. 18 (8)). */
export const Announcement = z.object({
  year: z.coerce
    .string()
    .trim()
    .regex(/^\d{4}$/, '获奖年度应为四位年份'),
  documentNumber: z.string().trim().min(1, '缺少区政府发文文号').max(100, '发文文号不超过 100 个字符'),
  documentDate: z.string().trim().refine(isCalendarDate, '发文日期应为有效日期（YYYY-MM-DD）'),
});
export type Announcement = z.infer<typeof Announcement>;

/** A date written the Chinese way: 2025年12月1日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The certificate's text (Art. 19: 证书标明获奖年度), line by line, in reading order. */
export function certificateText(
  award: AwardEntry,
  announcement: Announcement,
): {
  heading: string;
  recipient: string;
  body: string;
  awardLine: string;
  issuer: string;
  date: string;
  documentLine: string;
} {
  const title = awardTitle(award.awardClass, award.category);
  const work = award.category === 'model' ? '先进质量管理模式' : '先进质量管理成果';
  return {
    heading: '荣 誉 证 书',
    recipient: award.applicantName,
    body: `经上海市宝山区政府质量奖审定委员会审定、区政府批准，贵${
      award.applicantKind === 'organization' ? '单位' : '同志'
    }的${work}荣获`,
    awardLine: `${announcement.year}年度${title}`,
    issuer: '上海市宝山区人民政府',
    date: chineseDate(announcement.documentDate),
    documentLine: `发文文号：${announcement.documentNumber}`,
  };
}

/** The winner's notice e-mail that carries the certificate. */
export function winnerMail(award: AwardEntry, announcement: Announcement): { subject: string; text: string } {
  const title = awardTitle(award.awardClass, award.category);
  const prize =
    award.prize !== undefined ? `奖金人民币 ${award.prize.toLocaleString('zh-CN')} 元将另行发放。\n` : '';
  return {
    subject: `获奖通知：${announcement.year}年度${title}`,
    text:
      `${award.applicantName}：\n\n` +
      `经区政府质量奖审定委员会审定、公示无异议，区政府于 ${chineseDate(announcement.documentDate)} 发文（${announcement.documentNumber}）公告，` +
      `您荣获 ${announcement.year}年度${title}（第十八条第（八）项、第十九条）。\n` +
      prize +
      `获奖证书（标明获奖年度）见附件 PDF。\n\n` +
      `根据第二十三条，获奖后 3 年内请每年如实填写《宝山区政府质量奖质量绩效表》报送审定委员会办公室；` +
      `根据第二十四条，获奖称号可在形象宣传中使用并标明获奖年度，但不得用于产品宣传。\n` +
      `根据第二十一条，您的${award.category === 'model' ? '先进质量管理模式' : '先进质量管理成果'}将优先推荐申报上海市政府质量奖及各类质量荣誉。\n\n` +
      `宝山区政府质量奖审定委员会办公室`,
  };
}

/** Art. 21: the winners recommended with priority to the municipal award, as text for people. */
export function winnersText(awards: AwardList, announcement: Announcement): string {
  if (awards.length === 0)
    return `${announcement.year}年度区政府质量奖无获奖者（第七条：所有奖项均可空缺）。`;
  const order: AwardClass[] = ['district-head', 'gold'];
  const sorted = [...awards].sort(
    (a, b) =>
      order.indexOf(a.awardClass) - order.indexOf(b.awardClass) ||
      a.category.localeCompare(b.category) ||
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
  );
  const lines = sorted.map(
    (a, i) => `${i + 1}. ${a.applicantName}（${a.applicationId}）：${awardTitle(a.awardClass, a.category)}`,
  );
  return (
    `${announcement.year}年度区政府质量奖获奖名单（${announcement.documentNumber}，${chineseDate(announcement.documentDate)}）；` +
    `根据第二十一条优先推荐申报上海市政府质量奖及各类质量荣誉：\n${lines.join('\n')}`
  );
}
