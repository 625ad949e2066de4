import type { AwardEntry } from '../domain/awards.js';
import { renderCertificate } from './certificate.js';
import { pdfFonts, pdfText } from './pdf-text.js';

const award: AwardEntry = {
  applicationId: 'app-7',
  category: 'model',
  awardClass: 'district-head',
  prize: 500000,
  applicantName: '上海宝山精密制造有限公司',
  applicantKind: 'organization',
  creditCode: '91310113MA1GKQ0A5Q',
};
const announcement = { year: '2025', documentNumber: '宝府〔2025〕18号', documentDate: '2025-12-08' };

// Art. 19: a certificate marked with the award year, in Chinese, with the glyphs embedded.
describe('award certificate PDF (Art. 19)', () => {
  it.each([true, false])(
    'renders the Chinese text readable back from the PDF (compressed: %s)',
    async (compress) => {
      // When the certificate is rendered
      const cert = await renderCertificate(award, announcement, { compress });
      // Then it is a PDF whose embedded Chinese font maps back to the certificate's text
      expect(cert.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const fonts = pdfFonts(cert.content);
      expect(fonts.length).toBeGreaterThanOrEqual(1);
      expect(fonts.every((f) => f.embedded && /NotoSansHans/.test(f.baseFont))).toBe(true);
      const text = pdfText(cert.content).join('');
      expect(text).toContain('荣 誉 证 书');
      expect(text).toContain('上海宝山精密制造有限公司');
      expect(text).toContain('2025年度宝山区区长质量奖（先进质量管理模式）');
      expect(text).toContain('2025年12月8日');
      expect(text).toContain('宝府〔2025〕18号');
      expect(text).not.toContain('\uFFFD');
      expect(cert.fileName).toBe('2025年度区政府质量奖证书-app-7.pdf');
    },
  );

  it('is the same document on a second rendering (a redelivered task attaches the same file)', async () => {
    const a = await renderCertificate(award, announcement);
    const b = await renderCertificate(award, announcement);
    expect(a.sha256).toBe(b.sha256);
    const other = await renderCertificate(
      { ...award, applicantName: '上海月浦新材料有限公司' },
      announcement,
    );
    expect(other.sha256).not.toBe(a.sha256);
    expect(pdfText(other.content).join('')).toContain('上海月浦新材料有限公司');
  });

  it('keeps a long winner name on the one page, wrapped, with every line after it', async () => {
    const keyed = await renderCertificate({ ...award, applicationId: 'cycle-2025/D-002' }, announcement);
    expect(keyed.fileName).toBe('2025年度区政府质量奖证书-cycle-2025-D-002.pdf');
    const long = '上海宝山精密制造（集团）股份有限公司宝山分公司第一制造事业部先进质量管理示范中心';
    const cert = await renderCertificate({ ...award, applicantName: long }, announcement);
    expect(cert.content.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    const text = pdfText(cert.content).join('');
    expect(text).toContain('2025年度宝山区区长质量奖（先进质量管理模式）');
    expect(text.indexOf('先进质量管理示范中心')).toBeLessThan(text.indexOf('2025年度宝山区区长质量奖'));
  });
});
