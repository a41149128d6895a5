import { isSectionName, type PortalSectionName } from './sections.ts';

/**
 * Where `<portal-app>` keeps its place in the address: in the fragment (`#portal/invoices/inv_1`),
 * in one query parameter (`?portal=invoices/inv_1`), or nowhere.
 */
export type PortalRouting = 'hash' | 'query' | 'none';

/** A place in the portal: a section and, for sections with items, the item open in it. */
export interface PortalRoute {
  section: PortalSectionName;
  /** An invoice or thread id; `''` for the section's own view. */
  itemId: string;
}

const itemIdPattern = /^[A-Za-z0-9_-]{1,128}$/;
const keyPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** True for an id that can stand in an address: letters, digits, `_` and `-`, at most 128. */
export function isItemId(text: string): boolean {
  return itemIdPattern.test(text);
}

/**
 * `<name>/<itemId>` → `{ name, itemId }` when `isName` accepts the name and the id is valid (or
 * absent); anything else → undefined. The portal's sections and the console's screens both use it.
 */
export function parsePlace<Name extends string>(text: string, isName: (name: string) => name is Name): { name: Name; itemId: string } | undefined {
  const [name = '', itemId = '', ...rest] = text.split('/');
  if (rest.length || !isName(name)) return undefined;
  if (itemId && !isItemId(itemId)) return undefined;
  return { name, itemId };
}

/** `invoices/inv_1` → `{ section: 'invoices', itemId: 'inv_1' }`; anything else → undefined. */
export function parseRoute(text: string): PortalRoute | undefined {
  const place = parsePlace(text, isSectionName);
  return place && { section: place.name, itemId: place.itemId };
}

export function formatRoute(route: PortalRoute): string {
  return route.itemId ? `${route.section}/${route.itemId}` : route.section;
}

export function sameRoute(a: PortalRoute | undefined, b: PortalRoute | undefined): boolean {
  return a?.section === b?.section && (a?.itemId ?? '') === (b?.itemId ?? '');
}

/** The route key, when it can name a fragment prefix and a query parameter; else `portal`. */
export function validKey(key: string): string {
  return keyPattern.test(key) ? key : 'portal';
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The query's `name=value` pairs as written, so that the others are kept byte for byte. */
function queryPairs(search: string): string[] {
  return search.replace(/^\?/, '').split('&').filter(Boolean);
}

function pairName(pair: string): string {
  return decode(pair.split('=', 1)[0]!.replace(/\+/g, ' '));
}

function pairValue(pair: string): string {
  const at = pair.indexOf('=');
  return at < 0 ? '' : decode(pair.slice(at + 1).replace(/\+/g, ' '));
}

/**
 * The portal's place in `url`, or undefined when the address holds none: in `hash` mode only a
 * fragment that starts with `<key>/` counts (the page's own anchors, `#contact`, are not the portal's).
 */
export function readRoute(url: URL, routing: PortalRouting, key: string): PortalRoute | undefined {
  const text = readRouteText(url, routing, key);
  return text === undefined ? undefined : parseRoute(text);
}

/** The text of the place kept under `key` in `url` (`invoices/inv_1`), unparsed; undefined when there is none. */
export function readRouteText(url: URL, routing: PortalRouting, key: string): string | undefined {
  if (routing === 'hash') {
    const fragment = decode(url.hash.replace(/^#/, ''));
    return fragment.startsWith(`${key}/`) ? fragment.slice(key.length + 1) : undefined;
  }
  if (routing === 'query') {
    const pair = queryPairs(url.search).find((candidate) => pairName(candidate) === key);
    return pair === undefined ? undefined : pairValue(pair);
  }
  return undefined;
}

/**
 * `url` with the portal's place written into it. The other query parameters, and in `query`
 * mode the fragment, are kept as they are.
 */
export function writeRoute(url: URL, routing: PortalRouting, key: string, route: PortalRoute): URL {
  return writeRouteParts(url, routing, key, [route.section, route.itemId]);
}

/** `url` with the place `parts` (e.g. `['inbox', 'thr_1']`, empty parts left out) written under `key`. */
export function writeRouteParts(url: URL, routing: PortalRouting, key: string, parts: readonly string[]): URL {
  const next = new URL(url);
  const value = parts.filter(Boolean).map(encodeURIComponent).join('/');
  if (routing === 'hash') {
    next.hash = `${key}/${value}`;
  } else if (routing === 'query') {
    const pairs = queryPairs(next.search);
    const own = `${encodeURIComponent(key)}=${value}`;
    const at = pairs.findIndex((pair) => pairName(pair) === key);
    if (at < 0) pairs.push(own);
    else pairs.splice(at, 1, own);
    next.search = pairs.join('&');
  }
  return next;
}

/** The value of query parameter `name` in `url`, if present and not empty. */
export function queryValue(url: URL, name: string): string | undefined {
  if (!name) return undefined;
  const pair = queryPairs(url.search).find((candidate) => pairName(candidate) === name);
  const value = pair === undefined ? '' : pairValue(pair);
  return value || undefined;
}

/** `url` without query parameter `name`, the rest kept as written. */
export function withoutQueryValue(url: URL, name: string): URL {
  const next = new URL(url);
  next.search = queryPairs(next.search)
    .filter((pair) => pairName(pair) !== name)
    .join('&');
  return next;
}
