import { html, nothing, type TemplateResult } from 'lit';
import type { Payment } from '../api/types.ts';
import { formatDate, formatMoney, formatPercent } from '../i18n/format.ts';
import { t } from './pay-messages.ts';
import type { PayMessageKey } from './pay-messages.ts';
import { paymentMethodLabel } from '../payments/payment-labels.ts';

/** How a checkout ended, for the client: paid, on its way (bank debits), refused, or not known yet. */
export type PayOutcomeStatus = 'succeeded' | 'processing' | 'failed' | 'unconfirmed';

export interface PaymentFailure {
  code: string;
  declineCode?: string;
  message: string;
}

export interface PayOutcome {
  status: PayOutcomeStatus;
  /** Every payment of the checkout (one per deposit account). */
  payments: Payment[];
  /** The payments the status is about (the succeeded ones of a partly failed checkout). */
  settled: Payment[];
  /** Minor units: what the status is about. */
  amount: number;
  currency: string;
  /** Why it failed (the first failure, for a partly failed checkout). */
  failure: PaymentFailure | undefined;
}

/** The outcome of a checkout's payments, after any 3-D Secure challenge. */
export function outcomeOf(payments: readonly Payment[]): PayOutcome {
  const failed = payments.filter((payment) => payment.status === 'failed');
  const waiting = payments.filter((payment) => payment.status === 'requires_action');
  const processing = payments.filter((payment) => payment.status === 'processing');
  const done = payments.filter((payment) => payment.status === 'succeeded' || payment.status === 'processing');
  const sum = (list: readonly Payment[]) => list.reduce((total, payment) => total + payment.amount, 0);
  const failure = failed.find((payment) => payment.failure)?.failure ?? undefined;
  const currency = payments[0]?.currency ?? 'USD';
  const base = { payments: [...payments], currency, failure: failure ? { ...failure } : failed.length ? { code: 'failed', message: '' } : undefined };
  if (waiting.length) return { ...base, status: 'unconfirmed', settled: waiting, amount: sum(waiting) };
  if (!done.length) return { ...base, status: 'failed', settled: failed, amount: sum(failed) };
  return { ...base, status: processing.length ? 'processing' : 'succeeded', settled: done, amount: sum(done) };
}

// What went wrong, and what the client can do about it. Lost and stolen cards are declined in the
// same words as any other decline, as the card networks ask.
const failureKeys: Record<string, PayMessageKey> = {
  generic_decline: 'pay.failure.generic-decline',
  card_declined: 'pay.failure.generic-decline',
  do_not_honor: 'pay.failure.generic-decline',
  lost_card: 'pay.failure.generic-decline',
  stolen_card: 'pay.failure.generic-decline',
  fraudulent: 'pay.failure.generic-decline',
  insufficient_funds: 'pay.failure.insufficient-funds',
  expired_card: 'pay.failure.expired-card',
  incorrect_cvc: 'pay.failure.incorrect-cvc',
  processing_error: 'pay.failure.processing-error',
  payment_intent_authentication_failure: 'pay.failure.authentication',
  authentication_required: 'pay.failure.authentication',
  bank_account_closed: 'pay.failure.bank-account-closed',
  bank_account_not_found: 'pay.failure.bank-account-not-found',
  debit_not_authorized: 'pay.failure.debit-not-authorized',
};

/** A failure in plain words with what to do next. */
export function failureMessage(failure: PaymentFailure | undefined, methodType: string): string {
  const bank = methodType === 'us_bank_account';
  const code = failure?.declineCode ?? failure?.code ?? '';
  if (code === 'insufficient_funds' && bank) return t('pay.failure.bank-insufficient-funds');
  const key = failureKeys[code] ?? failureKeys[failure?.code ?? ''];
  if (key) return t(key);
  return bank ? t('pay.failure.bank-generic') : t('pay.failure.unknown');
}

const headingKeys: Record<PayOutcomeStatus, PayMessageKey> = {
  succeeded: 'pay.result.succeeded',
  processing: 'pay.result.processing',
  failed: 'pay.result.failed',
  unconfirmed: 'pay.result.unconfirmed',
};

/** The heading of a result, which is also what the live region announces first. */
export function resultHeading(outcome: PayOutcome): string {
  return t(headingKeys[outcome.status]);
}

/** The sentence that explains a result, for the page and the live region. */
export function resultSummary(outcome: PayOutcome): string {
  const amount = formatMoney(outcome.amount, outcome.currency);
  const first = outcome.settled[0] ?? outcome.payments[0];
  const method = first ? paymentMethodLabel(first.method) : '';
  switch (outcome.status) {
    case 'succeeded':
      return t('pay.result.succeeded-text', { amount, method });
    case 'processing':
      return t('pay.result.processing-text');
    case 'failed':
      return failureMessage(outcome.failure, first?.method.type ?? 'card');
    case 'unconfirmed':
      return t('pay.result.unconfirmed-text');
  }
}

export interface ResultActions {
  onDone: () => void;
  onRetry: () => void;
}

/** The result panel: heading (focused), explanation, and for a payment made its receipt. */
export function renderResult(outcome: PayOutcome, actions: ResultActions): TemplateResult {
  const money = (amount: number) => formatMoney(amount, outcome.currency);
  const first = outcome.settled[0] ?? outcome.payments[0];
  const paid = outcome.status === 'succeeded' || outcome.status === 'processing';
  const partlyFailed = paid && outcome.payments.some((payment) => payment.status === 'failed');
  const invoices = [...new Set(outcome.settled.flatMap((payment) => payment.allocations.map((allocation) => allocation.invoiceNumber)))];
  // A card surcharge is part of the amount; the receipt names it on its own line.
  const surcharged = outcome.settled.find((payment) => payment.surcharge);
  return html`
    <section class="result" part="result" data-status=${outcome.status} aria-labelledby="result-heading">
      <h2 id="result-heading" part="result-heading" tabindex="-1">${resultHeading(outcome)}</h2>
      <p class="result-summary">${resultSummary(outcome)}</p>
      ${outcome.status === 'succeeded' ? html`<p>${t('pay.result.receipt-emailed')}</p>` : nothing}
      ${
        partlyFailed
          ? html`<p class="alert">
            ${t('pay.result.partly-failed', {
              amount: money(outcome.payments.filter((payment) => payment.status === 'failed').reduce((sum, payment) => sum + payment.amount, 0)),
            })}
            ${failureMessage(outcome.failure, first?.method.type ?? 'card')}
          </p>`
          : nothing
      }
      ${
        paid && first
          ? html`<dl class="receipt" part="receipt">
            <div>
              <dt>${t('pay.result.receipt-number')}</dt>
              <dd>${outcome.settled.map((payment) => payment.receiptNumber).join(', ')}</dd>
            </div>
            <div>
              <dt>${t('pay.result.amount')}</dt>
              <dd>${money(outcome.amount)}</dd>
            </div>
            ${
              surcharged
                ? html`<div>
                  <dt>${t('pay.result.surcharge', { percent: typeof surcharged.surchargePercent === 'number' ? formatPercent(surcharged.surchargePercent) : '' })}</dt>
                  <dd>${money(surcharged.surcharge!)}</dd>
                </div>`
                : nothing
            }
            <div>
              <dt>${t('pay.result.method')}</dt>
              <dd>${paymentMethodLabel(first.method)}</dd>
            </div>
            <div>
              <dt>${t('pay.result.date')}</dt>
              <dd>${formatDate(first.createdAt)}</dd>
            </div>
            ${
              invoices.length
                ? html`<div>
                  <dt>${t('pay.result.invoices')}</dt>
                  <dd>${invoices.join(', ')}</dd>
                </div>`
                : nothing
            }
          </dl>`
          : nothing
      }
      <div class="actions">
        ${
          outcome.status === 'failed'
            ? html`<button type="button" class="button" part="retry-button" @click=${actions.onRetry}>${t('pay.result.try-again')}</button>
              <button type="button" class="button secondary" part="done-button" @click=${actions.onDone}>${t('pay.cancel')}</button>`
            : html`<button type="button" class="button" part="done-button" @click=${actions.onDone}>${t('pay.result.done')}</button>`
        }
      </div>
    </section>
  `;
}
