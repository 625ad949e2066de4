import type { AwardList } from './awards.js';
import {
  awardNamed,
  canonicalEvidenceType,
  isContact,
  ObjectionFields,
  objectorEmail,
  periodClosedMessage,
  publicityState,
  sniffEvidenceType,
  withoutAward,
} from './objections.js';

describe('objections (Art. 18 (7))', () => {
  it('knows pdf, jpeg and png by their first bytes, whatever the declared type', () => {
    expect(sniffEvidenceType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffEvidenceType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffEvidenceType(Buffer.from('<html>%PDF-'))).toBeUndefined();
    expect(sniffEvidenceType(Buffer.from('MZ\x90\x00'))).toBeUndefined();
    expect(sniffEvidenceType(Buffer.alloc(0))).toBeUndefined();
    expect(canonicalEvidenceType('image/JPG')).toBe('image/jpeg');
    expect(canonicalEvidenceType('application/pdf; charset=binary')).toBe('application/pdf');
    expect(canonicalEvidenceType('text/plain')).toBeUndefined();
  });

  it('takes objections from the first to the last day of the publicity period', () => {
    expect(publicityState('2025-11-30', '2025-12-01', '2025-12-05')).toBe('before');
    expect(publicityState('2025-12-01', '2025-12-01', '2025-12-05')).toBe('open');
    expect(publicityState('2025-12-05', '2025-12-01', '2025-12-05')).toBe('open');
    expect(publicityState('2025-12-06', '2025-12-01', '2025-12-05')).toBe('after');
    expect(periodClosedMessage('after', '2025-12-01', '2025-12-05')).toContain(
      '公示期为 2025-12-01 至 2025-12-05，已结束',
    );
    expect(periodClosedMessage('before', '2025-12-01', '2025-12-05')).toContain('尚未开始');
  });

  it('accepts a phone number or an e-mail as contact and answers by e-mail when it can', () => {
    expect(isContact('13812345678')).toBe(true);
    expect(isContact('+86 138 1234 5678')).toBe(true);
    expect(isContact('021-56781234')).toBe(true);
    expect(isContact('zhang@example.cn')).toBe(true);
    expect(isContact('随便写写')).toBe(false);
    expect(isContact('12345')).toBe(false);
    expect(objectorEmail({ contact: '13812345678' })).toBeUndefined();
    expect(objectorEmail({ contact: '13812345678', email: 'a@b.cn' })).toBe('a@b.cn');
    expect(objectorEmail({ contact: 'z@example.cn' })).toBe('z@example.cn');
  });

  it('validates the fields, keeps Chinese text intact and names each bad field', () => {
    const good = {
      cycle: 'cycle-2025',
      applicationId: 'app-1',
      name: '张三',
      contact: '13812345678',
      email: '',
      reason: '该单位近三年内发生过重大质量安全事故，不符合第十四条的规定。',
    };
    const parsed = ObjectionFields.parse(good);
    expect(parsed.reason).toBe(good.reason);
    expect(parsed.email).toBeUndefined();
    const bad = ObjectionFields.safeParse({
      ...good,
      cycle: '2025',
      contact: 'x',
      reason: '太短',
      email: 'no',
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['contact', 'cycle', 'email', 'reason']);
    expect(ObjectionFields.safeParse({ ...good, reason: '理'.repeat(5001) }).success).toBe(false);
  });

  it('finds the objected award by the list id or by the id without the cycle prefix', () => {
    const list = [{ applicationId: 'cycle-2025/D-002' }, { applicationId: 'plain-1' }];
    expect(awardNamed(list, 'cycle-2025', 'D-002')).toBe(list[0]);
    expect(awardNamed(list, 'cycle-2025', 'cycle-2025/D-002')).toBe(list[0]);
    expect(awardNamed(list, 'cycle-2025', 'plain-1')).toBe(list[1]);
    expect(awardNamed(list, 'cycle-2026', 'D-002')).toBeUndefined();
  });

  it('removes exactly the objected award from the list', () => {
    const list: AwardList = [
      {
        applicationId: 'a',
        category: 'model',
        awardClass: 'gold',
        applicantName: '甲',
        applicantKind: 'organization',
      },
      {
        applicationId: 'b',
        category: 'model',
        awardClass: 'gold',
        applicantName: '乙',
        applicantKind: 'organization',
      },
    ];
    expect(withoutAward(list, 'a')).toEqual({ awards: [list[1]], removed: true });
    expect(withoutAward(list, 'x')).toEqual({ awards: list, removed: false });
  });
});
