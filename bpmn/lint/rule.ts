import { checkDiagram, type DiagramFacts } from '../consistency.js';
import type { ProjectContext } from './project.js';

// The shape of a bpmnlint rule, typed for our rules (bpmnlint itself is untyped CommonJS).

/** A moddle element as bpmnlint hands it to a rule. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $parent?: ModdleElement;
  get(name: string): unknown;
  [key: string]: unknown;
}

export interface Reporter {
  report(id: string, message: string, path?: (string | number)[]): void;
}

export interface Rule {
  check(node: ModdleElement, reporter: Reporter): void;
}

/** A project rule: given the project's workers, forms and templates, a bpmnlint rule factory. */
export type ProjectRule = (project: ProjectContext) => () => Rule;

/** True when node is of the BPMN type (including subtypes), like bpmnlint-utils' is(). */
export function is(node: ModdleElement, type: string): boolean {
  const withInstance = node as unknown as { $instanceOf?: (t: string) => boolean };
  return typeof withInstance.$instanceOf === 'function'
    ? withInstance.$instanceOf(type)
    : node.$type === type;
}

const EMPTY: Omit<DiagramFacts, 'file'> = { processes: [], topics: [], formRefs: [], errorCodes: [] };

/**
 * Runs bpmn/consistency.ts's checks on the facts of one element, so that the lint rules and the
 * consistency test say the same thing in the same words; the file prefix is dropped.
 */
export function consistencyProblems(
  facts: Partial<Omit<DiagramFacts, 'file'>>,
  project: ProjectContext,
): string[] {
  return checkDiagram({ file: '', ...EMPTY, ...facts }, project).map((p) => p.replace(/^：/, ''));
}
