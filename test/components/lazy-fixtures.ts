// Element classes for the loader's tests: plain modules, registered by nothing until a test's
// loader defines them.
import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { PortalElement } from '../../components/base/portal-element.ts';
import { elementMessages } from '../../components/i18n/element-messages.ts';

/** Whether the companion was defined when the element that names it was constructed. */
export const companionDefinedFirst: boolean[] = [];

export class LazyLabel extends LitElement {
  @property() label = 'default';
  @property({ type: Number }) count = 0;

  override render() {
    return html`<span part="text">${this.label}:${this.count}</span>`;
  }
}

/** Renders another lazily loaded element in its shadow root, as `<portal-app>` renders `<portal-session>`. */
export class LazyOuter extends LitElement {
  override render() {
    return html`<div part="box"><test-lazy-inner .label=${'from outer'}></test-lazy-inner></div>`;
  }
}

export class LazyInner extends LazyLabel {}
export class LazyCompanion extends LazyLabel {}
export class LazyWithCompanion extends LazyLabel {
  constructor() {
    super();
    companionDefinedFirst.push(customElements.get('test-lazy-companion') !== undefined);
  }
}
export class LazyRetry extends LazyLabel {}
export class LazyOnce extends LazyLabel {}
export class LazyInPageShadow extends LazyLabel {}
export class LazyOnRequest extends LazyLabel {}

/** The Spanish table of `LazyWords`: asked for by the loader, answered when a test says so. */
export const lazyWordsSpanish = {
  asked: false,
  answer: undefined as ((table: { 'lazy.greeting': string }) => void) | undefined,
};

const { t: lazyWordsT } = elementMessages(
  { 'lazy.greeting': 'Hello' },
  () =>
    new Promise((resolve) => {
      lazyWordsSpanish.asked = true;
      lazyWordsSpanish.answer = resolve;
    }),
);

/** A Portico element with words of its own, as each section has: every text it rendered, in order. */
export class LazyWords extends PortalElement {
  static readonly rendered: string[] = [];

  override render() {
    const text = lazyWordsT('lazy.greeting');
    LazyWords.rendered.push(text);
    return html`<span part="text">${text}</span>`;
  }
}
