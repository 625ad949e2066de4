import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { ConfigError, loadConfig, productionProblems, EnvSchema, required } from './config.js';

// Issue 8 (4): with NODE_ENV=production no secret is missing or a default; start refuses with a
// Chinese message naming the setting.

const GOOD = {
  NODE_ENV: 'production',
  CAMUNDA_ADMIN_PASSWORD: 'Vq7-uT2k-9sLp-Xw4e',
  CAMUNDA_WORKER_PASSWORD: 'Hn3-Zr8c-1bYq-Md6f',
  CAMUNDA_IDENTITY_PASSWORD: 'Rt6-Yp2v-8kLm-Qs3d',
  SMTP_URL: 'smtp://mail.baoshan.gov.cn:25',
  DATABASE_URL: 'postgres://award:Jk5-Wd2n-7tGh-Pq9s@db:5432/award_store',
};

describe('production settings', () => {
  it('accepts strong secrets and a real mail server', () => {
    expect(() => loadConfig(GOOD)).not.toThrow();
    expect(productionProblems(EnvSchema.parse(GOOD))).toEqual([]);
  });

  it("lets the workers and the server run without the engine admin's password (least privilege)", () => {
    // Given a production environment without CAMUNDA_ADMIN_PASSWORD (only deploy and the engine need it)
    const env = { ...GOOD, CAMUNDA_ADMIN_PASSWORD: undefined };
    // Then the settings are accepted, and the deploy step's own requirement names the setting
    expect(productionProblems(EnvSchema.parse(env))).toEqual([]);
    expect(() => required(loadConfig(env), 'CAMUNDA_ADMIN_PASSWORD')).toThrow('CAMUNDA_ADMIN_PASSWORD');
  });

  it.each([
    ['CAMUNDA_ADMIN_PASSWORD', { CAMUNDA_ADMIN_PASSWORD: 'admin' }, '默认'],
    ['CAMUNDA_ADMIN_PASSWORD', { CAMUNDA_ADMIN_PASSWORD: 'short-pw' }, '太短'],
    ['CAMUNDA_WORKER_PASSWORD', { CAMUNDA_WORKER_PASSWORD: '' }, '未设置'],
    [
      'CAMUNDA_WORKER_PASSWORD',
      { CAMUNDA_WORKER_USER: 'svc-worker-2026', CAMUNDA_WORKER_PASSWORD: 'svc-worker-2026' },
      '默认',
    ],
    ['SMTP_URL', { SMTP_URL: undefined }, '本机测试邮件'],
    ['SMTP_URL 中的密码', { SMTP_URL: 'smtp://office:password@mail.example.cn' }, '默认'],
    ['DATABASE_URL 中的密码', { DATABASE_URL: 'postgres://postgres:postgres@db/award' }, '默认'],
    // Issue 16 (5): the engine's own database password too.
    [
      'DB_PASSWORD',
      { DB_URL: 'jdbc:postgresql://db:5432/camunda', DB_USERNAME: 'award', DB_PASSWORD: 'postgres' },
      '默认',
    ],
    ['DB_PASSWORD', { DB_URL: 'jdbc:postgresql://db:5432/camunda', DB_USERNAME: 'award' }, '未设置'],
    ['DB_PASSWORD', { DB_PASSWORD: 'camunda' }, '默认'],
    ['CAMUNDA_IDENTITY_PASSWORD', { CAMUNDA_IDENTITY_PASSWORD: undefined }, '未设置'],
  ])('refuses and names %s', (name, change, words) => {
    const env = { ...GOOD, ...change };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
    expect(() => loadConfig(env)).toThrow(words);
  });

  it('leaves development and tests alone', () => {
    expect(() =>
      loadConfig({ ...GOOD, NODE_ENV: 'development', CAMUNDA_ADMIN_PASSWORD: 'admin' }),
    ).not.toThrow();
    expect(() => loadConfig({})).not.toThrow();
  });

  it('makes `npm run server` refuse to start with one Chinese line naming each bad setting', async () => {
    // Given production with the admin password left at a default and no SMTP server
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-prod-'));
    try {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        CAMUNDA_ADMIN_PASSWORD: 'demo',
        CAMUNDA_WORKER_PASSWORD: GOOD.CAMUNDA_WORKER_PASSWORD,
      };
      // When the server is started
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'server/main.ts')], {
          cwd: ROOT_DIR,
          env,
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const timer = setTimeout(() => child.kill('SIGTERM'), 30000);
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      });
      // Then it exits 1 before listening, with one line naming both settings
      expect(r.code).toBe(1);
      expect(r.stdout).not.toContain('服务已启动');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('生产环境（NODE_ENV=production）拒绝启动');
      expect(r.stderr).toContain('CAMUNDA_ADMIN_PASSWORD');
      expect(r.stderr).toContain('SMTP_URL');
      expect(r.stderr).not.toContain('CAMUNDA_WORKER_PASSWORD');
      // and nothing was created in its data folder
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
