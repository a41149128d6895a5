import { createHash, randomBytes } from 'node:crypto';

/** A new opaque id with a type prefix, e.g. `con_3kq…`: 96 random bits, URL-safe. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** A secret token for links and cookies: 256 random bits, URL-safe. Only its hash is stored. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** How secrets are kept at rest: a SHA-256 hex digest (the secrets are random, so no salt is needed). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}
