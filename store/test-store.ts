import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Db } from './index.js';

/**
 * A throw-away store for tests: PGlite in memory, or, when TEST_DATABASE_URL names a PostgreSQL
 * server, a fresh database on it that is dropped again on close.
 */
export async function openTestStore(): Promise<Db> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return openStore({ dataDir: 'memory://' });
  const name = `qa_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openStore({ databaseUrl: url.toString(), dataDir: 'unused' });
  return {
    ...db,
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name}`);
      await dropper.end();
    },
  };
}
