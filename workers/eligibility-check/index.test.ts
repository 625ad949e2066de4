import type { Db } from '../../store/index.js';
import { upsertAwardRecord, upsertOrganization } from '../../store/registry.js';
import { openTestStore } from '../../store/test-store.js';
import { InputError } from '../worker.js';
import { EDITION_2023, SHIPPED_EDITIONS } from '../../config/test-editions.js';
import { recordCycleEdition } from '../../store/editions.js';
import { cycleEdition, recordedEdition } from '../shared/rules-edition.js';
import {
  applicantOf,
  eligibilityCheckWorker,
  eligibilityParams,
  EligibilityCheckInput,
  judgeApplication,
} from './index.js';
import { pino } from 'pino';
import type { EngineRest } from '../../camunda/rest.js';
import type { Config } from '../../config/config.js';
import type { Mailer } from '../../mail/mailer.js';
import { executeTask, taskContext } from '../execute.js';

// The worker judges the applicant's declarations (intake) in the contract's shapes, with the registry.
describe('eligibility-check: declarations (Art. 14 ¶2, 16)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });

  const CREDIT_CODE = '91310113132203854K';
  const variables = (extra: Record<string, unknown> = {}) =>
    EligibilityCheckInput.parse({
      applicantKind: 'organization',
      applicantName: '上海宝山示范制造有限公司',
      creditCode: CREDIT_CODE,
      registeredDistrict: '宝山区',
      registrationDate: '2015-03-01',
      licensesValid: true,
      chiefQualityOfficer: true,
      municipalApplicationSameYear: false,
      asOf: '2026-06-30',
      ...extra,
    });
  const judge = async (extra: Record<string, unknown> = {}) => {
    const input = variables(extra);
    return judgeApplication(input, applicantOf(input), db, EDITION_2023);
  };
  const codes = (v: Record<string, unknown>, key: 'failures' | 'manualChecks') =>
    (v.eligibilityResult as Record<typeof key, { code: string }[]>)[key].map((f) => f.code);

  it('Art. 14 ¶2, 16 ¶2: lists the declarations among the office’s manual checks even when nothing is declared', async () => {
    const v = await judge();
    expect(v.eligibilityEligible).toBe(true);
    expect(codes(v, 'manualChecks')).toEqual([
      'art14-3-quality-management',
      'art14-4-business-performance',
      'art14-exclusions-declared',
      'art16-2-higher-award-declared',
    ]);
    expect(v.eligibilityManualChecksText).toContain('第十四条第二款须人工审查');
    expect(v.eligibilityManualChecksText).toContain('第十六条第二款须人工审查');
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'Art. 14 ¶2 (三): a declared serious violation of any date (a Json variable)',
      {
        declaredSanctions: [
          { type: 'serious-violation', date: '2001-01-01', description: '伪造产品检验报告' },
        ],
      },
      ['art14-exclusion-3-serious-violation'],
    ],
    [
      'Art. 14 ¶2 (一): a declared penalty within three years (JSON text)',
      {
        declaredSanctions: JSON.stringify([
          { type: 'serious-penalty', date: '2025-01-01', description: '环保处罚' },
        ]),
      },
      ['art14-exclusion-1-serious-penalty'],
    ],
    [
      'Art. 16 ¶2: a declared municipal award',
      { declaredAwards: [{ level: 'municipal', category: 'model', year: 2019 }] },
      ['art16-2-higher-award'],
    ],
    [
      'Art. 16 ¶1: a declared district award of the same category, conferred less than three years ago',
      { declaredAwards: [{ level: 'district', category: 'model', year: 2023, awardedOn: '2023-12-20' }] },
      ['art16-1-recent-award'],
    ],
    [
      'Art. 16 ¶1: the same, three years after its 发文',
      { declaredAwards: [{ level: 'district', category: 'model', year: 2023, awardedOn: '2023-06-30' }] },
      [],
    ],
    [
      'Art. 16 ¶3: a municipal application the same year',
      { municipalApplicationSameYear: true },
      ['art16-3-municipal-same-year'],
    ],
    ['nothing declared (empty text)', { declaredSanctions: '', declaredAwards: null }, []],
  ])('%s', async (_name, extra, expected) => {
    const v = await judge(extra);
    expect(codes(v, 'failures')).toEqual(expected);
    expect(v.eligibilityEligible).toBe(expected.length === 0);
  });

  it('Art. 16 ¶1: a declared award is completed with the 发文 date the registry holds', async () => {
    // Given the registry's record of the declared award, with its 发文 date
    await upsertOrganization(db, { creditCode: CREDIT_CODE, name: '上海宝山示范制造有限公司' });
    await upsertAwardRecord(
      db,
      { creditCode: CREDIT_CODE },
      { level: 'district', category: 'model', year: 2023, awardedOn: '2023-07-01' },
    );
    // when the applicant declares it without the date
    const declared = { declaredAwards: [{ level: 'district', category: 'model', year: 2023 }] };
    // then the registry's date decides: barred on 2026-06-30, free on 2026-07-01
    expect(codes(await judge(declared), 'failures')).toEqual(['art16-1-recent-award']);
    expect(codes(await judge({ ...declared, asOf: '2026-07-01' }), 'failures')).toEqual([]);
  });

  it('names the variable and the field of a declaration that does not fit', () => {
    const input = variables({
      declaredSanctions: [{ type: 'fine', date: '2025-01-01', description: 'x' }],
      declaredAwards: [{ level: 'district', category: 'model', year: 2023, awardedOn: '2022-01-01' }],
    });
    expect(() => applicantOf(input)).toThrow(InputError);
    expect(() => applicantOf(input)).toThrow(
      /变量 declaredSanctions\.0\.type：.*变量 declaredAwards\.0\.awardedOn：获奖发文日期不能早于获奖年份/,
    );
  });

  it('reads an individual’s employer’s declared sanctions (Art. 15 (4))', async () => {
    const input = EligibilityCheckInput.parse({
      applicantKind: 'individual',
      applicantName: '张三',
      idNumber: '310113198506120015',
      worksInBaoshan: true,
      contributesToBaoshan: false,
      qualityWorkSince: '2010-01-01',
      seriousViolation: false,
      employerName: '上海吴淞精密机械有限公司',
      employerCreditCode: '91310113425027495X',
      employerSanctions: [{ type: 'major-accident', date: '2025-03-15', description: '车间起火' }],
      asOf: '2026-06-30',
    });
    const v = await judgeApplication(input, applicantOf(input), db, EDITION_2023);
    expect(codes(v, 'failures')).toEqual(['art15-4-employer-major-accident']);
    expect(codes(v, 'manualChecks')).toEqual(['art15-2-contribution', 'art16-2-higher-award-declared']);
  });

  it('Art. 28: judges with the numbers of the edition, which the diagram may only tighten', async () => {
    // Given the 2023 edition and a diagram asking 4 years of operation instead of 3 (stricter)
    const stricter = variables({ operatingYears: 4, registrationDate: '2023-01-01' });
    expect(eligibilityParams(stricter, EDITION_2023).operatingYears).toBe(4);
    const v = await judgeApplication(stricter, applicantOf(stricter), db, EDITION_2023);
    expect(codes(v, 'failures')).toContain('art14-1-operating-years');
    expect((v.eligibilityResult as { rulesEdition: string }).rulesEdition).toBe('2023');
    // when a diagram loosens a number or names another district, then it is an incident naming it
    expect(() => eligibilityParams(variables({ cooldownYears: 2 }), EDITION_2023)).toThrow(
      '参数 cooldownYears（第十六条第一款）为 2 年，少于办法 2023 规定的 3 年',
    );
    expect(() => eligibilityParams(variables({ district: '嘉定区' }), EDITION_2023)).toThrow(
      '参数 district（第三条）为“嘉定区”',
    );
    // and without parameters the edition's numbers apply as they are
    expect(eligibilityParams(variables(), EDITION_2023)).toEqual(EDITION_2023.eligibility);
  });

  it('Art. 28: an application reads the edition its cycle recorded, by variable or by business key', async () => {
    const deps = { db, editions: SHIPPED_EDITIONS };
    expect((await recordedEdition('2023', { businessKey: 'x' }, deps))?.id).toBe('2023');
    await expect(recordedEdition('2040', { businessKey: 'x' }, deps)).rejects.toThrow('办法版本 2040 不存在');
    expect(await recordedEdition(null, { businessKey: 'cycle-2031/A-1' }, deps)).toBeUndefined();
    await recordCycleEdition(db, {
      cycleKey: 'cycle-2031',
      editionId: '2023',
      asOf: '2026-03-01',
      confirmedBy: null,
    });
    expect((await recordedEdition(null, { businessKey: 'cycle-2031/A-1' }, deps))?.id).toBe('2023');
    // a cycle step without a recorded edition is an incident, never a fallback to 2023
    await expect(cycleEdition(undefined, { businessKey: 'cycle-2032' }, deps)).rejects.toThrow(
      '第二十八条：本届评审（cycle-2032）没有登记适用的办法版本',
    );
  });
});

// Art. 14–16, 25 (issue 15 item 4): the worker judges every application of a cycle as of the one
// date the cycle fixed (eligibilityAsOf), whatever the day the check runs.
describe('eligibility-check: one eligibility date per cycle', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestStore();
  });
  afterAll(async () => {
    await db.close();
  });
  /** An engine whose cycle-2026 fixed 2026-05-31 and has no finished 资格审查 task. */
  const engine = {
    api: { GET: async () => ({ data: [] }), POST: async () => ({ data: [] }) },
    get: async (path: string) => {
      if (path.startsWith('/history/process-instance?')) return [{ id: 'pi-cycle-2026' }];
      if (path.includes('/history/variable-instance?') && path.includes('eligibilityAsOf'))
        return [
          { name: 'applicationEnd', value: '2026-06-30' },
          { name: 'eligibilityAsOf', value: '2026-05-31' },
        ];
      return [];
    },
  } as unknown as EngineRest;
  const run = (businessKey: string) =>
    executeTask(
      eligibilityCheckWorker,
      {
        applicantKind: 'organization',
        applicantName: '上海宝山示范制造有限公司',
        creditCode: '91310113132203854K',
        registeredDistrict: '宝山区',
        registrationDate: '2015-03-01',
        licensesValid: true,
        chiefQualityOfficer: true,
        municipalApplicationSameYear: false,
      },
      taskContext(
        {
          taskId: 't',
          topic: 'eligibility-check',
          processInstanceId: 'pi-app',
          processDefinitionKey: 'award-application',
          activityId: 'Task_EligibilityCheck',
          activityInstanceId: `Task_EligibilityCheck:${businessKey}`,
          businessKey,
          retries: null,
        },
        pino({ level: 'silent' }),
      ),
      { db, mailer: {} as Mailer, engine, config: {} as Config, editions: SHIPPED_EDITIONS },
      { retries: 3, baseMs: 10 },
      null,
    );
  it('Art. 14–16, 25: judges an application of the cycle as of the cycle’s eligibility date, not the day of the check', async () => {
    const done = await run('cycle-2026/A-1');
    expect(done).toMatchObject({
      kind: 'complete',
      variables: { eligibilityResult: { asOf: '2026-05-31', rulesEdition: '2023' } },
    });
  });
});
