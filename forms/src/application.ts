// Forms of award-application (Art. 2, 3, 14, 15, 16, 18 (2)(3), 25): the start form, the unit's
// 推荐意见, the office's 资格审查 and the departments' written opinions.
import { DEPARTMENTS } from '../../domain/departments.js';
import { RECOMMENDING_UNITS } from '../../domain/units.js';
import {
  checkbox,
  CREDIT_CODE_PATTERN,
  date,
  forOrg,
  forPerson,
  intro,
  isOrg,
  isPerson,
  kindValues,
  textfield,
  type Component,
} from './components.js';
import { PATTERNS } from './messages.js';

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

export const applicationForms: Record<string, Component[]> = {
  'application-start': [
    intro(
      '## 宝山区政府质量奖申报\n组织申报“先进质量管理模式”，个人申报“先进质量管理成果”（第二条）。申报经所在街镇（园区）或主管部门签署推荐意见后报送审定委员会办公室（第十八条第（二）项）。',
    ),
    {
      type: 'textfield',
      id: 'cycleKey',
      key: 'cycleKey',
      label: '评选年度',
      description: '格式 cycle-年份，例如 cycle-2025',
      validate: { required: true, pattern: PATTERNS.cycleKey.pattern },
    },
    {
      type: 'textfield',
      id: 'applicationId',
      key: 'applicationId',
      label: '申报编号',
      description: '字母、数字或连字符，例如 A-001',
      validate: { required: true, pattern: PATTERNS.applicationId.pattern, maxLength: 40 },
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
      validate: { required: true, pattern: PATTERNS.idNumber.pattern },
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
      searchable: true,
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
    intro(
      '## 签署推荐意见\n请核对申报信息，签署是否推荐的意见（第十八条第（二）项）。推荐单位负责协助调查核实申报组织的资质资格（第十三条）。',
    ),
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
    intro(
      '## 资格审查\n审查申报的基本条件、推荐意见和申报材料（第十八条第（三）项）。自动审查仍有不符合条款时不能受理；可更正申报数据后重新审查，必要时书面征求相关部门意见。',
    ),
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
      type: 'checkbox',
      id: 'officeRecusal',
      key: 'officeRecusal',
      label: '与申报者存在利害关系，申请回避',
      description:
        '第二十六条：与申报者存在利害关系的工作人员应当回避。勾选后无需填写审查结论，任务退回审定委员会办公室由其他工作人员办理，您不能再认领或办理本申报的任务。',
    },
    {
      type: 'textarea',
      id: 'officeRecusalReason',
      key: 'officeRecusalReason',
      label: '利害关系说明',
      description: '例如：曾在该单位任职、近亲属在该单位工作等',
      conditional: { hide: '=officeRecusal != true' },
      validate: { required: true, minLength: 2, maxLength: 2000 },
    },
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
      conditional: { hide: '=officeRecusal = true' },
      validate: { required: true },
    },
    {
      type: 'checklist',
      id: 'consultDepartments',
      key: 'consultDepartments',
      label: '征求意见的部门',
      values: DEPARTMENTS.map((d) => ({ label: d.name, value: d.id })),
      conditional: { hide: '=officeRecusal = true or reviewDecision != "consult"' },
      validate: { required: true },
    },
    {
      type: 'datetime',
      subtype: 'date',
      id: 'consultDueDate',
      key: 'consultDueDate',
      dateLabel: '答复期限',
      description: '今天或以后的日期；各部门须在当日 17:00 前答复',
      disallowPassedDates: true,
      conditional: { hide: '=officeRecusal = true or reviewDecision != "consult"' },
      validate: { required: true },
    },
    {
      type: 'textarea',
      id: 'reviewReasons',
      key: 'reviewReasons',
      label: '审查意见与理由',
      description: '受理或不予受理的理由将通知申报人',
      conditional: { hide: '=officeRecusal = true' },
      validate: { required: true, minLength: 2, maxLength: 4000 },
    },
  ],
  'department-opinion': [
    intro(
      '## 出具书面意见\n审定委员会办公室在资格审查中征求贵部门书面意见（第十八条第（三）项）。请就申报主体在本部门职责范围内的情况出具意见。',
    ),
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
