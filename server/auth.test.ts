import express from 'express';
import request from 'supertest';
import { guardedVerifier, requireGroups, signInGuard, SIGN_IN_LIMITS, type Verifier } from './auth.js';
import { basicAuth, testVerifier } from './test-auth.js';
import { errorHandler } from './validation.js';

// Issue 16 (1): no unthrottled guess reaches the engine; service accounts never sign in to office APIs.

function appWith(verify: Verifier) {
  const app = express();
  app.set('trust proxy', 1);
  app.get('/office', requireGroups(verify, ['office'], '查看'), (_req, res) => void res.json({ ok: true }));
  app.use(errorHandler(() => undefined));
  return app;
}

describe('sign-in guard', () => {
  let asked: string[];
  let now: number;
  const counting: Verifier = async (user, ip) => {
    asked.push(user.username);
    return testVerifier(user, ip);
  };
  const make = () =>
    appWith(guardedVerifier(counting, signInGuard({ serviceAccounts: ['worker', 'admin'], now: () => now })));
  beforeEach(() => {
    asked = [];
    now = 1_000_000;
  });
  const from = (ip: string) => ({ 'X-Forwarded-For': ip });

  it('refuses the service accounts before the engine is asked, on GET', async () => {
    const app = make();
    for (const user of ['worker', 'admin', 'Worker']) {
      const res = await request(app)
        .get('/office')
        .set(from('10.0.0.1'))
        .set('Authorization', basicAuth(user, 'x'));
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('service_account');
      expect(res.body.message).toContain('系统服务账号');
    }
    expect(asked).toEqual([]);
  });

  it('limits failed sign-ins per account across clients: 429 in Chinese, the engine not asked again', async () => {
    const app = make();
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i += 1) {
      const res = await request(app)
        .get('/office')
        .set(from(`10.0.1.${i}`))
        .set('Authorization', basicAuth('office1', `wrong-${i}`));
      expect(res.status).toBe(401);
    }
    const limited = await request(app)
      .get('/office')
      .set(from('10.0.2.1'))
      .set('Authorization', basicAuth('office1'));
    expect(limited.status).toBe(429);
    expect(limited.body.message).toContain('登录失败次数过多');
    expect(asked).toHaveLength(SIGN_IN_LIMITS.perAccount);
    // After the window the owner signs in again
    now += SIGN_IN_LIMITS.windowMs + 1;
    const later = await request(app)
      .get('/office')
      .set(from('10.0.2.1'))
      .set('Authorization', basicAuth('office1'));
    expect(later.status).toBe(200);
  });

  it('limits failed sign-ins per client IP across accounts', async () => {
    const app = make();
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perIp + 3; i += 1)
      statuses.push(
        (
          await request(app)
            .get('/office')
            .set(from('10.9.9.9'))
            .set('Authorization', basicAuth(`guess-${i}`, 'x'))
        ).status,
      );
    expect(statuses.slice(0, SIGN_IN_LIMITS.perIp).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(SIGN_IN_LIMITS.perIp)).toEqual([429, 429, 429]);
    expect(asked).toHaveLength(SIGN_IN_LIMITS.perIp);
    // another client is not affected
    const other = await request(app)
      .get('/office')
      .set(from('10.9.9.8'))
      .set('Authorization', basicAuth('office1'));
    expect(other.status).toBe(200);
  });

  it('a successful sign-in clears the account count', async () => {
    const app = make();
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i += 1)
        await request(app)
          .get('/office')
          .set(from(`10.3.${round}.${i}`))
          .set('Authorization', basicAuth('office1', 'wrong'));
      const ok = await request(app)
        .get('/office')
        .set(from(`10.4.${round}.1`))
        .set('Authorization', basicAuth('office1'));
      expect(ok.status).toBe(200);
    }
  });
});
