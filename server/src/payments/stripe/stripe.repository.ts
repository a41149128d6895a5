import type { Db } from '../../db/database.ts';

/** What the service keeps of Stripe: the Customer of each contact, and the webhook events handled. */
export class StripeRepository {
  constructor(private readonly db: Db) {}

  customerOf(contactId: string): string | undefined {
    return this.db.prepare<[string], { customer_id: string }>('SELECT customer_id FROM stripe_customers WHERE contact_id = ?').get(contactId)?.customer_id;
  }

  /** Keeps the contact's Customer; the first one kept wins, and is returned. */
  keepCustomer(contactId: string, customerId: string, now: string): string {
    this.db.prepare('INSERT INTO stripe_customers (contact_id, customer_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(contactId, customerId, now);
    return this.customerOf(contactId)!;
  }

  /** Claims a webhook event for handling; false when it was handled (or is being handled) already. */
  claimEvent(id: string, type: string, now: string): boolean {
    return this.db.prepare('INSERT INTO stripe_events (id, type, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(id, type, now).changes === 1;
  }

  /** Lets a later delivery of the event try again (its handling failed). */
  releaseEvent(id: string): void {
    this.db.prepare('DELETE FROM stripe_events WHERE id = ?').run(id);
  }
}
