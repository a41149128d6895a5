import type { Db } from '../../db/database.ts';

/** The banks contacts signed in to through Plaid. Access tokens are kept here and never sent out. */
export class PlaidRepository {
  constructor(private readonly db: Db) {}

  keepItem(item: { itemId: string; contactId: string; accessToken: string }, now: string): void {
    this.db
      .prepare('INSERT INTO plaid_items (item_id, contact_id, access_token, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET access_token = excluded.access_token')
      .run(item.itemId, item.contactId, item.accessToken, now);
  }

  itemsOf(contactId: string): { itemId: string; createdAt: string }[] {
    return this.db
      .prepare<[string], { item_id: string; created_at: string }>('SELECT item_id, created_at FROM plaid_items WHERE contact_id = ? ORDER BY created_at')
      .all(contactId)
      .map((row) => ({ itemId: row.item_id, createdAt: row.created_at }));
  }
}
