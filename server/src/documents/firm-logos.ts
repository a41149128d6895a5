import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { publicOnlyLookup, urlProblem, type WebhookAddressPolicy } from '../webhooks/index.ts';

/** A logo as a PDF can embed it: PNG or JPEG bytes (an SVG or anything else is left out). */
export type LogoImage = Buffer;

/** Fetches a logo's bytes, at most `maxBytes`; undefined when it cannot. Tests stand in for it. */
export type FetchLogo = (url: string, limits: { timeoutMs: number; maxBytes: number }) => Promise<Buffer | undefined>;

export interface FirmLogosOptions {
  /** Where a logo may be fetched from: the webhooks' rule (public https in production). */
  policy: WebhookAddressPolicy;
  clock: Clock;
  logger?: Logger;
  fetch?: FetchLogo;
  /** How long a fetched logo (or a failure to fetch it) is kept, so documents do not wait on the firm's site each time. */
  ttlMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether the bytes are a PNG or a JPEG, by their content (never by a name or a header). */
export function isRasterLogo(bytes: Buffer): boolean {
  const png = bytes.subarray(0, 8).equals(pngSignature);
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

/** At most this many logos are kept; the oldest goes first. */
const maxEntries = 200;

/**
 * The firms' logos for their documents. A logo is the firm's `branding.logoUrl`, read from the
 * firm's own site (a `data:` URL is read as it is): fetched once, kept for a while, only from
 * where webhooks may go (no private addresses in production), within a time and size limit, and
 * used only when its content is PNG or JPEG. Anything else, or a failure, gives no logo: the
 * document shows the firm's name instead.
 */
export class FirmLogos {
  readonly #options: Required<Omit<FirmLogosOptions, 'logger'>> & Pick<FirmLogosOptions, 'logger'>;
  readonly #kept = new Map<string, { image: LogoImage | undefined; until: number }>();
  readonly #fetching = new Map<string, Promise<LogoImage | undefined>>();

  constructor(options: FirmLogosOptions) {
    this.#options = {
      ttlMs: 10 * 60_000,
      timeoutMs: 3_000,
      maxBytes: 1024 * 1024,
      fetch: options.policy.production ? fetchPublicOnly : fetchAnywhere,
      ...options,
    };
  }

  async get(logoUrl: string | undefined | null): Promise<LogoImage | undefined> {
    if (!logoUrl) return undefined;
    if (logoUrl.startsWith('data:')) return fromDataUrl(logoUrl, this.#options.maxBytes);
    const now = this.#options.clock().getTime();
    const kept = this.#kept.get(logoUrl);
    if (kept && kept.until > now) return kept.image;
    let fetching = this.#fetching.get(logoUrl);
    if (!fetching) {
      fetching = this.#load(logoUrl).finally(() => this.#fetching.delete(logoUrl));
      this.#fetching.set(logoUrl, fetching);
    }
    return fetching;
  }

  async #load(url: string): Promise<LogoImage | undefined> {
    const { policy, timeoutMs, maxBytes, clock, ttlMs } = this.#options;
    let image: LogoImage | undefined;
    const problem = urlProblem(url, policy);
    if (problem) {
      this.#options.logger?.warn('firm logo not used', { url, reason: problem });
    } else {
      try {
        const bytes = await this.#options.fetch(url, { timeoutMs, maxBytes });
        image = bytes && isRasterLogo(bytes) ? bytes : undefined;
      } catch (error) {
        this.#options.logger?.warn('firm logo could not be fetched', { url, error: error instanceof Error ? error.message : String(error) });
      }
    }
    this.#kept.delete(url);
    if (this.#kept.size >= maxEntries) this.#kept.delete(this.#kept.keys().next().value!);
    this.#kept.set(url, { image, until: clock().getTime() + ttlMs });
    return image;
  }
}

function fromDataUrl(url: string, maxBytes: number): LogoImage | undefined {
  const match = /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/.exec(url);
  if (!match) return undefined;
  const bytes = Buffer.from(match[1]!, 'base64');
  return bytes.length <= maxBytes && isRasterLogo(bytes) ? bytes : undefined;
}

const fetchPublicOnly: FetchLogo = (url, limits) => get(url, limits, true);
const fetchAnywhere: FetchLogo = (url, limits) => get(url, limits, false);

/** One GET, no redirects followed: a logo is a plain image at its address. */
function get(url: string, limits: { timeoutMs: number; maxBytes: number }, publicOnly: boolean): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(
      url,
      { timeout: limits.timeoutMs, headers: { accept: 'image/png, image/jpeg' }, ...(publicOnly ? { lookup: publicOnlyLookup } : {}) },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return resolve(undefined);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            request.destroy();
            return resolve(undefined);
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${limits.timeoutMs} ms`)));
    request.on('error', reject);
  });
}
