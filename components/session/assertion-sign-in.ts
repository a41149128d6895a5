import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ApiClient } from '../api/api-client.ts';
import { ApiError, isAbortError } from '../api/api-error.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from './session-messages.ts';

/**
 * Asks the firm's own website for a fresh sign-in assertion for the visitor it has signed in,
 * typically a `fetch` to the site's backend. Gets the signal of the sign-in it serves.
 */
export type AssertionProvider = (options: { signal: AbortSignal }) => Promise<string>;

/** The page gave no assertion to exchange: its `getAssertion` failed or answered with nothing. */
export class AssertionUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The page could not provide a sign-in assertion.', { cause });
    this.name = 'AssertionUnavailableError';
  }
}

/** How one sign-in with an assertion ended: signed in, refused, or aborted or overtaken by a newer one. */
export type AssertionOutcome = 'signed-in' | 'failed' | 'superseded';

/**
 * Signs the client in with an assertion from the firm's own website, instead of a password:
 * obtains the assertion, exchanges it for a session through the client (which then reports the
 * sign-in like any other), and renders the pending state and a failure. One sign-in at a time:
 * a new one, or `abort()`, cancels the one under way.
 */
export class AssertionSignIn implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  /** The sign-in under way, if any. */
  #request: AbortController | undefined;
  /** How the last sign-in that was not replaced by another ended, when it failed. */
  #failed: { error: unknown } | undefined;
  #runs = 0;
  /** A failure stays shown until the client signs in or another attempt starts. */
  #showFailure = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** True while an assertion is asked for or exchanged. */
  get pending(): boolean {
    return this.#request !== undefined;
  }

  /** The last attempt's failure, while it is shown. */
  get failure(): unknown {
    if (!this.#showFailure || this.pending || !this.#failed) return undefined;
    const { error } = this.#failed;
    return isAbortError(error) ? undefined : error;
  }

  hostConnected(): void {}

  /** Obtains an assertion from `provide` and signs in with it through `client`. */
  async run(client: ApiClient, provide: AssertionProvider): Promise<AssertionOutcome> {
    const run = ++this.#runs;
    this.#showFailure = true;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#host.requestUpdate();
    let failed: { error: unknown } | undefined;
    try {
      const assertion = await obtain(provide, request.signal);
      await client.auth.exchangeToken({ assertion }, { signal: request.signal });
    } catch (error) {
      failed = { error };
    }
    if (this.#request === request) {
      this.#request = undefined;
      this.#failed = failed;
      this.#host.requestUpdate();
    }
    if (run !== this.#runs) return 'superseded';
    if (!failed) return 'signed-in';
    return isAbortError(failed.error) ? 'superseded' : 'failed';
  }

  /** Cancels the sign-in under way, if any, and forgets a failure. */
  abort(): void {
    this.#runs += 1;
    this.#request?.abort();
    this.dismiss();
  }

  /** Stops showing the last failure. */
  dismiss(): void {
    if (!this.#showFailure) return;
    this.#showFailure = false;
    this.#host.requestUpdate();
  }

  /** The pending state, in the place of the login: the client waits for the firm's site to sign them in. */
  renderPending(firm: string): TemplateResult {
    return html`
      <div class="assertion-pending" part="assertion-pending">
        <p role="status">${t('session.assertion-pending', { firm })}</p>
        <span class="skeleton-block line" aria-hidden="true"></span>
        <span class="skeleton-block line" aria-hidden="true"></span>
        <span class="skeleton-block short" aria-hidden="true"></span>
      </div>
    `;
  }

  /** The failure, if one is shown, above the login. */
  renderFailure(firm: string): TemplateResult | typeof nothing {
    const failure = this.failure;
    if (failure === undefined) return nothing;
    return html`<div class="alert" part="assertion-error" role="alert"><p>${failureMessage(failure, firm)}</p></div>`;
  }
}

async function obtain(provide: AssertionProvider, signal: AbortSignal): Promise<string> {
  let assertion: unknown;
  try {
    assertion = await provide({ signal });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new AssertionUnavailableError(error);
  }
  signal.throwIfAborted();
  if (typeof assertion !== 'string' || !assertion.trim()) throw new AssertionUnavailableError();
  return assertion.trim();
}

function failureMessage(error: unknown, firm: string): string {
  if (error instanceof AssertionUnavailableError) return t('session.assertion-failed', { firm });
  if (error instanceof ApiError) {
    if (error.code === 'invalid_assertion') return t('session.assertion-failed', { firm });
    if (error.code === 'contact_not_found') return t('session.assertion-no-account', { firm });
  }
  return errorMessage(error);
}
