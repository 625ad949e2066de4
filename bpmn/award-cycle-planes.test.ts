import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { ROOT_DIR } from '../camunda/engine-process.js';

// Issue 17: award-cycle is read phase by phase. The main plane holds the seven phases (Art. 18's
// procedure) as collapsed sub-processes that open on planes of their own, and fits a laptop canvas at
// 100 % with nothing overlapping; every element is drawn on exactly one plane.

interface El {
  $type: string;
  id: string;
  name?: string;
  triggeredByEvent?: boolean;
  flowElements?: El[];
}
interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface DiEl {
  $type: string;
  bpmnElement: El;
  isExpanded?: boolean;
  bounds?: Bounds;
  label?: { bounds?: Bounds };
  waypoint?: { x: number; y: number }[];
}
interface Diagram {
  plane: { bpmnElement: El; planeElement: DiEl[] };
}

const camunda = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json') as object;

async function load() {
  const xml = fs.readFileSync(path.join(ROOT_DIR, 'bpmn', 'award-cycle.bpmn'), 'utf8');
  const { rootElement } = (await new BpmnModdle({ camunda }).fromXML(xml)) as unknown as {
    rootElement: { rootElements: El[]; diagrams: Diagram[] };
  };
  const process = rootElement.rootElements.find((e) => e.$type === 'bpmn:Process')!;
  return { process, diagrams: rootElement.diagrams };
}

const PHASES = ['公告与申报', '资格审查', '资料评审', '现场评审', '综合评价与审定', '公示与发文', '获奖之后'];
// Sub-processes drawn inside their parent's plane instead of on one of their own.
const SHOWN_EXPANDED = new Set(['SubProcess_SiteVisit', 'EventSub_Objection']);

const overlap = (a: Bounds, b: Bounds) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('award-cycle.bpmn planes', () => {
  it('puts the seven phases, in order, as collapsed sub-processes on the main plane', async () => {
    const { process, diagrams } = await load();
    const subProcesses = (process.flowElements ?? []).filter((e) => e.$type === 'bpmn:SubProcess');
    expect(subProcesses.map((e) => e.name)).toEqual(PHASES);
    // no task is left on the main plane
    expect((process.flowElements ?? []).filter((e) => /Task$/.test(e.$type))).toEqual([]);
    const main = diagrams.find((d) => d.plane.bpmnElement === process)!;
    for (const phase of subProcesses) {
      const shape = main.plane.planeElement.find((s) => s.bpmnElement === phase);
      expect(shape?.isExpanded).toBeFalsy();
      expect(diagrams.filter((d) => d.plane.bpmnElement === phase)).toHaveLength(1);
    }
  });

  it('draws every element exactly once, on the plane of its sub-process', async () => {
    const { process, diagrams } = await load();
    const planeOf = new Map<El, El>();
    const visit = (container: El, plane: El) => {
      for (const e of container.flowElements ?? []) {
        planeOf.set(e, plane);
        if (e.flowElements) visit(e, SHOWN_EXPANDED.has(e.id) ? plane : e);
      }
    };
    visit(process, process);
    const drawn = new Map<El, El[]>();
    for (const d of diagrams)
      for (const di of d.plane.planeElement)
        drawn.set(di.bpmnElement, [...(drawn.get(di.bpmnElement) ?? []), d.plane.bpmnElement]);
    const wrong = [...planeOf].filter(([e, plane]) => {
      const on = drawn.get(e) ?? [];
      return on.length !== 1 || on[0] !== plane;
    });
    expect(wrong.map(([e]) => e.id)).toEqual([]);
  });

  it('fits the main plane into a 1366×768 laptop canvas at 100 % without overlapping shapes or labels', async () => {
    const { process, diagrams } = await load();
    const main = diagrams.find((d) => d.plane.bpmnElement === process)!.plane.planeElement;
    const boxes: { id: string; b: Bounds }[] = [];
    for (const di of main) {
      if (di.bounds) boxes.push({ id: di.bpmnElement.id, b: di.bounds });
      if (di.label?.bounds) boxes.push({ id: `${di.bpmnElement.id} 的标签`, b: di.label.bounds });
    }
    const clashes: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        if (overlap(a.b, b.b)) clashes.push(`${a.id} / ${b.id}`);
      }),
    );
    expect(clashes).toEqual([]);
    // the canvas beside the properties panel and under the toolbar of the modeler page
    const right = Math.max(
      ...boxes.map(({ b }) => b.x + b.width),
      ...main.flatMap((di) => (di.waypoint ?? []).map((p) => p.x)),
    );
    const bottom = Math.max(
      ...boxes.map(({ b }) => b.y + b.height),
      ...main.flatMap((di) => (di.waypoint ?? []).map((p) => p.y)),
    );
    expect(right).toBeLessThanOrEqual(1000);
    expect(bottom).toBeLessThanOrEqual(500);
  });
});
