import { EDITION_2023 } from '../config/test-editions.js';
import type { AwardEntry } from './awards.js';
import {
  awardTitle,
  certificateText,
  holderOf,
  prizeAboveCap,
  winnerMail,
  winnersText,
} from './certificate.js';

const ann = { year: '2025', documentNumber: '宝府〔2025〕18号', documentDate: '2025-12-08' };
const org: AwardEntry = {
  applicationId: 'app-1',
  category: 'model',
  awardClass: 'gold',
  prize: 100000,
  applicantName: '上海宝山精密制造有限公司',
  applicantKind: 'organization',
  creditCode: '91310113MA1GKQ0A5Q',
  rank: 2,
};
const person: AwardEntry = {
  applicationId: 'app-2',
  category: 'achievement',
  awardClass: 'district-head',
  prize: 20000,
  applicantName: '李四',
  applicantKind: 'individual',
  idNumber: '11010519491231002X',
};

describe('recording the announced awards (Art. 18 (8), 19, 21)', () => {
  it('names the award as the registry and the certificate do', () => {
    expect(awardTitle('district-head', 'model')).toBe('宝山区区长质量奖（先进质量管理模式）');
    expect(awardTitle('gold', 'achievement')).toBe('宝山区质量金奖（先进质量管理成果）');
  });

  it('re-checks each prize against its Art. 19 cap', () => {
    expect(prizeAboveCap(org, EDITION_2023.prizeCaps)).toBeUndefined();
    expect(prizeAboveCap({ ...org, prize: 100001 }, EDITION_2023.prizeCaps)).toEqual({ cap: 100000 });
    expect(prizeAboveCap({ ...person, prize: 20001 }, EDITION_2023.prizeCaps)).toEqual({ cap: 20000 });
    expect(prizeAboveCap({ ...person, prize: undefined }, EDITION_2023.prizeCaps)).toBeUndefined();
  });

  it('finds the holder by credit code or id number, or none', () => {
    expect(holderOf(org)).toEqual({ creditCode: org.creditCode });
    expect(holderOf(person)).toEqual({ idNumber: person.idNumber });
    expect(holderOf({ ...org, creditCode: undefined })).toBeUndefined();
  });

  it('marks the certificate and the e-mail with the award year and the document', () => {
    const text = certificateText(person, ann);
    expect(text.awardLine).toBe('2025年度宝山区区长质量奖（先进质量管理成果）');
    expect(text.body).toContain('同志');
    expect(certificateText(org, ann).body).toContain('单位');
    expect(text.date).toBe('2025年12月8日');
    const mail = winnerMail(org, ann);
    expect(mail.subject).toBe('获奖通知：2025年度宝山区质量金奖（先进质量管理模式）');
    expect(mail.text).toContain('宝府〔2025〕18号');
    expect(mail.text).toContain('100,000 元');
  });

  it('lists the winners district-head first for the Art. 21 recommendation', () => {
    const text = winnersText([org, person], ann);
    expect(text).toContain('第二十一条');
    const lines = text.split('\n').slice(1);
    expect(lines).toEqual([
      '1. 李四（app-2）：宝山区区长质量奖（先进质量管理成果）',
      '2. 上海宝山精密制造有限公司（app-1）：宝山区质量金奖（先进质量管理模式）',
    ]);
    expect(winnersText([], ann)).toContain('无获奖者');
  });
});
