import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { ContactsService } from '../contacts/index.ts';
import type { Firm } from '../firms/index.ts';
import type { FirmsService } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { Mailer } from '../mail/index.ts';
import { formatMoney } from '../money.ts';
import type { WebhookEvents } from '../webhooks/index.ts';
import { requestHash } from './request-hash.ts';
import type { Payment, PaymentRecord } from './payment.ts';
import { refundEmail } from './payment.emails.ts';
import type { PaymentsRepository } from './payments.repository.ts';
import type { PaymentsService } from './payments.service.ts';
import { ProcessorUnavailable, type ChargeFailure, type PaymentProcessor, type ProcessorRefund, type RefundResult } from './processor.ts';
import type { Refund } from './refund.ts';
import { NewRefund } from './refunds.contract.ts';
import type { RefundRequestRecord, RefundsRepository } from './refunds.repository.ts';

/** How long a refund request holds its key before a retry or the recovery sweep may settle it. */
export const refundLeaseMs = 30_000;

const leaseFrom = (now: Date) => new Date(now.getTime() + refundLeaseMs).toISOString();

/** Why a refund the processor never saw failed: the request was cut short before it reached it. */
const neverRefunded: ChargeFailure = {
  code: 'refund_interrupted',
  message: 'The refund was interrupted before it reached the payment processor. Nothing was refunded; ask again with a new Idempotency-Key.',
};

const unknownFailure: ChargeFailure = { code: 'refund_failed', message: 'The payment processor could not complete the refund.' };

/** The processor's idempotency key for one refund, derived from our id: a retry or a resumed request can never refund twice. */
export function refundProcessorKey(refundId: string): string {
  return `portico_refund_${refundId}`;
}

export interface RefundsServiceDeps {
  refunds: RefundsRepository;
  payments: PaymentsRepository;
  ledger: Pick<PaymentsService, 'getRecord'>;
  firms: FirmsService;
  contacts: ContactsService;
  processor: PaymentProcessor;
  mailer: Mailer;
  webhooks: WebhookEvents;
  audit: AuditLog;
  clock: Clock;
  /** Where the refund email links when the firm has no portal address. */
  publicUrl: string;
}

export interface RefundAsk {
  firmId: string;
  paymentId: string;
  idempotencyKey: string | undefined;
  actor: Actor;
  ip?: string | null;
}

export interface RefundReply {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** A refund written as pending, with what the processor call needs. */
interface Reserved {
  refundId: string;
  paymentId: string;
  amount: number;
  currency: string;
  chargeRef: string;
}

/**
 * Refunds through the payment processor, as the checkout pays: in at most two write
 * transactions. The firm's Idempotency-Key is claimed and the refundable amount reserved
 * together (the refund is written as pending, so two requests can never refund more than was
 * paid); the processor is called outside any transaction with a key derived from the refund's
 * id; its answer, the invoices reopened, the client's email, the `payment.refunded` webhook and
 * the answer a retry will get are recorded together. A refund cut short between the two is
 * settled against the processor's own record by a retry with the same key or by the recovery
 * sweep: found there it is recorded, never made again; not found, it failed and its amount is
 * free.
 *
 * A succeeded refund gives back from the payment's invoices in reverse of the order the payment
 * lists them (by invoice number): the last allocation is reopened first, then the one before,
 * each by at most what it received less what earlier refunds already took back from it.
 */
export class RefundsService {
  constructor(private readonly deps: RefundsServiceDeps) {}

  async refund(ask: RefundAsk, input: unknown): Promise<RefundReply> {
    const key = ask.idempotencyKey?.trim();
    if (!key)
      throw Problem.badRequest(
        'idempotency_key_missing',
        'Send an Idempotency-Key header (a new random value for each refund) so a retry can never refund twice.',
      );
    if (key.length > 255) throw Problem.badRequest('idempotency_key_invalid', 'The Idempotency-Key must be at most 255 characters.');
    const body = parse(NewRefund, input);
    const reason = body.reason || null;
    const hash = requestHash({ paymentId: ask.paymentId, amount: body.amount, reason });
    const { refunds, clock } = this.deps;

    const previous = await refunds.request(ask.firmId, key);
    if (previous) return this.#again(ask, key, hash, previous);

    const now = clock();
    let reservation: Awaited<ReturnType<typeof refunds.reserve<Reserved>>>;
    try {
      reservation = await refunds.reserve({ firmId: ask.firmId, key, requestHash: hash, now: now.toISOString(), lockedUntil: leaseFrom(now) }, () =>
        this.#reserve(ask, body.amount, reason, now.toISOString()),
      );
    } catch (error) {
      // A refusal is this key's answer too: a retry gets it replayed, not a second evaluation.
      if (error instanceof Problem && error.status < 500) {
        await refunds.refuse({ firmId: ask.firmId, key, requestHash: hash, now: clock().toISOString() }, error.status, error.toDocument());
      }
      throw error;
    }
    if (!reservation.claimed) return this.#again(ask, key, hash, (await refunds.request(ask.firmId, key))!);
    return this.#process(ask.firmId, key, reservation.value);
  }

  /**
   * What the processor reports of a charge's refunds (Stripe's `charge.refunded`): each is applied
   * once. One of ours is settled (matched by its processor id, or by our id the processor kept
   * when our own answer is not recorded yet); one made elsewhere (the processor's dashboard) is
   * recorded as a new refund. Safe to repeat.
   */
  applyProcessorRefunds(chargeRef: string, reported: ProcessorRefund[]): Promise<{ applied: boolean }> {
    const { payments, refunds, processor, clock } = this.deps;
    return refunds.record(async () => {
      const owner = await payments.byProcessorRef(processor.name, chargeRef);
      if (!owner) return { applied: false };
      let applied = false;
      for (const seen of reported) {
        let refund = await refunds.byProcessorRef(processor.name, seen.processorRef);
        if (!refund && seen.refundId) {
          const ours = await refunds.find(seen.refundId);
          if (ours?.paymentId === owner.id) refund = ours;
        }
        if (!refund) {
          // A refund that failed at the processor and was never ours gave nothing back: nothing to record.
          if (seen.status === 'failed') continue;
          const now = clock().toISOString();
          const payment = (await payments.findForFirm(owner.firm_id, owner.id))!;
          const id = await refunds.insert(
            {
              firmId: owner.firm_id,
              paymentId: owner.id,
              amount: seen.amount,
              currency: payment.currency,
              reason: null,
              origin: 'processor',
              processor: processor.name,
              processorRef: seen.processorRef,
            },
            now,
          );
          await this.deps.audit.record(
            {
              firmId: owner.firm_id,
              actor: { type: 'system' },
              action: 'refund.recorded',
              subject: { type: 'refund', id },
              data: { paymentId: owner.id, amount: seen.amount, processorRef: seen.processorRef },
            },
            now,
          );
          refund = (await refunds.find(id))!;
          applied = true;
        }
        if (await this.#settle(refund.id, seen)) applied = true;
      }
      return { applied };
    });
  }

  /**
   * Settles refund requests no request is finishing: those whose holder's lease ran out (every
   * unfinished one when `everything`), each against the processor's own record. Run by the
   * recovery job every 30 seconds.
   */
  async recover(options: { everything?: boolean } = {}): Promise<{ settled: number; waiting: number }> {
    const { refunds, clock } = this.deps;
    const now = clock();
    let settled = 0;
    let waiting = 0;
    for (const unfinished of await refunds.unfinished(now.toISOString(), { force: options.everything })) {
      if (!(await refunds.takeOver(unfinished.firmId, unfinished.key, now.toISOString(), leaseFrom(now), options.everything))) continue;
      try {
        await this.#settleUnfinished(unfinished.firmId, unfinished.key, unfinished.refundId);
        settled += 1;
      } catch (error) {
        if (!(error instanceof ProcessorUnavailable)) throw error;
        // Asked again at the next sweep; the amount stays reserved meanwhile.
        await refunds.interrupt(unfinished.firmId, unfinished.key);
        waiting += 1;
      }
    }
    return { settled, waiting };
  }

  /** Forgets refund keys older than a month, far past any retry. */
  prune(): Promise<number> {
    return this.deps.refunds.prune(new Date(this.deps.clock().getTime() - 30 * 86_400_000).toISOString());
  }

  /** A request whose key was seen before: its stored answer, a conflict, or the unfinished refund taken up. */
  async #again(ask: RefundAsk, key: string, hash: string, previous: RefundRequestRecord): Promise<RefundReply> {
    const { refunds, clock } = this.deps;
    if (previous.requestHash !== hash) {
      throw Problem.unprocessable('idempotency_key_reused', 'This Idempotency-Key was used for a different refund. Use a new key for a new refund.');
    }
    if (previous.state === 'done') return { status: previous.responseStatus!, body: JSON.parse(previous.responseBody!), replayed: true };
    const now = clock();
    if (previous.refundId && (await refunds.takeOver(ask.firmId, key, now.toISOString(), leaseFrom(now)))) {
      const refund = (await refunds.find(previous.refundId))!;
      if (refund.status !== 'pending' || refund.processorRef) {
        // Settled meanwhile (the processor's event arrived first): that is the answer.
        return this.#settleUnfinished(ask.firmId, key, refund.id);
      }
      return this.#process(ask.firmId, key, { ...refund, refundId: refund.id, chargeRef: await this.#chargeRef(refund.paymentId) });
    }
    throw Problem.conflict('idempotency_in_progress', 'This refund is still being processed. Wait a moment, then look at the payment.');
  }

  /** The refundable amount checked and the refund written as pending: runs inside the reservation's transaction. */
  async #reserve(ask: RefundAsk, amount: number, reason: string | null, now: string): Promise<Reserved> {
    const { payments, refunds } = this.deps;
    // Racing refunds of one payment take turns here, so each sees what the others reserved.
    await payments.lock(ask.paymentId);
    const payment = await payments.findForFirm(ask.firmId, ask.paymentId);
    if (!payment) throw Problem.notFound('payment');
    const refusal = refusalFor(payment);
    if (refusal) throw refusal;
    const held = await refunds.totals(payment.id);
    const refundable = payment.amount - held.pending - held.succeeded;
    if (amount > refundable) {
      throw Problem.unprocessable(
        'amount_exceeds_refundable',
        refundable > 0
          ? `amount: ${formatMoney(amount, payment.currency)} is more than the ${formatMoney(refundable, payment.currency)} left to refund of this payment${held.pending ? ' (part of it is already being refunded)' : ''}.`
          : `Nothing is left to refund of this payment: it has been refunded in full${held.pending ? ' or is being refunded' : ''}.`,
        { field: 'amount', refundable },
      );
    }
    const refundId = await refunds.insert(
      {
        firmId: ask.firmId,
        paymentId: payment.id,
        amount,
        currency: payment.currency,
        reason,
        origin: 'api',
        processor: payment.processor,
        processorRef: null,
      },
      now,
    );
    await this.deps.audit.record(
      {
        firmId: ask.firmId,
        actor: ask.actor,
        action: 'refund.requested',
        subject: { type: 'refund', id: refundId },
        data: { paymentId: payment.id, amount },
        ip: ask.ip ?? null,
      },
      now,
    );
    return { refundId, paymentId: payment.id, amount, currency: payment.currency, chargeRef: payment.processorRef! };
  }

  /** Asks the processor for a reserved refund, then records its answer and the key's in one transaction. */
  async #process(firmId: string, key: string, reserved: Reserved): Promise<RefundReply> {
    const { processor, refunds } = this.deps;
    let result: RefundResult;
    try {
      result = await processor.refund({
        refundId: reserved.refundId,
        paymentId: reserved.paymentId,
        chargeRef: reserved.chargeRef,
        idempotencyKey: refundProcessorKey(reserved.refundId),
        amount: reserved.amount,
        currency: reserved.currency,
      });
    } catch (error) {
      if (error instanceof ProcessorUnavailable) {
        // No answer: the refund may or may not exist, so its amount stays reserved. A retry with
        // the same key asks again with the same processor key; without one, the sweep looks it up.
        await refunds.interrupt(firmId, key);
        throw error;
      }
      if (!(error instanceof Problem)) throw error;
      // The processor refused it, so nothing was refunded: the reservation is released.
      await refunds.record(async () => {
        await this.#settle(reserved.refundId, { status: 'failed', processorRef: null, failure: { code: error.code, message: error.message } });
        await refunds.complete(firmId, key, error.status, error.toDocument());
      });
      throw error;
    }
    return refunds.record(async () => {
      await this.#settle(reserved.refundId, result);
      const reply: RefundReply = { status: 201, body: await this.#answer(reserved.refundId), replayed: false };
      await refunds.complete(firmId, key, reply.status, reply.body);
      return reply;
    });
  }

  /**
   * Settles one unfinished request without its caller: a refund with no processor answer is
   * looked up at the processor (never asked for anew); one the processor never saw failed. The
   * key then answers what the refund came to.
   */
  async #settleUnfinished(firmId: string, key: string, refundId: string | null): Promise<RefundReply> {
    const { refunds, processor } = this.deps;
    const refund = refundId ? await refunds.find(refundId) : undefined;
    const unanswered = refund?.status === 'pending' && !refund.processorRef;
    const found = unanswered
      ? await processor.findRefund({ refundId: refund.id, idempotencyKey: refundProcessorKey(refund.id), chargeRef: await this.#chargeRef(refund.paymentId) })
      : undefined;
    return refunds.record(async () => {
      if (unanswered) await this.#settle(refund.id, found ?? { status: 'failed', processorRef: null, failure: neverRefunded });
      const reply: RefundReply = refund
        ? { status: 201, body: await this.#answer(refund.id), replayed: false }
        : { status: 422, body: { type: 'about:blank', status: 422, code: 'refund_interrupted', detail: neverRefunded.message }, replayed: false };
      await refunds.complete(firmId, key, reply.status, reply.body);
      return reply;
    });
  }

  /**
   * Moves a pending refund to what the processor said, once, in the caller's transaction; a
   * succeeded one reopens invoices, may make the payment `refunded`, and tells the client and the
   * firm's software. False when nothing changed (still pending, or settled already).
   */
  async #settle(refundId: string, outcome: Pick<RefundResult, 'status' | 'failure'> & { processorRef: string | null }): Promise<boolean> {
    const { refunds, clock } = this.deps;
    if (outcome.processorRef) await refunds.setProcessorRef(refundId, outcome.processorRef);
    if (outcome.status === 'pending') return false;
    const now = clock().toISOString();
    const failure = outcome.status === 'failed' ? (outcome.failure ?? unknownFailure) : null;
    if (!(await refunds.finish(refundId, outcome.status, failure && { code: failure.code, message: failure.message }, now))) return false;
    if (outcome.status === 'succeeded') await this.#gaveBack((await refunds.find(refundId))!, now);
    return true;
  }

  /** A refund that succeeded: its invoices reopened (last allocation first), the payment's status, the email and the webhook. */
  async #gaveBack(refund: Refund, now: string): Promise<void> {
    const { refunds, payments, ledger } = this.deps;
    const owner = (await payments.ownerOf(refund.paymentId))!;
    const before = await ledger.getRecord(owner.firmId, owner.contactId, refund.paymentId);
    const already = await refunds.refundedByInvoice(refund.paymentId);
    const lines: { invoiceId: string; amount: number }[] = [];
    let left = refund.amount;
    for (const allocation of [...before.allocations].reverse()) {
      const take = Math.min(allocation.amount - (already.get(allocation.invoiceId) ?? 0), left);
      if (take <= 0) continue;
      lines.push({ invoiceId: allocation.invoiceId, amount: take });
      left -= take;
      if (left === 0) break;
    }
    await refunds.allocate(refund.id, lines);
    if (before.status === 'succeeded' && before.amountRefunded >= before.amount) await payments.addEvent(refund.paymentId, 'refunded', null, now);

    const payment = await ledger.getRecord(owner.firmId, owner.contactId, refund.paymentId);
    const settled = (await refunds.find(refund.id))!;
    await this.deps.webhooks.emit(owner.firmId, 'payment.refunded', () => ({ ...payment, contactId: owner.contactId, refund: settled }));
    await this.#email(owner, payment, settled);
  }

  async #email(owner: { firmId: string; contactId: string }, payment: PaymentRecord, refund: Refund): Promise<void> {
    const firm = (await this.deps.firms.findById(owner.firmId))!;
    const contact = (await this.deps.contacts.find(owner.firmId, owner.contactId))!;
    const email = refundEmail({
      firm: { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors },
      contactName: contact.name,
      payment,
      refund: { amount: refund.amount, allocations: refund.allocations, at: refund.updatedAt },
      link: portalLink(firm, this.deps.publicUrl),
      timeZone: firm.settings.timeZone,
      language: contact.emailLanguage,
    });
    await this.deps.mailer.queue(
      { firmId: firm.id, kind: 'refund', to: contact.email, fromName: firm.name, replyTo: firm.settings.inboxEmail, ...email },
      `refund:${refund.id}`,
    );
  }

  /** What the firm is answered (and a retry replays): the refund and the payment as they now stand. */
  async #answer(refundId: string) {
    const refund = (await this.deps.refunds.find(refundId))!;
    const owner = (await this.deps.payments.ownerOf(refund.paymentId))!;
    return { refund, payment: { ...(await this.deps.ledger.getRecord(owner.firmId, owner.contactId, refund.paymentId)), contactId: owner.contactId } };
  }

  async #chargeRef(paymentId: string): Promise<string> {
    return (await this.deps.payments.processorRefOf(paymentId))!.processorRef!;
  }
}

/** Why a payment cannot be refunded through the processor, or undefined when it can. */
function refusalFor(payment: Payment & { processor: string | null; processorRef: string | null }): Problem | undefined {
  switch (payment.status) {
    case 'processing':
      return Problem.unprocessable(
        'payment_not_settled',
        payment.method.type === 'us_bank_account'
          ? 'This bank debit is still processing. It can be refunded once it has settled (usually within 3 business days).'
          : 'This payment is still processing. It can be refunded once it has settled.',
      );
    case 'requires_action':
    case 'failed':
      return Problem.unprocessable(
        'payment_not_refundable',
        `This payment ${payment.status === 'failed' ? 'failed' : 'was never completed'}, so nothing was taken and there is nothing to refund.`,
      );
    case 'disputed':
      return Problem.unprocessable('payment_disputed', 'This payment is disputed: the client’s bank decides what is returned while the dispute is open.');
    default:
      if (!payment.processor || !payment.processorRef) {
        return Problem.unprocessable(
          'payment_not_refundable',
          'This payment was recorded by the firm (a check, a wire, cash), not taken through the payment processor: refund it the way it was received.',
        );
      }
      return undefined;
  }
}

function portalLink(firm: Firm, fallback: string): string {
  return firm.settings.portalUrl ?? firm.siteUrl ?? fallback;
}
