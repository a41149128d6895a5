import { MessageCatalog, type ArgsOf, type TableOf } from './catalog.ts';
import type { en } from './en.ts';
import { portalMessages } from './translations.ts';

/** A `t()` that reads an element's own messages and the portal's shared ones. */
export type ElementTranslate<Own extends Record<string, string>> = <K extends keyof (Own & typeof en) & string>(
  key: K,
  ...args: ArgsOf<Own & typeof en, K>
) => string;

/** The keys, of an element's own messages and the portal's, whose messages take no parameters. */
export type ElementPlainKey<Own extends Record<string, string>> = {
  [K in keyof (Own & typeof en) & string]: ArgsOf<Own & typeof en, K> extends [] ? K : never;
}[keyof (Own & typeof en) & string];

/**
 * The messages of an element that loads on first use, kept out of the portal's shared table so
 * that a visitor downloads them only with the element: English built into the element's chunk,
 * Spanish fetched the first time a page reads Spanish (every Portico element then re-renders).
 * Returns the catalog and a `t()` that takes the element's own keys and the portal's.
 */
export function elementMessages<Own extends Record<string, string>>(
  english: Own,
  spanish: () => Promise<TableOf<Own>>,
): { messages: MessageCatalog<Own>; t: ElementTranslate<Own> } {
  const messages = new MessageCatalog(english, new Map([['es', spanish]]));
  type Loose = (key: string, ...args: unknown[]) => string;
  const t = (key: string, ...args: unknown[]): string =>
    Object.hasOwn(english, key) ? (messages.t as Loose).call(messages, key, ...args) : (portalMessages.t as Loose).call(portalMessages, key, ...args);
  return { messages, t: t as ElementTranslate<Own> };
}
