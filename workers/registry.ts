import { collectOpinionsWorker } from './collect-opinions/index.js';
import { eligibilityCheckWorker } from './eligibility-check/index.js';
import { notifyWorker } from './notify/index.js';
import { recordOpinionWorker } from './record-opinion/index.js';
import type { WorkerDefinition } from './worker.js';

/** Every worker the diagrams may use; a test checks each BPMN topic against this list. */
export const WORKERS: readonly WorkerDefinition[] = [
  notifyWorker,
  eligibilityCheckWorker,
  recordOpinionWorker,
  collectOpinionsWorker,
] as WorkerDefinition[];
