import { editionInForce, shanghaiDate, type RulesEdition } from '../../../domain/edition.js';
import { is, type ModdleElement, type ProjectRule } from '../rule.js';

// Art. 7, 14–16, 18 (7), 19, 23, 25, 28: the numbers of the 办法 come from the rules edition; a diagram
// may copy them as task parameters only to tighten them. Every copy of one parameter must agree, and
// none may loosen the edition in force today (the newest when none is): more awards or money than
// Art. 7 / 19 allow, fewer years or working days than Art. 14–16, 18 (7), 23, 25 require.

type Bound = 'max' | 'min' | 'equal';
interface ParameterRule {
  bound: Bound;
  article: string;
  value(edition: RulesEdition): number | string;
}

const perAward = (prefix: string, article: string, of: (e: RulesEdition) => RulesEdition['quotas']) =>
  Object.fromEntries(
    (
      [
        ['DistrictHeadModel', 'district-head', 'model'],
        ['DistrictHeadAchievement', 'district-head', 'achievement'],
        ['GoldModel', 'gold', 'model'],
        ['GoldAchievement', 'gold', 'achievement'],
      ] as const
    ).map(([suffix, awardClass, category]) => [
      `${prefix}${suffix}`,
      {
        bound: 'max',
        article,
        value: (e: RulesEdition) => of(e)[awardClass][category],
      } satisfies ParameterRule,
    ]),
  );

/** The task parameters that copy a number of the 办法, with the article and which way they may go. */
export const EDITION_PARAMETERS: Record<string, ParameterRule> = {
  ...perAward('quota', '第七条', (e) => e.quotas),
  ...perAward('cap', '第十九条', (e) => e.prizeCaps),
  ...perAward('prize', '第十九条', (e) => e.prizeCaps),
  publicityWorkingDays: {
    bound: 'min',
    article: '第十八条第（七）项',
    value: (e) => e.publicityMinWorkingDays,
  },
  reportingYears: { bound: 'min', article: '第二十三条', value: (e) => e.postAwardReportYears },
  district: { bound: 'equal', article: '第三条', value: (e) => e.eligibility.district },
  operatingYears: { bound: 'min', article: '第十四条第（一）项', value: (e) => e.eligibility.operatingYears },
  qualityWorkYears: {
    bound: 'min',
    article: '第十五条第（一）项',
    value: (e) => e.eligibility.qualityWorkYears,
  },
  lookBackYears: { bound: 'min', article: '第十四条第二款', value: (e) => e.eligibility.lookBackYears },
  cooldownYears: { bound: 'min', article: '第十六条第一款', value: (e) => e.eligibility.cooldownYears },
  banYears: { bound: 'min', article: '第二十五条', value: (e) => e.eligibility.banYears },
};

interface Copy {
  elementId: string;
  name: string;
  value: string;
}

/** Every literal input parameter of the tasks of a definitions element, in document order. */
function copiesOf(definitions: ModdleElement): Copy[] {
  const copies: Copy[] = [];
  const visit = (element: ModdleElement) => {
    const ext = element.get('extensionElements') as { values?: ModdleElement[] } | undefined;
    const io = (ext?.values ?? []).find((v) => is(v, 'camunda:InputOutput'));
    for (const param of (io?.get('inputParameters') ?? []) as ModdleElement[]) {
      const name = String(param.name ?? '');
      if (name in EDITION_PARAMETERS && typeof param.value === 'string' && element.id)
        copies.push({ elementId: element.id, name, value: param.value.trim() });
    }
    for (const child of (element.get('flowElements') ?? []) as ModdleElement[]) visit(child);
  };
  for (const root of (definitions.get('rootElements') ?? []) as ModdleElement[])
    if (is(root, 'bpmn:Process')) visit(root);
  return copies;
}

/** The problems of the copies against one edition: each on the element, in Chinese naming the article. */
export function editionParameterProblems(
  copies: Copy[],
  edition: RulesEdition,
): { id: string; message: string }[] {
  const problems: { id: string; message: string }[] = [];
  const first = new Map<string, Copy>();
  for (const copy of copies) {
    if (copy.value.startsWith('${') || copy.value.startsWith('#{')) continue; // an expression: checked at run time
    const rule = EDITION_PARAMETERS[copy.name]!;
    const earlier = first.get(copy.name);
    if (earlier && earlier.value !== copy.value)
      problems.push({
        id: copy.elementId,
        message: `参数 ${copy.name}（${rule.article}）在 ${copy.elementId} 为 ${copy.value}，与 ${earlier.elementId} 的 ${earlier.value} 不一致：同一参数的各处取值须相同`,
      });
    if (!earlier) first.set(copy.name, copy);
    const limit = rule.value(edition);
    const n = Number(copy.value);
    const loosens =
      rule.bound === 'equal'
        ? copy.value !== String(limit)
        : !Number.isFinite(n) || (rule.bound === 'max' ? n > Number(limit) : n < Number(limit));
    if (loosens)
      problems.push({
        id: copy.elementId,
        message: `参数 ${copy.name}（${rule.article}）为 ${copy.value}，${
          rule.bound === 'max' ? '超过' : rule.bound === 'min' ? '少于' : '不同于'
        }办法 ${edition.id} 规定的 ${limit}：流程参数只能比办法更严`,
      });
  }
  return problems;
}

/** The edition a diagram deployed today runs under: in force today, else the newest known. */
export const lintEdition = (editions: readonly RulesEdition[], today = shanghaiDate(new Date())) =>
  editionInForce(today, editions) ?? editions[editions.length - 1];

/** Copies of one edition parameter agree, and none loosens the edition (Art. 28). */
export const editionParameters: ProjectRule = (project) => () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:Definitions')) return;
    const edition = lintEdition(project.editions);
    if (!edition) {
      reporter.report(String(node.id ?? 'definitions'), '第二十八条：没有任何办法版本，无法核对流程参数');
      return;
    }
    for (const p of editionParameterProblems(copiesOf(node), edition)) reporter.report(p.id, p.message);
  },
});
