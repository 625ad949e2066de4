import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import type { Mailer } from '../../mail/mailer.js';
import type { Db } from '../../store/index.js';
import { executeTask, taskContext } from '../execute.js';
import { formatAwardLines } from '../../domain/awards.js';
import { checkQuotasWorker } from './index.js';

// check-quotas takes the Art. 7 quotas and Art. 19 caps from its BPMN input parameters only.

const ctx = taskContext(
  {
    taskId: 't',
    topic: 'check-quotas',
    processInstanceId: 'pi-cycle',
    processDefinitionKey: 'award-cycle',
    activityId: 'Task_CheckQuotas',
    activityInstanceId: 'Task_CheckQuotas:1',
    businessKey: 'cycle-2031',
    retries: null,
  },
  pino({ level: 'silent' }),
);
const deps = {
  db: {} as Db,
  mailer: {} as Mailer,
  engine: {} as EngineRest,
  config: {} as Config,
  editions: SHIPPED_EDITIONS,
};
const run = (variables: Record<string, unknown>) =>
  executeTask(checkQuotasWorker, variables, ctx, deps, { retries: 3, baseMs: 10 }, null);

/** What the element template supplies (Art. 7: 2/1/10/2; Art. 19: 500000/20000/100000/10000). */
const TEMPLATE = {
  rulesEdition: '2023',
  quotaDistrictHeadModel: '2',
  quotaDistrictHeadAchievement: '1',
  quotaGoldModel: '10',
  quotaGoldAchievement: '2',
  capDistrictHeadModel: '500000',
  capDistrictHeadAchievement: '20000',
  capGoldModel: '100000',
  capGoldAchievement: '10000',
};
const award = (id: string, awardClass: string, category: string, prize: number) => ({
  applicationId: id,
  awardClass,
  category,
  prize,
  applicantName: `获奖者 ${id}`,
  applicantKind: category === 'model' ? 'organization' : 'individual',
});
/** The variables of a completed task. */
const vars = (d: unknown) => (d as { variables: Record<string, unknown> }).variables;
const threeHeads = [
  award('cycle-2031/A', 'district-head', 'model', 500000),
  award('cycle-2031/B', 'district-head', 'model', 500000),
  award('cycle-2031/C', 'district-head', 'model', 500000),
];

describe('check-quotas worker (Art. 7, 19)', () => {
  it('accepts a list within the template limits and returns the list as text', async () => {
    const d = await run({ ...TEMPLATE, awards: threeHeads.slice(0, 2) });
    expect(d).toMatchObject({ kind: 'complete', variables: { quotaOk: true, quotaViolationsText: '' } });
    expect(String(vars(d).awardsText)).toContain('获奖者 cycle-2031/A');
    // and writes the list back as the JSON text the office's form edits
    expect(JSON.parse(JSON.stringify(vars(d).awards))).toEqual(threeHeads.slice(0, 2));
  });

  it('keeps the executives named in an organization entry, for the Art. 21 proposal to the pool', async () => {
    const executives = [{ name: '王总', position: '总经理', email: 'wang@example.cn' }];
    const d = await run({ ...TEMPLATE, awards: [{ ...threeHeads[0]!, executives }] });
    expect(d).toMatchObject({ kind: 'complete', variables: { quotaOk: true } });
    expect(JSON.parse(JSON.stringify(vars(d).awards))[0].executives).toEqual(executives);
  });

  it('reads the lines the office edited in its form back into the list', async () => {
    // Given the two proposed awards shown as lines, and a third candidate from the ranking
    const shown = formatAwardLines(threeHeads.slice(0, 2) as never);
    const candidate = {
      applicationId: 'cycle-2031/C',
      applicantName: '获奖者 C',
      applicantKind: 'organization',
    };
    // When the office lowers B to 质量金奖 and adds C as 质量金奖
    const edited =
      shown.replace(/(cycle-2031\/B \| )区长质量奖 \| 500000/, '$1质量金奖 | 100000') +
      '\nC | 质量金奖 | 80000';
    const d = await run({
      ...TEMPLATE,
      awards: threeHeads.slice(0, 2),
      awardsLines: edited,
      awardsLinesShown: shown,
      awardCandidates: [candidate],
    });
    // Then the checked list is what the lines say, and the form shows it again as lines
    expect(d).toMatchObject({ kind: 'complete', variables: { quotaOk: true } });
    const list = JSON.parse(JSON.stringify(vars(d).awards));
    expect(
      list.map((a: { applicationId: string; awardClass: string; prize: number }) => [
        a.applicationId,
        a.awardClass,
        a.prize,
      ]),
    ).toEqual([
      ['cycle-2031/A', 'district-head', 500000],
      ['cycle-2031/B', 'gold', 100000],
      ['cycle-2031/C', 'gold', 80000],
    ]);
    expect(vars(d).awardsLines).toBe(vars(d).awardsLinesShown);
    expect(String(vars(d).awardsLines)).toContain('cycle-2031/C | 质量金奖 | 80000 | 获奖者 C');
  });

  it('uses `awards` when the lines are as shown, and names the line of an edit it cannot read', async () => {
    const shown = formatAwardLines(threeHeads.slice(0, 2) as never);
    const unchanged = await run({
      ...TEMPLATE,
      awards: threeHeads.slice(0, 1),
      awardsLines: shown,
      awardsLinesShown: shown,
    });
    expect(JSON.parse(JSON.stringify(vars(unchanged).awards))).toHaveLength(1);
    const bad = await run({
      ...TEMPLATE,
      awards: threeHeads.slice(0, 2),
      awardsLines: `${shown}\nZ-9 | 质量金奖 | 1`,
      awardsLinesShown: shown,
    });
    expect(bad).toMatchObject({ kind: 'complete', variables: { quotaOk: false } });
    expect(String(vars(bad).quotaViolationsText)).toBe('第 4 行：申报编号“Z-9”不在综合评价名单中');
    expect(vars(bad).awards).toBeUndefined();
  });

  it('Art. 7, 28: uses the limits of its input parameters, which may only tighten the cycle’s edition', async () => {
    // the same three 区长质量奖 break a quota of 2
    const refused = await run({ ...TEMPLATE, awards: threeHeads });
    expect(refused).toMatchObject({ kind: 'complete', variables: { quotaOk: false } });
    expect(String(vars(refused).quotaViolationsText)).toBe(
      '超过第七条名额：区长质量奖先进质量管理模式不超过 2 个，实际 3 个',
    );
    // a diagram widening the quota beyond the 2023 办法 is an incident naming the parameter
    const widened = await run({ ...TEMPLATE, quotaDistrictHeadModel: 3, awards: threeHeads });
    expect(widened).toMatchObject({ kind: 'failure', retries: 0 });
    expect(JSON.stringify(widened)).toContain(
      '参数 quotaDistrictHeadModel（第七条名额，区长质量奖先进质量管理模式）为 3，超过办法 2023 规定的 2',
    );
    // one incident names every parameter that loosens the edition, quotas and caps alike
    const both = JSON.stringify(
      await run({ ...TEMPLATE, quotaDistrictHeadModel: 3, capDistrictHeadModel: '600000', awards: [] }),
    );
    expect(both).toContain('参数 quotaDistrictHeadModel（第七条名额');
    expect(both).toContain(
      '参数 capDistrictHeadModel（第十九条奖金上限，区长质量奖先进质量管理模式）为 600000',
    );
    // a tighter quota applies
    const tighter = await run({ ...TEMPLATE, quotaDistrictHeadModel: 1, awards: threeHeads.slice(0, 2) });
    expect(String(vars(tighter).quotaViolationsText)).toContain('不超过 1 个，实际 2 个');

    // and a lower cap set in the diagram refuses a prize the 办法 would allow
    const capped = await run({
      ...TEMPLATE,
      capGoldAchievement: '5000',
      awards: [award('cycle-2031/P', 'gold', 'achievement', 8000)],
    });
    expect(vars(capped).quotaViolations).toEqual([
      expect.objectContaining({ article: 19, limit: 5000, actual: 8000, applicationId: 'cycle-2031/P' }),
    ]);
  });

  it('has no default: a missing or invalid parameter is an incident naming it', async () => {
    const { quotaGoldModel: _omitted, ...withoutOne } = TEMPLATE;
    const missing = await run({ ...withoutOne, awards: [] });
    expect(missing).toMatchObject({ kind: 'failure', retries: 0 });
    expect((missing as unknown as { errorMessage: string }).errorMessage).toContain('quotaGoldModel');
    const negative = await run({ ...TEMPLATE, capDistrictHeadModel: '-1', awards: [] });
    expect((negative as unknown as { errorMessage: string }).errorMessage).toContain('capDistrictHeadModel');
  });

  it('reads a list given as JSON text and sends a malformed list or a duplicate back to the office', async () => {
    const text = await run({ ...TEMPLATE, awards: JSON.stringify(threeHeads.slice(0, 1)) });
    expect(text).toMatchObject({ kind: 'complete', variables: { quotaOk: true } });
    const duplicate = await run({ ...TEMPLATE, awards: [threeHeads[0], threeHeads[0]] });
    expect(duplicate).toMatchObject({ kind: 'complete', variables: { quotaOk: false } });
    expect(String(vars(duplicate).quotaViolationsText)).toContain('同一申报只能获奖一次');
    const bad = await run({ ...TEMPLATE, awards: [{ ...threeHeads[0], awardClass: 'silver' }] });
    expect(bad).toMatchObject({ kind: 'complete', variables: { quotaOk: false } });
    expect(vars(bad).awards).toBeUndefined(); // the office sees its own text again
    expect(String(vars(bad).quotaViolationsText)).toContain('获奖名单第 1 项 awardClass');
  });
});
