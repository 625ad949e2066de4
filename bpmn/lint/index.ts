import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { projectContext, type ProjectContext } from './project.js';
import type { ProjectRule } from './rule.js';
import { editionParameters } from './rules/edition-parameters.js';
import { errorCode } from './rules/error-code.js';
import { formRef } from './rules/form-ref.js';
import { historyTimeToLive } from './rules/history-time-to-live.js';
import { knownTopic } from './rules/known-topic.js';
import { templateParameters } from './rules/template-parameters.js';

// The diagram lint that both `npm run lint:bpmn` and the modeler's deploy run: bpmnlint's
// `recommended`, camunda-compat's Camunda 7.24 rules and the project's own rules.

// bpmnlint 11 is CommonJS without types and requires the ESM-only min-dash 5, which Node ≥ 20.19
// loads but jest's module registry cannot: take Node's own require when it is there.
const nodeModule = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.(
  'node:module',
) as { createRequire: typeof createRequire } | undefined;
const require = (nodeModule?.createRequire ?? createRequire)(import.meta.url);
const { Linter } = require('bpmnlint') as { Linter: new (options: unknown) => LinterInstance };
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (options?: unknown) => Resolver;
const camundaModdle = require('camunda-bpmn-moddle/resources/camunda.json') as object;

interface Resolver {
  resolveRule(pkg: string, ruleName: string): unknown;
  resolveConfig(pkg: string, configName: string): unknown;
}
interface LinterInstance {
  lint(root: unknown, config?: unknown): Promise<Record<string, RawReport[]>>;
}
interface RawReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

/** The project's own rules, by name; rule `project/<name>` in the config. */
export const PROJECT_RULES: Record<string, ProjectRule> = {
  'known-topic': knownTopic,
  'form-ref': formRef,
  'error-code': errorCode,
  'history-time-to-live': historyTimeToLive,
  'template-parameters': templateParameters,
  'edition-parameters': editionParameters,
};

export const LINT_CONFIG = {
  extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-platform-7-24'],
  rules: Object.fromEntries(Object.keys(PROJECT_RULES).map((name) => [`project/${name}`, 'error'])),
};

export interface Problem {
  /** id of the element the problem is on */
  id: string;
  /** the element's name, when it has one */
  name?: string;
  rule: string;
  category: 'error' | 'warn';
  message: string;
}

// bpmnlint's own messages are English; the ones our diagrams meet, in Chinese.
const MESSAGES: [RegExp, string][] = [
  [/^Element is missing label\/name$/, '元素缺少名称'],
  [/^Element is not connected$/, '元素没有连线'],
  [/^Process is missing end event$/, '流程缺少结束事件'],
  [/^Process is missing start event$/, '流程缺少开始事件'],
  [/^Element has disallowed type <(.*)>$/, '元素类型 $1 不受 Camunda 7.24 支持'],
  [/^Element is missing implementation$/, '元素缺少实现（例如外部任务的主题）'],
  [/^Element has implicit end$/, '元素没有出口连线（隐式结束）'],
  [/^Element has implicit start$/, '元素没有入口连线（隐式开始）'],
  [/^Sequence flow is missing condition$/, '连线缺少条件'],
  [/^Element is missing bpmndi$/, '元素缺少图形信息（bpmndi）'],
  [/^Element is an implicit end$/, '元素没有出口连线（隐式结束）'],
  [/^Element is an implicit start$/, '元素没有入口连线（隐式开始）'],
];

function translate(message: string): string {
  for (const [pattern, zh] of MESSAGES) if (pattern.test(message)) return message.replace(pattern, zh);
  return message;
}

/** Lints one diagram's XML; problems sorted errors first. A file that does not parse is one error. */
export async function lintXml(
  xml: string,
  project: ProjectContext = projectContext(),
  config: object = LINT_CONFIG,
): Promise<Problem[]> {
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  let root: unknown;
  let elementsById: Record<string, { name?: unknown }> = {};
  try {
    const parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
    root = parsed.rootElement;
    elementsById = parsed.elementsById as Record<string, { name?: unknown }>;
  } catch (err) {
    return [
      { id: '', rule: 'parse', category: 'error', message: `BPMN 文件无法解析：${(err as Error).message}` },
    ];
  }
  const nodeResolver = new NodeResolver({ require });
  const resolver: Resolver = {
    resolveRule(pkg, ruleName) {
      if (pkg === 'bpmnlint-plugin-project') {
        const rule = PROJECT_RULES[ruleName];
        if (!rule) throw new Error(`unknown project rule ${ruleName}`);
        return rule(project);
      }
      return nodeResolver.resolveRule(pkg, ruleName);
    },
    resolveConfig: (pkg, configName) => nodeResolver.resolveConfig(pkg, configName),
  };
  const results = await new Linter({ config, resolver }).lint(root);
  const problems: Problem[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) {
      const id = r.id ?? '';
      const name = elementsById[id]?.name;
      problems.push({
        id,
        ...(typeof name === 'string' && name ? { name } : {}),
        rule,
        category: r.category === 'warn' || r.category === 'info' ? 'warn' : 'error',
        message: translate(r.message),
      });
    }
  }
  return problems.sort((a, b) => (a.category === b.category ? 0 : a.category === 'error' ? -1 : 1));
}

/** One line for people: element, name, message and rule. */
export function describeProblem(p: Problem, file?: string): string {
  const where = p.id ? `元素 ${p.id}${p.name ? `（${p.name}）` : ''}` : '文件';
  return `${file ? `${file}：` : ''}${p.category === 'error' ? '错误' : '警告'} ${where}：${p.message} [${p.rule}]`;
}
