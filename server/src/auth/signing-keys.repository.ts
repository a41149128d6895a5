import { sql } from 'kysely';
import type { Storage } from '../db/storage.ts';

/** One signing key as stored: its public half in clear (for the JWKS), its private half sealed. */
export interface StoredSigningKey {
  kid: string;
  createdAt: string;
  /** The public JWK, as JSON. */
  publicJwk: string;
  /** The private JWK as JSON, sealed with SECRETS_KEY. */
  sealedPrivateJwk: string;
}

/** The signing keys every instance shares. The newest (by `created_at`, then `kid`) signs. */
export class SigningKeysRepository {
  constructor(private readonly storage: Storage) {}

  /** Every key, oldest first. */
  async all(): Promise<StoredSigningKey[]> {
    const rows = await this.storage.db.selectFrom('signing_keys').selectAll().orderBy('created_at').orderBy('kid').execute();
    return rows.map((row) => ({ kid: row.kid, createdAt: row.created_at, publicJwk: row.public_jwk, sealedPrivateJwk: row.private_jwk }));
  }

  /**
   * Stores `keys` when there are none yet; returns whether it did. Instances opening an empty
   * database at once take turns, so only the first one's keys are kept and all agree on them.
   */
  addIfNone(keys: StoredSigningKey[]): Promise<boolean> {
    return this.storage.transaction(async () => {
      await this.#lock();
      const any = await this.storage.db.selectFrom('signing_keys').select('kid').limit(1).executeTakeFirst();
      if (any) return false;
      await this.storage.db.insertInto('signing_keys').values(keys.map(row)).execute();
      return true;
    });
  }

  /**
   * Adds `key` as the newest (dated after every key there, whatever this machine's clock says) and
   * drops all but the newest `keep`. Returns the date it was stored with.
   */
  add(key: StoredSigningKey, keep: number): Promise<string> {
    return this.storage.transaction(async () => {
      await this.#lock();
      const newest = await this.storage.db.selectFrom('signing_keys').select('created_at').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
      const after = newest ? Date.parse(newest.created_at) + 1 : -Infinity;
      const createdAt = Date.parse(key.createdAt) > after ? key.createdAt : new Date(after).toISOString();
      await this.storage.db
        .insertInto('signing_keys')
        .values(row({ ...key, createdAt }))
        .execute();
      const kept = await this.storage.db.selectFrom('signing_keys').select('kid').orderBy('created_at', 'desc').orderBy('kid', 'desc').limit(keep).execute();
      await this.storage.db
        .deleteFrom('signing_keys')
        .where(
          'kid',
          'not in',
          kept.map((k) => k.kid),
        )
        .execute();
      return createdAt;
    });
  }

  /** On PostgreSQL, one writer at a time (SQLite's BEGIN IMMEDIATE already is). */
  async #lock() {
    if (this.storage.engine === 'postgres') await sql`LOCK TABLE signing_keys IN SHARE ROW EXCLUSIVE MODE`.execute(this.storage.db);
  }
}

const row = (key: StoredSigningKey) => ({ kid: key.kid, created_at: key.createdAt, public_jwk: key.publicJwk, private_jwk: key.sealedPrivateJwk });
