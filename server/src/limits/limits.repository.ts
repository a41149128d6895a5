import { sql } from 'kysely';
import type { Storage } from '../db/storage.ts';
import type { LimitStore, LimitWindow } from './limit-store.ts';

const toWindow = (row: { hits: number; ends_at: string }): LimitWindow => ({ hits: row.hits, endsAt: new Date(row.ends_at) });

/**
 * The limits' counters in the `rate_limits` table. A hit is one upsert, so two requests (or two
 * instances) counting the same key at once never lose a hit. Times are ISO 8601 UTC text, which
 * compares in time order.
 */
export class LimitsRepository implements LimitStore {
  constructor(private readonly storage: Storage) {}

  async hit(key: string, windowMs: number, now: Date): Promise<LimitWindow> {
    const at = now.toISOString();
    const open = sql<boolean>`rate_limits.ends_at > ${at}`;
    const row = await this.storage.db
      .insertInto('rate_limits')
      .values({ key, hits: 1, ends_at: new Date(now.getTime() + windowMs).toISOString() })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`CASE WHEN ${open} THEN rate_limits.hits + 1 ELSE 1 END`,
          ends_at: sql<string>`CASE WHEN ${open} THEN rate_limits.ends_at ELSE excluded.ends_at END`,
        }),
      )
      .returning(['hits', 'ends_at'])
      .executeTakeFirstOrThrow();
    return toWindow(row);
  }

  async peek(key: string, now: Date): Promise<LimitWindow | null> {
    const row = await this.storage.db
      .selectFrom('rate_limits')
      .select(['hits', 'ends_at'])
      .where('key', '=', key)
      .where('ends_at', '>', now.toISOString())
      .executeTakeFirst();
    return row ? toWindow(row) : null;
  }

  async clear(key: string): Promise<void> {
    await this.storage.db.deleteFrom('rate_limits').where('key', '=', key).execute();
  }

  async prune(now: Date): Promise<number> {
    const result = await this.storage.db.deleteFrom('rate_limits').where('ends_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
