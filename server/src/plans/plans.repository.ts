import type { Selectable } from 'kysely';
import type { PaymentAuthorizationsTable, PaymentPlansTable, PlanInstalmentsTable } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
import type { Instalment, InstalmentStatus, PlanRecord, PlanStatus } from './plan.ts';

export interface AuthorizationRecord {
  id: string;
  firmId: string;
  contactId: string;
  purpose: 'plan' | 'autopay';
  method: { type: 'card' | 'us_bank_account'; brand: string | null; last4: string };
  savedMethodId: string;
  text: string;
  version: string;
  acceptedAt: string;
  ip: string | null;
  userAgent: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface NewPlan {
  id: string;
  firmId: string;
  contactId: string;
  invoiceId: string;
  savedMethodId: string;
  amount: number;
  currency: string;
  instalments: { id: string; dueOn: string; amount: number }[];
  authorization: Omit<AuthorizationRecord, 'revokedAt' | 'revokedBy' | 'firmId' | 'contactId' | 'savedMethodId' | 'purpose'>;
}

/** A due instalment, as the sweep finds it (across firms). */
export interface DueInstalment {
  id: string;
  planId: string;
  firmId: string;
  attemptOn: string;
  status: InstalmentStatus;
  remindedAt: string | null;
  dueOn: string;
}

/**
 * Payment plans, their instalments and the authorizations behind them (which autopay shares: see
 * AutopayRepository).
 * Every multi-row change is one transaction; the jobs and emails a change calls for are written
 * inside it by the caller's `after`.
 */
export class PlansRepository {
  constructor(private readonly storage: Storage) {}

  /** Runs `work` in one write transaction (with the jobs and emails it queues). */
  write<T>(work: () => Promise<T>): Promise<T> {
    return this.storage.write(work);
  }

  async create(plan: NewPlan, now: string): Promise<void> {
    const { authorization } = plan;
    await this.storage.db
      .insertInto('payment_authorizations')
      .values({
        id: authorization.id,
        firm_id: plan.firmId,
        contact_id: plan.contactId,
        purpose: 'plan',
        method_type: authorization.method.type,
        method_brand: authorization.method.brand,
        method_last4: authorization.method.last4,
        saved_method_id: plan.savedMethodId,
        text: authorization.text,
        text_version: authorization.version,
        accepted_at: authorization.acceptedAt,
        ip: authorization.ip,
        user_agent: authorization.userAgent,
        created_at: now,
      })
      .execute();
    await this.storage.db
      .insertInto('payment_plans')
      .values({
        id: plan.id,
        firm_id: plan.firmId,
        contact_id: plan.contactId,
        invoice_id: plan.invoiceId,
        authorization_id: authorization.id,
        saved_method_id: plan.savedMethodId,
        amount: plan.amount,
        currency: plan.currency,
        status: 'active',
        created_at: now,
        updated_at: now,
      })
      .execute();
    let seq = 0;
    for (const instalment of plan.instalments) {
      seq += 1;
      await this.storage.db
        .insertInto('plan_instalments')
        .values({
          id: instalment.id,
          firm_id: plan.firmId,
          plan_id: plan.id,
          seq,
          due_on: instalment.dueOn,
          attempt_on: instalment.dueOn,
          amount: instalment.amount,
          status: 'scheduled',
          updated_at: now,
        })
        .execute();
    }
  }

  /** The active plan on an invoice, if there is one. */
  async activeFor(invoiceId: string): Promise<string | undefined> {
    const row = await this.storage.db
      .selectFrom('payment_plans')
      .select('id')
      .where('invoice_id', '=', invoiceId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return row?.id;
  }

  async find(firmId: string, id: string): Promise<PlanRecord | undefined> {
    return (await this.list(firmId, { id }))[0];
  }

  async list(firmId: string, filter: { id?: string; contactId?: string; invoiceId?: string; status?: PlanStatus }): Promise<PlanRecord[]> {
    const rows = await this.storage.db
      .selectFrom('payment_plans as p')
      .innerJoin('payment_authorizations as a', 'a.id', 'p.authorization_id')
      .selectAll('p')
      .select(['a.method_type', 'a.method_brand', 'a.method_last4'])
      .where('p.firm_id', '=', firmId)
      .$if(filter.id !== undefined, (qb) => qb.where('p.id', '=', filter.id!))
      .$if(filter.contactId !== undefined, (qb) => qb.where('p.contact_id', '=', filter.contactId!))
      .$if(filter.invoiceId !== undefined, (qb) => qb.where('p.invoice_id', '=', filter.invoiceId!))
      .$if(filter.status !== undefined, (qb) => qb.where('p.status', '=', filter.status!))
      .orderBy('p.created_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(200)
      .execute();
    if (!rows.length) return [];
    const instalments = await this.storage.db
      .selectFrom('plan_instalments')
      .selectAll()
      .where(
        'plan_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('plan_id')
      .orderBy('seq')
      .execute();
    return rows.map((row) =>
      toPlan(
        row,
        instalments.filter((instalment) => instalment.plan_id === row.id),
      ),
    );
  }

  async authorization(firmId: string, id: string): Promise<AuthorizationRecord | undefined> {
    const row = await this.storage.db.selectFrom('payment_authorizations').selectAll().where('firm_id', '=', firmId).where('id', '=', id).executeTakeFirst();
    return row && toAuthorization(row);
  }

  /** The firm's authorizations accepted in [from, to), oldest first, for its records. */
  async authorizations(
    firmId: string,
    from: string,
    to: string,
  ): Promise<(AuthorizationRecord & { planId: string | null; invoiceId: string | null; autopayId: string | null; matter: string | null })[]> {
    const rows = await this.storage.db
      .selectFrom('payment_authorizations as a')
      .leftJoin('payment_plans as p', 'p.authorization_id', 'a.id')
      .leftJoin('autopay_enrolments as e', 'e.authorization_id', 'a.id')
      .selectAll('a')
      .select(['p.id as plan_id', 'p.invoice_id', 'e.id as autopay_id', 'e.matter'])
      .where('a.firm_id', '=', firmId)
      .where('a.accepted_at', '>=', from)
      .where('a.accepted_at', '<', to)
      .orderBy('a.accepted_at')
      .orderBy('a.id')
      .execute();
    return rows.map((row) => ({ ...toAuthorization(row), planId: row.plan_id, invoiceId: row.invoice_id, autopayId: row.autopay_id, matter: row.matter }));
  }

  /** Ends a plan (in the caller's transaction): its authorization revoked, what was still to charge cancelled. */
  async end(
    planId: string,
    outcome: { status: Exclude<PlanStatus, 'active'>; reason: string; by: string; instalments: 'cancelled' | 'skipped' },
    now: string,
  ): Promise<boolean> {
    const ended = await this.storage.db
      .updateTable('payment_plans')
      .set({ status: outcome.status, ended_at: now, ended_reason: outcome.reason, updated_at: now })
      .where('id', '=', planId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) !== 1) return false;
    await this.storage.db
      .updateTable('plan_instalments')
      .set({ status: outcome.instalments, updated_at: now })
      .where('plan_id', '=', planId)
      .where('status', '=', 'scheduled')
      .execute();
    const plan = await this.storage.db.selectFrom('payment_plans').select('authorization_id').where('id', '=', planId).executeTakeFirstOrThrow();
    await this.storage.db
      .updateTable('payment_authorizations')
      .set({ revoked_at: now, revoked_by: outcome.by })
      .where('id', '=', plan.authorization_id)
      .where('revoked_at', 'is', null)
      .execute();
    return true;
  }

  /**
   * Instalments of active plans whose next attempt falls on or before `through` (the latest
   * "today" of any time zone), or whose reminder is due, or which wait on a bank debit: across
   * firms, for the sweep to sort out by each firm's own today.
   */
  async due(through: string, limit = 500): Promise<DueInstalment[]> {
    const rows = await this.storage.db
      .selectFrom('plan_instalments as i')
      .innerJoin('payment_plans as p', 'p.id', 'i.plan_id')
      .select(['i.id', 'i.plan_id', 'i.firm_id', 'i.attempt_on', 'i.status', 'i.reminded_at', 'i.due_on'])
      .where('p.status', '=', 'active')
      .where((eb) => eb.or([eb('i.status', 'in', ['charging', 'processing']), eb.and([eb('i.status', '=', 'scheduled'), eb('i.attempt_on', '<=', through)])]))
      .orderBy('i.attempt_on')
      .orderBy('i.id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      planId: row.plan_id,
      firmId: row.firm_id,
      attemptOn: row.attempt_on,
      status: row.status as InstalmentStatus,
      remindedAt: row.reminded_at,
      dueOn: row.due_on,
    }));
  }

  /** Locks the instalment's row for the transaction (PostgreSQL; SQLite's write lock covers it) and reads it. */
  async instalment(id: string): Promise<(Instalment & { planId: string; firmId: string }) | undefined> {
    let query = this.storage.db.selectFrom('plan_instalments').selectAll().where('id', '=', id);
    if (this.storage.engine === 'postgres' && this.storage.inTransaction) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && { ...toInstalment(row), planId: row.plan_id, firmId: row.firm_id };
  }

  async updateInstalment(
    id: string,
    changes: Partial<Pick<Instalment, 'status' | 'attempts' | 'paymentId' | 'attemptOn' | 'lastError' | 'amount' | 'remindedAt'>>,
    now: string,
  ): Promise<void> {
    await this.storage.db
      .updateTable('plan_instalments')
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

  /** Scheduled instalments of active plans dated `from` to `to` not yet reminded of (across firms). */
  async toRemind(from: string, to: string, limit = 500): Promise<DueInstalment[]> {
    const rows = await this.storage.db
      .selectFrom('plan_instalments as i')
      .innerJoin('payment_plans as p', 'p.id', 'i.plan_id')
      .select(['i.id', 'i.plan_id', 'i.firm_id', 'i.attempt_on', 'i.status', 'i.reminded_at', 'i.due_on'])
      .where('p.status', '=', 'active')
      .where('i.status', '=', 'scheduled')
      .where('i.reminded_at', 'is', null)
      .where('i.attempt_on', '>=', from)
      .where('i.attempt_on', '<=', to)
      .orderBy('i.attempt_on')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      planId: row.plan_id,
      firmId: row.firm_id,
      attemptOn: row.attempt_on,
      status: row.status as InstalmentStatus,
      remindedAt: row.reminded_at,
      dueOn: row.due_on,
    }));
  }

  /**
   * Forgets authorizations that ended (revoked) before `before`, with the plans and instalments
   * that rest on them: the two years of record keeping are over. Returns how many went.
   */
  async purgeEndedBefore(before: string): Promise<number> {
    return this.storage.write(async () => {
      const old = await this.storage.db
        .selectFrom('payment_authorizations')
        .select('id')
        .where('revoked_at', 'is not', null)
        .where('revoked_at', '<', before)
        .limit(500)
        .execute();
      if (!old.length) return 0;
      const ids = old.map((row) => row.id);
      const plans = (await this.storage.db.selectFrom('payment_plans').select('id').where('authorization_id', 'in', ids).execute()).map((row) => row.id);
      if (plans.length) {
        await this.storage.db.deleteFrom('plan_instalments').where('plan_id', 'in', plans).execute();
        await this.storage.db.deleteFrom('payment_plans').where('id', 'in', plans).execute();
      }
      const enrolments = (await this.storage.db.selectFrom('autopay_enrolments').select('id').where('authorization_id', 'in', ids).execute()).map(
        (row) => row.id,
      );
      if (enrolments.length) {
        await this.storage.db.deleteFrom('autopay_charges').where('enrolment_id', 'in', enrolments).execute();
        await this.storage.db.deleteFrom('autopay_enrolments').where('id', 'in', enrolments).execute();
      }
      await this.storage.db.deleteFrom('payment_authorizations').where('id', 'in', ids).execute();
      return ids.length;
    });
  }
}

function toInstalment(row: Selectable<PlanInstalmentsTable>): Instalment {
  return {
    id: row.id,
    seq: Number(row.seq),
    dueOn: row.due_on,
    attemptOn: row.attempt_on,
    amount: Number(row.amount),
    status: row.status as InstalmentStatus,
    attempts: Number(row.attempts),
    paymentId: row.payment_id,
    remindedAt: row.reminded_at,
    lastError: row.last_error,
  };
}

function toPlan(
  row: Selectable<PaymentPlansTable> & { method_type: string; method_brand: string | null; method_last4: string },
  instalments: Selectable<PlanInstalmentsTable>[],
): PlanRecord {
  return {
    id: row.id,
    firmId: row.firm_id,
    contactId: row.contact_id,
    invoiceId: row.invoice_id,
    authorizationId: row.authorization_id,
    savedMethodId: row.saved_method_id,
    amount: Number(row.amount),
    currency: row.currency,
    status: row.status as PlanStatus,
    endedAt: row.ended_at,
    endedReason: row.ended_reason,
    createdAt: row.created_at,
    method: { type: row.method_type as 'card' | 'us_bank_account', brand: row.method_brand, last4: row.method_last4 },
    instalments: instalments.map(toInstalment),
  };
}

function toAuthorization(row: Selectable<PaymentAuthorizationsTable>): AuthorizationRecord {
  return {
    id: row.id,
    firmId: row.firm_id,
    contactId: row.contact_id,
    purpose: row.purpose as 'plan' | 'autopay',
    method: { type: row.method_type as 'card' | 'us_bank_account', brand: row.method_brand, last4: row.method_last4 },
    savedMethodId: row.saved_method_id,
    text: row.text,
    version: row.text_version,
    acceptedAt: row.accepted_at,
    ip: row.ip,
    userAgent: row.user_agent,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}
