// contracts.md "Identifiers": 统一社会信用代码 (GB 32100-2015 with its GB 11714 organization code) and
// 居民身份证号码 (GB 11643); an invalid one is a 400, never a silent pass.
import { z } from 'zod';

/** GB 32100-2015 code characters; I, O, Z, S and V are never used. The index is the character's value. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// GB 32100-2015: weight of position i (0-based) is 3^i mod 31.
const CREDIT_CODE_WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

// GB 11714-1997: weights of the eight body characters of the organization code.
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

// GB 11643-1999 (ISO 7064 MOD 11-2): weights 2^(17-i) mod 11 and the check character for each remainder.
const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_NUMBER_CHECK = '10X98765432';

/** The 18th character of a 统一社会信用代码 whose first 17 characters are given (GB 32100-2015). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The 9th character of an organization code whose first 8 characters are given (GB 11714). */
export function organizationCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i]!;
    const value = c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 55; // A = 10 … Z = 35
    sum += value * ORGANIZATION_CODE_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The 18th character of a 居民身份证号码 whose first 17 digits are given (GB 11643, ISO 7064 MOD 11-2). */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_NUMBER_WEIGHTS[i]!;
  return ID_NUMBER_CHECK[sum % 11]!;
}

/** Why value is not a valid 统一社会信用代码 (a Chinese message), or undefined when it is valid. */
export function creditCodeProblem(value: string): string | undefined {
  if (value.length !== 18) return `统一社会信用代码应为 18 位，实际为 ${value.length} 位`;
  const bad = [...value].find((c) => !CREDIT_CODE_CHARSET.includes(c));
  if (bad !== undefined) return `统一社会信用代码含有不允许的字符“${bad}”（不使用 I、O、Z、S、V）`;
  if (!/^\d{6}$/.test(value.slice(2, 8))) return '统一社会信用代码第 3–8 位应为行政区划码（数字）';
  if (organizationCodeCheckChar(value.slice(8, 16)) !== value[16])
    return '统一社会信用代码第 9–17 位的组织机构代码校验位错误';
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return '统一社会信用代码校验位错误';
  return undefined;
}

/** Why value is not a valid 居民身份证号码 on day today (YYYY-MM-DD), or undefined when it is valid. */
export function idNumberProblem(value: string, today: string = localToday()): string | undefined {
  if (value.length !== 18) return `居民身份证号码应为 18 位，实际为 ${value.length} 位`;
  if (!/^\d{17}[\dX]$/.test(value)) return '居民身份证号码前 17 位应为数字，最后一位为数字或 X';
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birth)) return `居民身份证号码中的出生日期 ${value.slice(6, 14)} 不是有效日期`;
  if (birth > today) return `居民身份证号码中的出生日期 ${value.slice(6, 14)} 晚于今天`;
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return '居民身份证号码校验位错误';
  return undefined;
}

export const isValidCreditCode = (value: string): boolean => creditCodeProblem(value) === undefined;
export const isValidIdNumber = (value: string, today?: string): boolean =>
  idNumberProblem(value, today) === undefined;

/** True when s is YYYY-MM-DD naming a day that exists in the Gregorian calendar. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date in China (Asia/Shanghai, UTC+8 without daylight saving) as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const textInput = (label: string) =>
  z.string({ error: (iss) => (iss.input === undefined ? `缺少${label}` : `${label}应为文本`) });

/** A 统一社会信用代码; surrounding blanks are dropped and letters upper-cased before checking. */
export const CreditCode = textInput('统一社会信用代码')
  .trim()
  .toUpperCase()
  .check((ctx) => {
    const problem = creditCodeProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** A 居民身份证号码; surrounding blanks are dropped and a final `x` is read as `X`. */
export const IdNumber = textInput('居民身份证号码')
  .trim()
  .toUpperCase()
  .check((ctx) => {
    const problem = idNumberProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });
