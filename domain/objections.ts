// Art. 18 (7): objections (异议) to the award list during the publicity period (公示期).
import { z } from 'zod';
import { canonicalFileType, sniffFileType } from './file-types.js';
import type { AwardList } from './awards.js';

/** At most this many evidence files per objection. */
export const MAX_EVIDENCE_FILES = 5;
/** Largest evidence file in bytes (5 MB). */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
/** Reason text limits, in characters (Chinese text counts one per character). */
export const REASON_MIN = 10;
export const REASON_MAX = 5000;

/** The evidence types an objection may carry, by their MIME type. */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** The content type a file's first bytes show (PDF, JPEG, PNG), or undefined for anything else. */
export function sniffEvidenceType(content: Uint8Array): EvidenceType | undefined {
  const type = sniffFileType(content);
  return (EVIDENCE_TYPES as readonly string[]).includes(type ?? '') ? (type as EvidenceType) : undefined;
}

/** Declared types accepted as their canonical name (image/jpg is a common misspelling). */
export function canonicalEvidenceType(declared: string): EvidenceType | undefined {
  const type = canonicalFileType(declared);
  return (EVIDENCE_TYPES as readonly string[]).includes(type ?? '') ? (type as EvidenceType) : undefined;
}

const PHONE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
const EMAIL = z.email();

/** A phone number (mobile or landline with area code) or an e-mail address. */
export const isContact = (value: string): boolean =>
  PHONE.test(value.replace(/\s+/g, '')) || EMAIL.safeParse(value).success;

const text = (label: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为文本`) })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不超过 ${max} 个字符`);

/** The text fields of an objection, as the API receives them (JSON or multipart). */
export const ObjectionFields = z.object({
  cycle: text('评选年度', 20).regex(/^cycle-\d{4}$/, '评选年度应为 cycle-<年份>，例如 cycle-2025'),
  applicationId: text('申报编号', 120).regex(/^\S*$/, '申报编号不能包含空白'),
  name: text('异议人姓名或单位名称', 100),
  contact: text('联系方式', 100).refine(isContact, '联系方式应为手机号、带区号的固定电话或电子邮箱'),
  email: z
    .email('电子邮箱格式不正确')
    .max(200, '电子邮箱不超过 200 个字符')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  reason: z
    .string({ error: (iss) => (iss.input === undefined ? '缺少异议理由' : '异议理由应为文本') })
    .trim()
    .min(REASON_MIN, `异议理由至少 ${REASON_MIN} 个字`)
    .max(REASON_MAX, `异议理由不超过 ${REASON_MAX} 个字`),
});
export type ObjectionFields = z.infer<typeof ObjectionFields>;

/** The e-mail to answer the objector at: the email field, else the contact when it is an address. */
export function objectorEmail(fields: Pick<ObjectionFields, 'contact' | 'email'>): string | undefined {
  if (fields.email) return fields.email;
  return EMAIL.safeParse(fields.contact).success ? fields.contact : undefined;
}

/** Where a day stands against the publicity period (both ends inclusive, YYYY-MM-DD). */
export type PeriodState = 'before' | 'open' | 'after';

/** Art. 18 (7): objections are taken from the first to the last day of the publicity period. */
export function publicityState(today: string, start: string, end: string): PeriodState {
  if (today < start) return 'before';
  if (today > end) return 'after';
  return 'open';
}

/** Art. 18 (7): the message for an objection filed outside the publicity period. */
export function periodClosedMessage(state: Exclude<PeriodState, 'open'>, start: string, end: string): string {
  const when = state === 'before' ? '尚未开始' : '已结束';
  return `本届区政府质量奖拟获奖名单的公示期为 ${start} 至 ${end}，${when}，不能受理异议（第十八条第（七）项）`;
}

/**
 * The published award an objection names: by the list's own id, or by the short id without the
 * `<cycle key>/` prefix that the cycle's application business keys carry.
 */
export function awardNamed<T extends { applicationId: string }>(
  awards: readonly T[],
  cycle: string,
  applicationId: string,
): T | undefined {
  return awards.find(
    (a) => a.applicationId === applicationId || a.applicationId === `${cycle}/${applicationId}`,
  );
}

/** Art. 18 (7), (8): an upheld objection removes that application's award from the list. */
export function withoutAward(
  awards: AwardList,
  applicationId: string,
): { awards: AwardList; removed: boolean } {
  const rest = awards.filter((a) => a.applicationId !== applicationId);
  return { awards: rest, removed: rest.length !== awards.length };
}
