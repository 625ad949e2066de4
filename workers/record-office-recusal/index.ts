import { z } from 'zod';
import { OFFICE, PROCESS_ADMINS } from '../../camunda/identity.js';
import { recusedList, remainingStaff, withRecused } from '../../domain/recusal.js';
import { recordAudit } from '../../store/audit.js';
import { recordStaffRecusal } from '../../store/recusals.js';
import { emailsOfGroup } from '../shared/identity.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const RECORD_OFFICE_RECUSAL_TOPIC = 'record-office-recusal';

export const RecordOfficeRecusalInput = z.looseObject({
  officeRecusalBy: z.string({ error: '缺少申请回避的工作人员（officeRecusalBy）' }).trim().min(1, {
    error: '缺少申请回避的工作人员（officeRecusalBy）',
  }),
  officeRecusalReason: z
    .string({ error: '请写明与申报者的利害关系（officeRecusalReason，第二十六条）' })
    .trim()
    .min(2, { error: '请写明与申报者的利害关系（officeRecusalReason，第二十六条）' })
    .max(2000, { error: '利害关系说明（officeRecusalReason）不超过 2000 字' }),
  recusedStaff: z.string().nullish(),
  applicationId: z.string().nullish(),
  applicantName: z.string().nullish(),
});

/**
 * Art. 26: an office clerk declared a conflict of interest (利害关系) with the applicant in 资格审查. The
 * declaration is kept (staff_recusals, audit), the clerk joins the instance's `recusedStaff` (the
 * engine's RecusalGuard then refuses their claim and completion of any task of this application) and
 * the review goes back to the office group. When no member of the office is left, the process
 * administrators are told by e-mail and the task says so.
 */
export const recordOfficeRecusalWorker = defineWorker({
  topic: RECORD_OFFICE_RECUSAL_TOPIC,
  title: '登记办公室工作人员回避',
  input: RecordOfficeRecusalInput,
  variables: ['officeRecusalBy', 'officeRecusalReason', 'recusedStaff', 'applicationId', 'applicantName'],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const applicationKey = ctx.businessKey ?? input.applicationId;
    if (!applicationKey) throw new InputError('申报缺少业务键（<评选年度>/<申报编号>）');
    const who = input.officeRecusalBy;
    const recused = withRecused(input.recusedStaff, who);
    const applicant = input.applicantName ?? applicationKey;
    await deps.db.transaction(async (tx) => {
      await recordStaffRecusal(tx, {
        applicationKey,
        userId: who,
        role: 'office',
        reason: input.officeRecusalReason,
        taskName: '资格审查',
        processInstanceId: ctx.processInstanceId,
      });
      await recordAudit(
        tx,
        {
          actor: who,
          action: 'recusal.office-declared',
          subject: applicationKey,
          businessKey: ctx.businessKey,
          processInstanceId: ctx.processInstanceId,
          summary: `${who} 声明与申报者 ${applicant} 存在利害关系，回避该申报的资格审查（第二十六条）：${input.officeRecusalReason}`,
          details: { role: 'office', reason: input.officeRecusalReason, recusedStaff: recusedList(recused) },
        },
        ctx.effectId('audit'),
      );
    });
    const members = await deps.engine.get(`/user?memberOfGroup=${OFFICE}&maxResults=500`);
    const left = remainingStaff(
      members.map((m) => m.id),
      recusedList(recused),
    );
    let reviewWarning = `${who} 已声明与申报者存在利害关系并回避（第二十六条），本申报的资格审查由办公室其他工作人员办理。`;
    if (left.length === 0) {
      reviewWarning = `审定委员会办公室全部工作人员均已声明与申报者存在利害关系并回避（第二十六条），请办公室负责人或流程管理员增派工作人员办理本申报的资格审查。`;
      const to = await emailsOfGroup(deps.engine, PROCESS_ADMINS);
      if (to.length > 0)
        await deps.mailer.sendOnce(ctx.effectKey('mail:office-all-recused'), {
          to,
          subject: `【宝山区政府质量奖】资格审查无可办理的工作人员：${applicant}`,
          text: [
            `申报 ${applicationKey}（${applicant}）的资格审查：审定委员会办公室全部工作人员（${recusedList(recused).join('、')}）均已声明存在利害关系并回避（第二十六条）。`,
            '请增派与该申报者无利害关系的工作人员加入审定委员会办公室，由其办理该任务。',
          ].join('\n'),
        });
      else ctx.log.warn({ applicationKey }, '流程管理员没有登记邮箱，全部回避的通知未发送');
      await recordAudit(
        deps.db,
        {
          actor: who,
          action: 'recusal.office-exhausted',
          subject: applicationKey,
          businessKey: ctx.businessKey,
          processInstanceId: ctx.processInstanceId,
          summary: `办公室全部工作人员均已回避申报 ${applicant}，已通知流程管理员增派工作人员（第二十六条）`,
          details: { recusedStaff: recusedList(recused) },
        },
        ctx.effectId('audit-exhausted'),
      );
    }
    return complete({ recusedStaff: recused, reviewWarning, officeRecusal: false });
  },
});
