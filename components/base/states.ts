/** Thrown by an element's data task when it has no service or firm to talk to. */
export class NotConfiguredError extends Error {
  constructor() {
    super('The element has no API client: set `client`, or `api` and `firm`, or place it inside <portal-session>.');
    this.name = 'NotConfiguredError';
  }
}

// Apart, for the elements a signed-out page loads (which need nothing else of this module).
export { toggleState } from './toggle-state.ts';

/**
 * A promise that settles only when `signal` aborts (rejecting with its reason): a data task that
 * has to wait for something, e.g. a sign-in, stays pending until its arguments change.
 */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
