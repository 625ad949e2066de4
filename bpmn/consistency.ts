import fs from 'node:fs';
import path from 'node:path';

// Checks that diagrams, workers and forms fit together: every external topic has a worker,
// every formRef has a .form, every errorCode is thrown by some worker, every process has a
// history time-to-live (Art. 27: records are kept ten years).

export interface DiagramFacts {
  file: string;
  processes: { id: string; historyTimeToLive?: string }[];
  topics: { elementId: string; topic: string }[];
  formRefs: { elementId: string; formRef: string }[];
  errorCodes: { errorId: string; code: string }[];
}

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag)?.[1];

/** Extracts what the checks need from one BPMN file's XML. */
export function diagramFacts(file: string, xml: string): DiagramFacts {
  const tags = xml.match(/<[a-zA-Z][\w:.-]*\s[^>]*>/g) ?? [];
  const facts: DiagramFacts = { file, processes: [], topics: [], formRefs: [], errorCodes: [] };
  for (const tag of tags) {
    const name = /^<([\w:.-]+)/.exec(tag)?.[1] ?? '';
    const id = attr(tag, 'id') ?? '';
    if (/(^|:)process$/.test(name))
      facts.processes.push({ id, historyTimeToLive: attr(tag, 'camunda:historyTimeToLive') });
    const topic = attr(tag, 'camunda:topic');
    if (topic !== undefined) facts.topics.push({ elementId: id, topic });
    const formRef = attr(tag, 'camunda:formRef');
    if (formRef !== undefined) facts.formRefs.push({ elementId: id, formRef });
    if (/(^|:)error$/.test(name)) facts.errorCodes.push({ errorId: id, code: attr(tag, 'errorCode') ?? '' });
  }
  return facts;
}

export interface Known {
  /** topic → BPMN error codes its worker may throw */
  workers: Map<string, readonly string[]>;
  /** ids of the Camunda Forms in forms/ */
  formIds: Set<string>;
}

/** Every problem, in Chinese, naming the file and the element. */
export function checkDiagram(facts: DiagramFacts, known: Known): string[] {
  const problems: string[] = [];
  const thrown = new Set([...known.workers.values()].flat());
  for (const p of facts.processes) {
    if (!p.historyTimeToLive)
      problems.push(`${facts.file}：流程 ${p.id} 未设置历史保存期限（第二十七条：资料保存 10 年）`);
    else if (/^\d+$/.test(p.historyTimeToLive) && Number(p.historyTimeToLive) < 3650) {
      problems.push(`${facts.file}：流程 ${p.id} 的历史保存期限少于 3650 天（第二十七条）`);
    }
  }
  for (const t of facts.topics) {
    if (!known.workers.has(t.topic))
      problems.push(`${facts.file}：元素 ${t.elementId} 使用的主题 ${t.topic} 没有对应的 worker`);
  }
  for (const f of facts.formRefs) {
    if (!known.formIds.has(f.formRef))
      problems.push(`${facts.file}：元素 ${f.elementId} 引用的表单 ${f.formRef} 不存在于 forms/`);
  }
  for (const e of facts.errorCodes) {
    if (!thrown.has(e.code))
      problems.push(`${facts.file}：错误 ${e.errorId} 的错误码 ${e.code} 没有任何 worker 会抛出`);
  }
  return problems;
}

/** Reads the ids of every .form file in dir. */
export function formIds(dir: string): Set<string> {
  return new Set(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.form'))
      .map((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { id: string }).id),
  );
}
