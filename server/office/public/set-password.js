/* global URLSearchParams, location, fetch */
// The expert sets their own password with the one-time link of the invitation e-mail.
(() => {
  const $ = (id) => document.getElementById(id);
  const token = new URLSearchParams(location.search).get('token') ?? '';
  fetch(`/api/account/invitation?token=${encodeURIComponent(token)}`)
    .then(async (res) => {
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        $('account-user').textContent = '';
        $('password-error').textContent = body.message ?? body.issues?.[0]?.message ?? '此链接无效';
        return;
      }
      $('account-user').textContent = `登录名：${body.userId}`;
      $('password-form').hidden = false;
    })
    .catch(() => ($('password-error').textContent = '无法连接服务器'));
  $('password-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target.elements;
    $('password-error').textContent = '';
    if (form.password.value !== form.confirm.value) {
      $('password-error').textContent = '两次输入的密码不一致';
      return;
    }
    const res = await fetch('/api/account/set-password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password: form.password.value }),
    });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) {
      $('password-error').textContent =
        body.issues?.map((i) => i.message).join('；') ?? body.message ?? '设置失败';
      return;
    }
    $('password-form').hidden = true;
    $('password-done').textContent = body.message;
  });
})();
