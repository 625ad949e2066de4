// Issue 16 (3): `npm start` runs each part as its own OS process and keeps them running: a process
// that exits unexpectedly is restarted with a growing wait (backoff), and every start, crash and
// restart is one Chinese line. Children watch their supervisor (config/cli.ts watchSupervisor; the
// engine its ENGINE_PARENT_PID), so nothing outlives it, whatever signal ends it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** One started process. */
export interface Running {
  pid: number;
  /** Resolves when the process has exited, with how it ended (for the log line). */
  exited: Promise<string>;
  /** SIGTERM, then SIGKILL after a grace period; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface ChildSpec {
  /** Machine name (server, workers, engine, store, mail-sink). */
  name: string;
  /** For people, in Chinese (网页服务、工作进程 …). */
  label: string;
  /** Starts the process and resolves once it is ready. */
  start(): Promise<Running>;
}

export interface SupervisorOptions {
  say: (line: string) => void;
  /** First wait before a restart; doubles on each crash in a row up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A process that ran this long before crashing starts again from the first wait. */
  stableMs?: number;
}

interface Entry {
  spec: ChildSpec;
  running?: Running;
  crashes: number;
  timer?: NodeJS.Timeout;
}

export class Supervisor {
  private readonly entries: Entry[] = [];
  private stopping = false;
  private readonly base: number;
  private readonly max: number;
  private readonly stable: number;

  constructor(private readonly opts: SupervisorOptions) {
    this.base = opts.baseDelayMs ?? 1000;
    this.max = opts.maxDelayMs ?? 30000;
    this.stable = opts.stableMs ?? 60000;
  }

  /** Starts spec (failing if it cannot start the first time) and keeps it running from then on. */
  async add(spec: ChildSpec): Promise<Running> {
    const entry: Entry = { spec, crashes: 0 };
    this.entries.push(entry);
    const running = await spec.start();
    this.opts.say(`已启动 ${spec.label}（${spec.name}，进程 ${running.pid}）`);
    this.watch(entry, running);
    return running;
  }

  /** The pid of each running process, by name. */
  pids(): Record<string, number> {
    return Object.fromEntries(
      this.entries.filter((e) => e.running).map((e) => [e.spec.name, e.running!.pid]),
    );
  }

  private watch(entry: Entry, running: Running): void {
    entry.running = running;
    const startedAt = Date.now();
    void running.exited.then((how) => {
      if (entry.running !== running) return;
      entry.running = undefined;
      if (this.stopping) return;
      if (Date.now() - startedAt > this.stable) entry.crashes = 0;
      entry.crashes += 1;
      const delay = Math.min(this.max, this.base * 2 ** (entry.crashes - 1));
      this.opts.say(
        `${entry.spec.label}（${entry.spec.name}，进程 ${running.pid}）意外退出（${how}），${(delay / 1000).toFixed(1)} 秒后重启（连续第 ${entry.crashes} 次）`,
      );
      this.restartLater(entry, delay);
    });
  }

  private restartLater(entry: Entry, delay: number): void {
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.stopping) return;
      entry.spec.start().then(
        (running) => {
          if (this.stopping) {
            void running.stop();
            return;
          }
          this.opts.say(`${entry.spec.label}（${entry.spec.name}）已重新启动（进程 ${running.pid}）`);
          this.watch(entry, running);
        },
        (err: unknown) => {
          entry.crashes += 1;
          const next = Math.min(this.max, this.base * 2 ** (entry.crashes - 1));
          this.opts.say(
            `${entry.spec.label}（${entry.spec.name}）重启失败：${err instanceof Error ? err.message : String(err)}；${(next / 1000).toFixed(1)} 秒后再试`,
          );
          this.restartLater(entry, next);
        },
      );
    }, delay);
  }

  /** Stops everything, the last added first; no restart from here on. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const entry of [...this.entries].reverse()) {
      if (entry.timer) clearTimeout(entry.timer);
      const running = entry.running;
      entry.running = undefined;
      if (running) {
        this.opts.say(`正在停止 ${entry.spec.label}（${entry.spec.name}）…`);
        await running.stop();
      }
    }
  }
}

const describeExit = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `信号 ${signal}` : `退出码 ${code}`;

/**
 * A TypeScript program of the project as a child process: its own process group (Ctrl-C reaches only
 * npm start, which stops the children in order), an IPC channel (closed when npm start dies), output
 * appended to logFile, ready when it sends { ready: true }.
 */
export function nodeChild(opts: {
  name: string;
  label: string;
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  readyTimeoutMs?: number;
  graceMs?: number;
}): ChildSpec {
  return {
    name: opts.name,
    label: opts.label,
    start: () =>
      new Promise<Running>((resolve, reject) => {
        fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
        const out = fs.openSync(opts.logFile, 'a');
        const child = spawn(process.execPath, ['--import', 'tsx', opts.script], {
          cwd: opts.cwd,
          env: { ...opts.env, SUPERVISOR_PID: String(process.pid) },
          stdio: ['ignore', out, out, 'ipc'],
          detached: true,
        });
        fs.closeSync(out);
        let exitedHow: string | undefined;
        const exited = new Promise<string>((done) =>
          child.once('exit', (code, signal) => {
            exitedHow = describeExit(code, signal);
            done(exitedHow);
          }),
        );
        const tail = () => fs.readFileSync(opts.logFile, 'utf8').split('\n').slice(-12).join('\n');
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(
            new Error(
              `${opts.label}在 ${(opts.readyTimeoutMs ?? 120000) / 1000} 秒内未就绪（日志 ${opts.logFile}）`,
            ),
          );
        }, opts.readyTimeoutMs ?? 120000);
        const killOnExit = () => child.kill('SIGKILL');
        process.on('exit', killOnExit);
        void exited.then(() => process.off('exit', killOnExit));
        const running: Running = {
          pid: child.pid ?? -1,
          exited,
          async stop() {
            if (exitedHow !== undefined) return;
            child.kill('SIGTERM');
            const hard = setTimeout(() => child.kill('SIGKILL'), opts.graceMs ?? 15000);
            await exited;
            clearTimeout(hard);
          },
        };
        child.on('message', (msg: { ready?: boolean }) => {
          if (msg?.ready) {
            clearTimeout(timer);
            resolve(running);
          }
        });
        void exited.then((how) => {
          clearTimeout(timer);
          reject(new Error(`${opts.label}启动失败（${how}，日志 ${opts.logFile}）：\n${tail()}`));
        });
      }),
  };
}
