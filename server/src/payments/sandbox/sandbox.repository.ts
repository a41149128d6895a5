import { sql, type Selectable } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { Storage } from '../../db/storage.ts';
import type { Outcome } from './instruments.ts';

export interface SandboxMethod {
  id: string;
  type: 'card' | 'us_bank_account';
  outcome: Outcome;
  brand: string | null;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  bankName: string | null;
  accountType: string | null;
  holderName: string | null;
  /** Cards: how the card is funded, as Stripe's test cards report it; null for bank accounts. */
  funding?: 'credit' | 'debit' | 'prepaid' | 'unknown' | null;
  /** Cards: the billing postal code given with the card. */
  postalCode?: string | null;
  origin: 'typed' | 'linked';
  customer: string | null;
  createdAt: string;
  usedAt: string | null;
}

export interface SandboxCharge {
  id: string;
  idempotencyKey: string;
  paymentMethod: string;
  amount: number;
  currency: string;
  account: string;
  status: 'succeeded' | 'processing' | 'requires_action' | 'failed';
  failureCode: string | null;
  clientSecret: string;
  settlesOn: string | null;
  metadata: Record<string, string>;
  createdAt: string;
}

export interface SandboxRefund {
  id: string;
  idempotencyKey: string;
  chargeId: string;
  amount: number;
  status: 'succeeded';
  metadata: Record<string, string>;
  createdAt: string;
}

/** A bank sign-in of the sandbox's Link, as stored. */
export type LinkSession = Selectable<Schema['sandbox_link_sessions']>;

// The text columns below hold only the values this repository writes (the unions of the types).
const toRefund = (row: Selectable<Schema['sandbox_refunds']>): SandboxRefund => ({
  id: row.id,
  idempotencyKey: row.idempotency_key,
  chargeId: row.charge_id,
  amount: row.amount,
  status: row.status as SandboxRefund['status'],
  metadata: JSON.parse(row.metadata),
  createdAt: row.created_at,
});

const toMethod = (row: Selectable<Schema['sandbox_payment_methods']>): SandboxMethod => ({
  id: row.id,
  type: row.type as SandboxMethod['type'],
  outcome: row.outcome as SandboxMethod['outcome'],
  brand: row.brand,
  last4: row.last4,
  expMonth: row.exp_month,
  expYear: row.exp_year,
  bankName: row.bank_name,
  accountType: row.account_type,
  holderName: row.holder_name,
  funding: row.funding as SandboxMethod['funding'],
  postalCode: row.postal_code,
  origin: row.origin as SandboxMethod['origin'],
  customer: row.customer,
  createdAt: row.created_at,
  usedAt: row.used_at,
});

const toCharge = (row: Selectable<Schema['sandbox_charges']>): SandboxCharge => ({
  id: row.id,
  idempotencyKey: row.idempotency_key,
  paymentMethod: row.payment_method,
  amount: row.amount,
  currency: row.currency,
  account: row.account,
  status: row.status as SandboxCharge['status'],
  failureCode: row.failure_code,
  clientSecret: row.client_secret,
  settlesOn: row.settles_on,
  metadata: JSON.parse(row.metadata),
  createdAt: row.created_at,
});

/** The sandbox processor's ledger: what a real processor would keep on its side. */
export class SandboxRepository {
  constructor(private readonly storage: Storage) {}

  async insertMethod(method: Omit<SandboxMethod, 'usedAt' | 'customer' | 'origin'> & { origin?: SandboxMethod['origin'] }): Promise<void> {
    await this.storage.db
      .insertInto('sandbox_payment_methods')
      .values({
        id: method.id,
        type: method.type,
        outcome: method.outcome,
        brand: method.brand,
        last4: method.last4,
        exp_month: method.expMonth,
        exp_year: method.expYear,
        bank_name: method.bankName,
        account_type: method.accountType,
        holder_name: method.holderName,
        funding: method.funding ?? null,
        postal_code: method.postalCode ?? null,
        origin: method.origin ?? 'typed',
        created_at: method.createdAt,
      })
      .execute();
  }

  async method(id: string): Promise<SandboxMethod | undefined> {
    const row = await this.storage.db.selectFrom('sandbox_payment_methods').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toMethod(row) : undefined;
  }

  async markMethodUsed(id: string, at: string, customer: string | null): Promise<void> {
    await this.storage.db
      .updateTable('sandbox_payment_methods')
      .set((eb) => ({ used_at: eb.fn.coalesce('used_at', eb.val(at)), customer: eb.fn.coalesce('customer', eb.val(customer)) }))
      .where('id', '=', id)
      .execute();
  }

  async detachMethod(id: string): Promise<void> {
    await this.storage.db.updateTable('sandbox_payment_methods').set({ customer: null }).where('id', '=', id).execute();
  }

  async chargeByKey(idempotencyKey: string): Promise<SandboxCharge | undefined> {
    const row = await this.storage.db.selectFrom('sandbox_charges').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    return row ? toCharge(row) : undefined;
  }

  async charge(id: string): Promise<SandboxCharge | undefined> {
    const row = await this.storage.db.selectFrom('sandbox_charges').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCharge(row) : undefined;
  }

  async insertCharge(charge: SandboxCharge): Promise<void> {
    await this.storage.db
      .insertInto('sandbox_charges')
      .values({
        id: charge.id,
        idempotency_key: charge.idempotencyKey,
        payment_method: charge.paymentMethod,
        amount: charge.amount,
        currency: charge.currency,
        account: charge.account,
        status: charge.status,
        failure_code: charge.failureCode,
        client_secret: charge.clientSecret,
        settles_on: charge.settlesOn,
        metadata: JSON.stringify(charge.metadata),
        created_at: charge.createdAt,
      })
      .execute();
  }

  /** A new charge and its method's use, in one transaction: the processor's record of the charge is all or nothing. */
  recordCharge(charge: SandboxCharge, use: { methodId: string; usedAt: string; customer: string | null }): Promise<void> {
    return this.storage.write(async () => {
      await this.insertCharge(charge);
      await this.markMethodUsed(use.methodId, use.usedAt, use.customer);
    });
  }

  /** Settles a processing charge and delivers its event in one transaction; a charge settled already is left alone. */
  async settle(id: string, status: 'succeeded' | 'failed', failureCode: string | null, deliver: () => Promise<unknown> | void): Promise<void> {
    await this.storage.transaction(async () => {
      const changed = await this.storage.db
        .updateTable('sandbox_charges')
        .set({ status, failure_code: failureCode })
        .where('id', '=', id)
        .where('status', '=', 'processing')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 1) await deliver();
    });
  }

  /** Moves a charge that is still `from` to `status`; false when it moved already (another request was first). */
  async moveCharge(id: string, from: SandboxCharge['status'], status: SandboxCharge['status'], failureCode: string | null): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('sandbox_charges')
      .set({ status, failure_code: failureCode })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async refundByKey(idempotencyKey: string): Promise<SandboxRefund | undefined> {
    const row = await this.storage.db.selectFrom('sandbox_refunds').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    return row ? toRefund(row) : undefined;
  }

  /**
   * Refunds part of a charge unless that would take back more than was charged, in one
   * transaction: the refunded total is checked where it is written. Undefined when it would.
   */
  recordRefund(refund: SandboxRefund, chargeAmount: number): Promise<SandboxRefund | undefined> {
    return this.storage.write(async () => {
      // PostgreSQL: the charge's row lock makes refunds of it check and write one after another, as
      // SQLite's one writer does.
      if (this.storage.engine === 'postgres') {
        await this.storage.db.selectFrom('sandbox_charges').select('id').where('id', '=', refund.chargeId).forUpdate().execute();
      }
      const existing = await this.refundByKey(refund.idempotencyKey);
      if (existing) return existing;
      const { refunded } = await this.storage.db
        .selectFrom('sandbox_refunds')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('refunded'))
        .where('charge_id', '=', refund.chargeId)
        .executeTakeFirstOrThrow();
      if (Number(refunded) + refund.amount > chargeAmount) return undefined;
      await this.storage.db
        .insertInto('sandbox_refunds')
        .values({
          id: refund.id,
          idempotency_key: refund.idempotencyKey,
          charge_id: refund.chargeId,
          amount: refund.amount,
          status: refund.status,
          metadata: JSON.stringify(refund.metadata),
          created_at: refund.createdAt,
        })
        .execute();
      return refund;
    });
  }

  /** Bank debits due to settle on or before `date`. */
  async settling(date: string): Promise<SandboxCharge[]> {
    const rows = await this.storage.db
      .selectFrom('sandbox_charges')
      .selectAll()
      .where('status', '=', 'processing')
      .where('settles_on', '<=', date)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toCharge);
  }

  async state(key: string): Promise<string | undefined> {
    const row = await this.storage.db.selectFrom('sandbox_state').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  /** Adds `amount` to a numeric state value (from 0), in one statement so two changes at once never lose one; the new value. */
  async addToState(key: string, amount: number): Promise<number> {
    const row = await this.storage.db
      .insertInto('sandbox_state')
      .values({ key, value: String(amount) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<string>`CAST(CAST(sandbox_state.value AS BIGINT) + ${amount} AS TEXT)` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  async createLinkSession(session: { linkToken: string; contactId: string; expiresAt: string; createdAt: string }): Promise<void> {
    await this.storage.db
      .insertInto('sandbox_link_sessions')
      .values({ link_token: session.linkToken, contact_id: session.contactId, state: 'started', expires_at: session.expiresAt, created_at: session.createdAt })
      .execute();
  }

  linkSession(linkToken: string): Promise<LinkSession | undefined> {
    return this.storage.db.selectFrom('sandbox_link_sessions').selectAll().where('link_token', '=', linkToken).executeTakeFirst();
  }

  linkSessionByPublicToken(publicToken: string): Promise<LinkSession | undefined> {
    return this.storage.db.selectFrom('sandbox_link_sessions').selectAll().where('public_token', '=', publicToken).executeTakeFirst();
  }

  async updateLinkSession(linkToken: string, changes: { state: string; institution?: string; publicToken?: string }): Promise<void> {
    await this.storage.db
      .updateTable('sandbox_link_sessions')
      .set((eb) => ({
        state: changes.state,
        institution: eb.fn.coalesce(eb.val(changes.institution ?? null), 'institution'),
        public_token: eb.fn.coalesce(eb.val(changes.publicToken ?? null), 'public_token'),
      }))
      .where('link_token', '=', linkToken)
      .execute();
  }

  /**
   * Uses up a session whose account was chosen and saves the payment method it yields, together;
   * false when the session is no longer `chosen` (another exchange took it first).
   */
  exchangeLinkSession(linkToken: string, chosen: string, method: Parameters<SandboxRepository['insertMethod']>[0]): Promise<boolean> {
    return this.storage.transaction(async () => {
      const taken = await this.storage.db
        .updateTable('sandbox_link_sessions')
        .set({ state: 'exchanged' })
        .where('link_token', '=', linkToken)
        .where('state', '=', chosen)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) return false;
      await this.insertMethod(method);
      return true;
    });
  }
}
