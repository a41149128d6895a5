import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * What every sealed value starts with: the format's version, so that a later format can sit beside
 * this one, and so that a value written in plain text before sealing began is told apart.
 */
export const sealedPrefix = 'enc:v1:';

/** SECRETS_KEY is an AES-256 key. */
export const secretsKeyBytes = 32;

const ivBytes = 12;
const tagBytes = 16;

/** A sealed value that does not open: sealed with another key, changed, or cut short. */
export class SecretOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretOpenError';
  }
}

/**
 * A key written as base64 (or base64url) of exactly 32 bytes, padding optional; undefined when
 * `text` is anything else. Surrounding whitespace (a key file's newline) is ignored.
 */
export function decodeSecretsKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  return key.length === secretsKeyBytes ? key : undefined;
}

/**
 * Seals the secrets the service keeps in its database (signing keys, bank access tokens, webhook
 * secrets) with SECRETS_KEY, so a copy of the database alone gives none of them away. AES-256-GCM
 * with a random 12-byte IV per value: a sealed value that was changed, or sealed under another
 * key, refuses to open rather than open to something else.
 *
 * A sealed value is `enc:v1:` and base64url of IV ‖ ciphertext ‖ tag.
 */
export class SecretBox {
  // A private field: the key stays out of logs and inspection of the box.
  readonly #key: Buffer;

  /** `origin` says where the key came from, for messages: `SECRETS_KEY` or the file it was read from. */
  constructor(
    key: Uint8Array,
    readonly origin = 'SECRETS_KEY',
  ) {
    if (key.length !== secretsKeyBytes) throw new RangeError(`a secrets key is ${secretsKeyBytes} bytes, not ${key.length}`);
    this.#key = Buffer.from(key);
  }

  /** True when `value` is in the sealed format (says nothing of whether it opens). */
  static isSealed(value: string): boolean {
    return value.startsWith(sealedPrefix);
  }

  seal(plain: string): string {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: tagBytes });
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return sealedPrefix + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  open(sealed: string): string {
    if (!SecretBox.isSealed(sealed)) throw new SecretOpenError(`not a sealed value (it does not start with ${sealedPrefix})`);
    const bytes = Buffer.from(sealed.slice(sealedPrefix.length), 'base64url');
    if (bytes.length < ivBytes + tagBytes) throw new SecretOpenError('the sealed value is cut short');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, ivBytes), { authTagLength: tagBytes });
    decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretOpenError('the sealed value does not open with this key: another key sealed it, or it was changed');
    }
  }

  /**
   * A stored value's plain text: opened when it is sealed, as it is when it was written before
   * sealing began (or by an instance of an earlier release during an upgrade).
   */
  reveal(stored: string): string {
    return SecretBox.isSealed(stored) ? this.open(stored) : stored;
  }
}
