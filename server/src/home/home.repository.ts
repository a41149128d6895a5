import type { Storage } from '../db/storage.ts';
import type { Visits } from './visit.ts';

/** The client's visits to home (client_visits): one row per contact, always looked up with its firm. */
export class HomeRepository {
  constructor(private readonly storage: Storage) {}

  async visits(firmId: string, contactId: string): Promise<Visits | undefined> {
    const row = await this.storage.db
      .selectFrom('client_visits')
      .select(['since_at', 'last_seen_at'])
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .executeTakeFirst();
    return row && { sinceAt: row.since_at, lastSeenAt: row.last_seen_at };
  }

  async recordVisits(firmId: string, contactId: string, visits: Visits): Promise<void> {
    await this.storage.db
      .insertInto('client_visits')
      .values({ contact_id: contactId, firm_id: firmId, since_at: visits.sinceAt, last_seen_at: visits.lastSeenAt })
      .onConflict((oc) => oc.column('contact_id').doUpdateSet({ since_at: visits.sinceAt, last_seen_at: visits.lastSeenAt }))
      .execute();
  }
}
