// Writes forms/*.form from the forms modules, so unit and department lists stay in step with domain/.
// Run: npx tsx forms/src/generate.ts (a unit test checks the committed forms match).
// Each area keeps its forms in its own module (decision.ts, between-cycles.ts); shared building
// blocks are in components.ts.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPARTMENTS } from '../../domain/departments.js';
import { INDIVIDUAL_CRITERIA, ORGANIZATION_CRITERIA, type Criterion } from '../../domain/scoring.js';
import { RECOMMENDING_UNITS } from '../../domain/units.js';
import { betweenCycleForms } from './between-cycles.js';
import {
  CREDIT_CODE_PATTERN,
  checkbox,
  date,
  decision,
  forOrg,
  forPerson,
  isOrg,
  isPerson,
  kindValues,
  meta,
  reasons,
  textfield,
  view,
  viewArea,
  type Component,
} from './components.js';
import { decisionForms } from './decision.js';

const FORMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The applicant's facts that the automatic check reads; editable at intake and in 资格审查. */
function applicantFacts(prefix: string): Component[] {
  const id = (key: string) => `${prefix}${key}`;
  return [
    textfield(id('registeredDistrict'), 'registeredDistrict', '注册登记地（区）', {
      ...forOrg,
      description: '第三条：在宝山区注册登记',
      validate: { required: true },
    }),
    date(id('registrationDate'), 'registrationDate', '登记注册日期', {
      ...forOrg,
      description: '第十四条第（一）项：正常运行三年以上',
      validate: { required: true },
    }),
    checkbox(
      id('licensesValid'),
      'licensesValid',
      '具备相关资质或证照，符合产业导向、环保、安全生产、质量等法规政策要求（第十四条第（二）项）',
      forOrg,
    ),
    checkbox(
      id('chiefQualityOfficer'),
      'chiefQualityOfficer',
      '实施首席质量官制度（第十四条第（五）项）',
      forOrg,
    ),
    checkbox(id('worksInBaoshan'), 'worksInBaoshan', '在宝山区从事质量工作（第三条）', forPerson),
    checkbox(
      id('contributesToBaoshan'),
      'contributesToBaoshan',
      '为宝山区质量工作做出贡献（第三条）',
      forPerson,
    ),
    date(id('qualityWorkSince'), 'qualityWorkSince', '从事质量相关工作起始日期', {
      ...forPerson,
      description: '第十五条第（一）项：五年以上',
      validate: { required: true },
    }),
    checkbox(
      id('seriousViolation'),
      'seriousViolation',
      '曾发生严重违反法律法规的行为（第十五条第（三）项）',
      forPerson,
    ),
    textfield(id('employerName'), 'employerName', '所属组织名称', forPerson),
    textfield(id('employerCreditCode'), 'employerCreditCode', '所属组织统一社会信用代码', {
      ...forPerson,
      description: '第十五条第（四）项：所属组织近三年无重大事故',
      validate: { pattern: CREDIT_CODE_PATTERN },
    }),
    checkbox(
      id('municipalApplicationSameYear'),
      'municipalApplicationSameYear',
      '本年度同时申报上海市政府质量奖（第十六条第三款）',
    ),
  ];
}

/** Read-only view of who applies, at the top of the tasks that act on an application. */
function applicantSummary(keys: readonly string[]): Component[] {
  const all: Record<string, Component> = {
    applicationId: textfield('applicationIdView', 'applicationId', '申报编号', { disabled: true }),
    applicantName: textfield('applicantNameView', 'applicantName', '组织名称或个人姓名', { disabled: true }),
    applicantKind: {
      type: 'radio',
      id: 'applicantKindView',
      key: 'applicantKind',
      label: '申报主体',
      disabled: true,
      values: kindValues,
    },
    creditCode: textfield('creditCodeView', 'creditCode', '统一社会信用代码', { disabled: true, ...forOrg }),
    idNumber: textfield('idNumberView', 'idNumber', '居民身份证号码', { disabled: true, ...forPerson }),
    applicantEmail: textfield('applicantEmailView', 'applicantEmail', '联系邮箱', { disabled: true }),
  };
  return keys.map((k) => all[k]!);
}

const forms: Record<string, Component[]> = {
  'application-start': [
    {
      type: 'text',
      id: 'intro',
      text: '## 宝山区政府质量奖申报\n组织申报“先进质量管理模式”，个人申报“先进质量管理成果”（第二条）。申报经所在街镇（园区）或主管部门签署推荐意见后报送审定委员会办公室（第十八条第（二）项）。',
    },
    {
      type: 'textfield',
      id: 'cycleKey',
      key: 'cycleKey',
      label: '评选年度',
      description: '格式 cycle-年份，例如 cycle-2025',
      validate: { required: true, pattern: '^cycle-\\d{4}$' },
    },
    {
      type: 'textfield',
      id: 'applicationId',
      key: 'applicationId',
      label: '申报编号',
      description: '字母、数字或连字符，例如 A-001',
      validate: { required: true, pattern: '^[A-Za-z0-9-]{1,40}$', maxLength: 40 },
    },
    {
      type: 'radio',
      id: 'applicantKind',
      key: 'applicantKind',
      label: '申报主体',
      values: kindValues,
      validate: { required: true },
    },
    {
      type: 'textfield',
      id: 'applicantName',
      key: 'applicantName',
      label: '组织名称或个人姓名',
      validate: { required: true, maxLength: 100 },
    },
    {
      type: 'textfield',
      id: 'creditCode',
      key: 'creditCode',
      label: '统一社会信用代码',
      description: '18 位',
      conditional: { hide: isOrg },
      validate: { required: true, pattern: CREDIT_CODE_PATTERN },
    },
    {
      type: 'textfield',
      id: 'idNumber',
      key: 'idNumber',
      label: '居民身份证号码',
      conditional: { hide: isPerson },
      validate: { required: true, pattern: '^\\d{17}[\\dX]$' },
    },
    {
      type: 'textfield',
      id: 'applicantEmail',
      key: 'applicantEmail',
      label: '联系邮箱',
      description: '审核结果将发送到此邮箱',
      validate: { required: true, validationType: 'email' },
    },
    {
      type: 'select',
      id: 'recommendingUnit',
      key: 'recommendingUnit',
      label: '推荐单位',
      description: '所在街镇（园区）或主管部门',
      values: RECOMMENDING_UNITS.map((u) => ({ label: u.name, value: u.id })),
      validate: { required: true },
    },
    ...applicantFacts(''),
    {
      type: 'checkbox',
      id: 'truthfulDeclaration',
      key: 'truthfulDeclaration',
      label: '本人（单位）承诺所提供的申报材料真实，如有弄虚作假，愿承担取消荣誉资格等后果（第二十五条）',
      validate: { required: true },
    },
  ],
  recommendation: [
    {
      type: 'text',
      id: 'intro',
      text: '## 签署推荐意见\n请核对申报信息，签署是否推荐的意见（第十八条第（二）项）。推荐单位负责协助调查核实申报组织的资质资格（第十三条）。',
    },
    ...applicantSummary(['applicationId', 'applicantName', 'applicantKind', 'creditCode', 'applicantEmail']),
    {
      type: 'radio',
      id: 'recommendationDecision',
      key: 'recommendationDecision',
      label: '推荐意见',
      values: [
        { label: '同意推荐', value: 'approve' },
        { label: '不予推荐', value: 'refuse' },
      ],
      validate: { required: true },
    },
    {
      type: 'textarea',
      id: 'recommendationOpinion',
      key: 'recommendationOpinion',
      label: '意见说明',
      description: '将随通知发送给申报人',
      validate: { required: true, minLength: 2, maxLength: 2000 },
    },
  ],
  'eligibility-review': [
    {
      type: 'text',
      id: 'intro',
      text: '## 资格审查\n审查申报的基本条件、推荐意见和申报材料（第十八条第（三）项）。自动审查仍有不符合条款时不能受理；可更正申报数据后重新审查，必要时书面征求相关部门意见。',
    },
    {
      type: 'textfield',
      id: 'reviewWarningView',
      key: 'reviewWarning',
      label: '提示',
      disabled: true,
      conditional: { hide: '=reviewWarning = null or reviewWarning = ""' },
    },
    ...applicantSummary(['applicationId', 'applicantName', 'applicantKind', 'creditCode', 'idNumber']),
    {
      type: 'textarea',
      id: 'recommendationOpinionView',
      key: 'recommendationOpinion',
      label: '推荐单位意见',
      disabled: true,
    },
    {
      type: 'textarea',
      id: 'findingsView',
      key: 'eligibilityFindingsText',
      label: '自动审查结果（第二、三、十四、十五、十六、二十五条）',
      disabled: true,
    },
    {
      type: 'textarea',
      id: 'manualChecksView',
      key: 'eligibilityManualChecksText',
      label: '须人工审查的条件',
      disabled: true,
    },
    {
      type: 'textarea',
      id: 'opinionsView',
      key: 'departmentOpinionsText',
      label: '相关部门书面意见（第十八条第（三）项）',
      disabled: true,
      conditional: { hide: '=departmentOpinionsText = null or departmentOpinionsText = ""' },
    },
    { type: 'text', id: 'correctionIntro', text: '#### 申报数据（如有错误，更正后选择“更正后重新审查”）' },
    ...applicantFacts('fix_'),
    {
      type: 'radio',
      id: 'reviewDecision',
      key: 'reviewDecision',
      label: '审查结论',
      values: [
        { label: '正式受理', value: 'accept' },
        { label: '不予受理', value: 'reject' },
        { label: '更正后重新审查', value: 'recheck' },
        { label: '书面征求相关部门意见', value: 'consult' },
      ],
      validate: { required: true },
    },
    {
      type: 'checklist',
      id: 'consultDepartments',
      key: 'consultDepartments',
      label: '征求意见的部门',
      values: DEPARTMENTS.map((d) => ({ label: d.name, value: d.id })),
      conditional: { hide: '=reviewDecision != "consult"' },
      validate: { required: true },
    },
    {
      type: 'datetime',
      subtype: 'date',
      id: 'consultDueDate',
      key: 'consultDueDate',
      dateLabel: '答复期限',
      conditional: { hide: '=reviewDecision != "consult"' },
      validate: { required: true },
    },
    {
      type: 'textarea',
      id: 'reviewReasons',
      key: 'reviewReasons',
      label: '审查意见与理由',
      description: '受理或不予受理的理由将通知申报人',
      validate: { required: true, minLength: 2, maxLength: 4000 },
    },
  ],
  'department-opinion': [
    {
      type: 'text',
      id: 'intro',
      text: '## 出具书面意见\n审定委员会办公室在资格审查中征求贵部门书面意见（第十八条第（三）项）。请就申报主体在本部门职责范围内的情况出具意见。',
    },
    ...applicantSummary(['applicantName', 'creditCode']),
    {
      type: 'radio',
      id: 'departmentStance',
      key: 'departmentStance',
      label: '意见',
      values: [
        { label: '无异议', value: 'no-objection' },
        { label: '有异议', value: 'objection' },
      ],
      validate: { required: true },
    },
    {
      type: 'textarea',
      id: 'departmentOpinion',
      key: 'departmentOpinion',
      label: '书面意见',
      validate: { required: true, minLength: 2, maxLength: 4000 },
    },
  ],
};

// award-cycle (Art. 10, 11, 12, 18 (1), 26): the office's cycle, panel and assignment forms and the
// experts' confirmation of 无利害关系.
const cycleForms: Record<string, Component[]> = {
  'cycle-start': [
    {
      type: 'text',
      id: 'intro',
      text: '## 启动年度评审\n审定委员会办公室公告当年区政府质量奖评审的时间安排，明确评审的领域、对象、条件和要求（第十八条第（一）项）。公告将发送给各推荐单位。',
    },
    {
      type: 'textfield',
      id: 'year',
      key: 'year',
      label: '评选年度',
      description: '四位年份，例如 2025；业务键为 cycle-年份',
      validate: { required: true, pattern: '^\\d{4}$' },
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
      validate: { required: true },
    },
    {
      type: 'datetime',
      subtype: 'date',
      id: 'deadline',
      key: 'deadline',
      dateLabel: '资格审查完成日期',
      description: '第十八条第（三）项',
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
    {
      type: 'text',
      id: 'intro',
      text: '## 选聘评审专家组\n从专家库中选聘符合第十二条资格条件的专家组成本届评审专家组，并指定组长（第十条第（四）项、第十一条）。专家组仅在本届评审期间存在，评审结束后自动撤销。',
    },
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
      key: 'panelLeader',
      label: '组长',
      valuesKey: 'expertOptions',
      validate: { required: true },
    },
  ],
  'conflict-declaration': [
    {
      type: 'text',
      id: 'intro',
      text: '## 利害关系声明\n您被分配评审以下申报。评审人员与申报组织或个人有利害关系的，本人应主动提出回避（第二十六条）。请如实声明；申请回避后将由其他专家替换。',
    },
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
    {
      type: 'text',
      id: 'intro',
      text: '## 评审组无法组成\n按第十二条资格条件和第二十六条回避规定，以下申报无法组成足额的评审组。请从专家库补充评审专家后重新分配；不会以不足额的评审组继续评审。',
    },
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
const reviewForms: Record<string, Component[]> = {
  'preliminary-list': [
    {
      type: 'text',
      id: 'intro',
      text: '## 确定初选名单\n资格审查完成日期已到，本届每个申报均已有资格审查结论。审定委员会办公室对申报进行资格审核，确定初选名单（第十条第（三）项、第十八条第（三）项）；初选名单中的申报进入资料评审。',
    },
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
    {
      type: 'text',
      id: 'intro',
      text: '## 资料评审评分表\n按评审标准对申报材料评分（第十七条：组织按 GB/T 19580《卓越绩效评价准则》；个人按第二条、第十五条第（二）项），写明优势和质量改进建议（第十八条第（四）项）。评审内容保密（第二十六条）。',
    },
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
    {
      type: 'text',
      id: 'intro',
      text: '## 确定现场评审名单\n根据资料评审结果，按“好中选优”的原则确定现场评审名单（第四条、第十八条第（四）项）。未进入现场评审的申报将收到资料评审报告。',
    },
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
    {
      type: 'text',
      id: 'intro',
      text: '## 现场评审报告\n评审组对通过资料评审的申报进行现场评审，由组长提交现场评审报告和现场评分（第十一条、第十八条第（五）项）。',
    },
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
    {
      type: 'text',
      id: 'intro',
      text: '## 综合评价报告\n对进入现场评审的申报进行综合分析评议，总结提炼其先进质量管理经验，形成综合评价报告（第十八条第（六）项）。',
    },
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

// award-revocation (Art. 25) and award-post-monitoring (Art. 23): the office's, the committee's and
// the district government's forms after the award.
const isHolderOrg = '=holderKind != "organization"';
const isHolderPerson = '=holderKind != "individual"';
const holderKindValues = [
  { label: '组织', value: 'organization' },
  { label: '个人', value: 'individual' },
];
const awardLevelValues = [
  { label: '区级（宝山区政府质量奖）', value: 'district' },
  { label: '市级', value: 'municipal' },
  { label: '国家级', value: 'national' },
];
const awardCategoryValues = [
  { label: '先进质量管理模式（组织）', value: 'model' },
  { label: '先进质量管理成果（个人）', value: 'achievement' },
];
const revocationReasonValues = [
  { label: '申报材料弄虚作假、以不正当方法获取荣誉', value: 'fraudulent-materials' },
  { label: '获奖后发生重大质量、安全、环境污染、公共卫生、食品安全等事故', value: 'major-incident' },
  { label: '其他违反宝山区政府质量奖宗旨的重大事项', value: 'other-serious-matter' },
];
/** The award being revoked and why, read-only at the top of every revocation task. */
const revocationSummary: Component[] = [
  view('holderName', '获奖组织或个人'),
  view('creditCode', '统一社会信用代码', { conditional: { hide: isHolderOrg } }),
  view('idNumber', '居民身份证号码', { conditional: { hide: isHolderPerson } }),
  { type: 'number', id: 'awardYearView', key: 'awardYear', label: '获奖年度', disabled: true },
  view('awardTitle', '奖项名称'),
  {
    type: 'radio',
    id: 'revocationReasonView',
    key: 'revocationReason',
    label: '撤销事由（第二十五条）',
    disabled: true,
    values: revocationReasonValues,
  },
  viewArea('revocationDescription', '情况说明'),
];

const recoveryForm = (key: string, what: string): Component[] => [
  {
    type: 'text',
    id: 'intro',
    text: `## 收回${what}\n区政府已批准取消荣誉资格，依第二十五条收回奖牌、证书和奖金。请收回${what}并登记收回情况。`,
  },
  ...revocationSummary,
  view('revokedOn', '取消荣誉资格日期'),
  checkbox(`${key}Recovered`, `${key}Recovered`, `已收回${what}`, { validate: { required: true } }),
  reasons(`${key}RecoveryNote`, '收回情况说明'),
];

const postAwardForms: Record<string, Component[]> = {
  'revocation-start': [
    {
      type: 'text',
      id: 'intro',
      text: '## 撤销区政府质量奖荣誉资格\n对采取不正当方法获取荣誉，或获奖后发生重大事故、其他违反宗旨的重大事项的，由审定委员会报请区政府批准后取消其荣誉资格，收回奖牌、证书和奖金，并予以通报批评，三年内不再受理其申请（第二十五条）。获奖信息须与登记簿一致。',
    },
    {
      type: 'radio',
      id: 'holderKind',
      key: 'holderKind',
      label: '获奖主体',
      values: holderKindValues,
      validate: { required: true },
    },
    textfield('holderName', 'holderName', '获奖组织名称或个人姓名', {
      validate: { required: true, maxLength: 200 },
    }),
    textfield('creditCode', 'creditCode', '统一社会信用代码', {
      conditional: { hide: isHolderOrg },
      validate: { required: true, pattern: CREDIT_CODE_PATTERN },
    }),
    textfield('idNumber', 'idNumber', '居民身份证号码', {
      conditional: { hide: isHolderPerson },
      validate: { required: true, pattern: '^\\d{17}[\\dX]$' },
    }),
    textfield('holderEmail', 'holderEmail', '联系邮箱', {
      description: '通报批评将发送到此邮箱',
      validate: { required: true, validationType: 'email' },
    }),
    {
      type: 'number',
      id: 'awardYear',
      key: 'awardYear',
      label: '获奖年度',
      validate: { required: true, min: 1900, max: 2999 },
    },
    {
      type: 'select',
      id: 'awardLevel',
      key: 'awardLevel',
      label: '奖项级别',
      values: awardLevelValues,
      defaultValue: 'district',
      validate: { required: true },
    },
    {
      type: 'radio',
      id: 'awardCategory',
      key: 'awardCategory',
      label: '奖项类别',
      values: awardCategoryValues,
      validate: { required: true },
    },
    textfield('awardTitle', 'awardTitle', '奖项名称', {
      description: '与登记簿中的获奖记录一致',
      validate: { maxLength: 200 },
    }),
    decision('revocationReason', '撤销事由（第二十五条）', revocationReasonValues),
    reasons('revocationDescription', '情况说明'),
  ],
  'revocation-investigation': [
    {
      type: 'text',
      id: 'intro',
      text: '## 调查核实\n审定委员会办公室调查核实撤销事由（第二十五条），提出是否报审定委员会撤销的意见。',
    },
    ...revocationSummary,
    reasons('investigationFindings', '调查结果'),
    decision('investigationConclusion', '调查结论', [
      { label: '事实成立，报审定委员会审议撤销', value: 'propose' },
      { label: '事实不成立，不予撤销', value: 'drop' },
    ]),
  ],
  'revocation-committee': [
    {
      type: 'text',
      id: 'intro',
      text: '## 审定委员会审议\n审定委员会审议是否取消荣誉资格；同意的，报请区政府批准（第二十五条）。',
    },
    ...revocationSummary,
    viewArea('investigationFindings', '办公室调查结果'),
    decision('committeeDecision', '审议结论', [
      { label: '同意撤销，报请区政府批准', value: 'approve' },
      { label: '不同意撤销', value: 'refuse' },
    ]),
    reasons('committeeReasons', '审议意见'),
  ],
  'revocation-government': [
    {
      type: 'text',
      id: 'intro',
      text: '## 区政府批准\n审定委员会报请区政府批准取消荣誉资格（第二十五条）。',
    },
    ...revocationSummary,
    viewArea('investigationFindings', '办公室调查结果'),
    viewArea('committeeReasons', '审定委员会审议意见'),
    decision('governmentDecision', '批复', [
      { label: '批准取消荣誉资格', value: 'approve' },
      { label: '不予批准', value: 'refuse' },
    ]),
    reasons('governmentReasons', '批复意见'),
  ],
  'revocation-record-missing': [
    {
      type: 'text',
      id: 'intro',
      text: '## 核对获奖记录\n登记簿中没有与下列信息一致的获奖记录，无法登记撤销（第二十五条）。请核对并更正获奖信息后重新登记，或先导入获奖名单（npm run registry:import）后重新登记。',
    },
    viewArea('revocationWarning', '提示'),
    view('holderName', '获奖组织或个人'),
    {
      type: 'number',
      id: 'awardYear',
      key: 'awardYear',
      label: '获奖年度',
      validate: { required: true, min: 1900, max: 2999 },
    },
    {
      type: 'select',
      id: 'awardLevel',
      key: 'awardLevel',
      label: '奖项级别',
      values: awardLevelValues,
      validate: { required: true },
    },
    {
      type: 'radio',
      id: 'awardCategory',
      key: 'awardCategory',
      label: '奖项类别',
      values: awardCategoryValues,
      validate: { required: true },
    },
    textfield('awardTitle', 'awardTitle', '奖项名称', { validate: { maxLength: 200 } }),
    decision('recordDecision', '处理', [
      { label: '重新登记', value: 'retry' },
      { label: '终止撤销程序', value: 'abandon' },
    ]),
    reasons('recordNote', '说明'),
  ],
  'revocation-recover-plaque': recoveryForm('plaque', '奖牌'),
  'revocation-recover-certificate': recoveryForm('certificate', '证书'),
  'revocation-recover-prize': recoveryForm('prize', '奖金'),
  'post-monitoring-start': [
    {
      type: 'text',
      id: 'intro',
      text: '## 获奖后质量绩效跟踪\n获奖组织和个人获奖后 3 年内，应每年如实填写《宝山区政府质量奖质量绩效表》，报送审定委员会办公室（第二十三条）。',
    },
    textfield('holderName', 'holderName', '获奖组织名称或个人姓名', {
      validate: { required: true, maxLength: 200 },
    }),
    textfield('holderKey', 'holderKey', '统一社会信用代码或居民身份证号码', {
      validate: {
        required: true,
        pattern: '^([0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}|\\d{17}[\\dX])$',
      },
    }),
    textfield('holderEmail', 'holderEmail', '联系邮箱', {
      validate: { required: true, validationType: 'email' },
    }),
    textfield('awardYear', 'awardYear', '获奖年度', {
      description: '四位年份',
      validate: { required: true, pattern: '^\\d{4}$' },
    }),
  ],
  'performance-report-intake': [
    {
      type: 'text',
      id: 'intro',
      text: '## 质量绩效表登记\n获奖者应每年报送《宝山区政府质量奖质量绩效表》（第二十三条）。下面是本期已在线报送的质量绩效表；未在线报送的，可由办公室代为登记纸质表。',
    },
    view('holderName', '获奖组织或个人'),
    view('holderKey', '统一社会信用代码或居民身份证号码'),
    { type: 'number', id: 'reportPeriodView', key: 'reportPeriod', label: '报送期次', disabled: true },
    { type: 'number', id: 'reportYearView', key: 'reportYear', label: '绩效年度', disabled: true },
    view('dueDate', '截止日期'),
    viewArea('performanceReportsText', '本期已报送的质量绩效表'),
    decision('reportDecision', '处理', [
      { label: '已收到，确认本期报送', value: 'accept' },
      { label: '办公室代为登记纸质表', value: 'enter' },
      { label: '重新读取在线报送', value: 'refresh' },
    ]),
    reasons('reportSummary', '质量绩效概述（代为登记）', {
      conditional: { hide: '=reportDecision != "enter"' },
    }),
  ],
  'performance-report-overdue': [
    {
      type: 'text',
      id: 'intro',
      text: '## 质量绩效表逾期催报\n获奖者未在截止日期前报送本期《宝山区政府质量奖质量绩效表》（第二十三条）。请催报并登记催报情况。',
    },
    view('holderName', '获奖组织或个人'),
    view('holderEmail', '联系邮箱'),
    { type: 'number', id: 'reportPeriodView', key: 'reportPeriod', label: '报送期次', disabled: true },
    view('dueDate', '截止日期'),
    reasons('overdueNote', '催报情况'),
  ],
};

/** The JSON of every form, by file name. */
export function renderForms(): Record<string, string> {
  return Object.fromEntries(
    Object.entries({
      ...forms,
      ...cycleForms,
      ...reviewForms,
      ...postAwardForms,
      ...decisionForms,
      ...betweenCycleForms,
    }).map(([id, components]) => [`${id}.form`, `${JSON.stringify({ ...meta, id, components }, null, 2)}\n`]),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const [file, json] of Object.entries(renderForms()))
    fs.writeFileSync(path.join(FORMS_DIR, file), json);
}
