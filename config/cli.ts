import { pathToFileURL } from 'node:url';

/** True when the module at moduleUrl is the program node was started with. */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  const href = pathToFileURL(entry).href;
  return moduleUrl === href || moduleUrl === `${href}.ts` || moduleUrl.replace(/\.ts$/, '') === href;
}

/** Runs a program's main; any failure is one readable line on stderr and exit code 1. */
export function runMain(main: () => Promise<void>): void {
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
