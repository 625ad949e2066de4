import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../camunda/engine-process.js';
import { TEMPLATE_IDS } from '../workers/notify/templates.js';
import { WORKERS } from '../workers/registry.js';
import { checkDiagram, diagramFacts, formIds, type Known } from './consistency.js';

const BPMN_DIR = path.join(ROOT_DIR, 'bpmn');
const known: Known = {
  workers: new Map(WORKERS.map((w) => [w.topic, w.errorCodes])),
  formIds: formIds(path.join(ROOT_DIR, 'forms')),
};

describe('diagrams, workers and forms fit together', () => {
  const files = fs.readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn'));

  it('finds the project diagrams', () => {
    expect(files).toContain('award-application.bpmn');
  });

  it.each(files)('%s uses only known topics, forms and error codes and keeps history ten years', (file) => {
    const facts = diagramFacts(file, fs.readFileSync(path.join(BPMN_DIR, file), 'utf8'));
    expect(facts.processes.length).toBeGreaterThan(0);
    expect(checkDiagram(facts, known)).toEqual([]);
  });

  it('each form file is named after its id', () => {
    for (const f of fs.readdirSync(path.join(ROOT_DIR, 'forms')).filter((name) => name.endsWith('.form'))) {
      const form = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'forms', f), 'utf8')) as { id: string };
      expect(`${form.id}.form`).toBe(f);
    }
  });
});

describe('the checks fail on broken diagrams', () => {
  const broken = `<bpmn:definitions>
    <bpmn:error id="Error_X" name="x" errorCode="never-thrown" />
    <bpmn:process id="p" isExecutable="true">
      <bpmn:serviceTask id="Task_Unknown" camunda:type="external" camunda:topic="no-such-topic" />
      <bpmn:userTask id="Task_Form" camunda:formRef="no-such-form" />
    </bpmn:process></bpmn:definitions>`;

  it('names the element with an unknown topic, a missing form, an unthrown error and no time-to-live', () => {
    const problems = checkDiagram(diagramFacts('broken.bpmn', broken), known);
    expect(problems).toEqual([
      'broken.bpmn：流程 p 未设置历史保存期限（第二十七条：资料保存 10 年）',
      'broken.bpmn：元素 Task_Unknown 使用的主题 no-such-topic 没有对应的 worker',
      'broken.bpmn：元素 Task_Form 引用的表单 no-such-form 不存在于 forms/',
      'broken.bpmn：错误 Error_X 的错误码 never-thrown 没有任何 worker 会抛出',
    ]);
  });

  it('refuses a history time-to-live shorter than ten years', () => {
    const xml = '<bpmn:process id="p" camunda:historyTimeToLive="180">';
    expect(checkDiagram(diagramFacts('short.bpmn', xml), known)).toEqual([
      'short.bpmn：流程 p 的历史保存期限少于 3650 天（第二十七条）',
    ]);
  });
});

describe('element templates', () => {
  const dir = path.join(BPMN_DIR, 'element-templates');
  it.each(fs.readdirSync(dir).filter((f) => f.endsWith('.json')))(
    '%s configures a topic that has a worker',
    (f) => {
      const template = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as {
        id: string;
        properties: { value?: string; binding: { name?: string } }[];
      };
      const topic = template.properties.find((p) => p.binding.name === 'camunda:topic')?.value;
      expect(topic && known.workers.has(topic)).toBe(true);
    },
  );
});

describe('the notify element template', () => {
  it('offers exactly the notice templates the notify worker knows', () => {
    const template = JSON.parse(
      fs.readFileSync(path.join(BPMN_DIR, 'element-templates', 'notify.json'), 'utf8'),
    ) as {
      properties: { binding: { name?: string }; choices?: { value: string }[] }[];
    };
    const choices = template.properties
      .find((p) => p.binding.name === 'mailTemplate')
      ?.choices?.map((c) => c.value);
    expect([...(choices ?? [])].sort()).toEqual([...TEMPLATE_IDS].sort());
  });
});
