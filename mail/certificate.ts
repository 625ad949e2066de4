// Art. 19: the award certificate (证书，标明获奖年度) as a PDF in Chinese, attached to the winner's e-mail.
// pdfkit's built-in fonts have no Chinese glyphs: the certificate embeds Noto Sans SC (Noto Sans Hans,
// SIL Open Font License 1.1) from the @embedpdf/fonts-sc package, found by path under node_modules.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { AwardEntry } from '../domain/awards.js';
import { certificateText, type Announcement } from '../domain/certificate.js';

const require = createRequire(import.meta.url);

/** The Simplified Chinese font file the certificate embeds (a subset of the glyphs it uses). */
export function chineseFontPath(weight: 'Regular' | 'Bold' = 'Regular'): string {
  // The package exports only its index (dist/); the fonts sit beside dist/ in fonts/.
  const index = require.resolve('@embedpdf/fonts-sc');
  return path.join(path.dirname(index), '..', 'fonts', `NotoSansHans-${weight}.otf`);
}

export interface Certificate {
  fileName: string;
  content: Buffer;
  sha256: string;
}

/** Renders one winner's certificate: A4 landscape, Chinese text, the award year and the document number. */
export async function renderCertificate(
  award: AwardEntry,
  announcement: Announcement,
  opts: { compress?: boolean } = {},
): Promise<Certificate> {
  const text = certificateText(award, announcement);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    compress: opts.compress ?? true,
    lang: 'zh-CN',
    info: {
      Title: `${text.awardLine} 证书`,
      Author: text.issuer,
      Subject: `${text.recipient} ${text.awardLine}`,
      // A fixed date makes the same certificate byte for byte on a redelivered task.
      CreationDate: new Date(`${announcement.documentDate}T00:00:00+08:00`),
      ModDate: new Date(`${announcement.documentDate}T00:00:00+08:00`),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('zh', chineseFontPath('Regular'));
  doc.registerFont('zh-bold', chineseFontPath('Bold'));

  const { width, height } = doc.page;
  const inner = width - 2 * 56;
  doc
    .lineWidth(3)
    .strokeColor('#b8860b')
    .rect(28, 28, width - 56, height - 56)
    .stroke();
  doc
    .lineWidth(1)
    .rect(38, 38, width - 76, height - 76)
    .stroke();

  // Flowing text: a long name wraps and pushes the lines below instead of overlapping them.
  const line = (content: string, font: string, size: number, color: string, gapAfter: number) => {
    doc
      .fillColor(color)
      .font(font)
      .fontSize(size)
      .text(content, 56, undefined, { width: inner, align: 'center' });
    doc.moveDown(gapAfter);
  };
  doc.y = 90;
  line(text.heading, 'zh-bold', 44, '#8b0000', 0.8);
  line(text.recipient, 'zh-bold', 26, '#000000', 0.6);
  line(text.body, 'zh', 18, '#000000', 0.4);
  line(text.awardLine, 'zh-bold', 26, '#8b0000', 0);
  doc.fillColor('#000000').font('zh').fontSize(16);
  doc.text(text.issuer, 56, height - 170, { width: inner - 40, align: 'right' });
  doc.text(text.date, 56, height - 140, { width: inner - 40, align: 'right' });
  doc
    .fontSize(11)
    .fillColor('#444444')
    .text(text.documentLine, 76, height - 90, { width: inner });
  doc.end();

  const content = await done;
  return {
    // An application id may be a business key (`cycle-2025/A-001`): no path separators in a file name.
    fileName: `${announcement.year}年度区政府质量奖证书-${award.applicationId.replace(/[\\/:*?"<>|\s]+/g, '-')}.pdf`,
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}
