// Tiny diagrams for the benchmarks and the runtime test: a chain of external tasks on one topic, or
// the same chain with expression tasks (the engine alone, no worker).
import type { EngineRest } from '../../camunda/rest.js';

/** A process of `steps` service tasks in a row: external tasks on `topic`, or `${true}` expressions. */
export function chainBpmn(key: string, steps: number, kind: { topic: string } | 'expression'): string {
  const tasks: string[] = [];
  const flows: string[] = [];
  let prev = 'start';
  for (let i = 1; i <= steps; i++) {
    const id = `step${i}`;
    tasks.push(
      kind === 'expression'
        ? `<bpmn:serviceTask id="${id}" camunda:expression="\${true}" />`
        : `<bpmn:serviceTask id="${id}" camunda:type="external" camunda:topic="${kind.topic}" />`,
    );
    flows.push(`<bpmn:sequenceFlow id="f${i}" sourceRef="${prev}" targetRef="${id}" />`);
    prev = id;
  }
  flows.push(`<bpmn:sequenceFlow id="fEnd" sourceRef="${prev}" targetRef="end" />`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_${key}" targetNamespace="http://baoshan.gov.cn/bench">
  <bpmn:process id="${key}" isExecutable="true" camunda:historyTimeToLive="3650">
    <bpmn:startEvent id="start" />
    ${tasks.join('\n    ')}
    <bpmn:endEvent id="end" />
    ${flows.join('\n    ')}
  </bpmn:process>
</bpmn:definitions>`;
}

/** Deploys one diagram (as the given REST client) and returns nothing once the engine has it. */
export async function deployBpmn(rest: EngineRest, key: string, xml: string): Promise<void> {
  const form = new FormData();
  form.append('deployment-name', `bench-${key}`);
  form.append('deployment-source', 'bench');
  form.append(`${key}.bpmn`, new Blob([xml], { type: 'application/xml' }), `${key}.bpmn`);
  await rest.postForm('/deployment/create', form);
}
