// Element classes for the loader's tests: plain modules, registered by nothing until a test's
// loader defines them.
import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';

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
