import { RecordOfficeRecusalInput } from './index.js';

describe('record-office-recusal input (Art. 26)', () => {
  const messages = (value: unknown) => {
    const parsed = RecordOfficeRecusalInput.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  };

  it('takes a clerk and their reason', () => {
    expect(messages({ officeRecusalBy: 'clerk-a', officeRecusalReason: '配偶在该公司任职。' })).toEqual([]);
  });

  it('names the field and Art. 26 when the reason is missing or too short', () => {
    expect(messages({ officeRecusalBy: 'clerk-a' })).toEqual([
      '请写明与申报者的利害关系（officeRecusalReason，第二十六条）',
    ]);
    expect(messages({ officeRecusalBy: 'clerk-a', officeRecusalReason: ' 是 ' })).toEqual([
      '请写明与申报者的利害关系（officeRecusalReason，第二十六条）',
    ]);
  });

  it('refuses a declaration without the clerk who made it', () => {
    expect(messages({ officeRecusalBy: '', officeRecusalReason: '配偶在该公司任职。' })).toEqual([
      '缺少申请回避的工作人员（officeRecusalBy）',
    ]);
  });
});
