/** The service's words in each language it writes in, and the locale a reader's money and dates are formatted in. */
export { catalogEntries, isStringKey, languages, translator, type Language, type StringKey, type Translate } from './catalog.ts';
export { documentLocale, languageOf, readerLocale, type ReaderLocale } from './locale.ts';
