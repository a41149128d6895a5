import type { Storage } from '../../db/storage.ts';

/** The banks contacts signed in to through Plaid. Access tokens are kept here and never sent out. */
export class PlaidRepository {
  constructor(private readonly storage: Storage) {}

  async keepItem(item: { itemId: string; contactId: string; accessToken: string }, now: string): Promise<void> {
    await this.storage.db
      .insertInto('plaid_items')
      .values({ item_id: item.itemId, contact_id: item.contactId, access_token: item.accessToken, created_at: now })
      .onConflict((oc) => oc.column('item_id').doUpdateSet((eb) => ({ access_token: eb.ref('excluded.access_token') })))
      .execute();
  }

  async itemsOf(contactId: string): Promise<{ itemId: string; createdAt: string }[]> {
    const rows = await this.storage.db
      .selectFrom('plaid_items')
      .select(['item_id', 'created_at'])
      .where('contact_id', '=', contactId)
      .orderBy('created_at')
      .orderBy('item_id')
      .execute();
    return rows.map((row) => ({ itemId: row.item_id, createdAt: row.created_at }));
  }
}
