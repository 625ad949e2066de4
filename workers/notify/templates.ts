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
} as const;

export type TemplateId = keyof typeof TEMPLATES;
export const TEMPLATE_IDS = Object.keys(TEMPLATES) as [TemplateId, ...TemplateId[]];
