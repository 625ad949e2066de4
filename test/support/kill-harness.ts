import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EngineRest, Present } from '../../camunda/rest.js';
import { startSmtpSink, type ReceivedMail } from '../../mail/sink.js';
import { openStore, type Queryable } from '../../store/index.js';
import { completeTask, endedAt, startApplication, waitForTask, type TaskDto } from './application.js';
import { adminRest, personRest, startWorkersProcess, waitFor, type WorkersProcess } from './engine.js';
import { freshDatabase, type FreshDatabase } from './postgres.js';

// Issue 8 (2): the harness of the kill tests. Applications of award-application run through the
// workers with effects (notify sends e-mail through the outbox, record-opinion writes the store)
// while workers processes are SIGKILLed again and again inside those handlers. The runtime's test
// delay (WORKER_TEST_DELAY_MS) logs a marker with the handler's phase: "before-effect" (nothing
// done yet) or "after-effect" (the effect is done and recorded, the engine has not heard of it).
// Each kill is aimed at one of these phases, drawn at random, of one of the given topics, at a
// random moment inside its delay. Not aimed at: the milliseconds between an SMTP server's "250 OK"
// and the outbox mark, where no design can promise once (mail/mailer.ts).
//
// Speed: a workers process needs 2-4 s to start (tsx, the store), so one process killed 50 times
// spends most of the run starting. On PostgreSQL several processes share the store, as scaled-out
// workers do: while one is killed and restarted, the others keep working and get killed in turn.

export type KillPhase = 'before-effect' | 'after-effect';

export interface KillRunOptions {
  /** Prefix of application ids, e-mail addresses and engine users. */
  label: string;
  instances: number;
  targetKills: number;
  /** The kill phase stops when this is spent, even short of targetKills. */
  budgetMs: number;
  /** Kill only while a handler of one of these topics is in one of these phases. */
  topics: readonly string[];
  phases: readonly KillPhase[];
  /** The embedded store (one process at a time) or a fresh PostgreSQL database shared by `processes`. */
  store: 'pglite' | 'postgres';
  processes?: number;
  /** Extra environment of the workers processes (test-only knobs). */
  extraEnv?: Record<string, string>;
}

export interface KillRunResult {
  kills: number;
  /** "topic phase" → kills. */
  killedIn: Map<string, number>;
  killPhaseMs: number;
  totalMs: number;
  /** Per killed process, seconds from spawn to "workers started", and from there to the chosen handler. */
  startS: number[];
  waitS: number[];
  instances: { id: string; email: string }[];
  received: ReceivedMail[];
  /** Department opinion rows in the store per instance. */
  opinionRows: Map<string, number>;
}

// The handler's test delay before and after its effect. A kill is aimed inside one of these delays:
// the marker is watched every few milliseconds and the kill follows within KILL_JITTER_MS, far inside
// the delay even on two busy cores, so a "before-effect" kill never lands in the SMTP conversation
// itself (the one window no outbox can close, see mail/mailer.ts).
const DELAY_MS = 500;
const KILL_JITTER_MS = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls check every 10 ms (a marker must be seen at once); undefined after timeoutMs. */
async function watchFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined || Date.now() > deadline) return value;
    await sleep(10);
  }
}

interface Marker {
  topic: string;
  phase: KillPhase;
}

function markers(output: string): Marker[] {
  const found: Marker[] = [];
  for (const line of output.split('\n')) {
    if (!line.includes('"phase":"')) continue;
    try {
      const { topic, phase } = JSON.parse(line) as Marker;
      found.push({ topic, phase });
    } catch {
      // a line cut by the kill
    }
  }
  return found;
}

const completions = (output: string) => (output.match(/"outcome":"completed"/g) ?? []).length;

/** Runs the applications to their end through workers processes killed opts.targetKills times. */
export async function runKilledWorkers(opts: KillRunOptions): Promise<KillRunResult> {
  const began = Date.now();
  const received: ReceivedMail[] = [];
  const sink = await startSmtpSink(0, (mail) => void received.push(mail));
  const dataDirs: string[] = [];
  let database: FreshDatabase | undefined;
  const office: EngineRest = await personRest(`${opts.label}-office`, ['office']);
  const unit = await personRest(`${opts.label}-luodian`, ['recommender-luodian']);
  const departments = {
    ecology: await personRest(`${opts.label}-ecology`, ['department-ecology']),
    emergency: await personRest(`${opts.label}-emergency`, ['department-emergency']),
  };
  const instances: { id: string; email: string }[] = [];
  const running = new Set<WorkersProcess>();
  let driving = false;
  let driver: Promise<void> = Promise.resolve();

  const processes = opts.store === 'pglite' ? 1 : (opts.processes ?? 2);
  const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `qa-${opts.label}-`));
  dataDirs.push(pgliteDir);
  const startWorkers = () => {
    const env: Record<string, string> = {
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      // A lock well above one handler's time (two delays and the effect), so a living process is
      // never handed a task it still holds, and short enough that a killed one's tasks come back soon.
      WORKER_LOCK_MS: '6000',
      WORKER_LONG_POLL_MS: '500',
      WORKER_RETRY_BASE_MS: '200',
      WORKER_TEST_DELAY_MS: String(DELAY_MS),
      // one task at a time: a kill interrupts one handler, and the tasks last for 50 kills
      WORKER_MAX_PARALLEL: '1',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...opts.extraEnv,
    };
    let dir = pgliteDir;
    if (database) {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `qa-${opts.label}-`)); // logs only
      dataDirs.push(dir);
    }
    const workers = startWorkersProcess(env, dir);
    running.add(workers);
    return workers;
  };
  const stopWorkers = async (workers: WorkersProcess) => {
    await workers.stop();
    running.delete(workers);
  };

  try {
    if (opts.store === 'postgres') {
      database = await freshDatabase(`qa_${opts.label}`);
      await (await openStore({ databaseUrl: database.url, dataDir: 'unused' })).close(); // migrated once
    }
    // Given applications the unit recommended, each owing two notices and two departments' opinions
    await Promise.all(
      Array.from({ length: opts.instances }, async (_, i) => {
        const email = `${opts.label}-${i}@example.cn`;
        const instance = await startApplication(office, `F-${opts.label}-${i}`, { applicantEmail: email });
        instances.push({ id: instance.id, email });
        const task = await waitForTask(unit, instance.id, 'Task_Recommend');
        await completeTask(unit, task.id, {
          recommendationDecision: 'approve',
          recommendationOpinion: '同意推荐。',
        });
      }),
    );

    // and the office (consulting two departments first, then accepting) and the departments
    // answering every task as soon as it appears, all along (one query per person and round)
    driving = true;
    const ours = new Set(instances.map((i) => i.id));
    const consulted = new Set<string>();
    const openTasks = async (rest: EngineRest) =>
      (
        (await rest.get('/task?processDefinitionKey=award-application&maxResults=200')) as Present<
          TaskDto,
          'processInstanceId'
        >[]
      ).filter((t) => ours.has(t.processInstanceId));
    const driveOnce = async () => {
      for (const review of await openTasks(office)) {
        if (review.taskDefinitionKey !== 'Task_EligibilityReview') continue;
        if (!consulted.has(review.processInstanceId)) {
          await completeTask(office, review.id, {
            reviewDecision: 'consult',
            consultDepartments: ['ecology', 'emergency'],
            consultDueDate: '2026-12-10',
            reviewReasons: '需核实环保与安全生产情况。',
          });
          consulted.add(review.processInstanceId);
        } else {
          await completeTask(office, review.id, { reviewDecision: 'accept', reviewReasons: '材料齐备。' });
        }
      }
      for (const [department, rest] of Object.entries(departments)) {
        for (const t of await openTasks(rest))
          await completeTask(rest, t.id, {
            departmentStance: 'no-objection',
            departmentOpinion: `${department}：无违法记录。`,
          });
      }
    };
    driver = (async () => {
      while (driving) {
        await driveOnce().catch(() => undefined); // a task another call just completed: next round
        await sleep(300);
      }
    })();

    const allEnded = async () => {
      for (const { id } of instances) if (!(await endedAt(id))) return false;
      return true;
    };

    // When workers processes are killed inside the chosen handlers, again and again
    const started = Date.now();
    const killedIn = new Map<string, number>();
    const startS: number[] = [];
    const waitS: number[] = [];
    let kills = 0;
    let exhausted = false;
    const slot = async (n: number) => {
      // (the processes start staggered, so their kills do not come in pairs)
      await sleep(n * 1500);
      let first = true;
      while (!exhausted && kills < opts.targetKills && Date.now() - started < opts.budgetMs) {
        const spawned = Date.now();
        const workers = startWorkers();
        // (a cold start, tsx and the store, takes seconds on two busy cores)
        await workers.ready();
        const readyAt = Date.now();
        // let one task finish first when one is near, so the applications move on between kills
        if (!first)
          await waitFor('a task completed', async () => completions(workers.output()) > 0, 1000).catch(
            () => undefined,
          );
        first = false;
        const phase = opts.phases[Math.floor(Math.random() * opts.phases.length)]!;
        const seen = markers(workers.output()).length;
        const target = await watchFor(
          () =>
            markers(workers.output())
              .slice(seen)
              .find((m) => opts.topics.includes(m.topic) && m.phase === phase),
          20000,
        );
        if (!target || kills >= opts.targetKills) {
          await stopWorkers(workers);
          // no such task now: over when every application ended, else the next process tries again
          if (!target && (await allEnded())) exhausted = true;
          continue;
        }
        const markedAt = Date.now();
        await sleep(Math.random() * KILL_JITTER_MS);
        workers.child.kill('SIGKILL');
        await stopWorkers(workers);
        kills += 1;
        startS.push((readyAt - spawned) / 1000);
        waitS.push((markedAt - readyAt) / 1000);
        const where = `${target.topic} ${target.phase}`;
        killedIn.set(where, (killedIn.get(where) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: processes }, (_, n) => slot(n)));
    const killPhaseMs = Date.now() - started;

    // and then left to run in peace
    const last = startWorkers();
    await waitFor('every instance to end', allEnded, 120000);
    driving = false;
    await driver;
    await stopWorkers(last);

    // The store as the workers left it
    const opinionRows = new Map<string, number>();
    const count = async (q: Queryable) => {
      for (const { id } of instances) {
        const [row] = await q.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM department_opinions WHERE process_instance_id = $1',
          [id],
        );
        opinionRows.set(id, row?.n ?? 0);
      }
    };
    if (database) await count(database);
    else {
      const db = await openStore({ dataDir: pgliteDir });
      await count(db).finally(() => db.close());
    }
    return {
      kills,
      killedIn,
      killPhaseMs,
      totalMs: Date.now() - began,
      startS,
      waitS,
      instances,
      // (a leftover instance of another test file may mail through these workers too: not ours)
      received: received.filter((m) => instances.some((i) => m.to.includes(i.email))),
      opinionRows,
    };
  } finally {
    driving = false;
    await driver.catch(() => undefined);
    for (const workers of [...running]) await stopWorkers(workers);
    await sink.close();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    for (const { id } of instances)
      await adminRest()
        .delete(`/process-instance/${id}?skipCustomListeners=true`)
        .catch(() => undefined); // already ended: nothing to remove
    await database?.drop();
  }
}

/** Notices (recipient and subject) that arrived under more than one Message-ID: a doubled effect. */
export function doubledNotices(received: ReceivedMail[]): string[] {
  const ids = new Map<string, Set<string>>();
  for (const mail of received) {
    const key = `${mail.to.join(',')}|${mail.subject}`;
    if (!ids.has(key)) ids.set(key, new Set());
    ids.get(key)!.add(mail.messageId ?? '');
  }
  return [...ids].filter(([, set]) => set.size > 1).map(([key]) => key);
}

/** Message-IDs delivered more than once. */
export function resentMessages(received: ReceivedMail[]): string[] {
  const count = new Map<string, number>();
  for (const mail of received) count.set(mail.messageId ?? '', (count.get(mail.messageId ?? '') ?? 0) + 1);
  return [...count].filter(([, n]) => n > 1).map(([id]) => id);
}
