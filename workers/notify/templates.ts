import { z } from 'zod';

// Texts of the notices sent to applicants, in Chinese, each naming the article that applies.

const Applicant = z.object({
  applicantName: z.string().min(1),
  applicantEmail: z.email(),
  recommendingUnitName: z.string().min(1),
  recommendationOpinion: z.string().default(''),
});

const CATEGORY = { model: '先进质量管理模式', achievement: '先进质量管理成果' } as const;
const WithCategory = Applicant.extend({ category: z.enum(['model', 'achievement']) });

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
    input: WithCategory,
    render: (v, key) => ({
      to: [v.applicantEmail],
      subject: `【宝山区政府质量奖】申报已获推荐：${v.applicantName}`,
      text: [
        `${v.applicantName}：`,
        '',
        `您申报的宝山区政府质量奖（${CATEGORY[v.category]}）已由${v.recommendingUnitName}签署推荐意见，`,
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
    input: WithCategory,
    render: (v, key) => ({
      to: [v.applicantEmail],
      subject: `【宝山区政府质量奖】申报未获推荐：${v.applicantName}`,
      text: [
        `${v.applicantName}：`,
        '',
        `您申报的宝山区政府质量奖（${CATEGORY[v.category]}）未获${v.recommendingUnitName}推荐。`,
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
