// `npm run bench [-- --instances N --sections runtime,assignment,precheck,cycle --cycle-sizes 10,40,200]`:
// measures in one run, side by side, what issue 18 asks to compare and prints it as ratios:
// - runtime:    the project's worker runtime vs the bare camunda-external-task-client-js vs the engine
//               alone (completions/s, per-hop latency, engine CPU per task) on a throw-away engine;
// - assignment: the assignment plan (500 × 150, team 5) vs a simple reference solver;
// - precheck:   POST /api/eligibility/check p50/p99 at a fixed request rate vs a bare express route;
// - cycle:      `npm run simulate` at each size (only with --sections …,cycle: many minutes at 200).
// Results go to bench-results/bench-<timestamp>.json. Not a timed test: CI may run it small.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMain } from '../../config/cli.js';
import { ensureEngineJar, freePort, ROOT_DIR, startEngine } from '../../camunda/engine-process.js';
import { engineRest } from '../../camunda/rest.js';
import { benchRuntime } from './runtime.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

function option(argv: readonly string[], name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);

export async function bench(argv: readonly string[]): Promise<Record<string, unknown>> {
  const sections = option(argv, 'sections', 'runtime,assignment,precheck').split(',');
  const instances = Number(option(argv, 'instances', '1000'));
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, platform: process.platform },
  };

  if (sections.includes('runtime')) {
    say(`== 工作者运行时（${instances} 个实例，单个外部任务）==`);
    ensureEngineJar(say);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qa-bench-'));
    const credentials = { username: 'bench-admin', password: randomBytes(12).toString('hex') };
    const engine = await startEngine({
      port: await freePort(),
      dataDir: path.join(dir, 'engine-data'),
      adminUser: credentials.username,
      adminPassword: credentials.password,
      logFile: path.join(dir, 'engine.log'),
    });
    try {
      const rest = engineRest(engine.restUrl, credentials);
      const variants = await benchRuntime({ rest, credentials, enginePid: engine.pid, instances, say });
      const by = Object.fromEntries(variants.map((v) => [v.variant, v]));
      const runtime = by.runtime!;
      const bare = by['bare-client']!;
      const alone = by['engine-alone']!;
      const ratios = {
        runtimeVsBareThroughput: ratio(runtime.completionsPerSecond, bare.completionsPerSecond),
        runtimeVsEngineAloneThroughput: ratio(runtime.completionsPerSecond, alone.completionsPerSecond),
        runtimeVsBareHopLatency: ratio(runtime.hopMs, bare.hopMs),
        runtimeVsBareEngineCpu:
          runtime.engineCpuMsPerTask !== null && bare.engineCpuMsPerTask !== null
            ? ratio(runtime.engineCpuMsPerTask, bare.engineCpuMsPerTask)
            : null,
      };
      say(
        `  比值：吞吐 运行时/裸客户端 ${ratios.runtimeVsBareThroughput}，运行时/引擎单独 ${ratios.runtimeVsEngineAloneThroughput}；` +
          `每步延迟 运行时/裸客户端 ${ratios.runtimeVsBareHopLatency}；引擎 CPU 运行时/裸客户端 ${ratios.runtimeVsBareEngineCpu ?? '—'}`,
      );
      results.runtime = { variants, ratios };
    } finally {
      await engine.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const outDir = path.join(ROOT_DIR, 'bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  say(`结果已写入 ${path.relative(ROOT_DIR, file)}`);
  return results;
}

runMain(async () => {
  await bench(process.argv.slice(2));
});
