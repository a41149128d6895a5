import type { Language } from '../i18n/index.ts';
import { brandedLayout, emailWords, firmName, type EmailFirm, type EmailWords, type RenderedEmail } from '../mail/index.ts';
import { methodLabel } from '../payments/index.ts';
import type { PlanMethod } from './plan.ts';

/** One instalment as an email names it. */
export interface InstalmentFacts {
  seq: number;
  count: number;
  amount: number;
  currency: string;
  on: string;
  invoiceNumber: string;
  method: PlanMethod;
}

type DateLabel = 'email.plan.fact.date' | 'email.plan.fact.charged-on' | 'email.plan.fact.due-on';

const facts = (w: EmailWords, instalment: InstalmentFacts, when: DateLabel) => ({
  type: 'facts' as const,
  rows: [
    { label: w.t('email.plan.fact.invoice'), value: instalment.invoiceNumber },
    { label: w.t('email.plan.fact.instalment'), value: w.t('email.plan.fact.instalment-value', { seq: instalment.seq, count: instalment.count }) },
    { label: w.t('email.plan.fact.amount'), value: w.money(instalment.amount, instalment.currency) },
    { label: w.t(when), value: w.calendarDate(instalment.on) },
    { label: w.t('email.plan.fact.method'), value: methodLabel(instalment.method, w.language) },
  ],
});

const wordsFor = (input: { firm: EmailFirm; language?: Language }, currency: string) => emailWords(input.firm, { language: input.language, currency });

/** Three days before an instalment is charged. */
export function instalmentReminderEmail(input: {
  firm: EmailFirm;
  contactName: string;
  instalment: InstalmentFacts;
  link: string;
  /** The contact's language; English unless given. */
  language?: Language;
}): RenderedEmail {
  const { instalment } = input;
  const w = wordsFor(input, instalment.currency);
  const { t, firm } = w;
  const amount = w.money(instalment.amount, instalment.currency);
  const date = w.calendarDate(instalment.on);
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.plan-reminder.subject', { firm, amount, date }),
    preheader: t('email.plan-reminder.preheader', { seq: instalment.seq, count: instalment.count, number: instalment.invoiceNumber }),
    heading: t('email.plan-reminder.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t('email.plan-reminder.body', { firm, seq: instalment.seq, date }) },
      facts(w, instalment, 'email.plan.fact.date'),
      { type: 'note', text: t('email.plan-reminder.note') },
      { type: 'action', label: t('email.plan.action'), url: input.link },
    ],
    reason: t('email.plan.reason', { firm }),
  });
}

/** After an instalment was charged (a card) or its debit settled (a bank account). */
export function instalmentPaidEmail(input: {
  firm: EmailFirm;
  contactName: string;
  instalment: InstalmentFacts;
  next: { on: string; amount: number } | null;
  link: string;
  language?: Language;
}): RenderedEmail {
  const { instalment, next } = input;
  const w = wordsFor(input, instalment.currency);
  const { t, firm } = w;
  const amount = w.money(instalment.amount, instalment.currency);
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.plan-paid.subject', { seq: instalment.seq, count: instalment.count, amount }),
    preheader: t('email.plan-paid.preheader', { number: instalment.invoiceNumber }),
    heading: t('email.plan-paid.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      {
        type: 'paragraph',
        text: next
          ? t('email.plan-paid.body', { firm, seq: instalment.seq, amount: w.money(next.amount, instalment.currency), date: w.calendarDate(next.on) })
          : t('email.plan-paid.body-last', { firm }),
      },
      facts(w, instalment, 'email.plan.fact.charged-on'),
      { type: 'action', label: t('email.plan.action'), url: input.link },
    ],
    reason: t('email.plan.reason', { firm }),
  });
}

/**
 * An instalment's charge failed: it is tried again on `retryOn`, or (null) the plan stopped.
 * `failure` is the processor's reason, in English: an email in another language leaves it out.
 */
export function instalmentFailedEmail(input: {
  firm: EmailFirm;
  contactName: string;
  instalment: InstalmentFacts;
  failure: string;
  retryOn: string | null;
  link: string;
  language?: Language;
}): RenderedEmail {
  const { instalment, retryOn } = input;
  const w = wordsFor(input, instalment.currency);
  const { t, firm } = w;
  const amount = w.money(instalment.amount, instalment.currency);
  const reason = input.failure;
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: retryOn ? t('email.plan-failed.subject', { amount }) : t('email.plan-stopped.subject', { firm }),
    preheader: retryOn ? t('email.plan-failed.preheader', { date: w.calendarDate(retryOn) }) : t('email.plan-stopped.preheader'),
    heading: retryOn ? t('email.plan-failed.heading') : t('email.plan-stopped.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      {
        type: 'paragraph',
        text: retryOn
          ? t('email.plan-failed.body', { seq: instalment.seq, reason, date: w.calendarDate(retryOn) })
          : t('email.plan-stopped.body', { seq: instalment.seq, reason, firm }),
      },
      facts(w, instalment, 'email.plan.fact.due-on'),
      { type: 'action', label: retryOn ? t('email.plan.action') : t('email.plan-stopped.action'), url: input.link },
    ],
    reason: t('email.plan.reason', { firm }),
  });
}

/** The plan was cancelled (by the client or the firm): the authorization is revoked. */
export function planCancelledEmail(input: {
  firm: EmailFirm;
  contactName: string;
  invoiceNumber: string;
  byFirm: boolean;
  link: string;
  language?: Language;
}): RenderedEmail {
  const w = emailWords(input.firm, input);
  const { t, firm } = w;
  const number = input.invoiceNumber;
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t('email.plan-cancelled.subject', { number }),
    heading: t('email.plan-cancelled.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: input.byFirm ? t('email.plan-cancelled.body-firm', { firm, number }) : t('email.plan-cancelled.body-client', { number }) },
      { type: 'action', label: t('email.plan-cancelled.action'), url: input.link },
    ],
    reason: t('email.plan.reason', { firm }),
  });
}

/** The firm's notice that a client's plan stopped after an instalment failed twice: in English, as the firm's notices are. */
export function firmPlanStoppedNotice(input: { firm: EmailFirm; contactName: string; instalment: InstalmentFacts; failure: string }): RenderedEmail {
  const name = firmName(input.firm);
  return brandedLayout({
    firm: input.firm,
    subject: `Payment plan stopped: ${input.contactName}, invoice ${input.instalment.invoiceNumber}`,
    heading: 'A payment plan stopped',
    blocks: [
      {
        type: 'paragraph',
        text: `Instalment ${input.instalment.seq} of ${input.contactName}'s payment plan failed twice (${input.failure}). The plan has stopped, its authorization is revoked, and the client was told.`,
      },
      facts(emailWords(input.firm, { currency: input.instalment.currency }), input.instalment, 'email.plan.fact.due-on'),
    ],
    reason: `You received this email because ${name} receives notices of client portal payments at this address.`,
  });
}
