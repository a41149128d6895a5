import type { Selectable } from 'kysely';
import type { AutopayChargesTable } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
import type { AutopayCharge, AutopayChargeStatus, EnrolmentRecord, EnrolmentStatus } from './autopay.ts';
import type { AuthorizationRecord } from './plans.repository.ts';

export interface NewEnrolment {
  id: string;
  firmId: string;
  contactId: string;
  matter: string;
  savedMethodId: string;
  authorization: Omit<AuthorizationRecord, 'revokedAt' | 'revokedBy' | 'firmId' | 'contactId' | 'savedMethodId' | 'purpose'>;
}

/** A charge as the sweep finds it (across firms). */
export interface DueCharge {
  id: string;
  enrolmentId: string;
  firmId: string;
  attemptOn: string;
  status: AutopayChargeStatus;
}

type ChargeChanges = Partial<Pick<AutopayCharge, 'status' | 'attempts' | 'paymentId' | 'attemptOn' | 'lastError' | 'amount' | 'remindedAt'>>;

/**
 * Autopay enrolments, their charges, and the authorizations behind them (the table payment plans
 * keep theirs in, with purpose `autopay`). The caller's `write` holds each change together with the
 * jobs and emails it queues.
 */
export class AutopayRepository {
  constructor(private readonly storage: Storage) {}

  /** Runs `work` in one write transaction (with the jobs and emails it queues). */
  write<T>(work: () => Promise<T>): Promise<T> {
    return this.storage.write(work);
  }

  async create(enrolment: NewEnrolment, now: string): Promise<void> {
    const { authorization } = enrolment;
    await this.storage.db
      .insertInto('payment_authorizations')
      .values({
        id: authorization.id,
        firm_id: enrolment.firmId,
        contact_id: enrolment.contactId,
        purpose: 'autopay',
        method_type: authorization.method.type,
        method_brand: authorization.method.brand,
        method_last4: authorization.method.last4,
        saved_method_id: enrolment.savedMethodId,
        text: authorization.text,
        text_version: authorization.version,
        accepted_at: authorization.acceptedAt,
        ip: authorization.ip,
        user_agent: authorization.userAgent,
        created_at: now,
      })
      .execute();
    await this.storage.db
      .insertInto('autopay_enrolments')
      .values({
        id: enrolment.id,
        firm_id: enrolment.firmId,
        contact_id: enrolment.contactId,
        matter: enrolment.matter,
        authorization_id: authorization.id,
        saved_method_id: enrolment.savedMethodId,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  /** The active enrolment for the client's matter, if there is one. */
  async activeFor(firmId: string, contactId: string, matter: string): Promise<string | undefined> {
    const row = await this.storage.db
      .selectFrom('autopay_enrolments')
      .select('id')
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('matter', '=', matter)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return row?.id;
  }

  async find(firmId: string, id: string): Promise<EnrolmentRecord | undefined> {
    return (await this.list(firmId, { id }))[0];
  }

  async list(firmId: string, filter: { id?: string; contactId?: string; status?: EnrolmentStatus }): Promise<EnrolmentRecord[]> {
    const rows = await this.storage.db
      .selectFrom('autopay_enrolments as e')
      .innerJoin('payment_authorizations as a', 'a.id', 'e.authorization_id')
      .selectAll('e')
      .select(['a.method_type', 'a.method_brand', 'a.method_last4'])
      .where('e.firm_id', '=', firmId)
      .$if(filter.id !== undefined, (qb) => qb.where('e.id', '=', filter.id!))
      .$if(filter.contactId !== undefined, (qb) => qb.where('e.contact_id', '=', filter.contactId!))
      .$if(filter.status !== undefined, (qb) => qb.where('e.status', '=', filter.status!))
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(200)
      .execute();
    if (!rows.length) return [];
    const charges = await this.storage.db
      .selectFrom('autopay_charges')
      .selectAll()
      .where(
        'enrolment_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      firmId: row.firm_id,
      contactId: row.contact_id,
      matter: row.matter,
      authorizationId: row.authorization_id,
      savedMethodId: row.saved_method_id,
      status: row.status as EnrolmentStatus,
      createdAt: row.created_at,
      endedAt: row.ended_at,
      endedReason: row.ended_reason,
      method: { type: row.method_type as 'card' | 'us_bank_account', brand: row.method_brand, last4: row.method_last4 },
      charges: charges.filter((charge) => charge.enrolment_id === row.id).map(toCharge),
    }));
  }

  /** Ends an enrolment (in the caller's transaction): its authorization revoked, the charges not yet started cancelled. */
  async end(enrolmentId: string, outcome: { status: Exclude<EnrolmentStatus, 'active'>; reason: string; by: string }, now: string): Promise<boolean> {
    const ended = await this.storage.db
      .updateTable('autopay_enrolments')
      .set({ status: outcome.status, ended_at: now, ended_reason: outcome.reason, updated_at: now })
      .where('id', '=', enrolmentId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) !== 1) return false;
    await this.storage.db
      .updateTable('autopay_charges')
      .set({ status: 'cancelled', updated_at: now })
      .where('enrolment_id', '=', enrolmentId)
      .where('status', '=', 'scheduled')
      .execute();
    const enrolment = await this.storage.db.selectFrom('autopay_enrolments').select('authorization_id').where('id', '=', enrolmentId).executeTakeFirstOrThrow();
    await this.storage.db
      .updateTable('payment_authorizations')
      .set({ revoked_at: now, revoked_by: outcome.by })
      .where('id', '=', enrolment.authorization_id)
      .where('revoked_at', 'is', null)
      .execute();
    return true;
  }

  /**
   * The enrolment's charges already started and not yet settled: claimed by a charge job
   * (`charging`) or a bank debit waiting to settle (`processing`). Read in the transaction that
   * ends the enrolment, after `end`: on PostgreSQL `end` waits for a claim holding a charge's row,
   * so a charge claimed just before is seen here.
   */
  async underWay(enrolmentId: string): Promise<AutopayCharge[]> {
    const rows = await this.storage.db
      .selectFrom('autopay_charges')
      .selectAll()
      .where('enrolment_id', '=', enrolmentId)
      .where('status', 'in', ['charging', 'processing'])
      .orderBy('attempt_on')
      .orderBy('id')
      .execute();
    return rows.map(toCharge);
  }

  /** Schedules the charge of a newly published invoice (once per enrolment and invoice). */
  async schedule(charge: { id: string; firmId: string; enrolmentId: string; invoiceId: string; chargeOn: string; attemptOn: string }, now: string) {
    await this.storage.db
      .insertInto('autopay_charges')
      .values({
        id: charge.id,
        firm_id: charge.firmId,
        enrolment_id: charge.enrolmentId,
        invoice_id: charge.invoiceId,
        charge_on: charge.chargeOn,
        attempt_on: charge.attemptOn,
        status: 'scheduled',
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['enrolment_id', 'invoice_id']).doNothing())
      .execute();
  }

  /**
   * Charges whose next attempt falls on or before `through` (the latest "today" of any time
   * zone) under an active enrolment, and charges under way or waiting on a bank debit: across
   * firms, for the sweep to sort out by each firm's own today.
   */
  async due(through: string, limit = 500): Promise<DueCharge[]> {
    const rows = await this.storage.db
      .selectFrom('autopay_charges as c')
      .innerJoin('autopay_enrolments as e', 'e.id', 'c.enrolment_id')
      .select(['c.id', 'c.enrolment_id', 'c.firm_id', 'c.attempt_on', 'c.status'])
      .where((eb) =>
        eb.or([
          eb('c.status', 'in', ['charging', 'processing']),
          eb.and([eb('e.status', '=', 'active'), eb('c.status', '=', 'scheduled'), eb('c.attempt_on', '<=', through)]),
        ]),
      )
      .orderBy('c.attempt_on')
      .orderBy('c.id')
      .limit(limit)
      .execute();
    return rows.map(toDue);
  }

  /** Scheduled charges of active enrolments dated `from` to `to` not yet reminded of (across firms). */
  async toRemind(from: string, to: string, limit = 500): Promise<DueCharge[]> {
    const rows = await this.storage.db
      .selectFrom('autopay_charges as c')
      .innerJoin('autopay_enrolments as e', 'e.id', 'c.enrolment_id')
      .select(['c.id', 'c.enrolment_id', 'c.firm_id', 'c.attempt_on', 'c.status'])
      .where('e.status', '=', 'active')
      .where('c.status', '=', 'scheduled')
      .where('c.reminded_at', 'is', null)
      .where('c.attempt_on', '>=', from)
      .where('c.attempt_on', '<=', to)
      .orderBy('c.attempt_on')
      .limit(limit)
      .execute();
    return rows.map(toDue);
  }

  /** Locks the charge's row for the transaction (PostgreSQL; SQLite's write lock covers it) and reads it. */
  async charge(id: string): Promise<AutopayCharge | undefined> {
    let query = this.storage.db.selectFrom('autopay_charges').selectAll().where('id', '=', id);
    if (this.storage.engine === 'postgres' && this.storage.inTransaction) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toCharge(row);
  }

  async updateCharge(id: string, changes: ChargeChanges, now: string): Promise<void> {
    await this.storage.db
      .updateTable('autopay_charges')
      .set({
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.attempts !== undefined ? { attempts: changes.attempts } : {}),
        ...(changes.paymentId !== undefined ? { payment_id: changes.paymentId } : {}),
        ...(changes.attemptOn !== undefined ? { attempt_on: changes.attemptOn } : {}),
        ...(changes.lastError !== undefined ? { last_error: changes.lastError } : {}),
        ...(changes.amount !== undefined ? { amount: changes.amount } : {}),
        ...(changes.remindedAt !== undefined ? { reminded_at: changes.remindedAt } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Forgets enrolments whose authorization is about to be purged (two years after it ended), with their charges. */
  async purgeForAuthorizations(authorizationIds: readonly string[]): Promise<void> {
    if (!authorizationIds.length) return;
    const ids = (await this.storage.db.selectFrom('autopay_enrolments').select('id').where('authorization_id', 'in', authorizationIds).execute()).map(
      (row) => row.id,
    );
    if (!ids.length) return;
    await this.storage.db.deleteFrom('autopay_charges').where('enrolment_id', 'in', ids).execute();
    await this.storage.db.deleteFrom('autopay_enrolments').where('id', 'in', ids).execute();
  }
}

function toDue(row: { id: string; enrolment_id: string; firm_id: string; attempt_on: string; status: string }): DueCharge {
  return { id: row.id, enrolmentId: row.enrolment_id, firmId: row.firm_id, attemptOn: row.attempt_on, status: row.status as AutopayChargeStatus };
}

function toCharge(row: Selectable<AutopayChargesTable>): AutopayCharge {
  return {
    id: row.id,
    enrolmentId: row.enrolment_id,
    firmId: row.firm_id,
    invoiceId: row.invoice_id,
    amount: Number(row.amount),
    chargeOn: row.charge_on,
    attemptOn: row.attempt_on,
    status: row.status as AutopayChargeStatus,
    attempts: Number(row.attempts),
    paymentId: row.payment_id,
    remindedAt: row.reminded_at,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}
