import type { Db } from '../../db/database.ts';
import { groupCommit } from '../../db/group-commit.ts';
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

const toRefund = (row: Record<string, any>): SandboxRefund => ({
  id: row.id, idempotencyKey: row.idempotency_key, chargeId: row.charge_id, amount: row.amount, status: row.status,
  metadata: JSON.parse(row.metadata), createdAt: row.created_at,
});

const toMethod = (row: Record<string, any>): SandboxMethod => ({
  id: row.id, type: row.type, outcome: row.outcome, brand: row.brand, last4: row.last4, expMonth: row.exp_month,
  expYear: row.exp_year, bankName: row.bank_name, accountType: row.account_type, holderName: row.holder_name, origin: row.origin,
  customer: row.customer, createdAt: row.created_at, usedAt: row.used_at,
});

const toCharge = (row: Record<string, any>): SandboxCharge => ({
  id: row.id, idempotencyKey: row.idempotency_key, paymentMethod: row.payment_method, amount: row.amount, currency: row.currency,
  account: row.account, status: row.status, failureCode: row.failure_code, clientSecret: row.client_secret,
  settlesOn: row.settles_on, metadata: JSON.parse(row.metadata), createdAt: row.created_at,
});

/** The sandbox processor's ledger: what a real processor would keep on its side. */
export class SandboxRepository {
  constructor(private readonly db: Db) {}

  insertMethod(method: Omit<SandboxMethod, 'usedAt' | 'customer' | 'origin'> & { origin?: SandboxMethod['origin'] }): void {
    this.db
      .prepare(
        `INSERT INTO sandbox_payment_methods (id, type, outcome, brand, last4, exp_month, exp_year, bank_name, account_type, holder_name, origin, created_at)
         VALUES (@id, @type, @outcome, @brand, @last4, @expMonth, @expYear, @bankName, @accountType, @holderName, @origin, @createdAt)`,
      )
      .run({ ...method, origin: method.origin ?? 'typed' });
  }

  method(id: string): SandboxMethod | undefined {
    const row = this.db.prepare('SELECT * FROM sandbox_payment_methods WHERE id = ?').get(id);
    return row ? toMethod(row as Record<string, any>) : undefined;
  }

  markMethodUsed(id: string, at: string, customer: string | null): void {
    this.db.prepare('UPDATE sandbox_payment_methods SET used_at = COALESCE(used_at, ?), customer = COALESCE(customer, ?) WHERE id = ?').run(at, customer, id);
  }

  detachMethod(id: string): void {
    this.db.prepare('UPDATE sandbox_payment_methods SET customer = NULL WHERE id = ?').run(id);
  }

  chargeByKey(idempotencyKey: string): SandboxCharge | undefined {
    const row = this.db.prepare('SELECT * FROM sandbox_charges WHERE idempotency_key = ?').get(idempotencyKey);
    return row ? toCharge(row as Record<string, any>) : undefined;
  }

  charge(id: string): SandboxCharge | undefined {
    const row = this.db.prepare('SELECT * FROM sandbox_charges WHERE id = ?').get(id);
    return row ? toCharge(row as Record<string, any>) : undefined;
  }

  insertCharge(charge: SandboxCharge): void {
    this.db
      .prepare(
        `INSERT INTO sandbox_charges (id, idempotency_key, payment_method, amount, currency, account, status, failure_code, client_secret, settles_on, metadata, created_at)
         VALUES (@id, @idempotencyKey, @paymentMethod, @amount, @currency, @account, @status, @failureCode, @clientSecret, @settlesOn, @metadata, @createdAt)`,
      )
      .run({ ...charge, metadata: JSON.stringify(charge.metadata) });
  }

  /** A new charge and its method's use, in one transaction: the processor's record of the charge is all or nothing. */
  recordCharge(charge: SandboxCharge, use: { methodId: string; usedAt: string; customer: string | null }): Promise<void> {
    return groupCommit(this.db).write(() => {
      this.insertCharge(charge);
      this.markMethodUsed(use.methodId, use.usedAt, use.customer);
    });
  }

  /** Settles a processing charge and delivers its event in one transaction; a charge settled already is left alone. */
  settle(id: string, status: 'succeeded' | 'failed', failureCode: string | null, deliver: () => void): void {
    this.db.transaction(() => {
      const changed = this.db.prepare("UPDATE sandbox_charges SET status = ?, failure_code = ? WHERE id = ? AND status = 'processing'").run(status, failureCode, id);
      if (changed.changes === 1) deliver();
    }).immediate();
  }

  setChargeStatus(id: string, status: SandboxCharge['status'], failureCode: string | null): void {
    this.db.prepare('UPDATE sandbox_charges SET status = ?, failure_code = ? WHERE id = ?').run(status, failureCode, id);
  }

  refundByKey(idempotencyKey: string): SandboxRefund | undefined {
    const row = this.db.prepare('SELECT * FROM sandbox_refunds WHERE idempotency_key = ?').get(idempotencyKey);
    return row ? toRefund(row as Record<string, any>) : undefined;
  }

  /**
   * Refunds part of a charge unless that would take back more than was charged, in one
   * transaction: the refunded total is checked where it is written. Undefined when it would.
   */
  recordRefund(refund: SandboxRefund, chargeAmount: number): Promise<SandboxRefund | undefined> {
    return groupCommit(this.db).write(() => {
      const existing = this.refundByKey(refund.idempotencyKey);
      if (existing) return existing;
      const refunded = (this.db.prepare('SELECT COALESCE(SUM(amount), 0) AS n FROM sandbox_refunds WHERE charge_id = ?').get(refund.chargeId) as { n: number }).n;
      if (refunded + refund.amount > chargeAmount) return undefined;
      this.db
        .prepare(
          `INSERT INTO sandbox_refunds (id, idempotency_key, charge_id, amount, status, metadata, created_at)
           VALUES (@id, @idempotencyKey, @chargeId, @amount, @status, @metadata, @createdAt)`,
        )
        .run({ ...refund, metadata: JSON.stringify(refund.metadata) });
      return refund;
    });
  }

  /** Bank debits due to settle on or before `date`. */
  settling(date: string): SandboxCharge[] {
    return this.db
      .prepare("SELECT * FROM sandbox_charges WHERE status = 'processing' AND settles_on <= ? ORDER BY created_at")
      .all(date)
      .map((row) => toCharge(row as Record<string, any>));
  }

  state(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM sandbox_state WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setState(key: string, value: string): void {
    this.db.prepare('INSERT INTO sandbox_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  createLinkSession(session: { linkToken: string; contactId: string; expiresAt: string; createdAt: string }): void {
    this.db
      .prepare("INSERT INTO sandbox_link_sessions (link_token, contact_id, state, expires_at, created_at) VALUES (@linkToken, @contactId, 'started', @expiresAt, @createdAt)")
      .run(session);
  }

  linkSession(linkToken: string) {
    return this.db.prepare('SELECT * FROM sandbox_link_sessions WHERE link_token = ?').get(linkToken) as
      | { link_token: string; contact_id: string; institution: string | null; state: string; public_token: string | null; expires_at: string }
      | undefined;
  }

  linkSessionByPublicToken(publicToken: string) {
    return this.db.prepare('SELECT * FROM sandbox_link_sessions WHERE public_token = ?').get(publicToken) as
      | { link_token: string; contact_id: string; institution: string | null; state: string; public_token: string; expires_at: string }
      | undefined;
  }

  updateLinkSession(linkToken: string, changes: { state: string; institution?: string; publicToken?: string }): void {
    this.db
      .prepare('UPDATE sandbox_link_sessions SET state = @state, institution = COALESCE(@institution, institution), public_token = COALESCE(@publicToken, public_token) WHERE link_token = @linkToken')
      .run({ linkToken, state: changes.state, institution: changes.institution ?? null, publicToken: changes.publicToken ?? null });
  }
}
