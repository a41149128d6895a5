import type Stripe from 'stripe';
import { ProcessorUnavailable } from '../processor.ts';

export type StripeClient = Stripe;

export interface StripeClientOptions {
  secretKey: string;
  /** Another address for the API (a proxy, or a stand-in in tests): scheme, host and port. */
  apiBase?: string;
  /** Retries of a request that got no answer or a 5xx/409; always with the same idempotency key. */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

/** Loads the SDK module; replaced in tests to check it is never loaded when Stripe is not in use. */
export type StripeModuleLoader = () => Promise<{ default: typeof Stripe }>;

const loadStripeModule: StripeModuleLoader = () => import('stripe');

/**
 * The Stripe client, made on first use: the SDK is imported then, so a service that never takes
 * a Stripe payment never loads it.
 */
export function lazyStripeClient(options: StripeClientOptions, load: StripeModuleLoader = loadStripeModule): () => Promise<StripeClient> {
  let client: Promise<StripeClient> | undefined;
  return () =>
    (client ??= load().then(
      ({ default: StripeSdk }) => {
        const base = options.apiBase ? new URL(options.apiBase) : undefined;
        return new StripeSdk(options.secretKey, {
          maxNetworkRetries: options.maxNetworkRetries ?? 2,
          timeout: options.timeoutMs ?? 30_000,
          telemetry: false,
          appInfo: { name: 'Portico' },
          ...(base
            ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol === 'https:' ? 'https' : 'http' }
            : {}),
        });
      },
      (error: unknown) => {
        client = undefined;
        throw error;
      },
    ));
}

/** The parts of an SDK error we read; the SDK names each error class in `type`. */
export interface StripeErrorLike {
  type?: string;
  code?: string;
  decline_code?: string;
  param?: string;
  message?: string;
  statusCode?: number;
  payment_intent?: Stripe.PaymentIntent;
}

export function asStripeError(error: unknown): StripeErrorLike | undefined {
  if (!error || typeof error !== 'object' || typeof (error as StripeErrorLike).type !== 'string') return undefined;
  return (error as StripeErrorLike).type!.startsWith('Stripe') ? (error as StripeErrorLike) : undefined;
}

/**
 * Errors after which nobody knows whether Stripe acted: no answer, a timeout, rate limiting or
 * Stripe's own 5xx (the SDK has already retried those it could).
 */
export function unavailableFrom(error: unknown): ProcessorUnavailable | undefined {
  const stripeError = asStripeError(error);
  switch (stripeError?.type) {
    case 'StripeConnectionError':
      return new ProcessorUnavailable(
        503,
        'The payment processor could not be reached. Try again in a moment with the same Idempotency-Key: you will not be charged twice.',
        'unreachable',
      );
    case 'StripeRateLimitError':
      return new ProcessorUnavailable(
        503,
        'The payment processor is busy right now. Try again in a moment with the same Idempotency-Key: you will not be charged twice.',
        'rate_limited',
      );
    // A retried charge whose parameters changed since the first try (the firm's accounts, say):
    // the first may have been made, so nothing is released; its webhook still settles it.
    case 'StripeIdempotencyError':
    case 'StripeAPIError':
      return new ProcessorUnavailable(
        502,
        'The payment processor had a problem answering. Try again in a moment with the same Idempotency-Key: you will not be charged twice.',
        'processor_error',
      );
    default:
      return undefined;
  }
}
