import { ApiError, isAbortError } from '../api/api-error.ts';
import type { PaymentsApi } from '../api/payments-api.ts';
import type { CheckoutResult, Payment, PaymentMethodInput, PaymentQuote, PaymentRequest } from '../api/types.ts';

/** A fresh Idempotency-Key: a random UUID (built from random bytes where `randomUUID` is missing). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A lost answer or a busy service: the same request may be sent again with the same key. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500 || error.code === 'idempotency_in_progress');
}

/** What a payment attempt needs of the API client. */
export interface PaymentAttemptClient {
  payments: Pick<PaymentsApi, 'quote' | 'create' | 'confirm'>;
}

/** A 3-D Secure challenge a payment waits for. */
export interface PaymentChallenge {
  payment: Payment;
  clientSecret: string;
}

/**
 * Shows one 3-D Secure challenge (Stripe.js's window, the sandbox's dialog) and settles once the
 * client has answered or left it; how it ended is then asked of the service, whatever the
 * challenge said, and a challenge that failed is no exception. Resolves `false` when no challenge
 * can be shown here: the payment is then left as it stands.
 */
export type ChallengeRunner = (challenge: PaymentChallenge, signal: AbortSignal) => Promise<boolean>;

export interface PaymentAttemptOptions {
  /** The API client to pay through (there is one whenever the form can be submitted). */
  client: () => PaymentAttemptClient | undefined;
  /** Runs a 3-D Secure challenge. */
  challenge: ChallengeRunner;
  /** The pause after too many declines is over: payments can be made again. */
  onPauseOver?: () => void;
  /** Makes a new Idempotency-Key (default: a random UUID). */
  newKey?: () => string;
  /** The time, in ms since the epoch (default: `Date.now`). */
  now?: () => number;
  /** The wait before asking again how a payment ended, times the number of tries so far (default 300 ms). */
  confirmRetryDelay?: number;
}

/** One press of "Pay": the form as it stands. */
export interface PaymentPress {
  /** The form as it stands, to tell a repeated press from a changed payment. */
  fingerprint: string;
  allocations: PaymentRequest['allocations'];
  /** The client consented to saving a fresh method. */
  save: boolean;
  /** A bank debit: sent with the authorization the client accepted, and never surcharged. */
  bankDebit: boolean;
  /**
   * The method to pay with: a saved one, or a fresh processor token. Undefined when there is none
   * to be had; the form says why.
   */
  paymentMethod: (signal: AbortSignal) => Promise<PaymentMethodInput | undefined>;
  signal: AbortSignal;
}

/** How a press of "Pay" ended. */
export type SubmitOutcome =
  /** The service took the payment; its 3-D Secure challenges, if any, are still to run (`authenticate`). */
  | { kind: 'created'; result: CheckoutResult; request: PaymentRequest }
  /** A card surcharge applies: it is shown, and the next press with the form unchanged pays the quoted total. */
  | { kind: 'quoted'; quote: PaymentQuote }
  /** The answer was lost (`network`) or the first send is still being worked on (`in-progress`): the next press sends the same request with the same key. */
  | { kind: 'retry'; reason: 'network' | 'in-progress' }
  /** Too many declines: payments are refused for `retryAfter` seconds (unknown when undefined). */
  | { kind: 'paused'; retryAfter: number | undefined }
  /** The firm's surcharge changed since its quote: the quote is dropped and the next press asks for a new one. */
  | { kind: 'quote-changed' }
  /** The service refused the payment (or its quote) for good; `error` says why. */
  | { kind: 'refused'; error: unknown; request: PaymentRequest }
  /** No method to pay with. */
  | { kind: 'no-method' }
  /** The press was abandoned (its signal aborted). */
  | { kind: 'cancelled' };

/** How the 3-D Secure challenges ended. */
export type AuthenticateOutcome = { kind: 'finished'; payments: Payment[] } | { kind: 'cancelled' };

/** A request sent, kept to be sent again as it is (same key, same body) when its answer was lost. */
interface SentRequest {
  key: string;
  fingerprint: string;
  request: PaymentRequest;
}

/** The service's quote for a payment with a card surcharge, and the method it was quoted for. */
interface QuotedPayment {
  fingerprint: string;
  paymentMethod: PaymentMethodInput;
  quote: PaymentQuote;
}

/** The longest wait a timer can count (about 24.8 days); longer pauses are rechecked then. */
const longestTimer = 2_147_483_647;

/**
 * Paying through one form, press after press of "Pay", with no DOM: a new Idempotency-Key for
 * each payment (what is paid, how, and the consents given) and the same key when the very same
 * request is sent again after its answer was lost, so that a retry can never pay twice; the card
 * surcharge quoted before charging and confirmed by the next press; the 3-D Secure challenges
 * and the service's word on how each ended; and the pause the service imposes after too many
 * declined attempts. The form shows what each outcome says.
 */
export class PaymentAttempt {
  readonly #options: PaymentAttemptOptions;
  #sent: SentRequest | undefined;
  #quoted: QuotedPayment | undefined;
  #pausedUntil: number | undefined;
  #pauseTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: PaymentAttemptOptions) {
    this.#options = options;
  }

  /** The service refuses payments for now, after too many declines. */
  get paused(): boolean {
    return this.#pausedUntil !== undefined && this.#now() < this.#pausedUntil;
  }

  /** A press now sends the previous request again: its answer was lost and the form has not changed since. */
  resends(fingerprint: string): boolean {
    return this.#sent?.fingerprint === fingerprint;
  }

  /** The surcharge quoted for the form as it stands (`fingerprint` is asked only when there is one). */
  quoteFor(fingerprint: () => string): PaymentQuote | undefined {
    return this.#quoted && this.#quoted.fingerprint === fingerprint() ? this.#quoted.quote : undefined;
  }

  /** Forgets the request kept for a resend (the invoices were loaded afresh). */
  reset(): void {
    this.#sent = undefined;
  }

  /** Sends the payment: again as it was when the form has not changed since a lost answer, or afresh. */
  async submit(press: PaymentPress): Promise<SubmitOutcome> {
    const { fingerprint, signal } = press;
    if (this.paused) return { kind: 'paused', retryAfter: Math.ceil((this.#pausedUntil! - this.#now()) / 1000) };
    const client = this.#options.client()!;
    try {
      let sent = this.#sent?.fingerprint === fingerprint ? this.#sent : undefined;
      if (!sent) {
        this.#sent = undefined;
        // A surcharge quoted for this very form is confirmed by this press: its method and total go as quoted.
        const quoted = this.#quoted?.fingerprint === fingerprint ? this.#quoted : undefined;
        const paymentMethod = quoted?.paymentMethod ?? (await press.paymentMethod(signal));
        if (!paymentMethod) return { kind: 'no-method' };
        const request: PaymentRequest = {
          allocations: press.allocations,
          paymentMethod,
          savePaymentMethod: 'savedId' in paymentMethod ? false : press.save,
          ...(press.bankDebit ? { mandate: { accepted: true } } : {}),
        };
        let amount = quoted?.quote.total;
        if (!quoted && !press.bankDebit) {
          let quote: PaymentQuote;
          try {
            quote = await client.payments.quote({ allocations: request.allocations, paymentMethod }, { signal });
          } catch (error) {
            if (signal.aborted || isAbortError(error)) throw error;
            return this.#refused(error, request);
          }
          if (quote.surcharge.amount > 0) {
            // Never charged unannounced: the line and the new total are shown, and the next press confirms them.
            this.#quoted = { fingerprint, paymentMethod, quote };
            return { kind: 'quoted', quote };
          }
          amount = quote.total;
        }
        sent = { key: (this.#options.newKey ?? newIdempotencyKey)(), fingerprint, request: amount === undefined ? request : { ...request, amount } };
        this.#sent = sent;
      }
      let result: CheckoutResult;
      try {
        result = await client.payments.create(sent.request, { idempotencyKey: sent.key, signal });
      } catch (error) {
        if (signal.aborted || isAbortError(error)) throw error;
        if (isRetryable(error)) return { kind: 'retry', reason: (error as ApiError).code === 'idempotency_in_progress' ? 'in-progress' : 'network' };
        this.#sent = undefined;
        return this.#refused(error, sent.request);
      }
      this.#sent = undefined;
      return { kind: 'created', result, request: sent.request };
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return { kind: 'cancelled' };
      throw error;
    }
  }

  /** Runs the 3-D Secure challenges the payments wait for, and asks the service how each ended. */
  async authenticate(result: CheckoutResult, signal: AbortSignal): Promise<AuthenticateOutcome> {
    const client = this.#options.client()!;
    let payments = result.payments?.length ? result.payments : [result.payment];
    const actions = result.nextActions ?? (result.clientSecret ? [{ paymentId: result.payment.id, clientSecret: result.clientSecret }] : []);
    for (const action of actions) {
      const payment = payments.find((candidate) => candidate.id === action.paymentId);
      if (!payment) continue;
      let shown = true;
      try {
        shown = await this.#options.challenge({ payment, clientSecret: action.clientSecret }, signal);
      } catch {
        // The service's confirmation tells how it ended, whatever the challenge answered.
      }
      if (signal.aborted) return { kind: 'cancelled' };
      if (!shown) continue;
      const confirmed = await this.#confirm(client, payment.id, signal);
      if (signal.aborted) return { kind: 'cancelled' };
      if (confirmed) payments = payments.map((candidate) => (candidate.id === confirmed.id ? confirmed : candidate));
    }
    return { kind: 'finished', payments };
  }

  /** Counts down a pause (again, once the form is back on the page). */
  start(): void {
    clearTimeout(this.#pauseTimer);
    if (this.#pausedUntil === undefined) return;
    const left = this.#pausedUntil - this.#now();
    if (left <= 0) {
      this.#pausedUntil = undefined;
      this.#options.onPauseOver?.();
      return;
    }
    this.#pauseTimer = setTimeout(() => this.start(), Math.min(left, longestTimer));
  }

  /** Stops counting (the form left the page); the pause itself stands. */
  stop(): void {
    clearTimeout(this.#pauseTimer);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  /** A refusal that changes what the next press does: a pause, or a quote to make again. */
  #refused(error: unknown, request: PaymentRequest): SubmitOutcome {
    if (!(error instanceof ApiError)) return { kind: 'refused', error, request };
    switch (error.code) {
      case 'amount_mismatch':
      case 'surcharge_not_confirmed':
        this.#quoted = undefined;
        return { kind: 'quote-changed' };
      case 'rate_limited': {
        // At least a second: a pause of nothing would leave the button on with the wait announced.
        const seconds = error.retryAfter === undefined ? undefined : Math.max(1, error.retryAfter);
        if (seconds !== undefined) {
          this.#pausedUntil = this.#now() + seconds * 1000;
          this.start();
        }
        return { kind: 'paused', retryAfter: seconds };
      }
      default:
        return { kind: 'refused', error, request };
    }
  }

  /** Asks how a payment ended after 3-D Secure, trying again twice when the answer is lost. */
  async #confirm(client: PaymentAttemptClient, paymentId: string, signal: AbortSignal): Promise<Payment | undefined> {
    const delay = this.#options.confirmRetryDelay ?? 300;
    for (let tries = 1; tries <= 3; tries += 1) {
      try {
        return await client.payments.confirm(paymentId, { signal });
      } catch (error) {
        if (signal.aborted || isAbortError(error) || !isRetryable(error) || tries === 3) return undefined;
        await new Promise((resolve) => setTimeout(resolve, delay * tries));
      }
    }
    return undefined;
  }
}
