package cn.gov.baoshan.qualityaward.engine.guard;

/**
 * Check characters of 统一社会信用代码 (GB 32100-2015, with the GB 11714 organization code) and
 * 居民身份证号码 (GB 11643): the same rules as domain/identifiers.ts, for forms submitted to the engine.
 */
final class Identifiers {
  private static final String CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
  private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String ID_CHECK = "10X98765432";

  private Identifiers() {}

  /** Why value is not a valid 统一社会信用代码 (Chinese), or null. */
  static String creditCodeProblem(String value) {
    if (value.length() != 18) return "统一社会信用代码应为 18 位，实际为 " + value.length() + " 位";
    for (char c : value.toCharArray())
      if (CREDIT_CHARSET.indexOf(c) < 0) return "统一社会信用代码含有不允许的字符“" + c + "”（不使用 I、O、Z、S、V）";
    if (!value.substring(2, 8).matches("\\d{6}")) return "统一社会信用代码第 3–8 位应为行政区划码（数字）";
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char c = value.charAt(8 + i);
      int v = c >= '0' && c <= '9' ? c - '0' : c - 55;
      sum += v * ORG_WEIGHTS[i];
    }
    int org = 11 - (sum % 11);
    char orgCheck = org == 10 ? 'X' : org == 11 ? '0' : (char) ('0' + org);
    if (orgCheck != value.charAt(16)) return "统一社会信用代码第 9–17 位的组织机构代码校验位错误";
    sum = 0;
    int weight = 1;
    for (int i = 0; i < 17; i++) {
      sum += CREDIT_CHARSET.indexOf(value.charAt(i)) * weight;
      weight = (weight * 3) % 31;
    }
    if (CREDIT_CHARSET.charAt((31 - (sum % 31)) % 31) != value.charAt(17)) return "统一社会信用代码校验位错误";
    return null;
  }

  /** Why value is not a valid 居民身份证号码 (Chinese), or null. */
  static String idNumberProblem(String value) {
    if (value.length() != 18) return "居民身份证号码应为 18 位，实际为 " + value.length() + " 位";
    if (!value.matches("\\d{17}[\\dX]")) return "居民身份证号码前 17 位应为数字，最后一位为数字或 X";
    int sum = 0;
    for (int i = 0; i < 17; i++) sum += (value.charAt(i) - '0') * ID_WEIGHTS[i];
    if (ID_CHECK.charAt(sum % 11) != value.charAt(17)) return "居民身份证号码校验位错误";
    return null;
  }
}
