import { z } from 'zod';
import { REVOCATION_REASON_NAMES, REVOCATION_REASONS } from '../../domain/post-award.js';
import { findUnit, recommenderGroup } from '../../domain/units.js';

// Texts of the notices sent to applicants, in Chinese, each naming the article that applies.

// Art. 2: an organization applies for the 先进质量管理模式, an individual for the 先进质量管理成果.
const CATEGORY = { organization: '先进质量管理模式', individual: '先进质量管理成果' } as const;

const Recommendation = z.object({
  applicantName: z.string().min(1),
  applicantEmail: z.email(),
  applicantKind: z.enum(['organization', 'individual']),
  recommendingUnit: z.string().refine((id) => findUnit(id) !== undefined, '不是已登记的推荐单位'),
  recommendationOpinion: z.string().default(''),
});
const unitName = (id: string) => findUnit(id)?.name ?? id;

const Review = z.object({
  applicantName: z.string().min(1),
  applicantEmail: z.email(),
  applicantKind: z.enum(['organization', 'individual']),
  eligibilityFailureCount: z.coerce.number().int().min(0),
  eligibilityFindingsText: z.string(),
  reviewReasons: z.string().min(1, '审查意见不能为空'),
});

// Art. 23 and 25: notices to award winners after the award.
const PerformanceRequest = z.object({
  holderName: z.string().min(1),
  holderEmail: z.email(),
  awardYear: z.coerce.number().int(),
  holderKey: z.string().min(1),
  reportPeriod: z.coerce.number().int().min(1),
  reportYear: z.coerce.number().int(),
  dueDate: z.string().min(1),
  /** Issue 16: the holder's secret link to the form (set by the notify worker, never a process variable). */
  reportLink: z.url(),
});
/** The templates whose e-mail carries the holder's secret 质量绩效表 link. */
export const REPORT_LINK_TEMPLATES = ['performance-report-request', 'performance-report-reminder'] as const;
const performanceLines = (v: z.infer<typeof PerformanceRequest>, key: string | null) => [
  `请于 ${v.dueDate} 前填写第 ${v.reportPeriod} 期（${v.reportYear} 年度）《宝山区政府质量奖质量绩效表》，`,
  '请打开您的专属报送链接在线填写（链接仅供贵单位/您本人使用，请勿转发）：',
  v.reportLink,
  `（也可调用本平台接口 POST /api/performance-reports，token 为上述链接中的 token 参数；holderKey 为 ${v.holderKey}，`,
  `awardYear 为 ${v.awardYear}，period 为 ${v.reportPeriod}。）`,
  '亦可将纸质表报送审定委员会办公室代为登记。',
  '',
  `编号：${key ?? ''}`,
  '',
  '宝山区政府质量奖审定委员会办公室',
];

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** A small count as the 办法 writes it (三年); larger ones in digits. */
const chineseCount = (n: number): string => CN_DIGITS[n] ?? String(n);

const RevocationNotice = z.object({
  holderName: z.string().min(1),
  holderEmail: z.email(),
  awardYear: z.coerce.number().int(),
  awardTitle: z.string().nullish(),
  revocationReason: z.enum(REVOCATION_REASONS),
  revocationDescription: z.string().min(1),
  revokedOn: z.string().min(1),
  banEndsOn: z.string().min(1),
  /** Art. 25: the ban's years, from the parameter of the revocation (record-revocation sets it). */
  revocationBanYears: z.coerce.number().int().min(0),
  /** The unit that recommended the award (record-revocation finds it; none for imported awards). */
  recommendingUnit: z.string().nullish(),
});

export interface RenderedMail {
  to: string[];
  subject: string;
  text: string;
}

/** The same notice for the members of a Camunda group (their e-mail addresses found when sending). */
export interface GroupCopy {
  group: string;
  subject: string;
  text: string;
}

interface Template<S extends z.ZodType> {
  input: S;
  render(v: z.infer<S>, businessKey: string | null): RenderedMail;
  /** Copies of the notice to groups (e.g. Art. 25: the recommending unit and the committee). */
  copies?(v: z.infer<S>, businessKey: string | null): GroupCopy[];
}

const define = <S extends z.ZodType>(t: Template<S>) => t;

type RevocationVars = z.infer<typeof RevocationNotice>;
const revocationSubject = (v: RevocationVars) =>
  `【宝山区政府质量奖】通报批评：取消${v.holderName}的区政府质量奖荣誉资格`;
/** Art. 25: the 通报批评 text, addressed to the holder, its recommending unit or the committee. */
const revocationText = (v: RevocationVars, key: string | null, greeting: string, whose: string) =>
  [
    greeting,
    '',
    `经审定委员会报请区政府批准，根据《办法》第二十五条，取消${whose} ${v.awardYear} 年度${v.awardTitle ? `“${v.awardTitle}”` : '宝山区政府质量奖'}荣誉资格，`,
    '收回奖牌、证书和奖金，并予以通报批评。',
    '',
    `事由：${REVOCATION_REASON_NAMES[v.revocationReason]}`,
    `情况说明：${v.revocationDescription}`,
    `取消日期：${v.revokedOn}`,
    `自取消之日起${chineseCount(v.revocationBanYears)}年内不再受理其申请，${v.banEndsOn} 起方可重新申报。`,
    `编号：${key ?? ''}`,
    '',
    '宝山区政府质量奖审定委员会办公室',
  ].join('\n');

export const TEMPLATES = {
  'recommendation-approved': define({
    input: Recommendation,
    render: (v, key) => ({
      to: [v.applicantEmail],
      subject: `【宝山区政府质量奖】申报已获推荐：${v.applicantName}`,
      text: [
        `${v.applicantName}：`,
        '',
        `您申报的宝山区政府质量奖（${CATEGORY[v.applicantKind]}）已由${unitName(v.recommendingUnit)}签署推荐意见，`,
        '申报材料已报送审定委员会办公室，下一步将进行资格审查（《办法》第十八条第（三）项）。',
        '',
        `推荐意见：${v.recommendationOpinion || '（无）'}`,
        `申报编号：${key ?? ''}`,
        '',
        '宝山区政府质量奖审定委员会办公室',
      ].join('\n'),
    }),
  }),
  'recommendation-refused': define({
    input: Recommendation,
    render: (v, key) => ({
      to: [v.applicantEmail],
      subject: `【宝山区政府质量奖】申报未获推荐：${v.applicantName}`,
      text: [
        `${v.applicantName}：`,
        '',
        `您申报的宝山区政府质量奖（${CATEGORY[v.applicantKind]}）未获${unitName(v.recommendingUnit)}推荐。`,
        '根据《办法》第十八条第（二）项，申报须经所在街镇（园区）或主管部门签署推荐意见后报送，本次申报到此结束。',
        '',
        `推荐单位意见：${v.recommendationOpinion || '（无）'}`,
        `申报编号：${key ?? ''}`,
        '',
        '宝山区政府质量奖审定委员会办公室',
      ].join('\n'),
    }),
  }),
  'eligibility-accepted': define({
    input: Review,
    render: (v, key) => ({
      to: [v.applicantEmail],
      subject: `【宝山区政府质量奖】申报已正式受理：${v.applicantName}`,
      text: [
        `${v.applicantName}：`,
        '',
        `您申报的宝山区政府质量奖（${CATEGORY[v.applicantKind]}）已通过审定委员会办公室的资格审查，正式受理`,
        '（《办法》第十八条第（三）项）。下一步将组织评审专家组进行资料评审（第十八条第（四）项）。',
        '',
        `审查意见：${v.reviewReasons}`,
        `申报编号：${key ?? ''}`,
        '',
        '宝山区政府质量奖审定委员会办公室',
      ].join('\n'),
    }),
  }),
  'eligibility-rejected': define({
    input: Review,
    render: (v, key) => ({
      to: [v.applicantEmail],
      subject: `【宝山区政府质量奖】申报未通过资格审查：${v.applicantName}`,
      text: [
        `${v.applicantName}：`,
        '',
        `您申报的宝山区政府质量奖（${CATEGORY[v.applicantKind]}）未通过审定委员会办公室的资格审查，不予受理`,
        '（《办法》第十八条第（三）项）。',
        '',
        ...(v.eligibilityFailureCount > 0 ? ['不符合的条款：', v.eligibilityFindingsText, ''] : []),
        `审查意见：${v.reviewReasons}`,
        `申报编号：${key ?? ''}`,
        '',
        '宝山区政府质量奖审定委员会办公室',
      ].join('\n'),
    }),
  }),
  'performance-report-request': define({
    input: PerformanceRequest,
    render: (v, key) => ({
      to: [v.holderEmail],
      subject: `【宝山区政府质量奖】请报送质量绩效表（第 ${v.reportPeriod} 期）：${v.holderName}`,
      text: [
        `${v.holderName}：`,
        '',
        `根据《办法》第二十三条，获奖组织和个人获奖后 3 年内，应每年如实填写《宝山区政府质量奖质量绩效表》，`,
        `报送审定委员会办公室。您于 ${v.awardYear} 年度获得宝山区政府质量奖。`,
        ...performanceLines(v, key),
      ].join('\n'),
    }),
  }),
  'performance-report-reminder': define({
    input: PerformanceRequest,
    render: (v, key) => ({
      to: [v.holderEmail],
      subject: `【宝山区政府质量奖】提醒：质量绩效表即将到期（第 ${v.reportPeriod} 期）：${v.holderName}`,
      text: [
        `${v.holderName}：`,
        '',
        '审定委员会办公室尚未收到您本期的质量绩效表（《办法》第二十三条）。',
        ...performanceLines(v, key),
      ].join('\n'),
    }),
  }),
  'revocation-notice': define({
    input: RevocationNotice,
    render: (v, key) => ({
      to: [v.holderEmail],
      subject: revocationSubject(v),
      text: revocationText(v, key, `${v.holderName}：`, '您'),
    }),
    // Art. 25: 通报批评 — the recommending unit and the committee are told as well as the holder.
    copies: (v, key) => [
      ...(v.recommendingUnit
        ? [
            {
              group: recommenderGroup(v.recommendingUnit),
              subject: revocationSubject(v),
              text: revocationText(
                v,
                key,
                `${unitName(v.recommendingUnit)}：`,
                `贵单位推荐的${v.holderName}`,
              ),
            },
          ]
        : []),
      {
        group: 'committee',
        subject: revocationSubject(v),
        text: revocationText(v, key, '宝山区政府质量奖审定委员会：', v.holderName),
      },
    ],
  }),
} as const;

export type TemplateId = keyof typeof TEMPLATES;
export const TEMPLATE_IDS = Object.keys(TEMPLATES) as [TemplateId, ...TemplateId[]];
