import type { Language } from '../i18n/index.ts';
import { brandedLayout, emailWords, type EmailFirm, type RenderedEmail } from '../mail/index.ts';

export interface InvoiceEmailInput {
  firm: EmailFirm;
  contactName: string;
  invoice: {
    number: string;
    matter: string | null;
    dueOn: string;
    currency: string;
    total: number;
    amountPaid: number;
    balance: number;
    depositAccount: 'operating' | 'trust';
  };
  /** The firm's portal page, opening this invoice. */
  link: string;
  /** The invoice was sent before: this email reminds the client of what is left to pay. */
  reminder?: boolean;
  /** The contact's language; English unless given. */
  language?: Language;
}

/** Tells a client a new invoice (or a trust retainer request) is waiting in the portal. */
export function invoiceEmail(input: InvoiceEmailInput): RenderedEmail {
  if (input.reminder) return invoiceReminderEmail(input);
  const { invoice } = input;
  const w = emailWords(input.firm, { language: input.language, currency: invoice.currency });
  const { t, firm } = w;
  const amount = w.money(invoice.balance, invoice.currency);
  const date = w.calendarDate(invoice.dueOn);
  const retainer = invoice.depositAccount === 'trust';
  const what = t(retainer ? 'email.invoice.what-trust' : 'email.invoice.what');
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t(retainer ? 'email.invoice.subject-trust' : 'email.invoice.subject', { firm, number: invoice.number, amount, date }),
    preheader: t('email.invoice.preheader', { amount, date }),
    heading: t(retainer ? 'email.invoice.heading-trust' : 'email.invoice.heading'),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t(retainer ? 'email.invoice.body-trust' : 'email.invoice.body', { firm }) },
      {
        type: 'facts',
        rows: [
          { label: t(retainer ? 'email.invoice.fact.request' : 'email.invoice.fact.invoice'), value: invoice.number },
          ...(invoice.matter ? [{ label: t('email.invoice.fact.matter'), value: invoice.matter }] : []),
          { label: t('email.invoice.fact.amount-due'), value: amount },
          { label: t('email.invoice.fact.due-by'), value: date },
        ],
      },
      { type: 'action', label: t('email.invoice.action', { what }), url: input.link },
      { type: 'note', text: t('email.invoice.questions', { what, firm }) },
    ],
    reason: t('email.reason.client', { firm }),
  });
}

/**
 * Reminds a client of an invoice sent before: what is left to pay and what was paid already,
 * never "a new invoice", which would read as a second bill.
 */
function invoiceReminderEmail(input: InvoiceEmailInput): RenderedEmail {
  const { invoice } = input;
  const w = emailWords(input.firm, { language: input.language, currency: invoice.currency });
  const { t, firm } = w;
  const amount = w.money(invoice.balance, invoice.currency);
  const paid = w.money(invoice.amountPaid, invoice.currency);
  const date = w.calendarDate(invoice.dueOn);
  const retainer = invoice.depositAccount === 'trust';
  const what = t(retainer ? 'email.invoice.what-trust' : 'email.invoice.what');
  const partly = invoice.amountPaid > 0;
  const values = { firm, what, number: invoice.number, amount, paid, date };
  return brandedLayout({
    firm: input.firm,
    language: w.language,
    subject: t(retainer ? 'email.invoice-reminder.subject-trust' : 'email.invoice-reminder.subject', values),
    preheader: t('email.invoice-reminder.preheader', values),
    heading: t('email.invoice-reminder.heading', values),
    blocks: [
      { type: 'paragraph', text: w.greeting(input.contactName) },
      { type: 'paragraph', text: t(partly ? 'email.invoice-reminder.body-partly' : 'email.invoice-reminder.body', values) },
      {
        type: 'facts',
        rows: [
          { label: t(retainer ? 'email.invoice.fact.request' : 'email.invoice.fact.invoice'), value: invoice.number },
          ...(invoice.matter ? [{ label: t('email.invoice.fact.matter'), value: invoice.matter }] : []),
          { label: t('email.invoice.fact.total'), value: w.money(invoice.total, invoice.currency) },
          ...(partly ? [{ label: t('email.invoice.fact.paid'), value: paid }] : []),
          { label: t('email.invoice.fact.left'), value: amount },
          { label: t('email.invoice.fact.due-by'), value: date },
        ],
      },
      { type: 'action', label: t('email.invoice.action', { what }), url: input.link },
      { type: 'note', text: t('email.invoice-reminder.note', { firm }) },
    ],
    reason: t('email.reason.client', { firm }),
  });
}
