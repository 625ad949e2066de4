// Reads the text back out of a PDF that pdfkit wrote (tests of the certificate): each font's
// ToUnicode map turns the glyph codes of the page's TJ operators back into characters, so a test sees
// what a reader's "copy text" would give — and that the Chinese glyphs are really embedded.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const s = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = re.lastIndex;
    const endAt = s.indexOf('endobj', start);
    const streamAt = s.indexOf('stream', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = s.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? NaN);
      let dataStart = streamAt + 'stream'.length;
      if (s[dataStart] === '\r') dataStart += 1;
      if (s[dataStart] === '\n') dataStart += 1;
      let data: Buffer = pdf.subarray(dataStart, dataStart + length);
      if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
      found.set(Number(m[1]), { dict, stream: data });
      re.lastIndex = dataStart + length;
    } else {
      found.set(Number(m[1]), { dict: s.slice(start, endAt) });
      re.lastIndex = endAt === -1 ? s.length : endAt;
    }
  }
  return found;
}

const hexText = (hex: string) =>
  (hex.match(/[0-9a-fA-F]{4}/g) ?? []).map((h) => String.fromCharCode(parseInt(h, 16))).join('');

/** code → text of one ToUnicode CMap (bfrange with arrays or a start value, and bfchar). */
function cmapOf(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
    const re = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(block))) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        const values = m[3]!.match(/<([0-9a-fA-F]+)>/g) ?? [];
        values.forEach((v, i) => map.set(from + i, hexText(v.slice(1, -1))));
      } else {
        const base = parseInt(m[3]!.slice(1, -1), 16);
        for (let c = from; c <= to; c += 1) map.set(c, String.fromCharCode(base + c - from));
      }
    }
  }
  for (const block of cmap.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? []) {
    const re = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(block))) map.set(parseInt(m[1]!, 16), hexText(m[2]!));
  }
  return map;
}

/** The fonts a PDF embeds (BaseFont names) and whether each carries its font program. */
export function pdfFonts(pdf: Buffer): { baseFont: string; embedded: boolean }[] {
  const objs = objects(pdf);
  const fonts: { baseFont: string; embedded: boolean }[] = [];
  for (const o of objs.values()) {
    if (!/\/Type \/FontDescriptor/.test(o.dict)) continue;
    const name = /\/FontName \/([^\s/]+)/.exec(o.dict)?.[1] ?? '';
    fonts.push({ baseFont: name, embedded: /\/FontFile[23]? \d+ 0 R/.test(o.dict) });
  }
  return fonts;
}

/** Every text-showing operation of the PDF, decoded through its font's ToUnicode map, in order. */
export function pdfText(pdf: Buffer): string[] {
  const objs = objects(pdf);
  const fontMaps = new Map<string, Map<number, string>>();
  for (const o of objs.values()) {
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(o.dict)?.[1];
    if (!fontDict) continue;
    for (const [, name, ref] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const font = objs.get(Number(ref));
      const toUnicode = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict)?.[1];
      const cmap = toUnicode ? objs.get(Number(toUnicode))?.stream : undefined;
      if (cmap) fontMaps.set(name!, cmapOf(cmap.toString('latin1')));
    }
  }
  const lines: string[] = [];
  for (const o of objs.values()) {
    const content = o.stream?.toString('latin1');
    if (!content || !/\bTJ\b/.test(content) || !/\bTf\b/.test(content)) continue;
    let map: Map<number, string> | undefined;
    for (const [, font, array] of content.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:[^\]])*)\] TJ/g)) {
      if (font) {
        map = fontMaps.get(font);
        continue;
      }
      const codes = (array!.match(/<([0-9a-fA-F]*)>/g) ?? []).flatMap(
        (h) => h.slice(1, -1).match(/[0-9a-fA-F]{4}/g) ?? [],
      );
      lines.push(codes.map((c) => map?.get(parseInt(c, 16)) ?? '\uFFFD').join(''));
    }
  }
  return lines;
}
