import type { Config } from '../../config/config.js';

/** The audit trail's actor for an act of the workers themselves: their service account (issue 8 (5)). */
export function serviceActor(config: Pick<Config, 'CAMUNDA_WORKER_USER'>): string {
  return config.CAMUNDA_WORKER_USER || 'service-workers';
}
