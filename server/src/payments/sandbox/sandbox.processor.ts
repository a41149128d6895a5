import { randomBytes } from 'node:crypto';
import { newId } from '../../db/ids.ts';
import { Problem } from '../../http/problem.ts';
import type {
  ChargeFailure,
  ChargeLookup,
  ChargeRequest,
  ChargeResult,
  PaymentProcessor,
  ProcessorEvent,
  ProcessorMethod,
  RefundLookup,
  RefundRequest,
  RefundResult,
} from '../processor.ts';
import type { Outcome } from './instruments.ts';
import { addBusinessDays, type SandboxClock } from './sandbox-clock.ts';
import type { SandboxCharge, SandboxRepository } from './sandbox.repository.ts';

/** Bank debits settle this many business days after they are made, as ACH debits do. */
export const settlementBusinessDays = 3;

/** Stripe's codes and messages for each test outcome. */
const failures: Partial<Record<Outcome, ChargeFailure>> = {
  decline: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  insufficient_funds: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  lost_card: { code: 'card_declined', declineCode: 'lost_card', message: 'Your card was declined.' },
  stolen_card: { code: 'card_declined', declineCode: 'stolen_card', message: 'Your card was declined.' },
  expired_card: { code: 'expired_card', message: 'Your card has expired.' },
  incorrect_cvc: { code: 'incorrect_cvc', message: "Your card's security code is incorrect." },
  processing_error: { code: 'processing_error', message: 'An error occurred while processing your card. Try again in a little bit.' },
  account_closed: { code: 'bank_account_closed', message: 'The bank account has been closed.' },
  no_account: { code: 'bank_account_not_found', message: 'The bank could not find this account.' },
  debit_not_authorized: { code: 'debit_not_authorized', message: 'The account holder reported this debit as unauthorized.' },
};
const bankFailures: Partial<Record<Outcome, ChargeFailure>> = {
  insufficient_funds: { code: 'insufficient_funds', message: 'The bank account did not have enough funds.' },
};
const authenticationFailed: ChargeFailure = {
  code: 'payment_intent_authentication_failure',
  message: 'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
};

/**
 * The built-in processor: behaves like Stripe in test mode, offline. Cards are decided at once
 * (or after a 3-D Secure challenge); bank debits stay processing until they settle on the
 * sandbox clock, and what happens then arrives as an event, the way Stripe's webhooks do.
 */
export class SandboxProcessor implements PaymentProcessor {
  readonly name = 'sandbox';
  #onEvent: (event: ProcessorEvent) => Promise<unknown> | void = () => {};

  constructor(
    private readonly repository: SandboxRepository,
    readonly clock: SandboxClock,
  ) {}

  /**
   * Where settlement events go, as Stripe's webhooks would: called and awaited inside the
   * transaction that settles the charge, so an event is delivered (queued) exactly when its charge
   * settles.
   */
  onEvent(handler: (event: ProcessorEvent) => Promise<unknown> | void): void {
    this.#onEvent = handler;
  }

  async retrieveMethod(token: string, contactId: string): Promise<ProcessorMethod | undefined> {
    const method = await this.repository.method(token);
    if (!method) return undefined;
    return {
      ref: method.id,
      type: method.type,
      brand: method.type === 'card' ? method.brand : method.bankName,
      last4: method.last4,
      expMonth: method.expMonth,
      expYear: method.expYear,
      accountType: method.accountType,
      origin: method.origin,
      funding: method.type === 'card' ? (method.funding ?? 'unknown') : null,
      postalCode: method.postalCode ?? null,
      // Like Stripe: an unattached method can be used once; a saved one only by its own customer.
      usable: method.customer === null ? method.usedAt === null : method.customer === contactId,
    };
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const existing = await this.repository.chargeByKey(request.idempotencyKey);
    if (existing) return this.#result(existing);
    const method = await this.repository.method(request.methodRef);
    if (!method) throw new Error(`sandbox: no payment method ${request.methodRef}`);
    if (method.customer !== null && method.customer !== request.customer.contactId) {
      throw new Error(`sandbox: payment method ${method.id} belongs to another customer`);
    }
    const now = (await this.clock.now()).toISOString();

    let status: SandboxCharge['status'];
    let failureCode: string | null = null;
    if (method.type === 'us_bank_account') {
      status = 'processing';
    } else if (method.outcome === 'succeed') {
      status = 'succeeded';
    } else if (method.outcome === 'authenticate') {
      status = 'requires_action';
    } else {
      status = 'failed';
      failureCode = method.outcome;
    }
    const charge: SandboxCharge = {
      id: newId('pi'),
      idempotencyKey: request.idempotencyKey,
      paymentMethod: method.id,
      amount: request.amount,
      currency: request.currency,
      account: request.account,
      status,
      failureCode,
      clientSecret: `secret_${randomBytes(16).toString('base64url')}`,
      settlesOn: status === 'processing' ? addBusinessDays(await this.clock.today(), settlementBusinessDays) : null,
      metadata: { paymentId: request.paymentId, contactId: request.customer.contactId },
      createdAt: now,
    };
    await this.repository.recordCharge(charge, { methodId: method.id, usedAt: now, customer: request.saveForLater ? request.customer.contactId : null });
    return this.#result(charge);
  }

  async findCharge(lookup: ChargeLookup): Promise<ChargeResult | undefined> {
    const charge = await this.repository.chargeByKey(lookup.idempotencyKey);
    return charge && this.#result(charge);
  }

  async refresh(processorRef: string): Promise<ChargeResult> {
    const charge = await this.repository.charge(processorRef);
    if (!charge) throw new Error(`sandbox: no charge ${processorRef}`);
    return this.#result(charge);
  }

  async cancel(processorRef: string): Promise<void> {
    await this.repository.moveCharge(processorRef, 'requires_action', 'failed', 'authentication_failed');
  }

  async detach(methodRef: string): Promise<void> {
    await this.repository.detachMethod(methodRef);
  }

  /**
   * Refunds a succeeded charge at once, as Stripe does a card's; the same idempotency key answers
   * with the refund it made. A refund of a charge that is not succeeded, or of more than is left
   * of it, is refused as Stripe refuses it.
   */
  async refund(request: RefundRequest): Promise<RefundResult> {
    const existing = await this.repository.refundByKey(request.idempotencyKey);
    if (existing) return { status: existing.status, processorRef: existing.id };
    const charge = await this.repository.charge(request.chargeRef);
    if (!charge) throw Problem.unprocessable('refund_refused', `The payment processor has no charge ${request.chargeRef}.`);
    if (charge.status !== 'succeeded') {
      throw Problem.unprocessable('refund_refused', `The payment processor cannot refund a charge that is ${charge.status.replace('_', ' ')}.`);
    }
    const refund = await this.repository.recordRefund(
      {
        id: newId('re'),
        idempotencyKey: request.idempotencyKey,
        chargeId: charge.id,
        amount: request.amount,
        status: 'succeeded',
        metadata: { refundId: request.refundId, paymentId: request.paymentId },
        createdAt: (await this.clock.now()).toISOString(),
      },
      charge.amount,
    );
    if (!refund) throw Problem.unprocessable('refund_refused', 'The payment processor refused the refund: it is more than is left of the charge.');
    return { status: refund.status, processorRef: refund.id };
  }

  async findRefund(lookup: RefundLookup): Promise<RefundResult | undefined> {
    const refund = await this.repository.refundByKey(lookup.idempotencyKey);
    return refund && { status: refund.status, processorRef: refund.id };
  }

  /** The sandbox's 3-D Secure page: the client approves or refuses the charge. */
  async authenticate(chargeId: string, clientSecret: string, approve: boolean): Promise<SandboxCharge | undefined> {
    const charge = await this.repository.charge(chargeId);
    if (!charge || charge.clientSecret !== clientSecret || charge.status !== 'requires_action') return undefined;
    if (!(await this.repository.moveCharge(charge.id, 'requires_action', approve ? 'succeeded' : 'failed', approve ? null : 'authentication_failed')))
      return undefined;
    return this.repository.charge(charge.id);
  }

  /** Settles the bank debits due by the sandbox clock's today; each outcome is delivered as an event. */
  async settleDue(): Promise<number> {
    const due = await this.repository.settling(await this.clock.today());
    for (const charge of due) {
      const outcome = (await this.repository.method(charge.paymentMethod))!.outcome;
      const succeeded = outcome === 'succeed';
      const event: ProcessorEvent = {
        id: newId('evt'),
        type: succeeded ? 'succeeded' : 'failed',
        processorRef: charge.id,
        paymentId: charge.metadata.paymentId,
        failure: succeeded ? undefined : this.#failure(outcome, 'us_bank_account'),
        occurredAt: (await this.clock.now()).toISOString(),
      };
      await this.repository.settle(charge.id, succeeded ? 'succeeded' : 'failed', succeeded ? null : outcome, () => this.#onEvent(event));
    }
    return due.length;
  }

  async #result(charge: SandboxCharge): Promise<ChargeResult> {
    return {
      status: charge.status,
      processorRef: charge.id,
      clientSecret: charge.status === 'requires_action' ? `${charge.id}_${charge.clientSecret}` : undefined,
      failure:
        charge.status === 'failed'
          ? this.#failure(charge.failureCode as Outcome | 'authentication_failed', (await this.repository.method(charge.paymentMethod))!.type)
          : undefined,
    };
  }

  #failure(code: Outcome | 'authentication_failed', type: 'card' | 'us_bank_account'): ChargeFailure {
    if (code === 'authentication_failed') return authenticationFailed;
    return (type === 'us_bank_account' ? bankFailures[code] : undefined) ?? failures[code] ?? failures.decline!;
  }
}
