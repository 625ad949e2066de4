import { canonicalFileType, DOCX, sniffFileType } from './file-types.js';

describe('file types recognised by their bytes', () => {
  it('knows PDF, JPEG, PNG and a Word archive, and nothing else', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    const zip = (names: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(names)]);
    expect(sniffFileType(zip('[Content_Types].xml word/document.xml'))).toBe(DOCX);
    // a ZIP that is not a Word document (e.g. a spreadsheet or any archive) is refused
    expect(sniffFileType(zip('[Content_Types].xml xl/workbook.xml'))).toBeUndefined();
    expect(sniffFileType(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffFileType(Buffer.from('%PD'))).toBeUndefined();
  });

  it('reads declared types under their canonical name', () => {
    expect(canonicalFileType('image/jpg')).toBe('image/jpeg');
    expect(canonicalFileType('application/pdf; charset=binary')).toBe('application/pdf');
    expect(canonicalFileType('text/html')).toBeUndefined();
  });
});
