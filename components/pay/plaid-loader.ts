import type { Plaid } from 'plaid-link';

/** Plaid Link's script, always from Plaid's host (Plaid does not allow it to be bundled or copied). */
export const plaidLinkScriptUrl = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';

/** How long to wait for Link's script before telling the client it did not load. */
export const plaidLoadTimeoutMs = 20_000;

/** What Link's script defines as `window.Plaid`. */
export interface PlaidLinkFactory {
  create(config: Plaid.CreateConfig): Plaid.LinkHandler;
}

/** Link's script did not load: offline, blocked by the page's Content Security Policy or a content blocker, or too slow. */
export class PlaidLoadError extends Error {
  constructor(options?: { cause?: unknown }) {
    super(`Plaid Link could not be loaded from ${plaidLinkScriptUrl}`, options);
    this.name = 'PlaidLoadError';
  }
}

const loads = new WeakMap<HTMLScriptElement, Promise<PlaidLinkFactory>>();

function present(): PlaidLinkFactory | undefined {
  return (window as { Plaid?: PlaidLinkFactory }).Plaid;
}

/**
 * `window.Plaid`, loading Link's script the first time it is needed: one `<script>` in the page's
 * head, shared by every caller while it loads. Nothing is added when `window.Plaid` is already
 * there (a page that loads Link itself, or a test's stand-in). After a failure the script is
 * removed, so that calling this again tries again.
 */
export function loadPlaidLink({ timeoutMs = plaidLoadTimeoutMs }: { timeoutMs?: number } = {}): Promise<PlaidLinkFactory> {
  const ready = present();
  if (ready) return Promise.resolve(ready);
  let script = document.querySelector<HTMLScriptElement>(`script[src="${plaidLinkScriptUrl}"]`);
  const loading = script ? loads.get(script) : undefined;
  if (loading) return loading;
  if (!script) {
    script = document.createElement('script');
    script.src = plaidLinkScriptUrl;
    script.async = true;
    (document.head ?? document.body).append(script);
  }
  const element = script;
  const load = new Promise<PlaidLinkFactory>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      element.removeEventListener('load', onLoad);
      element.removeEventListener('error', onError);
    };
    const fail = (cause: unknown): void => {
      done();
      loads.delete(element);
      element.remove();
      reject(new PlaidLoadError({ cause }));
    };
    const onLoad = (): void => {
      const plaid = present();
      if (!plaid) return fail(new Error('the script did not define window.Plaid'));
      done();
      resolve(plaid);
    };
    const onError = (event: Event): void => fail(event);
    element.addEventListener('load', onLoad);
    element.addEventListener('error', onError);
  });
  loads.set(element, load);
  return load;
}
