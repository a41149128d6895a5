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
  readonly margin = 50;

  constructor(options: { title: string; author: string; language: string; pageSize: 'LETTER' | 'A4'; createdAt: Date; t: Translate; brandColor?: string }) {
    this.doc = new PDFDocument({
      size: options.pageSize,
      margin: this.margin,
      bufferPages: true,
      lang: options.language,
      displayTitle: true,
      info: { Title: printable(options.title), Author: printable(options.author), Creator: 'Portico', CreationDate: options.createdAt },
    });
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

  /** The firm's logo (or its name) and address on the left; the document's title and number on the right. */
  header(firm: DocumentFirm, title: string, subtitle: string): void {
    const { doc, margin } = this;
    const top = margin;
    let left = top;
    let drewLogo = false;
    if (firm.logo) {
      try {
        doc.image(firm.logo, margin, top, { fit: [180, 56] });
        drewLogo = true;
        left = top + 60;
      } catch {
        // A PNG or JPEG the PDF library cannot read (an unusual colour type): the name instead.
      }
    }
    if (!drewLogo) {
      doc.font(BOLD).fontSize(16).fillColor(TEXT);
      doc.text(printable(firm.name), margin, top, { width: this.width * 0.55 });
      left = doc.y + 2;
    } else {
      doc
        .font(BOLD)
        .fontSize(10)
        .fillColor(TEXT)
        .text(printable(firm.name), margin, left, { width: this.width * 0.55 });
      left = doc.y;
    }
    if (firm.address.length) {
      doc
        .font(FONT)
        .fontSize(9)
        .fillColor(MUTED)
        .text(printable(firm.address.join('\n')), margin, left, { width: this.width * 0.55 });
      left = doc.y;
    }
    const rightX = margin + this.width * 0.55;
    const rightWidth = this.width * 0.45;
    doc.font(BOLD).fontSize(20).fillColor(this.#accent).text(printable(title), rightX, top, { width: rightWidth, align: 'right' });
    doc
      .font(FONT)
      .fontSize(11)
      .fillColor(TEXT)
      .text(printable(subtitle), rightX, doc.y + 2, { width: rightWidth, align: 'right' });
    const right = doc.y;
    doc.y = Math.max(left, right) + 14;
    this.rule(this.#accent, 1.5);
    doc.y += 14;
  }

  rule(color = RULE, width = 0.75): void {
    const { doc, margin } = this;
    doc
      .save()
      .moveTo(margin, doc.y)
      .lineTo(margin + this.width, doc.y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke()
      .restore();
  }

  /**
   * Two blocks side by side: a labelled party on the left ("Bill to", name, email) and label:value
   * facts on the right (number, dates, status).
   */
  partyAndFacts(party: { label: string; lines: string[] }, facts: Array<[string, string]>): void {
    const { doc, margin } = this;
    const top = doc.y;
    doc
      .font(BOLD)
      .fontSize(8)
      .fillColor(MUTED)
      .text(printable(party.label.toUpperCase()), margin, top, { width: this.width * 0.5, characterSpacing: 0.5 });
    const [first = '', ...rest] = party.lines;
    doc
      .font(BOLD)
      .fontSize(11)
      .fillColor(TEXT)
      .text(printable(first), margin, doc.y + 3, { width: this.width * 0.5 });
    if (rest.length)
      doc
        .font(FONT)
        .fontSize(10)
        .fillColor(TEXT)
        .text(printable(rest.join('\n')), { width: this.width * 0.5 });
    const leftBottom = doc.y;
    const labelX = margin + this.width * 0.55;
    const labelWidth = this.width * 0.2;
    const valueX = labelX + labelWidth;
    const valueWidth = this.width * 0.25;
    let y = top;
    for (const [label, value] of facts) {
      doc.font(FONT).fontSize(10).fillColor(MUTED).text(printable(label), labelX, y, { width: labelWidth });
      const labelBottom = doc.y;
      doc.font(BOLD).fontSize(10).fillColor(TEXT).text(printable(value), valueX, y, { width: valueWidth, align: 'right' });
      y = Math.max(labelBottom, doc.y) + 3;
    }
    doc.y = Math.max(leftBottom, y) + 18;
    doc.x = margin;
  }

  /** A section's heading, kept on one page with what follows it (a table's header and first row). */
  heading(text: string): void {
    this.ensureRoom(80);
    this.doc.font(BOLD).fontSize(12).fillColor(TEXT).text(printable(text), this.margin, this.doc.y, { width: this.width });
    this.doc.y += 6;
  }

  paragraph(text: string, options: { muted?: boolean; size?: number; bold?: boolean } = {}): void {
    const { doc } = this;
    doc.font(options.bold ? BOLD : FONT).fontSize(options.size ?? 10);
    const height = doc.heightOfString(printable(text), { width: this.width });
    this.ensureRoom(height);
    doc.fillColor(options.muted ? MUTED : TEXT).text(printable(text), this.margin, doc.y, { width: this.width });
    doc.y += 8;
  }

  /** A table whose rows wrap as their text needs, its header repeated on each new page. */
  table(columns: Column[], rows: string[][]): void {
    const { doc, margin } = this;
    const widths = columns.map((column) => column.share * this.width);
    const pad = 4;
    const drawHeader = () => {
      doc.font(BOLD).fontSize(9);
      const height = Math.max(...columns.map((column, index) => doc.heightOfString(printable(column.header), { width: widths[index]! - 2 * pad }))) + 10;
      const top = doc.y;
      doc.save().rect(margin, top, this.width, height).fill(BAND).restore();
      let x = margin;
      doc.fillColor(MUTED);
      columns.forEach((column, index) => {
        doc.text(printable(column.header), x + pad, top + 5, { width: widths[index]! - 2 * pad, align: column.align ?? 'left' });
        x += widths[index]!;
      });
      doc.y = top + height;
    };
    this.ensureRoom(50);
    drawHeader();
    doc.font(FONT).fontSize(10);
    for (const row of rows) {
      const height = Math.max(...row.map((cell, index) => doc.heightOfString(printable(cell), { width: widths[index]! - 2 * pad }))) + 2 * pad + 2;
      if (doc.y + height > this.#bottom) {
        doc.addPage();
        doc.y = margin;
        drawHeader();
        doc.font(FONT).fontSize(10);
      }
      const top = doc.y;
      let x = margin;
      doc.fillColor(TEXT);
      row.forEach((cell, index) => {
        doc.text(printable(cell), x + pad, top + pad + 1, { width: widths[index]! - 2 * pad, align: columns[index]!.align ?? 'left' });
        x += widths[index]!;
      });
      doc.y = top + height;
      this.rule();
    }
    doc.y += 12;
    doc.x = margin;
  }

  /** Label and amount rows against the right edge; `strong` rows in bold with a rule above. */
  totals(rows: Array<{ label: string; value: string; strong?: boolean }>): void {
    const { doc, margin } = this;
    const blockWidth = Math.min(300, this.width);
    const x = margin + this.width - blockWidth;
    this.ensureRoom(rows.length * 18 + 10);
    for (const row of rows) {
      doc.font(row.strong ? BOLD : FONT).fontSize(row.strong ? 11 : 10);
      if (row.strong) {
        doc
          .save()
          .moveTo(x, doc.y)
          .lineTo(x + blockWidth, doc.y)
          .lineWidth(0.75)
          .strokeColor(RULE)
          .stroke()
          .restore();
        doc.y += 4;
      }
      const top = doc.y;
      doc.fillColor(row.strong ? TEXT : MUTED).text(printable(row.label), x, top, { width: blockWidth * 0.6 });
      const labelBottom = doc.y;
      doc.fillColor(TEXT).text(printable(row.value), x + blockWidth * 0.6, top, { width: blockWidth * 0.4, align: 'right' });
      doc.y = Math.max(labelBottom, doc.y) + 4;
    }
    doc.y += 10;
    doc.x = margin;
  }

  /** Writes "Page n of m" at the foot of every page and returns the finished file. */
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
      doc.text(printable(footer), margin, y, { width: this.width / 2, lineBreak: false });
      doc.text(printable(this.#t('page.number', { page: index + 1, pages: range.count })), margin + this.width / 2, y, {
        width: this.width / 2,
        align: 'right',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottomMargin;
    }
    doc.end();
    return this.#done;
  }
}
