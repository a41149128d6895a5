import type { Language } from '../i18n/index.ts';
import { brandedLayout, emailWords, firmName, type EmailFirm, type EmailWords, type RenderedEmail } from '../mail/index.ts';
import { formatMoney } from '../money.ts';
import { methodLabel } from './method-labels.ts';
import type { PaymentRecord as Payment } from './payment.ts';

/** The invoices a payment (or refund) went to, with how much each: "INV-0001: $125.00, INV-0002: $40.00". */
const paidFor = (allocations: readonly { invoiceNumber: string; amount: number }[], currency: string, money: (amount: number, currency: string) => string) =>
  allocations.map((a) => `${a.invoiceNumber}: ${money(a.amount, currency)}`).join(', ');

const wordsFor = (input: { firm: EmailFirm; payment: Payment; language?: Language; timeZone?: string }): EmailWords =>
  emailWords(input.firm, { language: input.language, currency: input.payment.currency, timeZone: input.timeZone });

/** The client's receipt: sent when a card payment succeeds or a bank debit settles. */
export function receiptEmail(input: {
  firm: EmailFirm;
  contactName: string;
  payment: Payment;
  link: string;
  timeZone?: string;
  language?: Language;
}): RenderedEmail {
  const w = wordsFor(input);
  const { t, firm } = w;
  const { payment } = input;
  const amount = w.money(payment.amount, payment.currency);
  const trust = payment.allocations.every((a) => a.depositAccount === 'trust');
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.receipt.subject', { number: payment.receiptNumber, firm, amount }),
    preheader: t('email.receipt.preheader', { amount }),
    heading: t('email.receipt.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t(trust ? 'email.receipt.body-trust' : 'email.receipt.body', { firm, amount }) },
      {
        type: 'facts',
        rows: [
          { label: t('email.receipt.fact.receipt'), value: payment.receiptNumber },
          { label: t('email.receipt.fact.amount'), value: amount },
          ...(payment.surcharge
            ? [
                {
                  label: t('email.receipt.fact.surcharge', { percent: String(payment.surchargePercent ?? '') }),
                  value: w.money(payment.surcharge, payment.currency),
                },
              ]
            : []),
          { label: t('email.receipt.fact.method'), value: methodLabel(payment.method, w.language) },
          { label: t('email.receipt.fact.date'), value: w.day(payment.updatedAt) },
          { label: t('email.receipt.fact.applied'), value: paidFor(payment.allocations, payment.currency, w.money) },
        ],
      },
      { type: 'action', label: t('email.receipt.action'), url: input.link },
    ],
    reason: t('email.reason.payment', { firm }),
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
  language?: Language;
}): RenderedEmail {
  const w = wordsFor(input);
  const { t, firm } = w;
  const { payment, refund } = input;
  const money = (value: number) => w.money(value, payment.currency);
  const amount = money(refund.amount);
  const total = money(payment.amount);
  const whole = payment.amountRefunded >= payment.amount;
  const reopened = paidFor(refund.allocations, payment.currency, w.money);
  const method = methodLabel(payment.method, w.language);
  const preheader =
    payment.method.type === 'card'
      ? 'email.refund.preheader-card'
      : payment.method.type === 'us_bank_account'
        ? 'email.refund.preheader-bank'
        : 'email.refund.preheader';
  const body = t('email.refund.body', { firm, amount, total, number: payment.receiptNumber, method });
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.refund.subject', { firm, amount, number: payment.receiptNumber }),
    preheader: t(preheader, { amount }),
    heading: t(whole ? 'email.refund.heading' : 'email.refund.heading-part'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: reopened ? `${body} ${t('email.refund.reopened', { invoices: reopened })}` : body },
      {
        type: 'facts',
        rows: [
          { label: t('email.refund.fact.refunded'), value: amount },
          { label: t('email.refund.fact.total'), value: t('email.refund.fact.total-value', { refunded: money(payment.amountRefunded), total }) },
          { label: t('email.refund.fact.method'), value: method },
          { label: t('email.refund.fact.receipt'), value: payment.receiptNumber },
          { label: t('email.refund.fact.date'), value: w.day(refund.at) },
        ],
      },
      { type: 'note', text: t('email.refund.note') },
      { type: 'action', label: t('email.refund.action'), url: input.link },
    ],
    reason: t('email.refund.reason', { firm }),
  });
}

/**
 * A bank debit the bank returned: the balance is owed again. `reason` is the processor's, in
 * English: an email in another language says the bank returned it without it.
 */
export function paymentFailedEmail(input: {
  firm: EmailFirm;
  contactName: string;
  payment: Payment;
  reason?: string;
  link: string;
  language?: Language;
}): RenderedEmail {
  const w = wordsFor(input);
  const { t, firm } = w;
  const { payment } = input;
  const amount = w.money(payment.amount, payment.currency);
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.payment-failed.subject', { amount, firm }),
    preheader: t('email.payment-failed.preheader'),
    heading: t('email.payment-failed.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      {
        type: 'paragraph',
        text: t('email.payment-failed.body', {
          amount,
          method: methodLabel(payment.method, w.language),
          reason: input.reason ?? t('email.payment-failed.default-reason'),
          invoices: paidFor(payment.allocations, payment.currency, w.money),
        }),
      },
      { type: 'paragraph', text: t('email.payment-failed.pay-again') },
      { type: 'action', label: t('email.payment-failed.action'), url: input.link },
    ],
    reason: t('email.reason.payment', { firm }),
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
          { label: 'Method', value: methodLabel(input.payment.method, 'en') },
          { label: 'Receipt', value: input.payment.receiptNumber },
          { label: 'Invoices', value: paidFor(input.payment.allocations, input.payment.currency, formatMoney) },
          { label: 'Deposit account', value: [...new Set(input.payment.allocations.map((a) => a.depositAccount))].join(', ') },
        ],
      },
    ],
    reason: `You received this email because ${name} receives notices of client portal payments at this address.`,
  });
}
