import { formatCalendarDate, formatMoney } from '../money.ts';
import { dateTimeFormat } from '../intl-formats.ts';
import { invoiceAdjustments, type InvoicesService } from '../invoices/index.ts';
import { methodLabel, type PaymentsService } from '../payments/index.ts';
import { isStringKey, translator, type ReaderLocale, type Translate } from '../i18n/index.ts';
import { PdfWriter, type DocumentFirm } from './pdf-writer.ts';

export type InvoiceDetail = Awaited<ReturnType<InvoicesService['getForClient']>>;
export type Payment = Awaited<ReturnType<PaymentsService['getForClient']>>;
type Line = InvoiceDetail['lines'][number];

/** What every document knows besides its subject: who it is from and to, in which language, when. */
export interface DocumentContext {
  firm: DocumentFirm & { portalUrl?: string; timeZone: string };
  client: { name: string; email: string };
  locale: ReaderLocale;
  createdAt: Date;
}

function formats(context: DocumentContext, currency: string) {
  const { locale } = context.locale;
  return {
    t: translator(context.locale.language),
    money: (amount: number) => formatMoney(amount, currency, locale),
    day: (date: string) => formatCalendarDate(date.slice(0, 10), locale),
    /** A calendar date in a table's narrow column: "Feb 10, 2026". */
    shortDay: (date: string) => dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`)),
    /** An instant as the calendar day it was in the firm's time zone, in a table's narrow column. */
    shortInstant: (iso: string) => dateTimeFormat(locale, { dateStyle: 'medium', timeZone: context.firm.timeZone }).format(new Date(iso)),
    /** An instant as the calendar day it was in the firm's time zone. */
    instant: (iso: string) => dateTimeFormat(locale, { dateStyle: 'long', timeZone: context.firm.timeZone }).format(new Date(iso)),
    hours: (value: number) => dateHours(value, locale),
    number: (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value),
  };
}

function dateHours(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 3 }).format(value);
}

function statusLabel(prefix: 'invoice.status' | 'payment.status', status: string, t: Translate): string {
  const key = `${prefix}.${status}`;
  return isStringKey(key) ? t(key) : status;
}

function writer(context: DocumentContext, title: string, t: Translate): PdfWriter {
  return new PdfWriter({
    title: `${title} — ${context.firm.name}`,
    author: context.firm.name,
    language: context.locale.locale,
    pageSize: context.locale.pageSize,
    createdAt: context.createdAt,
    brandColor: context.firm.brandColor,
    t,
  });
}

/** An invoice (or a trust retainer request) as a PDF: lines, discounts and tax, payments applied, balance, where to pay. */
export async function invoicePdf(invoice: InvoiceDetail, context: DocumentContext): Promise<Buffer> {
  const f = formats(context, invoice.currency);
  const { t } = f;
  const trust = invoice.depositAccount === 'trust';
  const title = trust ? t('invoice.title-trust') : t('invoice.title');
  const pdf = writer(context, `${title} ${invoice.number}`, t);
  pdf.header(context.firm, title, invoice.number);
  pdf.partyAndFacts({ label: t('invoice.bill-to'), lines: [context.client.name, context.client.email] }, [
    [trust ? t('invoice.number-trust') : t('invoice.number'), invoice.number],
    ...(invoice.matter ? [[t('invoice.matter'), invoice.matter] as [string, string]] : []),
    [t('invoice.issued'), f.day(invoice.issuedOn)],
    [t('invoice.due'), f.day(invoice.dueOn)],
    [t('invoice.status'), statusLabel('invoice.status', invoice.status, t)],
    [t('invoice.totals.balance'), f.money(invoice.balance)],
  ]);
  if (trust) pdf.paragraph(t('invoice.trust-note'), { muted: true });
  if (invoice.status === 'void' && invoice.voidedAt) pdf.paragraph(t('invoice.voided', { date: f.instant(invoice.voidedAt) }), { bold: true });

  pdf.heading(t('invoice.charges'));
  const charges = invoice.lines.filter((line) => line.kind !== 'discount' && line.kind !== 'tax');
  if (charges.length) {
    const dated = charges.some((line) => line.date);
    const quantity = (line: Line) =>
      line.quantity === null || line.rate === null ? '' : `${line.kind === 'time' ? f.hours(line.quantity) : f.number(line.quantity)} × ${f.money(line.rate)}`;
    // Undated lines leave the date column out rather than show an empty one.
    pdf.table(
      [
        ...(dated ? [{ header: t('invoice.column.date'), share: 0.16 }] : []),
        { header: t('invoice.column.description'), share: dated ? 0.44 : 0.6 },
        { header: t('invoice.column.quantity'), share: 0.22, align: 'right' as const },
        { header: t('invoice.column.amount'), share: 0.18, align: 'right' as const },
      ],
      charges.map((line) => [...(dated ? [line.date ? f.shortDay(line.date) : ''] : []), line.description, quantity(line), f.money(line.amount)]),
    );
  } else {
    pdf.paragraph(t('invoice.no-charges'), { muted: true });
  }

  pdf.totals([
    { label: t('invoice.totals.subtotal'), value: f.money(invoice.subtotal) },
    ...invoiceAdjustments(invoice, context.locale.language).map(({ label, amount }) => ({ label, value: f.money(amount) })),
    { label: t('invoice.totals.total'), value: f.money(invoice.total), strong: true },
    ...(invoice.amountPaid ? [{ label: t('invoice.totals.paid'), value: f.money(-invoice.amountPaid) }] : []),
    { label: t('invoice.totals.balance'), value: f.money(invoice.balance), strong: true },
    ...(invoice.amountPending
      ? [
          { label: t('invoice.totals.pending'), value: f.money(-invoice.amountPending) },
          { label: t('invoice.totals.payable'), value: f.money(invoice.openBalance) },
        ]
      : []),
  ]);

  if (invoice.payments.length) {
    pdf.heading(t('invoice.payments'));
    pdf.table(
      [
        { header: t('invoice.payments.date'), share: 0.2 },
        { header: t('invoice.payments.method'), share: 0.3 },
        { header: t('invoice.payments.receipt'), share: 0.18 },
        { header: t('invoice.payments.status'), share: 0.14 },
        { header: t('invoice.payments.amount'), share: 0.18, align: 'right' },
      ],
      invoice.payments.map((payment) => [
        f.shortInstant(payment.date),
        methodLabel(payment.method, context.locale.language),
        payment.receiptNumber ?? '',
        statusLabel('payment.status', payment.status, t),
        f.money(payment.amount),
      ]),
    );
  }

  if (invoice.notes) {
    pdf.heading(t('invoice.notes'));
    pdf.paragraph(invoice.notes);
  }

  if (invoice.openBalance > 0 && invoice.status !== 'void') {
    if (context.firm.address.length) {
      pdf.heading(t('invoice.remit-to'));
      pdf.paragraph([context.firm.name, ...context.firm.address].join('\n'));
    }
    if (context.firm.portalUrl) pdf.paragraph(t('invoice.pay-online', { url: context.firm.portalUrl }), { muted: true });
  }
  return pdf.finish(`${context.firm.name} · ${title} ${invoice.number}`);
}

/** A received payment's receipt: amount, method, date, number, the invoices it paid, a surcharge and refunds when there are. */
export async function receiptPdf(payment: Payment & { surcharge?: number | null }, context: DocumentContext): Promise<Buffer> {
  const f = formats(context, payment.currency);
  const { t } = f;
  const title = t('receipt.title');
  const number = payment.receiptNumber ?? payment.id;
  const pdf = writer(context, `${title} ${number}`, t);
  const method = methodLabel(payment.method, context.locale.language);
  const surcharge = payment.surcharge ?? 0;
  pdf.header(context.firm, title, number);
  pdf.partyAndFacts({ label: t('receipt.received-from'), lines: [context.client.name, context.client.email] }, [
    [t('receipt.number'), number],
    [t('receipt.date'), f.instant(payment.createdAt)],
    [t('receipt.method'), method],
    ...(payment.reference && payment.reference !== method ? [[t('receipt.reference'), payment.reference] as [string, string]] : []),
    [t('receipt.amount'), f.money(payment.amount)],
  ]);

  pdf.heading(t('receipt.invoices'));
  pdf.table(
    [
      { header: t('invoice.number'), share: 0.7 },
      { header: t('invoice.payments.amount'), share: 0.3, align: 'right' },
    ],
    payment.allocations.map((allocation) => [allocation.invoiceNumber, f.money(allocation.amount)]),
  );
  const allocated = payment.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
  pdf.totals([
    ...(surcharge
      ? [
          { label: t('invoice.totals.subtotal'), value: f.money(allocated) },
          { label: t('receipt.surcharge'), value: f.money(surcharge) },
        ]
      : []),
    { label: surcharge ? t('receipt.total') : t('receipt.amount'), value: f.money(payment.amount), strong: true },
    ...(payment.amountRefunded ? [{ label: t('receipt.refunded'), value: f.money(-payment.amountRefunded) }] : []),
  ]);
  if (payment.status === 'disputed') pdf.paragraph(t('receipt.disputed'), { bold: true });
  pdf.paragraph(t('receipt.thanks'));
  return pdf.finish(`${context.firm.name} · ${title} ${number}`);
}
