// The applicant's intake page (GET /apply) and its script: plain HTML in Chinese, no Camunda account.
import { RECOMMENDING_UNITS } from '../../domain/units.js';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const STYLE = `
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:860px;margin:0 auto;padding:16px;color:#222;line-height:1.6}
h1{font-size:22px;border-bottom:2px solid #b22;padding-bottom:6px}h2{font-size:17px;margin-top:22px}
fieldset{border:1px solid #ccc;border-radius:6px;margin:12px 0;padding:10px 14px}legend{font-weight:bold}
label{display:block;margin:6px 0}label.inline{display:inline-block;margin-right:16px}
input[type=text],input[type=email],input[type=tel],input[type=date],input[type=number],select,textarea{width:100%;box-sizing:border-box;padding:5px;font-size:14px}
button{padding:7px 18px;font-size:15px;margin-top:8px}.hint{color:#666;font-size:13px}
#result{margin-top:16px;padding:10px;border-radius:6px;white-space:pre-wrap}
#result.ok{background:#eef8ee;border:1px solid #7b7}#result.err{background:#fdeeee;border:1px solid #d88}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:4px;font-size:14px;text-align:left}
.hidden{display:none}`;

/** GET /apply: the 申报表 (organization → 先进质量管理模式, individual → 先进质量管理成果). */
export function intakePage(opts: { year: string; maxFileMb: number; maxEvidenceFiles: number }): string {
  const units = RECOMMENDING_UNITS.map((u) => `<option value="${esc(u.id)}">${esc(u.name)}</option>`).join(
    '',
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>宝山区政府质量奖 在线申报</title><style>${STYLE}</style></head>
<body>
<h1>上海市宝山区政府质量奖 在线申报</h1>
<p class="hint">依据《宝山区政府质量奖管理办法》第十八条第（二）项：申报人在申报期内提交申报表、自我评价报告和证实性材料，由所在街镇（园区）或主管部门签署推荐意见。带 * 的为必填项。</p>
<form id="intake" novalidate>
<fieldset><legend>申报年度与类别</legend>
<label>评选年度 *<input type="text" name="cycle" id="cycle" value="${esc(opts.year)}" pattern="\\d{4}" required></label>
<label class="inline"><input type="radio" name="kind" value="organization" checked> 组织申报（先进质量管理模式）</label>
<label class="inline"><input type="radio" name="kind" value="individual"> 个人申报（先进质量管理成果）</label>
</fieldset>

<fieldset id="org"><legend>组织信息</legend>
<label>组织名称 *<input type="text" id="orgName" maxlength="100"></label>
<label>统一社会信用代码 *<input type="text" id="creditCode" maxlength="18" placeholder="18 位，含校验位"></label>
<label>注册登记地（区） *<input type="text" id="registeredDistrict" value="宝山区"></label>
<label>登记注册日期 *<input type="date" id="registrationDate"></label>
<label class="inline"><input type="checkbox" id="licensesValid"> 具备相关资质或证照，符合产业导向、环保、安全生产、质量等法规政策要求（第十四条第（二）项）</label>
<label class="inline"><input type="checkbox" id="chiefQualityOfficer"> 实施首席质量官制度（第十四条第（五）项）</label>
</fieldset>

<fieldset id="ind" class="hidden"><legend>个人信息</legend>
<label>姓名 *<input type="text" id="indName" maxlength="50"></label>
<label>居民身份证号码 *<input type="text" id="idNumber" maxlength="18"></label>
<label>从事质量工作起始日期 *<input type="date" id="qualityWorkSince"></label>
<label class="inline"><input type="checkbox" id="worksInBaoshan"> 在宝山区从事质量工作（第三条）</label>
<label class="inline"><input type="checkbox" id="contributesToBaoshan"> 为宝山区质量工作做出贡献（第三条）</label>
<label>所属组织名称<input type="text" id="employerName" maxlength="100"></label>
<label>所属组织统一社会信用代码<input type="text" id="employerCreditCode" maxlength="18"></label>
</fieldset>

<fieldset><legend>联系人与推荐单位</legend>
<label>联系人 *<input type="text" id="contactName" maxlength="50"></label>
<label>联系电话 *<input type="tel" id="contactPhone" maxlength="30"></label>
<label>联系邮箱 *（受理确认和进度链接发送到此邮箱）<input type="email" id="contactEmail" maxlength="200"></label>
<label>推荐单位（街镇、园区或主管部门） *<select id="recommendingUnit"><option value="">请选择</option>${units}</select></label>
</fieldset>

<fieldset><legend>申报声明（第十四条、第十五条、第十六条）</legend>
<p class="hint">如实填写近三年内的行政处罚、拒不整改、重大事故、重大投诉，以及任何时候的严重违法行为；所属组织的记录（个人申报）一并填写。</p>
<table id="sanctions"><thead><tr><th>类型</th><th>日期</th><th>说明</th><th></th></tr></thead><tbody></tbody></table>
<button type="button" id="addSanction">添加一条处罚或事故记录</button>
<label class="inline"><input type="checkbox" id="seriousViolation"> 本人曾发生严重违反法律法规的行为（第十五条第（三）项，个人申报）</label>
<h2>获奖情况（第十六条）</h2>
<table id="awards"><thead><tr><th>级别</th><th>类别</th><th>获奖年份</th><th>奖项名称</th><th></th></tr></thead><tbody></tbody></table>
<button type="button" id="addAward">添加一条获奖记录</button>
<label class="inline"><input type="checkbox" id="municipalApplicationSameYear"> 本年度同时申报上海市政府质量奖（第十六条第三款）</label>
</fieldset>

<fieldset><legend>申报材料</legend>
<p class="hint">接受 PDF、DOCX、JPEG、PNG 文件（按文件内容识别），每个不超过 ${opts.maxFileMb} MB；证实性材料最多 ${opts.maxEvidenceFiles} 个。</p>
<label>自我评价报告 *<input type="file" id="selfEvaluation" accept=".pdf,.docx,.jpg,.jpeg,.png"></label>
<label>证实性材料 *（可多选）<input type="file" id="evidence" multiple accept=".pdf,.docx,.jpg,.jpeg,.png"></label>
</fieldset>

<label class="inline"><input type="checkbox" id="truthfulDeclaration"> 本人（单位）承诺所提供的申报材料真实，如有弄虚作假，愿承担取消荣誉资格等后果（第二十五条） *</label>
<div><button type="submit" id="submit">提交申报</button></div>
</form>
<div id="result" class="hidden" role="status"></div>
<script src="/apply/intake.js"></script>
</body></html>`;
}

/** The page's script (served from /apply/intake.js: the CSP allows only the server's own scripts). */
export const INTAKE_SCRIPT = String.raw`(function () {
  var $ = function (id) { return document.getElementById(id); };
  var form = $('intake');
  var SANCTIONS = [['serious-penalty','严重行政处罚'],['rectification-refused','拒不整改'],['major-accident','重大安全、质量、环境事故'],['major-complaint','重大投诉'],['serious-violation','严重违法行为']];
  var LEVELS = [['district','区级'],['municipal','市级'],['national','国家级']];
  var CATEGORIES = [['model','先进质量管理模式'],['achievement','先进质量管理成果']];
  function select(options, cls) {
    var s = document.createElement('select'); s.className = cls;
    options.forEach(function (o) { var e = document.createElement('option'); e.value = o[0]; e.textContent = o[1]; s.appendChild(e); });
    return s;
  }
  function input(type, cls) { var i = document.createElement('input'); i.type = type; i.className = cls; return i; }
  function row(table, cells) {
    var tr = document.createElement('tr');
    cells.forEach(function (c) { var td = document.createElement('td'); td.appendChild(c); tr.appendChild(td); });
    var del = document.createElement('button'); del.type = 'button'; del.textContent = '删除';
    del.onclick = function () { tr.remove(); };
    var td = document.createElement('td'); td.appendChild(del); tr.appendChild(td);
    $(table).querySelector('tbody').appendChild(tr);
  }
  $('addSanction').onclick = function () { row('sanctions', [select(SANCTIONS, 's-type'), input('date', 's-date'), input('text', 's-desc')]); };
  $('addAward').onclick = function () { row('awards', [select(LEVELS, 'a-level'), select(CATEGORIES, 'a-cat'), input('number', 'a-year'), input('text', 'a-title')]); };
  function kind() { return form.querySelector('input[name=kind]:checked').value; }
  function toggle() { var org = kind() === 'organization'; $('org').classList.toggle('hidden', !org); $('ind').classList.toggle('hidden', org); }
  Array.prototype.forEach.call(form.querySelectorAll('input[name=kind]'), function (r) { r.onchange = toggle; });
  function val(id) { return $(id).value.trim(); }
  function rows(table, f) { return Array.prototype.map.call($(table).querySelectorAll('tbody tr'), f); }
  function sanctions() {
    return rows('sanctions', function (tr) { return { type: tr.querySelector('.s-type').value, date: tr.querySelector('.s-date').value, description: tr.querySelector('.s-desc').value.trim() }; });
  }
  function awards() {
    return rows('awards', function (tr) {
      var a = { level: tr.querySelector('.a-level').value, category: tr.querySelector('.a-cat').value, year: Number(tr.querySelector('.a-year').value) };
      var t = tr.querySelector('.a-title').value.trim(); if (t) a.title = t; return a;
    });
  }
  function applicant() {
    var common = { awards: awards(), municipalApplicationSameYear: $('municipalApplicationSameYear').checked };
    if (kind() === 'organization') return Object.assign({ kind: 'organization', name: val('orgName'), creditCode: val('creditCode'),
      registeredDistrict: val('registeredDistrict'), registrationDate: val('registrationDate'), licensesValid: $('licensesValid').checked,
      chiefQualityOfficer: $('chiefQualityOfficer').checked, sanctions: sanctions() }, common);
    var a = Object.assign({ kind: 'individual', name: val('indName'), idNumber: val('idNumber'), worksInBaoshan: $('worksInBaoshan').checked,
      contributesToBaoshan: $('contributesToBaoshan').checked, qualityWorkSince: val('qualityWorkSince'), seriousViolation: $('seriousViolation').checked }, common);
    if (val('employerName') || val('employerCreditCode')) a.employer = { name: val('employerName'), creditCode: val('employerCreditCode'), sanctions: sanctions() };
    return a;
  }
  var LABELS = { 'application.applicant.creditCode': '统一社会信用代码', 'application.applicant.idNumber': '居民身份证号码', 'application.contact.email': '联系邮箱', 'application.contact.phone': '联系电话', 'application.recommendingUnit': '推荐单位', selfEvaluation: '自我评价报告', evidence: '证实性材料' };
  function show(ok, text) { var r = $('result'); r.className = ok ? 'ok' : 'err'; r.textContent = text; }
  var key = null;
  form.onsubmit = function (e) {
    e.preventDefault();
    var data = new FormData();
    data.append('application', JSON.stringify({ cycle: val('cycle'), applicant: applicant(), recommendingUnit: $('recommendingUnit').value,
      contact: { name: val('contactName'), phone: val('contactPhone'), email: val('contactEmail') }, truthfulDeclaration: $('truthfulDeclaration').checked }));
    Array.prototype.forEach.call($('selfEvaluation').files, function (f) { data.append('selfEvaluation', f, f.name); });
    Array.prototype.forEach.call($('evidence').files, function (f) { data.append('evidence', f, f.name); });
    // One key per filled-in form: a retry after a timeout is recognised as the same submission.
    key = key || (Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12));
    $('submit').disabled = true;
    show(true, '正在提交……');
    fetch('/api/applications', { method: 'POST', body: data, headers: { 'Idempotency-Key': key } })
      .then(function (res) { return res.json().then(function (body) { return { status: res.status, body: body }; }); })
      .then(function (r) {
        $('submit').disabled = false;
        if (r.status === 201 || r.status === 200) {
          var b = r.body;
          show(true, '申报已受理。申报编号：' + b.applicationId + '\n业务编号：' + b.businessKey + (b.statusUrl ? '\n查看进度：' + new URL(b.statusUrl, location.href).href : '') + '\n受理确认和进度链接已发送到联系邮箱。');
          if (b.statusUrl) { var a = document.createElement('a'); a.href = b.statusUrl; a.id = 'statusLink'; a.textContent = '打开申报进度页面'; $('result').appendChild(document.createElement('br')); $('result').appendChild(a); }
          return;
        }
        if (r.status === 400 || r.status === 409 || r.status === 413 || r.status === 415) key = r.status === 409 ? key : null;
        var lines = (r.body.issues || []).map(function (i) { return '• ' + (LABELS[i.path] || i.path) + '：' + i.message; });
        show(false, '申报未提交：' + (r.body.message || '') + (lines.length ? '\n' + lines.join('\n') : ''));
      })
      .catch(function (err) { $('submit').disabled = false; show(false, '网络错误，申报可能未提交，请再点一次“提交申报”（不会重复申报）：' + err.message); });
  };
})();
`;
