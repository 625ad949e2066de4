// Uploaded files recognised by their bytes, never by their name or declared type (issue 14, objections).

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const JPEG = 'image/jpeg';
export const PNG = 'image/png';

/** Every type a file upload of the product may carry. */
export const FILE_TYPES = [PDF, DOCX, JPEG, PNG] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** What people call each type, in messages. */
export const FILE_TYPE_NAMES: Record<FileType, string> = {
  [PDF]: 'PDF',
  [DOCX]: 'DOCX',
  [JPEG]: 'JPEG',
  [PNG]: 'PNG',
};

/** The extension a downloaded copy gets, whatever name it was uploaded with. */
export const FILE_EXTENSIONS: Record<FileType, string> = {
  [PDF]: '.pdf',
  [DOCX]: '.docx',
  [JPEG]: '.jpg',
  [PNG]: '.png',
};

const startsWith = (content: Uint8Array, bytes: readonly number[]) =>
  content.length >= bytes.length && bytes.every((b, i) => content[i] === b);

/** True when a ZIP (Office Open XML) archive names a Word document part. */
function isWordArchive(content: Uint8Array): boolean {
  if (!startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return false;
  // The part names are plain ASCII in the local file headers; a .docx has [Content_Types].xml and word/.
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
  return text.includes('[Content_Types].xml') && text.includes('word/');
}

/** The type a file's bytes show (PDF, DOCX, JPEG, PNG), or undefined for anything else. */
export function sniffFileType(content: Uint8Array): FileType | undefined {
  if (startsWith(content, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(content, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (isWordArchive(content)) return DOCX;
  return undefined;
}

/** A declared type under its canonical name (image/jpg is a common misspelling), or undefined. */
export function canonicalFileType(declared: string): FileType | undefined {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  if (type === 'image/jpg' || type === 'image/pjpeg') return JPEG;
  return (FILE_TYPES as readonly string[]).includes(type) ? (type as FileType) : undefined;
}
