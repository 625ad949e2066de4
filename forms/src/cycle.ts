// Forms of award-cycle before the decision phase (Art. 10, 11, 12, 17, 18 (1)(3)-(6), 26): the cycle's
// start, the panel, the experts' 无利害关系 confirmation, the score sheets, the 现场评审名单 and the
// 组长's reports.
import { INDIVIDUAL_CRITERIA, ORGANIZATION_CRITERIA, type Criterion } from '../../domain/scoring.js';
import { checkbox, intro, textfield, type Component } from './components.js';
import { PATTERNS } from './messages.js';

// award-cycle (Art. 10, 11, 12, 18 (1), 26): the office's cycle, panel and assignment forms and the
// experts' confirmation of 无利害关系.
export const cycleForms: Record<string, Component[]> = {
  'cycle-start': [
    intro(
      '## 启动年度评审\n审定委员会办公室公告当年区政府质量奖评审的时间安排，明确评审的领域、对象、条件和要求（第十八条第（一）项）。公告将发送给各推荐单位。',
    ),
    {
      type: 'textfield',
      id: 'year',
      key: 'year',
      label: '评选年度',
      description: '四位年份，例如 2025；业务键为 cycle-年份',
      validate: { required: true, pattern: PATTERNS.year.pattern },
    },
    {
      type: 'datetime',
      subtype: 'date',
      id: 'applicationStart',
      key: 'applicationStart',
      dateLabel: '申报开始日期',
      validate: { required: true },
    },
    {
      type: 'datetime',
      subtype: 'date',
      id: 'applicationEnd',
      key: 'applicationEnd',
      dateLabel: '申报截止日期',
      description: '今天或以后的日期',
      disallowPassedDates: true,
      validate: { required: true },
    },
    {
      type: 'datetime',
      subtype: 'date',
      id: 'deadline',
      key: 'deadline',
      dateLabel: '资格审查完成日期',
      description: '第十八条第（三）项；今天或以后的日期',
      disallowPassedDates: true,
      validate: { required: true },
    },
    {
      type: 'textfield',
      id: 'cycleFields',
      key: 'cycleFields',
      label: '评审领域',
      description: '多个领域用顿号或逗号分隔，例如：制造业、服务业',
      validate: { required: true, maxLength: 500 },
    },
    {
      type: 'number',
      id: 'teamSize',
      key: 'teamSize',
      label: '每个评审组的专家人数',
      description: '第十一条：评审专家组实行组长负责制',
      defaultValue: 3,
      validate: { required: true, min: 1, max: 15 },
    },
  ],
  'panel-selection': [
    intro(
      '## 选聘评审专家组\n从专家库中选聘符合第十二条资格条件的专家组成本届评审专家组，并指定组长（第十条第（四）项、第十一条）。专家组仅在本届评审期间存在，评审结束后自动撤销。',
    ),
    {
      type: 'textfield',
      id: 'panelWarningView',
      key: 'panelWarning',
      label: '提示',
      disabled: true,
      conditional: { hide: '=panelWarning = null or panelWarning = ""' },
    },
    { type: 'textfield', id: 'yearView', key: 'year', label: '评选年度', disabled: true },
    { type: 'number', id: 'teamSizeView', key: 'teamSize', label: '每个评审组的专家人数', disabled: true },
    {
      type: 'checklist',
      id: 'panelExperts',
      key: 'panelExperts',
      label: '评审专家组成员（仅列出符合第十二条的专家）',
      valuesKey: 'expertOptions',
      validate: { required: true },
    },
    {
      type: 'select',
      id: 'panelLeader',
      searchable: true,
      key: 'panelLeader',
      label: '组长',
      valuesKey: 'expertOptions',
      validate: { required: true },
    },
  ],
  'conflict-declaration': [
    intro(
      '## 利害关系声明\n您被分配评审以下申报。评审人员与申报组织或个人有利害关系的，本人应主动提出回避（第二十六条）。请如实声明；申请回避后将由其他专家替换。',
    ),
    {
      type: 'textfield',
      id: 'applicationView',
      key: 'reviewApplicationId',
      label: '申报编号',
      disabled: true,
    },
    {
      type: 'textfield',
      id: 'applicantView',
      key: 'reviewApplicantName',
      label: '申报组织或个人',
      disabled: true,
    },
    {
      type: 'radio',
      id: 'conflictDecision',
      key: 'conflictDecision',
      label: '声明',
      values: [
        { label: '本人与该申报无利害关系', value: 'none' },
        { label: '有利害关系，申请回避', value: 'conflict' },
      ],
      validate: { required: true },
    },
    {
      type: 'textarea',
      id: 'conflictReason',
      key: 'conflictReason',
      label: '回避理由',
      conditional: { hide: '=conflictDecision != "conflict"' },
      validate: { required: true, minLength: 2, maxLength: 1000 },
    },
  ],
  'assignment-infeasible': [
    intro(
      '## 评审组无法组成\n按第十二条资格条件和第二十六条回避规定，以下申报无法组成足额的评审组。请从专家库补充评审专家后重新分配；不会以不足额的评审组继续评审。',
    ),
    {
      type: 'textfield',
      id: 'panelWarningView',
      key: 'panelWarning',
      label: '提示',
      disabled: true,
      conditional: { hide: '=panelWarning = null or panelWarning = ""' },
    },
    {
      type: 'textarea',
      id: 'infeasibleView',
      key: 'infeasibleMessage',
      label: '无法组成评审组的申报',
      disabled: true,
    },
    {
      type: 'checklist',
      id: 'additionalPanelExperts',
      key: 'additionalPanelExperts',
      label: '补充的评审专家（仅列出符合第十二条的专家）',
      valuesKey: 'expertOptions',
      validate: { required: true },
    },
  ],
};

// award-cycle review stages (Art. 17, 18 (4)-(6)): the experts' score sheets, the office's
// 现场评审名单 and the 组长's 现场评审报告 and 综合评价报告.
const reviewView = (prefix: string): Component[] => [
  textfield(`${prefix}ApplicationView`, 'reviewApplicationId', '申报编号', { disabled: true }),
  textfield(`${prefix}ApplicantView`, 'reviewApplicantName', '申报组织或个人', { disabled: true }),
];
const criterionField = (c: Criterion, hide: string): Component => ({
  type: 'number',
  id: c.key,
  key: c.key,
  label: `${c.label}（满分 ${c.max}）`,
  description: c.basis,
  conditional: { hide },
  validate: { required: true, min: 0, max: c.max },
});
export const reviewForms: Record<string, Component[]> = {
  'preliminary-list': [
    intro(
      '## 确定初选名单\n资格审查完成日期已到，本届每个申报均已有资格审查结论。审定委员会办公室对申报进行资格审核，确定初选名单（第十条第（三）项、第十八条第（三）项）；初选名单中的申报进入资料评审。',
    ),
    {
      type: 'textarea',
      id: 'preliminaryListView',
      key: 'preliminaryListText',
      label: '资格审查结果',
      disabled: true,
    },
    checkbox('preliminaryConfirmed', 'preliminaryConfirmed', '确认以上正式受理的申报为本届初选名单', {
      validate: { required: true },
    }),
  ],
  'score-sheet': [
    intro(
      '## 资料评审评分表\n按评审标准对申报材料评分（第十七条：组织按 GB/T 19580《卓越绩效评价准则》；个人按第二条、第十五条第（二）项），写明优势和质量改进建议（第十八条第（四）项）。评审内容保密（第二十六条）。',
    ),
    {
      type: 'textfield',
      id: 'scoreWarningView',
      key: 'scoreWarning',
      label: '提示',
      disabled: true,
      conditional: { hide: '=scoreWarning = null or scoreWarning = ""' },
    },
    ...reviewView('score'),
    {
      // Issue 14: the materials the sheet scores (Art. 18 (2)); the server serves them to assigned experts only.
      type: 'text',
      id: 'materialsLink',
      text: '**申报材料**（自我评价报告、证实性材料）：在申报系统的页面 /apply/materials/{{reviewApplicationId}} 用本人账号登录后查阅下载。只有分配给您评审的申报可以打开，回避或评审组解散后不能再打开（第二十六条）。',
    },
    ...ORGANIZATION_CRITERIA.map((c) => criterionField(c, '=reviewApplicantKind != "organization"')),
    ...INDIVIDUAL_CRITERIA.map((c) => criterionField(c, '=reviewApplicantKind != "individual"')),
    {
      type: 'textarea',
      id: 'strengths',
      key: 'strengths',
      label: '优势',
      validate: { required: true, minLength: 2, maxLength: 4000 },
    },
    {
      type: 'textarea',
      id: 'improvements',
      key: 'improvements',
      label: '质量改进建议',
      description: '未进入现场评审的申报将收到资料评审报告和改进建议（第十八条第（四）项）',
      validate: { required: true, minLength: 2, maxLength: 4000 },
    },
  ],
  shortlist: [
    intro(
      '## 确定现场评审名单\n根据资料评审结果，按“好中选优”的原则确定现场评审名单（第四条、第十八条第（四）项）。未进入现场评审的申报将收到资料评审报告。',
    ),
    {
      type: 'textarea',
      id: 'rankingView',
      key: 'scoreRankingText',
      label: '资料评审排名（评审组平均分）',
      disabled: true,
    },
    {
      type: 'checklist',
      id: 'shortlistedApplications',
      key: 'shortlistedApplications',
      label: '进入现场评审的申报',
      valuesKey: 'shortlistOptions',
      validate: { required: true },
    },
  ],
  'site-review-report': [
    intro(
      '## 现场评审报告\n评审组对通过资料评审的申报进行现场评审，由组长提交现场评审报告和现场评分（第十一条、第十八条第（五）项）。',
    ),
    ...reviewView('site'),
    {
      type: 'number',
      id: 'siteScore',
      key: 'siteScore',
      label: '现场评审得分（满分 1000）',
      validate: { required: true, min: 0, max: 1000 },
    },
    {
      type: 'textarea',
      id: 'siteReport',
      key: 'siteReport',
      label: '现场评审报告',
      validate: { required: true, minLength: 2, maxLength: 8000 },
    },
  ],
  'comprehensive-evaluation': [
    intro(
      '## 综合评价报告\n对进入现场评审的申报进行综合分析评议，总结提炼其先进质量管理经验，形成综合评价报告（第十八条第（六）项）。',
    ),
    ...reviewView('evaluation'),
    { type: 'textarea', id: 'siteReportView', key: 'siteReport', label: '现场评审报告', disabled: true },
    {
      type: 'textarea',
      id: 'evaluationReport',
      key: 'evaluationReport',
      label: '综合评价报告（先进质量管理经验）',
      validate: { required: true, minLength: 2, maxLength: 8000 },
    },
  ],
};
