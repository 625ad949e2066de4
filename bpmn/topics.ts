// The topic manifest: every external-task topic the diagrams may use, with the BPMN error codes its
// worker may throw. The diagram lint (and so the server's modeler) reads this list instead of
// importing every worker module; bpmn/topics.test.ts checks it against workers/registry.ts, so a
// worker added, removed or given a new error code without its line here fails the unit tests.

/** Topic → the error codes its worker declares (`errorCodes` of its definition). */
export const TOPICS: Readonly<Record<string, readonly string[]>> = {
  'aggregate-scores': [],
  'announce-cycle': [],
  'assign-reviewers': ['assignment-infeasible'],
  'build-retention-report': [],
  'check-eligibility-decisions': [],
  'check-incubation-enrolment': [],
  'check-quotas': [],
  'check-rules-edition': ['rules-edition-missing'],
  'close-title-misuse': [],
  'collect-opinions': [],
  'delete-retained-records': [],
  'dissolve-panel': [],
  'eligibility-check': [],
  'form-panel': ['panel-invalid'],
  'load-expert-pool': [],
  notify: [],
  'notify-site-visit': [],
  'open-report-period': [],
  'open-score-sheets': [],
  'order-title-correction': [],
  'performance-reports': [],
  'plan-post-monitoring': [],
  'plan-publicity': [],
  'propose-awards': [],
  'record-awards': [],
  'record-decision': [],
  'record-declaration': ['assignment-infeasible'],
  'record-incubation-graduates': [],
  'record-objection': [],
  'record-opinion': [],
  'record-revocation': ['award-record-missing'],
  'record-score-sheet': ['score-sheet-invalid'],
  'record-shortlist': [],
  'record-site-review': [],
  'record-title-misuse': [],
  'start-post-monitoring': [],
};
