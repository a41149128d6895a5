import type { Actor, AuditLog } from '../audit/index.ts';
import { addDays } from '../calendar.ts';
import { minorDigits } from '../money.ts';
import type { Clock } from '../clock.ts';
import type { ContactsService } from '../contacts/index.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { FirmsService } from '../firms/index.ts';
import { createdCursor, createdPosition, pageOf, type Page } from '../http/cursor.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { InvoicesService } from '../invoices/index.ts';
import type { Allocation, Payment, PaymentMethodSummary, PaymentStatus } from './payment.ts';
import type { CheckoutRepository } from './checkout.repository.ts';
import { exportQuery, firmListQuery, listQuery, offlinePaymentSchema } from './payments.contract.ts';
import type { PaymentsRepository } from './payments.repository.ts';
import type { PaymentProcessor } from './processor.ts';
import type { RefundsRepository } from './refunds.repository.ts';

export interface PaymentsServiceDeps {
  /** The offline payment's transaction: its balances are checked where it is written. */
  unitOfWork: UnitOfWork;
  payments: PaymentsRepository;
  /** Where a bank debit's authorization is kept. */
  mandates: Pick<CheckoutRepository, 'mandate'>;
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
    return pageOf(rows, q.limit, createdCursor);
  }

  async getForClient(firmId: string, contactId: string, id: string): Promise<Payment> {
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
      { ...filter, createdFrom: createdFrom && `${createdFrom}T00:00:00.000Z`, createdBefore: createdTo && `${addDays(createdTo, 1)}T00:00:00.000Z` },
      { limit: limit + 1, after: createdPosition(cursor) },
    );
    return pageOf(rows, limit, createdCursor);
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
   */
  async exportCsv(firmId: string, query: unknown): Promise<{ fileName: string; csv: string }> {
    const q = parse(exportQuery, query, 'query');
    const from = `${q.from}T00:00:00.000Z`;
    const before = `${addDays(q.to, 1)}T00:00:00.000Z`;
    // Money in and money back, in the order it moved: a refund is listed on the day it was made.
    const rows = [...(await this.deps.payments.exportRows(firmId, from, before)), ...(await this.deps.payments.exportRefundRows(firmId, from, before))].sort(
      (a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0),
    );
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
