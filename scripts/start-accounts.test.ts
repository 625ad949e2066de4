import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/config.js';
import { startAccounts } from './lib/local-credentials.js';

// Issue 16 (5): a production start writes no secret to a file, creates no demo account, and has
// nothing to print; a local start keeps its generated accounts in data/local-credentials.json.

const GOOD = {
  NODE_ENV: 'production',
  CAMUNDA_ADMIN_PASSWORD: 'Vq7-uT2k-9sLp-Xw4e',
  CAMUNDA_WORKER_PASSWORD: 'Hn3-Zr8c-1bYq-Md6f',
  CAMUNDA_IDENTITY_PASSWORD: 'Rt6-Yp2v-8kLm-Qs3d',
  SMTP_URL: 'smtp://mail.baoshan.gov.cn:25',
};

describe('accounts of npm start', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-accounts-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('in production: only the configured service accounts, no demo people, no file', () => {
    const acc = startAccounts(loadConfig({ ...GOOD, DATA_DIR: dir }));
    expect(acc.people).toEqual([]);
    expect(acc.file).toBeUndefined();
    expect(acc.created).toBe(false);
    expect(acc.admin.password).toBe(GOOD.CAMUNDA_ADMIN_PASSWORD);
    expect(acc.identity.password).toBe(GOOD.CAMUNDA_IDENTITY_PASSWORD);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('locally: generated accounts kept in one file, shown only when created', () => {
    const first = startAccounts(loadConfig({ DATA_DIR: dir }));
    expect(first.created).toBe(true);
    expect(first.people.map((p) => p.id)).toContain('office1');
    const again = startAccounts(loadConfig({ DATA_DIR: dir }));
    expect(again.created).toBe(false);
    expect(again.identity.password).toBe(first.identity.password);
    expect(fs.statSync(first.file!).mode & 0o077).toBe(0);
  });
});
