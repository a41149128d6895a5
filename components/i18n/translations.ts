import { en } from './en.ts';
import { languagesChanged } from './language.ts';

/** Every message key; English defines them. */
export type MessageKey = keyof typeof en;

/** A complete table for one language: exactly the English keys, any wording. */
export type Messages = { readonly [K in MessageKey]: string };

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The parameters a message names, e.g. `{ name: string }` for `'Signed in as {name}'`. */
export type MessageParams<K extends MessageKey> = { [P in Placeholders<(typeof en)[K]>]: string | number };

/** `t()`'s rest parameter: nothing for a message without placeholders, its parameters otherwise. */
export type MessageArgs<K extends MessageKey> = [Placeholders<(typeof en)[K]>] extends [never] ? [] : [params: MessageParams<K>];

const tables: Record<string, Messages> = { en };

/**
 * The tables at hand, by lower-case language tag: English always, every other language once a
 * page has asked for it and its module has arrived (see `loadMessages`).
 */
export const translations: Readonly<Record<string, Messages>> = tables;

/**
 * The languages that are not built in, by lower-case tag. Each is its own module, fetched the
 * first time a page asks for it, so that a visitor downloads only English and the language they
 * read. A language joins by adding a file typed `Messages` (`export const es: Messages = { … }`)
 * and a line here; the compiler then rejects a missing or unknown key. Not part of the public
 * API: exported so that a test can stand in a module that fails to arrive.
 */
export const languageLoaders = new Map<string, () => Promise<Messages>>([['es', async () => (await import('./es.ts')).es]]);

const loads = new Map<string, Promise<boolean>>();

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The table name a BCP 47 tag resolves to: exact match, then the base language; undefined when none exists. */
function tableName(language: string): string | undefined {
  const tag = language.toLowerCase();
  const base = tag.split('-')[0] ?? '';
  for (const name of [tag, base]) {
    if (own(tables, name) || languageLoaders.has(name)) return name;
  }
  return undefined;
}

/**
 * Fetches the table for `language` if it is not at hand yet, then re-renders every Portico
 * element so that it shows the language. Resolves to true once the table is at hand, false for
 * a language Portico has no table for or one whose module could not be fetched (the page then
 * stays in English, without retrying on every render). A page can call it ahead of time to show
 * its first render in that language.
 */
export function loadMessages(language: string): Promise<boolean> {
  const name = tableName(language);
  if (name === undefined) return Promise.resolve(false);
  if (own(tables, name)) return Promise.resolve(true);
  let load = loads.get(name);
  if (!load) {
    const loader = languageLoaders.get(name)!;
    load = Promise.resolve()
      .then(loader)
      .then(
        (table) => {
          tables[name] = table;
          languagesChanged();
          return true;
        },
        // A missing chunk (offline, a deploy that removed it) is not worth an error: English stays.
        () => false,
      );
    loads.set(name, load);
  }
  return load;
}

/**
 * The table for a BCP 47 language tag: exact match, then the base language, then English.
 * A language not at hand yet is English for now; its load starts here.
 */
export function messagesFor(language: string): Messages {
  const name = tableName(language);
  if (name === undefined) return en;
  const table = own(tables, name);
  if (table) return table;
  void loadMessages(name);
  return en;
}

/** The keys of messages without placeholders. */
export type PlainMessageKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];
