import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, ROOT_DIR } from '../camunda/engine-process.js';
import { engineRest as engineClient } from '../camunda/rest.js';

// Issue 16 (1) and (3), against the real engine that `npm start` launches: separate processes under one
// supervisor; a SIGKILLed child is restarted while /healthz says degraded; wrong guesses for the
// workers' account through the server never reach the engine; SIGKILL of npm start leaves nothing
// behind, and the next start works.

const TEST_MS = 15 * 60_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

interface Started {
  child: ChildProcess;
  out: () => string;
  pids: Record<string, number>;
}

describe('npm start as a supervisor of separate processes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-start-'));
  let env: NodeJS.ProcessEnv;
  let base: string;
  let engineRest: string;
  const everyPid = new Set<number>();
  const children: ChildProcess[] = [];

  const start = async (): Promise<Started> => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'scripts/start.ts')], {
      cwd: ROOT_DIR,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(
      'npm start to be ready',
      async () => {
        if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${out}`);
        return out.includes('按 Ctrl-C 停止。');
      },
      8 * 60_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${out}`);
    });
    const line = /进程：(.+)/.exec(out)![1]!;
    const pids = Object.fromEntries(line.split(' ').map((p) => [p.split('=')[0]!, Number(p.split('=')[1])]));
    for (const pid of Object.values(pids)) everyPid.add(pid);
    everyPid.add(child.pid!);
    return { child, out: () => out, pids };
  };

  const health = async () => {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) });
    return {
      status: res.status,
      body: (await res.json()) as { status: string; components?: Record<string, { ok: boolean }> },
    };
  };

  beforeAll(async () => {
    const [port, enginePort, sinkPort, storePort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    base = `http://localhost:${port}`;
    engineRest = `http://localhost:${enginePort}/engine-rest`;
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      PORT: String(port),
      ENGINE_PORT: String(enginePort),
      MAIL_SINK_PORT: String(sinkPort),
      STORE_PORT: String(storePort),
      WORKER_LONG_POLL_MS: '2000',
    };
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    for (const pid of everyPid) if (alive(pid)) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 3000));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'restarts a killed child, reports degraded meanwhile, and stops everything when killed itself',
    async () => {
      // Given the product started with npm start
      const first = await start();
      expect(Object.keys(first.pids).sort()).toEqual(['engine', 'mail-sink', 'server', 'store', 'workers']);
      // each part is its own OS process
      expect(new Set(Object.values(first.pids)).size).toBe(5);
      await waitFor('healthz ok', async () => (await health()).status === 200, 60_000);

      // When someone guesses the workers' password through the server, many times
      const guesses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          fetch(`${base}/api/audit`, {
            headers: { Authorization: `Basic ${Buffer.from(`worker:guess-${i}`).toString('base64')}` },
          }).then((r) => r.status),
        ),
      );
      // Then every guess is refused before the engine is asked (403 service account, then 429)
      expect(guesses.every((s) => s === 403 || s === 429)).toBe(true);
      expect(guesses).toContain(429);
      // And the workers' account is not locked: it still works at the engine, and the workers stay healthy
      const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'local-credentials.json'), 'utf8')) as {
        worker: { username: string; password: string };
      };
      // (a refused account would throw EngineRestError 401)
      const asWorker = engineClient(engineRest, creds.worker);
      expect(await asWorker.get('/external-task/count')).toEqual({ count: expect.any(Number) });
      expect((await health()).status).toBe(200);

      // When the workers process is killed
      process.kill(first.pids.workers!, 'SIGKILL');
      // Then /healthz says degraded (503) naming the workers, and the supervisor restarts them
      const degraded = await waitFor(
        'healthz to report the workers down',
        async () => {
          const h = await health();
          return h.status === 503 && h.body.components?.workers?.ok === false ? h : undefined;
        },
        10_000,
      );
      expect(degraded.body.status).toBe('degraded');
      const restarted = await waitFor(
        'the workers to be restarted',
        async () => /工作进程（workers）已重新启动（进程 (\d+)）/.exec(first.out()) ?? undefined,
        120_000,
      );
      everyPid.add(Number(restarted[1]));
      expect(first.out()).toMatch(/工作进程（workers，进程 \d+）意外退出（信号 SIGKILL），[\d.]+ 秒后重启/);
      await waitFor('healthz ok again', async () => (await health()).status === 200, 60_000);

      // When the engine is killed
      process.kill(first.pids.engine!, 'SIGKILL');
      // Then /healthz is 503 at once, and the engine comes back
      const noEngine = await waitFor(
        'healthz to report the engine down',
        async () => {
          const h = await health();
          return h.status === 503 && h.body.components?.engine?.ok === false ? h : undefined;
        },
        10_000,
      );
      expect(noEngine.body.status).toBe('degraded');
      const engineBack = await waitFor(
        'the engine to be restarted',
        async () => /流程引擎（engine）已重新启动（进程 (\d+)）/.exec(first.out()) ?? undefined,
        6 * 60_000,
      );
      everyPid.add(Number(engineBack[1]));
      await waitFor(
        'healthz ok after the engine restart',
        async () => (await health()).status === 200,
        120_000,
      );

      // When npm start itself is killed with SIGKILL
      const pids = [...everyPid].filter((p) => p !== first.child.pid && alive(p));
      first.child.kill('SIGKILL');
      // Then every process it started stops within seconds
      await waitFor('every child to stop', async () => pids.every((p) => !alive(p)), 30_000).catch(() => {
        throw new Error(`still running: ${pids.filter(alive).join(', ')}`);
      });

      // And the next start works on the same data and ports
      const second = await start();
      await waitFor('healthz ok after a restart', async () => (await health()).status === 200, 60_000);
      second.child.kill('SIGTERM');
      await waitFor('npm start to stop', async () => second.child.exitCode !== null, 60_000);
      expect(second.out()).toContain('已停止。');
      const secondPids = Object.values(second.pids);
      await waitFor('its children to stop', async () => secondPids.every((p) => !alive(p)), 30_000);
    },
    TEST_MS,
  );
});
