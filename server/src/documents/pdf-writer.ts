import PDFDocument from 'pdfkit';
import { contrastRatio, minimumContrast, parseHexColor } from '../color.ts';
import type { LogoImage } from './firm-logos.ts';
import type { Translate } from '../i18n/index.ts';

const TEXT = '#1f2937';
const MUTED = '#4b5563';
const RULE = '#d1d5db';
const BAND = '#f3f4f6';
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

declare global {
  namespace PDFKit.Mixins {
    // What the PDF library does and its published types do not say yet.
    interface StructureElementOptions {
      /** A table header cell's direction: the cells of its column or of its row. */
      scope?: 'Column' | 'Row';
      /** The element's box on its page, [left, top, right, bottom] from the top-left corner. */
      bbox?: [number, number, number, number];
    }
    interface PDFImage {
      openImage(src: ImageSrc): OpenedImage;
      image(src: OpenedImage, x?: number, y?: number, options?: ImageOption): this;
    }
  }
}

/** An image read and checked before anything of it is drawn. */
interface OpenedImage {
  width: number;
  height: number;
  embed(doc: PDFKit.PDFDocument): void;
}

type Structure = PDFKit.PDFStructureElement;

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => xmlEscapes[c]!);

/** What every document's header shows of the firm. */
export interface DocumentFirm {
  name: string;
  /** The firm's postal address, one line each. */
  address: string[];
  logo: LogoImage | undefined;
  brandColor: string | undefined;
}

export interface Column {
  header: string;
  /** A share of the page's width; the shares of a table add up to 1. */
  share: number;
  align?: 'left' | 'right';
}

/**
 * The standard PDF fonts cover Windows-1252 only: spaces Intl puts in some formats (narrow and
 * thin no-break spaces) become plain ones, and what the fonts cannot show becomes "?", rather
 * than a wrong glyph.
 */
export function printable(text: string): string {
  return text
    .replace(/[\u202f\u2009\u2007]/g, ' ')
    .replace(/\u2212/g, '-')
    .replace(
      /[^\n\t\x20-\x7e\xa0-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u00d7]/g,
      '?',
    );
}

/**
 * A document being laid out: one column of blocks from top to bottom, a new page whenever the
 * next block does not fit, and "Page n of m" on every page at the end.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly #chunks: Buffer[] = [];
  readonly #done: Promise<Buffer>;
  readonly #t: Translate;
  readonly #accent: string;
  /** The structure tree's root: what a screen reader reads, in reading order. */
  readonly #document: Structure;
  readonly margin = 50;

  constructor(options: { title: string; author: string; language: string; pageSize: 'LETTER' | 'A4'; createdAt: Date; t: Translate; brandColor?: string }) {
    this.doc = new PDFDocument({
      size: options.pageSize,
      margin: this.margin,
      bufferPages: true,
      // A tagged PDF (PDF/UA-minded): a structure tree in reading order, the language and the title.
      pdfVersion: '1.7',
      tagged: true,
      lang: options.language,
      displayTitle: true,
      info: { Title: printable(options.title), Author: printable(options.author), Creator: 'Portico', CreationDate: options.createdAt },
    });
    this.#escapeMetadata([printable(options.title), printable(options.author)]);
    this.#document = this.doc.struct('Document');
    this.doc.addStructure(this.#document);
    this.#t = options.t;
    const brand = parseHexColor(options.brandColor);
    // The brand colour draws rules and the title only where it reads on white (WCAG AA).
    this.#accent = brand && contrastRatio(brand, '#ffffff') >= minimumContrast ? brand : TEXT;
    this.doc.on('data', (chunk: Buffer) => this.#chunks.push(chunk));
    this.#done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.#chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font(FONT).fillColor(TEXT);
  }

  get width(): number {
    return this.doc.page.width - 2 * this.margin;
  }

  get #bottom(): number {
    return this.doc.page.height - this.margin - 20;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureRoom(height: number): void {
    if (this.doc.y + height > this.#bottom) {
      this.doc.addPage();
      this.doc.y = this.margin;
    }
  }

  /**
   * Draws what `draw` draws as one element of the structure tree (a heading, a paragraph, a cell),
   * under `parent`: the document unless it is part of a table.
   */
  #tag(type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}, parent: Structure = this.#document): void {
    parent.add(this.doc.struct(type, options, draw));
  }

  /**
   * Text of one or more lines, each line a paragraph of its own in the structure: read aloud as one,
   * the last word of a line (an address's street) would run into the first of the next.
   */
  #lines(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions): void {
    const { doc } = this;
    doc.y = y;
    for (const line of printable(text).split('\n')) {
      if (line) this.#tag('P', () => doc.text(line, x, doc.y, options));
      else doc.moveDown();
    }
  }

  /** An element that holds others (a table, a row), in the tree before its children are drawn. */
  #group(type: string, parent: Structure = this.#document): Structure {
    const group = this.doc.struct(type);
    parent.add(group);
    return group;
  }

  /** Draws decoration (rules, shading, the page's footer) outside the structure: screen readers skip it. */
  #artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  /**
   * The PDF library writes the title and author into the XMP metadata unescaped: a firm named
   * "Hale & Whitmore" would leave that XML unreadable. They are escaped on their way in.
   */
  #escapeMetadata(values: string[]): void {
    const { doc } = this;
    const append = doc.appendXML.bind(doc);
    doc.appendXML = (xml: string, newLine?: boolean) => {
      let escaped = xml;
      for (const value of values) escaped = escaped.split(`>${value}</rdf:li>`).join(`>${escapeXml(value)}</rdf:li>`);
      append(escaped, newLine);
    };
  }

  /**
   * The firm's logo, read before anything of it is drawn: a PNG or JPEG the PDF library cannot
   * read (an unusual colour type) gives the firm's name instead, with no half-drawn figure.
   */
  #openLogo(logo: LogoImage | undefined): OpenedImage | undefined {
    if (!logo) return undefined;
    try {
      const image = this.doc.openImage(logo);
      image.embed(this.doc);
      return image;
    } catch {
      return undefined;
    }
  }

  /** The firm's logo (or its name) and address on the left; the document's title and number on the right. */
  header(firm: DocumentFirm, title: string, subtitle: string): void {
    const { doc, margin } = this;
    const top = margin;
    let left: number;
    const logo = this.#openLogo(firm.logo);
    if (logo) {
      const scale = Math.min(180 / logo.width, 56 / logo.height);
      const bbox: [number, number, number, number] = [margin, top, margin + logo.width * scale, top + logo.height * scale];
      this.#tag('Figure', () => doc.image(logo, margin, top, { fit: [180, 56] }), { alt: firm.name, bbox });
      this.#tag('P', () =>
        doc
          .font(BOLD)
          .fontSize(10)
          .fillColor(TEXT)
          .text(printable(firm.name), margin, top + 60, { width: this.width * 0.55 }),
      );
      left = doc.y;
    } else {
      this.#tag('P', () =>
        doc
          .font(BOLD)
          .fontSize(16)
          .fillColor(TEXT)
          .text(printable(firm.name), margin, top, { width: this.width * 0.55 }),
      );
      left = doc.y + 2;
    }
    if (firm.address.length) {
      doc.font(FONT).fontSize(9).fillColor(MUTED);
      this.#lines(firm.address.join('\n'), margin, left, { width: this.width * 0.55 });
      left = doc.y;
    }
    const rightX = margin + this.width * 0.55;
    const rightWidth = this.width * 0.45;
    this.#tag('H1', () => doc.font(BOLD).fontSize(20).fillColor(this.#accent).text(printable(title), rightX, top, { width: rightWidth, align: 'right' }));
    this.#tag('P', () =>
      doc
        .font(FONT)
        .fontSize(11)
        .fillColor(TEXT)
        .text(printable(subtitle), rightX, doc.y + 2, { width: rightWidth, align: 'right' }),
    );
    const right = doc.y;
    doc.y = Math.max(left, right) + 14;
    this.rule(this.#accent, 1.5);
    doc.y += 14;
  }

  /** A rule across the page: decoration, outside the structure. */
  rule(color = RULE, width = 0.75): void {
    const { doc, margin } = this;
    this.#artifact(() =>
      doc
        .save()
        .moveTo(margin, doc.y)
        .lineTo(margin + this.width, doc.y)
        .lineWidth(width)
        .strokeColor(color)
        .stroke()
        .restore(),
    );
  }

  /**
   * Two blocks side by side: a labelled party on the left ("Bill to", name, email) and label:value
   * facts on the right (number, dates, status), read as a table of row headers and values.
   */
  partyAndFacts(party: { label: string; lines: string[] }, facts: Array<[string, string]>): void {
    const { doc, margin } = this;
    const top = doc.y;
    this.#tag('P', () =>
      doc
        .font(BOLD)
        .fontSize(8)
        .fillColor(MUTED)
        .text(printable(party.label.toUpperCase()), margin, top, { width: this.width * 0.5, characterSpacing: 0.5 }),
    );
    const [first = '', ...rest] = party.lines;
    this.#tag('P', () =>
      doc
        .font(BOLD)
        .fontSize(11)
        .fillColor(TEXT)
        .text(printable(first), margin, doc.y + 3, { width: this.width * 0.5 }),
    );
    if (rest.length) {
      doc.font(FONT).fontSize(10).fillColor(TEXT);
      this.#lines(rest.join('\n'), margin, doc.y, { width: this.width * 0.5 });
    }
    const leftBottom = doc.y;
    const labelX = margin + this.width * 0.55;
    const labelWidth = this.width * 0.2;
    const valueX = labelX + labelWidth;
    const valueWidth = this.width * 0.25;
    let y = top;
    const table = this.#group('Table');
    for (const [label, value] of facts) {
      const row = this.#group('TR', table);
      this.#tag('TH', () => doc.font(FONT).fontSize(10).fillColor(MUTED).text(printable(label), labelX, y, { width: labelWidth }), { scope: 'Row' }, row);
      const labelBottom = doc.y;
      this.#tag('TD', () => doc.font(BOLD).fontSize(10).fillColor(TEXT).text(printable(value), valueX, y, { width: valueWidth, align: 'right' }), {}, row);
      row.end();
      y = Math.max(labelBottom, doc.y) + 3;
    }
    table.end();
    doc.y = Math.max(leftBottom, y) + 18;
    doc.x = margin;
  }

  /** A section's heading, kept on one page with what follows it (a table's header and first row). */
  heading(text: string): void {
    this.ensureRoom(80);
    this.#tag('H2', () => this.doc.font(BOLD).fontSize(12).fillColor(TEXT).text(printable(text), this.margin, this.doc.y, { width: this.width }));
    this.doc.y += 6;
  }

  paragraph(text: string, options: { muted?: boolean; size?: number; bold?: boolean } = {}): void {
    const { doc } = this;
    doc.font(options.bold ? BOLD : FONT).fontSize(options.size ?? 10);
    const height = doc.heightOfString(printable(text), { width: this.width });
    this.ensureRoom(height);
    doc.fillColor(options.muted ? MUTED : TEXT);
    this.#lines(text, this.margin, doc.y, { width: this.width });
    doc.y += 8;
  }

  /**
   * A table whose rows wrap as their text needs, its header repeated on each new page. Its header
   * cells are column headers; the header repeated on a following page is for the eye only.
   */
  table(columns: Column[], rows: string[][]): void {
    const { doc, margin } = this;
    const widths = columns.map((column) => column.share * this.width);
    const pad = 4;
    const drawHeader = (row: Structure | undefined) => {
      doc.font(BOLD).fontSize(9);
      const height = Math.max(...columns.map((column, index) => doc.heightOfString(printable(column.header), { width: widths[index]! - 2 * pad }))) + 10;
      const top = doc.y;
      this.#artifact(() => doc.save().rect(margin, top, this.width, height).fill(BAND).restore());
      let x = margin;
      columns.forEach((column, index) => {
        const cellX = x;
        const draw = () =>
          doc.fillColor(MUTED).text(printable(column.header), cellX + pad, top + 5, { width: widths[index]! - 2 * pad, align: column.align ?? 'left' });
        if (row) this.#tag('TH', draw, { scope: 'Column' }, row);
        else this.#artifact(draw, 'Pagination');
        x += widths[index]!;
      });
      doc.y = top + height;
    };
    this.ensureRoom(50);
    const table = this.#group('Table');
    const head = this.#group('THead', table);
    const headRow = this.#group('TR', head);
    drawHeader(headRow);
    headRow.end();
    head.end();
    const body = this.#group('TBody', table);
    doc.font(FONT).fontSize(10);
    for (const row of rows) {
      const height = Math.max(...row.map((cell, index) => doc.heightOfString(printable(cell), { width: widths[index]! - 2 * pad }))) + 2 * pad + 2;
      if (doc.y + height > this.#bottom) {
        doc.addPage();
        doc.y = margin;
        drawHeader(undefined);
        doc.font(FONT).fontSize(10);
      }
      const top = doc.y;
      let x = margin;
      const tableRow = this.#group('TR', body);
      row.forEach((cell, index) => {
        const cellX = x;
        this.#tag(
          'TD',
          () =>
            doc.fillColor(TEXT).text(printable(cell), cellX + pad, top + pad + 1, { width: widths[index]! - 2 * pad, align: columns[index]!.align ?? 'left' }),
          {},
          tableRow,
        );
        x += widths[index]!;
      });
      tableRow.end();
      doc.y = top + height;
      this.rule();
    }
    body.end();
    table.end();
    doc.y += 12;
    doc.x = margin;
  }

  /**
   * Label and amount rows against the right edge; `strong` rows in bold with a rule above. Read as
   * a table: each label heads its row.
   */
  totals(rows: Array<{ label: string; value: string; strong?: boolean }>): void {
    const { doc, margin } = this;
    const blockWidth = Math.min(300, this.width);
    const x = margin + this.width - blockWidth;
    this.ensureRoom(rows.length * 18 + 10);
    const table = this.#group('Table');
    for (const row of rows) {
      doc.font(row.strong ? BOLD : FONT).fontSize(row.strong ? 11 : 10);
      if (row.strong) {
        this.#artifact(() =>
          doc
            .save()
            .moveTo(x, doc.y)
            .lineTo(x + blockWidth, doc.y)
            .lineWidth(0.75)
            .strokeColor(RULE)
            .stroke()
            .restore(),
        );
        doc.y += 4;
      }
      const top = doc.y;
      const tableRow = this.#group('TR', table);
      this.#tag(
        'TH',
        () => doc.fillColor(row.strong ? TEXT : MUTED).text(printable(row.label), x, top, { width: blockWidth * 0.6 }),
        { scope: 'Row' },
        tableRow,
      );
      const labelBottom = doc.y;
      this.#tag(
        'TD',
        () => doc.fillColor(TEXT).text(printable(row.value), x + blockWidth * 0.6, top, { width: blockWidth * 0.4, align: 'right' }),
        {},
        tableRow,
      );
      tableRow.end();
      doc.y = Math.max(labelBottom, doc.y) + 4;
    }
    table.end();
    doc.y += 10;
    doc.x = margin;
  }

  /** Writes "Page n of m" at the foot of every page (page furniture, outside the structure) and returns the finished file. */
  async finish(footer: string): Promise<Buffer> {
    const { doc, margin } = this;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      doc.switchToPage(index);
      // Writing below the bottom margin would start a new page: the footer lives in the margin.
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - margin + 10;
      doc.font(FONT).fontSize(8).fillColor(MUTED);
      this.#artifact(() => {
        doc.text(printable(footer), margin, y, { width: this.width / 2, lineBreak: false });
        doc.text(printable(this.#t('page.number', { page: index + 1, pages: range.count })), margin + this.width / 2, y, {
          width: this.width / 2,
          align: 'right',
          lineBreak: false,
        });
      }, 'Pagination');
      doc.page.margins.bottom = bottomMargin;
    }
    this.#document.end();
    doc.end();
    return this.#done;
  }
}
