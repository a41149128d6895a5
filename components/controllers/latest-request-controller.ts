import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The one request of a kind an element keeps going (a send, a check for news, the next page):
 * starting one aborts the one before, and leaving the page aborts the one on its way, so a
 * late answer never lands on a view that moved on.
 */
export class LatestRequestController implements ReactiveController {
  #request: AbortController | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort();
  }

  /** True while a request started here is neither finished nor aborted. */
  get pending(): boolean {
    return this.#request !== undefined;
  }

  /** Aborts the request before, if any, and gives the new one's signal. */
  start(): AbortSignal {
    this.#request?.abort();
    this.#request = new AbortController();
    return this.#request.signal;
  }

  /** Marks the request of `signal` finished, when it is still the newest; true then. */
  finish(signal: AbortSignal): boolean {
    if (this.#request?.signal !== signal) return false;
    this.#request = undefined;
    return true;
  }

  /** Aborts the request on its way, if any. */
  abort(): void {
    this.#request?.abort();
    this.#request = undefined;
  }
}
