import { z } from 'zod';
import { findUnit } from '../../domain/units.js';

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

export interface RenderedMail {
  to: string[];
  subject: string;
  text: string;
}

interface Template<S extends z.ZodType> {
  input: S;
  render(v: z.infer<S>, businessKey: string | null): RenderedMail;
}

const define = <S extends z.ZodType>(t: Template<S>) => t;

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
} as const;

export type TemplateId = keyof typeof TEMPLATES;
export const TEMPLATE_IDS = Object.keys(TEMPLATES) as [TemplateId, ...TemplateId[]];
