import { SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import type { Mailer } from '../../mail/mailer.js';
import type { Db } from '../../store/index.js';
import { executeTask, taskContext } from '../execute.js';
import { proposeAwardsWorker } from './index.js';

// propose-awards reads the 宁缺毋滥 minimum scores (Art. 4, 7) from its BPMN input parameters.

const ctx = taskContext(
  {
    taskId: 't',
    topic: 'propose-awards',
    processInstanceId: 'pi-cycle',
    processDefinitionKey: 'award-cycle',
    activityId: 'Task_ProposeAwards',
    activityInstanceId: 'Task_ProposeAwards:1',
    businessKey: 'cycle-2031',
    retries: null,
  },
  pino({ level: 'silent' }),
);
/** An engine that knows no application instance: the proposal then has no contact facts. */
const empty = async () => ({ data: [] });
const emptyEngine = { api: { GET: empty, POST: empty } } as unknown as EngineRest;
const deps = {
  db: {} as Db,
  mailer: {} as Mailer,
  engine: emptyEngine,
  config: {} as Config,
  editions: SHIPPED_EDITIONS,
};
const run = (variables: Record<string, unknown>) =>
  executeTask(proposeAwardsWorker, variables, ctx, deps, { retries: 3, baseMs: 10 }, null);

/** What the element template supplies. */
const TEMPLATE = {
  rulesEdition: '2023',
  quotaDistrictHeadModel: '2',
  quotaDistrictHeadAchievement: '1',
  quotaGoldModel: '10',
  quotaGoldAchievement: '2',
  prizeDistrictHeadModel: '500000',
  prizeDistrictHeadAchievement: '20000',
  prizeGoldModel: '100000',
  prizeGoldAchievement: '10000',
  nearTieMargin: '10',
  minScoreDistrictHead: '600',
  minScoreGold: '500',
};
const entry = (id: string, kind: 'organization' | 'individual', siteScore: number) => ({
  applicationId: `cycle-2031/${id}`,
  applicantName: `申报者 ${id}`,
  applicantKind: kind,
  documentScore: siteScore,
  maxTotal: 1000,
  shortlisted: true,
  siteScore,
});
const vars = (d: unknown) => (d as { variables: Record<string, unknown> }).variables;

describe('propose-awards: 宁缺毋滥 (Art. 4, 7)', () => {
  it('leaves a class empty when nobody reaches its minimum score and names it in the proposal notes', async () => {
    const reviewSummary = JSON.stringify([
      entry('O-1', 'organization', 580),
      entry('O-2', 'organization', 450),
      entry('P-1', 'individual', 620),
    ]);
    const done = await run({ ...TEMPLATE, reviewSummary });
    expect(done.kind).toBe('complete');
    const out = vars(done);
    const awards = out.awards as { applicationId: string; awardClass: string }[];
    expect(awards.map((a) => [a.applicationId, a.awardClass])).toEqual([
      ['cycle-2031/O-1', 'gold'],
      ['cycle-2031/P-1', 'district-head'],
    ]);
    expect(String(out.proposalNotesText)).toContain(
      '区长质量奖（先进质量管理模式）空缺：没有申报达到最低分 600 分（第四条、第七条：宁缺毋滥，所有奖项均可空缺）',
    );
    expect(String(out.proposalNotesText)).not.toContain('区长质量奖（先进质量管理成果）空缺');
  });

  it('sets no minimum at 0, and refuses a minimum outside 0–1000 naming the parameter and the articles', async () => {
    const reviewSummary = JSON.stringify([entry('O-1', 'organization', 300)]);
    const none = await run({ ...TEMPLATE, minScoreDistrictHead: '0', minScoreGold: '0', reviewSummary });
    expect(vars(none).awards).toMatchObject([{ awardClass: 'district-head' }]);
    const bad = await run({ ...TEMPLATE, minScoreGold: '1001', reviewSummary });
    expect(bad.kind).toBe('failure');
    expect(JSON.stringify(bad)).toContain('minScoreGold（质量金奖最低分，第四条、第七条）不能超过满分 1000');
  });
});
