import type { Stripe } from '@stripe/stripe-js';

/** Stripe.js did not load: offline, blocked by the page's Content Security Policy or a content blocker, or too slow. */
export class StripeLoadError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('Stripe.js could not be loaded from https://js.stripe.com', options);
    this.name = 'StripeLoadError';
  }
}

/** How long to wait for Stripe.js before telling the client it did not load. */
export const stripeLoadTimeoutMs = 20_000;

/**
 * Stripe.js for `publishableKey`, loaded from Stripe's own host the first time it is needed.
 * `@stripe/stripe-js/pure` is imported here, on demand: importing it does nothing, and only
 * calling `loadStripe` adds Stripe's script to the page (unless `window.Stripe` is already there,
 * as a page that loads Stripe.js itself, or a test's stand-in, provides it). A failed load can be
 * tried again by calling this again.
 */
export async function loadStripeJs(publishableKey: string, { timeoutMs = stripeLoadTimeoutMs }: { timeoutMs?: number } = {}): Promise<Stripe> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StripeLoadError({ cause: new Error(`no answer in ${timeoutMs} ms`) })), timeoutMs);
  });
  try {
    const load = import('@stripe/stripe-js/pure').then(({ loadStripe }) => loadStripe(publishableKey));
    const stripe = await Promise.race([load, timeout]);
    if (!stripe) throw new StripeLoadError();
    return stripe;
  } catch (error) {
    throw error instanceof StripeLoadError ? error : new StripeLoadError({ cause: error });
  } finally {
    clearTimeout(timer);
  }
}
