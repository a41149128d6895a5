import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A message produced while rendering, so that it follows the current language. */
export type Words = () => string;

/**
 * What an element's live region says. The same words twice in a row are said twice: the region
 * is emptied for one update first.
 */
export class AnnouncerController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #words: Words | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The words to render in the live region, in the current language. */
  get text(): string {
    return this.#words?.() ?? '';
  }

  async announce(words: Words): Promise<void> {
    if (this.#words !== undefined) {
      this.#words = undefined;
      this.#host.requestUpdate();
    }
    await this.#host.updateComplete;
    this.#words = words;
    this.#host.requestUpdate();
  }
}
