import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

// "与已部署版本比较": what a deployment would change, element by element and parameter by
// parameter (names, topics, formRefs, input parameters, conditions, history time-to-live, ...).

const camundaModdle = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json') as object;

interface Node {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

export interface ElementRef {
  id: string;
  type: string;
  name?: string;
}

export interface ParameterChange {
  /** machine path, e.g. extensionElements.values[camunda:InputOutput].inputParameters[mailTemplate] */
  key: string;
  /** for people, e.g. 输入参数 mailTemplate */
  label: string;
  before?: string;
  after?: string;
}

export interface DiagramDiff {
  added: ElementRef[];
  removed: ElementRef[];
  changed: (ElementRef & { changes: ParameterChange[] })[];
}

// Children with their own id are compared on their own; these are structure, not parameters.
const SKIP = new Set([
  'flowElements',
  'rootElements',
  'diagrams',
  'incoming',
  'outgoing',
  'laneSets',
  'artifacts',
]);
const REFS = new Set([
  'sourceRef',
  'targetRef',
  'default',
  'attachedToRef',
  'errorRef',
  'messageRef',
  'signalRef',
]);

function flatten(node: Node, prefix: string, out: Record<string, string>): void {
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('$') || key === 'id' || SKIP.has(key) || value === undefined) continue;
    const path = `${prefix}${key}`;
    if (value === null || typeof value !== 'object') {
      out[path] = String(value);
    } else if (Array.isArray(value)) {
      value.forEach((item: Node, i) => {
        if (item && typeof item === 'object') {
          if (item.id && !REFS.has(key)) return;
          const tag =
            typeof item.name === 'string'
              ? item.name
              : item.$type && key === 'values'
                ? item.$type
                : String(i);
          flatten(item, `${path}[${tag}].`, out);
        } else out[`${path}[${i}]`] = String(item);
      });
    } else {
      const child = value as Node;
      if (REFS.has(key)) out[path] = child.id ?? '';
      else if (!child.id) flatten(child, `${path}.`, out);
    }
  }
}

const LABELS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/inputParameters\[([^\]]+)\]\.value$/, (m) => `输入参数 ${m[1]}`],
  [/outputParameters\[([^\]]+)\]\.value$/, (m) => `输出参数 ${m[1]}`],
  [/^name$/, () => '名称'],
  [/^topic$/, () => '主题'],
  [/^type$/, () => '实现类型'],
  [/^formRef$/, () => '表单'],
  [/^formRefBinding$/, () => '表单绑定'],
  [/^candidateGroups$/, () => '候选组'],
  [/^candidateUsers$/, () => '候选人'],
  [/^assignee$/, () => '处理人'],
  [/^historyTimeToLive$/, () => '历史保存期限'],
  [/^versionTag$/, () => '版本标签'],
  [/^modelerTemplate$/, () => '元素模板'],
  [/^modelerTemplateVersion$/, () => '元素模板版本'],
  [/^conditionExpression\.body$/, () => '条件'],
  [/^errorCode$/, () => '错误码'],
  [/^documentation/, () => '说明'],
  [/^(sourceRef|targetRef)$/, (m) => (m[1] === 'sourceRef' ? '起点' : '终点')],
];

function label(key: string): string {
  for (const [pattern, make] of LABELS) {
    const m = pattern.exec(key);
    if (m) return make(m);
  }
  return key;
}

/** A diagram that is not BPMN 2.0 XML (e.g. `<x/>`): the caller's input, a 400 naming the field. */
export class NotBpmnError extends Error {}

async function elements(
  xml: string,
): Promise<Map<string, { ref: ElementRef; params: Record<string, string> }>> {
  let elementsById: unknown;
  try {
    const parsed = await new BpmnModdle({ camunda: camundaModdle }).fromXML(xml, 'bpmn:Definitions');
    elementsById = parsed.elementsById;
    if (!parsed.rootElement || !elementsById) throw new Error('没有 bpmn:definitions 根元素');
  } catch (err) {
    throw new NotBpmnError(`不是有效的 BPMN 2.0 图：${(err as Error).message}`);
  }
  const map = new Map<string, { ref: ElementRef; params: Record<string, string> }>();
  for (const [id, el] of Object.entries(elementsById as Record<string, Node>)) {
    if (!el.$type.startsWith('bpmn:') || el.$type === 'bpmn:Definitions') continue;
    const params: Record<string, string> = {};
    flatten(el, '', params);
    const ref: ElementRef = {
      id,
      type: el.$type,
      ...(typeof el.name === 'string' && el.name ? { name: el.name } : {}),
    };
    map.set(id, { ref, params });
  }
  return map;
}

/** Throws NotBpmnError when xml is not a BPMN 2.0 diagram. */
export async function checkBpmn(xml: string): Promise<void> {
  await elements(xml);
}

/** Compares a diagram with the deployed one: added, removed and changed elements with their parameters. */
export async function diffDiagrams(deployedXml: string, xml: string): Promise<DiagramDiff> {
  const before = await elements(deployedXml);
  const after = await elements(xml);
  const diff: DiagramDiff = { added: [], removed: [], changed: [] };
  for (const [id, b] of before) if (!after.has(id)) diff.removed.push(b.ref);
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) {
      diff.added.push(a.ref);
      continue;
    }
    const changes: ParameterChange[] = [];
    for (const key of new Set([...Object.keys(b.params), ...Object.keys(a.params)])) {
      if (b.params[key] === a.params[key]) continue;
      changes.push({
        key,
        label: label(key),
        ...(b.params[key] === undefined ? {} : { before: b.params[key] }),
        ...(a.params[key] === undefined ? {} : { after: a.params[key] }),
      });
    }
    if (changes.length > 0) diff.changed.push({ ...a.ref, changes });
  }
  return diff;
}
