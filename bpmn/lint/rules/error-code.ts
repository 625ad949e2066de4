import { consistencyProblems, is, type ProjectRule } from '../rule.js';

/** Every bpmn:Error carries an errorCode that some worker throws (workers/registry.ts). */
export const errorCode: ProjectRule = (project) => () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:Error') || !node.id) return;
    const code = typeof node.errorCode === 'string' ? node.errorCode : '';
    for (const message of consistencyProblems({ errorCodes: [{ errorId: node.id, code }] }, project))
      reporter.report(node.id, message);
  },
});
