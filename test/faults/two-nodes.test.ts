import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deployResources, projectResources } from '../../camunda/deploy.js';
import { ensureEngineJar, freePort, startEngine, type EngineHandle } from '../../camunda/engine-process.js';
import { ensureIdentities, ensureUser } from '../../camunda/identity.js';
import { engineRest, toVariables, type EngineRest } from '../../camunda/rest.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../mail/sink.js';
import { ELIGIBLE_ORGANIZATION } from '../support/application.js';
import { startWorkersProcess, waitFor, type WorkersProcess } from '../support/engine.js';
import { freshDatabase, type FreshDatabase } from '../support/postgres.js';

// Issue 18 (7): two engine nodes on one PostgreSQL database (Camunda's own clustering, both job
// executors on), one workers process polling both (ENGINE_URLS). Applications are started and worked
// on both nodes; while the workers are sending the applicants' notices, one node is killed (SIGKILL).
// The workers keep working on the other node, and every application ends exactly once, each external
// task completed once and each applicant's notice sent once.

const RECOMMENDED = '【宝山区政府质量奖】申报已获推荐：';
const ACCEPTED = '【宝山区政府质量奖】申报已正式受理：';
const APPLICATIONS = 6;

interface Node {
  name: 'A' | 'B';
  handle: EngineHandle;
  admin: EngineRest;
  office: EngineRest;
  unit: EngineRest;
}

const tasksOf = (rest: EngineRest, id: string) => rest.get(`/task?processInstanceId=${id}`);
const waitForTask = (rest: EngineRest, id: string, key: string) =>
  waitFor(
    `task ${key} of ${id}`,
    async () => (await tasksOf(rest, id)).find((t) => t.taskDefinitionKey === key),
    90000,
  );
const complete = (rest: EngineRest, taskId: string, values: Record<string, unknown>) =>
  rest.post(`/task/${taskId}/complete`, { variables: toVariables(values) });

describe('two engine nodes on one PostgreSQL database', () => {
  it('finishes every application once, each notice sent once, when one node is killed mid-way', async () => {
    const began = Date.now();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-two-nodes-'));
    const adminCreds = { username: 'nodes-admin', password: randomBytes(12).toString('hex') };
    const worker = { username: 'nodes-worker', password: randomBytes(12).toString('hex') };
    const identity = { username: 'nodes-identity', password: randomBytes(12).toString('hex') };
    let database: FreshDatabase | undefined;
    let sink: SmtpSink | undefined;
    let workers: WorkersProcess | undefined;
    const handles: EngineHandle[] = [];
    const received: ReceivedMail[] = [];
    try {
      ensureEngineJar((line) => process.stdout.write(`${line}\n`));
      database = await freshDatabase('qa_two_nodes');
      const start = async (name: 'A' | 'B'): Promise<EngineHandle> => {
        const handle = await startEngine({
          port: await freePort(),
          dataDir: path.join(dir, name),
          adminUser: adminCreds.username,
          adminPassword: adminCreds.password,
          db: database!.jdbc,
          logFile: path.join(dir, `engine-${name}.log`),
        });
        handles.push(handle);
        return handle;
      };
      // Given node A (it creates the schema), then node B on the same database while A is deployed to
      const a = await start('A');
      const adminA = engineRest(a.restUrl, adminCreds);
      const [b] = await Promise.all([
        start('B'),
        (async () => {
          await deployResources(adminA, projectResources(), 'test');
          await ensureIdentities(adminA, { worker, identity, adminPassword: adminCreds.password });
          for (const [id, groups] of [
            ['nodes-office', ['office']],
            ['nodes-luodian', ['recommender-luodian']],
          ] as const)
            await ensureUser(adminA, {
              id,
              firstName: id,
              lastName: '测试',
              email: `${id}@example.cn`,
              password: `pw-${id}`,
              groups: [...groups],
            });
        })(),
      ]);
      const startedS = Math.round((Date.now() - began) / 1000);
      const node = (name: 'A' | 'B', handle: EngineHandle): Node => {
        const admin = engineRest(handle.restUrl, adminCreds);
        return {
          name,
          handle,
          admin,
          office: admin.as({ username: 'nodes-office', password: 'pw-nodes-office' }),
          unit: admin.as({ username: 'nodes-luodian', password: 'pw-nodes-luodian' }),
        };
      };
      const nodeA = node('A', a);
      const nodeB = node('B', b);
      // (node B serves the deployment it never received itself: it reads it from the shared database)
      expect((await nodeB.admin.get('/process-definition?key=award-application')).length).toBe(1);

      // And one workers process polling both nodes
      sink = await startSmtpSink(0, (mail) => void received.push(mail));
      workers = startWorkersProcess({
        ENGINE_URLS: `${a.restUrl},${b.restUrl}`,
        CAMUNDA_WORKER_USER: worker.username,
        CAMUNDA_WORKER_PASSWORD: worker.password,
        CAMUNDA_IDENTITY_USER: identity.username,
        CAMUNDA_IDENTITY_PASSWORD: identity.password,
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        WORKER_LOCK_MS: '5000',
        WORKER_LONG_POLL_MS: '2000',
        WORKER_RETRY_BASE_MS: '500',
        WORKER_BACKOFF_MAX_MS: '3000',
        WORKER_TEST_DELAY_MS: '1500',
      });
      await workers.ready();

      // When applications are started and recommended, alternately on node A and node B
      const apps: { id: string; email: string; on: Node }[] = [];
      for (let i = 0; i < APPLICATIONS; i++) {
        const on = i % 2 === 0 ? nodeA : nodeB;
        const email = `nodes-${i}@example.cn`;
        const instance = await on.office.post('/process-definition/key/award-application/start', {
          variables: toVariables({
            ...ELIGIBLE_ORGANIZATION,
            cycleKey: 'cycle-2025',
            applicationId: `F-NODES-${i}`,
            applicantEmail: email,
          }),
        });
        apps.push({ id: instance.id, email, on });
      }
      const markers = () => (workers!.output().match(/"phase":"before-effect"/g) ?? []).length;
      for (const app of apps)
        await complete(app.on.unit, (await waitForTask(app.on.unit, app.id, 'Task_Recommend')).id, {
          recommendationDecision: 'approve',
          recommendationOpinion: '同意推荐。',
        });

      // and node B is killed while the workers are sending the notices (some handled, some in flight)
      await waitFor('notices in flight', async () => markers() >= 2, 60000);
      const inFlightAtKill = markers();
      const noticesAtKill = received.filter((m) => m.subject.startsWith(RECOMMENDED)).length;
      process.kill(b.pid, 'SIGKILL');
      await b.exited;
      // (the workers' loop for node B backs off, naming the node, while node A's keeps working)
      await waitFor(
        "the workers' loop for node B to back off",
        async () => workers!.output().includes(`引擎暂时无法连接（节点 ${b.restUrl}）`),
        60000,
      );

      // Then the office reviews every application on node A, the one left
      for (const app of apps)
        await complete(nodeA.office, (await waitForTask(nodeA.office, app.id, 'Task_EligibilityReview')).id, {
          reviewDecision: 'accept',
          reviewReasons: '材料齐备。',
        });

      // and every application ends accepted, once
      for (const app of apps)
        await waitFor(
          `application ${app.id} to end`,
          async () => (await nodeA.admin.get(`/history/process-instance/${app.id}`)).state === 'COMPLETED',
          90000,
        );
      for (const app of apps) {
        const ends = await nodeA.admin.get(
          `/history/activity-instance?processInstanceId=${app.id}&activityType=noneEndEvent`,
        );
        expect([app.id, ends.map((e) => e.activityId)]).toEqual([app.id, ['End_Accepted']]);
        // each external task completed once
        const successes = await nodeA.admin.get(
          `/history/external-task-log?processInstanceId=${app.id}&successLog=true`,
        );
        expect([app.id, successes.map((s) => s.activityId).sort()]).toEqual([
          app.id,
          ['Task_EligibilityCheck', 'Task_NotifyAccepted', 'Task_NotifyRecommended'],
        ]);
      }
      // and each applicant got each notice once
      await waitFor(
        'every acceptance notice',
        async () => received.filter((m) => m.subject.startsWith(ACCEPTED)).length >= APPLICATIONS,
        60000,
      );
      await new Promise((r) => setTimeout(r, 3000)); // a late duplicate would arrive by now
      for (const app of apps) {
        const toApplicant = received.filter((m) => m.to.includes(app.email));
        expect([
          app.email,
          toApplicant.map((m) => m.subject.slice(0, m.subject.indexOf('：') + 1)).sort(),
        ]).toEqual([app.email, [ACCEPTED, RECOMMENDED].sort()]);
      }
      // (the kill did land mid-way: notices were still being handled and not all had been sent)
      expect(inFlightAtKill).toBeGreaterThan(0);
      expect(noticesAtKill).toBeLessThan(APPLICATIONS);
      expect(workers.child.exitCode).toBeNull();
      process.stdout.write(
        `two nodes: both up after ${startedS} s; B killed with ${inFlightAtKill} handlers started and ` +
          `${noticesAtKill} of ${APPLICATIONS} notices sent; ${Math.round((Date.now() - began) / 1000)} s in all\n`,
      );
    } finally {
      await workers?.stop();
      await sink?.close();
      for (const h of handles) await h.stop();
      await database?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 420000);
});
