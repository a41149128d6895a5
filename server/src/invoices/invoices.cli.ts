import { cliActor, contactByEmail, withServices, type Command } from '../cli/command.ts';
import { Problem } from '../http/problem.ts';
import { formatMoney, minorDigits } from '../money.ts';
import type { Services } from '../services.ts';
import type { LineInput } from './invoice.ts';

/** `295.00` in USD → 29500. Refuses more decimals than the currency has. */
export function parseMoney(text: string, currency: string): number {
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim().replace(/,/g, ''));
  if (!match || (match[2]?.length ?? 0) > digits) throw Problem.badRequest('invalid_amount', `"${text}" is not an amount in ${currency}.`);
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
}

/** `time|Draft motion|1.5|295.00`, `flat_fee|Retainer|5000`, `discount|Courtesy|10%`, `tax|Sales tax|8.25%`. */
export function parseLine(text: string, currency: string): LineInput {
  const [kind, description, first, second] = text.split('|').map((part) => part.trim());
  const line = { kind, description } as LineInput;
  if (!first) throw Problem.badRequest('invalid_line', `"${text}" needs an amount: KIND|DESCRIPTION|AMOUNT or KIND|DESCRIPTION|QUANTITY|RATE.`);
  if (first.endsWith('%')) line.percent = Number(first.slice(0, -1));
  else if (second !== undefined) Object.assign(line, { quantity: Number(first), rate: parseMoney(second, currency) });
  else line.amount = parseMoney(first, currency);
  return line;
}

const invoiceByNumber = async (services: Services, firmId: string, number: string) => {
  const id = await services.repositories.invoices.idByNumber(firmId, number);
  if (!id) throw Problem.notFound(`invoice numbered ${number}`);
  return id;
};

const describe = (invoice: { number: string; status: string; total: number; balance: number; currency: string; dueOn: string }) =>
  `${invoice.number.padEnd(10)} ${invoice.status.padEnd(15)} total ${formatMoney(invoice.total, invoice.currency).padStart(12)}  balance ${formatMoney(invoice.balance, invoice.currency).padStart(12)}  due ${invoice.dueOn}`;

export const invoiceCommands: Record<string, Command> = {
  'invoice create': {
    usage:
      'portico invoice create --firm SLUG --contact EMAIL --line "KIND|DESCRIPTION|AMOUNT" … [--number N] [--matter M] [--issued DATE] [--due DATE] [--trust] [--send]',
    summary: 'Draft an invoice (or, with --trust, a retainer request); --send publishes it and emails the client.',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      contact: { type: 'string', description: "The client's email address." },
      line: {
        type: 'string',
        multiple: true,
        description: 'A line: time|Drafting|1.5|295.00, expense|Filing fee|435.00, flat_fee|…|AMOUNT, discount|…|10%, tax|…|8.25% (repeatable).',
      },
      number: { type: 'string', description: 'Invoice number (default: the next INV-…).' },
      matter: { type: 'string', description: 'The matter it bills.' },
      issued: { type: 'string', description: 'Issue date, YYYY-MM-DD (default today).' },
      due: { type: 'string', description: 'Due date, YYYY-MM-DD (default 30 days after issue).' },
      trust: { type: 'boolean', description: 'Deposit into the trust account (a retainer request).' },
      notes: { type: 'string', description: 'A note shown on the invoice.' },
      send: { type: 'boolean', description: 'Publish it to the client and email them now.' },
    },
    required: ['firm', 'contact'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const contact = await contactByEmail(services, firm.id, v.contact as string);
        let invoice = await services.invoices.create(
          firm.id,
          {
            contactId: contact.id,
            number: v.number,
            matter: v.matter,
            issuedOn: v.issued,
            dueOn: v.due,
            notes: v.notes,
            depositAccount: v.trust ? 'trust' : 'operating',
            lines: ((v.line as string[] | undefined) ?? []).map((line) => parseLine(line, firm.currency)),
          },
          cliActor,
        );
        if (v.send) invoice = { ...(await services.invoices.send(firm.id, invoice.id, cliActor)), state: 'sent' };
        out(`${invoice.state === 'sent' ? 'Sent' : 'Drafted'} ${describe(invoice)} (${invoice.id})`);
      });
    },
  },
  'invoice send': {
    usage: 'portico invoice send --firm SLUG --number N',
    summary: 'Publish an invoice to the client and email them (again, if it was sent before).',
    options: { firm: { type: 'string', description: 'The firm slug.' }, number: { type: 'string', description: 'The invoice number.' } },
    required: ['firm', 'number'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const id = await invoiceByNumber(services, firm.id, v.number as string);
        out(`Sent ${describe(await services.invoices.send(firm.id, id, cliActor))}`);
      });
    },
  },
  'invoice void': {
    usage: 'portico invoice void --firm SLUG --number N [--reason TEXT]',
    summary: 'Cancel an invoice that has no payments applied.',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      number: { type: 'string', description: 'The invoice number.' },
      reason: { type: 'string', description: 'Why it is void (kept in the audit log).' },
    },
    required: ['firm', 'number'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const id = await invoiceByNumber(services, firm.id, v.number as string);
        const invoice = await services.invoices.void(firm.id, id, { reason: v.reason }, cliActor);
        out(`Voided ${describe(invoice)}`);
      });
    },
  },
  'invoice list': {
    usage: 'portico invoice list --firm SLUG [--contact EMAIL] [--status unpaid|overdue|paid|draft|…]',
    summary: "List a firm's invoices, newest first.",
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      contact: { type: 'string', description: "Only this client's invoices." },
      status: { type: 'string', description: 'Only these statuses (comma-separated).' },
    },
    required: ['firm'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const contactId = v.contact ? (await contactByEmail(services, firm.id, v.contact as string)).id : undefined;
        const query = { limit: '200', ...(contactId ? { contactId } : {}), ...(v.status ? { status: v.status } : {}) };
        const { data } = await services.invoices.listForFirm(firm.id, query);
        if (data.length === 0) out('No invoices.');
        for (const invoice of data) out(describe(invoice));
      });
    },
  },
  'payment record': {
    usage: 'portico payment record --firm SLUG --number INVOICE --amount 500.00 --method check|wire|cash|other [--reference TEXT]',
    summary: 'Record a payment the firm received outside the portal against an invoice.',
    options: {
      firm: { type: 'string', description: 'The firm slug.' },
      number: { type: 'string', description: 'The invoice it pays.' },
      amount: { type: 'string', description: 'The amount, e.g. 500.00.' },
      method: { type: 'string', description: 'check, wire, cash or other.' },
      reference: { type: 'string', description: 'E.g. the check number.' },
    },
    required: ['firm', 'number', 'amount', 'method'],
    async run(v, { config, out }) {
      await withServices(config, async (services) => {
        const firm = await services.firms.bySlug(v.firm as string);
        const invoice = await services.invoices.getForFirm(firm.id, await invoiceByNumber(services, firm.id, v.number as string));
        const amount = parseMoney(v.amount as string, invoice.currency);
        const payment = await services.payments.recordOffline(
          firm.id,
          { contactId: invoice.contactId, amount, method: { type: v.method, reference: v.reference }, allocations: [{ invoiceId: invoice.id, amount }] },
          cliActor,
        );
        out(`Recorded ${formatMoney(payment.amount, payment.currency)} (${payment.receiptNumber}) on ${invoice.number}`);
      });
    },
  },
};
