// `npm run simulate -- --applications N --experts M [--objections K]`: a dry run of a whole award
// cycle on the real engine with the project's current diagrams and forms, generated data and
// automatic task answers — the way a process administrator checks a revised diagram before
// deploying it. Prints the funnel, the time of each phase, the awards next to the Art. 7 quotas and
// every incident; exit code 0 only when the cycle ended with no incident and every check holds.
// Its engine, store and mail live in a temporary folder, removed on exit and on Ctrl-C.
import { isMain } from '../config/cli.js';
import { localToday } from '../domain/identifiers.js';
import { driveCycle } from './lib/simulation/driver.js';
import { startEnvironment, type SimEnvironment } from './lib/simulation/environment.js';
import { assertValidPlan, generatePlan } from './lib/simulation/generate.js';
import { OptionError, parseOptions, USAGE } from './lib/simulation/options.js';
import { collectOutcome, noopReportText, reportText } from './lib/simulation/report.js';
import { Recording } from './lib/simulation/replay.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** Runs the simulation; resolves to the exit code. */
export async function simulate(argv: readonly string[]): Promise<number> {
  const opts = parseOptions(argv);
  const today = localToday();
  const plan = generatePlan({
    applications: opts.applications,
    experts: opts.experts,
    year: opts.year,
    seed: opts.seed,
    today,
  });
  assertValidPlan(plan);
  say(
    `模拟 ${plan.cycleKey}：申报 ${opts.applications} 项，专家 ${opts.experts} 人，` +
      `每组 ${opts.teamSize} 人，异议 ${opts.objections} 件（种子 ${opts.seed}）`,
  );

  let env: SimEnvironment | undefined;
  let aborted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (aborted) {
      process.stderr.write(`再次收到 ${signal}，立即退出\n`);
      process.exit(130);
    }
    aborted = true;
    // The driver notices within a moment; a start-up in progress finishes first, then everything
    // is stopped and removed. A second signal exits at once (the engine dies with this process).
    say('收到中断信号，正在停止引擎并清理临时数据…（再按一次 Ctrl-C 立即退出）');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const recording = new Recording();
    env = await startEnvironment({
      experts: plan.experts,
      keep: opts.keep,
      say,
      workers: { mode: 'real', recording },
    });
    if (aborted) return 130;
    const drive = (
      rest: SimEnvironment['rest'],
      db: SimEnvironment['db'],
      sayLine: (line: string) => void = say,
    ) =>
      driveCycle(rest, plan, {
        db,
        teamSize: opts.teamSize,
        objections: opts.objections,
        timeoutMs: opts.timeoutSeconds * 1000,
        seed: opts.seed,
        say: sayLine,
        aborted: () => aborted,
      });
    const run = await drive(env.rest, env.db);
    if (aborted) return 130;
    const outcome = await collectOutcome(env.rest, plan, run);
    say(
      reportText(plan, run, outcome, {
        experts: opts.experts,
        objections: opts.objections,
        mails: env.mails.length,
      }),
    );
    await env.stop();
    env = undefined;
    const passed = outcome.failures.length === 0;
    if (opts.skipNoop || !passed || aborted) return aborted ? 130 : passed ? 0 : 1;

    // Issue 18 item 3: the same cycle on a fresh engine with no-op handlers replaying the outcomes.
    say('== 空操作对照：新引擎、同一流程图与数据，工作者只交回上一遍记录的结果 ==');
    env = await startEnvironment({
      experts: plan.experts,
      keep: opts.keep,
      say,
      workers: { mode: 'noop', recording },
    });
    if (aborted) return 130;
    const quiet = () => undefined;
    const noop = await drive(env.rest, env.db, quiet);
    if (aborted) return 130;
    const comparison = noopReportText(run, noop, recording);
    say(comparison.text);
    // A no-op run that took another path compares nothing: the command fails rather than print a ratio.
    return comparison.samePath ? 0 : 1;
  } finally {
    await env?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

if (isMain(import.meta.url)) {
  simulate(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      if (err instanceof OptionError) {
        // --help asks for the usage: it is the answer, not an error.
        const help = err.message === USAGE;
        (help ? process.stdout : process.stderr).write(`${err.message}\n`);
        process.exit(help ? 0 : 2);
      }
      process.stderr.write(`错误：${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
