import { brandedLayout, firmName, greeting, type EmailFirm, type RenderedEmail } from '../mail/index.ts';
import { formatCalendarDate, formatMoney } from '../money.ts';

export interface InvoiceEmailInput {
  firm: EmailFirm;
  contactName: string;
  invoice: { number: string; matter: string | null; dueOn: string; currency: string; total: number; balance: number; depositAccount: 'operating' | 'trust' };
  /** The firm's portal page, opening this invoice. */
  link: string;
}

/** Tells a client a new invoice (or a trust retainer request) is waiting in the portal. */
export function invoiceEmail(input: InvoiceEmailInput): RenderedEmail {
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
