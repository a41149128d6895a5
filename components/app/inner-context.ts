import { ContextEvent, type Context, type ContextType } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Subscribes an element to a context that a provider inside its own shadow root offers (the
 * `<portal-session>` that `<portal-app>` renders): the request is made from an element under
 * that provider, since a provider never answers its own ancestors.
 */
export class InnerContextConsumer<C extends Context<unknown, unknown>> implements ReactiveController {
  value: ContextType<C> | undefined;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #context: C;
  readonly #target: () => Element | null | undefined;
  readonly #providerTag: string;
  #requestedFrom: Element | undefined;
  #unsubscribe: (() => void) | undefined;
  #answered = false;

  /**
   * @param target The element to ask from, once rendered: a descendant of the provider.
   * @param providerTag The provider's tag, to ask again once it is defined if it was not yet.
   */
  constructor(host: ReactiveControllerHost & HTMLElement, context: C, target: () => Element | null | undefined, providerTag: string) {
    this.#host = host;
    this.#context = context;
    this.#target = target;
    this.#providerTag = providerTag;
    host.addController(this);
  }

  hostUpdated(): void {
    const target = this.#target() ?? undefined;
    if (!target || target === this.#requestedFrom) return;
    this.#requestedFrom = target;
    // Asked once the update is over: the answer comes at once and schedules the next update.
    queueMicrotask(() => {
      if (this.#requestedFrom !== target || !target.isConnected) return;
      this.#request(target);
      if (this.#answered) return;
      void customElements.whenDefined(this.#providerTag).then(() => {
        if (!this.#answered && this.#requestedFrom === target && target.isConnected) this.#request(target);
      });
    });
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#requestedFrom = undefined;
    this.#answered = false;
  }

  #request(target: Element): void {
    this.#requestedFrom = target;
    target.dispatchEvent(new ContextEvent(this.#context, target, this.#callback, true));
  }

  // Stable identity: a provider keeps one subscription per callback.
  readonly #callback = (value: ContextType<C>, unsubscribe?: () => void): void => {
    if (this.#unsubscribe && this.#unsubscribe !== unsubscribe) this.#unsubscribe();
    this.#unsubscribe = unsubscribe;
    this.#answered = true;
    if (Object.is(value, this.value)) return;
    this.value = value;
    this.#host.requestUpdate();
  };
}
