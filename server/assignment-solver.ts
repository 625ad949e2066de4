// Runs planAssignment in a worker thread with a time budget, one request at a time, so a large plan
// never blocks the request loop (/healthz keeps answering). A solve over budget ends its thread; the
// next request starts a fresh one. Issue 18 item 5 / issue 16 "bounded work".
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AssignmentOutcome, AssignmentRequest, ReviewerRules } from '../domain/assignment.js';

export class SolverBusyError extends Error {}
export class SolverTimeoutError extends Error {}

export interface AssignmentSolver {
  solve(request: AssignmentRequest, rules: ReviewerRules): Promise<AssignmentOutcome>;
  close(): Promise<void>;
}

/**
 * The worker: compiled JavaScript next to this module (production build), or else the TypeScript
 * source loaded through tsx's loader, registered inside the thread (npm run server, tests).
 */
function spawnWorker(): Worker {
  const js = new URL('./assignment-worker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(js))) return new Worker(js);
  const ts = new URL('./assignment-worker.ts', import.meta.url).href;
  const tsx = pathToFileURL(
    createRequire(fileURLToPath(import.meta.url)).resolve('tsx/esm/api'),
  ).href.replace(/index\.cjs$/, 'index.mjs');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(boot, { eval: true });
}

interface Job {
  id: number;
  request: AssignmentRequest;
  rules: ReviewerRules;
  resolve(outcome: AssignmentOutcome): void;
  reject(err: Error): void;
}

export function createAssignmentSolver(opts: {
  timeBudgetMs: number;
  maxQueued?: number;
  idleMs?: number;
}): AssignmentSolver {
  const maxQueued = opts.maxQueued ?? 4;
  let worker: Worker | null = null;
  let current: { job: Job; timer: NodeJS.Timeout; worker: Worker } | null = null;
  const queue: Job[] = [];
  let nextId = 1;
  // An idle thread is ended after a while: it would otherwise keep the process alive on shutdown.
  const idleMs = opts.idleMs ?? 5000;
  let idleTimer: NodeJS.Timeout | null = null;

  const finish = (job: Job, settle: () => void) => {
    if (current?.job !== job) return;
    clearTimeout(current.timer);
    current = null;
    settle();
    startNext();
  };

  function spawn(): Worker {
    const w = spawnWorker();
    w.unref();
    w.on('message', (msg: { id: number; outcome?: AssignmentOutcome; error?: string }) => {
      const job = current?.job;
      if (!job || job.id !== msg.id) return;
      finish(job, () => (msg.error ? job.reject(new Error(msg.error)) : job.resolve(msg.outcome!)));
    });
    const lost = (err: Error) => {
      if (worker === w) worker = null;
      // Only the job running on this thread is lost (a thread ended over budget has none any more).
      const job = current?.worker === w ? current.job : undefined;
      if (job) finish(job, () => job.reject(err));
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`assignment worker exited with code ${code}`)));
    return w;
  }

  function startNext(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (current) return;
    if (queue.length === 0) {
      if (worker) {
        idleTimer = setTimeout(() => {
          const idle = worker;
          worker = null;
          void idle?.terminate();
        }, idleMs);
        idleTimer.unref();
      }
      return;
    }
    const job = queue.shift()!;
    worker ??= spawn();
    const w = worker;
    const timer = setTimeout(() => {
      // Over budget: end the thread (the only way to stop a synchronous solve); a new one starts later.
      worker = null;
      finish(job, () => job.reject(new SolverTimeoutError(`over ${opts.timeBudgetMs} ms`)));
      void w.terminate();
    }, opts.timeBudgetMs);
    current = { job, timer, worker: w };
    w.postMessage({ id: job.id, request: job.request, rules: job.rules });
  }

  return {
    solve(request, rules) {
      if (queue.length >= maxQueued) return Promise.reject(new SolverBusyError('queue full'));
      return new Promise<AssignmentOutcome>((resolve, reject) => {
        queue.push({ id: nextId++, request, rules, resolve, reject });
        startNext();
      });
    },
    async close() {
      for (const job of queue.splice(0)) job.reject(new Error('solver closed'));
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
