import { inflateSync } from 'node:zlib';

const winAnsi = new TextDecoder('windows-1252');

/**
 * The text a PDF shows, one string per text-showing operator (a line of a paragraph, a table
 * cell), read from its compressed content streams the way a viewer reads them: every stream is
 * inflated, and the strings of each `TJ`/`Tj` are decoded from the standard fonts' Windows-1252.
 * Enough for the documents the service writes with the PDF standard fonts; not a general reader.
 */
export function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const shown: string[] = [];
  // A stream is the `/Length` bytes of its dictionary after `stream` and its end of line. Its
  // compressed bytes may themselves end in a carriage return, so `endstream` cannot say where
  // they end.
  const streams = /\/Length (\d+)(?!\s+\d+\s+R)[^]*?>>\s*stream\r?\n/g;
  for (const match of raw.matchAll(streams)) {
    const start = match.index + match[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, start + Number(match[1]))).toString('latin1');
    } catch {
      continue;
    }
    for (const operator of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = operator[1] !== undefined ? [...operator[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [operator[2]!];
      shown.push(hexes.map((hex) => winAnsi.decode(Buffer.from(hex, 'hex'))).join(''));
    }
  }
  return shown;
}

/** The PDF's shown text as one string, a line per operator. */
export function pdfTextOf(pdf: Buffer): string {
  return pdfText(pdf).join('\n');
}
