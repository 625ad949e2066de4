import { announceCycleWorker } from './announce-cycle/index.js';
import { assignReviewersWorker } from './assign-reviewers/index.js';
import { collectOpinionsWorker } from './collect-opinions/index.js';
import { dissolvePanelWorker } from './dissolve-panel/index.js';
import { eligibilityCheckWorker } from './eligibility-check/index.js';
import { formPanelWorker } from './form-panel/index.js';
import { loadExpertPoolWorker } from './load-expert-pool/index.js';
import { notifyWorker } from './notify/index.js';
import { recordDeclarationWorker } from './record-declaration/index.js';
import { recordOpinionWorker } from './record-opinion/index.js';
import type { WorkerDefinition } from './worker.js';

/** Every worker the diagrams may use; a test checks each BPMN topic against this list. */
export const WORKERS: readonly WorkerDefinition[] = [
  notifyWorker,
  eligibilityCheckWorker,
  recordOpinionWorker,
  collectOpinionsWorker,
  announceCycleWorker,
  loadExpertPoolWorker,
  formPanelWorker,
  assignReviewersWorker,
  recordDeclarationWorker,
  dissolvePanelWorker,
] as WorkerDefinition[];
