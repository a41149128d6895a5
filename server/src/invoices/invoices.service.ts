import type { z } from 'zod';
import type { Actor, AuditLog } from '../audit/index.ts';
import { addDays, todayIn } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import type { ContactsService, EmailChoices } from '../contacts/index.ts';
import type { Firm } from '../firms/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { assertSameExternalId, externalIdFromPath, externalIdTaken, guardExternalId } from '../external-id.ts';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { Mailer } from '../mail/index.ts';
import { newId } from '../db/ids.ts';
import { invoiceEmail } from './invoice.emails.ts';
import { priceLines, type DepositAccount, type InvoiceDetail, type InvoiceLine, type InvoiceStatus, type InvoiceSummary, type LineInput } from './invoice.ts';
import { adminListQuery, invoiceChangesSchema, listQuery, newInvoiceSchema, type OutstandingInvoices, voidSchema } from './invoices.contract.ts';
import { InvoicesRepository, type InvoiceQuery, type InvoiceSortKey } from './invoices.repository.ts';

type NewInvoice = z.output<typeof newInvoiceSchema>;
type Outstanding = z.output<typeof OutstandingInvoices>;
/** The most unpaid invoices one answer lists: far more than any client has. */
const outstandingLimit = 10_000;
type InvoiceChanges = z.output<typeof invoiceChangesSchema>;
/** The fields a sent invoice keeps as they were sent. */
const sentFields = ['lines', 'number', 'issuedOn', 'depositAccount'] as const;

/** An invoice as the firm sees it: its figures, stored lifecycle state and the firm's own id for it. */
export type FirmInvoice = InvoiceDetail & { state: 'draft' | 'sent' | 'void'; externalId: string | null; createdAt: string; voidReason: string | null };

export interface InvoicesServiceDeps {
  invoices: InvoicesRepository;
  firms: FirmsService;
  contacts: ContactsService;
  mailer: Mailer;
  /** Which notices each client wants by email (their profile's choices). */
  emailChoices: EmailChoices;
  unitOfWork: UnitOfWork;
  audit: AuditLog;
  clock: Clock;
}

/** Invoices as the client reads them and as the firm writes them. Status is always derived. */
export class InvoicesService {
  /** Called inside the transaction that first publishes an invoice (autopay schedules its charge there). */
  readonly #published: ((firmId: string, invoice: FirmInvoice) => Promise<void>)[] = [];

  constructor(private readonly deps: InvoicesServiceDeps) {}

  /** Registers `listener` to run in the transaction that first publishes an invoice, so what it writes commits with it. */
  onPublished(listener: (firmId: string, invoice: FirmInvoice) => Promise<void>): void {
    this.#published.push(listener);
  }

  /** The matters the client's published invoices name, alphabetically. */
  mattersForClient(firmId: string, contactId: string): Promise<string[]> {
    return this.deps.invoices.mattersOf(firmId, contactId);
  }

  /**
   * The client's invoices, never drafts, a page at a time. The client-facing reads take the firm
   * the request was authenticated with, rather than reading it again for its time zone.
   */
  async listForClient(firm: Firm, contactId: string, query: unknown): Promise<Page<InvoiceSummary>> {
    const q = parse(listQuery, query, 'query');
    return this.#page(firm, { ...q, contactId, status: q.status.filter((s) => s !== 'draft') }, (page) => this.deps.invoices.summaries(page));
  }

  /**
   * What the client owes now, in one query: every unpaid invoice with something left to pay
   * (soonest due first), and their sum when they share one currency; and what payments still
   * processing will pay on them, so that the sum and the invoices' balances can be reconciled.
   */
  async outstandingForClient(firm: Firm, contactId: string): Promise<Outstanding> {
    const unpaid = await this.deps.invoices.owed({
      firmId: firm.id,
      contactId,
      limit: outstandingLimit,
      today: todayIn(firm.settings.timeZone, this.deps.clock()),
    });
    const owed = unpaid.filter((invoice) => invoice.openBalance > 0);
    const pending = unpaid.filter((invoice) => invoice.amountPending > 0);
    const owedCurrency = oneCurrency(owed);
    // With nothing left to pay now, the currency is that of the payments on their way.
    const currency = owed.length ? owedCurrency : oneCurrency(pending);
    let processing: number | null = 0;
    if (pending.length)
      processing = currency !== null && oneCurrency(pending) === currency ? pending.reduce((sum, invoice) => sum + invoice.amountPending, 0) : null;
    return {
      invoiceIds: owed.map((invoice) => invoice.id),
      amount: owedCurrency ? owed.reduce((sum, invoice) => sum + invoice.openBalance, 0) : null,
      currency,
      processing,
    };
  }

  /** The invoices sent to the client after `since` (all when null): how many, and the newest `limit`. */
  sentToClientSince(firmId: string, contactId: string, since: string | null, limit: number) {
    return this.deps.invoices.sentToContactSince(firmId, contactId, since, limit);
  }

  async getForClient(firm: Firm, contactId: string, id: string): Promise<InvoiceDetail> {
    const record = await this.#find(firm, id);
    if (!record || record.state === 'draft' || record.detail.contactId !== contactId) throw Problem.notFound('invoice');
    return record.detail;
  }

  async listForFirm(firmId: string, query: unknown): Promise<Page<InvoiceSummary & { externalId: string | null }>> {
    const q = parse(adminListQuery, query, 'query');
    if (q.contactId && !(await this.deps.contacts.find(firmId, q.contactId))) throw Problem.notFound('contact');
    const status = query && typeof query === 'object' && 'status' in query ? q.status : [...q.status, 'draft' as const];
    return this.#page(await this.#firm(firmId), { ...q, status }, (page) => this.deps.invoices.list(page));
  }

  async getForFirm(firmId: string, id: string): Promise<FirmInvoice> {
    const invoice = await this.findForFirm(firmId, id);
    if (!invoice) throw Problem.notFound('invoice');
    return invoice;
  }

  /** The invoice with its stored state, or undefined when the firm has none by that id. */
  async findForFirm(firmId: string, id: string): Promise<FirmInvoice | undefined> {
    return (await this.findManyForFirm(firmId, [id])).get(id);
  }

  /** Those of `ids` that are the firm's invoices, with their stored state, by id (the firm's date read once). */
  async findManyForFirm(firmId: string, ids: readonly string[]): Promise<Map<string, FirmInvoice>> {
    const firm = await this.#firm(firmId);
    const today = todayIn(firm.settings.timeZone, this.deps.clock());
    const found = new Map<string, FirmInvoice>();
    for (const id of new Set(ids)) {
      const record = await this.deps.invoices.find(firmId, id, today);
      if (record) {
        found.set(id, { ...record.detail, state: record.state, externalId: record.externalId, createdAt: record.createdAt, voidReason: record.voidReason });
      }
    }
    return found;
  }

  /**
   * Holds these invoices until the caller's transaction ends, so a payment checks and takes
   * their balances without another payment doing the same in between (see the repository).
   */
  lock(firmId: string, ids: readonly string[]): Promise<void> {
    return this.deps.invoices.lock(firmId, ids);
  }

  /** A new invoice starts as a draft the client cannot see until it is sent. */
  create(firmId: string, input: unknown, actor: Actor) {
    return this.#create(firmId, parse(newInvoiceSchema, input), actor);
  }

  /** Drafts change freely; a sent invoice keeps its lines and amounts (void it and issue a new one). */
  update(firmId: string, id: string, input: unknown, actor: Actor) {
    return this.#update(firmId, id, parse(invoiceChangesSchema, input), actor);
  }

  /**
   * `PUT /invoices/by-external-id/:externalId`: the firm's practice system keeps an invoice in step
   * by its own id. Creates a draft when no invoice has that externalId; else changes the one that
   * has, as PATCH does (the fields sent replace the stored ones, those left out stay). A sent
   * invoice's lines, number, issue date and deposit account may be sent again unchanged, never
   * changed; its contact and currency never change.
   */
  async upsertByExternalId(firmId: string, externalIdParam: unknown, input: unknown, actor: Actor) {
    const externalId = externalIdFromPath(externalIdParam);
    const body = parse(newInvoiceSchema, input);
    assertSameExternalId(externalId, body.externalId);
    const id = await this.deps.invoices.idByExternalId(firmId, externalId);
    if (!id) return { created: true, invoice: await this.#create(firmId, { ...body, externalId }, actor) };
    const current = await this.getForFirm(firmId, id);
    const { contactId, currency, ...fields } = body;
    if (contactId !== current.contactId) {
      throw Problem.conflict(
        'invoice_contact_fixed',
        `Invoice ${current.number} belongs to contact ${current.contactId}; an invoice's contact cannot change. Void it and issue a new one instead.`,
      );
    }
    if (currency !== undefined && currency !== current.currency) {
      throw Problem.conflict('invoice_currency_fixed', `Invoice ${current.number} is in ${current.currency}; an invoice's currency cannot change.`);
    }
    const changes: InvoiceChanges = { ...fields, externalId };
    if (current.state === 'sent') {
      for (const field of sentFields) if (this.#unchanged(current, field, changes)) delete changes[field];
    }
    return { created: false, invoice: await this.#update(firmId, id, changes, actor) };
  }

  /** Whether a field sent for a sent invoice says what the invoice already says. */
  #unchanged(current: InvoiceDetail, field: (typeof sentFields)[number], changes: InvoiceChanges): boolean {
    if (field !== 'lines') return changes[field] === undefined || changes[field] === current[field];
    if (changes.lines === undefined) return true;
    const priced = this.#price(changes.lines);
    const same = (a: Omit<InvoiceLine, 'id'>, b: Omit<InvoiceLine, 'id'>) =>
      a.kind === b.kind && a.date === b.date && a.description === b.description && a.quantity === b.quantity && a.rate === b.rate && a.amount === b.amount;
    return priced.lines.length === current.lines.length && priced.lines.every((line, n) => same(line, current.lines[n]!));
  }

  async #create(firmId: string, body: NewInvoice, actor: Actor) {
    const firm = await this.#firm(firmId);
    const contact = await this.deps.contacts.find(firmId, body.contactId);
    if (!contact) throw Problem.unprocessable('contact_not_found', `No contact ${body.contactId} in this firm.`);
    if (body.number && (await this.deps.invoices.numberTaken(firmId, body.number))) {
      throw Problem.conflict('invoice_number_taken', `An invoice numbered ${body.number} already exists.`);
    }
    if (body.externalId && (await this.deps.invoices.idByExternalId(firmId, body.externalId))) throw externalIdTaken('invoice', body.externalId);
    const issuedOn = body.issuedOn ?? todayIn(firm.settings.timeZone, this.deps.clock());
    const dueOn = body.dueOn ?? addDays(issuedOn, 30);
    if (dueOn < issuedOn) throw this.#invalid('dueOn', 'must not be before issuedOn');
    const now = this.deps.clock().toISOString();
    const id = await guardExternalId('invoice', body.externalId, () =>
      this.deps.invoices.create(
        {
          firmId,
          contactId: contact.id,
          number: body.number ?? null,
          matter: body.matter ?? null,
          issuedOn,
          dueOn,
          currency: body.currency ?? firm.currency,
          depositAccount: body.depositAccount ?? 'operating',
          notes: body.notes ?? null,
          priced: this.#price(body.lines ?? []),
          externalId: body.externalId ?? null,
        },
        now,
      ),
    );
    await this.deps.audit.record({ firmId, actor, action: 'invoice.created', subject: { type: 'invoice', id } }, now);
    return this.getForFirm(firmId, id);
  }

  async #update(firmId: string, id: string, changes: InvoiceChanges, actor: Actor) {
    const current = await this.getForFirm(firmId, id);
    if (current.state === 'void') throw Problem.conflict('invoice_void', 'A void invoice cannot be changed.');
    if (current.state === 'sent') {
      const locked = sentFields.filter((field) => changes[field] !== undefined);
      if (locked.length) {
        throw Problem.conflict('invoice_sent', `A sent invoice's ${locked.join(', ')} cannot change. Void it and issue a new one instead.`);
      }
    }
    if (changes.number && (await this.deps.invoices.numberTaken(firmId, changes.number, id))) {
      throw Problem.conflict('invoice_number_taken', `An invoice numbered ${changes.number} already exists.`);
    }
    if (changes.externalId && changes.externalId !== current.externalId && (await this.deps.invoices.idByExternalId(firmId, changes.externalId))) {
      throw externalIdTaken('invoice', changes.externalId);
    }
    if ((changes.dueOn ?? current.dueOn) < (changes.issuedOn ?? current.issuedOn)) throw this.#invalid('dueOn', 'must not be before issuedOn');
    const { lines, ...rest } = changes;
    const now = this.deps.clock().toISOString();
    const priced = lines ? this.#price(lines) : undefined;
    await guardExternalId('invoice', changes.externalId, () => this.deps.invoices.update(id, { ...rest, priced }, now));
    await this.deps.audit.record({ firmId, actor, action: 'invoice.updated', subject: { type: 'invoice', id }, data: { fields: Object.keys(changes) } }, now);
    return this.getForFirm(firmId, id);
  }

  /** Publishes the invoice to the client and emails them; sending again re-sends the email. */
  async send(firmId: string, id: string, actor: Actor) {
    const invoice = await this.getForFirm(firmId, id);
    if (invoice.state === 'void') throw Problem.conflict('invoice_void', 'A void invoice cannot be sent.');
    if (invoice.lines.length === 0 || invoice.total <= 0) throw Problem.conflict('invoice_empty', 'Add at least one line with an amount before sending.');
    const contact = (await this.deps.contacts.find(firmId, invoice.contactId))!;
    if (contact.status !== 'active') throw Problem.conflict('contact_archived', 'The contact is archived.');
    const firm = await this.#firm(firmId);
    const now = this.deps.clock().toISOString();
    const link = this.#invoiceLink(firm, id);
    // Sent before: this send reminds the client of what is left, it is not a new invoice.
    const reminder = invoice.sentAt !== null;
    // A client who turned invoice emails off still finds the invoice in the portal.
    const email = await this.deps.emailChoices.wantsEmail(firmId, contact.id, 'invoices');
    // Published and its email queued together; each send is its own email.
    return this.deps.unitOfWork(async () => {
      await this.deps.invoices.markSent(id, now);
      const sent = await this.getForFirm(firmId, id);
      if (!reminder) for (const listener of this.#published) await listener(firmId, sent);
      if (email)
        await this.deps.mailer.queue(
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
              reminder,
              language: contact.emailLanguage,
            }),
          },
          `invoice:${id}:${newId('send')}`,
        );
      await this.deps.audit.record({ firmId, actor, action: 'invoice.sent', subject: { type: 'invoice', id } }, now);
      return sent;
    });
  }

  /** Cancels an invoice. One with money applied or on its way must have that refunded first. */
  async void(firmId: string, id: string, input: unknown, actor: Actor) {
    const { reason } = parse(voidSchema, input ?? {});
    const invoice = await this.getForFirm(firmId, id);
    if (invoice.state === 'void') return invoice;
    if (invoice.amountPaid > 0 || invoice.amountPending > 0) {
      throw Problem.conflict('invoice_has_payments', 'This invoice has payments applied or processing. Refund them before voiding it.');
    }
    const now = this.deps.clock().toISOString();
    await this.deps.invoices.markVoid(id, reason ?? null, now);
    await this.deps.audit.record({ firmId, actor, action: 'invoice.voided', subject: { type: 'invoice', id }, data: { reason } }, now);
    return this.getForFirm(firmId, id);
  }

  async deleteDraft(firmId: string, id: string, actor: Actor): Promise<void> {
    const invoice = await this.getForFirm(firmId, id);
    if (invoice.state !== 'draft') throw Problem.conflict('invoice_not_draft', 'Only drafts can be deleted; void a sent invoice instead.');
    await this.deps.invoices.deleteDraft(id);
    await this.deps.audit.record({ firmId, actor, action: 'invoice.deleted', subject: { type: 'invoice', id } }, this.deps.clock().toISOString());
  }

  /** A page of invoices in the query's order, and the cursor to the next; `read` is the repository's list or its client view. */
  async #page<T extends InvoiceSummary>(
    firm: Firm,
    q: {
      status: InvoiceStatus[];
      sort: string;
      limit: number;
      cursor?: string;
      contactId?: string;
      externalId?: string;
      depositAccount?: DepositAccount;
      dueFrom?: string;
      dueTo?: string;
    },
    read: (query: InvoiceQuery) => Promise<T[]>,
  ): Promise<Page<T>> {
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
    const rows = await read({
      firmId: firm.id,
      contactId: q.contactId,
      externalId: q.externalId,
      depositAccount: q.depositAccount,
      dueFrom: q.dueFrom,
      dueTo: q.dueTo,
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

  #find(firm: Firm, id: string) {
    return this.deps.invoices.find(firm.id, id, todayIn(firm.settings.timeZone, this.deps.clock()));
  }

  #price(lines: LineInput[]) {
    const priced = priceLines(lines);
    if ('error' in priced) throw this.#invalid(`lines.${priced.index}`, priced.error);
    return priced;
  }

  #invalid(field: string, message: string) {
    return Problem.badRequest('invalid_request', `The request body is invalid: ${field} ${message}.`, { errors: [{ field, message }] });
  }

  async #firm(firmId: string): Promise<Firm> {
    return (await this.deps.firms.findById(firmId))!;
  }

  #invoiceLink(firm: Firm, id: string): string {
    const base = firm.settings.portalUrl ?? firm.siteUrl;
    if (!base) throw Problem.conflict('portal_url_missing', "Set the firm's portal URL (settings.portalUrl) so emails can link to the portal.");
    const url = new URL(base);
    url.searchParams.set('invoice', id);
    return url.toString();
  }
}

/** The one currency of `invoices`, or null when there are none or several. */
function oneCurrency(invoices: readonly { currency: string }[]): string | null {
  const currencies = new Set(invoices.map((invoice) => invoice.currency));
  return currencies.size === 1 ? invoices[0]!.currency : null;
}
