// `.ci/run`'s production check, without Docker: lays out the Dockerfile's final stage in a temporary
// folder exactly as its instructions say (COPY from the build context or from the build stage, RUN
// `npm ci --omit=dev`, ENV), then starts from that production-only install the deploy step, the
// server (GET /healthz and the modeler page with its prebuilt bundle) and the workers (a real engine
// hands them the first task of a cycle, which they complete), and stops everything again.
// The build stage is this checkout after `npm run build`, which this script runs first. Like
// docker-compose, server and workers share a PostgreSQL store: a throw-away database on the
// machine's server (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ENGINE_JAR, freePort, ROOT_DIR, startEngine, type EngineHandle } from '../camunda/engine-process.js';
import { engineRest, toVariables } from '../camunda/rest.js';
import { startSmtpSink } from '../mail/sink.js';

interface Instruction {
  op: string;
  args: string;
}

/** The instructions of the Dockerfile's last stage (continuation lines joined, comments dropped). */
export function finalStage(dockerfile: string): Instruction[] {
  const lines = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const [op = '', ...rest] = line.split(/\s+/);
    if (op.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)?.push({ op: op.toUpperCase(), args: rest.join(' ') });
  }
  const last = stages.at(-1);
  if (!last) throw new Error('Dockerfile has no FROM');
  return last;
}

/** `COPY [--from=build] <src>... <dest>` in a folder: sources from the checkout (context and build stage alike). */
function copy(args: string, root: string, workdir: string): void {
  const parts = args.split(/\s+/).filter((p) => !p.startsWith('--chown') && !p.startsWith('--chmod'));
  const fromStage = parts[0]?.startsWith('--from=');
  const paths = fromStage ? parts.slice(1) : parts;
  const dest = paths.pop();
  if (!dest || paths.length === 0) throw new Error(`COPY ${args}: nothing to copy`);
  const target = path.resolve(workdir, dest);
  for (const src of paths) {
    // The build stage is WORKDIR /app with the checkout copied in: /app/<x> is <checkout>/<x>.
    const from = path.join(root, src.replace(/^\/app\/?/, ''));
    if (!fs.existsSync(from)) throw new Error(`COPY ${args}: ${src} does not exist (run npm run build)`);
    const into = dest.endsWith('/') || paths.length > 1 ? path.join(target, path.basename(from)) : target;
    fs.cpSync(from, into, { recursive: true });
  }
}

/** Lays out the final stage with dir as the image's `/`; returns its WORKDIR, ENV and CMD. */
export function layOut(
  dir: string,
  root = ROOT_DIR,
): { workdir: string; env: Record<string, string>; cmd: string[] } {
  let workdir = dir;
  const env: Record<string, string> = {};
  let cmd: string[] = [];
  for (const { op, args } of finalStage(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'))) {
    switch (op) {
      case 'WORKDIR':
        workdir = path.join(dir, args);
        fs.mkdirSync(workdir, { recursive: true });
        break;
      case 'ENV':
        for (const m of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[m[1]!] = m[2]!.replace(/^"|"$/g, '');
        break;
      case 'COPY':
        copy(args, root, workdir);
        break;
      case 'RUN': {
        // The shared npm cache of this machine must survive: the image's cache clean is left out.
        const command = args.replace(/&&\s*npm cache clean --force/, '').trim();
        console.log(`  RUN ${command}`);
        const res = spawnSync('sh', ['-c', command], {
          cwd: workdir,
          stdio: ['ignore', 'inherit', 'inherit'],
          env: {
            ...process.env,
            npm_config_prefer_offline: 'true',
            npm_config_audit: 'false',
            npm_config_fund: 'false',
          },
        });
        if (res.status !== 0) throw new Error(`RUN ${command} failed`);
        break;
      }
      case 'CMD':
        cmd = JSON.parse(args) as string[];
        break;
      default: // FROM, USER, EXPOSE, LABEL: nothing to lay out
    }
  }
  return { workdir, env, cmd };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function run(cwd: string, env: NodeJS.ProcessEnv, args: string[], log: string): ChildProcess {
  const out = fs.openSync(log, 'a');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  return child;
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onPostgres(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const step = (s: string) => console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${s}`);
  if (!fs.existsSync(ENGINE_JAR)) throw new Error(`${ENGINE_JAR} is missing: npm run engine:build`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-production-'));
  let app = tmp;
  const data = path.join(tmp, 'data');
  const admin = { username: 'admin', password: randomBytes(12).toString('hex') };
  const worker = { username: 'worker', password: randomBytes(12).toString('hex') };
  const identity = { username: 'identity', password: randomBytes(12).toString('hex') };
  let engine: EngineHandle | undefined;
  let server: ChildProcess | undefined;
  let workers: ChildProcess | undefined;
  let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  let ok = false;
  const database = `qa_production_${randomBytes(5).toString('hex')}`;
  const databaseUrl = new URL(POSTGRES_URL);
  databaseUrl.pathname = `/${database}`;
  await onPostgres(`CREATE DATABASE ${database}`);
  try {
    step('npm run build (the build stage)');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT_DIR, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');

    step(`engine on a free port, and the final stage laid out in ${tmp}/image`);
    const enginePort = await freePort();
    const engineStarting = startEngine({
      port: enginePort,
      dataDir: path.join(data, 'engine'),
      adminUser: admin.username,
      adminPassword: admin.password,
      logFile: path.join(tmp, 'engine.log'),
    });
    engineStarting.catch(() => undefined);
    const image = layOut(path.join(tmp, 'image'));
    app = image.workdir;
    const { env: imageEnv, cmd } = image;
    if (fs.existsSync(path.join(app, 'node_modules', 'typescript')))
      throw new Error('the production install holds devDependencies');
    engine = await engineStarting;

    const mails: string[] = [];
    sink = await startSmtpSink(await freePort(), (m) => void mails.push(m.subject));
    const serverPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...imageEnv,
      DATA_DIR: data,
      DATABASE_URL: databaseUrl.toString(),
      ENGINE_URL: engine.restUrl,
      CAMUNDA_ADMIN_USER: admin.username,
      CAMUNDA_WORKER_USER: worker.username,
      CAMUNDA_WORKER_PASSWORD: worker.password,
      CAMUNDA_IDENTITY_USER: identity.username,
      CAMUNDA_IDENTITY_PASSWORD: identity.password,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      PORT: String(serverPort),
      LOG_LEVEL: 'info',
    };

    step('deploy step: node dist/scripts/deploy.js');
    // As in docker-compose.yml: only the deploy step gets the engine admin's password.
    const deploy = spawnSync(process.execPath, ['dist/scripts/deploy.js'], {
      cwd: app,
      env: { ...env, CAMUNDA_ADMIN_PASSWORD: admin.password },
      encoding: 'utf8',
    });
    if (deploy.status !== 0) throw new Error(`deploy failed: ${deploy.stderr}${deploy.stdout}`);

    step(`server: ${cmd.join(' ')}`);
    server = run(app, env, cmd.slice(1), path.join(tmp, 'server.log'));
    const base = `http://127.0.0.1:${serverPort}`;
    await waitFor('GET /healthz answers 200', 60000, async () =>
      (await fetch(`${base}/healthz`)).ok ? true : undefined,
    );
    for (const url of ['/modeler?process=award-cycle', '/modeler/assets/modeler.js']) {
      const res = await fetch(`${base}${url}`);
      if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
    }
    step('server answers /healthz and serves the prebuilt modeler bundle');

    step('workers: node dist/workers/main.js');
    workers = run(app, env, ['dist/workers/main.js'], path.join(tmp, 'workers.log'));
    const rest = engineRest(engine.restUrl, admin);
    const year = String(new Date().getFullYear() + 50);
    const instance = await rest.post('/process-definition/key/award-cycle/start', {
      businessKey: `cycle-${year}`,
      variables: toVariables({
        year,
        applicationStart: '2016-03-01',
        applicationEnd: '2016-05-31',
        deadline: '2016-06-30',
        cycleFields: '制造业',
        teamSize: 3,
      }),
    });
    await waitFor('the workers complete 核对适用的办法版本 (check-rules-edition)', 60000, async () => {
      const done = await rest.get(
        `/history/activity-instance?processInstanceId=${instance.id}&activityId=Task_CheckEdition`,
      );
      return done.some((a) => a.endTime) ? true : undefined;
    });
    step('workers took and completed a task of the engine');
    ok = true;
  } finally {
    await stop(workers);
    await Promise.all([stop(server), sink?.close(), engine?.stop()]);
    await onPostgres(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    if (ok) fs.rmSync(tmp, { recursive: true, force: true });
    else {
      for (const log of ['server.log', 'workers.log', 'engine.log']) {
        const file = path.join(tmp, log);
        if (fs.existsSync(file))
          console.error(
            `--- ${log} (last lines)\n${fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n')}`,
          );
      }
      console.error(`kept ${tmp} for inspection`);
    }
  }
  step('production layout check passed');
}

main().catch((err: unknown) => {
  console.error(`production check failed: ${(err as Error).message ?? String(err)}`);
  process.exit(1);
});
