import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AuditLog } from '../audit/index.ts';
import { todayIn } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import type { ContactsService } from '../contacts/index.ts';
import { newId } from '../db/ids.ts';
import type { Firm } from '../firms/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import { crashPoint } from '../crash-points.ts';
import type { InvoicesService } from '../invoices/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { PaymentFailureLimits } from '../limits/index.ts';
import type { WebhookEvents } from '../webhooks/index.ts';
import type { CheckoutPayment, CheckoutRepository, IdempotencyRecord, LeftCheckouts, SavedMethod } from './checkout.repository.ts';
import { mandateText, saveConsentText } from './mandate.ts';
import type { Payment, PaymentRecord, PaymentStatus } from './payment.ts';
import { clientBankName, clientMethodBrand } from './bank-names.ts';
import { firmPaymentNotice, paymentFailedEmail, receiptEmail } from './payment.emails.ts';
import { requestHash } from './request-hash.ts';
import { mandateQuery, paymentBody, quoteBody } from './payments.contract.ts';
import type { PaymentsRepository } from './payments.repository.ts';
import type { PaymentsService } from './payments.service.ts';
import { ProcessorUnavailable, type ChargeFailure, type ChargeResult, type PaymentProcessor, type ProcessorEvent, type ProcessorMethod } from './processor.ts';
import { surchargeFor, type Surcharge } from './surcharge.ts';

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

type CheckoutMethod = Pick<SavedMethod, 'type' | 'brand' | 'last4' | 'expMonth' | 'expYear' | 'accountType'> &
  Pick<ProcessorMethod, 'funding' | 'postalCode' | 'wallet'> & {
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
  /**
   * A charge the client authorized beforehand (a plan's instalment): the recurring authorization
   * they accepted is stored with a bank debit instead of the one-time wording.
   */
  authorizationText?: string;
}

export interface CheckoutReply {
  status: number;
  body: unknown;
  replayed: boolean;
}

export interface CheckoutServiceDeps {
  checkout: CheckoutRepository;
  invoices: Pick<InvoicesService, 'getForFirm'>;
  webhooks: WebhookEvents;
  /** Declined attempts per client and per IP (card testing): checked before a charge, counted after a decline. */
  failureLimits: Pick<PaymentFailureLimits, 'check' | 'recordFailure'>;
  payments: PaymentsRepository;
  ledger: PaymentsService;
  firms: FirmsService;
  contacts: ContactsService;
  processor: PaymentProcessor;
  mailer: Mailer;
  audit: AuditLog;
  clock: Clock;
  /** Where to send the firm's payment notices when it has no inbox address. */
  publicUrl: string;
}

/** A payment whose status just changed, for the emails and webhooks about it. */
interface PaymentSubject {
  paymentId: string;
  owner: { firmId: string; contactId: string };
  payment: () => Promise<PaymentRecord>;
}

/** What the processor said about one payment of a checkout (or, when it was never asked, why not). */
interface Outcome {
  payment: CheckoutPayment;
  result: ChargeResult | { status: 'failed'; processorRef: null; failure: ChargeFailure; clientSecret?: undefined };
}

type PaymentBody = z.output<typeof paymentBody>;

/**
 * A client paying invoices in the portal, in at most two write transactions: the key is claimed
 * and the balances reserved together (the payments are written as processing), the processor is
 * called outside any transaction, and its answer, the emails it calls for and the answer a retry
 * will get are recorded together. A checkout a crash interrupted between the two is settled
 * against the processor's own record: by the client's retry once its lease has run out, by the
 * recovery sweep otherwise, and at start.
 */
export class CheckoutService {
  constructor(private readonly deps: CheckoutServiceDeps) {}

  async pay(request: CheckoutRequest, input: unknown): Promise<CheckoutReply> {
    const key = request.idempotencyKey?.trim();
    if (!key)
      throw Problem.badRequest(
        'idempotency_key_missing',
        'Send an Idempotency-Key header (a new random value for each payment) so a retry can never pay twice.',
      );
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
    const hash = requestHash(body);
    const { checkout, clock } = this.deps;

    const previous = await checkout.idempotency(request.contactId, key);
    if (previous) return this.#again(request, key, hash, body, previous);

    const firm = (await this.deps.firms.findById(request.firmId))!;
    const contact = (await this.deps.contacts.find(request.firmId, request.contactId))!;
    const attempt = { firmId: firm.id, contactId: contact.id, ip: request.ip, perHour: firm.settings.paymentFailuresPerHour };
    await this.deps.failureLimits.check(attempt);
    const checkoutId = newId('chk');
    let method: CheckoutMethod;
    let reservation: Awaited<ReturnType<typeof checkout.reserve<CheckoutPayment[]>>>;
    try {
      method = await this.#method(firm, contact.id, body, { resuming: false });
      this.#checkAllowed(firm, method, body);
      const now = clock();
      reservation = await checkout.reserve(
        { contactId: contact.id, key, requestHash: hash, checkoutId, now: now.toISOString(), lockedUntil: leaseFrom(now) },
        () => this.#reserve({ request, firm, contact: { id: contact.id, address: addressOf(contact) }, method, body, checkoutId, now: now.toISOString() }),
      );
    } catch (error) {
      // A refusal is this key's answer too: a retry gets it replayed, not a second evaluation.
      if (error instanceof Problem && error.status < 500 && error.code !== 'rate_limited') {
        await checkout.refuse({ contactId: contact.id, key, requestHash: hash, now: clock().toISOString() }, error.status, error.toDocument());
      }
      throw error;
    }
    if (!reservation.claimed) {
      // Another request with this key claimed it first.
      return this.#again(request, key, hash, body, (await checkout.idempotency(request.contactId, key))!);
    }
    crashPoint('checkout.reserved');
    return this.#charge({ request, key, body, firm, contact, method, checkoutId, reserved: reservation.value });
  }

  /** A request whose key was seen before: its stored answer, a conflict, or the unfinished checkout taken up. */
  async #again(request: CheckoutRequest, key: string, hash: string, body: PaymentBody, previous: IdempotencyRecord): Promise<CheckoutReply> {
    const { checkout, clock } = this.deps;
    if (previous.requestHash !== hash) {
      throw Problem.unprocessable('idempotency_key_reused', 'This Idempotency-Key was used for a different payment. Use a new key for a new payment.');
    }
    if (previous.state === 'done') return { status: previous.responseStatus!, body: JSON.parse(previous.responseBody!), replayed: true };
    // Interrupted (the processor never answered), or held by a request that died: this retry takes it over.
    const now = clock();
    if (previous.checkoutId && (await checkout.takeOver(request.contactId, key, now.toISOString(), leaseFrom(now)))) {
      return this.#resume(request, key, body, previous.checkoutId);
    }
    throw Problem.conflict('idempotency_in_progress', 'This payment is still being processed. Wait a moment, then check its status.');
  }

  /** Balances checked and payments written as processing: runs inside the reservation's transaction. */
  async #reserve(context: {
    request: CheckoutRequest;
    firm: Firm;
    contact: { id: string; address?: SurchargeAddress };
    method: CheckoutMethod;
    body: PaymentBody;
    checkoutId: string;
    now: string;
  }): Promise<CheckoutPayment[]> {
    const { request, firm, contact, method, body, checkoutId, now } = context;
    const { processor, checkout, payments, ledger } = this.deps;
    const total = body.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
    const { currency, lines } = await ledger.allocate(firm.id, contact.id, total, body.allocations);
    // A plan's instalment is charged at the amount the client authorized with the plan: never surcharged.
    const surcharge = request.authorizationText === undefined ? this.#surcharge(firm, method, contact.address ?? null, lines) : noSurcharge;
    this.#checkConfirmed(body.amount, total, surcharge);
    const accounts = [...new Set(lines.map((line) => line.depositAccount))];
    // Every deposit account must have somewhere to go before any of them is charged.
    for (const account of accounts) processor.destinationFor?.(firm, account);
    // One statement at a time: they share the transaction's one connection, in order.
    const reserved: CheckoutPayment[] = [];
    for (const account of accounts) {
      const accountLines = lines.filter((line) => line.depositAccount === account);
      // The surcharge is operating money: it rides on the operating payment, never on trust.
      const surcharged = account === 'operating' ? surcharge.amount : 0;
      const amount = accountLines.reduce((sum, line) => sum + line.amount, 0) + surcharged;
      const id = await payments.record(
        {
          firmId: firm.id,
          contactId: contact.id,
          amount,
          surcharge: surcharged,
          surchargePercent: surcharged ? surcharge.percent : null,
          currency,
          method: { type: method.type, brand: method.brand, last4: method.last4 },
          source: 'portal',
          reference: null,
          allocations: accountLines,
          status: 'processing',
          checkoutId,
          processor: processor.name,
          methodRef: method.ref,
          savedMethodId: method.savedId,
        },
        now,
      );
      if (method.type === 'us_bank_account') {
        const text =
          request.authorizationText ??
          this.#mandate(firm, {
            amount: total,
            bankName: method.brand ?? 'your bank',
            accountType: method.accountType ?? 'checking',
            last4: method.last4,
          });
        await checkout.recordMandate(id, { text, ip: request.ip, userAgent: request.userAgent }, now);
      }
      reserved.push({ id, contactId: contact.id, createdAt: now, methodRef: method.ref, amount, currency, account, processorRef: null });
    }
    return reserved;
  }

  /** The card surcharge the rules give this payment: computed here, never taken from the browser. */
  #surcharge(firm: Firm, method: CheckoutMethod, address: SurchargeAddress | null, lines: { amount: number; depositAccount: string }[]): Surcharge {
    return surchargeFor({
      setting: firm.settings.surcharge,
      method: { type: method.type, funding: method.funding ?? null, postalCode: method.postalCode ?? null },
      address,
      operatingAmount: lines.filter((line) => line.depositAccount === 'operating').reduce((sum, line) => sum + line.amount, 0),
    });
  }

  /** The client must have seen and confirmed the total: a surcharge is never charged unannounced. */
  #checkConfirmed(confirmed: number | undefined, subtotal: number, surcharge: Surcharge): void {
    const expected = subtotal + surcharge.amount;
    if (confirmed === undefined) {
      if (surcharge.amount > 0) {
        throw new Problem(
          409,
          'surcharge_not_confirmed',
          `This card payment carries a ${surcharge.percent} % card surcharge. Ask for a quote (POST /payments/quote) and send its total as amount.`,
          { expected, surcharge: surcharge.amount },
        );
      }
      return;
    }
    if (confirmed !== expected) {
      throw new Problem(
        409,
        'amount_mismatch',
        `amount: the total confirmed (${confirmed}) is not the ${expected} this payment comes to${surcharge.amount ? ` with its ${surcharge.percent} % card surcharge` : ''}. Ask for a new quote.`,
        { expected, surcharge: surcharge.amount },
      );
    }
  }

  /**
   * `POST /payments/quote`: what paying these allocations with this method comes to, with the card
   * surcharge the rules give, checked as a payment would be. Nothing is charged, held or recorded.
   */
  async quote(firm: Firm, contactId: string, input: unknown) {
    const body = parse(quoteBody, input);
    const firmId = firm.id;
    const contact = (await this.deps.contacts.find(firmId, contactId))!;
    const method = await this.#method(firm, contactId, { ...body, savePaymentMethod: false }, { resuming: false });
    const subtotal = body.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
    // The same checks a payment makes (balances, the client's own invoices), in a transaction that writes nothing.
    const { currency, lines } = await this.deps.checkout.record(() => this.deps.ledger.allocate(firmId, contactId, subtotal, body.allocations));
    const surcharge = this.#surcharge(firm, method, addressOf(contact), lines);
    return {
      currency,
      subtotal,
      surcharge: { amount: surcharge.amount, percent: surcharge.percent, reason: surcharge.reason },
      total: subtotal + surcharge.amount,
    };
  }

  #checkAllowed(firm: Firm, method: CheckoutMethod, body: PaymentBody): void {
    const allowed = firm.settings.paymentMethods;
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
    if (method.type === 'us_bank_account' && !body.mandate?.accepted) {
      throw Problem.badRequest('mandate_required', 'Accept the bank debit authorization to pay from a bank account.');
    }
    const total = body.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
    if (total < firm.settings.minimumPayment) {
      throw Problem.unprocessable('amount_below_minimum', `The smallest payment ${firm.name} accepts is ${firm.settings.minimumPayment} (minor units).`, {
        minimum: firm.settings.minimumPayment,
      });
    }
  }

  /** After the client completed (or abandoned) 3-D Secure: asks the processor how it ended. */
  async confirm(firmId: string, contactId: string, paymentId: string): Promise<Payment> {
    const payment = await this.deps.ledger.getForClient(firmId, contactId, paymentId);
    if (payment.status !== 'requires_action') return payment;
    const ref = await this.deps.payments.processorRefOf(paymentId);
    if (!ref?.processorRef) throw Problem.conflict('payment_not_ready', 'This payment has not reached the processor yet.');
    const result = await this.deps.processor.refresh(ref.processorRef);
    await this.deps.checkout.record(() => this.#apply(payment.id, result.status, result.failure));
    return this.deps.ledger.getForClient(firmId, contactId, paymentId);
  }

  /** What the processor tells us later (Stripe's webhooks, the sandbox's settlements). Safe to repeat. */
  async applyEvent(event: ProcessorEvent): Promise<{ applied: boolean }> {
    const { payments, processor } = this.deps;
    return await this.deps.checkout.record(async () => {
      let owner = await payments.byProcessorRef(processor.name, event.processorRef);
      if (!owner && event.paymentId) {
        // A charge whose answer never reached us (an interrupted checkout): the processor kept our id.
        const pending = await payments.processorRefOf(event.paymentId);
        if (pending?.processor === processor.name && pending.processorRef === null) {
          await payments.setProcessorRef(event.paymentId, event.processorRef);
          owner = await payments.byProcessorRef(processor.name, event.processorRef);
        }
      }
      if (!owner) return { applied: false };
      return { applied: await this.#apply(owner.id, event.type, event.failure) };
    });
  }

  /**
   * Settles what no request is finishing: checkouts whose holder's lease ran out (at start, also
   * this instance's own from before it stopped: `left: 'mine'`; every unfinished one on a store no
   * other process uses: `left: 'all'`), each against the processor's own record; and 3-D Secure
   * challenges abandoned for half an hour. Run by the recovery job every 30 seconds and at start.
   */
  async recover(options: { left?: LeftCheckouts } = {}): Promise<{ settled: number; abandoned: number; waiting: number }> {
    const { checkout, clock } = this.deps;
    let settled = 0;
    let waiting = 0;
    const now = clock();
    for (const unfinished of await checkout.unfinished(now.toISOString(), { left: options.left })) {
      if (!(await checkout.takeOver(unfinished.contactId, unfinished.key, now.toISOString(), leaseFrom(now), options.left))) continue;
      try {
        await this.#settle(unfinished.contactId, unfinished.key, unfinished.checkoutId);
        settled += 1;
      } catch (error) {
        if (!(error instanceof ProcessorUnavailable)) throw error;
        // Asked again at the next sweep; the balance stays reserved meanwhile.
        await checkout.interruptIdempotency(unfinished.contactId, unfinished.key);
        waiting += 1;
      }
    }
    return { settled, abandoned: await this.#abandonStaleAuthentications(), waiting };
  }

  /**
   * Settles one unfinished checkout without the client: each payment with no recorded outcome is
   * looked up at the processor (never charged anew); one the processor never saw failed, and its
   * balance is free again. The key then answers what the checkout came to.
   */
  async #settle(contactId: string, key: string, checkoutId: string | null): Promise<void> {
    const reserved = checkoutId ? await this.deps.checkout.checkoutPayments(checkoutId) : [];
    const outcomes: Outcome[] = [];
    for (const payment of reserved) {
      if ((await this.deps.payments.status(payment.id))?.status !== 'processing' || payment.processorRef) continue;
      const result = await this.deps.processor.findCharge({
        paymentId: payment.id,
        idempotencyKey: processorKey(contactId, key, payment.account),
        contactId,
        createdAt: payment.createdAt,
      });
      outcomes.push({ payment, result: result ?? { status: 'failed', processorRef: null, failure: neverCharged } });
    }
    const owner = reserved[0] && (await this.deps.payments.ownerOf(reserved[0].id));
    await this.deps.checkout.record(async () => {
      await this.#recordOutcomes(outcomes);
      const answer = owner ? await this.#answerFor(owner.firmId, contactId, reserved) : checkoutLost;
      await this.deps.checkout.completeIdempotency(contactId, key, owner ? 201 : 422, answer);
    });
  }

  /** Forgets idempotency keys older than a month, far past any retry: a key reused after that is a new payment. */
  prune(): Promise<number> {
    return this.deps.checkout.pruneIdempotency(new Date(this.deps.clock().getTime() - 30 * 86_400_000).toISOString());
  }

  /** The ACH authorization the client is asked to accept, word for word as it will be stored. */
  async mandatePreview(firmId: string, query: unknown): Promise<{ text: string }> {
    const q = parse(mandateQuery, query, 'query');
    const firm = (await this.deps.firms.findById(firmId))!;
    // The browser sends the bank's name as the processor gave it; the client reads it as they know it.
    const bankName = clientBankName(q.bankName) ?? 'your bank';
    return { text: this.#mandate(firm, { amount: q.amount, bankName, accountType: q.accountType, last4: q.last4 }) };
  }

  /**
   * The method later charges will use (a plan's instalments), as clients read it: one of the
   * client's saved methods, or the processor token the browser made, saved for the client when
   * `save` (their consent is the authorization they accept with it).
   */
  async methodForLater(
    firm: Firm,
    contactId: string,
    paymentMethod: { savedId: string } | { type: 'card' | 'us_bank_account'; token: string },
    options: { save: boolean },
  ): Promise<{ savedId: string | null; type: 'card' | 'us_bank_account'; brand: string | null; last4: string; accountType: string | null }> {
    const method = await this.#method(firm, contactId, { paymentMethod } as PaymentBody, { resuming: false });
    const allowed = firm.settings.paymentMethods;
    if (method.type === 'card' ? !allowed.card : !(allowed.bankAccount || allowed.bankLink)) {
      throw Problem.unprocessable('method_not_allowed', `${firm.name} does not accept ${method.type === 'card' ? 'cards' : 'bank debits'} in the portal.`);
    }
    const described = { type: method.type, brand: method.brand, last4: method.last4, accountType: method.accountType ?? null };
    if (method.savedId || !options.save) return { savedId: method.savedId, ...described };
    const savedId = await this.deps.checkout.saveMethod(
      {
        firmId: firm.id,
        contactId,
        processor: this.deps.processor.name,
        processorRef: method.ref,
        type: method.type,
        brand: method.brand,
        last4: method.last4,
        expMonth: method.expMonth,
        expYear: method.expYear,
        accountType: method.accountType,
        consentText: saveConsentText(firm.name),
      },
      this.deps.clock().toISOString(),
    );
    return { savedId, ...described };
  }

  async savedMethods(firmId: string, contactId: string) {
    return (await this.deps.checkout.savedMethods(firmId, contactId)).map(({ id, type, brand, last4, expMonth, expYear, createdAt, isDefault }) => ({
      id,
      type,
      brand: clientMethodBrand({ type, brand }),
      last4,
      expMonth,
      expYear,
      createdAt,
      isDefault,
    }));
  }

  /** The method `<portal-pay>` chooses first; answers the saved methods as they now are. */
  async setDefaultSavedMethod(firmId: string, contactId: string, id: string) {
    if (!(await this.deps.checkout.setDefaultMethod(firmId, contactId, id))) throw Problem.notFound('saved payment method', 'saved_method_not_found');
    await this.deps.audit.record(
      { firmId, actor: { type: 'contact', id: contactId }, action: 'payment_method.default_set', subject: { type: 'saved_payment_method', id } },
      this.deps.clock().toISOString(),
    );
    return this.savedMethods(firmId, contactId);
  }

  async removeSavedMethod(firmId: string, contactId: string, id: string): Promise<void> {
    const method = await this.deps.checkout.savedMethod(firmId, contactId, id);
    if (!method) throw Problem.notFound('saved payment method');
    await this.deps.processor.detach(method.processorRef);
    await this.deps.checkout.removeMethod(firmId, contactId, id, this.deps.clock().toISOString());
    await this.deps.audit.record(
      { firmId, actor: { type: 'contact', id: contactId }, action: 'payment_method.removed', subject: { type: 'saved_payment_method', id } },
      this.deps.clock().toISOString(),
    );
  }

  /**
   * A retry takes up a checkout that never got its processor's answer: its payments are still
   * reserved. Each is charged again with the same processor idempotency key, so the processor
   * answers with the charge it may already have made instead of making a second one.
   */
  async #resume(request: CheckoutRequest, key: string, body: PaymentBody, checkoutId: string): Promise<CheckoutReply> {
    const firm = (await this.deps.firms.findById(request.firmId))!;
    const contact = (await this.deps.contacts.find(request.firmId, request.contactId))!;
    const reserved = await this.deps.checkout.checkoutPayments(checkoutId);
    let method: CheckoutMethod;
    try {
      method = await this.#method(firm, contact.id, body, { resuming: true });
    } catch (error) {
      if (error instanceof ProcessorUnavailable) {
        await this.deps.checkout.interruptIdempotency(contact.id, key);
        throw error;
      }
      // The method is gone: nothing more can be charged, so the checkout ends with what it has.
      await this.#settle(contact.id, key, checkoutId);
      throw error;
    }
    return this.#charge({ request, key, body, firm, contact, method, checkoutId, reserved });
  }

  /** The method the client chose: a saved one, or the token the browser got from the processor. */
  async #method(firm: Firm, contactId: string, body: PaymentBody, options: { resuming: boolean }): Promise<CheckoutMethod> {
    if ('savedId' in body.paymentMethod) {
      const saved = await this.deps.checkout.savedMethod(firm.id, contactId, body.paymentMethod.savedId);
      if (!saved) throw Problem.unprocessable('saved_method_not_found', 'That saved payment method no longer exists. Choose another.');
      // A saved card's funding and billing ZIP are the processor's to tell, and only matter for a surcharge.
      const card =
        saved.type === 'card' && firm.settings.surcharge.enabled ? await this.deps.processor.retrieveMethod(saved.processorRef, contactId) : undefined;
      return {
        ...saved,
        brand: clientMethodBrand(saved),
        ref: saved.processorRef,
        savedId: saved.id,
        funding: card?.funding ?? null,
        postalCode: card?.postalCode ?? null,
        wallet: card?.wallet ?? null,
      };
    }
    const found = await this.deps.processor.retrieveMethod(body.paymentMethod.token, contactId);
    // A resumed checkout may already have used a single-use token at the processor.
    if (!found || (!found.usable && !options.resuming)) {
      throw Problem.unprocessable('payment_method_invalid', 'These payment details have expired or were already used. Enter them again.');
    }
    if (found.type !== body.paymentMethod.type) {
      throw Problem.unprocessable(
        'payment_method_mismatch',
        `The token is for a ${found.type === 'card' ? 'card' : 'bank account'}, not a ${body.paymentMethod.type === 'card' ? 'card' : 'bank account'}.`,
      );
    }
    // Kept on the payment as the client will read it on every reply, receipt and authorization.
    return { ...found, brand: clientMethodBrand(found), accountType: found.accountType ?? null, savedId: null };
  }

  /** Charges each reserved payment that has no charge yet, then records every outcome and the answer in one transaction. */
  async #charge(context: {
    request: CheckoutRequest;
    key: string;
    body: PaymentBody;
    firm: Firm;
    contact: { id: string; email: string; name: string };
    method: CheckoutMethod;
    checkoutId: string;
    reserved: CheckoutPayment[];
  }): Promise<CheckoutReply> {
    const { request, key, body, firm, contact, method, checkoutId, reserved } = context;
    const { processor, checkout, clock } = this.deps;
    const outcomes: Outcome[] = [];
    let refusal: Problem | undefined;
    for (const payment of reserved) {
      // Released earlier (never charged): it stays as it is.
      if (!payment.processorRef && (await this.deps.payments.status(payment.id))?.status !== 'processing') continue;
      if (refusal) {
        // The processor refused an earlier charge of this checkout, so this one is not attempted.
        outcomes.push({ payment, result: { status: 'failed', processorRef: null, failure: { code: refusal.code, message: refusal.message } } });
        continue;
      }
      try {
        const result = payment.processorRef
          ? await processor.refresh(payment.processorRef)
          : await processor.charge({
              paymentId: payment.id,
              idempotencyKey: processorKey(contact.id, key, payment.account),
              amount: payment.amount,
              currency: payment.currency,
              account: payment.account,
              methodRef: method.ref,
              methodType: method.type,
              destination: processor.destinationFor?.(firm, payment.account) ?? null,
              ...(await this.#mandateFor(payment.id, method)),
              customer: { contactId: contact.id, email: contact.email, name: contact.name },
              saveForLater: body.savePaymentMethod || method.savedId !== null,
              description: `${firm.name}: ${payment.account === 'trust' ? 'trust deposit' : 'invoice payment'}`,
            });
        outcomes.push({ payment, result });
      } catch (error) {
        if (error instanceof ProcessorUnavailable) {
          // No answer, so the charge may or may not exist: nothing is released. A retry of the same
          // request resumes this checkout and asks again with the same processor key; without one,
          // the recovery sweep looks the charge up once the lease has run out. What was answered
          // is recorded, so it is not asked again.
          await checkout.record(async () => {
            await this.#recordOutcomes(outcomes);
            await checkout.interruptIdempotency(contact.id, key);
          });
          throw error;
        }
        if (!(error instanceof Problem)) throw error;
        // The processor refused the request, so nothing was charged: the reservation is released.
        refusal = error;
        outcomes.push({ payment, result: { status: 'failed', processorRef: null, failure: { code: error.code, message: error.message } } });
      }
    }
    crashPoint('checkout.charged');

    const saveMethod = body.savePaymentMethod && !method.savedId && outcomes.some(({ result }) => result.status !== 'failed');
    const answer = await checkout.record(async () => {
      const nowIso = clock().toISOString();
      await this.#recordOutcomes(outcomes);
      if (saveMethod) {
        await checkout.saveMethod(
          {
            firmId: firm.id,
            contactId: contact.id,
            processor: processor.name,
            processorRef: method.ref,
            type: method.type,
            brand: method.brand,
            last4: method.last4,
            expMonth: method.expMonth,
            expYear: method.expYear,
            accountType: method.accountType,
            consentText: saveConsentText(firm.name),
          },
          nowIso,
        );
      }
      await this.deps.audit.record(
        {
          firmId: firm.id,
          actor: { type: 'contact', id: contact.id },
          action: 'checkout.submitted',
          subject: { type: 'checkout', id: checkoutId },
          ip: request.ip,
        },
        nowIso,
      );
      const reply: CheckoutReply = refusal
        ? { status: refusal.status, body: refusal.toDocument(), replayed: false }
        : { status: 201, body: await this.#answerFor(firm.id, contact.id, reserved, outcomes), replayed: false };
      await checkout.completeIdempotency(contact.id, key, reply.status, reply.body);
      return reply;
    });
    crashPoint('checkout.recorded');
    // A declined attempt (or refused details) counts toward the limit: what card testing looks like.
    if (outcomes.some(({ result }) => result.status === 'failed')) {
      await this.deps.failureLimits.recordFailure({ firmId: firm.id, contactId: contact.id, ip: request.ip, perHour: firm.settings.paymentFailuresPerHour });
    }
    if (refusal) throw refusal;
    return answer;
  }

  async #mandateFor(paymentId: string, method: CheckoutMethod): Promise<{ mandate?: { ip: string | null; userAgent: string | null; acceptedAt: string } }> {
    if (method.type !== 'us_bank_account') return {};
    const mandate = await this.deps.checkout.mandate(paymentId);
    return mandate ? { mandate: { ip: mandate.ip, userAgent: mandate.userAgent, acceptedAt: mandate.acceptedAt } } : {};
  }

  /** Writes each outcome: the processor's id for the charge and the status it reached. Call inside `record`. */
  async #recordOutcomes(outcomes: Outcome[]): Promise<void> {
    for (const { payment, result } of outcomes) {
      const charged = result.processorRef ? await this.deps.payments.setProcessorRef(payment.id, result.processorRef) : false;
      // A bank debit stays processing: the firm hears it started once, when the processor took it.
      if (charged && result.status === 'processing') await this.#report(await this.#subject(payment.id), 'payment.processing');
      await this.#apply(payment.id, result.status, result.failure);
    }
  }

  /**
   * Tells the firm's software (webhooks) what happened to a payment, and that an invoice it paid
   * in full is paid, in the transaction that records it.
   */
  async #report(subject: PaymentSubject, type: 'payment.processing' | 'payment.succeeded' | 'payment.failed' | 'payment.refunded'): Promise<void> {
    const { paymentId, owner, payment } = subject;
    await this.deps.webhooks.emit(owner.firmId, type, async () => ({ ...(await payment()), contactId: owner.contactId }));
    if (type !== 'payment.succeeded' || !(await this.deps.webhooks.wanted(owner.firmId, 'invoice.paid'))) return;
    for (const allocation of (await payment()).allocations) {
      const invoice = await this.deps.invoices.getForFirm(owner.firmId, allocation.invoiceId);
      if (invoice.status === 'paid') {
        await this.deps.webhooks.emit(owner.firmId, 'invoice.paid', {
          invoiceId: invoice.id,
          number: invoice.number,
          contactId: owner.contactId,
          total: invoice.total,
          currency: invoice.currency,
          paidBy: paymentId,
        });
      }
    }
  }

  /** Whose a payment is, and the payment as the ledger keeps it (with its number), read at most once and only when needed. */
  async #subject(paymentId: string): Promise<PaymentSubject> {
    const owner = (await this.deps.payments.ownerOf(paymentId))!;
    let loaded: PaymentRecord | undefined;
    return { paymentId, owner, payment: async () => (loaded ??= await this.deps.ledger.getRecord(owner.firmId, owner.contactId, paymentId)) };
  }

  /** What the client is answered (and a retry replays): every payment of the checkout as it now stands. */
  async #answerFor(firmId: string, contactId: string, reserved: CheckoutPayment[], outcomes: Outcome[] = []) {
    // Called inside `record`: one read at a time on the transaction's connection.
    const all: Payment[] = [];
    for (const { id } of reserved) all.push(await this.deps.ledger.getForClient(firmId, contactId, id));
    const actions = outcomes
      .filter(({ result }) => result.status === 'requires_action' && result.clientSecret)
      .map(({ payment, result }) => ({ paymentId: payment.id, clientSecret: result.clientSecret! }));
    return { payment: all[0]!, payments: all, ...(actions.length ? { clientSecret: actions[0]!.clientSecret, nextActions: actions } : {}) };
  }

  /**
   * A 3-D Secure challenge the client walked away from holds its invoices' balance. After half an
   * hour it counts as failed, so the client can pay that balance another way.
   */
  async #abandonStaleAuthentications(): Promise<number> {
    const now = this.deps.clock().getTime();
    const cutoff = new Date(now - abandonedAuthenticationMs).toISOString();
    const since = new Date(now - abandonedAuthenticationMs - 7 * 86_400_000).toISOString();
    let abandoned = 0;
    for (const paymentId of await this.deps.payments.waitingForAuthentication(since, cutoff)) {
      const ref = (await this.deps.payments.processorRefOf(paymentId))?.processorRef;
      if (ref) await this.deps.processor.cancel(ref);
      const changed = await this.deps.checkout.record(() =>
        this.#apply(paymentId, 'failed', {
          code: 'payment_intent_authentication_failure',
          message: 'The card was never authenticated, so the payment was cancelled.',
        }),
      );
      if (changed) abandoned += 1;
    }
    return abandoned;
  }

  /**
   * Appends a status when it moves the payment forward, and queues the emails that status calls
   * for, in the caller's transaction.
   */
  async #apply(paymentId: string, status: PaymentStatus, failure?: ChargeFailure): Promise<boolean> {
    const { payments, clock } = this.deps;
    await payments.lock(paymentId);
    const current = (await payments.status(paymentId))!;
    if (current.status === status || !allowedNext[current.status].includes(status)) return false;
    await payments.addEvent(paymentId, status, failure ? JSON.stringify(failure) : null, clock().toISOString());
    const subject = await this.#subject(paymentId);
    await this.#queueNotices(subject, current.status, status, failure);
    if (status === 'succeeded' && current.status !== 'disputed') await this.#report(subject, 'payment.succeeded');
    else if (status === 'failed' || status === 'refunded') await this.#report(subject, `payment.${status}`);
    return true;
  }

  async #queueNotices(subject: PaymentSubject, from: PaymentStatus, to: PaymentStatus, failure?: { message: string }): Promise<void> {
    const receipt = to === 'succeeded' && from !== 'disputed';
    const returnedDebit = to === 'failed' && from === 'processing' && failure !== neverCharged;
    if (!receipt && !returnedDebit) return;
    const { paymentId, owner } = subject;
    const payment = await subject.payment();
    // A card decline is shown on the spot; only a bank debit fails days later and is emailed.
    if (!receipt && payment.method.type !== 'us_bank_account') return;
    const firm = (await this.deps.firms.findById(owner.firmId))!;
    const contact = (await this.deps.contacts.find(owner.firmId, owner.contactId))!;
    const brand = { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors };
    const link = portalLink(firm, this.deps.publicUrl);
    const queue = (kind: string, to: string, email: { subject: string; text: string; html: string }) =>
      this.deps.mailer.queue({ firmId: firm.id, kind, to, fromName: firm.name, replyTo: firm.settings.inboxEmail, ...email }, `${kind}:${paymentId}`);
    const notifyFirm = async (outcome: 'succeeded' | 'failed') => {
      if (firm.settings.inboxEmail)
        await queue('firm_payment_notice', firm.settings.inboxEmail, firmPaymentNotice({ firm: brand, contactName: contact.name, payment, outcome }));
    };

    if (receipt) {
      await queue(
        'receipt',
        contact.email,
        receiptEmail({ firm: brand, contactName: contact.name, payment, link, timeZone: firm.settings.timeZone, language: contact.emailLanguage }),
      );
      await notifyFirm('succeeded');
    } else {
      // The client has an invoice to pay again: the email opens it (the first, when the debit paid several).
      const invoiceLink = portalLink(firm, this.deps.publicUrl, payment.allocations[0]?.invoiceId);
      await queue(
        'payment_failed',
        contact.email,
        paymentFailedEmail({ firm: brand, contactName: contact.name, payment, reason: failure?.message, link: invoiceLink, language: contact.emailLanguage }),
      );
      await notifyFirm('failed');
    }
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

type SurchargeAddress = { state: string | null; postalCode: string | null } | null;

/** What a charge the client authorized beforehand carries. */
const noSurcharge: Surcharge = { amount: 0, percent: 0, reason: null, state: null };

/** The part of a contact's address the surcharge rules read. */
function addressOf(contact: { address?: { state: string | null; postalCode: string | null } | null }): SurchargeAddress {
  return contact.address ? { state: contact.address.state, postalCode: contact.address.postalCode } : null;
}

/** How long a checkout holds its key before a retry or the recovery sweep may settle it. */
export const checkoutLeaseMs = 30_000;

const leaseFrom = (now: Date) => new Date(now.getTime() + checkoutLeaseMs).toISOString();

/** Why a payment the processor never saw failed: the checkout was interrupted before the charge. */
const neverCharged: ChargeFailure = {
  code: 'checkout_interrupted',
  message: 'The payment was interrupted before it reached the payment processor. Nothing was charged; you can pay again.',
};

/** The answer for a key whose checkout left no payments behind (it was interrupted before reserving). */
const checkoutLost = {
  type: 'about:blank',
  status: 422,
  code: 'checkout_interrupted',
  detail: 'This payment was interrupted before anything was reserved or charged. Pay again with a new Idempotency-Key.',
};

/**
 * The processor's idempotency key for one deposit account's charge, derived from the client's own
 * key: a retried request, or a resumed one, can never make a second charge at the processor.
 */
export function processorKey(contactId: string, idempotencyKey: string, account: string): string {
  return `portico_${createHash('sha256').update(`${contactId}\n${idempotencyKey}\n${account}`).digest('hex')}`;
}

/** The firm's portal page, opening `invoiceId` when given (the portal reads `?invoice=`). */
function portalLink(firm: Firm, fallback: string, invoiceId?: string): string {
  const base = firm.settings.portalUrl ?? firm.siteUrl;
  if (!base) return fallback;
  if (!invoiceId) return base;
  const url = new URL(base);
  url.searchParams.set('invoice', invoiceId);
  return url.toString();
}
