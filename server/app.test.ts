import { Router } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { z } from 'zod';
import { openTestStore } from '../store/test-store.js';
import type { Db } from '../store/index.js';
import { clientKey, createApp } from './app.js';
import { basicAuth, testVerifier } from './test-auth.js';
import { parseRequest } from './validation.js';

describe('server basics', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestStore();
    const echo = Router().post('/echo', (req, res) => {
      const body = parseRequest(z.object({ applicant: z.object({ name: z.string().min(1) }) }), req.body);
      res.json(body);
    });
    app = createApp({ db, log: pino({ level: 'silent' }), apiRouters: [echo], auth: testVerifier });
  });
  afterAll(async () => {
    await db.close();
  });

  it('answers /healthz', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers a schema failure with 400 and the dotted path of each problem', async () => {
    const res = await request(app)
      .post('/api/echo')
      .send({ applicant: { name: '' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error).toBe('invalid_request');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['applicant.name']);
  });

  it('answers malformed JSON with 400 invalid_request', async () => {
    const res = await request(app)
      .post('/api/echo')
      .set('Content-Type', 'application/json')
      .send('{"applicant":');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await request(app).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });

  it('shows what the local SMTP sink received at /mail, newest first', async () => {
    await db.query(
      `INSERT INTO mail_received (mail_from, recipients, subject, body) VALUES ($1, $2, $3, $4)`,
      ['office@localhost', ['a@example.cn'], '【宝山区政府质量奖】申报已获推荐：<甲公司>', '正文'],
    );
    // (issue 16: the mails carry secret links: the office's sign-in only)
    for (const path of ['/mail', '/api/mail']) {
      expect((await request(app).get(path)).status).toBe(401);
      expect((await request(app).get(path).set('Authorization', basicAuth('expert1'))).status).toBe(403);
    }
    expect((await request(app).get('/mail')).headers['www-authenticate']).toMatch(/^Basic/);
    const page = await request(app).get('/mail').set('Authorization', basicAuth('office1'));
    expect(page.status).toBe(200);
    expect(page.text).toContain('申报已获推荐：&lt;甲公司&gt;');
    const json = await request(app).get('/api/mail').set('Authorization', basicAuth('office1'));
    expect(json.body.messages[0]).toMatchObject({ to: ['a@example.cn'], text: '正文' });
  });

  it('sends security headers with every answer (helmet)', async () => {
    // Given any answer: a page, an API answer and an API refusal
    for (const res of [
      await request(app).get('/healthz'),
      await request(app).get('/api/no-such-thing'),
      await request(app).get('/mail'),
    ]) {
      // Then it carries the headers that stop sniffing, framing and foreign scripts
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("object-src 'none'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('rate-limit key of a client', () => {
  it('is the IPv4 address however the server sees it, and the /56 network of an IPv6 one', () => {
    // an IPv4 client of a dual-stack server and the same client on an IPv4 socket share one budget
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    // two addresses of one IPv6 /56 share one budget (no escape by changing the host part)
    expect(clientKey('2001:db8:1:ff00::1')).toBe(clientKey('2001:db8:1:ffab:1234::9'));
    expect(clientKey('2001:db8:1:ff00::1')).not.toBe(clientKey('2001:db8:2:ff00::1'));
    // no address: one shared budget, never an unlimited one
    expect(clientKey(undefined)).toBe('unknown');
  });
});
