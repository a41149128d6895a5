import { currencyDigits } from '../../i18n/format.ts';
import { validLocale } from '../../i18n/language.ts';
import type { FirmInvoiceDetail, InvoiceLineInput, NewInvoice } from '../api/invoices-api.ts';

// The invoice form's state and arithmetic, apart from the DOM: what the firm types (text, in the
// page's language) becomes the lines the service prices, and the totals shown while typing are
// worked out the way the service works them out.

/** A fee line as typed: a kind, a description, a quantity (blank for a flat amount) and a unit price. */
export interface DraftLine {
  kind: 'time' | 'expense' | 'flat_fee';
  description: string;
  quantity: string;
  unitPrice: string;
}

/** A discount or tax: none, an amount, or a percentage. */
export interface DraftAdjustment {
  mode: 'none' | 'amount' | 'percent';
  value: string;
}

export interface InvoiceDraft {
  contactId: string;
  matter: string;
  issuedOn: string;
  dueOn: string;
  depositAccount: 'operating' | 'trust';
  notes: string;
  lines: DraftLine[];
  discount: DraftAdjustment;
  tax: DraftAdjustment;
}

/** What each request line stands for in the form, to put a problem the service names (`lines.3`) next to its field. */
export type LineOrigin = { line: number } | 'discount' | 'tax';

export interface PricedDraft {
  /** Each fee line's amount, or undefined while it cannot be worked out. */
  amounts: (number | undefined)[];
  subtotal: number;
  /** Negative, or 0. */
  discount: number;
  tax: number;
  total: number;
}

export const emptyLine = (): DraftLine => ({ kind: 'time', description: '', quantity: '', unitPrice: '' });

export function emptyDraft(today: string, dueInDays = 30): InvoiceDraft {
  return {
    contactId: '',
    matter: '',
    issuedOn: today,
    dueOn: addDays(today, dueInDays),
    depositAccount: 'operating',
    notes: '',
    lines: [emptyLine()],
    discount: { mode: 'none', value: '' },
    tax: { mode: 'none', value: '' },
  };
}

/** A calendar date `days` after `date` (both `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/**
 * A number as typed in `locale` ("1,234.5" in English, "1.234,5" in Spanish), or undefined when
 * it is not one. Group separators are dropped; the locale's decimal mark is the point.
 */
export function parseDecimal(text: string, locale: string): number | undefined {
  const trimmed = text.trim().replace(/\s/g, '');
  if (!trimmed) return undefined;
  const parts = new Intl.NumberFormat(validLocale(locale)).formatToParts(12345.6);
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  const group = parts.find((part) => part.type === 'group')?.value ?? ',';
  // "1234.50" typed on a Spanish page still means what it says when nothing else could.
  const pointAsDecimal = decimal !== '.' && !trimmed.includes(decimal) && /^\d+\.\d{1,2}$/.test(trimmed);
  const normal = pointAsDecimal ? trimmed : trimmed.split(group).join('').replace(decimal, '.');
  if (!/^\d+(\.\d+)?$/.test(normal)) return undefined;
  return Number(normal);
}

/** An amount typed in major units ("125.50") as minor units (12550), or undefined when it is not a valid amount. */
export function parseMoney(text: string, currency: string, locale: string): number | undefined {
  const value = parseDecimal(text, locale);
  if (value === undefined) return undefined;
  const digits = currencyDigits(currency);
  const minor = Math.round(value * 10 ** digits);
  // More decimals than the currency has is a typing mistake, not something to round away.
  if (Math.abs(value * 10 ** digits - minor) > 1e-6) return undefined;
  return minor;
}

/** Minor units as the plain decimal a field holds ("125.50"). */
export function moneyText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** A quantity with up to three decimals, more than zero, or undefined. */
export function parseQuantity(text: string, locale: string): number | undefined {
  const value = parseDecimal(text, locale);
  if (value === undefined || value <= 0 || Math.abs(value * 1000 - Math.round(value * 1000)) > 1e-6) return undefined;
  return value;
}

/** Rounds half away from zero, as the service does. */
const roundHalfUp = (value: number) => Math.sign(value) * Math.round(Math.abs(value));

/** The totals of the form as it stands; lines that do not add up yet count as nothing. */
export function priceDraft(draft: InvoiceDraft, currency: string, locale: string): PricedDraft {
  const amounts = draft.lines.map((line) => lineAmount(line, currency, locale));
  const subtotal = amounts.reduce<number>((sum, amount) => sum + (amount ?? 0), 0);
  const discount = -Math.min(subtotal, adjustmentAmount(draft.discount, subtotal, currency, locale) ?? 0);
  const tax = adjustmentAmount(draft.tax, subtotal + discount, currency, locale) ?? 0;
  return { amounts, subtotal, discount, tax, total: subtotal + discount + tax };
}

function lineAmount(line: DraftLine, currency: string, locale: string): number | undefined {
  const price = parseMoney(line.unitPrice, currency, locale);
  if (price === undefined) return undefined;
  if (!line.quantity.trim()) return price;
  const quantity = parseQuantity(line.quantity, locale);
  if (quantity === undefined) return undefined;
  return roundHalfUp((Math.round(quantity * 1000) * price) / 1000);
}

function adjustmentAmount(adjustment: DraftAdjustment, base: number, currency: string, locale: string): number | undefined {
  if (adjustment.mode === 'none') return 0;
  if (adjustment.mode === 'amount') return parseMoney(adjustment.value, currency, locale);
  const percent = parseDecimal(adjustment.value, locale);
  return percent === undefined || percent > 100 ? undefined : roundHalfUp((base * percent) / 100);
}

/** What the form checks before sending; the service checks the rest and names its field. */
export type DraftProblem = 'required' | 'amount' | 'quantity' | 'percent' | 'due-before-issue';

/**
 * The request body's lines, and where each came from in the form; `problems` names the fields
 * the form can already tell are wrong (by `contactId`, `lines.N.description`, `discount`, …).
 */
export function toRequest(
  draft: InvoiceDraft,
  currency: string,
  locale: string,
): { body: Omit<NewInvoice, 'contactId'> & { contactId: string }; origins: LineOrigin[]; problems: Map<string, DraftProblem> } {
  const problems = new Map<string, DraftProblem>();
  const lines: InvoiceLineInput[] = [];
  const origins: LineOrigin[] = [];
  if (!draft.contactId) problems.set('contactId', 'required');
  if (draft.dueOn && draft.issuedOn && draft.dueOn < draft.issuedOn) problems.set('dueOn', 'due-before-issue');
  draft.lines.forEach((line, index) => {
    const description = line.description.trim();
    if (!description) problems.set(`lines.${index}.description`, 'required');
    const price = parseMoney(line.unitPrice, currency, locale);
    if (price === undefined) problems.set(`lines.${index}.unitPrice`, line.unitPrice.trim() ? 'amount' : 'required');
    const quantity = line.quantity.trim() ? parseQuantity(line.quantity, locale) : undefined;
    if (line.quantity.trim() && quantity === undefined) problems.set(`lines.${index}.quantity`, 'quantity');
    origins.push({ line: index });
    lines.push(quantity === undefined ? { kind: line.kind, description, amount: price ?? 0 } : { kind: line.kind, description, quantity, rate: price ?? 0 });
  });
  for (const kind of ['discount', 'tax'] as const) {
    const adjustment = draft[kind];
    if (adjustment.mode === 'none') continue;
    const description = kind === 'discount' ? 'Discount' : 'Tax';
    if (adjustment.mode === 'amount') {
      const amount = parseMoney(adjustment.value, currency, locale);
      if (amount === undefined) problems.set(kind, adjustment.value.trim() ? 'amount' : 'required');
      lines.push({ kind, description, amount: amount ?? 0 });
    } else {
      const percent = parseDecimal(adjustment.value, locale);
      if (percent === undefined || percent > 100) problems.set(kind, adjustment.value.trim() ? 'percent' : 'required');
      lines.push({ kind, description, percent: percent ?? 0 });
    }
    origins.push(kind);
  }
  return {
    body: {
      contactId: draft.contactId,
      matter: draft.matter.trim() || null,
      issuedOn: draft.issuedOn || undefined,
      dueOn: draft.dueOn || undefined,
      depositAccount: draft.depositAccount,
      notes: draft.notes.trim() || null,
      lines,
    },
    origins,
    problems,
  };
}

/**
 * The form's field for a problem the service names: `lines.2` (or `lines.2.rate`) is the form's
 * line, discount or tax that request line came from.
 */
export function formField(field: string, origins: readonly LineOrigin[]): string {
  const match = /^lines\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (!match) return field;
  const origin = origins[Number(match[1])];
  if (origin === undefined) return 'lines';
  if (typeof origin === 'string') return origin;
  // A problem with the whole line (`lines.2`) is about how it adds up: its price is where to fix it.
  const part = match[2];
  const name = part === 'description' || part === 'quantity' ? part : 'unitPrice';
  return `lines.${origin.line}.${name}`;
}

/** A draft invoice back in the form, to edit it. Discounts and taxes come back as amounts (the service keeps amounts). */
export function fromInvoice(invoice: FirmInvoiceDetail): InvoiceDraft {
  const money = (minor: number) => moneyText(minor, invoice.currency);
  const fees = invoice.lines.filter((line) => line.kind !== 'discount' && line.kind !== 'tax');
  const sum = (kind: 'discount' | 'tax') => invoice.lines.filter((line) => line.kind === kind).reduce((total, line) => total + Math.abs(line.amount), 0);
  const discount = sum('discount');
  const tax = sum('tax');
  return {
    contactId: invoice.contactId,
    matter: invoice.matter ?? '',
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    depositAccount: invoice.depositAccount,
    notes: invoice.notes ?? '',
    lines: fees.length
      ? fees.map((line) => ({
          kind: line.kind as DraftLine['kind'],
          description: line.description,
          quantity: line.quantity === null ? '' : String(line.quantity),
          unitPrice: money(line.quantity === null || line.rate === null ? line.amount : line.rate),
        }))
      : [emptyLine()],
    discount: discount ? { mode: 'amount', value: money(discount) } : { mode: 'none', value: '' },
    tax: tax ? { mode: 'amount', value: money(tax) } : { mode: 'none', value: '' },
  };
}
