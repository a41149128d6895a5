import { en } from './en.ts';
import { MessageCatalog, loadEveryCatalog, type ArgsOf, type ParamsOf } from './catalog.ts';

/** Every message key; English defines them. */
export type MessageKey = keyof typeof en;

/** A complete table for one language: exactly the English keys, any wording. */
export type Messages = { readonly [K in MessageKey]: string };

/** The parameters a message names, e.g. `{ name: string }` for `'Signed in as {name}'`. */
export type MessageParams<K extends MessageKey> = ParamsOf<typeof en, K>;

/** `t()`'s rest parameter: nothing for a message without placeholders, its parameters otherwise. */
export type MessageArgs<K extends MessageKey> = ArgsOf<typeof en, K>;

/**
 * The languages that are not built in, by lower-case tag. Each is its own module, fetched the
 * first time a page asks for it, so that a visitor downloads only English and the language they
 * read. A language joins by adding a file typed `Messages` (`export const es: Messages = { … }`)
 * and a line here; the compiler then rejects a missing or unknown key. Not part of the public
 * API: exported so that a test can stand in a module that fails to arrive.
 */
export const languageLoaders = new Map<string, () => Promise<Messages>>([['es', async () => (await import('./es.ts')).es]]);

/** The client portal's messages. */
export const portalMessages = new MessageCatalog(en, languageLoaders);

/**
 * The tables at hand, by lower-case language tag: English always, every other language once a
 * page has asked for it and its module has arrived (see `loadMessages`).
 */
export const translations: Readonly<Record<string, Messages>> = portalMessages.tables;

/**
 * Fetches the tables for `language` that are not at hand yet (the portal's words and those of
 * every element loaded so far; an element loaded later fetches its own before it shows), then
 * re-renders every Portico element so that it shows the language. Resolves to true once they are
 * at hand, false for a language Portico has no table for or one whose module could not be
 * fetched (the page then stays in English, without retrying on every render). A page can call
 * it ahead of time to show its first render in that language.
 */
export function loadMessages(language: string): Promise<boolean> {
  return loadEveryCatalog(language);
}

/**
 * The table for a BCP 47 language tag: exact match, then the base language, then English.
 * A language not at hand yet is English for now; its load starts here.
 */
export function messagesFor(language: string): Messages {
  return portalMessages.messagesFor(language);
}

/** The keys of messages without placeholders. */
export type PlainMessageKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];
