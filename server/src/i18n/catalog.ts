/**
 * The service's own words, for everything it writes to a client: the invoice and receipt PDFs and
 * the emails. One table per language (`en.ts`, `es.ts`); the Spanish one must have every key. The
 * wording follows the portal's own (components/i18n), so a client reads the same terms on screen,
 * on paper and in their inbox.
 */
import { en } from './en.ts';
import { es } from './es.ts';

/** The languages the service writes in. */
export type Language = 'en' | 'es';
export const languages: readonly Language[] = ['en', 'es'];

export type StringKey = keyof typeof en;

const tables: Record<Language, Record<StringKey, string>> = { en, es };

/** A translator for one language: `t('invoice.voided', { date })`. A `{name}` with no value is left as written. */
export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const table = tables[language];
  return (key, values = {}) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Whether `key` is one of the table's keys (for statuses this version may not know). */
export function isStringKey(key: string): key is StringKey {
  return Object.hasOwn(en, key);
}

/** Every key with its text in each language: for tests that look for words left untranslated. */
export function catalogEntries(): Array<{ key: StringKey; en: string; es: string }> {
  return (Object.keys(en) as StringKey[]).map((key) => ({ key, en: en[key], es: es[key] }));
}
