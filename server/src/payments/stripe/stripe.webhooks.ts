import type Stripe from 'stripe';
import type { Clock } from '../../clock.ts';
import { Problem } from '../../http/problem.ts';
import type { PaymentsRepository } from '../payments.repository.ts';
import type { ProcessorEvent, ProcessorRefund } from '../processor.ts';
import type { StripeClient } from './stripe.client.ts';
import { failureOf } from './stripe.processor.ts';
import type { StripeRepository } from './stripe.repository.ts';

export interface WebhookOutcome {
  received: true;
  /** `applied`: the ledger changed; `unchanged`: a repeat, or a step the payment is already past. */
  outcome: 'applied' | 'unchanged' | 'duplicate' | 'ignored';
  reason?: string;
}

export interface StripeWebhooksDeps {
  client: () => Promise<StripeClient>;
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
  checkout: { applyEvent(event: ProcessorEvent): Promise<{ applied: boolean }> };
  /** Records what Stripe says of a PaymentIntent's refunds, each once. */
  refunds: { applyProcessorRefunds(chargeRef: string, reported: ProcessorRefund[]): Promise<{ applied: boolean }> };
  /** Where a PaymentIntent's refunds are read from. */
  processor: { refundsOf(chargeRef: string): Promise<ProcessorRefund[]> };
  payments: PaymentsRepository;
  repository: StripeRepository;
  clock: Clock;
}

type Change = Pick<ProcessorEvent, 'type' | 'processorRef' | 'paymentId' | 'failure'>;

/** A PaymentIntent whose refunds changed: they are read from Stripe and recorded. */
interface RefundsChange {
  refundsOf: string;
}

const signatureInvalid = (detail: string) => Problem.badRequest('webhook_signature_invalid', detail);

/**
 * Stripe's webhooks: verified against the raw body and the endpoint's secret, then turned into the
 * processor events the checkout applies (the same path the sandbox's settlements take). Stripe
 * delivers at least once and in any order: an event id is handled once, and the checkout's
 * allowed transitions ignore steps a payment is already past.
 */
export class StripeWebhooks {
  constructor(private readonly deps: StripeWebhooksDeps) {}

  async receive(rawBody: unknown, signature: string | undefined): Promise<WebhookOutcome> {
    if (!signature) throw signatureInvalid('The Stripe-Signature header is missing.');
    if (!Buffer.isBuffer(rawBody) || rawBody.length === 0)
      throw signatureInvalid('Expected the signed JSON body Stripe sent (Content-Type: application/json).');
    const stripe = await this.deps.client();
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(rawBody, signature, this.deps.secret);
    } catch {
      throw signatureInvalid('The Stripe-Signature does not match this body, or it is too old.');
    }

    const change = changeOf(event);
    if ('ignore' in change) return { received: true, outcome: 'ignored', reason: change.ignore };
    if (!(await this.deps.repository.claimEvent(event.id, event.type, this.deps.clock().toISOString()))) {
      return { received: true, outcome: 'duplicate' };
    }
    try {
      return await this.#apply(event, change);
    } catch (error) {
      // Answered with an error, Stripe delivers the event again later: let that delivery through.
      await this.deps.repository.releaseEvent(event.id);
      throw error;
    }
  }

  async #apply(event: Stripe.Event, change: Change | RefundsChange): Promise<WebhookOutcome> {
    const { payments } = this.deps;
    if ('refundsOf' in change) {
      if (!(await payments.byProcessorRef('stripe', change.refundsOf)))
        return { received: true, outcome: 'ignored', reason: `no payment for ${change.refundsOf}` };
      // The event says that something changed; Stripe's list of the PaymentIntent's refunds says
      // what, and records one made in its dashboard as well as one we made (matched, not doubled).
      const { applied } = await this.deps.refunds.applyProcessorRefunds(change.refundsOf, await this.deps.processor.refundsOf(change.refundsOf));
      return { received: true, outcome: applied ? 'applied' : 'unchanged' };
    }
    const owner = await payments.byProcessorRef('stripe', change.processorRef);
    const waiting = !owner && change.paymentId ? await payments.processorRefOf(change.paymentId) : undefined;
    if (!owner && !(waiting?.processor === 'stripe' && waiting.processorRef === null)) {
      return { received: true, outcome: 'ignored', reason: `no payment for ${change.processorRef}` };
    }
    // A disputed payment is succeeded again only when the dispute is won, never by a late delivery
    // of the payment's own success.
    if (owner && event.type === 'payment_intent.succeeded' && (await payments.status(owner.id))?.status === 'disputed') {
      return { received: true, outcome: 'unchanged' };
    }
    const { applied } = await this.deps.checkout.applyEvent({ id: event.id, ...change, occurredAt: new Date(event.created * 1000).toISOString() });
    return { received: true, outcome: applied ? 'applied' : 'unchanged' };
  }
}

/** What an event means for a payment, or why it means nothing. */
function changeOf(event: Stripe.Event): Change | RefundsChange | { ignore: string } {
  switch (event.type) {
    case 'payment_intent.succeeded':
    case 'payment_intent.processing':
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      const type = event.type === 'payment_intent.succeeded' ? 'succeeded' : event.type === 'payment_intent.processing' ? 'processing' : 'failed';
      return {
        type,
        processorRef: intent.id,
        ...(intent.metadata?.paymentId ? { paymentId: intent.metadata.paymentId } : {}),
        ...(type === 'failed' ? { failure: failureOf(intent) } : {}),
      };
    }
    case 'charge.refunded':
    case 'charge.refund.updated': {
      // A refund made (here or in Stripe's dashboard, whole or partial), or one that finished or failed.
      const ref = idOf(event.data.object.payment_intent);
      return ref ? { refundsOf: ref } : { ignore: 'charge without a PaymentIntent' };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      const ref = idOf(dispute.payment_intent);
      if (!ref) return { ignore: 'dispute without a PaymentIntent' };
      if (event.type === 'charge.dispute.created') return { type: 'disputed', processorRef: ref };
      return dispute.status === 'won' ? { type: 'succeeded', processorRef: ref } : { ignore: `dispute closed as ${dispute.status}` };
    }
    default:
      return { ignore: `event type ${event.type}` };
  }
}

function idOf(value: string | { id: string } | null | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.id;
}
