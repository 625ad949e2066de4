import { aggregateScoresWorker } from './aggregate-scores/index.js';
import { announceCycleWorker } from './announce-cycle/index.js';
import { assignReviewersWorker } from './assign-reviewers/index.js';
import { checkEligibilityDecisionsWorker } from './check-eligibility-decisions/index.js';
import { collectOpinionsWorker } from './collect-opinions/index.js';
import { dissolvePanelWorker } from './dissolve-panel/index.js';
import { eligibilityCheckWorker } from './eligibility-check/index.js';
import { formPanelWorker } from './form-panel/index.js';
import { loadExpertPoolWorker } from './load-expert-pool/index.js';
import { notifyWorker } from './notify/index.js';
import { openScoreSheetsWorker } from './open-score-sheets/index.js';
import { recordDeclarationWorker } from './record-declaration/index.js';
import { disqualifyExpertWorker } from './disqualify-expert/index.js';
import { recordOpinionWorker } from './record-opinion/index.js';
import { recordOfficeRecusalWorker } from './record-office-recusal/index.js';
import { recordScoreSheetWorker } from './record-score-sheet/index.js';
import { recordShortlistWorker } from './record-shortlist/index.js';
import { recordSiteReviewWorker } from './record-site-review/index.js';
import { openReportPeriodWorker } from './open-report-period/index.js';
import { performanceReportsWorker } from './performance-reports/index.js';
import { planPostMonitoringWorker } from './plan-post-monitoring/index.js';
import { recordRevocationWorker } from './record-revocation/index.js';
import { checkQuotasWorker } from './check-quotas/index.js';
import { notifySiteVisitWorker } from './notify-site-visit/index.js';
import { planPublicityWorker } from './plan-publicity/index.js';
import { proposeAwardsWorker } from './propose-awards/index.js';
import { recordDecisionWorker } from './record-decision/index.js';
import { recordAwardsWorker } from './record-awards/index.js';
import { recordObjectionWorker } from './record-objection/index.js';
import { startPostMonitoringWorker } from './start-post-monitoring/index.js';
import { recordTitleMisuseWorker } from './record-title-misuse/index.js';
import { orderTitleCorrectionWorker } from './order-title-correction/index.js';
import { closeTitleMisuseWorker } from './close-title-misuse/index.js';
import { checkIncubationEnrolmentWorker } from './check-incubation-enrolment/index.js';
import { recordIncubationGraduatesWorker } from './record-incubation-graduates/index.js';
import { buildRetentionReportWorker } from './build-retention-report/index.js';
import { deleteRetainedRecordsWorker } from './delete-retained-records/index.js';
import { checkRulesEditionWorker } from './check-rules-edition/index.js';
import type { WorkerDefinition } from './worker.js';

/** Every worker the diagrams may use; a test checks each BPMN topic against this list. */
export const WORKERS: readonly WorkerDefinition[] = [
  notifyWorker,
  eligibilityCheckWorker,
  recordOpinionWorker,
  recordOfficeRecusalWorker,
  collectOpinionsWorker,
  announceCycleWorker,
  checkEligibilityDecisionsWorker,
  loadExpertPoolWorker,
  formPanelWorker,
  assignReviewersWorker,
  recordDeclarationWorker,
  disqualifyExpertWorker,
  openScoreSheetsWorker,
  recordScoreSheetWorker,
  aggregateScoresWorker,
  recordShortlistWorker,
  recordSiteReviewWorker,
  dissolvePanelWorker,
  recordRevocationWorker,
  planPostMonitoringWorker,
  openReportPeriodWorker,
  performanceReportsWorker,
  proposeAwardsWorker,
  checkQuotasWorker,
  recordDecisionWorker,
  planPublicityWorker,
  notifySiteVisitWorker,
  recordObjectionWorker,
  recordAwardsWorker,
  startPostMonitoringWorker,
  recordTitleMisuseWorker,
  orderTitleCorrectionWorker,
  closeTitleMisuseWorker,
  checkIncubationEnrolmentWorker,
  recordIncubationGraduatesWorker,
  buildRetentionReportWorker,
  deleteRetainedRecordsWorker,
  checkRulesEditionWorker,
] as WorkerDefinition[];
