// The command line of `npm run simulate`; a bad option is one Chinese line naming it.
import { localToday } from '../../../domain/identifiers.js';

export interface SimOptions {
  applications: number;
  experts: number;
  objections: number;
  teamSize: number;
  year: string;
  seed: number;
  timeoutSeconds: number;
  keep: boolean;
  /** Skip the second run with no-op handlers (issue 18: the workers' cost next to the diagram alone). */
  skipNoop: boolean;
}

export const USAGE = [
  '用法：npm run simulate -- [--applications N] [--experts M] [--objections K] [--team-size T]',
  '                         [--year YYYY] [--seed S] [--timeout 秒] [--keep] [--skip-noop]',
  '  --applications  生成的申报数（默认 40）',
  '  --experts       专家库人数（默认 15）',
  '  --objections    公示期异议件数（默认 0；第一件成立，其余不成立）',
  '  --team-size     每个评审组的专家人数（默认 3）',
  '  --year          评选年度（默认今年），业务键 cycle-年份',
  '  --seed          生成数据的随机种子（默认 1），相同种子生成相同数据',
  '  --timeout       整个模拟的时限，秒（默认 1800）',
  '  --keep          保留临时目录（引擎数据库和日志）',
  '  --skip-noop     不做空操作对照（默认在新引擎上以空操作工作者再跑一遍，打印耗时比值）',
].join('\n');

/** Thrown for a bad command line; the message is for people. */
export class OptionError extends Error {}

const INTEGER_OPTIONS: Record<string, { key: keyof SimOptions; min: number; max: number }> = {
  '--applications': { key: 'applications', min: 1, max: 500 },
  '--experts': { key: 'experts', min: 1, max: 200 },
  '--objections': { key: 'objections', min: 0, max: 50 },
  '--team-size': { key: 'teamSize', min: 1, max: 15 },
  '--seed': { key: 'seed', min: 0, max: 2 ** 31 },
  '--timeout': { key: 'timeoutSeconds', min: 10, max: 86400 },
};

/** Parses argv (after the script name); `--name value` and `--name=value` both work. */
export function parseOptions(argv: readonly string[], today: string = localToday()): SimOptions {
  const opts: SimOptions = {
    applications: 40,
    experts: 15,
    objections: 0,
    teamSize: 3,
    year: today.slice(0, 4),
    seed: 1,
    timeoutSeconds: 1800,
    keep: false,
    skipNoop: false,
  };
  const args = argv.flatMap((a) => (a.startsWith('--') && a.includes('=') ? a.split(/=(.*)/s, 2) : [a]));
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!;
    if (name === '--keep') {
      opts.keep = true;
      continue;
    }
    if (name === '--skip-noop') {
      opts.skipNoop = true;
      continue;
    }
    if (name === '--help' || name === '-h') throw new OptionError(USAGE);
    const value = args[i + 1];
    if (name === '--year') {
      if (!value || !/^\d{4}$/.test(value))
        throw new OptionError(`--year 应为四位年份，实际为“${value ?? ''}”`);
      opts.year = value;
      i++;
      continue;
    }
    const spec = INTEGER_OPTIONS[name];
    if (!spec) throw new OptionError(`未知选项“${name}”\n${USAGE}`);
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < spec.min || Number(value) > spec.max)
      throw new OptionError(`${name} 应为 ${spec.min} 至 ${spec.max} 之间的整数，实际为“${value ?? ''}”`);
    (opts as unknown as Record<string, number>)[spec.key] = Number(value);
    i++;
  }
  return opts;
}
