import type { Db } from '../db/database.ts';
import { groupCommit } from '../db/group-commit.ts';
import { newId } from '../db/ids.ts';

export interface IdempotencyRecord {
  requestHash: string;
  /** `interrupted`: the processor did not answer; the checkout's payments wait, reserved, for a retry. */
  state: 'in_progress' | 'interrupted' | 'done';
  checkoutId: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  /** Until when the request (or sweep) settling it holds the key. */
  lockedUntil: string | null;
}

/** A payment of a checkout, as a resumed checkout needs it. */
export interface CheckoutPayment {
  id: string;
  contactId: string;
  createdAt: string;
  /** The processor's id of the method charged, kept so an interrupted checkout can be settled. */
  methodRef: string | null;
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
        {
          request_hash: string; state: IdempotencyRecord['state']; checkout_id: string | null; response_status: number | null; response_body: string | null;
          locked_until: string | null;
        }
      >('SELECT * FROM idempotency_keys WHERE contact_id = ? AND key = ?')
      .get(contactId, key);
    return (
      row && {
        requestHash: row.request_hash, state: row.state, checkoutId: row.checkout_id, responseStatus: row.response_status, responseBody: row.response_body,
        lockedUntil: row.locked_until,
      }
    );
  }

  /**
   * The first of a payment's two write transactions (group-committed with concurrent ones, see
   * GroupCommit): claims the key for this request and, in the same transaction, runs `reserve` (balances checked and payments written as
   * processing). `claimed: false` when the key exists already; nothing is written then. Whatever
   * `reserve` throws rolls the claim back with it.
   */
  reserve<T>(
    claim: { contactId: string; key: string; requestHash: string; checkoutId: string; now: string; lockedUntil: string },
    reserve: () => T,
  ): Promise<{ claimed: true; value: T } | { claimed: false }> {
    return groupCommit(this.db).write(() => {
      const inserted = this.db
        .prepare(
          `INSERT INTO idempotency_keys (contact_id, key, request_hash, state, checkout_id, locked_until, created_at)
           VALUES (@contactId, @key, @requestHash, 'in_progress', @checkoutId, @lockedUntil, @now) ON CONFLICT DO NOTHING`,
        )
        .run(claim);
      if (inserted.changes !== 1) return { claimed: false as const };
      return { claimed: true as const, value: reserve() };
    });
  }

  /**
   * The second: whatever `record` writes (the outcome, its jobs, the stored answer) commits
   * together, or not at all.
   */
  record<T>(record: () => T): Promise<T> {
    return groupCommit(this.db).write(record);
  }

  /** A request refused before anything was reserved: the key is stored with the refusal as its answer. */
  refuse(claim: { contactId: string; key: string; requestHash: string; now: string }, status: number, body: unknown): void {
    this.db
      .prepare(
        `INSERT INTO idempotency_keys (contact_id, key, request_hash, state, response_status, response_body, created_at)
         VALUES (@contactId, @key, @requestHash, 'done', @status, @body, @now) ON CONFLICT DO NOTHING`,
      )
      .run({ ...claim, status, body: JSON.stringify(body) });
  }

  /** Stores the answer a retry with the key will get. Call inside `record`. */
  completeIdempotency(contactId: string, key: string, status: number, body: unknown): void {
    this.db
      .prepare("UPDATE idempotency_keys SET state = 'done', response_status = ?, response_body = ?, locked_until = NULL WHERE contact_id = ? AND key = ?")
      .run(status, JSON.stringify(body), contactId, key);
  }

  /** The processor did not answer: the key keeps the checkout, whose payments stay reserved. */
  interruptIdempotency(contactId: string, key: string): void {
    this.db.prepare("UPDATE idempotency_keys SET state = 'interrupted' WHERE contact_id = ? AND key = ? AND state = 'in_progress'").run(contactId, key);
  }

  /**
   * Takes an unfinished checkout's key until `until`: one whose holder's lease ran out (a crash, a
   * processor that never answered), or any unfinished one when `force` (at start on a store only
   * this process uses). False when another request or sweep holds it, or it is done.
   */
  takeOver(contactId: string, key: string, now: string, until: string, force = false): boolean {
    return (
      this.db
        .prepare(
          `UPDATE idempotency_keys SET state = 'in_progress', locked_until = @until
           WHERE contact_id = @contactId AND key = @key AND state <> 'done'
             AND (@force = 1 OR state = 'interrupted' OR locked_until IS NULL OR locked_until <= @now)`,
        )
        .run({ contactId, key, now, until, force: force ? 1 : 0 }).changes === 1
    );
  }

  /** Checkouts no request is finishing: unfinished keys whose lease ran out (all unfinished ones when `force`). */
  unfinished(now: string, options: { force?: boolean; limit?: number } = {}): { contactId: string; key: string; checkoutId: string | null }[] {
    return this.db
      .prepare<{ now: string; force: number; limit: number }, { contact_id: string; key: string; checkout_id: string | null }>(
        `SELECT contact_id, key, checkout_id FROM idempotency_keys
         WHERE state <> 'done' AND (@force = 1 OR locked_until IS NULL OR locked_until <= @now)
         ORDER BY created_at LIMIT @limit`,
      )
      .all({ now, force: options.force ? 1 : 0, limit: options.limit ?? 100 })
      .map((row) => ({ contactId: row.contact_id, key: row.key, checkoutId: row.checkout_id }));
  }

  /** Keys are kept a month; older ones go, except those of checkouts still unfinished. */
  pruneIdempotency(before: string): number {
    return this.db.prepare("DELETE FROM idempotency_keys WHERE created_at < ? AND state = 'done'").run(before).changes;
  }

  /** The payments one checkout made (one per deposit account), oldest first. */
  checkoutPayments(checkoutId: string): CheckoutPayment[] {
    return this.db
      .prepare<
        [string],
        {
          id: string; contact_id: string; created_at: string; method_ref: string | null; amount: number; currency: string;
          account: 'operating' | 'trust'; processor_ref: string | null;
        }
      >(
        `SELECT p.id, p.contact_id, p.created_at, p.method_ref, p.amount, p.currency, p.processor_ref,
           (SELECT a.deposit_account FROM payment_allocations a WHERE a.payment_id = p.id LIMIT 1) AS account
         FROM payments p WHERE p.checkout_id = ? ORDER BY p.rowid`,
      )
      .all(checkoutId)
      .map((row) => ({
        id: row.id, contactId: row.contact_id, createdAt: row.created_at, methodRef: row.method_ref, amount: row.amount, currency: row.currency,
        account: row.account, processorRef: row.processor_ref,
      }));
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
