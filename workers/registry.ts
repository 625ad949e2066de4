import { notifyWorker } from './notify/index.js';
import type { WorkerDefinition } from './worker.js';

/** Every worker the diagrams may use; a test checks each BPMN topic against this list. */
export const WORKERS: readonly WorkerDefinition[] = [notifyWorker as WorkerDefinition];
