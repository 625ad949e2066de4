import { spawn } from 'node:child_process';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { localToday } from '../domain/identifiers.js';
import { generatePlan } from '../scripts/lib/simulation/generate.js';

// `npm run simulate` (issue 5 item 8): a small cycle through its own real engine with the current
// diagrams, generated data and automatic answers ends with no incident, and the printed funnel is
// the one the generated data calls for.

function runSimulate(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', ...args], {
      cwd: ROOT_DIR,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** The number on the funnel line that starts with label. */
const funnelCount = (out: string, label: string): number | undefined => {
  const m = new RegExp(`^  ${label}\\s+(\\d+)`, 'm').exec(out);
  return m ? Number(m[1]) : undefined;
};

describe('npm run simulate', () => {
  it('refuses a bad option with a line naming it, before starting anything', async () => {
    expect((await runSimulate(['--skip-noop', '--seed', 'x'])).out).toContain('--seed 应为');
    const { code, out } = await runSimulate(['--applications', '0']);
    expect(code).toBe(2);
    expect(out).toContain('--applications 应为 1 至 500 之间的整数，实际为“0”');
    expect(out).not.toContain('引擎已就绪');
  });

  it('runs a whole small cycle on its own engine with no incident and prints the funnel', async () => {
    const args = [
      '--applications',
      '6',
      '--experts',
      '6',
      '--team-size',
      '2',
      '--seed',
      '7',
      '--objections',
      '1',
    ];
    const { code, out } = await runSimulate(args);
    const plan = generatePlan({
      applications: 6,
      experts: 6,
      year: localToday().slice(0, 4),
      seed: 7,
      today: localToday(),
    });
    const eligible = plan.applicants.filter((a) => a.fate === 'eligible').length;
    // the data mixes in applicants that must fail: outside 宝山区 (Art. 3) and not recommended
    expect(eligible).toBeLessThan(6);
    expect(eligible).toBeGreaterThan(0);

    expect(out).toContain('结论：通过');
    expect(code).toBe(0);
    expect(funnelCount(out, '申报')).toBe(6);
    expect(funnelCount(out, '正式受理')).toBe(eligible);
    // the office shortlists the better two thirds of the ranked applications
    expect(funnelCount(out, '进入现场评审')).toBe(Math.ceil((eligible * 2) / 3));
    expect(out).toMatch(/事件（incident）：\n {2}无/);
    // every reviewer confirmed, one declared a conflict and was replaced (Art. 26): 2 per application + 1
    expect(out).toContain(`声明无利害关系（Task_Confirm）${eligible * 2 + 1} 次`);
    expect(out).toContain(`填写资料评审评分表（Task_ScoreSheet）${eligible * 2} 次`);
    expect(out).toMatch(/定时器 Timer_Deadline 触发 1 次/);
    expect(out).toMatch(/合计：\d+\.\d 秒/);
    // the 建议名单 comes from the shortlist; the one objection filed during the 公示 is upheld and
    // takes its application off the list (Art. 18 (7))
    const proposed = funnelCount(out, '建议获奖')!;
    expect(proposed).toBeGreaterThan(0);
    expect(proposed).toBeLessThanOrEqual(funnelCount(out, '进入现场评审')!);
    expect(out).toMatch(/异议 sim-objection-1：cycle-\d{4}\/A-\d{3}，成立/);
    expect(funnelCount(out, '获奖')).toBe(proposed - 1);
    // Art. 18 (7)(8): the list changed by the upheld objection goes back through 审定, 批准 and a new 公示
    expect(out).toMatch(/定时器 Timer_PublicityEnd 触发 2 次/);
    expect(out).toMatch(/审定获奖建议名单（Task_CommitteeReview）2 次/);
    expect(out).toMatch(/区政府批准拟获奖名单（Task_GovernmentApproval）2 次/);
    // the awards per class and category stay within Art. 7, and they add up to the funnel
    const rows = [...out.matchAll(/^ {2}(区长质量奖|质量金奖)·\S+ {2}(\d+) \/ (\d+)/gm)];
    expect(rows).toHaveLength(4);
    for (const m of rows) expect(Number(m[2])).toBeLessThanOrEqual(Number(m[3]));
    expect(rows.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(proposed - 1);
    // Issue 18 item 3: the same cycle again on a fresh engine with no-op handlers replaying the real
    // workers' outcomes takes the same path, and the ratio of the two cycle times is printed
    expect(out).toContain('== 空操作对照');
    expect(out).toContain('路径相同（自动处理的任务与定时器次数一致）');
    expect(out).toMatch(/回放的工作者结果：按输入变量 \d+ 次，按活动顺序 \d+ 次，无记录 0 次/);
    const ratio = /空操作比值（真实\/空操作）：(\d+\.\d\d)（目标 ≤ 1\.3）/.exec(out);
    expect(ratio).not.toBeNull();
    expect(Number(ratio![1])).toBeGreaterThan(0);
    // the temporary engines are gone
    expect(out).not.toContain('停止时出错');
  }, 900000);
});
