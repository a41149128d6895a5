import http from 'node:http';
import https from 'node:https';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { isExternalId } from '../external-id.ts';
import type { IdentitySettings } from '../firms/index.ts';
import { publicOnlyLookup, type WebhookAddressPolicy } from '../webhooks/index.ts';

/** The only algorithms an assertion may be signed with. */
export const assertionAlgorithms = ['ES256', 'RS256'];
/** How far the firm's clock may be from ours. */
export const assertionSkewSeconds = 30;
/** An assertion may live at most this long from now: it is a hand-over, not a session. */
export const assertionMaxLifetimeSeconds = 300;
/** How long fetching a firm's key set may take. */
export const jwksTimeoutMs = 5_000;
/** A key set larger than this is refused (a firm publishes a handful of keys). */
const maxJwksBytes = 64 * 1024;
/** An assertion longer than this is not one. */
const maxAssertionLength = 16 * 1024;

/** What a good assertion says: who the client is on the firm's side. */
export interface VerifiedAssertion {
  /** `sub`: the firm's own id for the client (becomes the contact's externalId). */
  subject: string;
  email: string;
  name: string | null;
  jti: string;
  expiresAt: Date;
}

/**
 * Why an assertion was refused, for the audit log only: the client is told the same thing
 * whatever it is.
 */
export class AssertionRejected extends Error {
  constructor(readonly reason: string) {
    super(`assertion rejected: ${reason}`);
    this.name = 'AssertionRejected';
  }
}

const email = z.email().max(254);

/**
 * Verifies the sign-in assertions firms' backends sign: the signature with the firm's keys
 * (listed in its settings, or fetched from its JWKS URL and cached), the algorithm, issuer,
 * audience and lifetime, and the claims the portal needs. Keeps no state but the key caches;
 * single use is the caller's (the jti is recorded with the sign-in).
 */
export class AssertionVerifier {
  #remote = new Map<string, JWTVerifyGetKey>();
  #local = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly deps: { clock: Clock; policy: WebhookAddressPolicy }) {}

  /** The assertion's claims, or throws AssertionRejected. */
  async verify(identity: IdentitySettings, assertion: string): Promise<VerifiedAssertion> {
    if (assertion.length > maxAssertionLength) throw new AssertionRejected('too_long');
    const now = this.deps.clock();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    let payload;
    try {
      ({ payload } = await jwtVerify(assertion, this.#keys(identity), {
        algorithms: assertionAlgorithms,
        issuer: identity.issuer,
        audience: identity.audience,
        currentDate: now,
        clockTolerance: assertionSkewSeconds,
        requiredClaims: ['exp', 'jti', 'sub', 'email'],
      }));
    } catch (error) {
      throw new AssertionRejected(reasonOf(error));
    }
    const { exp, iat, jti, sub, name } = payload;
    if (exp! > nowSeconds + assertionMaxLifetimeSeconds + assertionSkewSeconds) throw new AssertionRejected('exp_too_far');
    if (iat !== undefined && iat > nowSeconds + assertionSkewSeconds) throw new AssertionRejected('iat_in_future');
    if (typeof jti !== 'string' || jti.length < 1 || jti.length > 200) throw new AssertionRejected('jti_invalid');
    if (!isExternalId(sub)) throw new AssertionRejected('sub_invalid');
    const parsedEmail = email.safeParse(payload.email);
    if (!parsedEmail.success) throw new AssertionRejected('email_invalid');
    if (name !== undefined && (typeof name !== 'string' || name.trim().length > 200)) throw new AssertionRejected('name_invalid');
    return {
      subject: sub,
      email: parsedEmail.data.toLowerCase(),
      name: typeof name === 'string' && name.trim() ? name.trim() : null,
      jti,
      expiresAt: new Date((exp! + assertionSkewSeconds) * 1000),
    };
  }

  #keys(identity: IdentitySettings): JWTVerifyGetKey {
    if (identity.jwksUrl) return this.#remoteKeys(identity.jwksUrl);
    const cacheKey = JSON.stringify(identity.publicKeys ?? []);
    let keys = this.#local.get(cacheKey);
    if (!keys) {
      keys = createLocalJWKSet({ keys: identity.publicKeys ?? [] });
      remember(this.#local, cacheKey, keys);
    }
    return keys;
  }

  /** One cached key set per URL: fetched when first needed, again after ten minutes or on an unknown `kid`. */
  #remoteKeys(url: string): JWTVerifyGetKey {
    let keys = this.#remote.get(url);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(url), {
        timeoutDuration: jwksTimeoutMs,
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
        [customFetch]: fetchKeySet(this.deps.policy),
      });
      remember(this.#remote, url, keys);
    }
    return keys;
  }
}

/** Keeps a cache to a bounded size: the oldest entry goes first. */
function remember<V>(cache: Map<string, V>, key: string, value: V) {
  if (cache.size >= 200) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) return `${error.code}:${error.claim}`;
  if (error instanceof errors.JOSEError) return error.code;
  return 'malformed';
}

/**
 * GETs a firm's key set. In production only https to public addresses, checked as the socket
 * connects (as webhooks are), so a key set URL can never reach into the service's own network;
 * redirects are not followed and the body is capped.
 */
function fetchKeySet(policy: WebhookAddressPolicy) {
  return (url: string, options: { headers: Headers; signal: AbortSignal }): Promise<Response> => {
    const target = new URL(url);
    if (policy.production && target.protocol !== 'https:') return Promise.reject(new Error('the key set URL must be https'));
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(
        target,
        {
          method: 'GET',
          headers: Object.fromEntries(options.headers),
          signal: options.signal,
          ...(policy.production ? { lookup: publicOnlyLookup } : {}),
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status !== 200) {
            response.resume();
            resolve(new Response(null, { status: status >= 200 && status <= 599 ? status : 502 }));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxJwksBytes) request.destroy(new Error(`the key set is larger than ${maxJwksBytes} bytes`));
            else chunks.push(chunk);
          });
          response.on('end', () => resolve(new Response(Buffer.concat(chunks), { status })));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end();
    });
  };
}
