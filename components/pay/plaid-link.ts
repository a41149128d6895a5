import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Plaid } from 'plaid-link';
import type { ApiClient } from '../api/api-client.ts';
import { isAbortError } from '../api/api-error.ts';
import type { LinkedBankAccount } from '../api/types.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from './pay-messages.ts';
import type { PayMessageKey } from './pay-messages.ts';
import type { Message } from './fields.ts';
import { loadPlaidLink, PlaidLoadError } from './plaid-loader.ts';

/** `starting`: a link token and Link's script are on their way; `open`: Link is shown; `exchanging`: the account is being connected. */
export type PlaidLinkStep = 'idle' | 'starting' | 'open' | 'exchanging';

export interface PlaidLinkOptions {
  client: () => ApiClient | undefined;
  /** The client connected an account: it is ready to debit once they accept the authorization. */
  onLinked: (account: LinkedBankAccount) => void;
  /** Link closed, or could not open: `problem` says why when something went wrong, in plain words. */
  onClosed: (result: { linked: boolean; problem?: Message }) => void;
}

// Link's errors the client can act on (Plaid's error codes), in their words.
const exitMessages: Record<string, PayMessageKey> = {
  INVALID_LINK_TOKEN: 'pay.plaid.error.expired',
  INSTITUTION_DOWN: 'pay.plaid.error.institution',
  INSTITUTION_NOT_RESPONDING: 'pay.plaid.error.institution',
  INSTITUTION_NOT_AVAILABLE: 'pay.plaid.error.institution',
  INSTITUTION_NO_LONGER_SUPPORTED: 'pay.plaid.error.institution',
  ITEM_LOCKED: 'pay.plaid.error.locked',
  NO_AUTH_ACCOUNTS: 'pay.plaid.error.no-accounts',
  NO_ACCOUNTS: 'pay.plaid.error.no-accounts',
};

/**
 * Bank sign-in with Plaid Link, for `bankLink: 'plaid'`. Link's script loads from Plaid the first
 * time the client asks to link a bank; the token service makes the link token, Link runs in
 * Plaid's own window, and the public token it ends with (and the account the client chose) goes
 * back to the token service, which answers with the account ready to debit. Closing Link, with or
 * without an error, hands focus back to the host.
 */
export class PlaidLink implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: PlaidLinkOptions;
  #step: PlaidLinkStep = 'idle';
  #handler: Plaid.LinkHandler | undefined;
  #request: AbortController | undefined;

  constructor(host: ReactiveControllerHost, options: PlaidLinkOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#request?.abort();
    this.#destroy();
    this.#step = 'idle';
  }

  get step(): PlaidLinkStep {
    return this.#step;
  }

  /** Link is on its way or shown: another press should wait. */
  get busy(): boolean {
    return this.#step !== 'idle';
  }

  /** Opens Link for a new bank sign-in. */
  async open(): Promise<void> {
    if (this.busy) return;
    const client = this.#options.client();
    if (!client) return;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#set('starting');
    let session: { linkToken: string };
    let plaid: Awaited<ReturnType<typeof loadPlaidLink>>;
    try {
      [session, plaid] = await Promise.all([client.bankLinks.create({ signal: request.signal }), loadPlaidLink()]);
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.#finish({ linked: false, problem: error instanceof PlaidLoadError ? () => t('pay.plaid.error.load') : () => errorMessage(error) });
      return;
    }
    if (request.signal.aborted) return;
    try {
      this.#handler = plaid.create({
        token: session.linkToken,
        onSuccess: (publicToken, metadata) => void this.#exchange(publicToken, metadata),
        onExit: (error) => this.#exited(error),
        onEvent: (eventName) => {
          // Link says when its window is up: until then the client sees that it is opening.
          if (eventName === 'OPEN' && this.#step === 'starting') this.#set('open');
        },
      });
      this.#handler.open();
    } catch {
      this.#finish({ linked: false, problem: () => t('pay.plaid.error.generic') });
    }
  }

  async #exchange(publicToken: string, metadata: Plaid.OnSuccessMetaData): Promise<void> {
    this.#destroy();
    const client = this.#options.client();
    const request = this.#request ?? new AbortController();
    if (!client || request.signal.aborted) return;
    this.#set('exchanging');
    try {
      const account = await client.bankLinks.exchange({ publicToken, accountId: metadata.accounts[0]?.id }, { signal: request.signal });
      if (request.signal.aborted) return;
      this.#options.onLinked(account);
      this.#finish({ linked: true });
    } catch (error) {
      if (request.signal.aborted || isAbortError(error)) return;
      this.#finish({ linked: false, problem: () => errorMessage(error) });
    }
  }

  #exited(error: Plaid.Error | null): void {
    this.#destroy();
    if (!error) {
      this.#finish({ linked: false });
      return;
    }
    const key = exitMessages[error.error_code];
    const display = error.display_message;
    this.#finish({ linked: false, problem: key ? () => t(key) : display ? () => display : () => t('pay.plaid.error.generic') });
  }

  #finish(result: { linked: boolean; problem?: Message }): void {
    this.#request = undefined;
    this.#set('idle');
    this.#options.onClosed(result);
  }

  #set(step: PlaidLinkStep): void {
    this.#step = step;
    this.#host.requestUpdate();
  }

  #destroy(): void {
    const handler = this.#handler;
    this.#handler = undefined;
    handler?.destroy();
  }
}
