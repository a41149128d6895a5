import { brandedLayout, firmName, greeting, type EmailFirm, type RenderedEmail } from '../mail/index.ts';
import { formatCalendarDate, formatMoney } from '../money.ts';

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
}

/** Tells a client a new invoice (or a trust retainer request) is waiting in the portal. */
export function invoiceEmail(input: InvoiceEmailInput): RenderedEmail {
  if (input.reminder) return invoiceReminderEmail(input);
  const name = firmName(input.firm);
  const { invoice } = input;
  const due = formatMoney(invoice.balance, invoice.currency);
  const dueOn = formatCalendarDate(invoice.dueOn);
  const retainer = invoice.depositAccount === 'trust';
  const what = retainer ? 'retainer request' : 'invoice';
  return brandedLayout({
    firm: input.firm,
    subject: `${name}: ${retainer ? 'Retainer request' : 'Invoice'} ${invoice.number} — ${due} due ${dueOn}`,
    preheader: `${due} due by ${dueOn}. View and pay it in the client portal.`,
    heading: retainer ? 'A retainer request is ready' : 'A new invoice is ready',
    blocks: [
      { type: 'paragraph', text: greeting(input.contactName) },
      {
        type: 'paragraph',
        text: retainer
          ? `${name} has sent you a request to deposit funds into your trust account. Funds are held in trust and applied to your matter as work is done.`
          : `${name} has sent you a new invoice. You can view the details and pay it securely in the client portal.`,
      },
      {
        type: 'facts',
        rows: [
          { label: retainer ? 'Request' : 'Invoice', value: invoice.number },
          ...(invoice.matter ? [{ label: 'Matter', value: invoice.matter }] : []),
          { label: 'Amount due', value: due },
          { label: 'Due by', value: dueOn },
        ],
      },
      { type: 'action', label: `View and pay ${what}`, url: input.link },
      { type: 'note', text: `If you have questions about this ${what}, reply to this email or send ${name} a secure message from the portal.` },
    ],
    reason: `You received this email because you are a client of ${name}.`,
  });
}

/**
 * Reminds a client of an invoice sent before: what is left to pay and what was paid already,
 * never "a new invoice", which would read as a second bill.
 */
function invoiceReminderEmail(input: InvoiceEmailInput): RenderedEmail {
  const name = firmName(input.firm);
  const { invoice } = input;
  const left = formatMoney(invoice.balance, invoice.currency);
  const dueOn = formatCalendarDate(invoice.dueOn);
  const retainer = invoice.depositAccount === 'trust';
  const what = retainer ? 'retainer request' : 'invoice';
  const partly = invoice.amountPaid > 0;
  return brandedLayout({
    firm: input.firm,
    subject: `${name}: Reminder — ${retainer ? 'Retainer request' : 'Invoice'} ${invoice.number}, ${left} left to pay, due ${dueOn}`,
    preheader: `${left} left to pay on ${what} ${invoice.number}, due by ${dueOn}.`,
    heading: `A reminder about ${what} ${invoice.number}`,
    blocks: [
      { type: 'paragraph', text: greeting(input.contactName) },
      {
        type: 'paragraph',
        text: partly
          ? `This is a reminder from ${name}: ${what} ${invoice.number} has ${left} left to pay. Thank you for the ${formatMoney(invoice.amountPaid, invoice.currency)} already paid.`
          : `This is a reminder from ${name}: ${what} ${invoice.number} has ${left} left to pay. You can view it and pay it securely in the client portal.`,
      },
      {
        type: 'facts',
        rows: [
          { label: retainer ? 'Request' : 'Invoice', value: invoice.number },
          ...(invoice.matter ? [{ label: 'Matter', value: invoice.matter }] : []),
          { label: 'Total', value: formatMoney(invoice.total, invoice.currency) },
          ...(partly ? [{ label: 'Paid so far', value: formatMoney(invoice.amountPaid, invoice.currency) }] : []),
          { label: 'Left to pay', value: left },
          { label: 'Due by', value: dueOn },
        ],
      },
      { type: 'action', label: `View and pay ${what}`, url: input.link },
      {
        type: 'note',
        text: `If you have already paid, thank you: payments by bank take a few days to arrive. Questions? Reply to this email or send ${name} a secure message from the portal.`,
      },
    ],
    reason: `You received this email because you are a client of ${name}.`,
  });
}
