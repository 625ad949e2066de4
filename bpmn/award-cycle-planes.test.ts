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
  attachedToRef?: El;
  $parent?: El;
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

type Point = { x: number; y: number };
/** Does the segment p–q pass through the inside of box b (touching its border does not count)? */
function crosses(p: Point, q: Point, b: Bounds): boolean {
  const [x1, x2] = [Math.min(p.x, q.x), Math.max(p.x, q.x)];
  const [y1, y2] = [Math.min(p.y, q.y), Math.max(p.y, q.y)];
  return (
    x1 < b.x + b.width &&
    b.x < x2 + (x1 === x2 ? 0.5 : 0) &&
    y1 < b.y + b.height &&
    b.y < y2 + (y1 === y2 ? 0.5 : 0)
  );
}
/** Do two axis-parallel segments run along the same line for more than a point? */
function shareLine(a: [Point, Point], b: [Point, Point]): boolean {
  const vertical = (s: [Point, Point]) => s[0].x === s[1].x;
  const horizontal = (s: [Point, Point]) => s[0].y === s[1].y;
  const span = (u: number, v: number, s: number, t: number) =>
    Math.min(Math.max(u, v), Math.max(s, t)) - Math.max(Math.min(u, v), Math.min(s, t));
  if (vertical(a) && vertical(b) && a[0].x === b[0].x) return span(a[0].y, a[1].y, b[0].y, b[1].y) > 0;
  if (horizontal(a) && horizontal(b) && a[0].y === b[0].y) return span(a[0].x, a[1].x, b[0].x, b[1].x) > 0;
  return false;
}
const segments = (di: DiEl) =>
  (di.waypoint ?? []).slice(1).map((q, i) => [di.waypoint![i], q] as [Point, Point]);
const inside = (a: Bounds, b: Bounds) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

/**
 * What makes a plane unreadable at 100 % on a 1366×768 screen: anything outside the canvas the modeler
 * shows there (right of the palette, under the breadcrumbs), shapes or labels on top of each other, a
 * label on a flow it does not name, two flows drawn along the same line.
 */
function readabilityProblems(
  plane: DiEl[],
  canvas: { left: number; top: number; right: number; bottom: number },
) {
  const problems: string[] = [];
  const shapes = plane.filter((di) => di.bounds);
  const flows = plane.filter((di) => di.waypoint);
  const labels = plane
    .filter((di) => di.label?.bounds)
    .map((di) => ({ id: `${di.bpmnElement.id} 的标签`, owner: di, b: di.label!.bounds! }));
  const boxes = [...shapes.map((di) => ({ id: di.bpmnElement.id, owner: di, b: di.bounds! })), ...labels];
  for (const { id, b } of boxes)
    if (
      b.x < canvas.left ||
      b.y < canvas.top ||
      b.x + b.width > canvas.right ||
      b.y + b.height > canvas.bottom
    )
      problems.push(`${id} 超出画布`);
  for (const di of flows)
    for (const p of di.waypoint!)
      if (p.x < canvas.left || p.y < canvas.top || p.x > canvas.right || p.y > canvas.bottom)
        problems.push(`${di.bpmnElement.id} 超出画布`);
  // a boundary event sits on its task's border, a shape inside an expanded sub-process on its area
  const allowed = (a: DiEl, b: DiEl) =>
    a.bpmnElement.attachedToRef === b.bpmnElement ||
    b.bpmnElement.attachedToRef === a.bpmnElement ||
    (a.isExpanded && inside(b.bounds!, a.bounds!)) ||
    (b.isExpanded && inside(a.bounds!, b.bounds!));
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      const bothShapes = a.b === a.owner.bounds && b.b === b.owner.bounds;
      if (bothShapes && allowed(a.owner, b.owner)) return;
      if (!bothShapes && b.owner.isExpanded && inside(a.b, b.b)) return;
      if (!bothShapes && a.owner.isExpanded && inside(b.b, a.b)) return;
      if (overlap(a.b, b.b)) problems.push(`${a.id} / ${b.id} 重叠`);
    }),
  );
  for (const label of labels)
    for (const di of flows)
      if (di !== label.owner && segments(di).some(([p, q]) => crosses(p, q, label.b)))
        problems.push(`${label.id} 压在 ${di.bpmnElement.id} 上`);
  flows.forEach((a, i) =>
    flows.slice(i + 1).forEach((b) => {
      if (segments(a).some((s) => segments(b).some((t) => shareLine(s, t))))
        problems.push(`${a.bpmnElement.id} / ${b.bpmnElement.id} 共用一条线`);
    }),
  );
  return problems;
}

describe('award-cycle.bpmn planes', () => {
  it('puts the seven phases, in order, as collapsed sub-processes on the main plane', async () => {
    const { process, diagrams } = await load();
    const subProcesses = (process.flowElements ?? []).filter((e) => e.$type === 'bpmn:SubProcess');
    // beside them, the event sub-processes that may start in any phase (取消专家评审资格, Art. 26)
    expect(subProcesses.filter((e) => !e.triggeredByEvent).map((e) => e.name)).toEqual(PHASES);
    expect(subProcesses.filter((e) => e.triggeredByEvent).map((e) => e.name)).toEqual(['取消专家评审资格']);
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

  it('draws every phase plane readable at 100 % on a 1366×768 screen: inside the canvas, nothing on top of anything', async () => {
    const { process, diagrams } = await load();
    const report: Record<string, string[]> = {};
    for (const d of diagrams) {
      if (d.plane.bpmnElement === process) continue;
      // a plane opens at its origin: the palette covers x < 120, the breadcrumbs y < 70
      const problems = readabilityProblems(d.plane.planeElement, {
        left: 120,
        top: 70,
        right: 1010,
        bottom: 640,
      });
      if (problems.length) report[d.plane.bpmnElement.name ?? d.plane.bpmnElement.id] = problems;
    }
    expect(report).toEqual({});
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
    // and nothing under the palette, which covers x < 120 where the plane opens
    const left = Math.min(
      ...boxes.map(({ b }) => b.x),
      ...main.flatMap((di) => (di.waypoint ?? []).map((p) => p.x)),
    );
    expect(left).toBeGreaterThanOrEqual(120);
  });
});
