let renderingLanguage: string | undefined;

/** The page's language: `<html lang>`, else the browser's, else English. */
export function documentLanguage(): string {
  if (typeof document !== 'undefined' && document.documentElement.lang) return document.documentElement.lang;
  if (typeof navigator !== 'undefined' && navigator.language) return navigator.language;
  return 'en';
}

/** The language of a node: its nearest `lang` attribute, looking through shadow roots to their hosts. */
export function languageOf(node: Node): string {
  let current: Node | null = node;
  while (current) {
    if (current instanceof Element) {
      const withLang = current.closest('[lang]');
      const lang = withLang?.getAttribute('lang');
      if (lang) return lang;
    }
    const root: Node = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return documentLanguage();
}

/** The language `t()` and the formatters use right now: the rendering element's, else the page's. */
export function currentLanguage(): string {
  return renderingLanguage ?? documentLanguage();
}

/**
 * Runs `render` with `language` as the current language, so that `t()` calls made while an
 * element renders follow that element's `lang` rather than the page's.
 */
export function withLanguage<T>(language: string, render: () => T): T {
  const previous = renderingLanguage;
  renderingLanguage = language;
  try {
    return render();
  } finally {
    renderingLanguage = previous;
  }
}

interface LanguageAware {
  requestUpdate(): void;
}

const watchers = new Set<LanguageAware>();
let observer: MutationObserver | undefined;

/** Re-renders `element` whenever a `lang` attribute changes anywhere in the document. */
export function watchLanguage(element: LanguageAware): void {
  watchers.add(element);
  if (!observer && typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
    observer = new MutationObserver(() => {
      for (const watcher of watchers) watcher.requestUpdate();
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
}

/** Re-renders every watching element: a language's table has just arrived. */
export function languagesChanged(): void {
  for (const watcher of watchers) watcher.requestUpdate();
}

export function unwatchLanguage(element: LanguageAware): void {
  watchers.delete(element);
  if (watchers.size === 0) {
    observer?.disconnect();
    observer = undefined;
  }
}

/** `tag` if `Intl` accepts it as a locale, else English (a page's `lang` can hold anything). */
export function validLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
