import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a firm's webhooks may be sent. In production only `https` URLs whose host resolves to
 * public addresses, so that a webhook can never reach into the service's own network (SSRF); the
 * address is checked again when each delivery connects (see `publicOnlyLookup`), so a name that
 * later resolves elsewhere is refused too. In development `http://localhost` (and loopback) works.
 */
export interface WebhookAddressPolicy {
  production: boolean;
}

/** True for an address anyone on the internet could reach: not private, loopback, link-local, … */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return ipaddr.isValid(host) && ipaddr.parse(host).range() === 'loopback';
}

/** Why a URL may not receive webhooks, or null when it may. Does not resolve the name. */
export function urlProblem(raw: string, policy: WebhookAddressPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be a URL, like https://practice.example.com/portico/webhooks';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.protocol === 'https:') {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (policy.production && ipaddr.isValid(host) && !isPublicAddress(host)) return 'must be a public address';
    if (policy.production && isLoopbackHost(url.hostname)) return 'must be a public address';
    return null;
  }
  if (url.protocol === 'http:' && !policy.production && isLoopbackHost(url.hostname)) return null;
  return policy.production ? 'must be an https URL' : 'must be an https URL (http is allowed for localhost in development)';
}

type Resolve = (hostname: string) => Promise<string[]>;

const resolveAll: Resolve = async (hostname) => (await dns.promises.lookup(hostname, { all: true })).map((entry) => entry.address);

/** Resolves a URL's host and checks every address it gives is public (production only). */
export async function resolvesPublicly(raw: string, policy: WebhookAddressPolicy, resolve: Resolve = resolveAll): Promise<string | null> {
  if (!policy.production) return null;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) return isPublicAddress(host) ? null : 'must be a public address';
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return `could not be resolved (${host})`;
  }
  return addresses.length && addresses.every(isPublicAddress) ? null : 'must resolve to public addresses only';
}

/** A `lookup` for http.request that refuses to connect to anything but public addresses. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 4);
    const list = addresses as dns.LookupAddress[];
    const refused = list.find((entry) => !isPublicAddress(entry.address));
    if (refused || !list.length) {
      const problem = Object.assign(new Error(`${hostname} resolves to ${refused?.address ?? 'nothing'}, which is not a public address`), {
        code: 'EADDRNOTPUBLIC',
      });
      return callback(problem, '', 4);
    }
    if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};
