import { z } from 'zod';
import { shanghaiDate } from '../../domain/edition.js';
import {
  CorrectionPeriod,
  correctionDueDate,
  MISUSE_KIND_NAMES,
  MISUSE_KINDS,
} from '../../domain/title-misuse.js';
import { recordAudit } from '../../store/audit.js';
import { recordMisuseCase } from '../../store/between-cycles.js';
import { findOrganizationRecords, findPersonRecords } from '../../store/registry.js';
import { complete, defineWorker } from '../worker.js';

export const RECORD_TITLE_MISUSE_TOPIC = 'record-title-misuse';

export const RecordTitleMisuseInput = z.looseObject({
  holderKey: z.string().trim().min(1, '统一社会信用代码或身份证号不能为空'),
  holderName: z.string().trim().min(1, '名称不能为空'),
  misuseKind: z.enum(MISUSE_KINDS),
  evidence: z.string().trim().min(1, '违规事实不能为空'),
  correctionPeriod: CorrectionPeriod,
  initiator: z.string().nullish(),
});

/**
 * Art. 24: records a misuse of the award title, finds in the registry whether the holder is an award
 * holder (any organization may misuse it), and proposes the correction deadline from the BPMN
 * parameter correctionPeriod. Recorded once per instance, with the audit entry.
 */
export const recordTitleMisuseWorker = defineWorker({
  topic: RECORD_TITLE_MISUSE_TOPIC,
  title: '登记称号使用违规',
  input: RecordTitleMisuseInput,
  variables: ['holderKey', 'holderName', 'misuseKind', 'evidence', 'correctionPeriod', 'initiator'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const isPerson = /^\d{17}[\dX]$/.test(input.holderKey);
    const { awards } = isPerson
      ? await findPersonRecords(deps.db, input.holderKey)
      : await findOrganizationRecords(deps.db, input.holderKey);
    const valid = awards.filter((a) => !a.revokedOn);
    const awardHolder = valid.length > 0;
    const holderAwardsText = awardHolder
      ? valid.map((a) => `${a.year} 年度 ${a.title ?? ''}`.trim()).join('；')
      : '登记簿中无其有效的获奖记录（非获奖者冒用称号）';
    const caseId = ctx.businessKey ?? ctx.processInstanceId;
    await deps.db.transaction(async (tx) => {
      await recordMisuseCase(tx, {
        caseId,
        holderKey: input.holderKey,
        holderName: input.holderName,
        awardHolder,
        misuseKind: input.misuseKind,
        evidence: input.evidence,
      });
      await recordAudit(
        tx,
        {
          actor: input.initiator ?? 'worker',
          action: 'title-misuse.recorded',
          subject: input.holderKey,
          businessKey: ctx.businessKey,
          processInstanceId: ctx.processInstanceId,
          summary: `第二十四条：登记 ${input.holderName} ${MISUSE_KIND_NAMES[input.misuseKind]}`,
          details: { misuseKind: input.misuseKind, evidence: input.evidence, awardHolder },
        },
        ctx.effectId('audit'),
      );
    });
    const dueDate = correctionDueDate(shanghaiDate(new Date()), input.correctionPeriod);
    ctx.log.info({ caseId, awardHolder, dueDate }, '已登记称号使用违规');
    return complete({ awardHolder, holderAwardsText, correctionDueDate: dueDate });
  },
});
