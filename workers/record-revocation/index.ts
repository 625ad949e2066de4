import { z } from 'zod';
import { serviceActor } from '../shared/service-actor.js';
import { AWARD_CATEGORIES } from '../../domain/edition.js';
import { AWARD_LEVELS } from '../../domain/eligibility.js';
import { shanghaiDate } from '../../domain/edition.js';
import { REVOCATION_REASONS, revocationBanEndsOn } from '../../domain/post-award.js';
import { recordAudit } from '../../store/audit.js';
import { recordRevocation } from '../../store/registry.js';
import { bpmnError, complete, defineWorker } from '../worker.js';
import type { EngineRest } from '../../camunda/rest.js';
import { applicationHistories, applicationRecord } from '../shared/applications.js';
import { POST_MONITORING_PROCESS, postAwardBusinessKey } from '../shared/post-monitoring.js';

/** The message that ends a revoked award's award-post-monitoring (its event sub-process). */
export const AWARD_REVOKED_MESSAGE = 'award-revoked';

/**
 * Art. 25: ends the revoked award's award-post-monitoring (running instances only, so a redelivered
 * task ends nothing twice) and finds the application it came from, whose recommending unit the
 * 通报批评 reaches. An award without monitoring (imported from past years) has neither.
 */
async function endPostMonitoring(
  rest: EngineRest,
  holderKey: string,
  awardYear: number,
  reason: string,
): Promise<{ ended: number; applicationId?: string }> {
  const businessKey = postAwardBusinessKey(holderKey, String(awardYear));
  const instances = await rest.get(
    `/history/process-instance?processDefinitionKey=${POST_MONITORING_PROCESS}&processInstanceBusinessKey=${encodeURIComponent(businessKey)}&maxResults=10`,
  );
  let ended = 0;
  let applicationId: string | undefined;
  for (const instance of instances) {
    if (!applicationId) {
      const [v] = await rest.get(
        `/history/variable-instance?processInstanceId=${instance.id}&variableName=applicationId`,
      );
      if (typeof v?.value === 'string' && v.value) applicationId = v.value;
    }
    if (instance.state !== 'ACTIVE' && instance.state !== 'SUSPENDED') continue;
    await rest.post('/message', {
      messageName: AWARD_REVOKED_MESSAGE,
      processInstanceId: instance.id,
      processVariables: { monitoringEndReason: { value: reason, type: 'String' } },
    });
    ended += 1;
  }
  return applicationId ? { ended, applicationId } : { ended };
}

export const RECORD_REVOCATION_TOPIC = 'record-revocation';
export const AWARD_RECORD_MISSING = 'award-record-missing';

/** The award being revoked, as the office named it at the start of award-revocation. */
export const RecordRevocationInput = z.looseObject({
  holderKind: z.enum(['organization', 'individual']),
  creditCode: z.string().trim().nullish(),
  idNumber: z.string().trim().nullish(),
  awardYear: z.coerce.number().int().min(1900).max(2999),
  awardLevel: z.enum(AWARD_LEVELS),
  awardCategory: z.enum(AWARD_CATEGORIES),
  awardTitle: z.string().trim().nullish(),
  revocationReason: z.enum(REVOCATION_REASONS),
  banYears: z.coerce.number().int().min(0).max(99),
});

/**
 * Art. 25: after the district government's approval, writes the revocation date into the registry so
 * that 资格预审 refuses the holder for banYears, ends the award's award-post-monitoring and finds its
 * recommending unit for the 通报批评. An award the registry does not hold is a business
 * rejection for the office (BPMN error), not an incident.
 */
export const recordRevocationWorker = defineWorker({
  topic: RECORD_REVOCATION_TOPIC,
  title: '登记撤销获奖资格',
  input: RecordRevocationInput,
  variables: [
    'holderKind',
    'creditCode',
    'idNumber',
    'awardYear',
    'awardLevel',
    'awardCategory',
    'awardTitle',
    'revocationReason',
    'banYears',
  ],
  errorCodes: [AWARD_RECORD_MISSING],
  async handler(input, ctx, deps) {
    const holder =
      input.holderKind === 'organization'
        ? { creditCode: input.creditCode ?? '' }
        : { idNumber: input.idNumber ?? '' };
    const award = {
      level: input.awardLevel,
      category: input.awardCategory,
      year: input.awardYear,
      title: input.awardTitle ?? '',
    };
    const who = ('creditCode' in holder ? holder.creditCode : holder.idNumber) ?? '';
    const outcome = await deps.db.transaction(async (tx) => {
      const result = await recordRevocation(tx, holder, award, shanghaiDate(new Date()));
      if (result.kind !== 'missing')
        await recordAudit(
          tx,
          {
            actor: serviceActor(deps.config),
            action: 'revocation.recorded',
            subject: who,
            businessKey: ctx.businessKey,
            processInstanceId: ctx.processInstanceId,
            summary: `第二十五条：撤销 ${who} 的 ${input.awardYear} 年度获奖资格“${award.title}”，自 ${result.revokedOn} 起 ${input.banYears} 年内不受理申报`,
            details: {
              holder,
              award,
              reason: input.revocationReason,
              revokedOn: result.revokedOn,
              banYears: input.banYears,
            },
          },
          ctx.effectId('audit-revocation'),
        );
      return result;
    });
    if (outcome.kind === 'missing') {
      const message = `第二十五条：登记簿中没有 ${who} 的 ${input.awardYear} 年度获奖记录“${award.title}”，无法登记撤销；请核对获奖信息或先导入获奖名单`;
      return bpmnError(AWARD_RECORD_MISSING, message, { revocationWarning: message });
    }
    const banEndsOn = revocationBanEndsOn(outcome.revokedOn, input.banYears);
    // Art. 23, 25: a revoked award is no longer monitored; the 通报批评 also goes to its unit.
    const monitoring = await endPostMonitoring(
      deps.engine,
      who,
      input.awardYear,
      `第二十五条：${outcome.revokedOn} 撤销 ${input.awardYear} 年度获奖资格，终止获奖后质量绩效跟踪`,
    );
    const unit = monitoring.applicationId
      ? applicationRecord(
          (await applicationHistories(deps.engine, [monitoring.applicationId])).get(monitoring.applicationId),
        ).recommendingUnit
      : undefined;
    ctx.log.info({ holder, award, outcome, monitoring, unit }, '已登记撤销获奖资格');
    return complete({
      revokedOn: outcome.revokedOn,
      banEndsOn,
      revocationBanYears: input.banYears,
      revocationWarning: '',
      postMonitoringEnded: monitoring.ended,
      recommendingUnit: unit ?? null,
    });
  },
});
