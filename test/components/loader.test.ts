import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { isRegistered, loadElement, registerLazyElements, watch, type LazyElement } from '../../components/loader/lazy-elements.ts';
import { LazyWords, companionDefinedFirst, lazyWordsSpanish, type LazyLabel } from './lazy-fixtures.ts';
import type * as LazyFixtures from './lazy-fixtures.ts';
import { afterEach, describe, it } from './mocha.ts';

type Fixtures = typeof LazyFixtures;

/** How many times each tag's module was asked for. */
const loads = new Map<string, number>();

function lazy(tag: string, pick: (fixtures: Fixtures) => CustomElementConstructor, extra: Partial<LazyElement> = {}): LazyElement {
  return {
    load: async () => {
      loads.set(tag, (loads.get(tag) ?? 0) + 1);
      return pick(await import('./lazy-fixtures.ts'));
    },
    ...extra,
  };
}

let failNextRetry = true;

registerLazyElements({
  'test-lazy-label': lazy('test-lazy-label', (m) => m.LazyLabel),
  'test-lazy-outer': lazy('test-lazy-outer', (m) => m.LazyOuter),
  'test-lazy-inner': lazy('test-lazy-inner', (m) => m.LazyInner),
  'test-lazy-companion': lazy('test-lazy-companion', (m) => m.LazyCompanion),
  'test-lazy-with-companion': lazy('test-lazy-with-companion', (m) => m.LazyWithCompanion, { with: ['test-lazy-companion'] }),
  'test-lazy-once': lazy('test-lazy-once', (m) => m.LazyOnce),
  'test-lazy-in-page-shadow': lazy('test-lazy-in-page-shadow', (m) => m.LazyInPageShadow),
  'test-lazy-on-request': lazy('test-lazy-on-request', (m) => m.LazyOnRequest),
  'test-lazy-words': lazy('test-lazy-words', (m) => m.LazyWords),
  'test-lazy-retry': {
    load: async () => {
      loads.set('test-lazy-retry', (loads.get('test-lazy-retry') ?? 0) + 1);
      if (failNextRetry) {
        failNextRetry = false;
        throw new TypeError('Failed to fetch dynamically imported module');
      }
      return (await import('./lazy-fixtures.ts')).LazyRetry;
    },
  },
});
watch(document);

const text = (element: Element) => element.shadowRoot?.querySelector('[part="text"]')?.textContent;

describe('elements loaded on first use', () => {
  const consoleError = console.error;
  afterEach(() => {
    console.error = consoleError;
  });

  it('claims every tag at once and loads none before an instance appears', () => {
    for (const tag of ['test-lazy-label', 'test-lazy-outer', 'test-lazy-inner', 'test-lazy-with-companion']) {
      expect(isRegistered(tag), tag).to.equal(true);
      expect(customElements.get(tag), tag).to.equal(undefined);
    }
    expect(isRegistered('test-lazy-unknown')).to.equal(false);
    expect(loads.size).to.equal(0);
  });

  it('defines an element when one appears in the page, keeping the properties and attributes set before', async () => {
    const element = document.createElement('test-lazy-label') as LazyLabel;
    element.label = 'set early';
    element.setAttribute('count', '3');
    expect(element.matches(':defined')).to.equal(false);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.append(element);
    await customElements.whenDefined('test-lazy-label');
    await element.updateComplete;
    expect(element.matches(':defined')).to.equal(true);
    expect(customElements.get('test-lazy-label')).to.equal(element.constructor);
    expect(text(element)).to.equal('set early:3');
    expect(loads.get('test-lazy-label')).to.equal(1);

    // Later instances use the class defined: nothing is loaded again.
    const more = await fixture<LazyLabel>(html`<test-lazy-label label="later"></test-lazy-label>`);
    expect(text(more)).to.equal('later:0');
    expect(loads.get('test-lazy-label')).to.equal(1);
  });

  it('loads an element another one renders in its shadow root, with the property it was given', async () => {
    const outer = await fixture<HTMLElement>(html`<test-lazy-outer></test-lazy-outer>`);
    await waitUntil(() => outer.shadowRoot?.querySelector('test-lazy-inner'), 'the outer element never rendered');
    const inner = outer.shadowRoot!.querySelector<LazyLabel>('test-lazy-inner')!;
    await customElements.whenDefined('test-lazy-inner');
    await inner.updateComplete;
    expect(text(inner)).to.equal('from outer:0');
  });

  it('defines the elements named in `with` before the element itself', async () => {
    const element = await fixture<HTMLElement>(html`<test-lazy-with-companion></test-lazy-with-companion>`);
    await customElements.whenDefined('test-lazy-with-companion');
    expect(element.matches(':defined')).to.equal(true);
    expect(customElements.get('test-lazy-companion')).to.not.equal(undefined);
    expect(companionDefinedFirst).to.deep.equal([true]);
  });

  it('lets the first copy on the page serve a tag, and leaves a tag defined elsewhere alone', async () => {
    let secondCopyLoads = 0;
    customElements.define('test-lazy-defined', class extends HTMLElement {});
    expect(() =>
      registerLazyElements({
        'test-lazy-once': { load: async () => (secondCopyLoads++, (await import('./lazy-fixtures.ts')).LazyOnce) },
        'test-lazy-defined': { load: async () => (secondCopyLoads++, (await import('./lazy-fixtures.ts')).LazyOnce) },
      }),
    ).to.not.throw();
    await fixture(html`<div><test-lazy-once></test-lazy-once><test-lazy-defined></test-lazy-defined></div>`);
    await customElements.whenDefined('test-lazy-once');
    expect(loads.get('test-lazy-once')).to.equal(1);
    expect(secondCopyLoads).to.equal(0);
    expect(isRegistered('test-lazy-defined')).to.equal(true);
  });

  it('defines an element once its words are at hand in the language around it, so that its first render is in that language', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es-MX"><test-lazy-words></test-lazy-words></div>`);
    await waitUntil(() => lazyWordsSpanish.asked, 'the loader asks for the element’s Spanish words');
    expect(customElements.get('test-lazy-words'), 'not defined while its words are on their way').to.equal(undefined);
    lazyWordsSpanish.answer!({ 'lazy.greeting': 'Hola' });
    await waitUntil(() => customElements.get('test-lazy-words'));
    const element = wrapper.querySelector<LazyWords>('test-lazy-words')!;
    await element.updateComplete;
    expect(text(element)).to.equal('Hola');
    expect(LazyWords.rendered, 'never English first').to.deep.equal(['Hola']);
  });

  it('asks again for a chunk that failed to arrive, when the next instance appears', async () => {
    const errors: unknown[][] = [];
    console.error = (...args: unknown[]) => errors.push(args);
    const first = await fixture<HTMLElement>(html`<test-lazy-retry></test-lazy-retry>`);
    await waitUntil(() => errors.length === 1, 'the failure was not reported');
    expect(String(errors[0]![0])).to.contain('<test-lazy-retry>');
    expect(first.matches(':defined')).to.equal(false);

    first.after(document.createElement('test-lazy-retry'));
    await customElements.whenDefined('test-lazy-retry');
    expect(loads.get('test-lazy-retry')).to.equal(2);
    expect(first.matches(':defined')).to.equal(true);
  });

  it('watches a shadow root of the page’s own when asked to, and loads an element on request', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const stop = watch(root);
    root.innerHTML = '<test-lazy-in-page-shadow label="in a shadow root"></test-lazy-in-page-shadow>';
    await customElements.whenDefined('test-lazy-in-page-shadow');
    const element = root.querySelector<LazyLabel>('test-lazy-in-page-shadow')!;
    await element.updateComplete;
    expect(text(element)).to.equal('in a shadow root:0');
    stop();

    expect(customElements.get('test-lazy-on-request')).to.equal(undefined);
    await loadElement('test-lazy-on-request');
    expect(customElements.get('test-lazy-on-request')).to.not.equal(undefined);
    let refused: unknown;
    await loadElement('test-lazy-unknown').catch((error: unknown) => (refused = error));
    expect(String(refused)).to.contain('<test-lazy-unknown> is not a Portico element');
  });
});
