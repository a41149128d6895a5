/** What the client sees of an invoice's state; derived from the lifecycle, the ledger and the date. */
export type InvoiceStatus = 'draft' | 'open' | 'partially_paid' | 'overdue' | 'paid' | 'void';
export const clientStatuses = ['open', 'partially_paid', 'overdue', 'paid', 'void'] as const;
/** What the `unpaid` filter stands for: invoices with money still owed. */
export const unpaidStatuses: InvoiceStatus[] = ['open', 'partially_paid', 'overdue'];

export type DepositAccount = 'operating' | 'trust';
export type LineKind = 'time' | 'expense' | 'flat_fee' | 'discount' | 'tax';

export interface InvoiceLine {
  id: string;
  kind: LineKind;
  date: string | null;
  description: string;
  /** Hours for time entries, units for expenses; up to three decimals. */
  quantity: number | null;
  /** Minor units per unit of quantity. */
  rate: number | null;
  /** Minor units; negative for discounts. */
  amount: number;
}

export interface InvoiceSummary {
  id: string;
  number: string;
  matter: string | null;
  contactId: string;
  issuedOn: string;
  dueOn: string;
  currency: string;
  depositAccount: DepositAccount;
  status: InvoiceStatus;
  total: number;
  /** Settled payments applied to the invoice. */
  amountPaid: number;
  /** Payments still processing (bank debits), not yet settled. */
  amountPending: number;
  /** What is still owed: total minus settled payments. */
  balance: number;
  /** What can still be paid now: the balance minus payments still processing. */
  openBalance: number;
}

export interface AppliedPayment {
  paymentId: string;
  receiptNumber: string;
  date: string;
  amount: number;
  status: string;
  method: { type: string; brand: string | null; last4: string | null };
}

export interface InvoiceDetail extends InvoiceSummary {
  subtotal: number;
  discount: number;
  tax: number;
  notes: string | null;
  lines: InvoiceLine[];
  payments: AppliedPayment[];
  sentAt: string | null;
  voidedAt: string | null;
}

/** A line as the firm writes it; amounts are computed from quantity × rate or a percentage. */
export interface LineInput {
  kind: LineKind;
  date?: string;
  description: string;
  quantity?: number;
  rate?: number;
  amount?: number;
  /** Discounts and taxes: a percentage of the fees (discounts) or of fees less discounts (tax). */
  percent?: number;
}

export interface PricedLines {
  lines: Omit<InvoiceLine, 'id'>[];
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
}

const fee = (kind: LineKind) => kind === 'time' || kind === 'expense' || kind === 'flat_fee';

/** Rounds half away from zero; money never goes through floating-point sums. */
const roundHalfUp = (value: number) => Math.sign(value) * Math.round(Math.abs(value));

/**
 * Prices an invoice's lines. Fees first (quantity × rate, or a flat amount), then discounts
 * (an amount, or a percentage of the fees), then tax (an amount, or a percentage of fees less
 * discounts). Returns an error message for the first line that does not add up.
 */
export function priceLines(inputs: LineInput[]): PricedLines | { error: string; index: number } {
  const lines: Omit<InvoiceLine, 'id'>[] = [];
  let subtotal = 0;
  for (const [index, line] of inputs.entries()) {
    if (!fee(line.kind)) continue;
    if (line.percent !== undefined) return { error: 'percent is only for discount and tax lines', index };
    const quantityMilli = line.quantity === undefined ? null : Math.round(line.quantity * 1000);
    let amount: number;
    if (quantityMilli !== null && line.rate !== undefined) {
      amount = roundHalfUp((quantityMilli * line.rate) / 1000);
      if (line.amount !== undefined && line.amount !== amount) {
        return { error: `amount ${line.amount} does not equal quantity × rate (${amount})`, index };
      }
    } else if (line.amount !== undefined && quantityMilli === null && line.rate === undefined) {
      amount = line.amount;
    } else {
      return { error: 'needs quantity and rate, or an amount alone', index };
    }
    subtotal += amount;
    lines[index] = {
      kind: line.kind,
      date: line.date ?? null,
      description: line.description,
      quantity: quantityMilli === null ? null : quantityMilli / 1000,
      rate: line.rate ?? null,
      amount,
    };
  }
  let discount = 0;
  for (const [index, line] of inputs.entries()) {
    if (line.kind !== 'discount') continue;
    const amount = amountOrPercent(line, subtotal);
    if (typeof amount === 'string') return { error: amount, index };
    discount -= amount;
    lines[index] = { kind: 'discount', date: line.date ?? null, description: line.description, quantity: null, rate: null, amount: -amount };
  }
  if (subtotal + discount < 0) return { error: 'discounts exceed the fees', index: inputs.findIndex((l) => l.kind === 'discount') };
  let tax = 0;
  for (const [index, line] of inputs.entries()) {
    if (line.kind !== 'tax') continue;
    const amount = amountOrPercent(line, subtotal + discount);
    if (typeof amount === 'string') return { error: amount, index };
    tax += amount;
    lines[index] = { kind: 'tax', date: line.date ?? null, description: line.description, quantity: null, rate: null, amount };
  }
  return { lines, subtotal, discount, tax, total: subtotal + discount + tax };
}

function amountOrPercent(line: LineInput, base: number): number | string {
  if (line.quantity !== undefined || line.rate !== undefined) return `${line.kind} lines take an amount or a percent, not quantity and rate`;
  if ((line.amount === undefined) === (line.percent === undefined)) return `${line.kind} lines need an amount or a percent (one of them)`;
  return line.amount ?? roundHalfUp((base * line.percent!) / 100);
}
