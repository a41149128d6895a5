import type Stripe from 'stripe';
import type { Clock } from '../../clock.ts';
import type { Firm } from '../../firms/index.ts';
import { Problem } from '../../http/problem.ts';
import type { DepositAccount } from '../../invoices/index.ts';
import type { LinkedAccount } from '../bank-links.ts';
import type {
  ChargeFailure,
  ChargeLookup,
  ChargeRequest,
  ChargeResult,
  PaymentProcessor,
  ProcessorMethod,
  ProcessorRefund,
  RefundLookup,
  RefundRequest,
  RefundResult,
} from '../processor.ts';
import { asStripeError, unavailableFrom, type StripeClient, type StripeErrorLike } from './stripe.client.ts';
import type { StripeRepository } from './stripe.repository.ts';

/** One attempt at creating a PaymentIntent; with the client's two retries this stays under the checkout's 30 s lease. */
const chargeTimeoutMs = 8_000;

/** What a browser-made token can look like: a PaymentMethod, or a bank account attached to a Customer. */
const methodToken = /^(pm|ba)_[A-Za-z0-9_]{3,250}$/;

const canceled: ChargeFailure = { code: 'payment_intent_canceled', message: 'The payment was canceled before it completed.' };
const unknownFailure: ChargeFailure = { code: 'payment_failed', message: 'The payment could not be completed. Try another payment method.' };

/**
 * Payments through Stripe. The browser makes a PaymentMethod with Stripe.js (card details never
 * come here); the service creates and confirms a PaymentIntent for it on the server ("finalize on
 * the server"), on a Customer of the contact, with an idempotency key derived from the client's.
 * Trust money is a destination charge to the firm's trust account (see `destinationFor`).
 */
export class StripeProcessor implements PaymentProcessor {
  readonly name = 'stripe';

  constructor(
    private readonly client: () => Promise<StripeClient>,
    private readonly repository: StripeRepository,
    private readonly clock: Clock,
  ) {}

  async retrieveMethod(token: string, contactId: string): Promise<ProcessorMethod | undefined> {
    if (!methodToken.test(token)) return undefined;
    const method = await this.#call(async (stripe) => {
      try {
        return await stripe.paymentMethods.retrieve(token);
      } catch (error) {
        if (asStripeError(error)?.code === 'resource_missing') return undefined;
        throw error;
      }
    });
    if (!method) return undefined;
    // A method kept on a Customer can only be paid with by that Customer's contact.
    const owner = typeof method.customer === 'string' ? method.customer : (method.customer?.id ?? null);
    const usable = owner === null || owner === (await this.repository.customerOf(contactId));
    if (method.type === 'card' && method.card) {
      const card = method.card;
      return {
        ref: method.id,
        type: 'card',
        brand: card.brand,
        last4: card.last4,
        expMonth: card.exp_month,
        expYear: card.exp_year,
        usable,
        // Read here, never from the browser: the surcharge rules depend on them.
        funding: (['credit', 'debit', 'prepaid'] as const).find((funding) => funding === card.funding) ?? 'unknown',
        postalCode: method.billing_details?.address?.postal_code ?? null,
        // Apple Pay and Google Pay give a card PaymentMethod; its wallet says which.
        wallet: card.wallet?.type ?? null,
      };
    }
    if (method.type === 'us_bank_account' && method.us_bank_account) {
      const bank = method.us_bank_account;
      return {
        ref: method.id,
        type: 'us_bank_account',
        brand: bank.bank_name,
        last4: bank.last4 ?? '',
        expMonth: null,
        expYear: null,
        usable,
        accountType: bank.account_type,
        // Plaid's bank accounts (ba_…) and Financial Connections accounts were signed in to; others were typed in.
        origin: method.id.startsWith('ba_') || bank.financial_connections_account ? 'linked' : 'typed',
      };
    }
    return undefined;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const customer = await this.customerFor(request.customer);
    const type = request.methodType ?? (request.methodRef.startsWith('ba_') ? 'us_bank_account' : 'card');
    const params: Stripe.PaymentIntentCreateParams = {
      amount: request.amount,
      currency: request.currency.toLowerCase(),
      customer,
      payment_method: request.methodRef,
      allowed_payment_method_types: [type],
      confirm: true,
      // The browser completes 3-D Secure with Stripe.js (handleNextAction) from the client secret.
      use_stripe_sdk: true,
      description: request.description,
      metadata: { paymentId: request.paymentId, contactId: request.customer.contactId, account: request.account },
    };
    if (request.saveForLater) params.setup_future_usage = 'off_session';
    if (type === 'us_bank_account') {
      params.mandate_data = {
        customer_acceptance: {
          type: 'online',
          accepted_at: Math.floor(Date.parse(request.mandate?.acceptedAt ?? this.clock().toISOString()) / 1000),
          online: { ip_address: request.mandate?.ip ?? '0.0.0.0', user_agent: request.mandate?.userAgent ?? 'unknown' },
        },
      };
    }
    if (request.destination) {
      // A destination charge moves the whole amount to the connected account; Stripe's fee is
      // taken from the platform's balance. Trust money must reach the trust account in full:
      // fees may not be paid out of client funds held in trust.
      params.transfer_data = { destination: request.destination, amount: request.amount };
    }
    return this.#call(async (stripe) => {
      try {
        // Answered or given up within the checkout's lease (with the client's retries), so a charge
        // is never settled as missing while its request is still in flight.
        return this.#result(await stripe.paymentIntents.create(params, { idempotencyKey: request.idempotencyKey, timeout: chargeTimeoutMs }));
      } catch (error) {
        const stripeError = asStripeError(error);
        if (stripeError?.type === 'StripeInvalidRequestError') throw refusal(stripeError, request.account) ?? error;
        if (stripeError?.type !== 'StripeCardError') throw error;
        // A decline: the PaymentIntent exists (requires_payment_method) and the error says why.
        return {
          status: 'failed',
          processorRef: stripeError.payment_intent?.id ?? `declined_${request.paymentId}`,
          failure: {
            code: stripeError.code ?? 'card_declined',
            ...(stripeError.decline_code ? { declineCode: stripeError.decline_code } : {}),
            message: stripeError.message || 'Your card was declined.',
          },
        } satisfies ChargeResult;
      }
    });
  }

  async findCharge(lookup: ChargeLookup): Promise<ChargeResult | undefined> {
    const customer = await this.repository.customerOf(lookup.contactId);
    // Every charge is made on the contact's Customer, so without one nothing reached Stripe.
    if (!customer) return undefined;
    return this.#call(async (stripe) => {
      // Listing is read-after-write consistent (search is not): the Customer's intents since the reservation.
      const since = Math.floor(Date.parse(lookup.createdAt) / 1000) - 300;
      for await (const intent of stripe.paymentIntents.list({ customer, created: { gte: since }, limit: 100 })) {
        if (intent.metadata?.paymentId === lookup.paymentId) return this.#result(intent);
      }
      return undefined;
    });
  }

  async refresh(processorRef: string): Promise<ChargeResult> {
    return this.#call(async (stripe) => this.#result(await stripe.paymentIntents.retrieve(processorRef)));
  }

  async cancel(processorRef: string): Promise<void> {
    await this.#call(async (stripe) => {
      await stripe.paymentIntents.cancel(processorRef, { cancellation_reason: 'abandoned' });
    });
  }

  async detach(methodRef: string): Promise<void> {
    await this.#call(async (stripe) => {
      if (methodRef.startsWith('ba_')) {
        // A bank account from Plaid is a source on the Customer, removed from there.
        const method = await stripe.paymentMethods.retrieve(methodRef);
        const customer = typeof method.customer === 'string' ? method.customer : method.customer?.id;
        if (customer) await stripe.customers.deleteSource(customer, methodRef);
        return;
      }
      try {
        await stripe.paymentMethods.detach(methodRef);
      } catch (error) {
        // Already detached, or gone: what was asked for is true.
        if (asStripeError(error)?.type !== 'StripeInvalidRequestError') throw error;
      }
    });
  }

  /**
   * Refunds through Stripe's Refunds API, with an idempotency key derived from our refund id. A
   * destination charge's refund reverses its transfer (`reverse_transfer`), so the money comes
   * back out of the connected account it went to: trust money from the trust account, in the
   * same amount, and Stripe's fee (kept by Stripe on a refund) stays the platform's, never trust's.
   */
  async refund(request: RefundRequest): Promise<RefundResult> {
    return this.#call(async (stripe) => {
      const intent = await stripe.paymentIntents.retrieve(request.chargeRef, {}, { timeout: chargeTimeoutMs });
      const params: Stripe.RefundCreateParams = {
        payment_intent: request.chargeRef,
        amount: request.amount,
        metadata: { refundId: request.refundId, paymentId: request.paymentId },
        ...(intent.transfer_data?.destination ? { reverse_transfer: true } : {}),
      };
      try {
        return refundResult(await stripe.refunds.create(params, { idempotencyKey: request.idempotencyKey, timeout: chargeTimeoutMs }));
      } catch (error) {
        const stripeError = asStripeError(error);
        if (stripeError?.type !== 'StripeInvalidRequestError') throw error;
        // Refused (already refunded, more than is left, a disputed charge): nothing was refunded.
        throw Problem.unprocessable(
          'refund_refused',
          `Stripe refused the refund: ${stripeError.message ?? stripeError.code ?? 'no reason given'}`.replace(/\.?$/, '.'),
          {
            processorCode: stripeError.code ?? null,
          },
        );
      }
    });
  }

  async findRefund(lookup: RefundLookup): Promise<RefundResult | undefined> {
    const refunds = await this.refundsOf(lookup.chargeRef);
    return refunds.find((refund) => refund.refundId === lookup.refundId);
  }

  /** Every refund of a PaymentIntent, as Stripe records them (listing is read-after-write consistent). */
  async refundsOf(chargeRef: string): Promise<ProcessorRefund[]> {
    return this.#call(async (stripe) => {
      const found: ProcessorRefund[] = [];
      for await (const refund of stripe.refunds.list({ payment_intent: chargeRef, limit: 100 })) {
        found.push({ ...refundResult(refund), amount: refund.amount, refundId: refund.metadata?.refundId ?? null });
      }
      return found;
    });
  }

  /** Stripe's fee for a charge: its balance transaction's, once the charge has one. Null when Stripe does not say. */
  async feeOf(chargeRef: string): Promise<number | null> {
    try {
      const stripe = await this.client();
      const intent = await stripe.paymentIntents.retrieve(
        chargeRef,
        { expand: ['latest_charge.balance_transaction'] },
        // A detail page does not wait long on Stripe for a figure it can do without.
        { timeout: 5_000, maxNetworkRetries: 0 },
      );
      const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
      const transaction = charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
      return transaction?.fee ?? null;
    } catch {
      return null;
    }
  }

  destinationFor(firm: Firm, account: DepositAccount): string | null {
    const accounts = firm.settings.stripe;
    if (account === 'trust') {
      if (!accounts?.trustAccount) {
        throw Problem.unprocessable(
          'trust_account_missing',
          `${firm.name} has not connected its trust account for online payments yet, so trust invoices cannot be paid in the portal. Nothing was charged; contact the firm.`,
        );
      }
      return accounts.trustAccount;
    }
    return accounts?.operatingAccount ?? null;
  }

  /** The contact's Stripe Customer, made the first time it is needed. */
  async customerFor(contact: { contactId: string; email: string; name: string }): Promise<string> {
    const known = await this.repository.customerOf(contact.contactId);
    if (known) return known;
    const customer = await this.#call((stripe) =>
      stripe.customers.create(
        { email: contact.email, name: contact.name, metadata: { contactId: contact.contactId } },
        // Two first payments at once, or a retry after a lost answer, make one Customer.
        { idempotencyKey: `portico_customer_${contact.contactId}` },
      ),
    );
    return this.repository.keepCustomer(contact.contactId, customer.id, this.clock().toISOString());
  }

  /**
   * Turns a Stripe bank account token (Plaid's processor token) into a bank account on the
   * contact's Customer; its `ba_…` id is used as the PaymentMethod of a us_bank_account payment.
   */
  async attachBankAccountToken(contact: { id: string; email: string; name: string }, bankAccountToken: string, accountType: string): Promise<LinkedAccount> {
    const customer = await this.customerFor({ contactId: contact.id, email: contact.email, name: contact.name });
    const source = await this.#call(async (stripe) => {
      try {
        return await stripe.customers.createSource(customer, { source: bankAccountToken }, { idempotencyKey: `portico_source_${bankAccountToken}` });
      } catch (error) {
        if (asStripeError(error)?.type !== 'StripeInvalidRequestError') throw error;
        throw Problem.unprocessable('bank_link_invalid', 'Your bank account could not be added for payments. Connect your bank again, or enter its numbers.');
      }
    });
    if (source.object !== 'bank_account') throw new Error(`stripe: expected a bank account from ${bankAccountToken.slice(0, 8)}…, got ${source.object}`);
    return { token: source.id, bankName: source.bank_name ?? 'Your bank', last4: source.last4, accountType };
  }

  #result(intent: Stripe.PaymentIntent): ChargeResult {
    switch (intent.status) {
      case 'succeeded':
        return { status: 'succeeded', processorRef: intent.id };
      case 'processing':
      case 'requires_capture':
      case 'requires_confirmation':
        return { status: 'processing', processorRef: intent.id };
      case 'requires_action':
        // Typed bank numbers are verified by microdeposits over days: that is a debit in progress,
        // not a challenge the client must answer now.
        if (intent.next_action?.type === 'verify_with_microdeposits') return { status: 'processing', processorRef: intent.id };
        return { status: 'requires_action', processorRef: intent.id, clientSecret: intent.client_secret ?? undefined };
      case 'canceled':
        return { status: 'failed', processorRef: intent.id, failure: canceled };
      default:
        return { status: 'failed', processorRef: intent.id, failure: failureOf(intent) };
    }
  }

  /** Runs SDK calls; errors that leave the outcome unknown become a ProcessorUnavailable problem. */
  async #call<T>(run: (stripe: StripeClient) => Promise<T>): Promise<T> {
    const stripe = await this.client();
    try {
      return await run(stripe);
    } catch (error) {
      throw unavailableFrom(error) ?? error;
    }
  }
}

/** Stripe refused the request itself (nothing was charged) for a reason the client or the firm can act on. */
function refusal(error: StripeErrorLike, account: DepositAccount): Problem | undefined {
  if (error.param?.startsWith('transfer_data')) {
    return Problem.unprocessable(
      'deposit_account_invalid',
      `The firm's Stripe account for ${account === 'trust' ? 'trust' : 'operating'} money cannot receive payments yet. Nothing was charged; contact the firm.`,
    );
  }
  if (error.param?.startsWith('payment_method') || error.code === 'resource_missing' || error.code === 'payment_method_unexpected_state') {
    return Problem.unprocessable(
      'payment_method_invalid',
      `These payment details cannot be used: ${error.message ?? 'enter them again'}.`.replace(/\.\.$/, '.'),
    );
  }
  return undefined;
}

/** A Stripe Refund in our terms: `requires_action` is not finished yet; `canceled` gave nothing back. */
function refundResult(refund: Stripe.Refund): RefundResult {
  switch (refund.status) {
    case 'succeeded':
      return { status: 'succeeded', processorRef: refund.id };
    case 'failed':
    case 'canceled':
      return {
        status: 'failed',
        processorRef: refund.id,
        failure: {
          code: refund.failure_reason ?? `refund_${refund.status}`,
          message: `Stripe could not complete the refund (${refund.failure_reason ?? refund.status}).`,
        },
      };
    default:
      return { status: 'pending', processorRef: refund.id };
  }
}

/** Why a PaymentIntent needs another payment method, in Stripe's codes. */
export function failureOf(intent: Pick<Stripe.PaymentIntent, 'last_payment_error'>): ChargeFailure {
  const error = intent.last_payment_error;
  if (!error) return unknownFailure;
  return {
    code: error.code ?? unknownFailure.code,
    ...(error.decline_code ? { declineCode: error.decline_code } : {}),
    message: error.message ?? unknownFailure.message,
  };
}
