import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENGINE_DIR = path.join(ROOT_DIR, 'engine');
export const ENGINE_JAR = path.join(ENGINE_DIR, 'target', 'quality-award-engine.jar');
/** The engine JVM's time zone (the office is in Shanghai; China has no daylight saving). */
export const ENGINE_TIMEZONE = 'Asia/Shanghai';

/** Fails with one readable line when no Java 17+ is on PATH. */
export function checkJava(): void {
  const res = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (res.error || res.status !== 0)
    throw new Error('找不到 Java：请安装 JDK 17 或更高版本，并确保 java 在 PATH 中');
  const match = /version "(\d+)/.exec(res.stderr ?? '');
  if (match && Number(match[1]) < 17) throw new Error(`Java 版本过低（${match[1]}）：需要 JDK 17 或更高版本`);
}

/** Newest modification time of engine/pom.xml, everything under engine/src and forms/tasklist (the jar's inputs). */
function newestEngineSource(): number {
  let newest = fs.statSync(path.join(ENGINE_DIR, 'pom.xml')).mtimeMs;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  };
  walk(path.join(ENGINE_DIR, 'src'));
  // engine/pom.xml packs forms/tasklist (the Tasklist custom script) into the jar too.
  walk(path.join(ENGINE_DIR, '..', 'forms', 'tasklist'));
  return newest;
}

/**
 * Builds the engine jar with the Maven Wrapper when it is missing, older than its sources (e.g. the
 * webapps' locale files under engine/src/main/resources after a pull), or when forced.
 */
export function ensureEngineJar(log: (line: string) => void, force = false): string {
  if (!force && fs.existsSync(ENGINE_JAR) && fs.statSync(ENGINE_JAR).mtimeMs >= newestEngineSource()) {
    return ENGINE_JAR;
  }
  checkJava();
  log('正在构建 Camunda 7 引擎（首次需要从 Maven Central 下载依赖，约需数分钟）…');
  const res = spawnSync(path.join(ENGINE_DIR, 'mvnw'), ['-q', '-B', '-DskipTests', 'package'], {
    cwd: ENGINE_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0 || !fs.existsSync(ENGINE_JAR)) {
    throw new Error('引擎构建失败（engine/mvnw package），请查看上面的 Maven 输出');
  }
  log('引擎构建完成');
  return ENGINE_JAR;
}

/** Resolves when nothing listens on port; fails naming the variable that chose it otherwise. */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `端口 ${port} 已被占用（${variable}），请换一个端口或停止占用它的程序`
            : `无法使用端口 ${port}（${variable}）：${err.message}`,
        ),
      ),
    );
    srv.listen(port, () => srv.close(() => resolve()));
  });
}

/** A free TCP port on this machine, for tests. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface EngineOptions {
  port: number;
  dataDir: string;
  adminUser: string;
  adminPassword: string;
  /** PostgreSQL (or another JDBC database) instead of the H2 file under dataDir. */
  db?: { url: string; username?: string; password?: string };
  logFile: string;
  startupTimeoutMs?: number;
  onProgress?: (secondsWaited: number) => void;
}

export interface EngineHandle {
  baseUrl: string;
  restUrl: string;
  pid: number;
  /** Resolves when the JVM has exited, for whatever reason (npm start restarts a crashed engine). */
  exited: Promise<void>;
  /** SIGTERM, then SIGKILL after a grace period; resolves when the JVM has exited. */
  stop(): Promise<void>;
}

/** Starts the engine jar and waits until its health endpoint is UP. */
export async function startEngine(opts: EngineOptions): Promise<EngineHandle> {
  checkJava();
  await assertPortFree(opts.port, 'ENGINE_PORT');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const out = fs.openSync(opts.logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ENGINE_PORT: String(opts.port),
    DATA_DIR: opts.dataDir,
    CAMUNDA_ADMIN_USER: opts.adminUser,
    CAMUNDA_ADMIN_PASSWORD: opts.adminPassword,
    ENGINE_PARENT_PID: String(process.pid),
  };
  delete env.DB_URL;
  if (opts.db) {
    env.DB_URL = opts.db.url;
    if (opts.db.username !== undefined) env.DB_USERNAME = opts.db.username;
    if (opts.db.password !== undefined) env.DB_PASSWORD = opts.db.password;
  }
  // Asia/Shanghai: zone-less dates in the diagrams (e.g. `${deadline}T17:00:00`) mean Shanghai time, and
  // every date the REST API returns (and the webapps show) carries +08:00, like the mails and the server.
  const jvm = ['-Xmx1g', `-Duser.timezone=${ENGINE_TIMEZONE}`];
  const child: ChildProcess = spawn('java', [...jvm, '-jar', ENGINE_JAR], {
    cwd: ROOT_DIR,
    env,
    stdio: ['ignore', out, out],
    // Own process group: Ctrl-C reaches only us, and we stop the engine last, after the workers.
    detached: true,
  });
  fs.closeSync(out);
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  let exited = child.exitCode !== null;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      process.off('exit', killOnExit);
      resolve();
    }),
  );

  const baseUrl = `http://localhost:${opts.port}`;
  const handle: EngineHandle = {
    baseUrl,
    restUrl: `${baseUrl}/engine-rest`,
    pid: child.pid ?? -1,
    exited: exitPromise,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
      await exitPromise;
      clearTimeout(timer);
    },
  };

  const started = Date.now();
  const timeout = opts.startupTimeoutMs ?? 240000;
  let lastReport = 0;
  for (;;) {
    if (exited) {
      const tail = fs.readFileSync(opts.logFile, 'utf8').split('\n').slice(-15).join('\n');
      throw new Error(`引擎启动失败（日志 ${opts.logFile}）：\n${tail}`);
    }
    try {
      const res = await fetch(`${baseUrl}/actuator/health`);
      if (res.ok && ((await res.json()) as { status?: string }).status === 'UP') return handle;
    } catch {
      // not listening yet
    }
    const waited = Math.round((Date.now() - started) / 1000);
    if (Date.now() - started > timeout) {
      await handle.stop();
      throw new Error(`引擎在 ${Math.round(timeout / 1000)} 秒内未就绪（日志 ${opts.logFile}）`);
    }
    if (opts.onProgress && waited !== lastReport) {
      lastReport = waited;
      opts.onProgress(waited);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
