import { freePort } from '../../camunda/engine-process.js';
import { startWorkersProcess } from '../support/engine.js';

// Issue 8 (2): the store unreachable. Workers that cannot reach their store refuse to start with one
// clear line, before they take any task (a task taken without its store could not record its effect).

describe('the store unreachable', () => {
  it('stops the workers at start with one line naming the database, never taking a task', async () => {
    // Given a PostgreSQL address where nothing listens
    const port = await freePort();
    const workers = startWorkersProcess({
      SMTP_URL: 'smtp://127.0.0.1:2',
      DATABASE_URL: `postgres://award:secret-pw@127.0.0.1:${port}/award_store`,
    });
    // When the workers start
    const code = await new Promise<number | null>((resolve) => workers.child.once('exit', resolve));
    await workers.stop();
    // Then they exit non-zero with one line that names the store and hides the password
    expect(code).toBe(1);
    const lines = workers
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^错误：无法打开数据库（DATABASE_URL 127\\.0\\.0\\.1:${port}/award_store）`),
    );
    expect(lines[0]).toContain('ECONNREFUSED');
    expect(workers.output()).not.toContain('secret-pw');
    expect(workers.output()).not.toContain('workers started');
  });

  // The store going away mid-run needs a PostgreSQL server to take away (PGlite lives inside the
  // workers process); not built yet, see the report of issue 8.
  it.todo('fails tasks with retries while a PostgreSQL store is away mid-run (TEST_DATABASE_URL)');
});
