// `npm run bench [-- --instances N --sections runtime,assignment,precheck,cycle --cycle-sizes 10,40,200]`:
// measures in one run, side by side, what issue 18 asks to compare and prints it as ratios:
// - runtime:    the project's worker runtime vs the bare camunda-external-task-client-js vs the engine
//               alone (completions/s, per-hop latency, engine CPU per task) on a throw-away engine;
// - assignment: the assignment plan (500 × 150, team 5) vs a simple reference solver;
// - precheck:   POST /api/eligibility/check p50/p99 at a fixed request rate vs a bare express route;
// - cycle:      `npm run simulate` at each size: the cycle with the real workers and with no-op handlers
//               replaying their outcomes, and the ratio (only with --sections …,cycle: long at 200).
// Results go to bench-results/bench-<timestamp>.json. Not a timed test: CI may run it small.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMain } from '../../config/cli.js';
import { ensureEngineJar, freePort, ROOT_DIR, startEngine } from '../../camunda/engine-process.js';
import { engineRest } from '../../camunda/rest.js';
import { spawnSync } from 'node:child_process';
import { benchAssignment } from './assignment.js';
import { shippedEditions } from '../../config/editions.js';
import { editionInForce } from '../../domain/edition.js';
import { benchPrecheck } from './precheck.js';
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

  if (sections.includes('assignment')) {
    say('== 专家分组（500 × 150，每组 5 人；简单参照：每步重建的 Dinic 二分，只求最小最大负荷）==');
    const sizes = [
      [500, 150],
      [300, 300],
    ] as const;
    const edition = editionInForce(new Date(), shippedEditions());
    if (!edition) throw new Error('第二十八条：今天不在任何办法版本的适用期内，无法按第十二条分组');
    const rows = sizes.map(([a, e]) => benchAssignment(a, e, 5, edition));
    for (const r of rows)
      say(
        `  ${r.applications} × ${r.experts}：本项目 ${r.planMs} ms（最大负荷 ${r.maxLoad}，并优化专业匹配），` +
          `参照 ${r.referenceMs} ms（最大负荷 ${r.referenceMaxLoad}），比值 ${ratio(r.planMs, r.referenceMs)}`,
      );
    results.assignment = rows.map((r) => ({ ...r, planVsReference: ratio(r.planMs, r.referenceMs) }));
  }

  if (sections.includes('precheck')) {
    const rate = Number(option(argv, 'rate', '100'));
    const seconds = Number(option(argv, 'seconds', '5'));
    say(`== 资格预审接口（固定速率 ${rate} 次/秒，${seconds} 秒）vs 裸 express 路由 ==`);
    const r = await benchPrecheck(rate, seconds);
    for (const [name, v] of [
      ['本项目 /api/eligibility/check', r.product],
      ['裸 express 路由', r.bare],
    ] as const)
      say(`  ${name}：p50 ${v.p50Ms} ms，p99 ${v.p99Ms} ms，错误 ${v.errors}；满载 ${v.perSecond} 次/秒`);
    const ratios = {
      p50: ratio(r.product.p50Ms, r.bare.p50Ms),
      p99: ratio(r.product.p99Ms, r.bare.p99Ms),
      throughput: ratio(r.product.perSecond, r.bare.perSecond),
    };
    say(`  比值（本项目/裸路由）：p50 ${ratios.p50}，p99 ${ratios.p99}，满载吞吐 ${ratios.throughput}`);
    results.precheck = { ...r, ratios };
  }

  if (sections.includes('cycle')) {
    const sizes = option(argv, 'cycle-sizes', '10,40,200').split(',').map(Number);
    say(`== 整个评审周期（npm run simulate），规模 ${sizes.join('、')} ==`);
    const runs = [];
    for (const n of sizes) {
      const experts = Math.max(8, Math.round((n * 60) / 200));
      const t = Date.now();
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(ROOT_DIR, 'scripts', 'simulate.ts'),
          '--applications',
          String(n),
          '--experts',
          String(experts),
        ],
        { cwd: ROOT_DIR, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      const seconds = Math.round((Date.now() - t) / 100) / 10;
      // simulate runs the cycle with the real workers, then with no-op handlers (issue 18 item 3)
      const out = run.stdout ?? '';
      const times = /真实工作者：([\d.]+) 秒；空操作：([\d.]+) 秒/.exec(out);
      const noopRatio = /空操作比值（真实\/空操作）：([\d.]+)/.exec(out);
      const cycle = {
        applications: n,
        experts,
        seconds,
        exitCode: run.status,
        realCycleSeconds: times ? Number(times[1]) : null,
        noopCycleSeconds: times ? Number(times[2]) : null,
        realVsNoop: noopRatio ? Number(noopRatio[1]) : null,
      };
      runs.push(cycle);
      say(
        `  ${n} 项申报、${experts} 位专家：共 ${seconds} 秒，退出码 ${run.status}；周期 真实工作者 ${cycle.realCycleSeconds ?? '—'} 秒，` +
          `空操作 ${cycle.noopCycleSeconds ?? '—'} 秒，比值 ${cycle.realVsNoop ?? '—（路径不同或未完成）'}（目标 ≤ 1.3）`,
      );
    }
    results.cycle = runs;
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
