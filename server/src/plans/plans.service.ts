import type { z } from 'zod';
import type { Actor, AuditLog } from '../audit/index.ts';
import { addDays, todayIn } from '../calendar.ts';
import type { Clock } from '../clock.ts';
import type { ContactsService } from '../contacts/index.ts';
import { newId } from '../db/ids.ts';
import type { Firm, FirmsService } from '../firms/index.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { InvoicesService } from '../invoices/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { CheckoutService, PaymentsService } from '../payments/index.ts';
import { authorizationVersion, planAuthorizationText } from './authorization.ts';
import {
  firmPlanStoppedNotice,
  instalmentFailedEmail,
  instalmentPaidEmail,
  instalmentReminderEmail,
  planCancelledEmail,
  type InstalmentFacts,
} from './plan.emails.ts';
import { attemptsPerInstalment, authorizationRetentionDays, effectiveAmounts, retryAfterDays, splitAmount, type Instalment, type PlanRecord } from './plan.ts';
import { adminListQuery, authorizationExportQuery, clientListQuery, newPlanBody, planProposalBody, type Plan, type PlanPreview } from './plans.contract.ts';
import type { PlansRepository } from './plans.repository.ts';
import { attemptToCharge, chargeSavedMethod, failureReason, sweepSchedule } from './scheduled-charge.ts';

type Proposal = z.output<typeof planProposalBody>;
type PlanReply = z.output<typeof Plan>;
type PreviewReply = z.output<typeof PlanPreview>;

/** The job that charges one instalment attempt. */
export const chargeJobKind = 'plans.charge';

export interface PlansServiceDeps {
  plans: PlansRepository;
  firms: FirmsService;
  contacts: ContactsService;
  invoices: Pick<InvoicesService, 'getForClient' | 'getForFirm'>;
  checkout: Pick<CheckoutService, 'pay' | 'methodForLater'>;
  payments: Pick<PaymentsService, 'getForClient'>;
  jobs: JobQueue;
  mailer: Mailer;
  audit: AuditLog;
  clock: Clock;
  /**
   * The time plans run by: the sandbox processor's clock with the sandbox (so moving it in the
   * demo or a test brings instalments due), the service's otherwise.
   */
  planNow: () => Promise<Date>;
  publicUrl: string;
}

export interface PlanRequest {
  firmId: string;
  contactId: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Payment plans: a client splits an open invoice into instalments on dates they choose within
 * the firm's limits, authorizing the charges once. Each instalment is charged on its date by a
 * job, through the client checkout (an idempotency key per attempt, so a crash never charges
 * twice); the client is reminded 3 days before and told after; a failure is tried once more 3
 * days later, then the plan stops and both sides are told. Cancelling revokes the authorization.
 */
export class PlansService {
  constructor(private readonly deps: PlansServiceDeps) {}

  /** The firm's limits and the dates a plan started now may use. */
  async options(firm: Firm) {
    const today = await this.#today(firm);
    const { enabled, maxInstalments, minInstalment } = firm.settings.plans;
    return { enabled, maxInstalments, minInstalment, earliest: today, latest: addMonths(today, maxInstalments) };
  }

  async preview(firm: Firm, contactId: string, input: unknown): Promise<PreviewReply> {
    const proposal = parse(planProposalBody, input);
    const { invoice, amounts } = await this.#check(firm, contactId, proposal);
    const method = await this.deps.checkout.methodForLater(firm, contactId, proposal.paymentMethod, { save: false });
    const instalments = proposal.dates.map((dueOn, index) => ({ dueOn, amount: amounts[index]! }));
    return {
      amount: invoice.openBalance,
      currency: invoice.currency,
      method: { type: method.type, brand: method.brand, last4: method.last4 },
      instalments,
      authorization: { version: authorizationVersion, text: this.#text(firm, invoice.number, method, instalments) },
    };
  }

  async create(request: PlanRequest, input: unknown): Promise<PlanReply> {
    const body = parse(newPlanBody, input);
    const firm = (await this.deps.firms.findById(request.firmId))!;
    if (body.authorization.version !== authorizationVersion) {
      throw Problem.conflict('authorization_outdated', 'The authorization wording has changed since it was shown. Review it again and confirm.');
    }
    const { invoice, amounts } = await this.#check(firm, request.contactId, body);
    const method = await this.deps.checkout.methodForLater(firm, request.contactId, body.paymentMethod, { save: true });
    const instalments = body.dates.map((dueOn, index) => ({ id: newId('pin'), dueOn, amount: amounts[index]! }));
    const now = this.deps.clock().toISOString();
    const planId = newId('plan');
    await this.deps.plans.write(async () => {
      if (await this.deps.plans.activeFor(invoice.id)) throw Problem.conflict('plan_exists', 'This invoice is already on a payment plan.');
      await this.deps.plans.create(
        {
          id: planId,
          firmId: firm.id,
          contactId: request.contactId,
          invoiceId: invoice.id,
          savedMethodId: method.savedId!,
          amount: invoice.openBalance,
          currency: invoice.currency,
          instalments,
          authorization: {
            id: newId('auth'),
            method: { type: method.type, brand: method.brand, last4: method.last4 },
            text: this.#text(firm, invoice.number, method, instalments),
            version: authorizationVersion,
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
          action: 'plan.created',
          subject: { type: 'payment_plan', id: planId },
          data: { invoiceId: invoice.id, instalments: instalments.length },
          ip: request.ip,
        },
        now,
      );
    });
    return this.#reply((await this.deps.plans.find(firm.id, planId))!);
  }

  async listForClient(firmId: string, contactId: string, query: unknown): Promise<{ data: PlanReply[] }> {
    const q = parse(clientListQuery, query, 'query');
    const plans = await this.deps.plans.list(firmId, { contactId, invoiceId: q.invoiceId });
    return { data: await this.#replies(plans) };
  }

  async cancelByClient(firmId: string, contactId: string, planId: string): Promise<PlanReply> {
    const plan = await this.deps.plans.find(firmId, planId);
    if (!plan || plan.contactId !== contactId) throw Problem.notFound('payment plan');
    return this.#cancel(plan, { type: 'contact', id: contactId });
  }

  async listForFirm(firmId: string, query: unknown): Promise<{ data: PlanReply[] }> {
    const q = parse(adminListQuery, query, 'query');
    return { data: await this.#replies(await this.deps.plans.list(firmId, q)) };
  }

  async cancelByFirm(firmId: string, planId: string, actor: Actor): Promise<PlanReply> {
    const plan = await this.deps.plans.find(firmId, planId);
    if (!plan) throw Problem.notFound('payment plan');
    return this.#cancel(plan, actor);
  }

  /** The firm's record of authorizations (accepted from `from` to `to`, both included; the last two years by default) as CSV. */
  async exportAuthorizations(firmId: string, query: unknown): Promise<{ fileName: string; csv: string }> {
    const q = parse(authorizationExportQuery, query, 'query');
    const firm = (await this.deps.firms.findById(firmId))!;
    const to = q.to ?? (await this.#today(firm));
    const from = q.from ?? addDays(to, -authorizationRetentionDays);
    if (from > to) throw Problem.badRequest('invalid_request', '`from` must not be after `to`.');
    const rows = await this.deps.plans.authorizations(firmId, `${from}T00:00:00.000Z`, `${addDays(to, 1)}T00:00:00.000Z`);
    const header = [
      'authorization_id',
      'purpose',
      'contact_id',
      'plan_id',
      'invoice_id',
      'autopay_id',
      'matter',
      'method_type',
      'method_brand',
      'method_last4',
      'version',
      'accepted_at',
      'ip',
      'user_agent',
      'revoked_at',
      'revoked_by',
      'text',
    ];
    const lines = rows.map((row) =>
      [
        row.id,
        row.purpose,
        row.contactId,
        row.planId ?? '',
        row.invoiceId ?? '',
        row.autopayId ?? '',
        row.matter ?? '',
        row.method.type,
        row.method.brand ?? '',
        row.method.last4,
        row.version,
        row.acceptedAt,
        row.ip ?? '',
        row.userAgent ?? '',
        row.revokedAt ?? '',
        row.revokedBy ?? '',
        row.text,
      ]
        .map(csvField)
        .join(','),
    );
    return { fileName: `authorizations-${from}-to-${to}.csv`, csv: [header.join(','), ...lines].join('\r\n') + '\r\n' };
  }

  /**
   * Brings each active plan up to date with its firm's today (run every minute, and when the
   * sandbox clock moves): a charge job for each instalment whose attempt is due, reminders 3 days
   * ahead, and the outcome of bank debits that settled. Safe to repeat: the jobs and emails are
   * keyed by instalment and attempt.
   */
  async sweep(): Promise<{ charges: number; reminders: number; settled: number }> {
    return sweepSchedule({
      now: await this.deps.planNow(),
      firm: async (id) => (await this.deps.firms.findById(id))!,
      due: (through) => this.deps.plans.due(through),
      settle: (firm, due, today) => this.deps.plans.write(() => this.#settleDebit(firm, due.id, today)),
      charge: async (due) => {
        const instalment = (await this.deps.plans.instalment(due.id))!;
        const attempt = attemptToCharge(instalment);
        return this.deps.jobs.enqueue({
          kind: chargeJobKind,
          key: `${chargeJobKind}:${due.id}:${attempt}`,
          firmId: due.firmId,
          payload: { instalmentId: due.id, attempt },
        });
      },
      toRemind: (from, to) => this.deps.plans.toRemind(from, to),
      remind: (firm, due) => this.#remind(firm, due.id, due.planId),
    });
  }

  /**
   * Charges one attempt of one instalment (the `plans.charge` job). The attempt is claimed first,
   * its amount fixed, in one transaction; the checkout then runs under the attempt's own key,
   * so a run repeated after a crash gets the first run's answer instead of charging again.
   */
  async charge(instalmentId: string, attempt: number): Promise<void> {
    const claimed = await this.deps.plans.write(async () => {
      const instalment = await this.deps.plans.instalment(instalmentId);
      if (!instalment) return undefined;
      const plan = (await this.deps.plans.find(instalment.firmId, instalment.planId))!;
      if (instalment.status === 'charging' && instalment.attempts === attempt) return { plan, instalment };
      if (plan.status !== 'active' || instalment.status !== 'scheduled' || instalment.attempts !== attempt - 1) return undefined;
      const firm = (await this.deps.firms.findById(plan.firmId))!;
      if (instalment.attemptOn > todayIn(firm.settings.timeZone, await this.deps.planNow())) return undefined;
      const invoice = await this.deps.invoices.getForFirm(plan.firmId, plan.invoiceId);
      const open = invoice.state === 'sent' ? invoice.openBalance : 0;
      const amounts = effectiveAmounts(plan.instalments, open);
      const amount = amounts[plan.instalments.findIndex((candidate) => candidate.id === instalmentId)]!;
      const now = this.deps.clock().toISOString();
      if (amount === 0) {
        // Paid outside the plan: nothing left for this one.
        await this.deps.plans.updateInstalment(instalmentId, { status: 'skipped' }, now);
        await this.#completeIfDone(plan.firmId, plan.id, now);
        return undefined;
      }
      await this.deps.plans.updateInstalment(instalmentId, { status: 'charging', attempts: attempt, amount }, now);
      return { plan, instalment: { ...instalment, status: 'charging' as const, attempts: attempt, amount } };
    });
    if (!claimed) return;
    const { plan, instalment } = claimed;
    const authorization = (await this.deps.plans.authorization(plan.firmId, plan.authorizationId))!;
    const outcome = await chargeSavedMethod(this.deps.checkout, {
      key: `plan:${instalment.id}:${attempt}`,
      firmId: plan.firmId,
      contactId: plan.contactId,
      invoiceId: plan.invoiceId,
      amount: instalment.amount,
      savedMethodId: plan.savedMethodId,
      methodType: plan.method.type,
      authorization,
    });
    await this.deps.plans.write(async () => {
      const current = await this.deps.plans.instalment(instalment.id);
      if (current?.status !== 'charging' || current.attempts !== attempt) return;
      const firm = (await this.deps.firms.findById(plan.firmId))!;
      const now = this.deps.clock().toISOString();
      const today = todayIn(firm.settings.timeZone, await this.deps.planNow());
      if (outcome.paymentId) await this.deps.plans.updateInstalment(instalment.id, { paymentId: outcome.paymentId }, now);
      if (outcome.status === 'succeeded') await this.#paid(firm, plan.id, instalment.id, now, today);
      else if (outcome.status === 'processing') await this.deps.plans.updateInstalment(instalment.id, { status: 'processing' }, now);
      else {
        const reason = failureReason(outcome);
        await this.#failed(firm, plan.id, instalment.id, reason, now, today);
      }
    });
  }

  /** Forgets authorizations ended more than two years ago, with their plans (run daily). */
  purgeAuthorizations(): Promise<number> {
    const before = new Date(this.deps.clock().getTime() - authorizationRetentionDays * 86_400_000).toISOString();
    return this.deps.plans.purgeEndedBefore(before);
  }

  /** A bank debit of an instalment that settled or came back. Call inside a write. */
  async #settleDebit(firm: Firm, instalmentId: string, today: string): Promise<boolean> {
    const instalment = await this.deps.plans.instalment(instalmentId);
    if (instalment?.status !== 'processing' || !instalment.paymentId) return false;
    const plan = (await this.deps.plans.find(firm.id, instalment.planId))!;
    const payment = await this.deps.payments.getForClient(firm.id, plan.contactId, instalment.paymentId);
    const now = this.deps.clock().toISOString();
    if (payment.status === 'succeeded') await this.#paid(firm, plan.id, instalment.id, now, today);
    else if (payment.status === 'failed')
      await this.#failed(firm, plan.id, instalment.id, payment.failure?.message ?? 'The bank returned the debit.', now, today);
    else return false;
    return true;
  }

  async #paid(firm: Firm, planId: string, instalmentId: string, now: string, today: string): Promise<void> {
    await this.deps.plans.updateInstalment(instalmentId, { status: 'paid', lastError: null }, now);
    const plan = (await this.deps.plans.find(firm.id, planId))!;
    const instalment = plan.instalments.find((candidate) => candidate.id === instalmentId)!;
    const completed = await this.#completeIfDone(firm.id, planId, now);
    const next = completed ? null : await this.#nextCharge(plan);
    const { contact, facts, link } = await this.#context(firm, plan, instalment, today);
    await this.#mail(
      firm,
      'plan_instalment_paid',
      contact.email,
      `plan-paid:${instalmentId}`,
      instalmentPaidEmail({ firm: brandOf(firm), contactName: contact.name, instalment: facts, next, link, language: contact.emailLanguage }),
    );
  }

  /** One attempt failed: tried again in 3 days, or, after the second, the plan stops and both sides hear of it. */
  async #failed(firm: Firm, planId: string, instalmentId: string, failure: string, now: string, today: string): Promise<void> {
    const plan = (await this.deps.plans.find(firm.id, planId))!;
    const instalment = plan.instalments.find((candidate) => candidate.id === instalmentId)!;
    const { contact, facts, link } = await this.#context(firm, plan, instalment, instalment.dueOn);
    const brand = brandOf(firm);
    if (instalment.attempts < attemptsPerInstalment) {
      const retryOn = addDays(today, retryAfterDays);
      await this.deps.plans.updateInstalment(instalmentId, { status: 'scheduled', attemptOn: retryOn, lastError: failure }, now);
      await this.#mail(
        firm,
        'plan_instalment_failed',
        contact.email,
        `plan-failed:${instalmentId}:${instalment.attempts}`,
        instalmentFailedEmail({ firm: brand, contactName: contact.name, instalment: facts, failure, retryOn, link, language: contact.emailLanguage }),
      );
      return;
    }
    await this.deps.plans.updateInstalment(instalmentId, { status: 'failed', lastError: failure }, now);
    await this.deps.plans.end(planId, { status: 'stopped', reason: 'charge_failed', by: 'system', instalments: 'cancelled' }, now);
    await this.deps.audit.record(
      { firmId: firm.id, actor: { type: 'system' }, action: 'plan.stopped', subject: { type: 'payment_plan', id: planId }, data: { instalmentId } },
      now,
    );
    await this.#mail(
      firm,
      'plan_stopped',
      contact.email,
      `plan-stopped:${planId}`,
      instalmentFailedEmail({ firm: brand, contactName: contact.name, instalment: facts, failure, retryOn: null, link, language: contact.emailLanguage }),
    );
    if (firm.settings.inboxEmail) {
      await this.#mail(
        firm,
        'firm_plan_stopped',
        firm.settings.inboxEmail,
        `firm-plan-stopped:${planId}`,
        firmPlanStoppedNotice({ firm: brand, contactName: contact.name, instalment: facts, failure }),
      );
    }
  }

  /** Ends the plan as completed once nothing is left to charge or waiting to settle. */
  async #completeIfDone(firmId: string, planId: string, now: string): Promise<boolean> {
    const plan = (await this.deps.plans.find(firmId, planId))!;
    if (plan.instalments.some((candidate) => candidate.status === 'charging' || candidate.status === 'processing')) return false;
    const invoice = await this.deps.invoices.getForFirm(plan.firmId, plan.invoiceId);
    const left = plan.instalments.some((candidate) => candidate.status === 'scheduled');
    if (left && invoice.openBalance > 0 && invoice.state === 'sent') return false;
    return this.deps.plans.end(planId, { status: 'completed', reason: 'paid', by: 'system', instalments: 'skipped' }, now);
  }

  async #remind(firm: Firm, instalmentId: string, planId: string): Promise<boolean> {
    return this.deps.plans.write(async () => {
      const instalment = await this.deps.plans.instalment(instalmentId);
      if (instalment?.status !== 'scheduled' || instalment.remindedAt) return false;
      const plan = (await this.deps.plans.find(firm.id, planId))!;
      if (plan.status !== 'active') return false;
      const invoice = await this.deps.invoices.getForFirm(plan.firmId, plan.invoiceId);
      const amounts = effectiveAmounts(plan.instalments, invoice.openBalance);
      const index = plan.instalments.findIndex((candidate) => candidate.id === instalmentId);
      const now = this.deps.clock().toISOString();
      await this.deps.plans.updateInstalment(instalmentId, { remindedAt: now }, now);
      if (!amounts[index]) return false;
      const { contact, facts, link } = await this.#context(firm, plan, { ...plan.instalments[index]!, amount: amounts[index]! }, instalment.attemptOn);
      await this.#mail(
        firm,
        'plan_reminder',
        contact.email,
        `plan-reminder:${instalmentId}`,
        instalmentReminderEmail({ firm: brandOf(firm), contactName: contact.name, instalment: facts, link, language: contact.emailLanguage }),
      );
      return true;
    });
  }

  async #cancel(plan: PlanRecord, actor: Actor): Promise<PlanReply> {
    if (plan.status !== 'active') throw Problem.conflict('plan_not_active', 'This payment plan has already ended.');
    const firm = (await this.deps.firms.findById(plan.firmId))!;
    const byFirm = actor.type !== 'contact';
    await this.deps.plans.write(async () => {
      const now = this.deps.clock().toISOString();
      const ended = await this.deps.plans.end(
        plan.id,
        { status: 'cancelled', reason: byFirm ? 'cancelled_by_firm' : 'cancelled_by_client', by: `${actor.type}:${actor.id ?? ''}`, instalments: 'cancelled' },
        now,
      );
      if (!ended) throw Problem.conflict('plan_not_active', 'This payment plan has already ended.');
      await this.deps.audit.record({ firmId: firm.id, actor, action: 'plan.cancelled', subject: { type: 'payment_plan', id: plan.id } }, now);
      const contact = (await this.deps.contacts.find(firm.id, plan.contactId))!;
      const invoice = await this.deps.invoices.getForFirm(firm.id, plan.invoiceId);
      await this.#mail(
        firm,
        'plan_cancelled',
        contact.email,
        `plan-cancelled:${plan.id}`,
        planCancelledEmail({
          firm: brandOf(firm),
          contactName: contact.name,
          invoiceNumber: invoice.number,
          byFirm,
          link: portalLink(firm, this.deps.publicUrl, plan.invoiceId),
          language: contact.emailLanguage,
        }),
      );
    });
    return this.#reply((await this.deps.plans.find(firm.id, plan.id))!);
  }

  /** The checks a proposal must pass, in the order a client would fix them; the amounts split from the open balance. */
  async #check(firm: Firm, contactId: string, proposal: Proposal) {
    const settings = firm.settings.plans;
    if (!settings.enabled) throw Problem.forbidden('plans_disabled', `${firm.name} does not offer payment plans.`);
    const invoice = await this.deps.invoices.getForClient(firm, contactId, proposal.invoiceId);
    if (!['open', 'partially_paid', 'overdue'].includes(invoice.status) || invoice.openBalance <= 0) {
      throw Problem.unprocessable('invoice_not_open', `Invoice ${invoice.number} has nothing left to pay now.`);
    }
    if (await this.deps.plans.activeFor(invoice.id)) throw Problem.conflict('plan_exists', 'This invoice is already on a payment plan.');
    const count = proposal.dates.length;
    if (count > settings.maxInstalments) {
      throw Problem.unprocessable('too_many_instalments', `${firm.name} allows at most ${settings.maxInstalments} instalments.`, {
        maximum: settings.maxInstalments,
      });
    }
    const amounts = splitAmount(invoice.openBalance, count);
    if (Math.min(...amounts) < settings.minInstalment) {
      throw Problem.unprocessable(
        'instalment_below_minimum',
        `Each instalment must be at least ${settings.minInstalment} (minor units): choose fewer instalments.`,
        {
          minimum: settings.minInstalment,
          maximumInstalments: Math.max(1, Math.floor(invoice.openBalance / settings.minInstalment)),
        },
      );
    }
    for (let index = 1; index < count; index += 1) {
      if (proposal.dates[index]! <= proposal.dates[index - 1]!) {
        throw Problem.unprocessable('plan_dates_unordered', 'Each instalment needs its own date, earliest first.');
      }
    }
    const today = await this.#today(firm);
    if (proposal.dates[0]! < today)
      throw Problem.unprocessable('plan_date_past', `The first instalment cannot be before today (${today}).`, { earliest: today });
    const latest = addMonths(today, settings.maxInstalments);
    if (proposal.dates[count - 1]! > latest) {
      throw Problem.unprocessable('plan_date_too_late', `The last instalment must be on or before ${latest}.`, { latest });
    }
    return { invoice, amounts };
  }

  #text(
    firm: Firm,
    invoiceNumber: string,
    method: { type: 'card' | 'us_bank_account'; brand: string | null; last4: string; accountType: string | null },
    instalments: { dueOn: string; amount: number }[],
  ) {
    return planAuthorizationText({ firmName: firm.name, firmEmail: firm.settings.inboxEmail, currency: firm.currency, invoiceNumber, method, instalments });
  }

  async #replies(plans: PlanRecord[]): Promise<PlanReply[]> {
    const replies: PlanReply[] = [];
    for (const plan of plans) replies.push(await this.#reply(plan));
    return replies;
  }

  async #reply(plan: PlanRecord): Promise<PlanReply> {
    const invoice = await this.deps.invoices.getForFirm(plan.firmId, plan.invoiceId);
    const authorization = (await this.deps.plans.authorization(plan.firmId, plan.authorizationId))!;
    const amounts = plan.status === 'active' ? effectiveAmounts(plan.instalments, invoice.openBalance) : plan.instalments.map((i) => i.amount);
    const instalments = plan.instalments.map((instalment, index) => ({
      id: instalment.id,
      seq: instalment.seq,
      dueOn: instalment.dueOn,
      attemptOn: instalment.attemptOn,
      amount: amounts[index]!,
      status: instalment.status,
      attempts: instalment.attempts,
      paymentId: instalment.paymentId,
      lastError: instalment.lastError,
    }));
    const next = plan.status === 'active' ? instalments.find((instalment) => instalment.status === 'scheduled' && instalment.amount > 0) : undefined;
    return {
      id: plan.id,
      invoiceId: plan.invoiceId,
      invoiceNumber: invoice.number,
      contactId: plan.contactId,
      status: plan.status,
      amount: plan.amount,
      currency: plan.currency,
      method: plan.method,
      authorization: {
        id: authorization.id,
        version: authorization.version,
        text: authorization.text,
        acceptedAt: authorization.acceptedAt,
        revokedAt: authorization.revokedAt,
      },
      nextCharge: next ? { on: next.attemptOn, amount: next.amount } : null,
      instalments,
      createdAt: plan.createdAt,
      endedAt: plan.endedAt,
      endedReason: plan.endedReason,
    };
  }

  async #nextCharge(plan: PlanRecord): Promise<{ on: string; amount: number } | null> {
    return (await this.#reply(plan)).nextCharge;
  }

  async #context(firm: Firm, plan: PlanRecord, instalment: Instalment, on: string) {
    const contact = (await this.deps.contacts.find(firm.id, plan.contactId))!;
    const invoice = await this.deps.invoices.getForFirm(firm.id, plan.invoiceId);
    const facts: InstalmentFacts = {
      seq: instalment.seq,
      count: plan.instalments.length,
      amount: instalment.amount,
      currency: plan.currency,
      on,
      invoiceNumber: invoice.number,
      method: plan.method,
    };
    return { contact, facts, link: portalLink(firm, this.deps.publicUrl, plan.invoiceId) };
  }

  #mail(firm: Firm, kind: string, to: string, key: string, email: { subject: string; text: string; html: string }) {
    return this.deps.mailer.queue({ firmId: firm.id, kind, to, fromName: firm.name, replyTo: firm.settings.inboxEmail, ...email }, key);
  }

  async #today(firm: Firm): Promise<string> {
    return todayIn(firm.settings.timeZone, await this.deps.planNow());
  }
}

/** The date `months` calendar months after `date` (the month's last day when it is shorter). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString().slice(0, 10);
}

export const brandOf = (firm: Firm) => ({ name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors });

/** The firm's portal page, opening the invoice (the portal reads `?invoice=`). */
export function portalLink(firm: Firm, fallback: string, invoiceId: string): string {
  const base = firm.settings.portalUrl ?? firm.siteUrl;
  if (!base) return fallback;
  const url = new URL(base);
  url.searchParams.set('invoice', invoiceId);
  return url.toString();
}

/** One CSV field (RFC 4180), with a formula-looking text defused by an apostrophe. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
