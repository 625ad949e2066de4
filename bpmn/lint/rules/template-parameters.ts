import type { ElementTemplate, TemplateProperty } from '../project.js';
import { is, type ModdleElement, type ProjectRule } from '../rule.js';
import { attribute } from './known-topic.js';

// An element that applies an element template must have the template (same id and version) and
// every parameter the template requires, matching its pattern. Only the bindings our templates
// use are read: properties, input parameters and (Camunda 7) camunda:property.

function boundValue(node: ModdleElement, p: TemplateProperty): string | undefined {
  const { type, name } = p.binding;
  if (!name) return undefined;
  if (type === 'property') {
    const v = name.startsWith('camunda:') ? attribute(node, name) : node.get(name);
    return v === undefined || v === null ? undefined : String(v);
  }
  const ext = node.get('extensionElements') as { values?: ModdleElement[] } | undefined;
  const values = ext?.values ?? [];
  if (type === 'camunda:inputParameter' || type === 'camunda:outputParameter') {
    const io = values.find((v) => is(v, 'camunda:InputOutput'));
    const list = (io?.get(type === 'camunda:inputParameter' ? 'inputParameters' : 'outputParameters') ??
      []) as ModdleElement[];
    const param = list.find((x) => x.name === name);
    if (!param) return undefined;
    const v = param.value;
    return typeof v === 'string' ? v : v === undefined ? '' : '(定义)';
  }
  if (type === 'camunda:property') {
    const props = values.find((v) => is(v, 'camunda:Properties'));
    const list = (props?.get('values') ?? []) as ModdleElement[];
    const found = list.find((x) => x.name === name);
    return found ? String(found.value ?? '') : undefined;
  }
  return undefined;
}

function patternOf(p: TemplateProperty): { value: string; message?: string } | undefined {
  const pattern = p.constraints?.pattern;
  return typeof pattern === 'string' ? { value: pattern } : pattern;
}

/** Problems of one element against its template, in Chinese naming the parameter's label. */
export function templateProblems(node: ModdleElement, template: ElementTemplate): string[] {
  const problems: string[] = [];
  for (const p of template.properties) {
    if (p.type === 'Hidden') continue;
    const label = p.label ?? p.binding.name ?? '';
    const value = boundValue(node, p);
    if (p.constraints?.notEmpty && (value === undefined || value.trim() === '')) {
      problems.push(
        `模板“${template.name}”的必填参数“${label}”未设置${p.description ? `（${p.description}）` : ''}`,
      );
      continue;
    }
    const pattern = patternOf(p);
    if (pattern && value !== undefined && value !== '' && !new RegExp(pattern.value).test(value))
      problems.push(
        `模板“${template.name}”的参数“${label}”取值 ${value} 不符合要求：${pattern.message ?? pattern.value}`,
      );
    if (p.type === 'Dropdown' && value !== undefined && value !== '') {
      const choices = (p as { choices?: { value: string }[] }).choices ?? [];
      if (choices.length > 0 && !choices.some((c) => c.value === value))
        problems.push(`模板“${template.name}”的参数“${label}”取值 ${value} 不在可选项中`);
    }
  }
  return problems;
}

/** Elements that apply an element template set every required parameter of that template version. */
export const templateParameters: ProjectRule = (project) => () => ({
  check(node, reporter) {
    const id = attribute(node, 'camunda:modelerTemplate');
    if (!id || !node.id) return;
    const version =
      attribute(node, 'camunda:modelerTemplateVersion') ??
      (node.get('camunda:modelerTemplateVersion') as number | undefined);
    const template = project.templates.find(
      (t) => t.id === id && (version === undefined || String(t.version) === String(version)),
    );
    if (!template) {
      reporter.report(
        node.id,
        `元素模板 ${id}${version === undefined ? '' : ` 第 ${version} 版`} 不存在于 bpmn/element-templates/`,
      );
      return;
    }
    for (const message of templateProblems(node, template)) reporter.report(node.id, message);
  },
});
