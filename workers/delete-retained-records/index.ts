import { z } from 'zod';
import { EngineRestError } from '../../camunda/rest.js';
import { recordAudit } from '../../store/audit.js';
import { deleteStoreRecords } from '../../store/retention.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const DELETE_RETAINED_RECORDS_TOPIC = 'delete-retained-records';

const Item = z.object({ kind: z.string(), ref: z.string(), label: z.string(), at: z.string() });

/**
 * Art. 27: after the office approved the retention report, deletes exactly the records it lists —
 * the engine's history of each listed instance and the listed store rows — and records the
 * deletion in the audit trail. A redelivered task finds them gone and deletes nothing more.
 */
export const deleteRetainedRecordsWorker = defineWorker({
  topic: DELETE_RETAINED_RECORDS_TOPIC,
  title: '删除超过保存期限的资料',
  input: z.looseObject({
    retentionReport: z.array(Item),
    retentionCutoff: z.string(),
    deletionDecision: z.literal('approve', { error: '办公室未批准删除' }),
    deletionApprovedBy: z.string().nullish(),
  }),
  variables: ['retentionReport', 'retentionCutoff', 'deletionDecision', 'deletionApprovedBy'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const rest = deps.engine;
    const engineItems = input.retentionReport.filter((i) => i.kind.startsWith('engine:'));
    const storeItems = input.retentionReport.filter((i) => i.kind.startsWith('store:'));
    const unknown = input.retentionReport.filter((i) => !engineItems.includes(i) && !storeItems.includes(i));
    if (unknown.length > 0) throw new InputError(`保存期限报告中有无法识别的资料：${unknown[0]!.kind}`);
    let engineDeleted = 0;
    for (const item of engineItems) {
      try {
        await rest.delete(`/history/process-instance/${encodeURIComponent(item.ref)}`);
        engineDeleted += 1;
      } catch (err) {
        // Already deleted by an earlier delivery of this task.
        if (!(err instanceof EngineRestError && err.status === 404)) throw err;
      }
    }
    const storeDeleted = await deps.db.transaction(async (tx) => {
      const n = await deleteStoreRecords(tx, storeItems);
      await recordAudit(
        tx,
        {
          actor: input.deletionApprovedBy ?? 'worker',
          action: 'retention.deleted',
          subject: `retention/${input.retentionCutoff}`,
          businessKey: ctx.businessKey,
          processInstanceId: ctx.processInstanceId,
          summary: `第二十七条：经办公室批准，删除 ${input.retentionCutoff} 之前结束的申报评审资料 ${input.retentionReport.length} 项`,
          details: { cutoff: input.retentionCutoff, items: input.retentionReport },
        },
        ctx.effectId('audit'),
      );
      return n;
    });
    ctx.log.info({ engineDeleted, storeDeleted }, '已删除超过保存期限的资料');
    return complete({ deletedCount: input.retentionReport.length, engineDeleted, storeDeleted });
  },
});
