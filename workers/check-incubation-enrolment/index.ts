import { z } from 'zod';
import {
  CHARACTERISTICS,
  checkEnrolment,
  ENROLMENT_KIND_NAMES,
  IncubationEnrolment,
} from '../../domain/incubation.js';
import { enrolmentsOf, saveEnrolment } from '../../store/between-cycles.js';
import { complete, defineWorker } from '../worker.js';

export const CHECK_INCUBATION_ENROLMENT_TOPIC = 'check-incubation-enrolment';

const Input = IncubationEnrolment.extend({
  incubationYear: z.coerce.number().int().min(1900).max(2999),
  minCharacteristics: z.coerce.number().int().min(0).max(4),
}).loose();

/**
 * Art. 6: checks one enrolment application (a valid 统一社会信用代码; the traits Art. 6 encourages are
 * noted, never a reason to refuse), stores it with the findings, and
 * gives the office and the incubator the list of accepted enrolments so far.
 */
export const checkIncubationEnrolmentWorker = defineWorker({
  topic: CHECK_INCUBATION_ENROLMENT_TOPIC,
  title: '培育孵化报名审核',
  input: Input,
  variables: [
    'enrolmentName',
    'enrolmentCreditCode',
    'enrolmentKind',
    'highTech',
    'innovative',
    'competitive',
    'qualityLeader',
    'incubationYear',
    'minCharacteristics',
  ],
  errorCodes: [],
  async handler(input, ctx, deps) {
    const check = checkEnrolment(input, input.minCharacteristics);
    await saveEnrolment(deps.db, {
      incubationYear: input.incubationYear,
      creditCode: input.enrolmentCreditCode,
      name: input.enrolmentName,
      kind: input.enrolmentKind,
      accepted: check.accepted,
      findings: [...check.findings, ...check.notes],
    });
    const all = await enrolmentsOf(deps.db, input.incubationYear);
    const accepted = all.filter((e) => e.accepted);
    const enrolmentResult = check.accepted
      ? `${input.enrolmentName}（${ENROLMENT_KIND_NAMES[input.enrolmentKind]}）已纳入培育孵化${
          check.characteristics.length
            ? `：${check.characteristics.map((c) => CHARACTERISTICS[c]).join('、')}`
            : ''
        }${check.notes.length ? `（${check.notes.map((n) => n.message).join('；')}）` : ''}`
      : `${input.enrolmentName} 未纳入培育孵化：${check.findings.map((f) => f.message).join('；')}`;
    ctx.log.info({ enrolment: input.enrolmentCreditCode, accepted: check.accepted }, '已审核培育孵化报名');
    return complete({
      enrolmentAccepted: check.accepted,
      enrolmentResult,
      enrolledCount: accepted.length,
      enrolledOptions: accepted.map((e) => ({ label: `${e.name}（${e.creditCode}）`, value: e.creditCode })),
      enrolledText: accepted
        .map((e) => `${e.name}（${e.creditCode}，${ENROLMENT_KIND_NAMES[e.kind]}）`)
        .join('\n'),
    });
  },
});
