import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { passwordHashCost } from '../config.ts';

/**
 * Passwords are hashed with scrypt and stored with their parameters, so the cost can be raised
 * later without breaking existing hashes: `scrypt$N$r$p$salt$hash` (base64url). The cost of new
 * hashes is PASSWORD_HASH_COST's (read here, where hashes are made, and checked with the rest of
 * the configuration at start).
 */
const params = passwordHashCost(process.env) === 'low' ? { N: 2 ** 10, r: 8, p: 1 } : { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash to check against when there is no account, so unknown emails take as long as known ones. */
export const decoyHash = hashPassword(randomBytes(16).toString('hex'));

export const passwordRules = { min: 10, max: 200 } as const;
