import { z } from 'zod';
import { auditEligibilityDecisions } from '../shared/decision-audit.js';
import { emailsOfGroup } from '../shared/identity.js';
import { complete, defineWorker, describeInputError, InputError } from '../worker.js';
import { effectKeyString } from '../../store/effects.js';
import { issueReportLink } from '../../store/performance-reports.js';
import { REPORT_LINK_TEMPLATES, TEMPLATE_IDS, TEMPLATES, type GroupCopy } from './templates.js';

const LinkHolder = z.object({
  holderKey: z.string().trim().min(1),
  awardYear: z.coerce.number().int().min(1900).max(2999),
});

export const NOTIFY_TOPIC = 'notify';

/** Sends one templated notice, once per task execution (keyed effect), and records when it went. */
export const notifyWorker = defineWorker({
  topic: NOTIFY_TOPIC,
  title: '发送通知',
  // The template is a BPMN input parameter; its own variables are checked against the template.
  input: z.looseObject({ mailTemplate: z.enum(TEMPLATE_IDS) }),
  // The template is chosen per task, so the subscription names the variables of every template and of
  // the report link; each template's schema then checks its own.
  variables: [
    ...new Set([
      'mailTemplate',
      ...Object.values(TEMPLATES).flatMap((t) => Object.keys((t.input as z.ZodObject).shape)),
      ...Object.keys(LinkHolder.shape),
    ]),
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const template = TEMPLATES[input.mailTemplate];
    const mailKey = ctx.effectKey(`mail:${input.mailTemplate}`);
    let extra: Record<string, string> = {};
    if ((REPORT_LINK_TEMPLATES as readonly string[]).includes(input.mailTemplate)) {
      // Issue 16 / Art. 23: the holder's secret link, once per e-mail; the store keeps its hash only.
      const holder = LinkHolder.safeParse(input);
      if (!holder.success)
        throw new InputError(`通知模板 ${input.mailTemplate}：${describeInputError(holder.error)}`);
      const token = await issueReportLink(deps.db, holder.data, effectKeyString(mailKey));
      const base = (deps.config.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '');
      extra = { reportLink: `${base}/performance-report?token=${token}` };
    }
    const vars = template.input.safeParse({ ...input, ...extra });
    if (!vars.success)
      throw new InputError(`通知模板 ${input.mailTemplate}：${describeInputError(vars.error)}`);
    const mail = template.render(vars.data as never, ctx.businessKey);
    const result = await deps.mailer.sendOnce(mailKey, mail);
    ctx.log.info({ template: input.mailTemplate, to: mail.to, result }, '通知已发送');
    // Copies to groups (Art. 25: the recommending unit and the committee), each sent once.
    const copies =
      (template as { copies?: (v: never, key: string | null) => GroupCopy[] }).copies?.(
        vars.data as never,
        ctx.businessKey,
      ) ?? [];
    for (const copy of copies) {
      const to = await emailsOfGroup(deps.engine, copy.group);
      if (to.length === 0) {
        ctx.log.warn(
          { template: input.mailTemplate, group: copy.group },
          '该组没有登记邮箱的账号，通知抄送未发送',
        );
        continue;
      }
      await deps.mailer.sendOnce(ctx.effectKey(`mail:${input.mailTemplate}:${copy.group}`), {
        to,
        subject: copy.subject,
        text: copy.text,
      });
    }
    // The notice follows the office's 资格审查 decision: record it in the audit trail (issue 8 (5)).
    if (input.mailTemplate === 'eligibility-accepted' || input.mailTemplate === 'eligibility-rejected')
      await auditEligibilityDecisions(ctx, deps);
    return complete();
  },
});
