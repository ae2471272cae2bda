/**
 * A one-page PDF of text lines and boxes, written by hand: the recovery kit needs nothing
 * more, and a PDF library would be a large dependency for one page. The page uses the
 * standard Helvetica and Courier fonts (every PDF reader has them, nothing is embedded),
 * its content stream is uncompressed, and the cross-reference table gives each object's
 * byte offset, as PDF 1.4 (ISO 32000-1, 7.5) asks.
 */

export type PdfFont = 'regular' | 'bold' | 'mono';

export type PdfItem = { kind: 'text'; text: string; font: PdfFont; size: number; x: number; y: number } | { kind: 'box'; x: number; y: number; width: number; height: number };

/** A4 in points. */
export const PAGE = { width: 595, height: 842 } as const;

const FONTS: Record<PdfFont, { name: string; base: string }> = {
  regular: { name: 'F1', base: 'Helvetica' },
  bold: { name: 'F2', base: 'Helvetica-Bold' },
  mono: { name: 'F3', base: 'Courier-Bold' },
};

/**
 * A literal string in WinAnsiEncoding: \, ( and ) escaped, Latin-1 letters (é, ü) as octal
 * escapes, anything the standard fonts can't draw without an embedded font (other scripts) as "?".
 */
function literal(text: string): string {
  const escaped = [...text]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (c === '\\' || c === '(' || c === ')') return `\\${c}`;
      if (code >= 0x20 && code <= 0x7e) return c;
      if (code >= 0xa0 && code <= 0xff) return `\\${code.toString(8)}`;
      return '?';
    })
    .join('');
  return `(${escaped})`;
}

function contentOf(items: readonly PdfItem[]): string {
  return items
    .map((item) =>
      item.kind === 'text'
        ? `BT /${FONTS[item.font].name} ${item.size} Tf ${item.x} ${item.y} Td ${literal(item.text)} Tj ET`
        : `${item.x} ${item.y} ${item.width} ${item.height} re S`,
    )
    .join('\n');
}

export function pdfDocument(title: string, items: readonly PdfItem[]): Buffer {
  const content = contentOf(items);
  const fonts = Object.values(FONTS);
  const fontObjects = fonts.map(({ base }) => `<< /Type /Font /Subtype /Type1 /BaseFont /${base}${base === 'Courier-Bold' ? '' : ' /Encoding /WinAnsiEncoding'} >>`);
  const firstFont = 4;
  const contentsId = firstFont + fonts.length;
  const infoId = contentsId + 1;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << ${fonts
      .map(({ name }, i) => `/${name} ${firstFont + i} 0 R`)
      .join(' ')} >> >> /Contents ${contentsId} 0 R >>`,
    ...fontObjects,
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Title ${literal(title)} /Producer (Keyflow) >>`,
  ];

  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
