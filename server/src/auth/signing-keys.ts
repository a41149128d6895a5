import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

interface StoredKey { kid: string; createdAt: string; privateJwk: JWK }

export interface SigningKey { kid: string; privateKey: CryptoKey }

const alg = 'ES256';

/**
 * The ES256 keys that sign access tokens, kept in `DATA_DIR/keys/signing-keys.json` (mode 0600).
 * The newest key signs; older keys still verify until they are dropped, so rotation never signs
 * anyone out. Every key's public half is published at `/.well-known/jwks.json`.
 */
export class SigningKeys {
  private constructor(
    private readonly file: string,
    private stored: StoredKey[],
    private readonly publicKeys: Map<string, CryptoKey>,
    private signing: SigningKey,
  ) {}

  static async open(dataDir: string): Promise<SigningKeys> {
    const file = path.join(dataDir, 'keys', 'signing-keys.json');
    let stored: StoredKey[] = [];
    if (fs.existsSync(file)) {
      stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredKey[];
    }
    if (stored.length === 0) {
      stored = [await newKey()];
      write(file, stored);
    }
    const keys = new SigningKeys(file, stored, new Map(), undefined as unknown as SigningKey);
    await keys.load();
    return keys;
  }

  /** Adds a new signing key; the previous ones keep verifying. Keeps the newest `keep` keys. */
  async rotate(keep = 3): Promise<string> {
    const key = await newKey();
    this.stored = [...this.stored, key].slice(-keep);
    write(this.file, this.stored);
    await this.load();
    return key.kid;
  }

  current(): SigningKey {
    return this.signing;
  }

  verificationKey(kid: string | undefined): CryptoKey | undefined {
    return kid ? this.publicKeys.get(kid) : undefined;
  }

  jwks(): { keys: JWK[] } {
    return {
      keys: this.stored.map(({ kid, privateJwk }) => ({
        kty: privateJwk.kty, crv: privateJwk.crv, x: privateJwk.x, y: privateJwk.y, kid, alg, use: 'sig',
      })),
    };
  }

  private async load() {
    this.publicKeys.clear();
    for (const { kid, privateJwk } of this.stored) {
      const { d: _d, ...publicJwk } = privateJwk;
      this.publicKeys.set(kid, (await importJWK({ ...publicJwk, alg }, alg)) as CryptoKey);
    }
    const newest = this.stored.at(-1)!;
    this.signing = { kid: newest.kid, privateKey: (await importJWK({ ...newest.privateJwk, alg }, alg)) as CryptoKey };
  }
}

async function newKey(): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const createdAt = new Date().toISOString();
  return { kid: `k${createdAt.slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`, createdAt, privateJwk };
}

function write(file: string, stored: StoredKey[]) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(stored, null, 2), { mode: 0o600 });
  fs.renameSync(temp, file);
}
