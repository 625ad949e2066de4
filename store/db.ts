import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/** Anything that runs parameterized SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** The store's connection: PostgreSQL dialect on PGlite (embedded) or on a PostgreSQL server. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; a thrown error rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** True while a process with this pid runs. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A lock file with the owner's pid refuses that with a clear message; a stale lock is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lock = `${dataDir}.lock`;
  const owner = fs.existsSync(lock) ? Number(fs.readFileSync(lock, 'utf8').trim()) : NaN;
  if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
    throw new Error(
      `内嵌数据库 ${dataDir} 正被进程 ${owner} 使用（例如 npm start）：请先停止该进程，或设置 DATABASE_URL 使用 PostgreSQL`,
    );
  }
  fs.writeFileSync(lock, String(process.pid));
  return () => fs.rmSync(lock, { force: true });
}

/** Opens PGlite under dataDir (or in memory for `memory://`). */
export async function openPglite(dataDir: string): Promise<Db> {
  return (await openPgliteInstance(dataDir)).db;
}

/**
 * PGlite with its raw instance, for the store process of `npm start` (scripts/roles/store.ts), which
 * serves it to the other processes over the PostgreSQL protocol on loopback.
 */
export async function openPgliteInstance(dataDir: string): Promise<{ db: Db; pglite: PGlite }> {
  // (imported here, not at the top: a process on PostgreSQL never loads PGlite, and starts faster)
  const { PGlite: Embedded } = await import('@electric-sql/pglite');
  let unlock = () => undefined as void;
  if (dataDir !== 'memory://') {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  // Durability against a killed process (issue 8): on Node, PGlite's data folder is the real file
  // system (NODEFS), written through at each commit, and relaxedDurability false awaits that before a
  // query resolves; so a committed effect row survives SIGKILL (test/faults/kill.test.ts). PGlite runs
  // with fsync off, so a power loss of the machine is not covered: use PostgreSQL for that.
  const db: PGlite =
    dataDir === 'memory://' ? new Embedded() : new Embedded(dataDir, { relaxedDurability: false });
  try {
    await db.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  // PGlite is single-connection: serialize transactions so two handlers never interleave inside one.
  let chain: Promise<unknown> = Promise.resolve();
  const serialize = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const handle: Db = {
    kind: 'pglite',
    query: <T>(sql: string, params?: unknown[]) =>
      serialize(async () => (await db.query<T>(sql, params as unknown[])).rows),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      serialize(() =>
        db.transaction(async (tx) =>
          fn({ query: async <R>(sql: string, params?: unknown[]) => (await tx.query<R>(sql, params)).rows }),
        ),
      ),
    exec: (sql: string) => serialize(async () => void (await db.exec(sql))),
    close: () =>
      serialize(async () => {
        await db.close();
        unlock();
      }),
  };
  return { db: handle, pglite: db };
}

/** Opens a pool on a PostgreSQL server. */
export async function openPostgres(connectionString: string): Promise<Db> {
  const { default: postgres } = await import('pg');
  const pool: pg.Pool = new postgres.Pool({ connectionString, max: 10, connectionTimeoutMillis: 10000 });
  // An idle connection the server (or the network) drops is an 'error' event of the pool; without a
  // listener it would end the process. The pool discards that connection and opens a new one on the
  // next query, whose error (while the server stays away) fails that task with retries instead.
  pool.on('error', () => undefined);
  // A server that cannot be reached fails here, at start-up, not at the first task.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) =>
      (await pool.query(sql, params as unknown[])).rows as T[],
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <R>(sql: string, params?: unknown[]) =>
            (await client.query(sql, params as unknown[])).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql: string) => void (await pool.query(sql)),
    close: () => pool.end(),
  };
}
