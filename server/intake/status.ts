// The applicant's status page (issue 14 (6)): the stage of their own application and what has been
// decided, reached only with the secret token of the confirmation e-mail (stored hashed).
import type { EngineRest } from '../../camunda/rest.js';
import { findUnit } from '../../domain/units.js';
import type { StoredApplication } from '../../store/applications.js';
import { STYLE } from './page.js';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface ApplicationStatus {
  stage: string;
  decisions: { what: string; result: string; reasons?: string }[];
}

const ENDS: Record<string, string> = {
  End_Accepted: '已正式受理，进入评审（第十八条第（三）项）',
  End_Rejected: '资格审查未通过，不予受理（第十八条第（三）项）',
  End_Refused: '未获推荐单位推荐，申报结束（第十八条第（二）项）',
};

const RUNNING: Record<string, string> = {
  Task_Recommend: '等待推荐单位签署推荐意见（第十八条第（二）项）',
  Task_NotifyRecommended: '已获推荐，即将进行资格审查',
  Task_EligibilityCheck: '资格审查中（第十八条第（三）项）',
  Task_EligibilityReview: '资格审查中（第十八条第（三）项）',
  Task_DepartmentOpinion: '资格审查中：正在征求相关部门书面意见（第十八条第（三）项）',
  Task_CollectOpinions: '资格审查中：正在汇总相关部门意见（第十八条第（三）项）',
};

/** The application's stage and decisions from the engine's history, with nothing of anyone else. */
export async function applicationStatus(
  engine: EngineRest,
  processInstanceId: string,
): Promise<ApplicationStatus> {
  const hist = await engine.get(`/history/process-instance/${processInstanceId}`);
  const acts = await engine.get(
    `/history/activity-instance?processInstanceId=${processInstanceId}&sortBy=startTime&sortOrder=asc`,
  );
  const names = 'recommendationDecision,recommendationOpinion,reviewDecision,reviewReasons';
  const vars = await engine.get(
    `/history/variable-instance?processInstanceId=${processInstanceId}&variableNameIn=${names}&deserializeValues=false`,
  );
  const v = (name: string) => {
    const value = vars.find((x) => x.name === name)?.value;
    return typeof value === 'string' && value ? value : undefined;
  };
  let stage = '已提交，等待处理';
  const end = acts.find((a) => a.activityType === 'noneEndEvent' && ENDS[a.activityId ?? '']);
  if (end) stage = ENDS[end.activityId ?? '']!;
  else if (hist.state !== 'ACTIVE') stage = '申报流程已结束';
  else {
    const open = acts.filter((a) => !a.endTime && RUNNING[a.activityId ?? '']);
    if (open.length) stage = RUNNING[open[open.length - 1]!.activityId ?? '']!;
  }
  const decisions: ApplicationStatus['decisions'] = [];
  const rec = v('recommendationDecision');
  if (rec)
    decisions.push({
      what: '推荐意见',
      result: rec === 'approve' ? '同意推荐' : '不予推荐',
      reasons: v('recommendationOpinion'),
    });
  const review = v('reviewDecision');
  if (end && (review === 'accept' || review === 'reject'))
    decisions.push({
      what: '资格审查',
      result: review === 'accept' ? '正式受理' : '不予受理',
      reasons: v('reviewReasons'),
    });
  return { stage, decisions };
}

/** The status page's HTML. */
export function statusPage(app: StoredApplication, status: ApplicationStatus | undefined): string {
  const unit = findUnit(app.recommendingUnit)?.name ?? app.recommendingUnit;
  const decisions = status?.decisions.length
    ? `<ul>${status.decisions
        .map(
          (d) =>
            `<li><strong>${esc(d.what)}</strong>：${esc(d.result)}${d.reasons ? `<br><span class="hint">${esc(d.reasons)}</span>` : ''}</li>`,
        )
        .join('')}</ul>`
    : '<p>尚无决定。</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>申报进度 ${esc(app.id)}</title><style>${STYLE}</style></head>
<body><h1>宝山区政府质量奖 申报进度</h1>
<table>
<tr><th>申报编号</th><td>${esc(app.id)}</td></tr>
<tr><th>申报主体</th><td>${esc(app.applicantName)}（${app.kind === 'organization' ? '组织，先进质量管理模式' : '个人，先进质量管理成果'}）</td></tr>
<tr><th>推荐单位</th><td>${esc(unit)}</td></tr>
<tr><th>提交时间</th><td>${esc(new Date(app.submittedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }))}</td></tr>
<tr><th>已提交材料</th><td>${app.files
    .map((f) => `${f.role === 'self-evaluation' ? '自我评价报告' : '证实性材料'}：${esc(f.fileName)}`)
    .join('<br>')}</td></tr>
<tr><th>当前阶段</th><td id="stage">${esc(status?.stage ?? '进度暂时无法查询（流程引擎未连接），请稍后刷新')}</td></tr>
</table>
<h2>已作出的决定</h2>${decisions}
<p class="hint">此页面凭受理确认邮件中的链接查看，请勿转发。如需更正申报信息，请联系审定委员会办公室。</p>
</body></html>`;
}

/** The materials page: the application's files as download links (attachments), for its readers. */
export function materialsPage(app: StoredApplication): string {
  const rows = app.files
    .map((f) => {
      const url = `/api/applications/${encodeURIComponent(app.id)}/files/${f.role}/${f.position}`;
      return `<tr><td>${f.role === 'self-evaluation' ? '自我评价报告' : '证实性材料'}</td><td><a href="${esc(url)}" download>${esc(f.fileName)}</a></td><td>${Math.ceil(f.size / 1024)} KB</td><td class="hint">${esc(f.sha256.slice(0, 16))}…</td></tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>申报材料 ${esc(app.id)}</title><style>${STYLE}</style></head>
<body><h1>申报材料：${esc(app.applicantName)}（${esc(app.businessKey)}）</h1>
<table><thead><tr><th>材料</th><th>文件（下载）</th><th>大小</th><th>SHA-256</th></tr></thead><tbody>${rows}</tbody></table>
<p class="hint">评审内容保密，材料仅供评审使用，不得外传（第二十六条）。每次下载均记入审计记录。</p>
</body></html>`;
}
