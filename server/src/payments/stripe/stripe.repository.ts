import type { Storage } from '../../db/storage.ts';

/** What the service keeps of Stripe: the Customer of each contact, and the webhook events handled. */
export class StripeRepository {
  constructor(private readonly storage: Storage) {}

  async customerOf(contactId: string): Promise<string | undefined> {
    const row = await this.storage.db.selectFrom('stripe_customers').select('customer_id').where('contact_id', '=', contactId).executeTakeFirst();
    return row?.customer_id;
  }

  /** Keeps the contact's Customer; the first one kept wins, and is returned. */
  async keepCustomer(contactId: string, customerId: string, now: string): Promise<string> {
    await this.storage.db
      .insertInto('stripe_customers')
      .values({ contact_id: contactId, customer_id: customerId, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return (await this.customerOf(contactId))!;
  }

  /** Claims a webhook event for handling; false when it was handled (or is being handled) already. */
  async claimEvent(id: string, type: string, now: string): Promise<boolean> {
    const claimed = await this.storage.db
      .insertInto('stripe_events')
      .values({ id, type, received_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return claimed !== undefined;
  }

  /** Lets a later delivery of the event try again (its handling failed). */
  async releaseEvent(id: string): Promise<void> {
    await this.storage.db.deleteFrom('stripe_events').where('id', '=', id).execute();
  }
}
