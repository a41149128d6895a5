import { brandedLayout, firmName, greeting, type EmailFirm, type RenderedEmail } from '../mail/index.ts';
import { dateTimeFormat } from '../intl-formats.ts';
import { clientBankName } from './bank-names.ts';
import { formatMoney } from '../money.ts';
import type { PaymentRecord as Payment } from './payment.ts';

const methodLabel = (payment: Payment) => {
  const { type, brand, last4 } = payment.method;
  if (type === 'card') return `${brand ? brand[0]!.toUpperCase() + brand.slice(1) : 'Card'} ending in ${last4}`;
  if (type === 'us_bank_account') return `${clientBankName(brand) ?? 'Bank account'} ending in ${last4}`;
  return type[0]!.toUpperCase() + type.slice(1);
};

const paidFor = (payment: Payment) => payment.allocations.map((a) => `${a.invoiceNumber}: ${formatMoney(a.amount, payment.currency)}`).join(', ');

/** The day of an instant as the firm counts days (its time zone; UTC when it has none). */
const dateOf = (iso: string, timeZone = 'UTC') => dateTimeFormat('en-US', { dateStyle: 'long', timeZone }).format(new Date(iso));

/** The client's receipt: sent when a card payment succeeds or a bank debit settles. */
export function receiptEmail(input: { firm: EmailFirm; contactName: string; payment: Payment; link: string; timeZone?: string }): RenderedEmail {
  const name = firmName(input.firm);
  const { payment } = input;
  const amount = formatMoney(payment.amount, payment.currency);
  const trust = payment.allocations.every((a) => a.depositAccount === 'trust');
  return brandedLayout({
    firm: input.firm,
    subject: `Receipt ${payment.receiptNumber} from ${name}: ${amount}`,
    preheader: `Thank you — we received your payment of ${amount}.`,
    heading: 'Thank you for your payment',
    blocks: [
      { type: 'paragraph', text: greeting(input.contactName) },
      {
        type: 'paragraph',
        text: `${name} received your payment of ${amount}.${trust ? ' It has been deposited to your trust account.' : ''} Keep this email as your receipt.`,
      },
      {
        type: 'facts',
        rows: [
          { label: 'Receipt', value: payment.receiptNumber },
          { label: 'Amount', value: amount },
          { label: 'Paid with', value: methodLabel(payment) },
          { label: 'Date', value: dateOf(payment.updatedAt, input.timeZone) },
          { label: 'Applied to', value: paidFor(payment) },
        ],
      },
      { type: 'action', label: 'View your invoices', url: input.link },
    ],
    reason: `You received this email because you made a payment to ${name} in its client portal.`,
  });
}

/**
 * The client's notice of a refund: how much went back, to which card or account, and which
 * invoice balances it reopened. The firm's reason is its own and is not shown.
 */
export function refundEmail(input: {
  firm: EmailFirm;
  contactName: string;
  payment: Payment;
  /** `at`: when it succeeded. */
  refund: { amount: number; allocations: { invoiceNumber: string; amount: number }[]; at: string };
  link: string;
  timeZone?: string;
}): RenderedEmail {
  const name = firmName(input.firm);
  const { payment, refund } = input;
  const amount = formatMoney(refund.amount, payment.currency);
  const whole = payment.amountRefunded >= payment.amount;
  const reopened = refund.allocations.map((a) => `${a.invoiceNumber}: ${formatMoney(a.amount, payment.currency)}`).join(', ');
  const where = payment.method.type === 'card' ? 'your card' : payment.method.type === 'us_bank_account' ? 'your bank account' : 'you';
  return brandedLayout({
    firm: input.firm,
    subject: `${name} refunded ${amount} of payment ${payment.receiptNumber}`,
    preheader: `${amount} is on its way back to ${where}.`,
    heading: whole ? 'Your payment was refunded' : 'Part of your payment was refunded',
    blocks: [
      { type: 'paragraph', text: greeting(input.contactName) },
      {
        type: 'paragraph',
        text: `${name} refunded ${amount} of your payment of ${formatMoney(payment.amount, payment.currency)} (receipt ${payment.receiptNumber}) to ${methodLabel(payment)}.${reopened ? ` The balance of ${reopened} is open again.` : ''}`,
      },
      {
        type: 'facts',
        rows: [
          { label: 'Refunded', value: amount },
          { label: 'Refunded in total', value: `${formatMoney(payment.amountRefunded, payment.currency)} of ${formatMoney(payment.amount, payment.currency)}` },
          { label: 'Refunded to', value: methodLabel(payment) },
          { label: 'Original receipt', value: payment.receiptNumber },
          { label: 'Date', value: dateOf(refund.at, input.timeZone) },
        ],
      },
      { type: 'note', text: 'A refund can take 5 to 10 business days to appear on your statement.' },
      { type: 'action', label: 'View your payments', url: input.link },
    ],
    reason: `You received this email because ${name} refunded a payment you made in its client portal.`,
  });
}

/** A bank debit the bank returned: the balance is owed again. */
export function paymentFailedEmail(input: { firm: EmailFirm; contactName: string; payment: Payment; reason: string; link: string }): RenderedEmail {
  const name = firmName(input.firm);
  const amount = formatMoney(input.payment.amount, input.payment.currency);
  return brandedLayout({
    firm: input.firm,
    subject: `Your payment of ${amount} to ${name} did not go through`,
    preheader: 'Your bank returned the payment. The invoice balance is open again.',
    heading: 'Your payment did not go through',
    blocks: [
      { type: 'paragraph', text: greeting(input.contactName) },
      {
        type: 'paragraph',
        text: `Your bank returned your payment of ${amount} (${methodLabel(input.payment)}): ${input.reason} The balance of ${paidFor(input.payment)} is open again.`,
      },
      { type: 'paragraph', text: 'You can pay again in the portal with another account or a card.' },
      { type: 'action', label: 'Pay the invoice', url: input.link },
    ],
    reason: `You received this email because you made a payment to ${name} in its client portal.`,
  });
}

/** The firm's notice of a client's payment, for its inbox. */
export function firmPaymentNotice(input: {
  firm: EmailFirm;
  contactName: string;
  payment: Payment;
  outcome: 'succeeded' | 'processing' | 'failed';
}): RenderedEmail {
  const name = firmName(input.firm);
  const amount = formatMoney(input.payment.amount, input.payment.currency);
  const what = { succeeded: 'received', processing: 'started (bank debit processing)', failed: 'failed' }[input.outcome];
  return brandedLayout({
    firm: input.firm,
    subject: `Payment ${what}: ${amount} from ${input.contactName}`,
    heading: `Client payment ${what}`,
    blocks: [
      {
        type: 'facts',
        rows: [
          { label: 'Client', value: input.contactName },
          { label: 'Amount', value: amount },
          { label: 'Method', value: methodLabel(input.payment) },
          { label: 'Receipt', value: input.payment.receiptNumber },
          { label: 'Invoices', value: paidFor(input.payment) },
          { label: 'Deposit account', value: [...new Set(input.payment.allocations.map((a) => a.depositAccount))].join(', ') },
        ],
      },
    ],
    reason: `You received this email because ${name} receives notices of client portal payments at this address.`,
  });
}
