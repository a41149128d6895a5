import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';

export interface IdempotencyRecord {
  requestHash: string;
  /** `interrupted`: the processor did not answer; the checkout's payments wait, reserved, for a retry. */
  state: 'in_progress' | 'interrupted' | 'done';
  checkoutId: string | null;
  responseStatus: number | null;
  responseBody: string | null;
}

/** A payment of a checkout, as a resumed checkout needs it. */
export interface CheckoutPayment {
  id: string;
  amount: number;
  currency: string;
  account: 'operating' | 'trust';
  processorRef: string | null;
}

export interface SavedMethod {
  id: string;
  type: 'card' | 'us_bank_account';
  brand: string | null;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  accountType: string | null;
  processor: string;
  processorRef: string;
  consentedAt: string;
  createdAt: string;
}

/** Idempotency keys, saved payment methods and debit mandates: what a checkout writes beside the ledger. */
export class CheckoutRepository {
  constructor(readonly db: Db) {}

  idempotency(contactId: string, key: string): IdempotencyRecord | undefined {
    const row = this.db
      .prepare<
        [string, string],
        { request_hash: string; state: IdempotencyRecord['state']; checkout_id: string | null; response_status: number | null; response_body: string | null }
      >('SELECT * FROM idempotency_keys WHERE contact_id = ? AND key = ?')
      .get(contactId, key);
    return (
      row && {
        requestHash: row.request_hash, state: row.state, checkoutId: row.checkout_id, responseStatus: row.response_status, responseBody: row.response_body,
      }
    );
  }

  /** Claims a key for a request; false when the key exists already. */
  claimIdempotency(contactId: string, key: string, requestHash: string, now: string): boolean {
    const result = this.db
      .prepare("INSERT INTO idempotency_keys (contact_id, key, request_hash, state, created_at) VALUES (?, ?, ?, 'in_progress', ?) ON CONFLICT DO NOTHING")
      .run(contactId, key, requestHash, now);
    return result.changes === 1;
  }

  completeIdempotency(contactId: string, key: string, status: number, body: unknown): void {
    this.db
      .prepare("UPDATE idempotency_keys SET state = 'done', response_status = ?, response_body = ? WHERE contact_id = ? AND key = ?")
      .run(status, JSON.stringify(body), contactId, key);
  }

  releaseIdempotency(contactId: string, key: string): void {
    this.db.prepare("DELETE FROM idempotency_keys WHERE contact_id = ? AND key = ? AND state = 'in_progress'").run(contactId, key);
  }

  /** The processor did not answer: the key keeps the checkout, whose payments stay reserved. */
  interruptIdempotency(contactId: string, key: string, checkoutId: string): void {
    this.db
      .prepare("UPDATE idempotency_keys SET state = 'interrupted', checkout_id = ? WHERE contact_id = ? AND key = ? AND state = 'in_progress'")
      .run(checkoutId, contactId, key);
  }

  /** Takes an interrupted checkout back up; false when another request already did. */
  resumeIdempotency(contactId: string, key: string): boolean {
    return (
      this.db.prepare("UPDATE idempotency_keys SET state = 'in_progress' WHERE contact_id = ? AND key = ? AND state = 'interrupted'").run(contactId, key)
        .changes === 1
    );
  }

  /** Keys are kept at least a day; older ones go, except those still holding an interrupted checkout. */
  pruneIdempotency(before: string): void {
    this.db.prepare("DELETE FROM idempotency_keys WHERE created_at < ? AND state <> 'interrupted'").run(before);
  }

  /** The payments one checkout made (one per deposit account), oldest first. */
  checkoutPayments(checkoutId: string): CheckoutPayment[] {
    return this.db
      .prepare<[string], { id: string; amount: number; currency: string; account: 'operating' | 'trust'; processor_ref: string | null }>(
        `SELECT p.id, p.amount, p.currency, p.processor_ref,
           (SELECT a.deposit_account FROM payment_allocations a WHERE a.payment_id = p.id LIMIT 1) AS account
         FROM payments p WHERE p.checkout_id = ? ORDER BY p.rowid`,
      )
      .all(checkoutId)
      .map((row) => ({ id: row.id, amount: row.amount, currency: row.currency, account: row.account, processorRef: row.processor_ref }));
  }

  savedMethods(firmId: string, contactId: string): SavedMethod[] {
    return this.db
      .prepare<[string, string], Record<string, any>>(
        'SELECT * FROM saved_payment_methods WHERE firm_id = ? AND contact_id = ? AND removed_at IS NULL ORDER BY created_at DESC',
      )
      .all(firmId, contactId)
      .map(toSaved);
  }

  savedMethod(firmId: string, contactId: string, id: string): SavedMethod | undefined {
    const row = this.db
      .prepare<[string, string, string], Record<string, any>>(
        'SELECT * FROM saved_payment_methods WHERE firm_id = ? AND contact_id = ? AND id = ? AND removed_at IS NULL',
      )
      .get(firmId, contactId, id);
    return row && toSaved(row);
  }

  saveMethod(
    input: Omit<SavedMethod, 'id' | 'createdAt' | 'consentedAt'> & { firmId: string; contactId: string; consentText: string },
    now: string,
  ): string {
    const existing = this.db
      .prepare<[string, string, string], { id: string }>(
        'SELECT id FROM saved_payment_methods WHERE contact_id = ? AND processor = ? AND processor_ref = ? AND removed_at IS NULL',
      )
      .get(input.contactId, input.processor, input.processorRef);
    if (existing) return existing.id;
    const id = newId('spm');
    this.db
      .prepare(
        `INSERT INTO saved_payment_methods (id, firm_id, contact_id, processor, processor_ref, type, brand, last4, exp_month, exp_year, account_type, consent_text, consented_at, created_at)
         VALUES (@id, @firmId, @contactId, @processor, @processorRef, @type, @brand, @last4, @expMonth, @expYear, @accountType, @consentText, @now, @now)`,
      )
      .run({ id, ...input, now });
    return id;
  }

  removeMethod(firmId: string, contactId: string, id: string, now: string): boolean {
    return (
      this.db
        .prepare('UPDATE saved_payment_methods SET removed_at = ? WHERE firm_id = ? AND contact_id = ? AND id = ? AND removed_at IS NULL')
        .run(now, firmId, contactId, id).changes === 1
    );
  }

  recordMandate(paymentId: string, mandate: { text: string; ip: string | null; userAgent: string | null }, now: string): void {
    this.db
      .prepare('INSERT INTO payment_mandates (payment_id, text, accepted_at, ip, user_agent) VALUES (?, ?, ?, ?, ?)')
      .run(paymentId, mandate.text, now, mandate.ip, mandate.userAgent);
  }

  mandate(paymentId: string): { text: string; acceptedAt: string; ip: string | null; userAgent: string | null } | undefined {
    const row = this.db
      .prepare<[string], { text: string; accepted_at: string; ip: string | null; user_agent: string | null }>(
        'SELECT text, accepted_at, ip, user_agent FROM payment_mandates WHERE payment_id = ?',
      )
      .get(paymentId);
    return row && { text: row.text, acceptedAt: row.accepted_at, ip: row.ip, userAgent: row.user_agent };
  }
}

function toSaved(row: Record<string, any>): SavedMethod {
  return {
    id: row.id, type: row.type, brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year, accountType: row.account_type,
    processor: row.processor, processorRef: row.processor_ref, consentedAt: row.consented_at, createdAt: row.created_at,
  };
}
