import { languages, type Language } from './catalog.ts';

/** The language a document or email is written in, and the locale its money and dates are formatted in. */
export interface ReaderLocale {
  language: Language;
  /** A BCP 47 tag for `Intl`, e.g. `es-US`: the language in the firm's region. */
  locale: string;
  /** The page size the firm's region uses. */
  pageSize: 'LETTER' | 'A4';
}

/**
 * The region a firm's clients expect amounts in, from the firm's currency: a US firm's Spanish
 * speaking clients read "$9,473.70" (es-US), not "9473,70 US$" (es-ES). Currencies shared by many
 * regions (EUR) give none, and the language's own conventions apply.
 */
const regionByCurrency: Record<string, string> = { USD: 'US', CAD: 'CA', MXN: 'MX', GBP: 'GB', AUD: 'AU', NZD: 'NZ', CHF: 'CH' };
const letterRegions = new Set(['US', 'CA', 'MX']);

/** The language a tag (`es`, `es-MX`, `EN-gb`) names, when it is one the service writes in. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split('-')[0] ?? '';
  return languages.find((language) => language === primary);
}

/** The languages an `Accept-Language` header asks for, most wanted first. */
function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/** `language` in `region` as a canonical tag for `Intl`, or the language alone when there is no region. */
function localeTag(language: Language, region: string | undefined): string {
  try {
    return Intl.getCanonicalLocales(region ? `${language}-${region}` : language)[0] ?? language;
  } catch {
    return language;
  }
}

/** A reader of `language` at a firm billing in `currency`: the region comes from the currency. */
export function readerLocale(language: Language, currency: string): ReaderLocale {
  const region = regionByCurrency[currency];
  return { language, locale: localeTag(language, region), pageSize: region !== undefined && letterRegions.has(region) ? 'LETTER' : 'A4' };
}

/**
 * A document's language: the one the portal asks for (`?lang=`, the page's language), else the
 * first the browser accepts that documents are written in, else English. Its region comes from
 * the tag when it names one (`es-MX`), else from the firm's currency.
 */
export function documentLocale(requested: string | undefined, acceptLanguage: string | undefined, currency: string): ReaderLocale {
  const tag = [requested, ...acceptedLanguages(acceptLanguage)].find((candidate) => languageOf(candidate));
  const language = languageOf(tag) ?? 'en';
  const tagRegion = tag ? /^[a-z]{2,3}-([a-z]{2})\b/i.exec(tag)?.[1]?.toUpperCase() : undefined;
  const region = tagRegion ?? regionByCurrency[currency];
  return { language, locale: localeTag(language, region), pageSize: region !== undefined && letterRegions.has(region) ? 'LETTER' : 'A4' };
}
