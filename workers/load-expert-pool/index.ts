import { z } from 'zod';
import { expertOption } from '../../domain/experts.js';
import { plannable } from '../../domain/cycle.js';
import { listActiveExperts } from '../../store/experts.js';
import { complete, defineWorker } from '../worker.js';

export const LOAD_EXPERT_POOL_TOPIC = 'load-expert-pool';

/** Art. 10 (4), 12: offers the office only the qualified experts of the pool for the panel form. */
export const loadExpertPoolWorker = defineWorker({
  topic: LOAD_EXPERT_POOL_TOPIC,
  title: '载入合格评审专家',
  input: z.looseObject({}),
  variables: [],
  errorCodes: [],
  async handler(_input, _ctx, deps) {
    const pool = await listActiveExperts(deps.db);
    const qualified = plannable(pool);
    return complete({
      expertOptions: qualified.map(expertOption),
      qualifiedExpertCount: qualified.length,
      poolExpertCount: pool.length,
    });
  },
});
