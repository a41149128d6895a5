import type { Language } from '../i18n/index.ts';
import { brandedLayout, emailWords, firmName, type EmailFirm, type EmailWords, type RenderedEmail } from '../mail/index.ts';
import { methodLabel } from '../payments/index.ts';
import type { PlanMethod } from './plan.ts';

/** One autopay charge as an email names it. */
export interface AutopayChargeFacts {
  invoiceNumber: string;
  matter: string;
  amount: number;
  currency: string;
  on: string;
  method: PlanMethod;
}

type DateLabel = 'email.plan.fact.date' | 'email.plan.fact.charged-on' | 'email.plan.fact.due-on';

const facts = (w: EmailWords, charge: AutopayChargeFacts, when: DateLabel) => ({
  type: 'facts' as const,
  rows: [
    { label: w.t('email.plan.fact.invoice'), value: charge.invoiceNumber },
    { label: w.t('email.autopay.fact.matter'), value: charge.matter },
    { label: w.t('email.plan.fact.amount'), value: w.money(charge.amount, charge.currency) },
    { label: w.t(when), value: w.calendarDate(charge.on) },
    { label: w.t('email.plan.fact.method'), value: methodLabel(charge.method, w.language) },
  ],
});

interface ChargeEmailInput {
  firm: EmailFirm;
  contactName: string;
  charge: AutopayChargeFacts;
  link: string;
  /** The contact's language; English unless given. */
  language?: Language;
}

const wordsFor = (input: ChargeEmailInput) => emailWords(input.firm, { language: input.language, currency: input.charge.currency });

/** Three days before a new invoice is charged by autopay. */
export function autopayReminderEmail(input: ChargeEmailInput): RenderedEmail {
  const { charge } = input;
  const w = wordsFor(input);
  const { t, firm } = w;
  const amount = w.money(charge.amount, charge.currency);
  const date = w.calendarDate(charge.on);
  const number = charge.invoiceNumber;
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.autopay-reminder.subject', { firm, amount, date }),
    preheader: t('email.autopay-reminder.preheader', { number, matter: charge.matter }),
    heading: t('email.autopay-reminder.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t('email.autopay-reminder.body', { firm, number, date }) },
      facts(w, charge, 'email.plan.fact.date'),
      { type: 'note', text: t('email.autopay-reminder.note') },
      { type: 'action', label: t('email.autopay.action'), url: input.link },
    ],
    reason: t('email.autopay.reason', { firm }),
  });
}

/** After an invoice was charged by autopay (a card) or its debit settled (a bank account). */
export function autopayPaidEmail(input: ChargeEmailInput): RenderedEmail {
  const { charge } = input;
  const w = wordsFor(input);
  const { t, firm } = w;
  const amount = w.money(charge.amount, charge.currency);
  const number = charge.invoiceNumber;
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.autopay-paid.subject', { amount }),
    preheader: t('email.autopay-paid.preheader', { number }),
    heading: t('email.autopay-paid.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t('email.autopay-paid.body', { firm, amount, number }) },
      facts(w, charge, 'email.plan.fact.charged-on'),
      { type: 'action', label: t('email.autopay.action'), url: input.link },
    ],
    reason: t('email.autopay.reason', { firm }),
  });
}

/**
 * An autopay charge failed: it is tried again on `retryOn`, or (null) autopay gave this invoice up.
 * `failure` is the processor's reason, in English: an email in another language leaves it out.
 */
export function autopayFailedEmail(input: ChargeEmailInput & { failure: string; retryOn: string | null }): RenderedEmail {
  const { charge, retryOn } = input;
  const w = wordsFor(input);
  const { t, firm } = w;
  const amount = w.money(charge.amount, charge.currency);
  const number = charge.invoiceNumber;
  const reason = input.failure;
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: retryOn ? t('email.autopay-failed.subject', { amount }) : t('email.autopay-stopped.subject', { number }),
    preheader: retryOn ? t('email.autopay-failed.preheader', { date: w.calendarDate(retryOn) }) : t('email.autopay-stopped.preheader'),
    heading: retryOn ? t('email.autopay-failed.heading') : t('email.autopay-stopped.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      {
        type: 'paragraph',
        text: retryOn
          ? t('email.autopay-failed.body', { number, reason, date: w.calendarDate(retryOn) })
          : t('email.autopay-stopped.body', { number, reason, firm }),
      },
      facts(w, charge, 'email.plan.fact.due-on'),
      { type: 'action', label: retryOn ? t('email.autopay.action') : t('email.autopay-stopped.action'), url: input.link },
    ],
    reason: t('email.autopay.reason', { firm }),
  });
}

/**
 * Autopay for a matter was turned off (by the client or the firm): the authorization is revoked.
 * Turning autopay off does not stop a charge already under way, and the email says so.
 */
export function autopayCancelledEmail(input: {
  firm: EmailFirm;
  contactName: string;
  matter: string;
  byFirm: boolean;
  /** Charges already started when it was turned off. */
  underWay?: readonly { invoiceNumber: string; amount: number; currency: string }[];
  link: string;
  language?: Language;
}): RenderedEmail {
  const w = emailWords(input.firm, { language: input.language, currency: input.underWay?.[0]?.currency });
  const { t, firm } = w;
  const { matter } = input;
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.autopay-cancelled.subject', { matter }),
    heading: t('email.autopay-cancelled.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      {
        type: 'paragraph',
        text: input.byFirm ? t('email.autopay-cancelled.body-firm', { firm, matter }) : t('email.autopay-cancelled.body-client', { matter }),
      },
      ...(input.underWay ?? []).map((charge) => ({
        type: 'paragraph' as const,
        text: t('email.autopay-cancelled.under-way', { amount: w.money(charge.amount, charge.currency), number: charge.invoiceNumber }),
      })),
      { type: 'action', label: t('email.autopay-cancelled.action'), url: input.link },
    ],
    reason: t('email.autopay.reason', { firm }),
  });
}

/** The firm's notice that autopay gave up an invoice after two failed charges: in English, as the firm's notices are. */
export function firmAutopayStoppedNotice(input: { firm: EmailFirm; contactName: string; charge: AutopayChargeFacts; failure: string }): RenderedEmail {
  const name = firmName(input.firm);
  return brandedLayout({
    firm: input.firm,
    subject: `Autopay failed: ${input.contactName}, invoice ${input.charge.invoiceNumber}`,
    heading: 'An autopay charge failed twice',
    blocks: [
      {
        type: 'paragraph',
        text: `Autopay could not charge ${input.contactName} for invoice ${input.charge.invoiceNumber} (matter ${input.charge.matter}) after two attempts (${input.failure}). Autopay will not try this invoice again and the client was told; it stays on for the matter's next invoices.`,
      },
      facts(emailWords(input.firm, { currency: input.charge.currency }), input.charge, 'email.plan.fact.due-on'),
    ],
    reason: `You received this email because ${name} receives notices of client portal payments at this address.`,
  });
}
