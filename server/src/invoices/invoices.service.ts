import { z } from 'zod';
import type { Actor, AuditLog } from '../audit/audit.repository.ts';
import { addDays, isCalendarDate, todayIn } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import type { Firm } from '../firms/firm.ts';
import type { FirmsRepository } from '../firms/firms.repository.ts';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { Mailer } from '../mail/mailer.ts';
import { newId } from '../db/ids.ts';
import { invoiceEmail } from './invoice.emails.ts';
import { clientStatuses, priceLines, type InvoiceDetail, type InvoiceStatus, type InvoiceSummary, type LineInput } from './invoice.ts';
import { InvoicesRepository, type InvoiceSortKey } from './invoices.repository.ts';

const calendarDate = z.string().refine(isCalendarDate, 'must be a date like 2026-03-31');
const minor = z.number().int('must be whole minor units (cents)').min(0).max(1_000_000_000_000);
const quantity = z
  .number()
  .positive()
  .max(1_000_000)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'must have at most three decimals');

const lineSchema = z.strictObject({
  kind: z.enum(['time', 'expense', 'flat_fee', 'discount', 'tax']),
  date: calendarDate.optional(),
  description: z.string().trim().min(1, 'is required').max(1000),
  quantity: quantity.optional(),
  rate: minor.optional(),
  amount: minor.optional(),
  percent: z.number().min(0).max(100).optional(),
});

const invoiceFields = {
  number: z.string().trim().min(1).max(40).regex(/^[\w./#-]+$/, 'may hold letters, digits and . / # - _').optional(),
  matter: z.string().trim().max(200).nullable().optional(),
  issuedOn: calendarDate.optional(),
  dueOn: calendarDate.optional(),
  depositAccount: z.enum(['operating', 'trust']).optional(),
  notes: z.string().trim().max(4000).nullable().optional(),
  lines: z.array(lineSchema).max(500).optional(),
};
const newInvoiceSchema = z.strictObject({ contactId: z.string().min(1).max(64), currency: z.string().regex(/^[A-Z]{3}$/).optional(), ...invoiceFields });
const invoiceChangesSchema = z.strictObject(invoiceFields);

const sortKeys = ['issuedOn', 'dueOn', 'number', 'total', 'balance'] as const;
const statusFilter = z
  .string()
  .default('all')
  .transform((value, ctx) => {
    const wanted = new Set<InvoiceStatus>();
    for (const part of value.split(',')) {
      if (part === 'all') clientStatuses.forEach((s) => wanted.add(s));
      else if (part === 'unpaid') ['open', 'partially_paid', 'overdue'].forEach((s) => wanted.add(s as InvoiceStatus));
      else if ((clientStatuses as readonly string[]).includes(part) || part === 'draft') wanted.add(part as InvoiceStatus);
      else {
        ctx.addIssue({ code: 'custom', message: `has an unknown status "${part}" (use ${[...clientStatuses, 'unpaid', 'all'].join(', ')})` });
        return z.NEVER;
      }
    }
    return [...wanted];
  });
const listQuery = z.strictObject({
  status: statusFilter,
  sort: z
    .string()
    .default('-issuedOn')
    .refine((s) => (sortKeys as readonly string[]).includes(s.replace(/^-/, '')), `must be one of ${sortKeys.join(', ')}, optionally with a leading - for descending`),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
const adminListQuery = listQuery.extend({ contactId: z.string().max(64).optional() });

export interface InvoicesServiceDeps {
  invoices: InvoicesRepository;
  firms: FirmsRepository;
  contacts: ContactsRepository;
  mailer: Mailer;
  unitOfWork: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
}

/** Invoices as the client reads them and as the firm writes them. Status is always derived. */
export class InvoicesService {
  constructor(private readonly deps: InvoicesServiceDeps) {}

  /** The client's invoices, never drafts, a page at a time. */
  listForClient(firmId: string, contactId: string, query: unknown): Page<InvoiceSummary> {
    const q = parse(listQuery, query, 'query');
    return this.#page(firmId, { ...q, contactId, status: q.status.filter((s) => s !== 'draft') });
  }

  getForClient(firmId: string, contactId: string, id: string): InvoiceDetail {
    const record = this.#find(firmId, id);
    if (!record || record.state === 'draft' || record.detail.contactId !== contactId) throw Problem.notFound('invoice');
    return record.detail;
  }

  listForFirm(firmId: string, query: unknown): Page<InvoiceSummary> {
    const q = parse(adminListQuery, query, 'query');
    if (q.contactId && !this.deps.contacts.find(firmId, q.contactId)) throw Problem.notFound('contact');
    const status = query && typeof query === 'object' && 'status' in query ? q.status : [...q.status, 'draft' as const];
    return this.#page(firmId, { ...q, status });
  }

  getForFirm(firmId: string, id: string): InvoiceDetail & { state: string } {
    const record = this.#find(firmId, id);
    if (!record) throw Problem.notFound('invoice');
    return { ...record.detail, state: record.state };
  }

  /** A new invoice starts as a draft the client cannot see until it is sent. */
  create(firmId: string, input: unknown, actor: Actor) {
    const body = parse(newInvoiceSchema, input);
    const firm = this.#firm(firmId);
    const contact = this.deps.contacts.find(firmId, body.contactId);
    if (!contact) throw Problem.unprocessable('contact_not_found', `No contact ${body.contactId} in this firm.`);
    if (body.number && this.deps.invoices.numberTaken(firmId, body.number)) {
      throw Problem.conflict('invoice_number_taken', `An invoice numbered ${body.number} already exists.`);
    }
    const issuedOn = body.issuedOn ?? todayIn(firm.settings.timeZone, this.deps.clock());
    const dueOn = body.dueOn ?? addDays(issuedOn, 30);
    if (dueOn < issuedOn) throw this.#invalid('dueOn', 'must not be before issuedOn');
    const now = this.deps.clock().toISOString();
    const id = this.deps.invoices.create(
      {
        firmId,
        contactId: contact.id,
        number: body.number ?? this.deps.invoices.nextNumber(firmId),
        matter: body.matter ?? null,
        issuedOn,
        dueOn,
        currency: body.currency ?? firm.currency,
        depositAccount: body.depositAccount ?? 'operating',
        notes: body.notes ?? null,
        priced: this.#price(body.lines ?? []),
      },
      now,
    );
    this.deps.audit.record({ firmId, actor, action: 'invoice.created', subject: { type: 'invoice', id } }, now);
    return this.getForFirm(firmId, id);
  }

  /** Drafts change freely; a sent invoice keeps its lines and amounts (void it and issue a new one). */
  update(firmId: string, id: string, input: unknown, actor: Actor) {
    const changes = parse(invoiceChangesSchema, input);
    const current = this.getForFirm(firmId, id);
    if (current.state === 'void') throw Problem.conflict('invoice_void', 'A void invoice cannot be changed.');
    if (current.state === 'sent') {
      const locked = (['lines', 'number', 'issuedOn', 'depositAccount'] as const).filter((field) => changes[field] !== undefined);
      if (locked.length) {
        throw Problem.conflict('invoice_sent', `A sent invoice's ${locked.join(', ')} cannot change. Void it and issue a new one instead.`);
      }
    }
    if (changes.number && this.deps.invoices.numberTaken(firmId, changes.number, id)) {
      throw Problem.conflict('invoice_number_taken', `An invoice numbered ${changes.number} already exists.`);
    }
    if ((changes.dueOn ?? current.dueOn) < (changes.issuedOn ?? current.issuedOn)) throw this.#invalid('dueOn', 'must not be before issuedOn');
    const { lines, ...rest } = changes;
    const now = this.deps.clock().toISOString();
    this.deps.invoices.update(id, { ...rest, priced: lines ? this.#price(lines) : undefined }, now);
    this.deps.audit.record({ firmId, actor, action: 'invoice.updated', subject: { type: 'invoice', id }, data: { fields: Object.keys(changes) } }, now);
    return this.getForFirm(firmId, id);
  }

  /** Publishes the invoice to the client and emails them; sending again re-sends the email. */
  async send(firmId: string, id: string, actor: Actor) {
    const invoice = this.getForFirm(firmId, id);
    if (invoice.state === 'void') throw Problem.conflict('invoice_void', 'A void invoice cannot be sent.');
    if (invoice.lines.length === 0 || invoice.total <= 0) throw Problem.conflict('invoice_empty', 'Add at least one line with an amount before sending.');
    const contact = this.deps.contacts.find(firmId, invoice.contactId)!;
    if (contact.status !== 'active') throw Problem.conflict('contact_archived', 'The contact is archived.');
    const firm = this.#firm(firmId);
    const now = this.deps.clock().toISOString();
    const link = this.#invoiceLink(firm, id);
    // Published and its email queued together; each send is its own email.
    return this.deps.unitOfWork(() => {
      this.deps.invoices.markSent(id, now);
      const sent = this.getForFirm(firmId, id);
      this.deps.mailer.queue(
        {
          firmId,
          kind: 'invoice',
          to: contact.email,
          fromName: firm.name,
          replyTo: firm.settings.inboxEmail,
          ...invoiceEmail({
            firm: { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors },
            contactName: contact.name,
            invoice: sent,
            link,
          }),
        },
        `invoice:${id}:${newId('send')}`,
      );
      this.deps.audit.record({ firmId, actor, action: 'invoice.sent', subject: { type: 'invoice', id } }, now);
      return sent;
    });
  }

  /** Cancels an invoice. One with money applied or on its way must have that refunded first. */
  void(firmId: string, id: string, input: unknown, actor: Actor) {
    const { reason } = parse(z.strictObject({ reason: z.string().trim().max(500).optional() }), input ?? {});
    const invoice = this.getForFirm(firmId, id);
    if (invoice.state === 'void') return invoice;
    if (invoice.amountPaid > 0 || invoice.amountPending > 0) {
      throw Problem.conflict('invoice_has_payments', 'This invoice has payments applied or processing. Refund them before voiding it.');
    }
    const now = this.deps.clock().toISOString();
    this.deps.invoices.markVoid(id, reason ?? null, now);
    this.deps.audit.record({ firmId, actor, action: 'invoice.voided', subject: { type: 'invoice', id }, data: { reason } }, now);
    return this.getForFirm(firmId, id);
  }

  deleteDraft(firmId: string, id: string, actor: Actor): void {
    const invoice = this.getForFirm(firmId, id);
    if (invoice.state !== 'draft') throw Problem.conflict('invoice_not_draft', 'Only drafts can be deleted; void a sent invoice instead.');
    this.deps.invoices.deleteDraft(id);
    this.deps.audit.record({ firmId, actor, action: 'invoice.deleted', subject: { type: 'invoice', id } }, this.deps.clock().toISOString());
  }

  #page(firmId: string, q: { status: InvoiceStatus[]; sort: string; limit: number; cursor?: string; contactId?: string }): Page<InvoiceSummary> {
    const descending = q.sort.startsWith('-');
    const sort = q.sort.replace(/^-/, '') as InvoiceSortKey;
    let after: { value: string | number; id: string } | undefined;
    if (q.cursor) {
      const position = decodeCursor(q.cursor, ['v', 'id', 's']);
      if (position.s !== q.sort || typeof position.id !== 'string' || position.v === null) {
        throw Problem.badRequest('invalid_cursor', 'The paging cursor belongs to another sort order. Start again from the first page.');
      }
      after = { value: position.v, id: position.id };
    }
    if (q.status.length === 0) return { data: [], nextCursor: null };
    const firm = this.#firm(firmId);
    const rows = this.deps.invoices.list({
      firmId,
      contactId: q.contactId,
      statuses: q.status,
      sort,
      descending,
      limit: q.limit + 1,
      after,
      today: todayIn(firm.settings.timeZone, this.deps.clock()),
    });
    const data = rows.slice(0, q.limit);
    const last = data.at(-1);
    return {
      data,
      nextCursor: rows.length > q.limit && last ? encodeCursor({ v: InvoicesRepository.sortValue(last, sort), id: last.id, s: q.sort }) : null,
    };
  }

  #find(firmId: string, id: string) {
    const firm = this.#firm(firmId);
    return this.deps.invoices.find(firmId, id, todayIn(firm.settings.timeZone, this.deps.clock()));
  }

  #price(lines: LineInput[]) {
    const priced = priceLines(lines);
    if ('error' in priced) throw this.#invalid(`lines.${priced.index}`, priced.error);
    return priced;
  }

  #invalid(field: string, message: string) {
    return Problem.badRequest('invalid_request', `The request body is invalid: ${field} ${message}.`, { errors: [{ field, message }] });
  }

  #firm(firmId: string): Firm {
    return this.deps.firms.findById(firmId)!;
  }

  #invoiceLink(firm: Firm, id: string): string {
    const base = firm.settings.portalUrl ?? firm.siteUrl;
    if (!base) throw Problem.conflict('portal_url_missing', "Set the firm's portal URL (settings.portalUrl) so emails can link to the portal.");
    const url = new URL(base);
    url.searchParams.set('invoice', id);
    return url.toString();
  }
}
