/* global URLSearchParams, location, fetch */
// Art. 23: the winner files the yearly 质量绩效表 with the secret link of the request e-mail.
(() => {
  const $ = (id) => document.getElementById(id);
  const token = new URLSearchParams(location.search).get('token') ?? '';
  let holder = null;
  fetch(`/api/performance-reports/link?token=${encodeURIComponent(token)}`)
    .then(async (res) => {
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        $('report-holder').textContent = '';
        $('report-error').textContent = body.message ?? '此链接无效';
        return;
      }
      holder = body;
      $('report-holder').textContent = `获奖者编码：${body.holderKey}，获奖年度：${body.awardYear}`;
      $('report-form').hidden = false;
    })
    .catch(() => ($('report-error').textContent = '无法连接服务器'));
  $('report-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target.elements;
    $('report-error').textContent = '';
    const res = await fetch('/api/performance-reports', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        token,
        holderKey: holder.holderKey,
        awardYear: holder.awardYear,
        holderName: form.holderName.value,
        period: Number(form.period.value),
        reportYear: Number(form.reportYear.value),
        summary: form.summary.value,
        indicators: {},
      }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      $('report-error').textContent =
        body.issues?.map((i) => i.message).join('；') ?? body.message ?? '提交失败';
      return;
    }
    $('report-form').hidden = true;
    $('report-done').textContent = '质量绩效表已提交，审定委员会办公室将予以登记。';
  });
})();
