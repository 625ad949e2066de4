import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The machine's PostgreSQL for the fault tests (trust auth in CI); TEST_DATABASE_URL overrides it. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  name: string;
  /** postgres://… of the new database. */
  url: string;
  /** The same database through another host and port (a proxy in front of the server). */
  urlVia(port: number): string;
  /** jdbc:postgresql://… for the engine, with the user and password from the URL. */
  jdbc: { url: string; username: string; password: string };
  /** A client connected straight to the server, for the test's own checks. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Drops the database (ending every session on it first). */
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a throw-away database on the machine's PostgreSQL. */
export async function freshDatabase(prefix: string): Promise<FreshDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const server = new URL(POSTGRES_URL);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  let direct: pg.Pool | undefined;
  return {
    name,
    url: url.toString(),
    urlVia(port) {
      const via = new URL(url.toString());
      via.hostname = '127.0.0.1';
      via.port = String(port);
      return via.toString();
    },
    jdbc: {
      url: `jdbc:postgresql://${server.hostname}:${server.port || 5432}/${name}`,
      username: decodeURIComponent(server.username || 'postgres'),
      password: decodeURIComponent(server.password),
    },
    async query<T>(sql: string, params?: unknown[]) {
      direct ??= new pg.Pool({ connectionString: url.toString(), max: 2 });
      return (await direct.query(sql, params as unknown[])).rows as T[];
    },
    async drop() {
      await direct?.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
