// `npm start` without DATABASE_URL: the embedded store (PGlite, data/store) in a process of its own,
// served to the other processes over the PostgreSQL protocol on 127.0.0.1:STORE_PORT only. PGlite is
// one process's database; this process is that one process. (Production: PostgreSQL, DATABASE_URL.)
import path from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { loadConfig } from '../../config/config.js';
import { onShutdown, runMain } from '../../config/cli.js';
import { openPgliteInstance } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';

async function main(): Promise<void> {
  const cfg = loadConfig();
  const { db, pglite } = await openPgliteInstance(path.join(cfg.dataDir, 'store'));
  await migrate(db);
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: cfg.STORE_PORT,
    maxConnections: 64,
  });
  await server.start().catch(async (err: unknown) => {
    await db.close();
    throw new Error(`数据库进程无法监听端口 ${cfg.STORE_PORT}（STORE_PORT）：${String(err)}`);
  });
  process.stdout.write(`数据库进程已就绪：127.0.0.1:${cfg.STORE_PORT}\n`);
  process.send?.({ ready: true });
  onShutdown(async () => {
    await server.stop();
    await db.close();
  });
}

runMain(main);
