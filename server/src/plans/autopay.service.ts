import type { z } from 'zod';
import type { Actor, AuditLog } from '../audit/index.ts';
import { addDays, todayIn } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import type { ContactsService } from '../contacts/index.ts';
import { newId } from '../db/ids.ts';
import type { Firm, FirmsService } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { FirmInvoice, InvoicesService } from '../invoices/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { CheckoutService, PaymentsService } from '../payments/index.ts';
import { skippedReasons, type AutopayCharge, type EnrolmentRecord } from './autopay.ts';
import {
  adminAutopayQuery,
  clientAutopayQuery,
  autopayProposalBody,
  newAutopayBody,
  type AutopayChargeUnderWay,
  type AutopayEnrolment,
  type AutopayPreview,
} from './autopay.contract.ts';
import {
  autopayCancelledEmail,
  autopayFailedEmail,
  autopayPaidEmail,
  autopayReminderEmail,
  firmAutopayStoppedNotice,
  type AutopayChargeFacts,
} from './autopay.emails.ts';
import type { AutopayRepository } from './autopay.repository.ts';
import { autopayAuthorizationText, autopayAuthorizationVersion } from './authorization.ts';
import { attemptsPerInstalment, retryAfterDays } from './plan.ts';
import type { PlansRepository } from './plans.repository.ts';
import { attemptToCharge, chargeSavedMethod, failureReason, sweepSchedule } from './scheduled-charge.ts';
import { brandOf, portalLink } from './plans.service.ts';

type EnrolmentReply = z.output<typeof AutopayEnrolment>;
type ChargeUnderWay = z.output<typeof AutopayChargeUnderWay>;
type PreviewReply = z.output<typeof AutopayPreview>;

/** The job that charges one autopay attempt. */
export const autopayChargeJobKind = 'autopay.charge';

export interface AutopayServiceDeps {
  autopay: AutopayRepository;
  /** Whether an invoice is on a payment plan (the plan charges it, autopay does not), and the authorizations both keep. */
  plans: Pick<PlansRepository, 'activeFor' | 'authorization'>;
  firms: FirmsService;
  contacts: ContactsService;
  invoices: Pick<InvoicesService, 'getForFirm' | 'findManyForFirm' | 'mattersForClient'>;
  checkout: Pick<CheckoutService, 'pay' | 'methodForLater'>;
  payments: Pick<PaymentsService, 'getForClient'>;
  jobs: JobQueue;
  mailer: Mailer;
  audit: AuditLog;
  clock: Clock;
  /** The time charges run by: the sandbox processor's clock with the sandbox, the service's otherwise (as for plans). */
  planNow: () => Promise<Date>;
  publicUrl: string;
}

export interface AutopayRequest {
  firmId: string;
  contactId: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Autopay: a client authorizes the firm once to charge each invoice it publishes for one matter,
 * from then on, to a saved method on the invoice's due date. Invoices already published when
 * autopay is turned on are not charged by it. Each charge runs like a plan's instalment: reminded
 * 3 days before, charged by a job through the client checkout under an idempotency key per
 * attempt, told after, a failure tried once more 3 days later and then given up with both sides
 * told. An invoice paid by then, or on a payment plan, is skipped. Turning autopay off (the client
 * or the firm) revokes the authorization.
 */
export class AutopayService {
  constructor(private readonly deps: AutopayServiceDeps) {}

  /** Whether the firm offers autopay, and the client's matters with their active enrolment. */
  async matters(firm: Firm, contactId: string): Promise<{ enabled: boolean; data: { matter: string; enrolmentId: string | null }[] }> {
    const matters = await this.deps.invoices.mattersForClient(firm.id, contactId);
    const active = await this.deps.autopay.list(firm.id, { contactId, status: 'active' });
    return {
      enabled: firm.settings.autopay.enabled,
      data: matters.map((matter) => ({ matter, enrolmentId: active.find((enrolment) => enrolment.matter === matter)?.id ?? null })),
    };
  }

  async preview(firm: Firm, contactId: string, input: unknown): Promise<PreviewReply> {
    const proposal = parse(autopayProposalBody, input);
    await this.#check(firm, contactId, proposal.matter);
    const method = await this.deps.checkout.methodForLater(firm, contactId, proposal.paymentMethod, { save: false });
    return {
      matter: proposal.matter,
      method: { type: method.type, brand: method.brand, last4: method.last4 },
      authorization: { version: autopayAuthorizationVersion, text: this.#text(firm, proposal.matter, method) },
    };
  }

  async enrol(request: AutopayRequest, input: unknown): Promise<EnrolmentReply> {
    const body = parse(newAutopayBody, input);
    const firm = (await this.deps.firms.findById(request.firmId))!;
    if (body.authorization.version !== autopayAuthorizationVersion) {
      throw Problem.conflict('authorization_outdated', 'The authorization wording has changed since it was shown. Review it again and confirm.');
    }
    await this.#check(firm, request.contactId, body.matter);
    const method = await this.deps.checkout.methodForLater(firm, request.contactId, body.paymentMethod, { save: true });
    const now = this.deps.clock().toISOString();
    const id = newId('apay');
    await this.deps.autopay.write(async () => {
      if (await this.deps.autopay.activeFor(firm.id, request.contactId, body.matter)) throw alreadyOn();
      await this.deps.autopay.create(
        {
          id,
          firmId: firm.id,
          contactId: request.contactId,
          matter: body.matter,
          savedMethodId: method.savedId!,
          authorization: {
            id: newId('auth'),
            method: { type: method.type, brand: method.brand, last4: method.last4 },
            text: this.#text(firm, body.matter, method),
            version: autopayAuthorizationVersion,
            acceptedAt: now,
            ip: request.ip,
            userAgent: request.userAgent,
          },
        },
        now,
      );
      await this.deps.audit.record(
        {
          firmId: firm.id,
          actor: { type: 'contact', id: request.contactId },
          action: 'autopay.enrolled',
          subject: { type: 'autopay_enrolment', id },
          data: { matter: body.matter },
          ip: request.ip,
        },
        now,
      );
    });
    return this.#reply((await this.deps.autopay.find(firm.id, id))!);
  }

  async listForClient(firmId: string, contactId: string, query: unknown): Promise<{ data: EnrolmentReply[] }> {
    const q = parse(clientAutopayQuery, query, 'query');
    return { data: await this.#replies(await this.deps.autopay.list(firmId, { contactId, status: q.status })) };
  }

  async cancelByClient(firmId: string, contactId: string, id: string): Promise<EnrolmentReply> {
    const enrolment = await this.deps.autopay.find(firmId, id);
    if (!enrolment || enrolment.contactId !== contactId) throw Problem.notFound('autopay enrolment');
    return this.#cancel(enrolment, { type: 'contact', id: contactId });
  }

  async listForFirm(firmId: string, query: unknown): Promise<{ data: EnrolmentReply[] }> {
    const q = parse(adminAutopayQuery, query, 'query');
    return { data: await this.#replies(await this.deps.autopay.list(firmId, q)) };
  }

  async cancelByFirm(firmId: string, id: string, actor: Actor): Promise<EnrolmentReply> {
    const enrolment = await this.deps.autopay.find(firmId, id);
    if (!enrolment) throw Problem.notFound('autopay enrolment');
    return this.#cancel(enrolment, actor);
  }

  /**
   * Runs in the transaction that first publishes an invoice: an invoice of a matter the client
   * has autopay on for gets its charge, on its due date (or today, when that has passed).
   */
  async invoicePublished(firmId: string, invoice: FirmInvoice): Promise<void> {
    if (!invoice.matter) return;
    const enrolmentId = await this.deps.autopay.activeFor(firmId, invoice.contactId, invoice.matter);
    if (!enrolmentId) return;
    const firm = (await this.deps.firms.findById(firmId))!;
    const today = todayIn(firm.settings.timeZone, await this.deps.planNow());
    const chargeOn = invoice.dueOn > today ? invoice.dueOn : today;
    await this.deps.autopay.schedule(
      { id: newId('apc'), firmId, enrolmentId, invoiceId: invoice.id, chargeOn, attemptOn: chargeOn },
      this.deps.clock().toISOString(),
    );
  }

  /**
   * Brings autopay charges up to date with each firm's today (run every minute, and when the
   * sandbox clock moves): a charge job for each charge whose attempt is due, reminders 3 days
   * ahead, the outcome of bank debits that settled. Safe to repeat: jobs and emails are keyed by
   * charge and attempt.
   */
  async sweep(): Promise<{ charges: number; reminders: number; settled: number }> {
    return sweepSchedule({
      now: await this.deps.planNow(),
      firm: async (id) => (await this.deps.firms.findById(id))!,
      due: (through) => this.deps.autopay.due(through),
      settle: (firm, due, today) => this.deps.autopay.write(() => this.#settleDebit(firm, due.id, today)),
      charge: async (due) => {
        const charge = (await this.deps.autopay.charge(due.id))!;
        const attempt = attemptToCharge(charge);
        return this.deps.jobs.enqueue({
          kind: autopayChargeJobKind,
          key: `${autopayChargeJobKind}:${due.id}:${attempt}`,
          firmId: due.firmId,
          payload: { chargeId: due.id, attempt },
        });
      },
      toRemind: (from, to) => this.deps.autopay.toRemind(from, to),
      remind: (firm, due) => this.#remind(firm, due.id),
    });
  }

  /**
   * Charges one attempt of one charge (the `autopay.charge` job). The attempt is claimed and its
   * amount fixed (the invoice's open balance) in one transaction; the checkout then runs under
   * the attempt's own key, so a run repeated after a crash gets the first run's answer.
   */
  async charge(chargeId: string, attempt: number): Promise<void> {
    const claimed = await this.deps.autopay.write(async () => {
      const charge = await this.deps.autopay.charge(chargeId);
      if (!charge) return undefined;
      const enrolment = (await this.deps.autopay.find(charge.firmId, charge.enrolmentId))!;
      if (charge.status === 'charging' && charge.attempts === attempt) return { enrolment, charge };
      if (enrolment.status !== 'active' || charge.status !== 'scheduled' || charge.attempts !== attempt - 1) return undefined;
      const firm = (await this.deps.firms.findById(charge.firmId))!;
      if (charge.attemptOn > todayIn(firm.settings.timeZone, await this.deps.planNow())) return undefined;
      const invoice = await this.deps.invoices.getForFirm(charge.firmId, charge.invoiceId);
      const open = invoice.state === 'sent' ? invoice.openBalance : 0;
      const now = this.deps.clock().toISOString();
      if (open === 0) {
        await this.deps.autopay.updateCharge(chargeId, { status: 'skipped', lastError: skippedReasons.paid }, now);
        return undefined;
      }
      if (await this.deps.plans.activeFor(charge.invoiceId)) {
        await this.deps.autopay.updateCharge(chargeId, { status: 'skipped', lastError: skippedReasons.onPlan }, now);
        return undefined;
      }
      await this.deps.autopay.updateCharge(chargeId, { status: 'charging', attempts: attempt, amount: open }, now);
      return { enrolment, charge: { ...charge, status: 'charging' as const, attempts: attempt, amount: open } };
    });
    if (!claimed) return;
    const { enrolment, charge } = claimed;
    const authorization = (await this.deps.plans.authorization(enrolment.firmId, enrolment.authorizationId))!;
    const outcome = await chargeSavedMethod(this.deps.checkout, {
      key: `autopay:${charge.id}:${attempt}`,
      firmId: enrolment.firmId,
      contactId: enrolment.contactId,
      invoiceId: charge.invoiceId,
      amount: charge.amount,
      savedMethodId: enrolment.savedMethodId,
      methodType: enrolment.method.type,
      authorization,
    });
    await this.deps.autopay.write(async () => {
      const current = await this.deps.autopay.charge(charge.id);
      if (current?.status !== 'charging' || current.attempts !== attempt) return;
      const firm = (await this.deps.firms.findById(enrolment.firmId))!;
      const now = this.deps.clock().toISOString();
      const today = todayIn(firm.settings.timeZone, await this.deps.planNow());
      if (outcome.paymentId) await this.deps.autopay.updateCharge(charge.id, { paymentId: outcome.paymentId }, now);
      if (outcome.status === 'succeeded') await this.#paid(firm, enrolment, { ...current, paymentId: outcome.paymentId }, now);
      else if (outcome.status === 'processing') await this.deps.autopay.updateCharge(charge.id, { status: 'processing' }, now);
      else {
        const reason = failureReason(outcome);
        await this.#failed(firm, enrolment, current, reason, now, today);
      }
    });
  }

  /** A bank debit of a charge that settled or came back. Call inside a write. */
  async #settleDebit(firm: Firm, chargeId: string, today: string): Promise<boolean> {
    const charge = await this.deps.autopay.charge(chargeId);
    if (charge?.status !== 'processing' || !charge.paymentId) return false;
    const enrolment = (await this.deps.autopay.find(firm.id, charge.enrolmentId))!;
    const payment = await this.deps.payments.getForClient(firm.id, enrolment.contactId, charge.paymentId);
    const now = this.deps.clock().toISOString();
    if (payment.status === 'succeeded') await this.#paid(firm, enrolment, charge, now);
    else if (payment.status === 'failed') await this.#failed(firm, enrolment, charge, payment.failure?.message ?? 'The bank returned the debit.', now, today);
    else return false;
    return true;
  }

  async #paid(firm: Firm, enrolment: EnrolmentRecord, charge: AutopayCharge, now: string): Promise<void> {
    await this.deps.autopay.updateCharge(charge.id, { status: 'paid', lastError: null }, now);
    const { contact, facts, link } = await this.#context(firm, enrolment, charge, todayIn(firm.settings.timeZone, await this.deps.planNow()));
    await this.#mail(
      firm,
      'autopay_paid',
      contact.email,
      `autopay-paid:${charge.id}`,
      autopayPaidEmail({ firm: brandOf(firm), contactName: contact.name, charge: facts, link, language: contact.emailLanguage }),
    );
  }

  /** One attempt failed: tried again in 3 days, or, after the second, autopay gives this invoice up and both sides hear of it. */
  async #failed(firm: Firm, enrolment: EnrolmentRecord, charge: AutopayCharge, failure: string, now: string, today: string): Promise<void> {
    const { contact, facts, link } = await this.#context(firm, enrolment, charge, charge.chargeOn);
    const brand = brandOf(firm);
    if (charge.attempts < attemptsPerInstalment) {
      const retryOn = addDays(today, retryAfterDays);
      await this.deps.autopay.updateCharge(charge.id, { status: 'scheduled', attemptOn: retryOn, lastError: failure }, now);
      await this.#mail(
        firm,
        'autopay_failed',
        contact.email,
        `autopay-failed:${charge.id}:${charge.attempts}`,
        autopayFailedEmail({ firm: brand, contactName: contact.name, charge: facts, failure, retryOn, link, language: contact.emailLanguage }),
      );
      return;
    }
    await this.deps.autopay.updateCharge(charge.id, { status: 'failed', lastError: failure }, now);
    await this.deps.audit.record(
      {
        firmId: firm.id,
        actor: { type: 'system' },
        action: 'autopay.charge_failed',
        subject: { type: 'autopay_enrolment', id: enrolment.id },
        data: { chargeId: charge.id, invoiceId: charge.invoiceId },
      },
      now,
    );
    await this.#mail(
      firm,
      'autopay_stopped',
      contact.email,
      `autopay-stopped:${charge.id}`,
      autopayFailedEmail({ firm: brand, contactName: contact.name, charge: facts, failure, retryOn: null, link, language: contact.emailLanguage }),
    );
    if (firm.settings.inboxEmail) {
      await this.#mail(
        firm,
        'firm_autopay_stopped',
        firm.settings.inboxEmail,
        `firm-autopay-stopped:${charge.id}`,
        firmAutopayStoppedNotice({ firm: brand, contactName: contact.name, charge: facts, failure }),
      );
    }
  }

  async #remind(firm: Firm, chargeId: string): Promise<boolean> {
    return this.deps.autopay.write(async () => {
      const charge = await this.deps.autopay.charge(chargeId);
      if (charge?.status !== 'scheduled' || charge.remindedAt) return false;
      const enrolment = (await this.deps.autopay.find(firm.id, charge.enrolmentId))!;
      if (enrolment.status !== 'active') return false;
      const now = this.deps.clock().toISOString();
      await this.deps.autopay.updateCharge(chargeId, { remindedAt: now }, now);
      const invoice = await this.deps.invoices.getForFirm(firm.id, charge.invoiceId);
      const open = invoice.state === 'sent' ? invoice.openBalance : 0;
      if (!open || (await this.deps.plans.activeFor(charge.invoiceId))) return false;
      const { contact, facts, link } = await this.#context(firm, enrolment, { ...charge, amount: open }, charge.attemptOn);
      await this.#mail(
        firm,
        'autopay_reminder',
        contact.email,
        `autopay-reminder:${chargeId}`,
        autopayReminderEmail({ firm: brandOf(firm), contactName: contact.name, charge: facts, link, language: contact.emailLanguage }),
      );
      return true;
    });
  }

  async #cancel(enrolment: EnrolmentRecord, actor: Actor): Promise<EnrolmentReply> {
    if (enrolment.status !== 'active') throw notActive();
    const firm = (await this.deps.firms.findById(enrolment.firmId))!;
    const byFirm = actor.type !== 'contact';
    // What was already under way is read in the transaction that ends the enrolment, so a charge
    // claimed just before is told of; one not yet claimed is cancelled here and its job finds it so.
    const underWay = await this.deps.autopay.write(async () => {
      const now = this.deps.clock().toISOString();
      const ended = await this.deps.autopay.end(
        enrolment.id,
        { status: 'cancelled', reason: byFirm ? 'cancelled_by_firm' : 'cancelled_by_client', by: `${actor.type}:${actor.id ?? ''}` },
        now,
      );
      if (!ended) throw notActive();
      const started = await this.deps.autopay.underWay(enrolment.id);
      const invoices = started.length
        ? await this.deps.invoices.findManyForFirm(
            firm.id,
            started.map((charge) => charge.invoiceId),
          )
        : new Map();
      const underWay = chargesUnderWay(started, invoices, firm.currency);
      await this.deps.audit.record(
        {
          firmId: firm.id,
          actor,
          action: 'autopay.cancelled',
          subject: { type: 'autopay_enrolment', id: enrolment.id },
          ...(underWay.length ? { data: { chargesUnderWay: underWay.map((charge) => charge.invoiceId) } } : {}),
        },
        now,
      );
      const contact = (await this.deps.contacts.find(firm.id, enrolment.contactId))!;
      await this.#mail(
        firm,
        'autopay_cancelled',
        contact.email,
        `autopay-cancelled:${enrolment.id}`,
        autopayCancelledEmail({
          firm: brandOf(firm),
          contactName: contact.name,
          matter: enrolment.matter,
          byFirm,
          underWay,
          link: firm.settings.portalUrl ?? firm.siteUrl ?? this.deps.publicUrl,
          language: contact.emailLanguage,
        }),
      );
      return underWay;
    });
    return this.#reply((await this.deps.autopay.find(firm.id, enrolment.id))!, underWay);
  }

  /** The checks an enrolment must pass, in the order a client would fix them. */
  async #check(firm: Firm, contactId: string, matter: string): Promise<void> {
    if (!firm.settings.autopay.enabled) throw Problem.forbidden('autopay_disabled', `${firm.name} does not offer autopay.`);
    const matters = await this.deps.invoices.mattersForClient(firm.id, contactId);
    if (!matters.includes(matter)) throw Problem.unprocessable('matter_unknown', `You have no invoices for the matter “${matter}”.`);
    if (await this.deps.autopay.activeFor(firm.id, contactId, matter)) throw alreadyOn();
  }

  #text(firm: Firm, matter: string, method: { type: 'card' | 'us_bank_account'; brand: string | null; last4: string; accountType: string | null }) {
    return autopayAuthorizationText({ firmName: firm.name, firmEmail: firm.settings.inboxEmail, matter, method });
  }

  async #replies(enrolments: EnrolmentRecord[]): Promise<EnrolmentReply[]> {
    const replies: EnrolmentReply[] = [];
    for (const enrolment of enrolments) replies.push(await this.#reply(enrolment));
    return replies;
  }

  /** The enrolment as replies show it; `underWay`, when given, is what was under way as it was turned off. */
  async #reply(enrolment: EnrolmentRecord, underWay?: ChargeUnderWay[]): Promise<EnrolmentReply> {
    const authorization = (await this.deps.plans.authorization(enrolment.firmId, enrolment.authorizationId))!;
    const firm = (await this.deps.firms.findById(enrolment.firmId))!;
    const invoices = await this.deps.invoices.findManyForFirm(
      enrolment.firmId,
      enrolment.charges.map((charge) => charge.invoiceId),
    );
    const charges = enrolment.charges.map((charge) => {
      const invoice = invoices.get(charge.invoiceId);
      // What a charge still to come will take is the invoice's open balance now.
      const open = invoice && invoice.state === 'sent' ? invoice.openBalance : 0;
      return {
        id: charge.id,
        invoiceId: charge.invoiceId,
        invoiceNumber: invoice?.number ?? '',
        chargeOn: charge.chargeOn,
        attemptOn: charge.attemptOn,
        amount: charge.status === 'scheduled' ? open : charge.amount,
        status: charge.status,
        attempts: charge.attempts,
        paymentId: charge.paymentId,
        lastError: charge.lastError,
      };
    });
    const next =
      enrolment.status === 'active'
        ? charges.filter((charge) => charge.status === 'scheduled' && charge.amount > 0).sort((a, b) => a.attemptOn.localeCompare(b.attemptOn))[0]
        : undefined;
    return {
      id: enrolment.id,
      contactId: enrolment.contactId,
      matter: enrolment.matter,
      status: enrolment.status,
      currency: firm.currency,
      method: enrolment.method,
      authorization: {
        id: authorization.id,
        version: authorization.version,
        text: authorization.text,
        acceptedAt: authorization.acceptedAt,
        revokedAt: authorization.revokedAt,
      },
      nextCharge: next ? { invoiceId: next.invoiceId, invoiceNumber: next.invoiceNumber, on: next.attemptOn, amount: next.amount } : null,
      charges,
      chargesUnderWay: underWay ?? chargesUnderWay(enrolment.charges, invoices, firm.currency),
      createdAt: enrolment.createdAt,
      endedAt: enrolment.endedAt,
      endedReason: enrolment.endedReason,
    };
  }

  async #context(firm: Firm, enrolment: EnrolmentRecord, charge: AutopayCharge, on: string) {
    const contact = (await this.deps.contacts.find(firm.id, enrolment.contactId))!;
    const invoice = await this.deps.invoices.getForFirm(firm.id, charge.invoiceId);
    const facts: AutopayChargeFacts = {
      invoiceNumber: invoice.number,
      matter: enrolment.matter,
      amount: charge.amount,
      currency: invoice.currency,
      on,
      method: enrolment.method,
    };
    return { contact, facts, link: portalLink(firm, this.deps.publicUrl, charge.invoiceId) };
  }

  #mail(firm: Firm, kind: string, to: string, key: string, email: { subject: string; text: string; html: string }) {
    return this.deps.mailer.queue({ firmId: firm.id, kind, to, fromName: firm.name, replyTo: firm.settings.inboxEmail, ...email }, key);
  }
}

const alreadyOn = () => Problem.conflict('autopay_exists', 'Autopay is already on for this matter.');
const notActive = () => Problem.conflict('autopay_not_active', 'Autopay for this matter has already been turned off.');

/** The charges already started (claimed, or a bank debit settling) as a reply and an email name them. */
function chargesUnderWay(charges: AutopayCharge[], invoices: ReadonlyMap<string, { number: string; currency: string }>, currency: string): ChargeUnderWay[] {
  return charges
    .filter((charge) => charge.status === 'charging' || charge.status === 'processing')
    .map((charge) => {
      const invoice = invoices.get(charge.invoiceId);
      return {
        invoiceId: charge.invoiceId,
        invoiceNumber: invoice?.number ?? '',
        amount: charge.amount,
        currency: invoice?.currency ?? currency,
        status: charge.status as ChargeUnderWay['status'],
      };
    });
}
