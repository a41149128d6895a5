import { currentLanguage, languagesChanged } from './language.ts';

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** A table in another language: exactly the reference table's keys, any wording. */
export type TableOf<English extends Record<string, string>> = { readonly [K in keyof English]: string };

/** The parameters the message `K` names, e.g. `{ name: string }` for `'Signed in as {name}'`. */
export type ParamsOf<English extends Record<string, string>, K extends keyof English> = { [P in Placeholders<English[K]>]: string | number };

/** A `t()`'s rest parameter: nothing for a message without placeholders, its parameters otherwise. */
export type ArgsOf<English extends Record<string, string>, K extends keyof English> = [Placeholders<English[K]>] extends [never]
  ? []
  : [params: ParamsOf<English, K>];

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

// Every catalog this copy of Portico has evaluated (the portal's words and those of each element
// loaded so far), and each language other than English that any of them was asked for.
const catalogs = new Set<{ load(language: string): Promise<boolean> }>();
const languagesAsked = new Set<string>();

/**
 * Fetches the table for `language` of every catalog evaluated so far. Resolves to true once they
 * are all at hand, false when a catalog has none for that language or its module did not arrive.
 */
export async function loadEveryCatalog(language: string): Promise<boolean> {
  const loaded = await Promise.all([...catalogs].map((catalog) => catalog.load(language)));
  return loaded.every(Boolean);
}

/**
 * Fetches every catalog's tables for `languages` and for each language asked for so far, so that
 * words loaded afterwards (an element's chunk, a flow of the login) show their first render in
 * the language of the page rather than in English while their table is on its way.
 */
export async function loadLanguagesInUse(languages: Iterable<string>): Promise<void> {
  await Promise.all([...new Set([...languages, ...languagesAsked])].map(loadEveryCatalog));
}

/**
 * A module imported on demand (a flow, a part of an element), given once its words are at hand in
 * `language` and the languages in use: what it renders first is then in the reader's language.
 */
export async function withWords<T>(module: Promise<T>, language: string): Promise<T> {
  const loaded = await module;
  await loadLanguagesInUse([language]);
  return loaded;
}

/**
 * One set of translated messages: English built in, other languages each a module fetched the
 * first time a page asks for it. The client portal has one catalog and the firm's console
 * another, so that a client never downloads the console's words.
 */
export class MessageCatalog<English extends Record<string, string>> {
  readonly #tables: Record<string, TableOf<English>>;
  readonly #english: English;
  readonly #loaders: Map<string, () => Promise<TableOf<English>>>;
  readonly #loads = new Map<string, Promise<boolean>>();

  constructor(english: English, loaders: Map<string, () => Promise<TableOf<English>>>) {
    this.#english = english;
    this.#tables = { en: english };
    this.#loaders = loaders;
    catalogs.add(this);
  }

  /** The tables at hand, by lower-case language tag. */
  get tables(): Readonly<Record<string, TableOf<English>>> {
    return this.#tables;
  }

  /** The table name a BCP 47 tag resolves to: exact match, then the base language; undefined when none exists. */
  #tableName(language: string): string | undefined {
    const tag = language.toLowerCase();
    const base = tag.split('-')[0] ?? '';
    for (const name of [tag, base]) {
      if (own(this.#tables, name) || this.#loaders.has(name)) return name;
    }
    return undefined;
  }

  /**
   * Fetches the table for `language` if it is not at hand yet, then re-renders every Portico
   * element. Resolves to true once the table is at hand, false for a language with no table or
   * one whose module could not be fetched (the page then stays in English, without retrying).
   */
  load(language: string): Promise<boolean> {
    const name = this.#tableName(language);
    if (name === undefined) return Promise.resolve(false);
    if (name !== 'en') languagesAsked.add(name);
    if (own(this.#tables, name)) return Promise.resolve(true);
    let load = this.#loads.get(name);
    if (!load) {
      const loader = this.#loaders.get(name)!;
      load = Promise.resolve()
        .then(loader)
        .then(
          (table) => {
            this.#tables[name] = table;
            languagesChanged();
            return true;
          },
          // A missing chunk (offline, a deploy that removed it) is not worth an error: English stays.
          () => false,
        );
      this.#loads.set(name, load);
    }
    return load;
  }

  /** The table for a BCP 47 tag: exact match, then the base language, then English (while another loads). */
  messagesFor(language: string): TableOf<English> {
    const name = this.#tableName(language);
    if (name === undefined) return this.#english;
    const table = own(this.#tables, name);
    if (table) return table;
    void this.load(name);
    return this.#english;
  }

  /** The message for `key` in the current language, with `{name}` placeholders filled in. */
  t<K extends keyof English & string>(key: K, ...args: ArgsOf<English, K>): string {
    const template = this.messagesFor(currentLanguage())[key];
    const params = args[0] as Record<string, string | number> | undefined;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : placeholder));
  }
}
