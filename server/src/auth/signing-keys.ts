import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { systemClock, type Clock } from '../clock.ts';
import { ConfigError } from '../config.ts';
import type { Storage } from '../db/storage.ts';
import type { Logger } from '../logger.ts';
import { SecretOpenError, type SecretBox } from '../secrets/secret-box.ts';
import { SigningKeysRepository, type StoredSigningKey } from './signing-keys.repository.ts';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

interface VerificationKey {
  kid: string;
  publicJwk: JWK;
  publicKey: CryptoKey;
}

const alg = 'ES256';

/** How old the keys in memory may get before they are read again: a rotation reaches every instance within this. */
export const keysReloadMs = 60_000;
/**
 * A token under a kid this instance has not seen reads the keys again at once (another instance
 * may have just rotated), but at most this often, so made-up kids cannot make every request a query.
 */
export const unknownKidReloadMs = 5_000;
/** After a reload failed (the database away), the keys in memory serve on and the next try waits this long. */
const failedReloadRetryMs = 5_000;

/** A key as `DATA_DIR/keys/signing-keys.json` kept it, before the keys moved into the database. */
interface LegacyKey {
  kid: string;
  createdAt: string;
  privateJwk: JWK;
}

/**
 * The ES256 keys that sign access tokens, kept in the database so every instance signs and
 * verifies with the same ones; each private half sealed with SECRETS_KEY. The newest key signs;
 * older keys still verify until they are dropped, so rotation never signs anyone out. Every key's
 * public half is published at `/.well-known/jwks.json`.
 *
 * Each instance keeps the keys in memory and reads them again once they are a minute old, or at
 * once (within `unknownKidReloadMs`) when a token names a kid it does not know.
 */
export class SigningKeys {
  readonly #repository: SigningKeysRepository;
  readonly #secrets: SecretBox;
  readonly #clock: Clock;
  readonly #logger?: Logger;
  /** Oldest first: the order of the JWKS. */
  #keys: VerificationKey[] = [];
  #signing!: SigningKey;
  #loadedAt = 0;
  #lastUnknownKidReload = -Infinity;
  #loading: Promise<void> | undefined;

  private constructor(repository: SigningKeysRepository, secrets: SecretBox, clock: Clock, logger?: Logger) {
    this.#repository = repository;
    this.#secrets = secrets;
    this.#clock = clock;
    this.#logger = logger;
  }

  /**
   * The keys in `storage`, their private halves opened with `secrets`. An empty database gets the
   * keys of `dataDir/keys/signing-keys.json` when there is one (so an upgraded machine signs
   * nobody out; the file is left as it is), else a new key. Throws a ConfigError naming
   * SECRETS_KEY when the key does not open the stored keys.
   */
  static async open(storage: Storage, secrets: SecretBox, options: { dataDir?: string | null; clock?: Clock; logger?: Logger } = {}): Promise<SigningKeys> {
    const keys = new SigningKeys(new SigningKeysRepository(storage), secrets, options.clock ?? systemClock, options.logger);
    if ((await keys.#repository.all()).length === 0) {
      const legacy = options.dataDir ? readLegacyKeys(options.dataDir) : undefined;
      const first = legacy ?? [await newKey(keys.#clock())];
      const added = await keys.#repository.addIfNone(first.map((key) => keys.#seal(key)));
      if (added && legacy) keys.#logger?.info('moved the signing keys into the database', { from: legacyFile(options.dataDir!), keys: legacy.length });
    }
    await keys.#load();
    return keys;
  }

  /** Adds a new signing key; the previous ones keep verifying. Keeps the newest `keep` keys. */
  async rotate(keep = 3): Promise<string> {
    const key = await newKey(this.#clock());
    await this.#repository.add(this.#seal(key), keep);
    await this.#reload();
    return key.kid;
  }

  /** The key that signs now: the newest, as of at most a minute ago. */
  async current(): Promise<SigningKey> {
    await this.#fresh();
    return this.#signing;
  }

  /** The public key of `kid`, read again from the database when the kid is new here. */
  async verificationKey(kid: string | undefined): Promise<CryptoKey | undefined> {
    if (!kid) return undefined;
    await this.#fresh();
    let key = this.#find(kid);
    const now = this.#clock().getTime();
    if (!key && Math.abs(now - this.#lastUnknownKidReload) >= unknownKidReloadMs) {
      this.#lastUnknownKidReload = now;
      await this.#reloadOrKeep();
      key = this.#find(kid);
    }
    return key;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    await this.#fresh();
    return { keys: this.#keys.map(({ kid, publicJwk }) => ({ ...publicJwk, kid, alg, use: 'sig' })) };
  }

  #find(kid: string): CryptoKey | undefined {
    return this.#keys.find((key) => key.kid === kid)?.publicKey;
  }

  async #fresh() {
    if (Math.abs(this.#clock().getTime() - this.#loadedAt) >= keysReloadMs) await this.#reloadOrKeep();
  }

  /** A reload in the background of requests: when it fails, the keys in memory serve on. */
  async #reloadOrKeep() {
    try {
      await this.#reload();
    } catch (error) {
      this.#loadedAt = this.#clock().getTime() - keysReloadMs + failedReloadRetryMs;
      this.#logger?.warn('could not read the signing keys again; using the ones in memory', { error: (error as Error).message });
    }
  }

  /** One read at a time: callers arriving while one runs share it. */
  #reload(): Promise<void> {
    return (this.#loading ??= this.#load().finally(() => (this.#loading = undefined)));
  }

  async #load() {
    const stored = await this.#repository.all();
    const newest = stored.at(-1);
    if (!newest) throw new Error('the signing_keys table is empty: a key was deleted by hand');
    const known = new Map(this.#keys.map((key) => [key.kid, key]));
    const keys: VerificationKey[] = [];
    for (const { kid, publicJwk } of stored) {
      const jwk = JSON.parse(publicJwk) as JWK;
      keys.push(known.get(kid) ?? { kid, publicJwk: jwk, publicKey: (await importJWK({ ...jwk, alg }, alg)) as CryptoKey });
    }
    let signing = this.#signing;
    if (signing?.kid !== newest.kid) signing = { kid: newest.kid, privateKey: (await importJWK({ ...this.#openPrivate(newest), alg }, alg)) as CryptoKey };
    this.#keys = keys;
    this.#signing = signing;
    this.#loadedAt = this.#clock().getTime();
  }

  #openPrivate(key: StoredSigningKey): JWK {
    try {
      return JSON.parse(this.#secrets.open(key.sealedPrivateJwk)) as JWK;
    } catch (error) {
      if (!(error instanceof SecretOpenError)) throw error;
      const which =
        this.#secrets.origin === 'SECRETS_KEY'
          ? 'they were sealed with another key. Set SECRETS_KEY to the key they were sealed with (every instance needs the same one)'
          : `SECRETS_KEY is not set, and the key in ${this.#secrets.origin} is not the one they were sealed with. Set SECRETS_KEY to that key, or restore the file`;
      throw new ConfigError('SECRETS_KEY', `does not open the stored signing keys: ${which}.`);
    }
  }

  #seal(key: LegacyKey): StoredSigningKey {
    const { kty, crv, x, y } = key.privateJwk;
    return {
      kid: key.kid,
      createdAt: key.createdAt,
      publicJwk: JSON.stringify({ kty, crv, x, y }),
      sealedPrivateJwk: this.#secrets.seal(JSON.stringify(key.privateJwk)),
    };
  }
}

async function newKey(now: Date): Promise<LegacyKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const createdAt = now.toISOString();
  return { kid: `k${createdAt.slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`, createdAt, privateJwk };
}

function legacyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'signing-keys.json');
}

/** The keys of an earlier release's `signing-keys.json`, oldest first; undefined when there is no such file. */
function readLegacyKeys(dataDir: string): LegacyKey[] | undefined {
  const file = legacyFile(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let keys: unknown;
  try {
    keys = JSON.parse(text);
  } catch {
    keys = undefined;
  }
  const valid =
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every(
      (key: Partial<LegacyKey> | null) =>
        typeof key?.kid === 'string' &&
        typeof key.createdAt === 'string' &&
        !Number.isNaN(Date.parse(key.createdAt)) &&
        key.privateJwk?.kty === 'EC' &&
        key.privateJwk.crv === 'P-256' &&
        typeof key.privateJwk.d === 'string',
    );
  if (!valid)
    throw new ConfigError(
      'DATA_DIR',
      `${file} is not a list of ES256 signing keys: repair it, or move it away to start with a new key (which signs everyone out)`,
    );
  return keys as LegacyKey[];
}
