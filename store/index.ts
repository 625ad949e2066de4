import path from 'node:path';
import { openPglite, openPostgres, type Db } from './db.js';
import { migrate } from './migrate.js';

export type { Db, Queryable } from './db.js';

/** Opens the store named by the configuration and brings its schema up to date. */
export async function openStore(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  const db = opts.databaseUrl
    ? await openPostgres(opts.databaseUrl)
    : await openPglite(opts.dataDir === 'memory://' ? 'memory://' : path.join(opts.dataDir, 'store'));
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
