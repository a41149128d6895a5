import type { Storage } from '../../db/storage.ts';
import { sealedPrefix, type SecretBox } from '../../secrets/secret-box.ts';
import { sealPlainRows } from '../../secrets/seal-rows.ts';

/** How many plain tokens are sealed per transaction when the service opens. */

/**
 * The banks contacts signed in to through Plaid. Access tokens are kept here, sealed with
 * SECRETS_KEY, and never sent out.
 */
export class PlaidRepository {
  constructor(
    private readonly storage: Storage,
    private readonly secrets: SecretBox,
  ) {}

  async keepItem(item: { itemId: string; contactId: string; accessToken: string }, now: string): Promise<void> {
    await this.storage.db
      .insertInto('plaid_items')
      .values({ item_id: item.itemId, contact_id: item.contactId, access_token: this.secrets.seal(item.accessToken), created_at: now })
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

  /**
   * Seals the access tokens stored in plain text (before sealing began, or by an earlier release
   * during an upgrade); returns how many. Each row changes only if it still holds what was read,
   * so instances doing this at once never seal a token twice.
   */
  sealPlainTokens(): Promise<number> {
    return sealPlainRows(
      this.storage,
      (limit) =>
        this.storage.db
          .selectFrom('plaid_items')
          .select(['item_id', 'access_token'])
          .where('access_token', 'not like', `${sealedPrefix}%`)
          .orderBy('item_id')
          .limit(limit)
          .execute(),
      async (row) => {
        const result = await this.storage.db
          .updateTable('plaid_items')
          .set({ access_token: this.secrets.seal(row.access_token) })
          .where('item_id', '=', row.item_id)
          .where('access_token', '=', row.access_token)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      },
    );
  }
}
