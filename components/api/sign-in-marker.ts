/**
 * Whether this browser may hold a sign-in to resume from the service's refresh cookie: set when a
 * sign-in is kept, removed at sign-out and when the service refuses to resume it. A page with no
 * such mark does not ask (the cookie is HttpOnly, so the page cannot look, and asking a service
 * that has no sign-in logs a 401 in the browser's console on every load of a signed-out page).
 *
 * Kept in `localStorage`, so that every tab of the firm's site shares it as they share the
 * cookie. It is a flag and nothing else: no token, no name. A stale mark costs one refused
 * refresh, which removes it; a missing one (storage cleared or turned off) means signing in again.
 */
export class SignInMarker {
  readonly #key: string;

  /** `scope`: the service and the path of its sign-ins, as the refresh cookie is scoped (`https://portal.example/api/v1/auth`). */
  constructor(scope: string) {
    this.#key = `portico:may-resume:${scope}`;
  }

  get present(): boolean {
    try {
      return globalThis.localStorage?.getItem(this.#key) === '1';
    } catch {
      // Storage can be off (privacy settings, sandboxed frames): then nothing is known, and asking is the only way to find out.
      return true;
    }
  }

  remember(signedIn: boolean): void {
    try {
      if (signedIn) globalThis.localStorage?.setItem(this.#key, '1');
      else globalThis.localStorage?.removeItem(this.#key);
    } catch {
      // As above: without storage the page asks the service each time.
    }
  }
}
