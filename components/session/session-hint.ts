import type { ApiClient } from '../api/api-client.ts';

/**
 * Whether this tab was signed in to the portal of `client`'s service and firm when it last
 * knew, kept in `sessionStorage` so that a reload can show a neutral placeholder, rather than
 * the login, while the sign-in resumes from the refresh cookie. It is a flag and nothing else:
 * no token, no name, nothing about the client. A stale flag costs one placeholder before the
 * login; a missing one, the login briefly before the portal.
 */
export class SessionHint {
  readonly #key: string;

  constructor(client: ApiClient) {
    this.#key = `portico:signed-in:${client.baseUrl}:${client.firm}`;
  }

  get present(): boolean {
    try {
      return globalThis.sessionStorage?.getItem(this.#key) === '1';
    } catch {
      // Storage can be off (privacy settings, sandboxed frames): then there is never a hint.
      return false;
    }
  }

  remember(signedIn: boolean): void {
    try {
      if (signedIn) globalThis.sessionStorage?.setItem(this.#key, '1');
      else globalThis.sessionStorage?.removeItem(this.#key);
    } catch {
      // As above: without storage the login simply shows at once.
    }
  }
}
