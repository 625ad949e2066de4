import 'camunda-bpmn-js/dist/assets/camunda-platform-modeler.css';
import './modeler.css';
import Modeler from 'camunda-bpmn-js/lib/camunda-platform/Modeler';
import { translateModule } from './translate.js';

// The modeler page: open a project diagram or a deployed version, edit it with the Camunda 7
// properties panel and our element templates, see lint problems on the diagram and in a list,
// compare with the deployed version, and deploy with one's own engine credentials.

interface Diagram {
  key: string;
  name: string;
  file: string;
}
interface Problem {
  id: string;
  name?: string;
  rule: string;
  category: 'error' | 'warn';
  message: string;
}
interface Change {
  label: string;
  before?: string;
  after?: string;
}
interface ElementRef {
  id: string;
  type: string;
  name?: string;
}
interface Diff {
  added: ElementRef[];
  removed: ElementRef[];
  changed: (ElementRef & { changes: Change[] })[];
}
interface Service {
  [key: string]: unknown;
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector(selector) as T;
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

document.querySelector('#app')!.innerHTML = `
<header>
  <h1>流程建模</h1>
  <label>流程 <select id="process"></select></label>
  <label>已部署版本 <select id="versions"><option value="">（登录后显示）</option></select></label>
  <span class="spacer"></span>
  <label>用户名 <input id="username" autocomplete="username"></label>
  <label>密码 <input id="password" type="password" autocomplete="current-password"></label>
  <button id="lint">检查</button>
  <button id="compare">与已部署版本比较</button>
  <button id="deploy" class="primary">部署</button>
</header>
<main>
  <div id="canvas"></div>
  <div id="properties"></div>
</main>
<footer>
  <div id="status" role="status"></div>
  <section><h2>检查结果 <span id="lint-summary"></span></h2><ul id="problems"></ul></section>
  <section id="compare-panel" hidden><h2>与已部署版本比较 <span id="compare-summary"></span></h2><div id="changes"></div></section>
</footer>`;

const params = new URLSearchParams(location.search);
let processKey = params.get('process') ?? '';

const templates = (await (await fetch('/modeler/api/element-templates')).json()) as unknown[];
const modeler = new Modeler({
  container: '#canvas',
  propertiesPanel: { parent: '#properties' },
  elementTemplates: templates,
  additionalModules: [translateModule],
});
const service = (name: string) =>
  modeler.get(name) as Service & Record<string, (...args: unknown[]) => unknown>;

function status(text: string, kind: 'ok' | 'error' | 'info' = 'info') {
  const el = $('#status');
  el.textContent = text;
  el.className = kind;
}

function auth(): Record<string, string> {
  const user = $<HTMLInputElement>('#username').value.trim();
  const password = $<HTMLInputElement>('#password').value;
  return user ? { Authorization: `Basic ${btoa(unescape(encodeURIComponent(`${user}:${password}`)))}` } : {};
}

async function api<T>(method: string, url: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(url, {
    method,
    headers: { ...auth(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // XML or plain text
  }
  return { status: res.status, data: data as T };
}

async function xml(): Promise<string> {
  const { xml } = await modeler.saveXML({ format: true });
  return xml ?? '';
}

// Lint: markers and badges on the diagram, and the list.
let markedIds: string[] = [];
function showProblems(problems: Problem[]) {
  const canvas = service('canvas');
  const overlays = service('overlays');
  const registry = service('elementRegistry');
  for (const id of markedIds) {
    canvas.removeMarker!(id, 'lint-error');
    canvas.removeMarker!(id, 'lint-warn');
  }
  overlays.remove!({ type: 'lint' });
  markedIds = [];
  const byId = new Map<string, Problem[]>();
  for (const p of problems) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  for (const [id, list] of byId) {
    if (!id || !registry.get!(id)) continue;
    const error = list.some((p) => p.category === 'error');
    canvas.addMarker!(id, error ? 'lint-error' : 'lint-warn');
    markedIds.push(id);
    overlays.add!(id, 'lint', {
      position: { top: -10, right: 10 },
      html: `<div class="lint-badge ${error ? 'error' : 'warn'}" title="${esc(list.map((p) => p.message).join('\n'))}">${list.length}</div>`,
    });
  }
  const errors = problems.filter((p) => p.category === 'error').length;
  $('#lint-summary').textContent =
    problems.length === 0 ? '：通过' : `：${errors} 个错误，${problems.length - errors} 个警告`;
  $('#lint-summary').className = errors ? 'error' : 'ok';
  $('#problems').innerHTML = problems
    .map(
      (p) =>
        `<li class="${p.category}" data-id="${esc(p.id)}"><b>${p.category === 'error' ? '错误' : '警告'}</b> ` +
        `<a href="#">${esc(p.id || '文件')}${p.name ? `（${esc(p.name)}）` : ''}</a>：${esc(p.message)} <small>${esc(p.rule)}</small></li>`,
    )
    .join('');
}

async function lint(): Promise<Problem[]> {
  const { status: code, data } = await api<{ problems: Problem[]; message?: string }>(
    'POST',
    '/modeler/api/lint',
    { xml: await xml() },
  );
  if (code !== 200 || !Array.isArray(data.problems)) {
    // The lint needs a signed-in process administrator (and is throttled): say so, keep the diagram.
    $('#lint-summary').textContent =
      `：${code === 401 ? '请先以流程管理员身份登录' : (data.message ?? code)}`;
    $('#lint-summary').className = 'error';
    return [];
  }
  showProblems(data.problems);
  return data.problems;
}

$('#problems').addEventListener('click', (event) => {
  const li = (event.target as HTMLElement).closest('li');
  const element = li && service('elementRegistry').get!(li.dataset.id);
  if (element) {
    event.preventDefault();
    service('selection').select!(element);
  }
});

let lintTimer: ReturnType<typeof setTimeout> | undefined;
modeler.on('commandStack.changed', () => {
  clearTimeout(lintTimer);
  lintTimer = setTimeout(() => void lint(), 400);
});

/**
 * A diagram that fits the canvas is shown whole; a wider one opens at 100 % from its top-left corner
 * (right of the palette) instead of shrunk to illegibility (issue 17): its phases open on planes of their own.
 */
function openAtReadableZoom() {
  const canvas = service('canvas') as unknown as {
    zoom(v?: string | number): number;
    viewbox(box?: { x: number; y: number; width: number; height: number }): {
      inner: { x: number; y: number };
      outer: { width: number; height: number };
    };
  };
  if (canvas.zoom('fit-viewport') >= 1) return;
  const { inner, outer } = canvas.viewbox();
  canvas.viewbox({ x: inner.x - 140, y: inner.y - 60, width: outer.width, height: outer.height });
}

async function open(url: string, label: string) {
  const res = await fetch(url, { headers: auth() });
  if (!res.ok) {
    status(`无法打开 ${label}：${res.status}`, 'error');
    return;
  }
  await modeler.importXML(await res.text());
  openAtReadableZoom();
  $('#compare-panel').hidden = true;
  status(`已打开 ${label}`, 'info');
  document.body.dataset.loaded = processKey;
  await lint();
}

async function loadVersions() {
  const select = $<HTMLSelectElement>('#versions');
  if (!auth().Authorization) return;
  const { status: code, data } = await api<
    { version: number; versionTag: string | null }[] | { message: string }
  >('GET', `/modeler/api/deployed/${encodeURIComponent(processKey)}`);
  if (code !== 200 || !Array.isArray(data)) {
    select.innerHTML = `<option value="">（${esc((data as { message?: string }).message ?? code)}）</option>`;
    return;
  }
  select.innerHTML =
    '<option value="">项目中的图</option>' +
    data
      .map(
        (d) =>
          `<option value="${d.version}">第 ${d.version} 版${d.versionTag ? `（${esc(d.versionTag)}）` : ''}</option>`,
      )
      .join('');
}

const diagrams = (await (await fetch('/modeler/api/diagrams')).json()) as Diagram[];
if (!processKey && diagrams[0]) processKey = diagrams[0].key;
$('#process').innerHTML = diagrams
  .map(
    (d) =>
      `<option value="${esc(d.key)}"${d.key === processKey ? ' selected' : ''}>${esc(d.name || d.key)}（${esc(d.file)}）</option>`,
  )
  .join('');
$('#process').addEventListener('change', () => {
  location.search = `?process=${encodeURIComponent($<HTMLSelectElement>('#process').value)}`;
});
$('#versions').addEventListener('change', () => {
  const v = $<HTMLSelectElement>('#versions').value;
  void (v
    ? open(`/modeler/api/deployed/${encodeURIComponent(processKey)}/${v}`, `已部署的第 ${v} 版`)
    : open(`/modeler/api/diagrams/${encodeURIComponent(processKey)}`, '项目中的图'));
});
$('#password').addEventListener('change', () => {
  void loadVersions();
  void lint();
});
$('#lint').addEventListener('click', () => void lint());

async function compare() {
  const { status: code, data } = await api<{
    deployedVersion: number | null;
    diff: Diff | null;
    message?: string;
  }>('POST', '/modeler/api/compare', { process: processKey, xml: await xml() });
  const panel = $('#compare-panel');
  panel.hidden = false;
  if (code !== 200) {
    $('#compare-summary').textContent = '';
    $('#changes').innerHTML = `<p class="error">${esc(data.message ?? code)}</p>`;
    return;
  }
  if (!data.diff) {
    $('#compare-summary').textContent = '：引擎中尚未部署此流程';
    $('#changes').innerHTML = '';
    return;
  }
  const { added, removed, changed } = data.diff;
  const name = (e: ElementRef) => `${esc(e.id)}${e.name ? `（${esc(e.name)}）` : ''}`;
  $('#compare-summary').textContent =
    `（对比已部署的第 ${data.deployedVersion} 版）：新增 ${added.length}，删除 ${removed.length}，修改 ${changed.length}`;
  $('#changes').innerHTML =
    '<table><thead><tr><th>元素</th><th>变化</th><th>参数</th><th>已部署</th><th>当前</th></tr></thead><tbody>' +
    [
      ...added.map(
        (e) => `<tr class="added"><td>${name(e)}</td><td>新增</td><td></td><td></td><td></td></tr>`,
      ),
      ...removed.map(
        (e) => `<tr class="removed"><td>${name(e)}</td><td>删除</td><td></td><td></td><td></td></tr>`,
      ),
      ...changed.flatMap((e) =>
        e.changes.map(
          (c) =>
            `<tr class="changed"><td>${name(e)}</td><td>修改</td><td>${esc(c.label)}</td>` +
            `<td>${esc(c.before ?? '—')}</td><td>${esc(c.after ?? '—')}</td></tr>`,
        ),
      ),
    ].join('') +
    '</tbody></table>';
}
$('#compare').addEventListener('click', () => void compare());

async function deploy() {
  status('正在检查并部署……');
  const problems = await lint();
  if (problems.some((p) => p.category === 'error')) {
    status('图中还有错误，请先修正（见检查结果）', 'error');
    return;
  }
  const { status: code, data } = await api<{ message: string; version?: number; problems?: Problem[] }>(
    'POST',
    '/modeler/api/deploy',
    { process: processKey, xml: await xml() },
  );
  if (data.problems?.length) showProblems(data.problems);
  status(data.message ?? String(code), code < 300 ? 'ok' : 'error');
  if (code < 300) {
    document.body.dataset.deployedVersion = String(data.version);
    await loadVersions();
  }
}
$('#deploy').addEventListener('click', () => void deploy());

await open(`/modeler/api/diagrams/${encodeURIComponent(processKey)}`, '项目中的图');
