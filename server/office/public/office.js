/* global sessionStorage, URLSearchParams, location, history, getComputedStyle, setTimeout, URL, fetch, btoa, TextEncoder, FormData */
// The office workbench (办公室工作台): signs in with the person's engine account (HTTP Basic sent by
// fetch, kept for this browser tab only) and shows one cycle from /api/office/*.
(() => {
  const $ = (id) => document.getElementById(id);
  const KEY = 'office-auth';
  let auth = sessionStorage.getItem(KEY);
  let year = null;
  let charts = [];

  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    Object.assign(node, props);
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  };
  const fmt = (iso) => {
    if (!iso) return '';
    const d = new Date(iso);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  };
  const toast = (text) => {
    const t = $('toast');
    t.textContent = text;
    t.hidden = false;
    setTimeout(() => (t.hidden = true), 4000);
  };

  async function api(path, options = {}) {
    const res = await fetch(path, {
      ...options,
      headers: { Authorization: auth ?? '', ...(options.body ? { 'Content-Type': 'application/json' } : {}) },
    });
    if (res.status === 401) {
      signOut();
      throw new Error('登录已失效，请重新登录');
    }
    return res;
  }
  async function json(path, options) {
    const res = await api(path, options);
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      const issues = (body.issues ?? []).map((i) => i.message).join('；');
      throw new Error(issues || body.message || `请求失败（${res.status}）`);
    }
    return body;
  }

  function signOut() {
    auth = null;
    sessionStorage.removeItem(KEY);
    $('workbench').hidden = true;
    $('who').hidden = true;
    $('sign-in').hidden = false;
  }

  async function signIn(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    const user = String(form.get('username')).trim();
    auth = `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${form.get('password')}`)))}`;
    $('sign-in-error').textContent = '';
    const res = await fetch('/api/office/cycles', { headers: { Authorization: auth } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      auth = null;
      $('sign-in-error').textContent = body.message ?? `登录失败（${res.status}）`;
      return;
    }
    sessionStorage.setItem(KEY, auth);
    sessionStorage.setItem('office-user', user);
    start(body.cycles);
  }

  function start(cycles) {
    $('sign-in').hidden = true;
    $('workbench').hidden = false;
    $('who').hidden = false;
    $('who-name').textContent = `当前用户：${sessionStorage.getItem('office-user') ?? ''}`;
    const select = $('cycle-select');
    select.replaceChildren(...cycles.map((y) => el('option', { value: y, textContent: `${y} 年度` })));
    const wanted = new URLSearchParams(location.search).get('cycle');
    const first = wanted ?? cycles[0];
    loadExperts();
    if (first) open(first);
    else $('load-error').textContent = '尚无评选年度：请先在 Tasklist 启动“区政府质量奖年度评审”。';
  }

  async function open(y) {
    year = y;
    $('load-error').textContent = '';
    const select = $('cycle-select');
    if (![...select.options].some((o) => o.value === y))
      select.append(el('option', { value: y, textContent: `${y} 年度` }));
    select.value = y;
    history.replaceState(null, '', `/office?cycle=${y}`);
    try {
      render(await json(`/api/office/overview?cycle=${encodeURIComponent(y)}`));
      loadDisqualifications();
      $('loaded-at').textContent = `更新于 ${fmt(new Date().toISOString())}`;
    } catch (err) {
      $('load-error').textContent = err.message;
    }
  }

  const STAGE_CLASS = {
    awarded: 'end-good',
    'not-selected': 'end-bad',
    rejected: 'end-bad',
    'not-recommended': 'end-bad',
    withdrawn: 'end-bad',
  };

  function render(view) {
    const apps = view.applications;
    const problems = [
      ...(view.cycleState?.problems ?? []).map((p) => ({ ...p, app: null })),
      ...apps.flatMap((a) => a.problems.map((p) => ({ ...p, app: a }))),
    ];
    const overdue =
      apps.flatMap((a) => a.openTasks).filter((t) => t.overdue).length +
      (view.cycleState?.openTasks ?? []).filter((t) => t.overdue).length;
    const running = apps.filter((a) => !STAGE_CLASS[a.stage]).length;
    $('stats').replaceChildren(
      el('div', { className: 'stat' }, el('b', { textContent: apps.length }), '申报总数'),
      el('div', { className: 'stat' }, el('b', { textContent: running }), '评审中'),
      el(
        'div',
        { className: `stat${problems.length ? ' alert' : ''}` },
        el('b', { textContent: problems.length }),
        '待处理问题',
      ),
      el(
        'div',
        { className: `stat${overdue ? ' alert' : ''}` },
        el('b', { textContent: overdue }),
        '逾期待办',
      ),
    );

    const state = view.cycleState;
    $('cycle-state').replaceChildren(
      state
        ? el(
            'div',
            {},
            el(
              'p',
              {},
              el('span', {
                className: 'state',
                textContent:
                  state.state === 'ACTIVE' ? '进行中' : state.state === 'COMPLETED' ? '已结束' : state.state,
              }),
              ` ${state.businessKey}，启动于 ${fmt(state.startTime)}`,
            ),
            el('p', { className: 'muted', textContent: '当前环节：' }),
            el('ul', {}, ...state.waitingFor.map((w) => el('li', { textContent: w }))),
            state.openTasks.length
              ? el('p', { className: 'muted', textContent: `本届待办任务 ${state.openTasks.length} 项` })
              : null,
          )
        : el('p', { className: 'muted', textContent: `${view.cycle} 尚未启动年度评审。` }),
    );

    $('problems').replaceChildren(
      ...(problems.length
        ? problems.map((p) => {
            const box = el(
              'div',
              { className: 'problem' },
              el(
                'p',
                {},
                el('strong', {
                  textContent: p.app ? `${p.app.applicationId} ${p.app.applicantName}：` : '本届评审：',
                }),
                p.message,
              ),
            );
            if (p.fix) {
              const button = el('button', {
                type: 'button',
                className: 'primary small',
                textContent: p.action,
              });
              button.dataset.fix = p.fix;
              if (p.app) button.dataset.application = p.app.applicationId;
              button.addEventListener('click', () => fix(p, button));
              box.append(button);
            }
            return box;
          })
        : [el('p', { className: 'ok', textContent: '没有待处理的问题。' })]),
    );

    const tbody = $('applications');
    tbody.replaceChildren(
      ...(apps.length
        ? apps.map((a) => {
            const tasks = a.openTasks.map((t) =>
              el('span', {
                className: `task${t.overdue ? ' overdue' : ''}`,
                textContent: `${t.name}（${t.holder} · ${fmt(t.since)}${t.due ? ` · 期限 ${fmt(t.due)}` : ''}）`,
              }),
            );
            const row = el(
              'tr',
              { className: a.problems.length ? 'has-problem' : '' },
              el('td', { textContent: a.applicationId }),
              el(
                'td',
                {},
                a.applicantName,
                a.problems.length
                  ? el('div', {
                      className: 'muted',
                      textContent: a.problems.map((p) => p.message).join('；'),
                    })
                  : null,
              ),
              el('td', { textContent: a.kind === 'individual' ? '个人' : '组织' }),
              el(
                'td',
                {},
                el('span', { className: `badge ${STAGE_CLASS[a.stage] ?? ''}`, textContent: a.stageName }),
              ),
              el('td', {}, ...(tasks.length ? tasks : ['—'])),
              el('td', { textContent: a.openTasks.length ? `${a.waitingDays} 天` : '—' }),
            );
            row.dataset.application = a.applicationId;
            return row;
          })
        : [el('tr', {}, el('td', { colSpan: 6, className: 'muted', textContent: '本年度尚无申报。' }))]),
    );

    renderCharts(view);

    const LABELS = {
      applications: '申报汇总表',
      preliminary: '初选名单',
      'review-results': '评审结果汇总',
      proposal: '建议名单',
      publicity: '公示名单',
      awards: '获奖名单',
    };
    $('exports').replaceChildren(
      ...Object.entries(LABELS).map(([list, label]) => {
        const b = el('button', {
          type: 'button',
          textContent: `${label}.xlsx`,
          disabled: !view.exports[list],
          title: view.exports[list] ? '下载' : '本届评审尚未形成此名单',
        });
        b.dataset.list = list;
        b.addEventListener('click', () => download(list, label));
        return b;
      }),
    );
    $('publicity-link').href = `/office/publicity?cycle=${year}`;
  }

  function renderCharts(view) {
    for (const c of charts) c.destroy();
    charts = [];
    if (!window.Chart) return;
    const Chart = window.Chart;
    Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
    charts.push(
      new Chart($('funnel-chart'), {
        type: 'bar',
        data: {
          labels: view.funnel.map((f) => f.label),
          datasets: [
            {
              label: '申报数',
              data: view.funnel.map((f) => f.count),
              backgroundColor: ['#1f4e8c', '#2d63a8', '#3b78c4', '#5b93d6', '#86b0e3', '#c0392b'],
            },
          ],
        },
        options: {
          indexAxis: 'y',
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: false } },
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      }),
    );
    const bins = ['<60%', '60–70%', '70–80%', '80–90%', '≥90%'];
    const counts = bins.map(() => 0);
    for (const s of view.scores) {
      const share = s.maxTotal ? s.documentScore / s.maxTotal : 0;
      counts[share < 0.6 ? 0 : share >= 0.9 ? 4 : Math.floor((share - 0.5) * 10)]++;
    }
    $('score-note').textContent = view.scores.length
      ? `共 ${view.scores.length} 项申报的资料评审平均分，按满分的百分比分组。`
      : '资料评审结果汇总后显示。';
    charts.push(
      new Chart($('score-chart'), {
        type: 'bar',
        data: { labels: bins, datasets: [{ label: '申报数', data: counts, backgroundColor: '#2f7d4f' }] },
        options: {
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      }),
    );
  }

  let pendingFix = null;
  async function fix(problem, button) {
    if (problem.fix === 'correct-credit-code') {
      pendingFix = problem;
      $('fix-what').textContent =
        `${problem.app.applicationId} ${problem.app.applicantName}，当前填写的代码：${problem.app.creditCode ?? '（空）'}`;
      $('fix-credit-code').value = problem.app.creditCode ?? '';
      $('fix-error').textContent = '';
      $('fix-dialog').showModal();
      return;
    }
    button.disabled = true;
    try {
      const body =
        problem.fix === 'retry'
          ? { action: 'retry', cycle: year, incidentId: problem.incidentId }
          : { action: 'recheck-decisions', cycle: year };
      await json('/api/office/problems/fix', { method: 'POST', body: JSON.stringify(body) });
      toast('已处理，正在刷新…');
      setTimeout(() => open(year), 1500);
    } catch (err) {
      button.disabled = false;
      toast(err.message);
    }
  }

  async function submitFix(event) {
    event.preventDefault();
    const p = pendingFix;
    $('fix-submit').disabled = true;
    try {
      await json('/api/office/problems/fix', {
        method: 'POST',
        body: JSON.stringify({
          action: 'correct-credit-code',
          cycle: year,
          applicationId: p.app.applicationId,
          creditCode: $('fix-credit-code').value,
        }),
      });
      $('fix-dialog').close();
      toast('已更正统一社会信用代码并重新审查');
      setTimeout(() => open(year), 1500);
    } catch (err) {
      $('fix-error').textContent = err.message;
    } finally {
      $('fix-submit').disabled = false;
    }
  }

  async function download(list, label) {
    try {
      const res = await api(`/api/office/exports/${list}.xlsx?cycle=${encodeURIComponent(year)}`);
      if (!res.ok)
        throw new Error((await res.json().catch(() => ({}))).message ?? `导出失败（${res.status}）`);
      const url = URL.createObjectURL(await res.blob());
      const a = el('a', { href: url, download: `${year}年度${label}.xlsx` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      toast(err.message);
    }
  }

  async function loadExperts() {
    try {
      const { experts } = await json('/api/office/experts');
      $('experts').replaceChildren(
        ...(experts.length
          ? experts.map((e) => {
              const edit = el('button', { type: 'button', className: 'small', textContent: '编辑' });
              edit.addEventListener('click', () => editExpert(e));
              const toggle = el('button', {
                type: 'button',
                className: 'small',
                textContent: e.active ? '停用' : '恢复',
              });
              toggle.dataset.toggle = e.id;
              toggle.addEventListener('click', () =>
                expertAction(
                  `/api/office/experts/${encodeURIComponent(e.id)}/active`,
                  { active: !e.active },
                  e.active ? '已停用' : '已恢复',
                ),
              );
              const invite = el('button', {
                type: 'button',
                className: 'small',
                textContent: '开通账号',
                disabled: !e.active,
              });
              invite.dataset.invite = e.id;
              invite.addEventListener('click', () =>
                expertAction(
                  `/api/office/experts/${encodeURIComponent(e.id)}/invite`,
                  {},
                  `已向 ${e.email} 发送账号开通邀请`,
                ),
              );
              const row = el(
                'tr',
                {},
                el('td', { textContent: e.id }),
                el('td', { textContent: e.name }),
                el('td', { textContent: `${e.yearsOfExperience} 年` }),
                el('td', { textContent: e.trained ? '是' : '否' }),
                el('td', { textContent: e.ethicsPledgeSigned ? '已签署' : '未签署' }),
                el('td', { textContent: e.specialties.join('、') }),
                el('td', { textContent: e.email }),
                el(
                  'td',
                  {},
                  e.qualified
                    ? el('span', { className: 'qualified', textContent: '符合' })
                    : el('span', {
                        className: 'unqualified',
                        textContent: e.qualificationFailures.join('；'),
                      }),
                ),
                el('td', { textContent: e.active ? '在库' : '已停用' }),
                el('td', {}, edit, toggle, invite),
              );
              row.dataset.expert = e.id;
              if (!e.active) row.className = 'inactive';
              return row;
            })
          : [el('tr', {}, el('td', { colSpan: 10, className: 'muted', textContent: '专家库为空。' }))]),
      );
    } catch (err) {
      $('experts').replaceChildren(
        el('tr', {}, el('td', { colSpan: 10, className: 'error', textContent: err.message })),
      );
    }
  }

  // Art. 26: the cycle's reviewers to choose from, and the experts already disqualified.
  async function loadDisqualifications() {
    $('disq-error').textContent = '';
    try {
      const { reviewers, disqualifications } = await json(
        `/api/office/disqualifications?cycle=${encodeURIComponent(year)}`,
      );
      const open = reviewers.filter((r) => !r.disqualified);
      $('disq-expert').replaceChildren(
        el('option', { value: '', textContent: open.length ? '请选择专家' : '本届暂无可取消资格的评审专家' }),
        ...open.map((r) =>
          el('option', {
            value: r.expertId,
            textContent: `${r.name}（${r.expertId}）：${r.applications
              .map((a) => `${a.applicantName}${a.lead ? '【组长】' : ''}·${a.statusText}`)
              .join('、')}`,
          }),
        ),
      );
      $('disq-submit').disabled = open.length === 0;
      $('disqualifications').replaceChildren(
        ...(disqualifications.length
          ? disqualifications.map((d) =>
              el(
                'tr',
                {},
                el('td', { textContent: `${d.name}（${d.expertId}）` }),
                el('td', { textContent: d.reason }),
                el('td', { textContent: d.decidedBy }),
                el('td', { textContent: fmt(d.decidedAt) }),
              ),
            )
          : [
              el(
                'tr',
                {},
                el('td', { colSpan: 4, className: 'muted', textContent: '本届尚无被取消评审资格的专家。' }),
              ),
            ]),
      );
    } catch (err) {
      $('disq-error').textContent = err.message;
    }
  }

  async function submitDisqualification(event) {
    event.preventDefault();
    const expertId = $('disq-expert').value;
    const reason = $('disq-reason').value.trim();
    $('disq-error').textContent = '';
    if (!expertId) {
      $('disq-error').textContent = '请选择要取消评审资格的专家';
      return;
    }
    if (!window.confirm(`确定依第二十六条取消专家 ${expertId} 在 ${year} 年度的评审资格？此操作不可撤销。`))
      return;
    $('disq-submit').disabled = true;
    try {
      const body = await json('/api/office/disqualifications', {
        method: 'POST',
        body: JSON.stringify({ cycle: year, expertId, reason }),
      });
      $('disq-reason').value = '';
      toast(body.message);
      loadDisqualifications();
    } catch (err) {
      $('disq-error').textContent = err.message;
    } finally {
      $('disq-submit').disabled = false;
    }
  }

  async function expertAction(url, body, done) {
    try {
      await json(url, { method: 'POST', body: JSON.stringify(body) });
      toast(done);
      loadExperts();
    } catch (err) {
      toast(err.message);
    }
  }

  async function importFile(event) {
    const file = event.target.files[0];
    event.target.value = '';
    if (!file) return;
    $('import-error').textContent = '';
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    try {
      const res = await api('/api/office/experts/import', {
        method: 'POST',
        body: JSON.stringify({ fileName: file.name, content: btoa(binary) }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        $('import-error').textContent = [
          body.message ?? body.issues?.map((i) => i.message).join('；') ?? `导入失败（${res.status}）`,
          ...(body.problems ?? []).map((p) => p.message),
        ].join('\n');
        return;
      }
      const c = body.counts;
      toast(
        `导入完成：新增 ${c.inserted}、更新 ${c.updated}、未变 ${c.unchanged}；符合第十二条 ${c.qualified} 人`,
      );
      loadExperts();
    } catch (err) {
      $('import-error').textContent = err.message;
    }
  }

  function editExpert(expert) {
    const form = $('expert-form');
    form.reset();
    $('expert-error').textContent = '';
    $('expert-title').textContent = expert ? `编辑评审专家：${expert.name}` : '新增评审专家';
    form.elements.id.readOnly = !!expert;
    if (expert) {
      for (const key of ['id', 'name', 'organizationCreditCode', 'yearsOfExperience', 'email'])
        form.elements[key].value = expert[key] ?? '';
      form.elements.specialties.value = expert.specialties.join('、');
      form.elements.trained.checked = expert.trained;
      form.elements.ethicsPledgeSigned.checked = expert.ethicsPledgeSigned;
    }
    $('expert-dialog').showModal();
  }

  async function saveExpert(event) {
    event.preventDefault();
    const f = $('expert-form').elements;
    const body = {
      id: f.id.value.trim(),
      name: f.name.value.trim(),
      ...(f.organizationCreditCode.value.trim()
        ? { organizationCreditCode: f.organizationCreditCode.value.trim() }
        : {}),
      yearsOfExperience: Number(f.yearsOfExperience.value),
      trained: f.trained.checked,
      ethicsPledgeSigned: f.ethicsPledgeSigned.checked,
      specialties: f.specialties.value
        .split(/[、;；,，]/)
        .map((s) => s.trim())
        .filter(Boolean),
      email: f.email.value.trim(),
      conflicts: [],
    };
    try {
      await json('/api/experts', { method: 'POST', body: JSON.stringify(body) });
      $('expert-dialog').close();
      toast('已保存');
      loadExperts();
    } catch (err) {
      $('expert-error').textContent = err.message;
    }
  }

  $('expert-add').addEventListener('click', () => editExpert(null));
  $('expert-file').addEventListener('change', importFile);
  $('expert-cancel').addEventListener('click', () => $('expert-dialog').close());
  $('expert-form').addEventListener('submit', saveExpert);
  $('disq-form').addEventListener('submit', submitDisqualification);
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('fix-form').addEventListener('submit', submitFix);
  $('fix-cancel').addEventListener('click', () => $('fix-dialog').close());
  $('cycle-select').addEventListener('change', (e) => open(e.target.value));
  $('open-cycle').addEventListener('click', () => {
    const y = $('cycle-year').value.trim();
    if (/^\d{4}$/.test(y)) open(y);
    else toast('请输入四位年份');
  });
  $('refresh').addEventListener('click', () => year && open(year));
  if (auth)
    json('/api/office/cycles')
      .then((b) => start(b.cycles))
      .catch(() => signOut());
})();
