import { consistencyProblems, type ProjectRule } from '../rule.js';
import { attribute } from './known-topic.js';

/** Every camunda:formRef names a Camunda Form in forms/ (deployed with the diagram). */
export const formRef: ProjectRule = (project) => () => ({
  check(node, reporter) {
    const ref = attribute(node, 'camunda:formRef');
    if (ref === undefined || !node.id) return;
    for (const message of consistencyProblems({ formRefs: [{ elementId: node.id, formRef: ref }] }, project))
      reporter.report(node.id, message);
  },
});
