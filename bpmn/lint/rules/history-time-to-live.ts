import { consistencyProblems, is, type ProjectRule } from '../rule.js';
import { attribute } from './known-topic.js';

/** Every executable process keeps its history at least ten years (Art. 27). */
export const historyTimeToLive: ProjectRule = (project) => () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:Process') || !node.id || node.isExecutable !== true) return;
    const ttl = attribute(node, 'camunda:historyTimeToLive');
    for (const message of consistencyProblems(
      { processes: [{ id: node.id, historyTimeToLive: ttl || undefined }] },
      project,
    ))
      reporter.report(node.id, message);
  },
});
