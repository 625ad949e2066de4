import { migrate, splitStatements } from './migrate.js';
import { openTestStore } from './test-store.js';
import type { Db } from './index.js';

describe('store', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies the migrations once and records them', async () => {
    const versions = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
    expect(versions.map((v) => v.version)).toContain('001_foundation');
    await expect(migrate(db)).resolves.toEqual([]);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO effects (effect_key, kind) VALUES ('k-rollback', 'test')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`SELECT * FROM effects WHERE effect_key = 'k-rollback'`)).toEqual([]);
  });

  it('keeps Chinese text and jsonb intact', async () => {
    await db.query(`INSERT INTO effects (effect_key, kind, payload) VALUES ($1, 'test', $2)`, [
      'k-zh',
      JSON.stringify({ name: '上海宝山质量有限公司' }),
    ]);
    const [row] = await db.query<{ payload: { name: string } }>(
      `SELECT payload FROM effects WHERE effect_key = 'k-zh'`,
    );
    expect(row?.payload.name).toBe('上海宝山质量有限公司');
  });

  it('splits a migration into statements and drops comment lines', () => {
    expect(splitStatements('-- c\nCREATE TABLE a (x int);\nCREATE TABLE b (y int);\n')).toEqual([
      'CREATE TABLE a (x int)',
      'CREATE TABLE b (y int)',
    ]);
  });
});

describe('the embedded store', () => {
  it('refuses a second process on the same folder, naming the owner, and frees the folder on close', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { openPglite } = await import('./db.js');
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qa-lock-')), 'store');
    // Given another live process (our parent) holds the folder
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.writeFileSync(`${dir}.lock`, String(process.ppid));
    await expect(openPglite(dir)).rejects.toThrow(`正被进程 ${process.ppid} 使用`);
    // When that owner is gone (a stale lock), the folder opens, and closing releases it
    fs.writeFileSync(`${dir}.lock`, '999999999');
    const db = await openPglite(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    await db.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
});
