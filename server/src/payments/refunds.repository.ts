import type { Db } from '../db/database.ts';
import { groupCommit } from '../db/group-commit.ts';
import { newId } from '../db/ids.ts';
import type { Refund, RefundStatus } from './refund.ts';

/** The stored answer of one refund request's Idempotency-Key. */
export interface RefundRequestRecord {
  requestHash: string;
  /** `interrupted`: the processor did not answer; the refund stays pending, holding its amount, until a retry or the sweep settles it. */
  state: 'in_progress' | 'interrupted' | 'done';
  refundId: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  lockedUntil: string | null;
}

export interface NewRefund {
  firmId: string;
  paymentId: string;
  amount: number;
  currency: string;
  reason: string | null;
  origin: Refund['origin'];
  processor: string | null;
  processorRef: string | null;
}

interface RefundRow {
  id: string; firm_id: string; payment_id: string; amount: number; currency: string; reason: string | null; status: RefundStatus;
  origin: Refund['origin']; processor: string | null; processor_ref: string | null; failure: string | null; created_at: string; updated_at: string;
}

/**
 * Refunds, where each settled one reopened invoices, and the firm's refund requests' keys. A
 * refund's amount and payment never change; its status moves once, from pending to succeeded or
 * failed. Writers call these inside `reserve` or `record`, which own the transactions.
 */
export class RefundsRepository {
  #allocations;

  constructor(private readonly db: Db) {
    this.#allocations = db.prepare<[string], { invoice_id: string; number: string; amount: number }>(
      `SELECT r.invoice_id, i.number, r.amount FROM refund_allocations r JOIN invoices i ON i.id = r.invoice_id WHERE r.refund_id = ? ORDER BY i.number`,
    );
  }

  request(firmId: string, key: string): RefundRequestRecord | undefined {
    const row = this.db
      .prepare<
        [string, string],
        { request_hash: string; state: RefundRequestRecord['state']; refund_id: string | null; response_status: number | null; response_body: string | null; locked_until: string | null }
      >('SELECT * FROM refund_requests WHERE firm_id = ? AND key = ?')
      .get(firmId, key);
    return (
      row && {
        requestHash: row.request_hash, state: row.state, refundId: row.refund_id, responseStatus: row.response_status, responseBody: row.response_body,
        lockedUntil: row.locked_until,
      }
    );
  }

  /**
   * The first of a refund's two write transactions (group-committed, see GroupCommit): claims the
   * key and, in the same transaction, runs `reserve` (the refundable amount checked and the refund
   * written as pending). `claimed: false` when the key exists already; whatever `reserve` throws
   * rolls the claim back with it.
   */
  reserve<T extends { refundId: string }>(
    claim: { firmId: string; key: string; requestHash: string; now: string; lockedUntil: string },
    reserve: () => T,
  ): Promise<{ claimed: true; value: T } | { claimed: false }> {
    return groupCommit(this.db).write(() => {
      const inserted = this.db
        .prepare(
          `INSERT INTO refund_requests (firm_id, key, request_hash, state, locked_until, created_at)
           VALUES (@firmId, @key, @requestHash, 'in_progress', @lockedUntil, @now) ON CONFLICT DO NOTHING`,
        )
        .run(claim);
      if (inserted.changes !== 1) return { claimed: false as const };
      const value = reserve();
      this.db.prepare('UPDATE refund_requests SET refund_id = ? WHERE firm_id = ? AND key = ?').run(value.refundId, claim.firmId, claim.key);
      return { claimed: true as const, value };
    });
  }

  /** The second: the processor's answer, what it calls for (emails, webhooks) and the stored answer commit together. */
  record<T>(record: () => T): Promise<T> {
    return groupCommit(this.db).write(record);
  }

  /** A request refused before anything was reserved: the key keeps the refusal as its answer. */
  refuse(claim: { firmId: string; key: string; requestHash: string; now: string }, status: number, body: unknown): void {
    this.db
      .prepare(
        `INSERT INTO refund_requests (firm_id, key, request_hash, state, response_status, response_body, created_at)
         VALUES (@firmId, @key, @requestHash, 'done', @status, @body, @now) ON CONFLICT DO NOTHING`,
      )
      .run({ ...claim, status, body: JSON.stringify(body) });
  }

  /** Stores the answer a retry with the key will get. Call inside `record`. */
  complete(firmId: string, key: string, status: number, body: unknown): void {
    this.db
      .prepare("UPDATE refund_requests SET state = 'done', response_status = ?, response_body = ?, locked_until = NULL WHERE firm_id = ? AND key = ?")
      .run(status, JSON.stringify(body), firmId, key);
  }

  /** The processor did not answer: the refund stays pending until a retry or the sweep asks again. */
  interrupt(firmId: string, key: string): void {
    this.db.prepare("UPDATE refund_requests SET state = 'interrupted' WHERE firm_id = ? AND key = ? AND state = 'in_progress'").run(firmId, key);
  }

  /**
   * Takes an unfinished request's key until `until`: one whose holder's lease ran out or that was
   * interrupted, or any unfinished one when `force`. False when someone else holds it, or it is done.
   */
  takeOver(firmId: string, key: string, now: string, until: string, force = false): boolean {
    return (
      this.db
        .prepare(
          `UPDATE refund_requests SET state = 'in_progress', locked_until = @until
           WHERE firm_id = @firmId AND key = @key AND state <> 'done'
             AND (@force = 1 OR state = 'interrupted' OR locked_until IS NULL OR locked_until <= @now)`,
        )
        .run({ firmId, key, now, until, force: force ? 1 : 0 }).changes === 1
    );
  }

  /** Refund requests no request is finishing: unfinished keys whose lease ran out (every unfinished one when `force`). */
  unfinished(now: string, options: { force?: boolean; limit?: number } = {}): { firmId: string; key: string; refundId: string | null }[] {
    return this.db
      .prepare<{ now: string; force: number; limit: number }, { firm_id: string; key: string; refund_id: string | null }>(
        `SELECT firm_id, key, refund_id FROM refund_requests
         WHERE state <> 'done' AND (@force = 1 OR locked_until IS NULL OR locked_until <= @now)
         ORDER BY created_at LIMIT @limit`,
      )
      .all({ now, force: options.force ? 1 : 0, limit: options.limit ?? 100 })
      .map((row) => ({ firmId: row.firm_id, key: row.key, refundId: row.refund_id }));
  }

  /** Keys are kept a month; older answered ones go. */
  prune(before: string): number {
    return this.db.prepare("DELETE FROM refund_requests WHERE created_at < ? AND state = 'done'").run(before).changes;
  }

  /** Writes a refund as pending. Call inside a transaction. */
  insert(refund: NewRefund, now: string): string {
    const id = newId('rfd');
    this.db
      .prepare(
        `INSERT INTO refunds (id, firm_id, payment_id, amount, currency, reason, status, origin, processor, processor_ref, created_at, updated_at)
         VALUES (@id, @firmId, @paymentId, @amount, @currency, @reason, 'pending', @origin, @processor, @processorRef, @now, @now)`,
      )
      .run({ id, ...refund, now });
    return id;
  }

  find(id: string): Refund | undefined {
    const row = this.db.prepare<[string], RefundRow>('SELECT * FROM refunds WHERE id = ?').get(id);
    return row && this.#toRefund(row);
  }

  byProcessorRef(processor: string, processorRef: string): Refund | undefined {
    const row = this.db.prepare<[string, string], RefundRow>('SELECT * FROM refunds WHERE processor = ? AND processor_ref = ?').get(processor, processorRef);
    return row && this.#toRefund(row);
  }

  /** A payment's refunds, oldest first. */
  forPayment(paymentId: string): Refund[] {
    return this.db
      .prepare<[string], RefundRow>('SELECT * FROM refunds WHERE payment_id = ? ORDER BY created_at, rowid')
      .all(paymentId)
      .map((row) => this.#toRefund(row));
  }

  /** What a payment's refunds hold (pending) and gave back (succeeded). */
  totals(paymentId: string): { pending: number; succeeded: number } {
    return this.db
      .prepare<[string], { pending: number; succeeded: number }>(
        `SELECT COALESCE(SUM(CASE WHEN status = 'pending' THEN amount END), 0) AS pending,
                COALESCE(SUM(CASE WHEN status = 'succeeded' THEN amount END), 0) AS succeeded
         FROM refunds WHERE payment_id = ?`,
      )
      .get(paymentId)!;
  }

  /** How much of a payment's money each invoice has had back, by invoice. */
  refundedByInvoice(paymentId: string): Map<string, number> {
    const rows = this.db
      .prepare<[string], { invoice_id: string; amount: number }>(
        `SELECT a.invoice_id, SUM(a.amount) AS amount FROM refund_allocations a JOIN refunds r ON r.id = a.refund_id
         WHERE r.payment_id = ? AND r.status = 'succeeded' GROUP BY a.invoice_id`,
      )
      .all(paymentId);
    return new Map(rows.map((row) => [row.invoice_id, row.amount]));
  }

  /** The processor's id for a refund, known once it answers; written once. */
  setProcessorRef(id: string, processorRef: string): void {
    this.db.prepare('UPDATE refunds SET processor_ref = ? WHERE id = ? AND processor_ref IS NULL').run(processorRef, id);
  }

  /** Moves a pending refund to its outcome; false when it is not pending (it moved already). */
  finish(id: string, status: 'succeeded' | 'failed', failure: { code: string; message: string } | null, now: string): boolean {
    return (
      this.db
        .prepare("UPDATE refunds SET status = ?, failure = ?, updated_at = ? WHERE id = ? AND status = 'pending'")
        .run(status, failure ? JSON.stringify(failure) : null, now, id).changes === 1
    );
  }

  /** Where a succeeded refund's money came back from. Call in the transaction that settles it. */
  allocate(id: string, lines: { invoiceId: string; amount: number }[]): void {
    const insert = this.db.prepare('INSERT INTO refund_allocations (refund_id, invoice_id, amount) VALUES (?, ?, ?)');
    for (const line of lines) insert.run(id, line.invoiceId, line.amount);
  }

  #toRefund(row: RefundRow): Refund {
    return {
      id: row.id,
      paymentId: row.payment_id,
      amount: row.amount,
      currency: row.currency,
      reason: row.reason,
      status: row.status,
      origin: row.origin,
      processorRef: row.processor_ref,
      allocations: this.#allocations.all(row.id).map((a) => ({ invoiceId: a.invoice_id, invoiceNumber: a.number, amount: a.amount })),
      failure: row.failure ? (JSON.parse(row.failure) as Refund['failure']) : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
