import { en } from './en.ts';
import { es } from './es.ts';

/** Every message key; English defines them. */
export type MessageKey = keyof typeof en;

/** A complete table for one language: exactly the English keys, any wording. */
export type Messages = { readonly [K in MessageKey]: string };

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters a message names, e.g. `{ name: string }` for `'Signed in as {name}'`. */
export type MessageParams<K extends MessageKey> = { [P in Placeholders<(typeof en)[K]>]: string | number };

/** `t()`'s rest parameter: nothing for a message without placeholders, its parameters otherwise. */
export type MessageArgs<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [] : [params: MessageParams<K>];

/**
 * The translation table. A language joins by adding a file typed `Messages`
 * (`export const es: Messages = { … }`) and an entry here; the compiler then rejects a
 * missing or unknown key.
 */
export const translations: Readonly<Record<string, Messages>> = { en, es };

/** The table for a BCP 47 language tag: exact match, then the base language, then English. */
export function messagesFor(language: string): Messages {
  const tag = language.toLowerCase();
  return translations[tag] ?? translations[tag.split('-')[0] ?? ''] ?? en;
}

/** The keys of messages without placeholders. */
export type PlainMessageKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];
