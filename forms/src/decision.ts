// Forms of the award-cycle decision phase (Art. 7, 9, 18 (7)(8), 19, 21): proposal, 审定, 区政府批准,
// 公示 and objections, 发文公告; and two review-stage forms of the same diagram (Art. 11, 18 (4)(5)):
// the 组长's reconciliation of deviating scores and the office's site-visit schedule.
import { date, decision, intro, reasons, textfield, type Component, view, viewArea } from './components.js';

const hideEmpty = (key: string) => ({ conditional: { hide: `=${key} = null or ${key} = ""` } });

/** The proposal, the scores and the reports, read-only (Art. 18 (6)). */
const listAndReview: Component[] = [
  view('year', '评选年度'),
  viewArea('awardsText', '获奖建议名单'),
  viewArea('proposalNotesText', '并列、分差接近与空缺的奖项', hideEmpty('proposalNotesText')),
  viewArea('reviewSummaryText', '评审结果（排名、评分、现场评审报告、综合评价报告）'),
];

// The list is edited as lines of text (domain/awards.ts formatAwardLines / parseAwardLines): Camunda 7.24
// Tasklist keeps 完成 disabled for a form-js dynamic list. check-quotas reads the lines back into `awards`.
export const decisionForms: Record<string, Component[]> = {
  'award-proposal': [
    intro(
      '## 调整建议名单\n审定委员会办公室根据综合评价报告结合区域发展实际，提出区政府质量奖建议名单（第十八条第（六）项）。每届区长质量奖先进质量管理模式不超过 2 个、成果不超过 1 个，质量金奖模式不超过 10 个、成果不超过 2 个，所有奖项均可空缺（第七条）；奖金不超过第十九条的上限。提交后自动核对名额与奖金。',
    ),
    viewArea('quotaViolationsText', '名额与奖金核对未通过，请调整', hideEmpty('quotaViolationsText')),
    viewArea('committeeReasons', '审定委员会退回意见', {
      conditional: { hide: '=committeeDecision != "return"' },
    }),
    viewArea('governmentReasons', '区政府退回意见', {
      conditional: { hide: '=governmentDecision != "return"' },
    }),
    ...listAndReview,
    {
      type: 'textarea',
      id: 'awardsLines',
      key: 'awardsLines',
      label: '获奖名单（每行一项，可删除、增加或修改等级与奖金）',
      description:
        '格式：申报编号 | 奖项等级（区长质量奖 / 质量金奖） | 奖金（元） | 名称（仅供核对）。申报编号须在上方评审结果中；类别按申报类型确定（组织为先进质量管理模式，个人为先进质量管理成果，第二条）。删除一行即不授奖；提交后自动核对第七条名额和第十九条奖金上限，不符合的退回并列明问题。',
      validate: { required: true },
    },
    date('publicityStartDate', 'publicityStartDate', '公示开始日期（选填）', {
      description:
        '区政府批准后向社会公示（第十八条第（七）项）。留空则自批准后的下一个工作日开始；所填日期不晚于批准日的，同样自批准后的下一个工作日开始。',
    }),
  ],
  'committee-review': [
    intro(
      '## 审定获奖建议名单\n审定委员会听取评审工作报告，审定获奖建议名单形成拟获奖名单（第九条第（三）项、第十八条第（七）项）。同意的，报区政府批准；不同意的，写明理由退回审定委员会办公室。审定前，与申报者存在利害关系的委员声明回避（第二十六条）。',
    ),
    ...listAndReview,
    {
      type: 'textarea',
      id: 'committeeRecusalsLines',
      key: 'committeeRecusalsLines',
      label: '委员回避声明（第二十六条）',
      description:
        '与申报者存在利害关系的委员应当回避，不参与对该申报者的审定和表决。每行一项：委员账号 | 申报编号 | 利害关系说明；无人回避的留空。',
      validate: { maxLength: 4000 },
    },
    {
      type: 'textarea',
      id: 'committeeVotesLines',
      key: 'committeeVotesLines',
      label: '委员表决（选填）',
      description:
        '每行一项：委员账号 | 申报编号 | 同意 或 不同意。已声明回避的委员对该申报者的表决不计入，审定记录列明回避的委员。',
      validate: { maxLength: 8000 },
    },
    decision('committeeDecision', '审定结论', [
      { label: '同意，形成拟获奖名单报区政府批准', value: 'approve' },
      { label: '退回办公室调整', value: 'return' },
    ]),
    reasons('committeeReasons', '审定意见'),
  ],
  'government-approval': [
    intro(
      '## 区政府批准拟获奖名单\n审定委员会办公室将拟获奖名单上报区政府批准；批准后向社会公示不少于 5 个工作日（第十八条第（七）项）。',
    ),
    ...listAndReview,
    viewArea('committeeReasons', '审定委员会审定意见'),
    decision('governmentDecision', '批复', [
      { label: '批准，向社会公示', value: 'approve' },
      { label: '退回办公室调整', value: 'return' },
    ]),
    reasons('governmentReasons', '批复意见'),
  ],
  'objection-review': [
    intro(
      '## 核查异议\n公示期间收到对拟获奖名单的异议（第十八条第（七）项）。审定委员会办公室核查后作出结论：异议成立的，撤销该申报的拟获奖资格，变更后的名单重新核对名额，并重新报审定委员会审定、区政府批准后方可发文（第十八条第（七）（八）项）；公示在所有异议处理完毕前不结束。',
    ),
    view('objectionId', '异议编号'),
    view('objectionApplicationId', '所涉申报'),
    view('objectionApplicantName', '所涉组织或个人'),
    viewArea('objectionReason', '异议事实和理由'),
    view('objectionFiledBy', '提出人'),
    viewArea('awardsText', '拟获奖名单'),
    decision('objectionDecision', '核查结论', [
      { label: '异议成立，撤销该申报的拟获奖资格', value: 'upheld' },
      { label: '异议不成立', value: 'dismissed' },
    ]),
    reasons('objectionFindings', '核查情况'),
  ],
  'award-announcement': [
    intro(
      '## 发文公告\n公示无异议（或异议已处理）后，由区政府发文，向社会公告获奖名单（第十八条第（八）项）；随后登记获奖、颁发证书并表彰奖励（第十九条）。',
    ),
    view('year', '评选年度'),
    viewArea('awardsText', '获奖名单'),
    view('publicityStart', '公示开始日期'),
    view('publicityEnd', '公示结束日期'),
    textfield('documentNumber', 'documentNumber', '区政府发文文号', {
      description: '例如：宝府〔2031〕12号',
      validate: { required: true, minLength: 2, maxLength: 100 },
    }),
    date('documentDate', 'documentDate', '发文日期', { validate: { required: true } }),
  ],
  // Review stage (Art. 11, 18 (4)): the 组长 reconciles strongly deviating reviewers before the report.
  'score-reconciliation': [
    intro(
      '## 协调评分偏差\n评审专家组实行组长负责制（第十一条）。下列申报有评审专家的资料评审总分与评审组中位数相差较大；组长与相关专家沟通核实后，记录协调情况，再形成资料评审报告（第十八条第（四）项）。',
    ),
    view('reconcileApplicationId', '申报编号'),
    view('reconcileApplicantName', '申报组织或个人'),
    view('reconcileReviewers', '评分偏差较大的评审专家'),
    viewArea('scoreRankingText', '资料评审排名'),
    reasons('reconciliationNote', '协调情况'),
  ],
  // Review stage (Art. 18 (5)): the office schedules each site visit before the team reports.
  'site-visit-schedule': [
    intro(
      '## 安排现场评审\n审定委员会办公室组织评审专家组进行现场评审（第十八条第（五）项）。确定日期和地点后，系统通知评审组和申报者。',
    ),
    view('reviewApplicationId', '申报编号'),
    view('reviewApplicantName', '申报组织或个人'),
    date('siteVisitDate', 'siteVisitDate', '现场评审日期', {
      description: '今天或以后的日期',
      disallowPassedDates: true,
      validate: { required: true },
    }),
    textfield('siteVisitPlace', 'siteVisitPlace', '现场评审地点', {
      validate: { required: true, minLength: 2, maxLength: 200 },
    }),
  ],
};
