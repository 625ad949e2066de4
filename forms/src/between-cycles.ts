// Forms of the processes between cycles (Art. 5, 6, 10 (7), 24, 27, 28): title misuse, incubation
// year, retention and rule editions.
import {
  CREDIT_CODE_PATTERN,
  checkbox,
  date,
  decision,
  intro,
  reasons,
  textfield,
  view,
  viewArea,
  type Component,
} from './components.js';
import { PATTERNS } from './messages.js';

const misuseKinds = [
  { label: '在产品上标注质量奖标志或获奖称号', value: 'product' },
  { label: '在包装上标注质量奖标志或获奖称号', value: 'packaging' },
  { label: '将获奖称号用于产品宣传', value: 'advertising' },
  { label: '使用获奖称号未标明获奖年度', value: 'no-award-year' },
];
const misuseSummary = (): Component[] => [
  view('holderName', '组织名称或个人姓名'),
  view('holderKey', '统一社会信用代码或居民身份证号码'),
  {
    type: 'radio',
    id: 'misuseKindView',
    key: 'misuseKind',
    label: '违规情形',
    disabled: true,
    values: misuseKinds,
  },
  viewArea('evidence', '违规事实及证据'),
];

export const betweenCycleForms: Record<string, Component[]> = {
  // award-title-misuse (Art. 24)
  'title-misuse-start': [
    intro(
      '## 登记称号使用违规\n获奖组织和个人可在形象宣传中使用该称号，并标明获奖年度；但不得用于产品宣传，不得在产品或包装上标注质量奖标志或获奖称号。一经发现违反者，由审定委员会办公室责令其限期改正（第二十四条）。',
    ),
    textfield('holderName', 'holderName', '组织名称或个人姓名', {
      validate: { required: true, maxLength: 100 },
    }),
    textfield('holderKey', 'holderKey', '统一社会信用代码或居民身份证号码', {
      description: '获奖者或冒用称号的任何组织；系统将在登记簿中查询其获奖记录',
      validate: { required: true, pattern: PATTERNS.holderKey.pattern },
    }),
    textfield('holderEmail', 'holderEmail', '联系邮箱', {
      description: '限期改正通知发送至此邮箱',
      validate: { required: true, pattern: PATTERNS.email.pattern },
    }),
    decision('misuseKind', '违规情形', misuseKinds),
    reasons('evidence', '违规事实及证据（产品、包装或宣传材料的名称、发现地点和时间）'),
  ],
  'title-misuse-order': [
    intro(
      '## 责令限期改正\n第二十四条：由审定委员会办公室责令违规者限期改正。核实违规事实后发出改正通知并确定改正期限。',
    ),
    ...misuseSummary(),
    viewArea('holderAwardsText', '登记簿中的获奖记录'),
    decision('orderDecision', '处理意见', [
      { label: '责令限期改正', value: 'order' },
      { label: '经核实不构成违规，不予处理', value: 'dismiss' },
    ]),
    reasons('correctionRequirements', '改正要求（不予处理时填写理由）'),
    date('correctionDueDate', 'correctionDueDate', '改正期限', {
      description: '默认按流程参数“改正期限”计算，可调整为今天或以后的日期',
      disallowPassedDates: true,
      validate: { required: true },
    }),
  ],
  'title-misuse-check': [
    intro(
      '## 核查改正情况\n改正期限已到，请核查违规者是否已改正（第二十四条）。未改正的，提请审定委员会处理。',
    ),
    ...misuseSummary(),
    viewArea('correctionRequirements', '改正要求'),
    view('correctionDueDate', '改正期限'),
    decision('correctionResult', '核查结论', [
      { label: '已改正', value: 'corrected' },
      { label: '逾期未改正', value: 'not-corrected' },
    ]),
    reasons('checkNotes', '核查情况'),
  ],
  'title-misuse-committee': [
    intro(
      '## 审议逾期未改正的称号违规\n违规者未在期限内改正（第二十四条）。获奖者的违规属违反区政府质量奖宗旨的重大事项的，可提请按第二十五条撤销其荣誉资格。',
    ),
    ...misuseSummary(),
    view('correctionDueDate', '改正期限'),
    viewArea('checkNotes', '办公室核查情况'),
    decision('committeeDecision', '审议意见', [
      { label: '提请按第二十五条撤销荣誉资格', value: 'propose-revocation' },
      { label: '通报批评，继续督促改正', value: 'criticize' },
    ]),
    reasons('committeeReasons', '审议理由'),
  ],

  // award-incubation (Art. 5, 6, 10 (7))
  'incubation-start': [
    intro(
      '## 培育孵化年\n区政府质量奖每两年评选一届，其中一年为培育孵化年（第五条）。在培育孵化年组织实施卓越绩效管理公益孵化，鼓励和支持科技含量高、技术创新性强、市场竞争力和成长性强，质量管理水平在高新技术行业处于领先地位的中小企业、社会组织参加（第六条）。孵化活动由第三方服务机构具体实施，办公室对其过程进行监督（第十条第（七）项）。',
    ),
    textfield('incubationYear', 'incubationYear', '培育孵化年度', {
      description: '四位年份；业务键为 incubation-年份',
      validate: { required: true, pattern: PATTERNS.year.pattern },
    }),
    reasons('callText', '征集通知（面向中小企业、社会组织）'),
    date('enrolmentDeadline', 'enrolmentDeadline', '报名截止日期', {
      description: '今天或以后的日期',
      disallowPassedDates: true,
      validate: { required: true },
    }),
    textfield('incubatorName', 'incubatorName', '第三方服务机构', {
      validate: { required: true, maxLength: 100 },
    }),
  ],
  'incubation-enrolment': [
    intro('## 登记培育孵化报名\n逐个登记报名组织；系统按第六条审核并列出已纳入的组织。'),
    viewArea('enrolmentResult', '上一个报名的审核结果', {
      conditional: { hide: '=enrolmentResult = null or enrolmentResult = ""' },
    }),
    viewArea('enrolledText', '已纳入培育孵化的组织', {
      conditional: { hide: '=enrolledText = null or enrolledText = ""' },
    }),
    textfield('enrolmentName', 'enrolmentName', '组织名称', { validate: { required: true, maxLength: 100 } }),
    textfield('enrolmentCreditCode', 'enrolmentCreditCode', '统一社会信用代码', {
      validate: { required: true, pattern: CREDIT_CODE_PATTERN },
    }),
    decision('enrolmentKind', '组织类型（第六条）', [
      { label: '中小企业', value: 'sme' },
      { label: '社会组织', value: 'social-organization' },
      { label: '其他组织', value: 'other' },
    ]),
    checkbox('highTech', 'highTech', '科技含量高'),
    checkbox('innovative', 'innovative', '技术创新性强'),
    checkbox('competitive', 'competitive', '市场竞争力和成长性强'),
    checkbox('qualityLeader', 'qualityLeader', '质量管理水平在高新技术行业处于领先地位'),
    decision('moreEnrolments', '登记后', [
      { label: '继续登记下一个报名', value: 'more' },
      { label: '报名登记完毕，交第三方服务机构实施孵化', value: 'done' },
    ]),
  ],
  'incubation-programme': [
    intro(
      '## 实施培育孵化并报告\n第三方服务机构具体实施卓越绩效管理公益孵化（第十条第（七）项），报告孵化过程并确定结业名单。结业组织将被标记为下一评选年度的培育对象（第五条）。',
    ),
    view('incubationYear', '培育孵化年度'),
    viewArea('callText', '征集通知'),
    viewArea('enrolledText', '已纳入培育孵化的组织'),
    viewArea('supervisionNotes', '办公室监督意见', {
      conditional: { hide: '=supervisionNotes = null or supervisionNotes = ""' },
    }),
    reasons('programmeReport', '孵化实施情况报告'),
    {
      type: 'checklist',
      id: 'graduates',
      key: 'graduates',
      label: '结业名单',
      valuesKey: 'enrolledOptions',
    },
  ],
  'incubation-supervision': [
    intro('## 监督孵化过程\n审定委员会办公室对第三方服务机构的孵化过程进行监督（第十条第（七）项）。'),
    view('incubationYear', '培育孵化年度'),
    view('incubatorName', '第三方服务机构'),
    viewArea('enrolledText', '已纳入培育孵化的组织'),
    viewArea('programmeReport', '孵化实施情况报告'),
    {
      type: 'checklist',
      id: 'graduatesView',
      key: 'graduates',
      label: '结业名单',
      valuesKey: 'enrolledOptions',
      disabled: true,
    },
    decision('supervisionDecision', '监督意见', [
      { label: '认可孵化报告和结业名单', value: 'approve' },
      { label: '退回第三方服务机构补充', value: 'rework' },
    ]),
    reasons('supervisionNotes', '监督意见'),
  ],

  // records-retention (Art. 27)
  'retention-start': [
    intro(
      '## 资料保存期限核查\n区政府质量奖申报评审材料一般保存 10 年（第二十七条）。系统列出超过保存期限的申报和评审资料，经办公室批准后方可删除。',
    ),
    date('retentionAsOf', 'retentionAsOf', '基准日', { description: '不填则为今天' }),
  ],
  'retention-approval': [
    intro(
      '## 批准删除超过保存期限的资料\n第二十七条：以下资料已超过保存期限。批准后将删除所列资料，且仅删除所列资料；不批准则不删除任何资料。',
    ),
    view('retentionCutoff', '在此日期之前结束的资料'),
    viewArea('retentionReportText', '拟删除的资料'),
    decision('deletionDecision', '是否批准删除', [
      { label: '批准删除以上资料', value: 'approve' },
      { label: '不批准，继续保存', value: 'refuse' },
    ]),
    reasons('deletionReasons', '意见'),
  ],

  // award-cycle start (Art. 28)
  'edition-confirmation': [
    intro(
      '## 确认修订后的办法\n第二十八条：本办法自 2023 年 8 月 1 日起实施，有效期至 2028 年 7 月 31 日。评选年度的基准日不在任何已知办法版本的适用期内时，须先将修订后的办法作为数据添加（editions/ 目录或存储中的 rules_editions），再在此确认其版本编号。',
    ),
    viewArea('editionWarning', '问题'),
    view('editionAsOf', '评选年度基准日'),
    textfield('confirmedEdition', 'confirmedEdition', '修订后的办法版本编号', {
      description: '例如 2028',
      validate: { required: true, pattern: PATTERNS.applicationId.pattern },
    }),
  ],
};
