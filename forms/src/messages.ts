// The rules behind the forms' patterns, in Chinese, saying what to write. form-js (Camunda 7.24
// Tasklist) reports a pattern mismatch as "Field must match pattern <regular expression>."; the
// Tasklist script forms/tasklist/form-messages-zh.js replaces it with the message of that pattern.
// Every pattern a form uses must be one of these (a unit test checks it).

export const PATTERNS = {
  creditCode: {
    pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$',
    message:
      '统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z），第 3 至 8 位为行政区划码，第 18 位为校验码；请对照营业执照填写。',
  },
  idNumber: {
    pattern: '^\\d{17}[\\dX]$',
    message: '居民身份证号码应为 18 位：前 17 位为数字，第 18 位为校验码（数字或大写字母 X）。',
  },
  holderKey: {
    pattern: '^([0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}|\\d{17}[\\dX])$',
    message:
      '请填写 18 位统一社会信用代码（组织，数字和大写字母，第 18 位为校验码）或 18 位居民身份证号码（个人，末位可为 X）。',
  },
  applicationId: {
    pattern: '^[A-Za-z0-9-]{1,40}$',
    message: '编号只能由字母、数字和连字符（-）组成，最多 40 个字符，例如 A-001。',
  },
  year: { pattern: '^\\d{4}$', message: '请填写四位数字的年份，例如 2025。' },
  cycleKey: { pattern: '^cycle-\\d{4}$', message: '评选年度应写作 cycle-年份，例如 cycle-2025。' },
  email: {
    pattern: '^[^@\\s]+@[^@\\s]+$',
    message: '请填写有效的电子邮箱地址，例如 name@example.com（不含空格）。',
  },
} as const;

/** The Chinese message of every pattern, keyed by the pattern as form-js prints it. */
export const PATTERN_MESSAGES: Record<string, string> = Object.fromEntries(
  Object.values(PATTERNS).map((p) => [p.pattern, p.message]),
);
