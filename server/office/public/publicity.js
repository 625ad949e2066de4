/* global sessionStorage, URLSearchParams, location, fetch */
// The 公示 text as a printable page; signs in with the credentials the workbench keeps for this tab.
(() => {
  const auth = sessionStorage.getItem('office-auth');
  const cycle = new URLSearchParams(location.search).get('cycle') ?? '';
  const notice = document.getElementById('notice');
  document.getElementById('print').addEventListener('click', () => window.print());
  if (!auth) {
    notice.textContent = '请先在办公室工作台登录。';
    return;
  }
  fetch(`/api/office/publicity?cycle=${encodeURIComponent(cycle)}`, { headers: { Authorization: auth } })
    .then(async (res) => {
      const body = await res.json();
      notice.replaceChildren();
      if (!res.ok) {
        notice.textContent = body.message ?? '无法载入公示文本';
        return;
      }
      const [title, ...rest] = body.text.split('\n');
      const h = document.createElement('h1');
      h.textContent = title;
      notice.append(h);
      for (const line of rest) {
        const p = document.createElement('p');
        p.textContent = line;
        if (line.startsWith('宝山区政府质量奖审定委员会办公室')) p.className = 'sign';
        notice.append(p);
      }
    })
    .catch(() => (notice.textContent = '无法连接服务器'));
})();
