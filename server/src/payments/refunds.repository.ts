import type { Selectable } from 'kysely';
import { newId } from '../db/ids.ts';
import type { Schema } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
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

type RefundRow = Selectable<Schema['refunds']>;

/**
 * Refunds, where each settled one reopened invoices, and the firm's refund requests' keys. A
 * refund's amount and payment never change; its status moves once, from pending to succeeded or
 * failed. Writers call these inside `reserve` or `record`, which own the transactions.
 */
export class RefundsRepository {
  constructor(private readonly storage: Storage) {}

  async request(firmId: string, key: string): Promise<RefundRequestRecord | undefined> {
    const row = await this.storage.db.selectFrom('refund_requests').selectAll().where('firm_id', '=', firmId).where('key', '=', key).executeTakeFirst();
    return (
      row && {
        requestHash: row.request_hash,
        state: row.state as RefundRequestRecord['state'],
        refundId: row.refund_id,
        responseStatus: row.response_status,
        responseBody: row.response_body,
        lockedUntil: row.locked_until,
      }
    );
  }

  /**
   * The first of a refund's two write transactions (group-committed, see `Storage.write`): claims
   * the key and, in the same transaction, runs `reserve` (the refundable amount checked and the
   * refund written as pending). `claimed: false` when the key exists already; whatever `reserve`
   * throws rolls the claim back with it.
   */
  reserve<T extends { refundId: string }>(
    claim: { firmId: string; key: string; requestHash: string; now: string; lockedUntil: string },
    reserve: () => Promise<T>,
  ): Promise<{ claimed: true; value: T } | { claimed: false }> {
    return this.storage.write(async () => {
      const inserted = await this.storage.db
        .insertInto('refund_requests')
        .values({
          firm_id: claim.firmId,
          key: claim.key,
          request_hash: claim.requestHash,
          state: 'in_progress',
          locked_until: claim.lockedUntil,
          created_at: claim.now,
        })
        .onConflict((oc) => oc.columns(['firm_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!inserted) return { claimed: false as const };
      const value = await reserve();
      await this.storage.db
        .updateTable('refund_requests')
        .set({ refund_id: value.refundId })
        .where('firm_id', '=', claim.firmId)
        .where('key', '=', claim.key)
        .execute();
      return { claimed: true as const, value };
    });
  }

  /** The second: the processor's answer, what it calls for (emails, webhooks) and the stored answer commit together. */
  record<T>(record: () => Promise<T>): Promise<T> {
    return this.storage.write(record);
  }

  /** A request refused before anything was reserved: the key keeps the refusal as its answer. */
  async refuse(claim: { firmId: string; key: string; requestHash: string; now: string }, status: number, body: unknown): Promise<void> {
    await this.storage.db
      .insertInto('refund_requests')
      .values({
        firm_id: claim.firmId,
        key: claim.key,
        request_hash: claim.requestHash,
        state: 'done',
        response_status: status,
        response_body: JSON.stringify(body),
        created_at: claim.now,
      })
      .onConflict((oc) => oc.columns(['firm_id', 'key']).doNothing())
      .execute();
  }

  /** Stores the answer a retry with the key will get. Call inside `record`. */
  async complete(firmId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.storage.db
      .updateTable('refund_requests')
      .set({ state: 'done', response_status: status, response_body: JSON.stringify(body), locked_until: null })
      .where('firm_id', '=', firmId)
      .where('key', '=', key)
      .execute();
  }

  /** The processor did not answer: the refund stays pending until a retry or the sweep asks again. */
  async interrupt(firmId: string, key: string): Promise<void> {
    await this.storage.db
      .updateTable('refund_requests')
      .set({ state: 'interrupted' })
      .where('firm_id', '=', firmId)
      .where('key', '=', key)
      .where('state', '=', 'in_progress')
      .execute();
  }

  /**
   * Takes an unfinished request's key until `until`: one whose holder's lease ran out or that was
   * interrupted, or any unfinished one when `force`. False when someone else holds it, or it is done.
   */
  async takeOver(firmId: string, key: string, now: string, until: string, force = false): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('refund_requests')
      .set({ state: 'in_progress', locked_until: until })
      .where('firm_id', '=', firmId)
      .where('key', '=', key)
      .where('state', '<>', 'done')
      .$if(!force, (qb) => qb.where((eb) => eb.or([eb('state', '=', 'interrupted'), eb('locked_until', 'is', null), eb('locked_until', '<=', now)])))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Refund requests no request is finishing: unfinished keys whose lease ran out (every unfinished one when `force`). */
  async unfinished(now: string, options: { force?: boolean; limit?: number } = {}): Promise<{ firmId: string; key: string; refundId: string | null }[]> {
    const rows = await this.storage.db
      .selectFrom('refund_requests')
      .select(['firm_id', 'key', 'refund_id'])
      .where('state', '<>', 'done')
      .$if(!options.force, (qb) => qb.where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)])))
      .orderBy('created_at')
      .orderBy('firm_id')
      .orderBy('key')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map((row) => ({ firmId: row.firm_id, key: row.key, refundId: row.refund_id }));
  }

  /** Keys are kept a month; older answered ones go. */
  async prune(before: string): Promise<number> {
    const result = await this.storage.db.deleteFrom('refund_requests').where('created_at', '<', before).where('state', '=', 'done').executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Writes a refund as pending. Call inside a transaction. */
  async insert(refund: NewRefund, now: string): Promise<string> {
    const id = newId('rfd');
    await this.storage.db
      .insertInto('refunds')
      .values({
        id,
        firm_id: refund.firmId,
        payment_id: refund.paymentId,
        amount: refund.amount,
        currency: refund.currency,
        reason: refund.reason,
        status: 'pending',
        origin: refund.origin,
        processor: refund.processor,
        processor_ref: refund.processorRef,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  }

  async find(id: string): Promise<Refund | undefined> {
    const row = await this.storage.db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst();
    return row && (await this.#toRefunds([row]))[0];
  }

  async byProcessorRef(processor: string, processorRef: string): Promise<Refund | undefined> {
    const row = await this.storage.db
      .selectFrom('refunds')
      .selectAll()
      .where('processor', '=', processor)
      .where('processor_ref', '=', processorRef)
      .executeTakeFirst();
    return row && (await this.#toRefunds([row]))[0];
  }

  /** A payment's refunds, oldest first; those of the same millisecond by id, so both engines list them alike. */
  async forPayment(paymentId: string): Promise<Refund[]> {
    const rows = await this.storage.db.selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).orderBy('created_at').orderBy('id').execute();
    return this.#toRefunds(rows);
  }

  /** What a payment's refunds hold (pending) and gave back (succeeded). */
  async totals(paymentId: string): Promise<{ pending: number; succeeded: number }> {
    const row = await this.storage.db
      .selectFrom('refunds')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('status', '=', 'pending').then(eb.ref('amount')).end()), eb.lit(0)).as('pending'),
        eb.fn.coalesce(eb.fn.sum<number>(eb.case().when('status', '=', 'succeeded').then(eb.ref('amount')).end()), eb.lit(0)).as('succeeded'),
      ])
      .where('payment_id', '=', paymentId)
      .executeTakeFirstOrThrow();
    return { pending: Number(row.pending), succeeded: Number(row.succeeded) };
  }

  /** How much of a payment's money each invoice has had back, by invoice. */
  async refundedByInvoice(paymentId: string): Promise<Map<string, number>> {
    const rows = await this.storage.db
      .selectFrom('refund_allocations as a')
      .innerJoin('refunds as r', 'r.id', 'a.refund_id')
      .select((eb) => ['a.invoice_id', eb.fn.sum<number>('a.amount').as('amount')])
      .where('r.payment_id', '=', paymentId)
      .where('r.status', '=', 'succeeded')
      .groupBy('a.invoice_id')
      .execute();
    return new Map(rows.map((row) => [row.invoice_id, Number(row.amount)]));
  }

  /** The processor's id for a refund, known once it answers; written once. */
  async setProcessorRef(id: string, processorRef: string): Promise<void> {
    await this.storage.db.updateTable('refunds').set({ processor_ref: processorRef }).where('id', '=', id).where('processor_ref', 'is', null).execute();
  }

  /** Moves a pending refund to its outcome; false when it is not pending (it moved already). */
  async finish(id: string, status: 'succeeded' | 'failed', failure: { code: string; message: string } | null, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('refunds')
      .set({ status, failure: failure ? JSON.stringify(failure) : null, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Where a succeeded refund's money came back from. Call in the transaction that settles it. */
  async allocate(id: string, lines: { invoiceId: string; amount: number }[]): Promise<void> {
    if (lines.length === 0) return;
    // The client is the payment's: what a client owes reads the client's refunds as one range.
    const refund = await this.storage.db
      .selectFrom('refunds as f')
      .innerJoin('payments as p', 'p.id', 'f.payment_id')
      .select(['f.firm_id', 'p.contact_id'])
      .where('f.id', '=', id)
      .executeTakeFirstOrThrow();
    await this.storage.db
      .insertInto('refund_allocations')
      .values(lines.map((line) => ({ firm_id: refund.firm_id, contact_id: refund.contact_id, refund_id: id, invoice_id: line.invoiceId, amount: line.amount })))
      .execute();
  }

  /** The refunds of these rows, in their order, each with its allocations (one query for them all). */
  async #toRefunds(rows: RefundRow[]): Promise<Refund[]> {
    if (rows.length === 0) return [];
    const allocations = await this.storage.db
      .selectFrom('refund_allocations as r')
      .innerJoin('refunds as f', 'f.id', 'r.refund_id')
      .innerJoin('payment_allocations as a', (join) => join.onRef('a.payment_id', '=', 'f.payment_id').onRef('a.invoice_id', '=', 'r.invoice_id'))
      .select(['r.refund_id', 'r.invoice_id', 'a.invoice_number as number', 'r.amount'])
      .where(
        'r.refund_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('a.invoice_number')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      paymentId: row.payment_id,
      amount: row.amount,
      currency: row.currency,
      reason: row.reason,
      status: row.status as RefundStatus,
      origin: row.origin as Refund['origin'],
      processorRef: row.processor_ref,
      allocations: allocations.filter((a) => a.refund_id === row.id).map((a) => ({ invoiceId: a.invoice_id, invoiceNumber: a.number, amount: a.amount })),
      failure: row.failure ? (JSON.parse(row.failure) as Refund['failure']) : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }));
  }
}
