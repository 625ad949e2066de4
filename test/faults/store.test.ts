import { freePort } from '../../camunda/engine-process.js';
import type { Present } from '../../camunda/rest.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import { completeTask, startApplication, waitForTask } from '../support/application.js';
import {
  adminRest,
  externalTaskLog,
  personRest,
  startWorkersProcess,
  waitFor,
  type ExternalTaskLog,
  type WorkersProcess,
} from '../support/engine.js';
import { freshDatabase, POSTGRES_URL, type FreshDatabase } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

// Issue 8 (2): the store unreachable. Workers that cannot reach their store refuse to start with one
// clear line, before they take any task (a task taken without its store could not record its effect).
// A store that goes away while tasks are handled makes them fail with decreasing retries, never
// complete without their effect; once it is back every task completes with its effect once.

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

  describe(`a PostgreSQL store (${new URL(POSTGRES_URL).host}) away mid-run`, () => {
    const INSTANCES = 6;
    const RETRIES = 12;
    const received: ReceivedMail[] = [];
    const instances: string[] = [];
    let db: FreshDatabase;
    let proxy: TcpProxy;
    let sink: SmtpSink;
    let workers: WorkersProcess | undefined;

    beforeAll(async () => {
      db = await freshDatabase('qa_fault_store');
      const [host, port] = [new URL(POSTGRES_URL).hostname, Number(new URL(POSTGRES_URL).port || 5432)];
      proxy = await startTcpProxy({ host, port });
      sink = await startSmtpSink(0, (mail) => void received.push(mail));
    });

    afterAll(async () => {
      await workers?.stop();
      await sink?.close();
      await proxy?.close();
      for (const id of instances)
        await adminRest()
          .delete(`/process-instance/${id}?skipCustomListeners=true`)
          .catch(() => undefined); // already ended: nothing to remove
      await db?.drop();
    });

    /** Notify tasks the engine saw completed: activity instance ids. */
    const completedNotices = async () => {
      const done: { processInstanceId: string; activityInstanceId: string }[] = [];
      for (const id of instances)
        done.push(...(await externalTaskLog(id, 'successLog')).filter((l) => l.topicName === 'notify'));
      return done;
    };

    /** A completed notify task whose effect the store does not hold as done (must never exist). */
    const completedWithoutEffect = async () => {
      for (const t of await completedNotices()) {
        const rows = await db.query(
          `SELECT 1 FROM effects e JOIN mail_outbox o USING (effect_key)
           WHERE e.process_instance_id = $1 AND e.activity_id = $2 AND e.done_at IS NOT NULL AND o.sent_at IS NOT NULL`,
          [t.processInstanceId, t.activityInstanceId],
        );
        if (rows.length !== 1) return t;
      }
      return undefined;
    };

    it('fails tasks with decreasing retries, never completes one without its effect, then completes each once', async () => {
      // Given workers on PostgreSQL through a proxy, handlers slowed so the cut lands mid-task
      workers = startWorkersProcess({
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        DATABASE_URL: db.urlVia(proxy.port),
        WORKER_LOCK_MS: '5000',
        WORKER_LONG_POLL_MS: '500',
        WORKER_RETRIES: String(RETRIES),
        WORKER_RETRY_BASE_MS: '300',
        WORKER_TEST_DELAY_MS: '400',
      });
      await workers.ready();
      const office = await personRest('fault-store-office', ['office']);
      const unit = await personRest('fault-store-luodian', ['recommender-luodian']);
      for (let i = 0; i < INSTANCES; i++) {
        const instance = await startApplication(office, `F-STORE-${i}`, {
          applicantEmail: `store-${i}@example.cn`,
        });
        instances.push(instance.id);
      }

      // When the units recommend and the store goes away as the first notice is being handled
      await Promise.all(
        instances.map(async (id) => {
          const task = await waitForTask(unit, id, 'Task_Recommend');
          await completeTask(unit, task.id, {
            recommendationDecision: 'approve',
            recommendationOpinion: '同意推荐。',
          });
        }),
      );
      await waitFor(
        'a notice in flight',
        async () => workers!.output().includes('"phase":"before-effect"'),
        30000,
      );
      proxy.cut();
      const cutAt = Date.now();

      // Then the tasks fail with retries counting down, the workers stay up, and no notify task
      // completes without its sent e-mail recorded in the store
      const failures = await waitFor(
        'failed tasks retried at least three times',
        async () => {
          expect(await completedWithoutEffect()).toBeUndefined();
          // a failure's entry always has the retries left
          const logs: Present<ExternalTaskLog, 'retries'>[] = [];
          for (const id of instances)
            logs.push(
              ...((await externalTaskLog(id, 'failureLog')) as Present<ExternalTaskLog, 'retries'>[]),
            );
          const perTask = new Map<string, number[]>();
          for (const l of logs)
            perTask.set(l.activityInstanceId, [...(perTask.get(l.activityInstanceId) ?? []), l.retries]);
          return [...perTask.values()].some((r) => r.length >= 3) && logs;
        },
        60000,
      );
      const outageMs = Date.now() - cutAt;
      expect(workers.child.exitCode).toBeNull();
      expect(await completedWithoutEffect()).toBeUndefined();
      const perTask = new Map<string, number[]>();
      for (const f of failures)
        perTask.set(f.activityInstanceId, [...(perTask.get(f.activityInstanceId) ?? []), f.retries]);
      for (const retries of perTask.values()) {
        const sorted = [...retries].sort((a, b) => b - a);
        expect(sorted[0]).toBeLessThanOrEqual(RETRIES);
        expect(new Set(sorted).size).toBe(sorted.length); // each failure used up one retry
      }
      const incidents = await adminRest().get(`/incident?processInstanceId=${instances[0]}`);
      expect(incidents).toEqual([]);

      // When the store is back
      proxy.restore();

      // Then every application reaches the office's review with its notice sent once
      for (const id of instances) await waitForTask(office, id, 'Task_EligibilityReview');
      expect(await completedWithoutEffect()).toBeUndefined();
      const done = await completedNotices();
      expect(done).toHaveLength(INSTANCES);
      expect(new Set(done.map((d) => d.activityInstanceId)).size).toBe(INSTANCES);
      for (let i = 0; i < INSTANCES; i++)
        expect(received.filter((m) => m.to.includes(`store-${i}@example.cn`)).map((m) => m.subject)).toEqual([
          '【宝山区政府质量奖】申报已获推荐：上海宝山精密制造有限公司',
        ]);
      const ours = received.filter((m) => /^store-\d+@example\.cn$/.test(m.to.join()));
      expect(ours).toHaveLength(INSTANCES);
      expect(new Set(ours.map((m) => m.messageId)).size).toBe(INSTANCES);
      const [row] = await db.query<{ effects: number }>(
        "SELECT count(*)::int AS effects FROM effects WHERE kind = 'mail' AND done_at IS NOT NULL AND process_instance_id = ANY($1)",
        [instances],
      );
      expect(row?.effects).toBe(INSTANCES);
      for (const id of instances)
        expect(await adminRest().get(`/incident?processInstanceId=${id}`)).toEqual([]);
      expect(workers.output()).toContain('"outcome":"retry"');
      process.stdout.write(
        `store outage: ${failures.length} failed attempts over ${perTask.size} tasks in ${Math.round(outageMs / 1000)} s, ` +
          `then ${INSTANCES} notices once each\n`,
      );
    }, 180000);
  });
});
