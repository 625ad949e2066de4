import {
  CreditCode,
  IdNumber,
  creditCodeCheckChar,
  creditCodeProblem,
  idNumberCheckChar,
  idNumberProblem,
  isCalendarDate,
  localToday,
  organizationCodeCheckChar,
} from './identifiers.js';

// Vectors computed with an independent implementation of the two standards; the first four credit
// codes are published codes of real companies.
const VALID_CREDIT_CODES = [
  '914403001922038216', // 华为技术有限公司
  '91330100799655058B', // 阿里巴巴（中国）有限公司
  '91350100M000100Y43', // the GB 32100 worked example
  '91110000802100433B',
  '91310113132203854K',
  '91310113MA1GKR4W33',
  '91310113425027495X',
  '91310113000000000U',
  '12310000132203854Q',
  '123100000000000001',
  '52310113425027495Y',
  '93310113MA1GKR4W3W',
];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each(VALID_CREDIT_CODES)('accepts %s', (code) => {
    // Given a code whose check characters were computed independently
    // when it is checked
    // then there is no problem and the schema passes it unchanged
    expect(creditCodeProblem(code)).toBeUndefined();
    expect(CreditCode.parse(code)).toBe(code);
  });

  it.each([
    ['914403001922038217', '统一社会信用代码校验位错误'],
    ['91310000MA1FL1MMXG', '统一社会信用代码校验位错误'], // correct would be L
    ['91310113132203854D', '统一社会信用代码校验位错误'],
    ['914403001922038229', '统一社会信用代码第 9–17 位的组织机构代码校验位错误'], // org check 1 → 2, outer check recomputed
    ['91310113132203855K', '统一社会信用代码第 9–17 位的组织机构代码校验位错误'],
    ['91440300192203821', '统一社会信用代码应为 18 位，实际为 17 位'],
    ['9144030019220382166', '统一社会信用代码应为 18 位，实际为 19 位'],
    ['', '统一社会信用代码应为 18 位，实际为 0 位'],
    ['91440300192203821I', '统一社会信用代码含有不允许的字符“I”（不使用 I、O、Z、S、V）'],
    ['9144030O1922038216', '统一社会信用代码含有不允许的字符“O”（不使用 I、O、Z、S、V）'],
    ['91440300-922038216', '统一社会信用代码含有不允许的字符“-”（不使用 I、O、Z、S、V）'],
    ['91A40300192203821X', '统一社会信用代码第 3–8 位应为行政区划码（数字）'],
  ])('rejects %s: %s', (code, message) => {
    // Given a malformed code
    // when it is checked
    // then the problem names what is wrong, and the schema reports the same message
    expect(creditCodeProblem(code)).toBe(message);
    const result = CreditCode.safeParse(code);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it('computes the check characters of both standards', () => {
    // Given the bodies of known codes
    // when the check characters are computed
    // then they are those of the published codes, including the X and 0 cases of GB 11714
    expect(creditCodeCheckChar('91440300192203821')).toBe('6');
    expect(creditCodeCheckChar('91310000MA1FL1MMX')).toBe('L');
    expect(organizationCodeCheckChar('19220382')).toBe('1');
    expect(organizationCodeCheckChar('42502749')).toBe('5');
    expect(organizationCodeCheckChar('MA1FL1MM')).toBe('X');
    expect(organizationCodeCheckChar('00000000')).toBe('0');
  });

  it('drops blanks and upper-cases letters before checking', () => {
    // Given a valid code typed in lower case with blanks around it
    // when the schema parses it
    // then the normalized code is the result
    expect(CreditCode.parse(' 91330100799655058b ')).toBe('91330100799655058B');
  });

  it.each([
    [undefined, '缺少统一社会信用代码'],
    [91440300, '统一社会信用代码应为文本'],
  ])('rejects the non-text %p', (input, message) => {
    // Given something that is not a string
    // when the schema parses it
    // then the message is Chinese
    expect(CreditCode.safeParse(input).error?.issues[0]?.message).toBe(message);
  });
});

describe('居民身份证号码 (GB 11643)', () => {
  const today = '2025-06-30';

  it.each(['310113198506120015', '11010519491231002X', '440304200002291236', '310113200101010045'])(
    'accepts %s',
    (id) => {
      // Given a number whose check character was computed independently
      // when it is checked
      // then there is no problem
      expect(idNumberProblem(id, today)).toBeUndefined();
      expect(IdNumber.parse(id)).toBe(id);
    },
  );

  it.each([
    ['310113198506120016', '居民身份证号码校验位错误'],
    ['110105194912310021', '居民身份证号码校验位错误'], // the correct check is X
    ['31011319850612001', '居民身份证号码应为 18 位，实际为 17 位'],
    ['3101131985061200155', '居民身份证号码应为 18 位，实际为 19 位'],
    ['31011319850612001Y', '居民身份证号码前 17 位应为数字，最后一位为数字或 X'],
    ['3101131985061200X5', '居民身份证号码前 17 位应为数字，最后一位为数字或 X'],
    ['31011319850230001X', '居民身份证号码中的出生日期 19850230 不是有效日期'],
    ['440304200102291236', '居民身份证号码中的出生日期 20010229 不是有效日期'], // 2001 is no leap year
    ['310113198513010015', '居民身份证号码中的出生日期 19851301 不是有效日期'],
    ['310113198506000015', '居民身份证号码中的出生日期 19850600 不是有效日期'],
    ['310113202507010010', '居民身份证号码中的出生日期 20250701 晚于今天'], // one day after "today"
  ])('rejects %s: %s', (id, message) => {
    // Given a malformed number
    // when it is checked on 2025-06-30
    // then the problem names what is wrong
    expect(idNumberProblem(id, today)).toBe(message);
  });

  it('accepts a person born today and computes the MOD 11-2 check', () => {
    // Given a number whose birth date is today
    // when it is checked
    // then it is valid; the check character follows ISO 7064 MOD 11-2
    expect(idNumberProblem('310113202506300015', today)).toBeUndefined();
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('31011319850612001')).toBe('5');
  });

  it('reads a final lower-case x as X and rejects a future birth date against the real today', () => {
    // Given a number with a lower-case x, and one born in the year 2999
    // when the schema parses them
    // then the first is normalized, the second rejected
    expect(IdNumber.parse('11010519491231002x')).toBe('11010519491231002X');
    const future = '31011329990101001';
    const result = IdNumber.safeParse(future + idNumberCheckChar(future));
    expect(result.error?.issues[0]?.message).toBe('居民身份证号码中的出生日期 29990101 晚于今天');
  });
});

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-1-31', false],
  ])('%s is a calendar date: %p', (s, expected) => {
    // Given a date string
    // when it is checked
    // then only real days pass
    expect(isCalendarDate(s)).toBe(expected);
  });

  it('takes today in China time', () => {
    // Given 2025-06-30 17:00 UTC, which is 2025-07-01 01:00 in Shanghai
    // when today is asked
    // then it is the Shanghai date
    expect(localToday(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
    expect(localToday(new Date('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
  });
});
