import { z } from 'zod';
import { expertOption } from '../../domain/experts.js';
import { plannable } from '../../domain/cycle.js';
import { listActiveExperts } from '../../store/experts.js';
import { complete, defineWorker } from '../worker.js';
import { cycleEdition } from '../shared/rules-edition.js';

export const LOAD_EXPERT_POOL_TOPIC = 'load-expert-pool';

/** Art. 10 (4), 12: offers the office only the experts of the pool qualified under the cycle's edition. */
export const loadExpertPoolWorker = defineWorker({
  topic: LOAD_EXPERT_POOL_TOPIC,
  title: '载入合格评审专家',
  input: z.looseObject({ rulesEdition: z.string().nullish() }),
  variables: ['rulesEdition'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const edition = await cycleEdition(input.rulesEdition, ctx, deps);
    const pool = await listActiveExperts(deps.db);
    const qualified = plannable(pool, edition);
    return complete({
      expertOptions: qualified.map(expertOption),
      qualifiedExpertCount: qualified.length,
      poolExpertCount: pool.length,
    });
  },
});
