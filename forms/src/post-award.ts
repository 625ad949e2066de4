// Forms after the award: award-revocation (Art. 25) and award-post-monitoring (Art. 23).
import {
  checkbox,
  CREDIT_CODE_PATTERN,
  decision,
  intro,
  reasons,
  textfield,
  type Component,
  type Extra,
  view,
  viewArea,
} from './components.js';
import { PATTERNS } from './messages.js';

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

/** 获奖年度, 奖项级别 and 奖项类别 of an award the office enters (the level may start as 区级). */
const awardFields = (level: Extra = {}): Component[] => [
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
    ...level,
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
  intro(
    `## 收回${what}\n区政府已批准取消荣誉资格，依第二十五条收回奖牌、证书和奖金。请收回${what}并登记收回情况。`,
  ),
  ...revocationSummary,
  view('revokedOn', '取消荣誉资格日期'),
  checkbox(`${key}Recovered`, `${key}Recovered`, `已收回${what}`, { validate: { required: true } }),
  reasons(`${key}RecoveryNote`, '收回情况说明'),
];

export const postAwardForms: Record<string, Component[]> = {
  'revocation-start': [
    intro(
      '## 撤销区政府质量奖荣誉资格\n对采取不正当方法获取荣誉，或获奖后发生重大事故、其他违反宗旨的重大事项的，由审定委员会报请区政府批准后取消其荣誉资格，收回奖牌、证书和奖金，并予以通报批评，三年内不再受理其申请（第二十五条）。获奖信息须与登记簿一致。',
    ),
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
      validate: { required: true, pattern: PATTERNS.idNumber.pattern },
    }),
    textfield('holderEmail', 'holderEmail', '联系邮箱', {
      description: '通报批评将发送到此邮箱',
      validate: { required: true, validationType: 'email' },
    }),
    ...awardFields({ defaultValue: 'district' }),
    textfield('awardTitle', 'awardTitle', '奖项名称', {
      description: '与登记簿中的获奖记录一致',
      validate: { maxLength: 200 },
    }),
    decision('revocationReason', '撤销事由（第二十五条）', revocationReasonValues),
    reasons('revocationDescription', '情况说明'),
  ],
  'revocation-investigation': [
    intro('## 调查核实\n审定委员会办公室调查核实撤销事由（第二十五条），提出是否报审定委员会撤销的意见。'),
    ...revocationSummary,
    reasons('investigationFindings', '调查结果'),
    decision('investigationConclusion', '调查结论', [
      { label: '事实成立，报审定委员会审议撤销', value: 'propose' },
      { label: '事实不成立，不予撤销', value: 'drop' },
    ]),
  ],
  'revocation-committee': [
    intro('## 审定委员会审议\n审定委员会审议是否取消荣誉资格；同意的，报请区政府批准（第二十五条）。'),
    ...revocationSummary,
    viewArea('investigationFindings', '办公室调查结果'),
    decision('committeeDecision', '审议结论', [
      { label: '同意撤销，报请区政府批准', value: 'approve' },
      { label: '不同意撤销', value: 'refuse' },
    ]),
    reasons('committeeReasons', '审议意见'),
  ],
  'revocation-government': [
    intro('## 区政府批准\n审定委员会报请区政府批准取消荣誉资格（第二十五条）。'),
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
    intro(
      '## 核对获奖记录\n登记簿中没有与下列信息一致的获奖记录，无法登记撤销（第二十五条）。请核对并更正获奖信息后重新登记，或先导入获奖名单（npm run registry:import）后重新登记。',
    ),
    viewArea('revocationWarning', '提示'),
    view('holderName', '获奖组织或个人'),
    ...awardFields(),
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
    intro(
      '## 获奖后质量绩效跟踪\n获奖组织和个人获奖后 3 年内，应每年如实填写《宝山区政府质量奖质量绩效表》，报送审定委员会办公室（第二十三条）。',
    ),
    textfield('holderName', 'holderName', '获奖组织名称或个人姓名', {
      validate: { required: true, maxLength: 200 },
    }),
    textfield('holderKey', 'holderKey', '统一社会信用代码或居民身份证号码', {
      validate: {
        required: true,
        pattern: PATTERNS.holderKey.pattern,
      },
    }),
    textfield('holderEmail', 'holderEmail', '联系邮箱', {
      validate: { required: true, validationType: 'email' },
    }),
    textfield('awardYear', 'awardYear', '获奖年度', {
      description: '四位年份',
      validate: { required: true, pattern: PATTERNS.year.pattern },
    }),
  ],
  'performance-report-intake': [
    intro(
      '## 质量绩效表登记\n获奖者应每年报送《宝山区政府质量奖质量绩效表》（第二十三条）。下面是本期已在线报送的质量绩效表；未在线报送的，可由办公室代为登记纸质表。',
    ),
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
    intro(
      '## 质量绩效表逾期催报\n获奖者未在截止日期前报送本期《宝山区政府质量奖质量绩效表》（第二十三条）。请催报并登记催报情况。',
    ),
    view('holderName', '获奖组织或个人'),
    view('holderEmail', '联系邮箱'),
    { type: 'number', id: 'reportPeriodView', key: 'reportPeriod', label: '报送期次', disabled: true },
    view('dueDate', '截止日期'),
    reasons('overdueNote', '催报情况'),
  ],
};
