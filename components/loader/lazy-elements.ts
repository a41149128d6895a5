/**
 * Elements whose class loads on first use: every tag is claimed at once, and its class is
 * imported and defined when an instance of it first appears in the document or in the shadow
 * root of an element defined here.
 *
 * Why this way rather than elements importing their sub-elements where they render them: one
 * table in the loader knows every tag, so a tag the page writes, a tag another element renders
 * and a tag inside a slot all load the same way, and the element classes stay free of loading
 * code (the ESM modules for bundlers register them statically, as before). Each class is defined
 * once, with the real class, as soon as it arrives: the browser then upgrades the instances that
 * waited, and Lit hands over the properties set on them before the upgrade. Nothing is evaluated
 * from strings, so it works under a strict Content-Security-Policy.
 *
 * Copies of Portico on one page (two script tags, or the script tag beside a bundled copy) share
 * one registry on `globalThis`: the first copy to claim a tag serves it, a tag some copy already
 * defined is left alone, and a chunk is fetched by one copy only.
 */

/** How one element's class is loaded. */
export interface LazyElement {
  /** Imports the element's module and gives its class (a chunk of its own in the CDN bundle). */
  load: () => Promise<CustomElementConstructor>;
  /**
   * Elements it always renders (`<portal-app>` its `<portal-session>`), loaded alongside it and
   * defined before it, so that it finds them upgraded as a statically registered bundle would,
   * and their chunks arrive in parallel with its own rather than after it has rendered.
   */
  with?: readonly string[];
}

interface Registry {
  /** Each claimed tag's loader: loads its class once and defines it. */
  readonly definers: Map<string, () => Promise<void>>;
  /** The roots being watched, each with its observer. */
  readonly watched: WeakMap<Node, MutationObserver>;
}

type RegistryHolder = { [registryKey]?: Registry };

const registryKey = Symbol.for('portico.lazy-elements');

function registry(): Registry {
  const holder = globalThis as typeof globalThis & RegistryHolder;
  return (holder[registryKey] ??= { definers: new Map(), watched: new WeakMap() });
}

/** Claims each tag that no copy of Portico has claimed or defined yet. */
export function registerLazyElements(elements: Readonly<Record<string, LazyElement>>): void {
  const { definers } = registry();
  for (const [tag, element] of Object.entries(elements)) {
    if (customElements.get(tag) || definers.has(tag)) continue;
    definers.set(tag, definer(tag, element));
  }
}

/** True when `tag` is defined, or claimed by a loader that defines it on first use. */
export function isRegistered(tag: string): boolean {
  return customElements.get(tag) !== undefined || ((globalThis as typeof globalThis & RegistryHolder)[registryKey]?.definers.has(tag) ?? false);
}

/**
 * Loads and defines the element now, without waiting for an instance to appear (e.g. to call
 * its methods, or for an element in a shadow root the loader does not watch).
 */
export function loadElement(tag: string): Promise<void> {
  if (customElements.get(tag)) return Promise.resolve();
  const define = registry().definers.get(tag);
  return define ? define() : Promise.reject(new Error(`<${tag}> is not a Portico element.`));
}

/**
 * Loads each claimed element as its first instance appears under `root` (the document, or a
 * shadow root of the page's own). Returns a function that stops watching.
 */
export function watch(root: Document | DocumentFragment | Element): () => void {
  const { watched } = registry();
  if (watched.has(root)) return () => {};
  const selector = pendingSelector();
  if (!selector) return () => {};
  requestAll(root.querySelectorAll(selector));
  const observer = new MutationObserver((records) => {
    const pending = pendingSelector();
    if (!pending) {
      // Every element is defined: nothing left to look for.
      stop();
      return;
    }
    const found: Element[] = [];
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const element = node as Element;
        if (element.matches(pending)) found.push(element);
        found.push(...element.querySelectorAll(pending));
      }
    }
    requestAll(found);
  });
  const stop = () => {
    observer.disconnect();
    if (watched.get(root) === observer) watched.delete(root);
  };
  observer.observe(root, { childList: true, subtree: true });
  watched.set(root, observer);
  return stop;
}

/** The claimed tags not defined yet, as one selector (empty when there is none). */
function pendingSelector(): string {
  return [...registry().definers.keys()].filter((tag) => !customElements.get(tag)).join(',');
}

function requestAll(elements: Iterable<Element>): void {
  const tags = new Set<string>();
  for (const element of elements) tags.add(element.localName);
  // A failure is reported once, where the load failed.
  for (const tag of tags) loadElement(tag).catch(() => {});
}

function definer(tag: string, element: LazyElement): () => Promise<void> {
  let defining: Promise<void> | undefined;
  return () =>
    (defining ??= Promise.all([element.load(), ...(element.with ?? []).map(loadElement)]).then(
      async ([constructor]) => {
        // Its words in the page's languages first: its first render is then not in English for a moment.
        await (constructor as { wordsReady?: (tag: string) => Promise<void> }).wordsReady?.(tag);
        watchRenderRoots(constructor);
        if (!customElements.get(tag)) customElements.define(tag, constructor);
      },
      (error: unknown) => {
        console.error(`Portico could not load <${tag}>:`, error);
        // A chunk that failed to arrive (a network blip) is asked for again by the next instance.
        defining = undefined;
        throw error;
      },
    ));
}

interface ControllerHost extends HTMLElement {
  readonly renderRoot?: Node;
  addController(controller: { hostConnected(): void; hostDisconnected(): void }): void;
}

/**
 * Elements render other elements into their shadow roots, where no observer of the document
 * sees them: each instance of a class defined here watches its own render root while connected
 * (through Lit's `addInitializer`, which runs for every instance, upgraded ones included).
 */
function watchRenderRoots(constructor: CustomElementConstructor): void {
  const lit = constructor as CustomElementConstructor & { addInitializer?: (initializer: (element: ControllerHost) => void) => void };
  lit.addInitializer?.((element) => {
    let stop: (() => void) | undefined;
    element.addController({
      hostConnected() {
        const root = element.renderRoot;
        if (root && root !== element) stop = watch(root as DocumentFragment);
      },
      hostDisconnected() {
        stop?.();
        stop = undefined;
      },
    });
  });
}
