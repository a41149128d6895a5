import type { Selectable } from 'kysely';
import type { Storage } from '../db/storage.ts';
import type { ApiKeysTable } from '../db/schema.ts';
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

const toKey = (row: Selectable<ApiKeysTable>): ApiKey => ({
  id: row.id,
  firmId: row.firm_id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export class ApiKeysRepository {
  constructor(private readonly storage: Storage) {}

  async create(input: { firmId: string; name: string; prefix: string; keyHash: string }, now: string): Promise<ApiKey> {
    const id = newId('key');
    await this.storage.db
      .insertInto('api_keys')
      .values({ id, firm_id: input.firmId, name: input.name, prefix: input.prefix, key_hash: input.keyHash, created_at: now })
      .execute();
    return { id, firmId: input.firmId, name: input.name, prefix: input.prefix, createdAt: now, lastUsedAt: null, revokedAt: null };
  }

  async findActiveByHash(keyHash: string): Promise<ApiKey | undefined> {
    const row = await this.storage.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).where('revoked_at', 'is', null).executeTakeFirst();
    return row && toKey(row);
  }

  async touch(id: string, now: string): Promise<void> {
    await this.storage.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
  }

  async list(firmId: string): Promise<ApiKey[]> {
    // Keys created in the same millisecond keep a stable order by id.
    const rows = await this.storage.db.selectFrom('api_keys').selectAll().where('firm_id', '=', firmId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toKey);
  }

  async revoke(firmId: string, id: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('api_keys')
      .set({ revoked_at: now })
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
