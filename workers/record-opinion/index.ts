import { z } from 'zod';
import { findDepartment } from '../../domain/departments.js';
import { recordOpinion } from '../../store/opinions.js';
import { complete, defineWorker } from '../worker.js';

export const RECORD_OPINION_TOPIC = 'record-opinion';

/** Art. 18 (3): keeps one department's written opinion with the application, once per task execution. */
export const recordOpinionWorker = defineWorker({
  topic: RECORD_OPINION_TOPIC,
  title: '登记部门书面意见',
  input: z.looseObject({
    department: z.string().refine((id) => findDepartment(id) !== undefined, '不是已登记的部门'),
    departmentStance: z.enum(['no-objection', 'objection']),
    departmentOpinion: z.string().trim().min(1, '书面意见不能为空'),
  }),
  variables: ['department', 'departmentStance', 'departmentOpinion'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    await recordOpinion(
      deps.db,
      {
        processInstanceId: ctx.processInstanceId,
        activityInstanceId: ctx.activityInstanceId,
        businessKey: ctx.businessKey,
      },
      { department: input.department, stance: input.departmentStance, opinion: input.departmentOpinion },
    );
    return complete();
  },
});
