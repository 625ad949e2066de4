import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../camunda/engine-process.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the product's programs with env and waits for it to exit; it is sent SIGTERM once
 * `stopWhen` holds for its output, or after ms.
 */
function run(
  script: string,
  env: Record<string, string>,
  ms = 30000,
  stopWhen?: (stdout: string) => boolean,
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, script)], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stopWhen?.(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('bad configuration gives one clear line and a non-zero exit', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-cli-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('names a malformed variable', async () => {
    const r = await run('server/main.ts', { DATA_DIR: dataDir, PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('PORT');
  });

  it('names the port that is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await run('server/main.ts', { DATA_DIR: dataDir, PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(`错误：端口 ${port} 已被占用（PORT），请换一个端口或停止占用它的程序`);
    } finally {
      blocker.close();
    }
  });

  it('names a missing required setting of the workers', async () => {
    const r = await run('workers/main.ts', { DATA_DIR: dataDir, CAMUNDA_WORKER_PASSWORD: 'x' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('错误：配置错误 SMTP_URL: 未设置');
  });

  it('keeps the workers retrying with backoff while the engine is down, and stops cleanly', async () => {
    // Given an engine URL where nothing listens
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // When the workers run until they have logged three outages, and are then sent SIGTERM
    const outages = (out: string) => out.split('引擎暂时无法连接').length - 1;
    const r = await run(
      'workers/main.ts',
      {
        DATA_DIR: path.join(dataDir, 'w'),
        ENGINE_URL: `http://127.0.0.1:${port}/engine-rest`,
        CAMUNDA_WORKER_PASSWORD: 'x',
        SMTP_URL: 'smtp://127.0.0.1:1',
      },
      45000,
      (out) => outages(out) >= 3,
    );
    // Then they logged the outage with growing delays instead of crashing, and exited 0
    const delays = r.stdout
      .split('\n')
      .filter((l) => l.includes('引擎暂时无法连接'))
      .map((l) => (JSON.parse(l) as { retryInMs: number }).retryInMs);
    expect(delays.length).toBeGreaterThanOrEqual(3);
    expect(delays[1]).toBeGreaterThan(delays[0]!);
    expect(delays[2]).toBeGreaterThan(delays[1]!);
    expect(r.code).toBe(0);
  });
});
