import type { InvoiceDetail, InvoiceLine, InvoiceStatus } from '../api/types.ts';
import { formatMoney, formatNumber } from '../i18n/format.ts';
import { currentLocale } from '../i18n/language.ts';
import { t } from './invoice-messages.ts';
import type { Tone } from '../payments/payment-labels.ts';

const tones: Record<InvoiceStatus, Tone> = {
  open: 'info',
  partially_paid: 'warning',
  overdue: 'danger',
  paid: 'success',
  void: 'neutral',
};

/** The tone of an invoice status' badge. */
export function invoiceStatusTone(status: InvoiceStatus): Tone {
  return tones[status] ?? 'neutral';
}

/** An invoice status in words; one this version does not know shows as the service names it. */
export function invoiceStatusLabel(status: InvoiceStatus): string {
  return Object.hasOwn(tones, status) ? t(`invoice.status.${status}`) : status;
}

/** Fees and expenses: the lines of the charges table. */
export function chargeLines(invoice: InvoiceDetail): InvoiceLine[] {
  return invoice.lines.filter((line) => line.kind !== 'discount' && line.kind !== 'tax');
}

/** Which of the optional columns some charge fills: a column no charge fills is left out, not shown empty. */
export function chargeColumns(lines: readonly InvoiceLine[]): { date: boolean; quantity: boolean } {
  return { date: lines.some((line) => line.date !== null), quantity: lines.some((line) => line.quantity !== null && line.rate !== null) };
}

/** A discount or tax, as a labelled amount under the subtotal. */
export interface Adjustment {
  label: string;
  amount: number;
}

/**
 * The discounts and taxes between subtotal and total: one per line, or the invoice's totals when
 * it has no such lines.
 */
export function adjustments(invoice: InvoiceDetail): Adjustment[] {
  const labelled = (line: InvoiceLine) => {
    const kind = line.kind === 'discount' ? t('invoice.line.discount') : t('invoice.line.tax');
    return line.description ? `${kind}: ${line.description}` : kind;
  };
  const discounts = invoice.lines.filter((line) => line.kind === 'discount');
  const taxes = invoice.lines.filter((line) => line.kind === 'tax');
  return [
    ...(discounts.length
      ? discounts.map((line) => ({ label: labelled(line), amount: line.amount }))
      : invoice.discount
        ? [{ label: t('invoice.totals.discount'), amount: invoice.discount }]
        : []),
    ...(taxes.length
      ? taxes.map((line) => ({ label: labelled(line), amount: line.amount }))
      : invoice.tax
        ? [{ label: t('invoice.totals.tax'), amount: invoice.tax }]
        : []),
  ];
}

/** "1.5 hr × $450.00" for time, "3 × $12.00" for expenses; empty for a flat amount. */
export function quantityAndRate(line: InvoiceLine, currency: string): string {
  if (line.quantity === null || line.rate === null) return '';
  const quantity = line.kind === 'time' ? formatHours(line.quantity) : formatNumber(line.quantity);
  return t('invoice.line.quantity-rate', { quantity, rate: formatMoney(line.rate, currency) });
}

function formatHours(hours: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 3 }).format(hours);
}
