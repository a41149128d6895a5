import type { ExpressionBuilder, Selectable } from 'kysely';
import { newId } from '../db/ids.ts';
import type { SavedPaymentMethodsTable, Schema } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';

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
  /** The method the client chose to pay with first. */
  isDefault: boolean;
}

/** Idempotency keys, saved payment methods and debit mandates: what a checkout writes beside the ledger. */
/**
 * Which unfinished checkouts a recovery may take: `lapsed`, those whose holder's lease ran out;
 * `mine`, those too that this instance held before it restarted; `all`, every one.
 */
export type LeftCheckouts = 'lapsed' | 'mine' | 'all';

export class CheckoutRepository {
  /** @param holder This instance's name (INSTANCE_ID), marked on the checkouts it runs. */
  constructor(
    private readonly storage: Storage,
    private readonly holder: string,
  ) {}

  async idempotency(contactId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.storage.db.selectFrom('idempotency_keys').selectAll().where('contact_id', '=', contactId).where('key', '=', key).executeTakeFirst();
    return (
      row && {
        requestHash: row.request_hash,
        state: row.state as IdempotencyRecord['state'],
        checkoutId: row.checkout_id,
        responseStatus: row.response_status,
        responseBody: row.response_body,
        lockedUntil: row.locked_until,
      }
    );
  }

  /**
   * The first of a payment's two write transactions (group-committed with concurrent ones, see
   * `Storage.write`): claims the key for this request and, in the same transaction, runs `reserve`
   * (balances checked and payments written as processing). `claimed: false` when the key exists
   * already; nothing is written then. Whatever `reserve` throws rolls the claim back with it.
   */
  reserve<T>(
    claim: { contactId: string; key: string; requestHash: string; checkoutId: string; now: string; lockedUntil: string },
    reserve: () => Promise<T>,
  ): Promise<{ claimed: true; value: T } | { claimed: false }> {
    return this.storage.write(async () => {
      const inserted = await this.storage.db
        .insertInto('idempotency_keys')
        .values({
          contact_id: claim.contactId,
          key: claim.key,
          request_hash: claim.requestHash,
          state: 'in_progress',
          checkout_id: claim.checkoutId,
          locked_until: claim.lockedUntil,
          locked_by: this.holder,
          created_at: claim.now,
        })
        .onConflict((oc) => oc.columns(['contact_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!inserted) return { claimed: false as const };
      return { claimed: true as const, value: await reserve() };
    });
  }

  /**
   * The second: whatever `record` writes (the outcome, its jobs, the stored answer) commits
   * together, or not at all.
   */
  record<T>(record: () => Promise<T>): Promise<T> {
    return this.storage.write(record);
  }

  /** A request refused before anything was reserved: the key is stored with the refusal as its answer. */
  async refuse(claim: { contactId: string; key: string; requestHash: string; now: string }, status: number, body: unknown): Promise<void> {
    await this.storage.db
      .insertInto('idempotency_keys')
      .values({
        contact_id: claim.contactId,
        key: claim.key,
        request_hash: claim.requestHash,
        state: 'done',
        response_status: status,
        response_body: JSON.stringify(body),
        created_at: claim.now,
      })
      .onConflict((oc) => oc.columns(['contact_id', 'key']).doNothing())
      .execute();
  }

  /** Stores the answer a retry with the key will get. Call inside `record`. */
  async completeIdempotency(contactId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.storage.db
      .updateTable('idempotency_keys')
      .set({ state: 'done', response_status: status, response_body: JSON.stringify(body), locked_until: null })
      .where('contact_id', '=', contactId)
      .where('key', '=', key)
      .execute();
  }

  /** The processor did not answer: the key keeps the checkout, whose payments stay reserved. */
  async interruptIdempotency(contactId: string, key: string): Promise<void> {
    await this.storage.db
      .updateTable('idempotency_keys')
      .set({ state: 'interrupted' })
      .where('contact_id', '=', contactId)
      .where('key', '=', key)
      .where('state', '=', 'in_progress')
      .execute();
  }

  /**
   * Takes an unfinished checkout's key until `until`, for this instance: one whose holder's lease
   * ran out (a crash, a processor that never answered); with `left: 'mine'` also one this instance
   * held before it restarted; with `left: 'all'` any (at start on a store no other process uses).
   * False when another request or sweep holds it, or it is done.
   */
  async takeOver(contactId: string, key: string, now: string, until: string, left: LeftCheckouts = 'lapsed'): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('idempotency_keys')
      .set({ state: 'in_progress', locked_until: until, locked_by: this.holder })
      .where('contact_id', '=', contactId)
      .where('key', '=', key)
      .where('state', '<>', 'done')
      .$if(left !== 'all', (qb) => qb.where((eb) => this.#left(eb, now, left, true)))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Checkouts no request is finishing: unfinished keys whose lease ran out, or left as `left` says (see `takeOver`). */
  async unfinished(
    now: string,
    options: { left?: LeftCheckouts; limit?: number } = {},
  ): Promise<{ contactId: string; key: string; checkoutId: string | null }[]> {
    const left = options.left ?? 'lapsed';
    const rows = await this.storage.db
      .selectFrom('idempotency_keys')
      .select(['contact_id', 'key', 'checkout_id'])
      .where('state', '<>', 'done')
      .$if(left !== 'all', (qb) => qb.where((eb) => this.#left(eb, now, left, false)))
      .orderBy('created_at')
      .orderBy('contact_id')
      .orderBy('key')
      .limit(options.limit ?? 100)
      .execute();
    return rows.map((row) => ({ contactId: row.contact_id, key: row.key, checkoutId: row.checkout_id }));
  }

  /** Keys are kept a month; older ones go, except those of checkouts still unfinished. */
  async pruneIdempotency(before: string): Promise<number> {
    const result = await this.storage.db.deleteFrom('idempotency_keys').where('created_at', '<', before).where('state', '=', 'done').executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The payments one checkout made (one per deposit account), in the order they were written. */
  async checkoutPayments(checkoutId: string): Promise<CheckoutPayment[]> {
    const rows = await this.storage.db
      .selectFrom('payments as p')
      .select((eb) => [
        'p.id',
        'p.contact_id',
        'p.created_at',
        'p.method_ref',
        'p.amount',
        'p.currency',
        'p.processor_ref',
        eb.selectFrom('payment_allocations as a').select('a.deposit_account').whereRef('a.payment_id', '=', 'p.id').limit(1).as('account'),
        // Each payment's first event is written with it: its id keeps the order they were written in.
        eb
          .selectFrom('payment_events as e')
          .select((inner) => inner.fn.min('e.id').as('first'))
          .whereRef('e.payment_id', '=', 'p.id')
          .as('first_event'),
      ])
      .where('p.checkout_id', '=', checkoutId)
      .orderBy('p.created_at')
      .orderBy('first_event')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      contactId: row.contact_id,
      createdAt: row.created_at,
      methodRef: row.method_ref,
      amount: row.amount,
      currency: row.currency,
      account: row.account as CheckoutPayment['account'],
      processorRef: row.processor_ref,
    }));
  }

  async savedMethods(firmId: string, contactId: string): Promise<SavedMethod[]> {
    const rows = await this.storage.db
      .selectFrom('saved_payment_methods')
      .selectAll()
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('removed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toSaved);
  }

  async savedMethod(firmId: string, contactId: string, id: string): Promise<SavedMethod | undefined> {
    const row = await this.storage.db
      .selectFrom('saved_payment_methods')
      .selectAll()
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return row && toSaved(row);
  }

  /** Saves a method for the contact, or returns the one already saved for the same processor method. */
  saveMethod(
    input: Omit<SavedMethod, 'id' | 'createdAt' | 'consentedAt' | 'isDefault'> & { firmId: string; contactId: string; consentText: string },
    now: string,
  ): Promise<string> {
    // The look-up and the insert in one transaction, so two checkouts cannot both save it.
    return this.storage.transaction(async () => {
      const existing = await this.storage.db
        .selectFrom('saved_payment_methods')
        .select('id')
        .where('contact_id', '=', input.contactId)
        .where('processor', '=', input.processor)
        .where('processor_ref', '=', input.processorRef)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (existing) return existing.id;
      const id = newId('spm');
      await this.storage.db
        .insertInto('saved_payment_methods')
        .values({
          id,
          firm_id: input.firmId,
          contact_id: input.contactId,
          processor: input.processor,
          processor_ref: input.processorRef,
          type: input.type,
          brand: input.brand,
          last4: input.last4,
          exp_month: input.expMonth,
          exp_year: input.expYear,
          account_type: input.accountType,
          consent_text: input.consentText,
          consented_at: now,
          created_at: now,
        })
        .execute();
      return id;
    });
  }

  /** Makes one saved method the contact's default, and no other; false when it is not theirs or was removed. */
  async setDefaultMethod(firmId: string, contactId: string, id: string): Promise<boolean> {
    return this.storage.transaction(async () => {
      const chosen = await this.storage.db
        .updateTable('saved_payment_methods')
        .set({ is_default: 1 })
        .where('firm_id', '=', firmId)
        .where('contact_id', '=', contactId)
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (Number(chosen.numUpdatedRows) !== 1) return false;
      await this.storage.db
        .updateTable('saved_payment_methods')
        .set({ is_default: 0 })
        .where('firm_id', '=', firmId)
        .where('contact_id', '=', contactId)
        .where('id', '<>', id)
        .where('is_default', '=', 1)
        .execute();
      return true;
    });
  }

  async removeMethod(firmId: string, contactId: string, id: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('saved_payment_methods')
      .set({ removed_at: now, is_default: 0 })
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordMandate(paymentId: string, mandate: { text: string; ip: string | null; userAgent: string | null }, now: string): Promise<void> {
    await this.storage.db
      .insertInto('payment_mandates')
      .values({ payment_id: paymentId, text: mandate.text, accepted_at: now, ip: mandate.ip, user_agent: mandate.userAgent })
      .execute();
  }

  async mandate(paymentId: string): Promise<{ text: string; acceptedAt: string; ip: string | null; userAgent: string | null } | undefined> {
    const row = await this.storage.db
      .selectFrom('payment_mandates')
      .select(['text', 'accepted_at', 'ip', 'user_agent'])
      .where('payment_id', '=', paymentId)
      .executeTakeFirst();
    return row && { text: row.text, acceptedAt: row.accepted_at, ip: row.ip, userAgent: row.user_agent };
  }

  #left(eb: ExpressionBuilder<Schema, 'idempotency_keys'>, now: string, left: LeftCheckouts, orInterrupted: boolean) {
    return eb.or([
      ...(orInterrupted ? [eb('state', '=', 'interrupted')] : []),
      eb('locked_until', 'is', null),
      eb('locked_until', '<=', now),
      ...(left === 'mine' ? [eb('locked_by', '=', this.holder)] : []),
    ]);
  }
}

function toSaved(row: Selectable<SavedPaymentMethodsTable>): SavedMethod {
  return {
    id: row.id,
    type: row.type as SavedMethod['type'],
    brand: row.brand,
    last4: row.last4,
    expMonth: row.exp_month,
    expYear: row.exp_year,
    accountType: row.account_type,
    processor: row.processor,
    processorRef: row.processor_ref,
    consentedAt: row.consented_at,
    createdAt: row.created_at,
    isDefault: Number(row.is_default) === 1,
  };
}
