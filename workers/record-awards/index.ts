import { z } from 'zod';
import {
  Announcement,
  awardTitle,
  holderOf,
  prizeAboveCap,
  RecordedAwardEntry,
  winnerMail,
  winnersText,
} from '../../domain/certificate.js';
import { AWARD_CATEGORY_NAMES, AWARD_CLASS_NAMES } from '../../domain/edition.js';
import { renderCertificate } from '../../mail/certificate.js';
import { recordAudit } from '../../store/audit.js';
import { claimEffect, proposeExpert, recordCycleAward } from '../../store/awards.js';
import { upsertAwardRecord, upsertOrganization, upsertPerson } from '../../store/registry.js';
import { jsonValue } from '../../domain/awards.js';
import { perAwardOf, perAwardShape } from '../shared/parameters.js';
import { assertWithinEdition, cycleEdition } from '../shared/rules-edition.js';
import { complete, defineWorker, InputError } from '../worker.js';

export const RECORD_AWARDS_TOPIC = 'record-awards';

export const RecordAwardsInput = z.looseObject({
  awards: z.preprocess(jsonValue, z.array(RecordedAwardEntry, { error: '缺少获奖名单 awards' })),
  year: z.coerce
    .string()
    .trim()
    .regex(/^\d{4}$/),
  documentNumber: z.string().trim().min(1),
  documentDate: z.string().trim(),
  ...perAwardShape('cap', '第十九条奖金上限'),
});

/**
 * Art. 18 (8), 19, 21 (发文公告): writes each award of the announced list to the registry with the date
 * of the 发文 (so that the Art. 16 and 25 checks count from it), re-checks each prize against its Art. 19 cap (a prize above it is a
 * fault: the list was checked before — an incident, nothing written), renders each winner's certificate
 * (PDF in Chinese, marked with the award year and the document number) and e-mails it, stores the
 * Art. 21 list and proposes winning individuals and named executives to the expert pool. Each write
 * and each e-mail is keyed, so a redelivered task does nothing twice.
 */
export const recordAwardsWorker = defineWorker({
  topic: RECORD_AWARDS_TOPIC,
  title: '发文公告：登记获奖名单并颁发证书',
  input: RecordAwardsInput,
  variables: [
    'awards',
    'year',
    'documentNumber',
    'documentDate',
    'capDistrictHeadModel',
    'capDistrictHeadAchievement',
    'capGoldModel',
    'capGoldAchievement',
    'rulesEdition',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const announcement = Announcement.safeParse(input);
    if (!announcement.success)
      throw new InputError(`发文信息有误：${announcement.error.issues.map((i) => i.message).join('；')}`);
    const ann = announcement.data;
    const caps = perAwardOf(input, 'cap');
    // Art. 19, 28: the caps may only tighten the edition the cycle recorded.
    const edition = await cycleEdition(input.rulesEdition, ctx, deps);
    assertWithinEdition(input, edition, [{ prefix: 'cap', limits: 'prizeCaps', what: '第十九条奖金上限' }]);
    const cycleKey = ctx.businessKey ?? `cycle-${ann.year}`;
    const year = Number(ann.year);

    // Every check before any write: a fault leaves nothing half-recorded.
    const problems: string[] = [];
    for (const award of input.awards) {
      const above = prizeAboveCap(award, caps);
      if (above)
        problems.push(
          `${award.applicantName}（${award.applicationId}）的奖金 ${award.prize} 元超过第十九条${AWARD_CLASS_NAMES[award.awardClass]}${AWARD_CATEGORY_NAMES[award.category]}上限 ${above.cap} 元`,
        );
      if (!holderOf(award))
        problems.push(
          `${award.applicantName}（${award.applicationId}）缺少${award.applicantKind === 'organization' ? '统一社会信用代码' : '身份证号码'}，无法登记获奖记录`,
        );
    }
    // Art. 16 ¶1 and 25 count from the 发文 date (contracts.md, edition 2): it belongs to the award year.
    if (Number(ann.documentDate.slice(0, 4)) < year)
      problems.push(`发文日期 ${ann.documentDate} 早于获奖年度 ${ann.year} 年`);
    if (new Set(input.awards.map((a) => a.applicationId)).size !== input.awards.length)
      problems.push('获奖名单中有重复的申报编号');
    if (problems.length) throw new InputError(`获奖名单不能登记：${problems.join('；')}`);

    let mailed = 0;
    for (const award of input.awards) {
      const holder = holderOf(award)!;
      const title = awardTitle(award.awardClass, award.category);
      const certificate = await renderCertificate(award, ann);
      await deps.db.transaction(async (tx) => {
        // Keyed per award; the rows below are also unique by their natural keys, so a later run of the
        // task (a new activity instance) finds them again instead of adding twins.
        const first = await claimEffect(tx, ctx.effectKey(`registry:${award.applicationId}`), 'registry', {
          applicationId: award.applicationId,
          documentNumber: ann.documentNumber,
        });
        if (!first) return;
        if ('creditCode' in holder)
          await upsertOrganization(tx, { creditCode: holder.creditCode, name: award.applicantName });
        else await upsertPerson(tx, { idNumber: holder.idNumber, name: award.applicantName });
        await upsertAwardRecord(tx, holder, {
          level: 'district',
          category: award.category,
          year,
          title,
          awardedOn: ann.documentDate,
          source: `区政府发文 ${ann.documentNumber}（${ann.documentDate}）`,
        });
        await recordCycleAward(tx, {
          cycleKey,
          applicationId: award.applicationId,
          awardYear: year,
          applicantName: award.applicantName,
          applicantKind: award.applicantKind,
          holderKey: 'creditCode' in holder ? holder.creditCode : holder.idNumber,
          category: award.category,
          awardClass: award.awardClass,
          title,
          prize: award.prize ?? null,
          email: award.email ?? null,
          documentNumber: ann.documentNumber,
          documentDate: ann.documentDate,
          certificateSha256: certificate.sha256,
          processInstanceId: ctx.processInstanceId,
        });
        // Art. 21: winning individuals and the executives an organization's entry names.
        if (award.applicantKind === 'individual')
          await proposeExpert(tx, {
            awardYear: year,
            cycleKey,
            applicationId: award.applicationId,
            personKey: award.idNumber!,
            name: award.applicantName,
            idNumber: award.idNumber ?? null,
            email: award.email ?? null,
            role: 'winner',
            organizationName: null,
            organizationCreditCode: null,
          });
        for (const exec of award.executives ?? [])
          await proposeExpert(tx, {
            awardYear: year,
            cycleKey,
            applicationId: award.applicationId,
            personKey: exec.idNumber || `name:${exec.name}`,
            name: exec.name,
            idNumber: exec.idNumber ?? null,
            email: exec.email ?? null,
            role: 'executive',
            organizationName: award.applicantName,
            organizationCreditCode: award.creditCode ?? null,
          });
      });
      if (award.email) {
        const mail = winnerMail(award, ann);
        await deps.mailer.sendOnce(ctx.effectKey(`mail:winner:${award.applicationId}`), {
          to: [award.email],
          subject: mail.subject,
          text: mail.text,
          attachments: [
            { filename: certificate.fileName, content: certificate.content, contentType: 'application/pdf' },
          ],
        });
        mailed += 1;
      } else ctx.log.warn({ applicationId: award.applicationId }, '获奖者没有电子邮箱，证书未寄送');
    }

    const text = winnersText(input.awards, ann);
    await deps.db.transaction((tx) =>
      recordAudit(
        tx,
        {
          actor: deps.config.CAMUNDA_WORKER_USER ?? 'worker',
          action: 'awards.recorded',
          subject: cycleKey,
          businessKey: cycleKey,
          processInstanceId: ctx.processInstanceId,
          summary: `${ann.year}年度获奖名单已登记（${ann.documentNumber}，${ann.documentDate}）：${input.awards.length} 项，证书邮件 ${mailed} 封`,
          details: {
            documentNumber: ann.documentNumber,
            documentDate: ann.documentDate,
            awards: input.awards.map((a) => ({
              applicationId: a.applicationId,
              awardClass: a.awardClass,
              category: a.category,
              prize: a.prize ?? null,
            })),
          },
        },
        ctx.effectId('audit:awards-recorded'),
      ),
    );
    return complete({ awardsRecorded: input.awards.length, winnersText: text });
  },
});
