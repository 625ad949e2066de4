import { consistencyProblems, type ProjectRule } from '../rule.js';

/** Every external task (and message event) uses a topic that a worker of workers/registry.ts serves. */
export const knownTopic: ProjectRule = (project) => () => ({
  check(node, reporter) {
    const topic = attribute(node, 'camunda:topic');
    if (topic === undefined || !node.id) return;
    for (const message of consistencyProblems({ topics: [{ elementId: node.id, topic }] }, project))
      reporter.report(node.id, message);
  },
});

/** A camunda:* attribute, or undefined when the element type does not have it. */
export function attribute(node: { get(name: string): unknown }, name: string): string | undefined {
  try {
    const value = node.get(name);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
