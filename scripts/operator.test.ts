import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { auditTrail } from '../store/audit.js';
import type { Db } from '../store/index.js';
import { openTestStore } from '../store/test-store.js';
import { importExpertFile } from './experts-import.js';
import { importRegistryFile } from './registry-import.js';

// Issue 8 (4)(5): the office's imports act for an engine account of the office or process-admins,
// and each import is in the audit trail with who ran it and the counts.

function run(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, script), ...args], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
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
}

describe('office imports: who may run them and the audit trail', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-operator-'));
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const expertsCsv = () => {
    const file = path.join(dir, 'experts.csv');
    fs.writeFileSync(
      file,
      'id,name,organizationCreditCode,yearsOfExperience,trained,ethicsPledgeSigned,specialties,email\n' +
        'op-1,赵专家,,12,true,true,制造业,op1@example.cn\n' +
        'op-2,钱专家,,3,true,true,制造业,op2@example.cn\n',
    );
    return file;
  };

  it.each(['scripts/registry-import.ts', 'scripts/experts-import.ts'])(
    '%s refuses to run on a shared PostgreSQL store without an engine account, writing nothing',
    async (script) => {
      const dataDir = fs.mkdtempSync(path.join(dir, 'data-'));
      const r = await run(script, [expertsCsv()], {
        DATA_DIR: dataDir,
        // never opened: the refusal comes first
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('OPERATOR_USER');
      expect(r.stderr).toContain('审定委员会办公室或流程管理员');
      // the store was not even opened
      expect(fs.readdirSync(dataDir)).toEqual([]);
    },
  );

  it('imports into the local embedded store for the local account, named in the audit trail', async () => {
    // Given a local installation (embedded store, npm start stopped, so no engine) and no account set
    const dataDir = fs.mkdtempSync(path.join(dir, 'data-'));
    const r = await run('scripts/experts-import.ts', [expertsCsv()], {
      DATA_DIR: dataDir,
      ENGINE_URL: 'http://127.0.0.1:1/engine-rest',
    });
    // Then the import runs and is recorded for the machine's user
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('新增 2');
    const { openStore } = await import('../store/index.js');
    const local = await openStore({ dataDir });
    try {
      const [entry] = await auditTrail(local, { action: 'experts.imported' });
      expect(entry?.actor).toBe(`local:${os.userInfo().username}`);
    } finally {
      await local.close();
    }
  });

  it('refuses when the engine cannot confirm the account', async () => {
    const dataDir = fs.mkdtempSync(path.join(dir, 'data-'));
    const r = await run('scripts/experts-import.ts', [expertsCsv()], {
      DATA_DIR: dataDir,
      ENGINE_URL: 'http://127.0.0.1:1/engine-rest',
      OPERATOR_USER: 'office1',
      OPERATOR_PASSWORD: 'secret-pw',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OPERATOR_USER office1');
    expect(r.stderr).toContain('流程引擎暂时无法连接');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('records each import with its operator and counts, in the transaction of the rows', async () => {
    // When office1 imports the expert pool and a registry file
    const experts = await importExpertFile(db, expertsCsv(), 'office1');
    const registry = path.join(dir, 'winners.csv');
    fs.writeFileSync(
      registry,
      'kind,creditCode,name,level,category,year,title\n' +
        'award,91310113MA1GKQ0A5Q,上海宝山精密制造有限公司,district,model,2024,宝山区质量金奖\n',
    );
    await importRegistryFile(db, registry, 'office1');
    // Then the audit trail names office1, the file and the counts
    const [pool] = await auditTrail(db, { action: 'experts.imported' });
    expect(pool).toMatchObject({ actor: 'office1', subject: 'experts.csv' });
    expect(pool!.details.counts).toEqual(experts);
    expect(pool!.summary).toContain('新增 2');
    const [reg] = await auditTrail(db, { action: 'registry.imported' });
    expect(reg).toMatchObject({ actor: 'office1', subject: 'winners.csv' });
    expect(reg!.details).toMatchObject({ rows: 1, counts: { awards: { inserted: 1 } } });
  });
});
