// Which language a page reads and which region's conventions it formats money, dates and numbers
// by are two choices:
// - the language is the nearest `lang` attribute (looking out through shadow roots), else the
//   page's `<html lang>`, else the browser's: it picks the messages (`es`, `es-MX` and `es-US` all
//   read Spanish);
// - the region is the one that `lang` names (`lang="es-MX"`, `lang="en-GB"`: the page's choice
//   wins), else the firm's, which `<portal-session>` gives from the currency it bills in (USD: the
//   United States), else, for an amount of money, its own currency's country.
// So a US firm's page with `lang="es"` formats "$9,473.70" and "31 mar 2026" (es-US), not
// "9473,70 US$" (Spain); a page that wants Mexico's conventions says `lang="es-MX"`.
let renderingLanguage: string | undefined;
let renderingRegion: string | undefined;

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

/** The region formatting follows right now when the language names none: the rendering element's firm's, if known. */
export function currentRegion(): string | undefined {
  return renderingRegion;
}

/** The locale money, dates and numbers are formatted in right now: the current language, in the current region. */
export function currentLocale(): string {
  return localeFor(currentLanguage(), renderingRegion);
}

/**
 * Runs `render` with `language` as the current language (and `region`, an ISO 3166 code such as
 * "US", as the firm's region), so that `t()` and the formatters called while an element renders
 * follow that element's `lang` and firm rather than the page's.
 */
export function withLanguage<T>(language: string, render: () => T, region?: string): T {
  const previous = [renderingLanguage, renderingRegion] as const;
  renderingLanguage = language;
  renderingRegion = region;
  try {
    return render();
  } finally {
    [renderingLanguage, renderingRegion] = previous;
  }
}

/**
 * The locale for reading `language` in `region`: `localeFor('es', 'US')` is "es-US". A language
 * that names its own region keeps it (`localeFor('es-MX', 'US')` is "es-MX"): the page's choice
 * wins over the firm's. A tag `Intl` does not accept reads as English.
 */
export function localeFor(language: string, region: string | undefined): string {
  const locale = validLocale(language);
  if (!region) return locale;
  try {
    return new Intl.Locale(locale).region ? locale : new Intl.Locale(locale, { region }).toString();
  } catch {
    return locale;
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
