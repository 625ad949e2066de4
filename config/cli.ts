import { pathToFileURL } from 'node:url';
import { z } from 'zod';

/** True when the module at moduleUrl is the program node was started with. */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  const href = pathToFileURL(entry).href;
  return moduleUrl === href || moduleUrl === `${href}.ts` || moduleUrl.replace(/\.ts$/, '') === href;
}

/** Runs a program's main; any failure is one readable line on stderr and exit code 1. */
export function runMain(main: () => Promise<void>): void {
  watchSupervisor();
  main().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`错误：${message}\n`);
    process.exit(1);
  });
}

/** Calls stop once on SIGINT or SIGTERM, then exits; a second signal exits at once. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`再次收到 ${signal}，立即退出\n`);
      process.exit(130);
    }
    stopping = true;
    stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        process.stderr.write(`停止时出错：${String(err)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/**
 * Issue 16 (3): a process `npm start` launched (SUPERVISOR_PID, see scripts/start.ts) stops when its
 * supervisor is gone, whatever killed it (SIGKILL included): its IPC channel closes, and its parent
 * pid changes. It stops as on SIGTERM (onShutdown), and exits anyway after a few seconds.
 */
export function watchSupervisor(env: NodeJS.ProcessEnv = process.env): void {
  const supervisor = z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .parse(env.SUPERVISOR_PID || undefined);
  if (supervisor === undefined) return;
  let gone = false;
  const stop = (why: string) => {
    if (gone) return;
    gone = true;
    process.stderr.write(`上级进程 npm start（${supervisor}）已退出（${why}），本进程随之停止\n`);
    setTimeout(() => process.exit(1), 8000).unref();
    process.kill(process.pid, 'SIGTERM');
  };
  if (process.ppid !== supervisor) stop('启动时上级进程已不在');
  process.once('disconnect', () => stop('通信通道关闭'));
  const timer = setInterval(() => {
    if (process.ppid !== supervisor) stop('父进程已变更');
  }, 500);
  timer.unref();
}
