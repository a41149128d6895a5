import type { Actor, AuditLog } from '../audit/index.ts';
import { addDays, todayIn } from '../calendar.ts';
import { minorDigits } from '../money.ts';
import type { Clock } from '../clock.ts';
import type { ContactsService } from '../contacts/index.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { FirmsService } from '../firms/index.ts';
import { createdCursor, createdPosition, pageOf, type Page } from '../http/cursor.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { InvoicesService } from '../invoices/index.ts';
import { asClientSees, type Allocation, type Payment, type PaymentMethodSummary, type PaymentRecord, type PaymentStatus } from './payment.ts';
import type { CheckoutRepository } from './checkout.repository.ts';
import { exportQuery, firmListQuery, invoicePaymentSchema, listQuery, offlinePaymentSchema, totalsQuery } from './payments.contract.ts';
import type { PaymentTotal, PaymentsRepository } from './payments.repository.ts';
import type { PaymentProcessor } from './processor.ts';
import type { RefundsRepository } from './refunds.repository.ts';
import { requestHash } from './request-hash.ts';

/** The answer to recording a payment: the payment, and whether it is a retry's stored answer. */
export interface OfflineReply {
  status: number;
  body: Payment;
  replayed: boolean;
}

export interface PaymentsServiceDeps {
  /** The offline payment's transaction: its balances are checked where it is written. */
  unitOfWork: UnitOfWork;
  payments: PaymentsRepository;
  /** Where a bank debit's authorization is kept. */
  mandates: Pick<CheckoutRepository, 'mandate'>;
  /** Where the Idempotency-Keys of payments the firm records are kept, beside the clients' own. */
  idempotencyKeys: Pick<CheckoutRepository, 'idempotency' | 'reserve' | 'completeIdempotency'>;
  refunds: Pick<RefundsRepository, 'forPayment'>;
  /** Asked for a charge's fee on the firm's detail page, when the processor reports fees. */
  fees?: Pick<PaymentProcessor, 'name' | 'feeOf'>;
  invoices: InvoicesService;
  firms: FirmsService;
  contacts: ContactsService;
  audit: AuditLog;
  clock: Clock;
}

/** The payments ledger as clients read it, and the allocation rules every way of paying shares. */
export class PaymentsService {
  constructor(private readonly deps: PaymentsServiceDeps) {}

  /** Payment history, newest first; a 403 when the firm does not show it to clients. */
  async listForClient(firmId: string, contactId: string, query: unknown): Promise<Page<Payment>> {
    const firm = (await this.deps.firms.findById(firmId))!;
    if (!firm.settings.showPayments) {
      throw Problem.forbidden('payments_hidden', `${firm.name} does not show payment history in the portal.`);
    }
    const q = parse(listQuery, query, 'query');
    const rows = await this.deps.payments.listForContact(firmId, contactId, { limit: q.limit + 1, after: createdPosition(q.cursor) });
    const page = pageOf(rows, q.limit, createdCursor);
    return { ...page, data: page.data.map(asClientSees) };
  }

  /** The client's payments that settled after `since` (all when null): how many, and the newest `limit`. */
  settledForClientSince(firmId: string, contactId: string, since: string | null, limit: number) {
    return this.deps.payments.settledForContactSince(firmId, contactId, since, limit);
  }

  async getForClient(firmId: string, contactId: string, id: string): Promise<Payment> {
    return asClientSees(await this.getRecord(firmId, contactId, id));
  }

  /** The client's payment as the ledger keeps it, its number kept whatever its status: for the firm's notices. */
  async getRecord(firmId: string, contactId: string, id: string): Promise<PaymentRecord> {
    const payment = await this.deps.payments.find(firmId, contactId, id);
    if (!payment) throw Problem.notFound('payment');
    return payment;
  }

  /**
   * The firm's payments, newest first: by status, client, invoice, method, deposit account and
   * creation date (UTC days, both ends included), a page at a time.
   */
  async listForFirm(firmId: string, query: unknown): Promise<Page<Payment & { contactId: string }>> {
    const { limit, cursor, createdFrom, createdTo, ...filter } = parse(firmListQuery, query, 'query');
    const rows = await this.deps.payments.listForFirm(
      firmId,
      { ...filter, ...createdRange(createdFrom, createdTo) },
      { limit: limit + 1, after: createdPosition(cursor) },
    );
    return pageOf(rows, limit, createdCursor);
  }

  /** What the payments the list's filters select add up to, per currency (`GET /admin/payments/totals`). */
  async totalsForFirm(firmId: string, query: unknown): Promise<{ data: PaymentTotal[] }> {
    const { createdFrom, createdTo, ...filter } = parse(totalsQuery, query, 'query');
    return { data: await this.deps.payments.totals(firmId, { ...filter, ...createdRange(createdFrom, createdTo) }) };
  }

  /**
   * One payment as the firm sees it: the client, where the money went at the processor, its fee
   * (Stripe's, from the charge's balance transaction; null from the sandbox, which charges
   * nothing, and while a bank debit has not settled), its history, refunds and authorization.
   */
  async getForFirm(firmId: string, id: string) {
    const payment = await this.deps.payments.findForFirm(firmId, id);
    if (!payment) throw Problem.notFound('payment');
    const contact = (await this.deps.contacts.find(firmId, payment.contactId))!;
    const mandate = await this.deps.mandates.mandate(id);
    const { fees } = this.deps;
    const fee = fees?.feeOf && payment.processorRef && payment.processor === fees.name ? await fees.feeOf(payment.processorRef) : null;
    return {
      ...payment,
      contact: { id: contact.id, name: contact.name, email: contact.email },
      fee,
      history: await this.deps.payments.history(id),
      refunds: await this.deps.refunds.forPayment(id),
      mandate: mandate ? { text: mandate.text, acceptedAt: mandate.acceptedAt, ip: mandate.ip, userAgent: mandate.userAgent } : null,
    };
  }

  /**
   * Reconciliation: one CSV row per allocation of the payments made from `from` to `to` (UTC
   * days, both included): date, receipt, client, invoice, amount, method, deposit account, status;
   * and one per invoice a refund made in those days gave money back from, with a negative amount.
   * The list's other filters narrow it the same way, so the file is what the firm is looking at.
   */
  async exportCsv(firmId: string, query: unknown): Promise<{ fileName: string; csv: string }> {
    const { from: firstDay, to: lastDay, ...filter } = parse(exportQuery, query, 'query');
    const q = { from: firstDay, to: lastDay };
    const from = `${q.from}T00:00:00.000Z`;
    const before = `${addDays(q.to, 1)}T00:00:00.000Z`;
    // Money in and money back, in the order it moved: a refund is listed on the day it was made.
    const rows = [
      ...(await this.deps.payments.exportRows(firmId, from, before, filter)),
      ...(await this.deps.payments.exportRefundRows(firmId, from, before, filter)),
    ].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    const header = [
      'date',
      'receipt_number',
      'client',
      'client_email',
      'invoice',
      'amount',
      'currency',
      'method',
      'reference',
      'deposit_account',
      'status',
      'payment_id',
      'refund_id',
    ];
    const clients = await this.deps.contacts.namesOf(
      firmId,
      rows.map((row) => row.contactId),
    );
    const lines = rows.map((row) =>
      [
        row.createdAt,
        row.receiptNumber,
        clients.get(row.contactId)?.name ?? '',
        clients.get(row.contactId)?.email ?? '',
        row.invoiceNumber,
        formatMinor(row.amount, row.currency),
        row.currency,
        [row.methodType, row.methodBrand, row.methodLast4].filter(Boolean).join(' '),
        row.reference ?? '',
        row.depositAccount,
        row.status,
        row.paymentId,
        row.refundId ?? '',
      ]
        .map(csvField)
        .join(','),
    );
    return { fileName: `payments-${q.from}-to-${q.to}.csv`, csv: `${[header.join(','), ...lines].join('\r\n')}\r\n` };
  }

  /** Records a payment the firm received outside the portal (a check, a wire) against invoices. */
  async recordOffline(firmId: string, input: unknown, actor: Actor): Promise<Payment> {
    const body = parse(offlinePaymentSchema, input);
    const contact = await this.deps.contacts.find(firmId, body.contactId);
    if (!contact) throw Problem.unprocessable('contact_not_found', `No contact ${body.contactId} in this firm.`);
    const now = this.deps.clock().toISOString();
    const id = await this.deps.unitOfWork(async () => {
      const allocations = await this.allocate(firmId, contact.id, body.amount, body.allocations);
      return this.deps.payments.record(
        {
          firmId,
          contactId: contact.id,
          amount: body.amount,
          currency: allocations.currency,
          method: { type: body.method.type, brand: null, last4: null } satisfies PaymentMethodSummary,
          source: 'firm',
          reference: body.method.reference ?? null,
          allocations: allocations.lines,
          status: 'succeeded' satisfies PaymentStatus,
        },
        now,
      );
    });
    await this.deps.audit.record({ firmId, actor, action: 'payment.recorded', subject: { type: 'payment', id } }, now);
    return this.getForClient(firmId, contact.id, id);
  }

  /**
   * `POST /admin/invoices/:id/payments`: a check, wire or cash the firm received for one invoice.
   * It books to the invoice's deposit account, lowers its balance, shows in the client's history
   * by its method, and is in the audit log. The Idempotency-Key is kept with the invoice's client
   * (under a prefix no header can carry, so it never meets one of the client's own keys) and is
   * written in the payment's own transaction: a retry gets the same payment, never a second one.
   * A refusal writes nothing, so a retry is simply checked again.
   */
  async recordForInvoice(ask: { firmId: string; invoiceId: string; idempotencyKey: string | undefined; actor: Actor }, input: unknown): Promise<OfflineReply> {
    const key = ask.idempotencyKey?.trim();
    if (!key) {
      throw Problem.badRequest(
        'idempotency_key_missing',
        'Send an Idempotency-Key header (a new random value for each payment) so a retry can never record it twice.',
      );
    }
    if (key.length > 255) throw Problem.badRequest('idempotency_key_invalid', 'The Idempotency-Key must be at most 255 characters.');
    const body = parse(invoicePaymentSchema, input);
    const invoice = await this.deps.invoices.findForFirm(ask.firmId, ask.invoiceId);
    if (!invoice) throw Problem.notFound('invoice');
    const firm = (await this.deps.firms.findById(ask.firmId))!;
    const now = this.deps.clock();
    const today = todayIn(firm.settings.timeZone, now);
    const receivedOn = body.receivedOn ?? today;
    if (receivedOn > today) {
      throw Problem.badRequest('invalid_request', 'The request body is invalid: receivedOn must not be after today.', {
        errors: [{ field: 'receivedOn', message: 'must not be after today' }],
      });
    }
    const stored = { contactId: invoice.contactId, key: `firm\n${key}` };
    const hash = requestHash({ invoiceId: invoice.id, amount: body.amount, method: body.method, receivedOn });
    const previous = await this.deps.idempotencyKeys.idempotency(stored.contactId, stored.key);
    if (previous) return this.#replay(previous, hash);

    // Booked on the day it was received: today's at this moment, an earlier day's at its noon
    // UTC, which falls on that same day in the firm's time zone almost everywhere.
    const bookedAt = receivedOn === today ? now.toISOString() : `${receivedOn}T12:00:00.000Z`;
    // The key is written in progress and done in one transaction, so the recovery sweep never
    // sees it unfinished; its checkout id only names what it was for.
    const claim = { ...stored, requestHash: hash, checkoutId: `firm_${ask.invoiceId}`, now: now.toISOString(), lockedUntil: now.toISOString() };
    const recorded = await this.deps.idempotencyKeys.reserve(claim, async () => {
      const allocations = await this.allocate(ask.firmId, invoice.contactId, body.amount, [{ invoiceId: invoice.id, amount: body.amount }]);
      const id = await this.deps.payments.record(
        {
          firmId: ask.firmId,
          contactId: invoice.contactId,
          amount: body.amount,
          currency: allocations.currency,
          method: { type: body.method.type, brand: null, last4: null } satisfies PaymentMethodSummary,
          source: 'firm',
          reference: body.method.reference || null,
          allocations: allocations.lines,
          status: 'succeeded' satisfies PaymentStatus,
        },
        bookedAt,
      );
      await this.deps.audit.record(
        {
          firmId: ask.firmId,
          actor: ask.actor,
          action: 'payment.recorded',
          subject: { type: 'payment', id },
          data: { invoiceId: invoice.id, amount: body.amount, method: body.method.type, receivedOn },
        },
        now.toISOString(),
      );
      const payment = await this.getForClient(ask.firmId, invoice.contactId, id);
      await this.deps.idempotencyKeys.completeIdempotency(stored.contactId, stored.key, 201, payment);
      return payment;
    });
    if (!recorded.claimed) return this.#replay((await this.deps.idempotencyKeys.idempotency(stored.contactId, stored.key))!, hash);
    return { status: 201, body: recorded.value, replayed: false };
  }

  #replay(previous: { requestHash: string; state: string; responseStatus: number | null; responseBody: string | null }, hash: string): OfflineReply {
    if (previous.requestHash !== hash) {
      throw Problem.unprocessable('idempotency_key_reused', 'This Idempotency-Key was used for a different payment. Use a new key for a new payment.');
    }
    if (previous.state !== 'done')
      throw Problem.conflict('idempotency_in_progress', 'This payment is still being recorded. Wait a moment, then look at the invoice.');
    return { status: previous.responseStatus!, body: JSON.parse(previous.responseBody!) as Payment, replayed: true };
  }

  /**
   * Checks a split of `amount` across invoices against what each can still take (its balance
   * less payments still processing). Must run inside the transaction that records the payment,
   * so two payments racing for one balance can never both pass: on SQLite it holds the one
   * writer lock (`BEGIN IMMEDIATE`); on PostgreSQL the invoices' rows are locked first.
   */
  async allocate(firmId: string, contactId: string, amount: number, requested: { invoiceId: string; amount: number }[]) {
    await this.deps.invoices.lock(
      firmId,
      requested.map((allocation) => allocation.invoiceId),
    );
    const invoices = await this.deps.invoices.findManyForFirm(
      firmId,
      requested.map((allocation) => allocation.invoiceId),
    );
    const seen = new Set<string>();
    const lines: Allocation[] = [];
    let currency: string | undefined;
    for (const [index, allocation] of requested.entries()) {
      const field = `allocations.${index}`;
      if (seen.has(allocation.invoiceId)) throw Problem.badRequest('duplicate_allocation', `${field}: the invoice is listed twice.`);
      seen.add(allocation.invoiceId);
      const detail = invoices.get(allocation.invoiceId);
      if (!detail || detail.state === 'draft' || detail.contactId !== contactId) {
        throw Problem.unprocessable('invoice_not_found', `${field}: no such invoice for this client.`, { field });
      }
      if (detail.state === 'void') throw Problem.unprocessable('invoice_void', `${field}: invoice ${detail.number} is void.`, { field });
      if (detail.status === 'paid') throw Problem.unprocessable('invoice_paid', `${field}: invoice ${detail.number} is already paid.`, { field });
      if (currency && detail.currency !== currency) {
        throw Problem.unprocessable('currency_mismatch', `${field}: invoice ${detail.number} is in ${detail.currency}, not ${currency}.`, { field });
      }
      currency = detail.currency;
      if (allocation.amount > detail.openBalance) {
        throw Problem.unprocessable(
          'amount_exceeds_balance',
          `${field}: ${allocation.amount} is more than the ${detail.openBalance} that can be paid on invoice ${detail.number}${detail.amountPending ? ' (part of its balance is already being paid)' : ''}.`,
          { field, openBalance: detail.openBalance },
        );
      }
      lines.push({ invoiceId: detail.id, invoiceNumber: detail.number, amount: allocation.amount, depositAccount: detail.depositAccount });
    }
    const sum = lines.reduce((total, line) => total + line.amount, 0);
    if (sum !== amount) throw Problem.unprocessable('allocation_mismatch', `The allocations add up to ${sum}, not the payment amount ${amount}.`);
    return { currency: currency!, lines };
  }
}

/** An amount in minor units as a plain decimal (`12500`, USD → `125.00`), for spreadsheets. */
function formatMinor(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A filter's creation days (UTC, both included) as the instants the repository compares. */
function createdRange(from: string | undefined, to: string | undefined): { createdFrom?: string; createdBefore?: string } {
  return { createdFrom: from && `${from}T00:00:00.000Z`, createdBefore: to && `${addDays(to, 1)}T00:00:00.000Z` };
}
