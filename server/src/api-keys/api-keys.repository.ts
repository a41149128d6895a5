import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';

export interface ApiKey {
  id: string;
  firmId: string;
  name: string;
  /** The key's first characters, safe to show so a firm can tell its keys apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface ApiKeyRow { id: string; firm_id: string; name: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null }

const toKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id, firmId: row.firm_id, name: row.name, prefix: row.prefix,
  createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at,
});

export class ApiKeysRepository {
  #insert;
  #byHash;
  #touch;
  #list;
  #revoke;

  constructor(db: Db) {
    this.#insert = db.prepare(
      'INSERT INTO api_keys (id, firm_id, name, prefix, key_hash, created_at) VALUES (@id, @firmId, @name, @prefix, @keyHash, @now)',
    );
    this.#byHash = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL');
    this.#touch = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
    this.#list = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE firm_id = ? ORDER BY created_at');
    this.#revoke = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE firm_id = ? AND id = ? AND revoked_at IS NULL');
  }

  create(input: { firmId: string; name: string; prefix: string; keyHash: string }, now: string): ApiKey {
    const id = newId('key');
    this.#insert.run({ id, ...input, now });
    return { id, firmId: input.firmId, name: input.name, prefix: input.prefix, createdAt: now, lastUsedAt: null, revokedAt: null };
  }

  findActiveByHash(keyHash: string): ApiKey | undefined {
    const row = this.#byHash.get(keyHash);
    return row && toKey(row);
  }

  touch(id: string, now: string): void {
    this.#touch.run(now, id);
  }

  list(firmId: string): ApiKey[] {
    return this.#list.all(firmId).map(toKey);
  }

  revoke(firmId: string, id: string, now: string): boolean {
    return this.#revoke.run(now, firmId, id).changes === 1;
  }
}
