import type { Db } from '../db/database.ts';
import type { LimitStore, LimitWindow } from './limit-store.ts';

interface WindowRow {
  hits: number;
  ends_at: string;
}

const toWindow = (row: WindowRow): LimitWindow => ({ hits: row.hits, endsAt: new Date(row.ends_at) });

/**
 * The limits' counters in the `rate_limits` table. A hit is one upsert, so two requests (or two
 * instances) counting the same key at once never lose a hit. Times are ISO 8601 UTC text, which
 * compares in time order.
 */
export class LimitsRepository implements LimitStore {
  constructor(private readonly db: Db) {}

  async hit(key: string, windowMs: number, now: Date): Promise<LimitWindow> {
    const row = this.db
      .prepare(
        `INSERT INTO rate_limits (key, hits, ends_at) VALUES (@key, 1, @endsAt)
         ON CONFLICT (key) DO UPDATE SET
           hits    = CASE WHEN rate_limits.ends_at > @now THEN rate_limits.hits + 1 ELSE 1 END,
           ends_at = CASE WHEN rate_limits.ends_at > @now THEN rate_limits.ends_at ELSE excluded.ends_at END
         RETURNING hits, ends_at`,
      )
      .get({ key, now: now.toISOString(), endsAt: new Date(now.getTime() + windowMs).toISOString() }) as WindowRow;
    return toWindow(row);
  }

  async peek(key: string, now: Date): Promise<LimitWindow | null> {
    const row = this.db.prepare('SELECT hits, ends_at FROM rate_limits WHERE key = ? AND ends_at > ?').get(key, now.toISOString()) as WindowRow | undefined;
    return row ? toWindow(row) : null;
  }

  async clear(key: string): Promise<void> {
    this.db.prepare('DELETE FROM rate_limits WHERE key = ?').run(key);
  }

  async prune(now: Date): Promise<number> {
    return this.db.prepare('DELETE FROM rate_limits WHERE ends_at <= ?').run(now.toISOString()).changes;
  }
}
