import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite } from './db.js';

// Issue 8: an effect the store committed must survive the workers process being killed (SIGKILL)
// right after, or a redelivered task would do it again. A child process commits numbered rows to an
// embedded store as fast as it can and prints each number after its commit; it is killed at a random
// moment, and every number it printed must be in the store when it is opened again.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WRITER = `
  const { openPglite } = await import(${JSON.stringify(path.join(ROOT, 'store', 'db.ts'))});
  const db = await openPglite(process.argv[1]);
  await db.exec('CREATE TABLE IF NOT EXISTS t (n integer PRIMARY KEY)');
  const [{ m }] = await db.query('SELECT coalesce(max(n), 0) AS m FROM t');
  for (let n = m + 1; ; n++) {
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES ($1)', [n]));
    process.stdout.write(n + '\\n');
  }
`;

describe('the embedded store killed right after commits', () => {
  it('keeps every row it reported committed, kill after kill', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-durability-'));
    const dataDir = path.join(dir, 'store');
    try {
      let lastReported = 0;
      for (let round = 0; round < 3; round++) {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', '--input-type=module', '-e', WRITER, dataDir],
          {
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // When it has committed a few hundred rows more, at a random moment
        const target = lastReported + 20 + Math.floor(Math.random() * 80);
        const deadline = Date.now() + 90000;
        while (Number(out.trim().split('\n').pop() ?? 0) < target && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 5));
        child.kill('SIGKILL');
        await exited;
        const reported = Number(out.trim().split('\n').filter(Boolean).pop() ?? 0);
        expect(reported).toBeGreaterThanOrEqual(target);
        // Then every reported row is there when the store opens again
        const db = await openPglite(dataDir);
        try {
          const [row] = await db.query<{ m: number; c: number }>(
            'SELECT max(n) AS m, count(*)::int AS c FROM t',
          );
          expect(row!.m).toBeGreaterThanOrEqual(reported);
          expect(row!.c).toBe(row!.m); // no gap either
          lastReported = row!.m;
        } finally {
          await db.close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180000);
});
