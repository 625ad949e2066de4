import { Router } from 'express';
import { OFFICE, PROCESS_ADMINS } from '../camunda/identity.js';
import type { Db } from '../store/index.js';
import { requireGroups, type EngineAuth } from './auth.js';
import { HttpError } from './validation.js';

interface Row {
  id: string;
  received_at: Date;
  mail_from: string;
  recipients: string[];
  subject: string;
  body: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** /mail (page) and /api/mail (JSON): what the local SMTP sink received, newest first. */
/** Without an engine to ask, nobody is signed in. */
const nobody: EngineAuth = async () => {
  throw new HttpError(401, { error: 'unauthorized', message: '请先用流程引擎账号登录（用户名和密码）' });
};

/**
 * Issue 16 (6): the mails carry secret links and personal data, so reading them needs the office's
 * sign-in (office or process-admins).
 */
export function mailRouter(db: Db, auth: EngineAuth = nobody): Router {
  const router = Router();
  const office = requireGroups(auth, [OFFICE, PROCESS_ADMINS], '查看已发送邮件');
  const load = () =>
    db.query<Row>(
      'SELECT id, received_at, mail_from, recipients, subject, body FROM mail_received ORDER BY id DESC LIMIT 200',
    );

  router.get('/api/mail', office, async (_req, res) => {
    const rows = await load();
    res.json({
      messages: rows.map((r) => ({
        id: Number(r.id),
        receivedAt: new Date(r.received_at).toISOString(),
        from: r.mail_from,
        to: r.recipients,
        subject: r.subject,
        text: r.body,
      })),
    });
  });

  router.get(
    '/mail',
    (_req, res, next) => {
      // The browser asks for the engine account itself (HTTP Basic).
      res.set('WWW-Authenticate', 'Basic realm="quality-award", charset="UTF-8"');
      next();
    },
    office,
    async (_req, res) => {
      const rows = await load();
      const items = rows
        .map(
          (r) => `<article><h2>${escapeHtml(r.subject)}</h2>
<p class="meta">${escapeHtml(new Date(r.received_at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }))} ·
发件人 ${escapeHtml(r.mail_from)} · 收件人 ${escapeHtml(r.recipients.join(', '))}</p>
<pre>${escapeHtml(r.body)}</pre></article>`,
        )
        .join('\n');
      res.type('html').send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>已发送邮件 · 宝山区政府质量奖</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
article{border-bottom:1px solid #ddd;padding:.5rem 0}.meta{color:#666;font-size:.9rem}
pre{white-space:pre-wrap;font-family:inherit}</style></head><body>
<h1>已发送邮件（本地邮件接收器）</h1>
${items || '<p>还没有邮件。</p>'}
</body></html>`);
    },
  );
  return router;
}
