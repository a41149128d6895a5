import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit.repository.ts';
import { todayIn } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import { newId } from '../db/ids.ts';
import type { Firm } from '../firms/firm.ts';
import type { FirmsRepository } from '../firms/firms.repository.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { MailProvider } from '../mail/mail.ts';
import type { CheckoutPayment, CheckoutRepository, SavedMethod } from './checkout.repository.ts';
import { mandateText, saveConsentText } from './mandate.ts';
import type { Payment, PaymentStatus } from './payment.ts';
import { firmPaymentNotice, paymentFailedEmail, receiptEmail } from './payment.emails.ts';
import type { PaymentsRepository } from './payments.repository.ts';
import type { PaymentsService } from './payments.service.ts';
import { ProcessorUnavailable, type ChargeResult, type PaymentProcessor, type ProcessorEvent } from './processor.ts';

const minor = z.number().int('must be whole minor units (cents)').positive('must be more than zero').max(1_000_000_000_000);

const paymentBody = z.strictObject({
  allocations: z.array(z.strictObject({ invoiceId: z.string().min(1).max(64), amount: minor })).min(1).max(100),
  paymentMethod: z.union([
    z.strictObject({ type: z.enum(['card', 'us_bank_account']), token: z.string().min(3).max(255) }),
    z.strictObject({ savedId: z.string().min(3).max(64) }),
  ]),
  savePaymentMethod: z.boolean().default(false),
  mandate: z.strictObject({ accepted: z.boolean() }).optional(),
});

const mandateQuery = z.strictObject({
  amount: z.coerce.number().int().positive(),
  bankName: z.string().trim().min(1).max(100),
  accountType: z.enum(['checking', 'savings']),
  last4: z.string().regex(/^\d{4}$/),
});

/** Fields that only card or account numbers would fill: their presence means the browser sent them here. */
const rawInstrumentFields = ['number', 'card', 'cvc', 'exp_month', 'exp_year', 'account_number', 'routing_number', 'us_bank_account'];

const allowedNext: Record<PaymentStatus, PaymentStatus[]> = {
  requires_action: ['processing', 'succeeded', 'failed'],
  processing: ['requires_action', 'succeeded', 'failed'],
  succeeded: ['refunded', 'disputed'],
  disputed: ['succeeded', 'refunded'],
  failed: [],
  refunded: [],
};

type CheckoutMethod = Pick<SavedMethod, 'type' | 'brand' | 'last4' | 'expMonth' | 'expYear' | 'accountType'> & {
  ref: string;
  savedId: string | null;
  origin?: 'typed' | 'linked';
};

/** How long an unfinished 3-D Secure challenge may hold a balance. */
export const abandonedAuthenticationMs = 30 * 60_000;

export interface CheckoutRequest {
  firmId: string;
  contactId: string;
  idempotencyKey: string | undefined;
  ip: string | null;
  userAgent: string | null;
}

export interface CheckoutReply {
  status: number;
  body: unknown;
  replayed: boolean;
}

export interface CheckoutServiceDeps {
  checkout: CheckoutRepository;
  payments: PaymentsRepository;
  ledger: PaymentsService;
  firms: FirmsRepository;
  contacts: ContactsRepository;
  processor: PaymentProcessor;
  mail: MailProvider;
  audit: AuditLog;
  clock: Clock;
  /** Where to send the firm's payment notices when it has no inbox address. */
  publicUrl: string;
}

/**
 * A client paying invoices in the portal. The balance is reserved in one IMMEDIATE transaction
 * (the payment is written as processing), the processor is called outside it, and its answer is
 * appended to the ledger. The Idempotency-Key makes a retried request return the first answer.
 */
export class CheckoutService {
  constructor(private readonly deps: CheckoutServiceDeps) {}

  async pay(request: CheckoutRequest, input: unknown): Promise<CheckoutReply> {
    const key = request.idempotencyKey?.trim();
    if (!key) throw Problem.badRequest('idempotency_key_missing', 'Send an Idempotency-Key header (a new random value for each payment) so a retry can never pay twice.');
    if (key.length > 255) throw Problem.badRequest('idempotency_key_invalid', 'The Idempotency-Key must be at most 255 characters.');
    if (input && typeof input === 'object' && 'paymentMethod' in input) {
      const method = (input as { paymentMethod: unknown }).paymentMethod;
      if (method && typeof method === 'object' && rawInstrumentFields.some((field) => field in method)) {
        throw Problem.badRequest(
          'card_data_not_accepted',
          'Card and bank account numbers must go to the payment processor, never to this service. Send the token the processor returned.',
        );
      }
    }
    const body = parse(paymentBody, input);
    const hash = createHash('sha256').update(stableJson(body)).digest('hex');
    const { checkout } = this.deps;
    const now = this.deps.clock();

    if (!checkout.claimIdempotency(request.contactId, key, hash, now.toISOString())) {
      let previous = checkout.idempotency(request.contactId, key)!;
      if (previous.requestHash !== hash) {
        throw Problem.unprocessable('idempotency_key_reused', 'This Idempotency-Key was used for a different payment. Use a new key for a new payment.');
      }
      if (previous.state === 'interrupted' && previous.checkoutId) {
        const checkoutId = previous.checkoutId;
        if (checkout.resumeIdempotency(request.contactId, key)) return this.#answer(request.contactId, key, () => this.#resume(request, key, body, checkoutId));
        previous = checkout.idempotency(request.contactId, key) ?? previous;
      }
      if (previous.state !== 'done') {
        throw Problem.conflict('idempotency_in_progress', 'This payment is still being processed. Wait a moment, then check its status.');
      }
      return { status: previous.responseStatus!, body: JSON.parse(previous.responseBody!), replayed: true };
    }
    // Kept a month, far past any retry; a key reused after that is a new payment.
    checkout.pruneIdempotency(new Date(now.getTime() - 30 * 86_400_000).toISOString());
    return this.#answer(request.contactId, key, () => this.#checkout(request, key, body));
  }

  /** Runs a checkout under its claimed key and stores the answer a retry will get. */
  async #answer(contactId: string, key: string, run: () => Promise<unknown>): Promise<CheckoutReply> {
    const { checkout } = this.deps;
    try {
      const result = await run();
      checkout.completeIdempotency(contactId, key, 201, result);
      return { status: 201, body: result, replayed: false };
    } catch (error) {
      if (error instanceof Problem && error.status < 500 && error.code !== 'rate_limited') {
        checkout.completeIdempotency(contactId, key, error.status, problemBody(error));
      } else {
        // An interrupted checkout keeps its key (it is no longer in progress, so this leaves it).
        checkout.releaseIdempotency(contactId, key);
      }
      throw error;
    }
  }

  /** After the client completed (or abandoned) 3-D Secure: asks the processor how it ended. */
  async confirm(firmId: string, contactId: string, paymentId: string): Promise<Payment> {
    const payment = this.deps.ledger.getForClient(firmId, contactId, paymentId);
    if (payment.status !== 'requires_action') return payment;
    const ref = this.deps.payments.processorRefOf(paymentId);
    if (!ref?.processorRef) throw Problem.conflict('payment_not_ready', 'This payment has not reached the processor yet.');
    const result = await this.deps.processor.refresh(ref.processorRef);
    await this.#apply(payment.id, result.status, result.failure);
    return this.deps.ledger.getForClient(firmId, contactId, paymentId);
  }

  /** What the processor tells us later (Stripe's webhooks, the sandbox's settlements). Safe to repeat. */
  async applyEvent(event: ProcessorEvent): Promise<{ applied: boolean }> {
    const { payments, processor } = this.deps;
    let owner = payments.byProcessorRef(processor.name, event.processorRef);
    if (!owner && event.paymentId) {
      // A charge whose answer never reached us (an interrupted checkout): the processor kept our id.
      const pending = payments.processorRefOf(event.paymentId);
      if (pending?.processor === processor.name && pending.processorRef === null) {
        payments.setProcessorRef(event.paymentId, event.processorRef);
        owner = payments.byProcessorRef(processor.name, event.processorRef);
      }
    }
    if (!owner) return { applied: false };
    return { applied: await this.#apply(owner.id, event.type, event.failure) };
  }

  /** The ACH authorization the client is asked to accept, word for word as it will be stored. */
  mandatePreview(firmId: string, query: unknown): { text: string } {
    const q = parse(mandateQuery, query, 'query');
    const firm = this.deps.firms.findById(firmId)!;
    return { text: this.#mandate(firm, { amount: q.amount, bankName: q.bankName, accountType: q.accountType, last4: q.last4 }) };
  }

  savedMethods(firmId: string, contactId: string) {
    return this.deps.checkout.savedMethods(firmId, contactId).map(({ id, type, brand, last4, expMonth, expYear, createdAt }) => ({
      id, type, brand, last4, expMonth, expYear, createdAt,
    }));
  }

  async removeSavedMethod(firmId: string, contactId: string, id: string): Promise<void> {
    const method = this.deps.checkout.savedMethod(firmId, contactId, id);
    if (!method) throw Problem.notFound('saved payment method');
    await this.deps.processor.detach(method.processorRef);
    this.deps.checkout.removeMethod(firmId, contactId, id, this.deps.clock().toISOString());
    this.deps.audit.record({ firmId, actor: { type: 'contact', id: contactId }, action: 'payment_method.removed', subject: { type: 'saved_payment_method', id } }, this.deps.clock().toISOString());
  }

  async #checkout(request: CheckoutRequest, key: string, body: z.output<typeof paymentBody>) {
    const { firms, contacts, processor, checkout, payments, ledger, clock } = this.deps;
    const firm = firms.findById(request.firmId)!;
    const contact = contacts.find(request.firmId, request.contactId)!;
    const allowed = firm.settings.paymentMethods;

    await this.#abandonStaleAuthentications(contact.id);
    const method = await this.#method(firm, contact.id, body, { resuming: false });
    const permitted =
      method.type === 'card'
        ? allowed.card
        : method.origin === 'linked'
          ? allowed.bankLink
          : method.origin === 'typed'
            ? allowed.bankAccount
            : allowed.bankAccount || allowed.bankLink;
    if (!permitted) {
      const what = method.type === 'card' ? 'cards' : method.origin === 'linked' ? 'payments from a linked bank' : 'payments by bank account numbers';
      throw Problem.unprocessable('method_not_allowed', `${firm.name} does not accept ${what} in the portal.`);
    }
    const isDebit = method.type === 'us_bank_account';
    if (isDebit && !body.mandate?.accepted) {
      throw Problem.badRequest('mandate_required', 'Accept the bank debit authorization to pay from a bank account.');
    }
    const total = body.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
    if (total < firm.settings.minimumPayment) {
      throw Problem.unprocessable('amount_below_minimum', `The smallest payment ${firm.name} accepts is ${firm.settings.minimumPayment} (minor units).`, {
        minimum: firm.settings.minimumPayment,
      });
    }

    // Reserve the balances: the payments exist as processing before any money moves.
    const checkoutId = newId('chk');
    const nowIso = clock().toISOString();
    const reserved = this.deps.checkout.db.transaction(() => {
      const { currency, lines } = ledger.allocate(firm.id, contact.id, total, body.allocations);
      const accounts = [...new Set(lines.map((line) => line.depositAccount))];
      // Every deposit account must have somewhere to go before any of them is charged.
      for (const account of accounts) processor.destinationFor?.(firm, account);
      return accounts.map((account) => {
        const accountLines = lines.filter((line) => line.depositAccount === account);
        const amount = accountLines.reduce((sum, line) => sum + line.amount, 0);
        const id = payments.record(
          {
            firmId: firm.id,
            contactId: contact.id,
            amount,
            currency,
            method: { type: method.type, brand: method.brand, last4: method.last4 },
            source: 'portal',
            reference: null,
            allocations: accountLines,
            status: 'processing',
            checkoutId,
            processor: processor.name,
            savedMethodId: method.savedId,
          },
          nowIso,
        );
        if (isDebit) {
          const text = this.#mandate(firm, { amount: total, bankName: method.brand ?? 'your bank', accountType: method.accountType ?? 'checking', last4: method.last4 });
          checkout.recordMandate(id, { text, ip: request.ip, userAgent: request.userAgent }, nowIso);
        }
        return { id, amount, currency, account, processorRef: null };
      });
    }).immediate();

    return this.#charge({ request, key, body, firm, contact, method, checkoutId, reserved });
  }

  /**
   * Takes up a checkout whose processor call got no answer: its payments are still reserved. Each
   * is charged again with the same processor idempotency key, so the processor answers with the
   * charge it may already have made instead of making a second one.
   */
  async #resume(request: CheckoutRequest, key: string, body: z.output<typeof paymentBody>, checkoutId: string) {
    const firm = this.deps.firms.findById(request.firmId)!;
    const contact = this.deps.contacts.find(request.firmId, request.contactId)!;
    const reserved = this.deps.checkout.checkoutPayments(checkoutId);
    let method: CheckoutMethod;
    try {
      method = await this.#method(firm, contact.id, body, { resuming: true });
    } catch (error) {
      if (!(error instanceof ProcessorUnavailable)) await this.#releaseWaiting(reserved, error);
      else this.deps.checkout.interruptIdempotency(contact.id, key, checkoutId);
      throw error;
    }
    return this.#charge({ request, key, body, firm, contact, method, checkoutId, reserved });
  }

  /** The method the client chose: a saved one, or the token the browser got from the processor. */
  async #method(firm: Firm, contactId: string, body: z.output<typeof paymentBody>, options: { resuming: boolean }): Promise<CheckoutMethod> {
    if ('savedId' in body.paymentMethod) {
      const saved = this.deps.checkout.savedMethod(firm.id, contactId, body.paymentMethod.savedId);
      if (!saved) throw Problem.unprocessable('saved_method_not_found', 'That saved payment method no longer exists. Choose another.');
      return { ...saved, ref: saved.processorRef, savedId: saved.id };
    }
    const found = await this.deps.processor.retrieveMethod(body.paymentMethod.token, contactId);
    // A resumed checkout may already have used a single-use token at the processor.
    if (!found || (!found.usable && !options.resuming)) {
      throw Problem.unprocessable('payment_method_invalid', 'These payment details have expired or were already used. Enter them again.');
    }
    if (found.type !== body.paymentMethod.type) {
      throw Problem.unprocessable('payment_method_mismatch', `The token is for a ${found.type === 'card' ? 'card' : 'bank account'}, not a ${body.paymentMethod.type === 'card' ? 'card' : 'bank account'}.`);
    }
    return { ...found, accountType: found.accountType ?? null, savedId: null };
  }

  /** Charges each reserved payment of a checkout that has no charge yet, then answers the client. */
  async #charge(context: {
    request: CheckoutRequest;
    key: string;
    body: z.output<typeof paymentBody>;
    firm: Firm;
    contact: { id: string; email: string; name: string };
    method: CheckoutMethod;
    checkoutId: string;
    reserved: CheckoutPayment[];
  }) {
    const { request, key, body, firm, contact, method, checkoutId, reserved } = context;
    const { processor, checkout, payments, ledger, clock } = this.deps;
    const results: { paymentId: string; result: ChargeResult }[] = [];
    for (const [index, payment] of reserved.entries()) {
      let result: ChargeResult;
      try {
        if (payment.processorRef) {
          result = await processor.refresh(payment.processorRef);
        } else {
          const mandate = method.type === 'us_bank_account' ? checkout.mandate(payment.id) : undefined;
          result = await processor.charge({
            paymentId: payment.id,
            idempotencyKey: processorKey(contact.id, key, payment.account),
            amount: payment.amount,
            currency: payment.currency,
            account: payment.account,
            methodRef: method.ref,
            methodType: method.type,
            destination: processor.destinationFor?.(firm, payment.account) ?? null,
            ...(mandate ? { mandate: { ip: mandate.ip, userAgent: mandate.userAgent, acceptedAt: mandate.acceptedAt } } : {}),
            customer: { contactId: contact.id, email: contact.email, name: contact.name },
            saveForLater: body.savePaymentMethod || method.savedId !== null,
            description: `${firm.name}: ${payment.account === 'trust' ? 'trust deposit' : 'invoice payment'}`,
          });
        }
      } catch (error) {
        if (error instanceof ProcessorUnavailable) {
          // No answer, so the charge may or may not exist: nothing is released. A retry of the same
          // request resumes this checkout and asks again with the same processor key.
          checkout.interruptIdempotency(contact.id, key, checkoutId);
          throw error;
        }
        // The processor refused the request, so nothing was charged: the waiting reservations are released.
        await this.#releaseWaiting(reserved.slice(index), error);
        throw error;
      }
      payments.setProcessorRef(payment.id, result.processorRef);
      await this.#apply(payment.id, result.status, result.failure);
      results.push({ paymentId: payment.id, result });
    }

    const nowIso = clock().toISOString();
    if (body.savePaymentMethod && !method.savedId && results.some(({ result }) => result.status !== 'failed')) {
      checkout.saveMethod(
        {
          firmId: firm.id, contactId: contact.id, processor: processor.name, processorRef: method.ref, type: method.type,
          brand: method.brand, last4: method.last4, expMonth: method.expMonth, expYear: method.expYear, accountType: method.accountType,
          consentText: saveConsentText(firm.name),
        },
        nowIso,
      );
    }
    this.deps.audit.record({ firmId: firm.id, actor: { type: 'contact', id: contact.id }, action: 'checkout.submitted', subject: { type: 'checkout', id: checkoutId }, ip: request.ip }, nowIso);

    const all = reserved.map(({ id }) => ledger.getForClient(firm.id, contact.id, id));
    const actions = results.filter(({ result }) => result.status === 'requires_action').map(({ paymentId, result }) => ({ paymentId, clientSecret: result.clientSecret! }));
    return { payment: all[0]!, payments: all, ...(actions.length ? { clientSecret: actions[0]!.clientSecret, nextActions: actions } : {}) };
  }

  /** Fails the payments that never reached the processor, giving their balances back. */
  async #releaseWaiting(reserved: CheckoutPayment[], error: unknown) {
    const failure =
      error instanceof Problem
        ? { code: error.code, message: error.message }
        : { code: 'processor_unavailable', message: 'The payment processor could not be reached. Nothing was charged; try again.' };
    for (const payment of reserved) {
      if (!payment.processorRef && !this.deps.payments.processorRefOf(payment.id)?.processorRef) await this.#apply(payment.id, 'failed', failure);
    }
  }

  /** Appends a status when it moves the payment forward; sends the emails that status calls for. */
  /**
   * A 3-D Secure challenge the client walked away from holds its invoices' balance. After half an
   * hour it counts as failed, so the client can pay that balance another way.
   */
  async #abandonStaleAuthentications(contactId: string): Promise<void> {
    const cutoff = new Date(this.deps.clock().getTime() - abandonedAuthenticationMs).toISOString();
    for (const paymentId of this.deps.payments.waitingForAuthentication(contactId, cutoff)) {
      const ref = this.deps.payments.processorRefOf(paymentId)?.processorRef;
      if (ref) await this.deps.processor.cancel(ref);
      await this.#apply(paymentId, 'failed', {
        code: 'payment_intent_authentication_failure',
        message: 'The card was never authenticated, so the payment was cancelled.',
      });
    }
  }

  async #apply(paymentId: string, status: PaymentStatus, failure?: { code: string; declineCode?: string; message: string }): Promise<boolean> {
    const { payments, clock } = this.deps;
    const changed = this.deps.checkout.db.transaction(() => {
      const current = payments.status(paymentId)!;
      if (current.status === status || !allowedNext[current.status].includes(status)) return false;
      payments.addEvent(paymentId, status, failure ? JSON.stringify(failure) : null, clock().toISOString());
      return current.status;
    }).immediate();
    if (changed === false) return false;
    await this.#notify(paymentId, changed, status, failure);
    return true;
  }

  async #notify(paymentId: string, from: PaymentStatus, to: PaymentStatus, failure?: { message: string }) {
    const owner = this.#ownerOf(paymentId)!;
    const firm = this.deps.firms.findById(owner.firm_id)!;
    const contact = this.deps.contacts.find(owner.firm_id, owner.contact_id)!;
    const payment = this.deps.ledger.getForClient(firm.id, contact.id, paymentId);
    const brand = { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors };
    const link = portalLink(firm, this.deps.publicUrl);
    const send = (kind: string, to: string, email: { subject: string; text: string; html: string }) =>
      this.deps.mail.send({ firmId: firm.id, kind, to, fromName: firm.name, replyTo: firm.settings.inboxEmail, ...email });
    const notifyFirm = (outcome: 'succeeded' | 'failed') =>
      firm.settings.inboxEmail
        ? send('firm_payment_notice', firm.settings.inboxEmail, firmPaymentNotice({ firm: brand, contactName: contact.name, payment, outcome }))
        : undefined;

    if (to === 'succeeded' && from !== 'disputed') {
      await send('receipt', contact.email, receiptEmail({ firm: brand, contactName: contact.name, payment, link }));
      await notifyFirm('succeeded');
    } else if (to === 'failed' && from === 'processing' && payment.method.type === 'us_bank_account') {
      // A card decline is shown on the spot; a bank debit fails days later, so the client is told.
      await send('payment_failed', contact.email, paymentFailedEmail({ firm: brand, contactName: contact.name, payment, reason: failure?.message ?? 'The bank returned it.', link }));
      await notifyFirm('failed');
    }
  }

  #ownerOf(paymentId: string) {
    return this.deps.checkout.db
      .prepare<[string], { firm_id: string; contact_id: string }>('SELECT firm_id, contact_id FROM payments WHERE id = ?')
      .get(paymentId);
  }

  #mandate(firm: Firm, account: { amount: number; bankName: string; accountType: string; last4: string }) {
    return mandateText({
      firmName: firm.name,
      firmEmail: firm.settings.inboxEmail,
      currency: firm.currency,
      date: todayIn(firm.settings.timeZone, this.deps.clock()),
      ...account,
    });
  }
}

/**
 * The processor's idempotency key for one deposit account's charge, derived from the client's own
 * key: a retried request, or a resumed one, can never make a second charge at the processor.
 */
export function processorKey(contactId: string, idempotencyKey: string, account: string): string {
  return `portico_${createHash('sha256').update(`${contactId}\n${idempotencyKey}\n${account}`).digest('hex')}`;
}

function portalLink(firm: Firm, fallback: string): string {
  return firm.settings.portalUrl ?? firm.siteUrl ?? fallback;
}

function problemBody(problem: Problem) {
  return { type: 'about:blank', status: problem.status, code: problem.code, detail: problem.message, ...problem.extra };
}

/** JSON with sorted keys, so the same request always hashes the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

