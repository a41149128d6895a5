import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';

export interface Invitation {
  id: string; firmId: string; contactId: string; expiresAt: string;
  acceptedAt: string | null; revokedAt: string | null; createdAt: string;
}
export interface PasswordReset { id: string; contactId: string; firmId: string; expiresAt: string; usedAt: string | null }
export interface RefreshToken {
  id: string; familyId: string; contactId: string; firmId: string; expiresAt: string;
  usedAt: string | null; familyRevokedAt: string | null;
}

/** Portal logins and the secrets around them. Secrets arrive here already hashed. */
export class AuthRepository {
  #login;
  #upsertLogin;
  #touchLogin;
  #insertInvitation;
  #invitationByHash;
  #acceptInvitation;
  #revokeOpenInvitations;
  #insertReset;
  #resetByHash;
  #useReset;
  #insertFamily;
  #insertRefresh;
  #refreshByHash;
  #useRefresh;
  #revokeFamily;
  #revokeContactFamilies;

  constructor(readonly db: Db) {
    this.#login = db.prepare<[string], { password_hash: string }>('SELECT password_hash FROM portal_logins WHERE contact_id = ?');
    this.#upsertLogin = db.prepare(
      `INSERT INTO portal_logins (contact_id, password_hash, password_changed_at, created_at) VALUES (@contactId, @hash, @now, @now)
       ON CONFLICT (contact_id) DO UPDATE SET password_hash = excluded.password_hash, password_changed_at = excluded.password_changed_at`,
    );
    this.#touchLogin = db.prepare('UPDATE portal_logins SET last_login_at = ? WHERE contact_id = ?');
    this.#insertInvitation = db.prepare(
      `INSERT INTO invitations (id, firm_id, contact_id, token_hash, expires_at, created_at)
       VALUES (@id, @firmId, @contactId, @tokenHash, @expiresAt, @now)`,
    );
    this.#invitationByHash = db.prepare<[string], Record<string, string | null>>('SELECT * FROM invitations WHERE token_hash = ?');
    this.#acceptInvitation = db.prepare('UPDATE invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL');
    this.#revokeOpenInvitations = db.prepare(
      'UPDATE invitations SET revoked_at = ? WHERE contact_id = ? AND accepted_at IS NULL AND revoked_at IS NULL',
    );
    this.#insertReset = db.prepare(
      `INSERT INTO password_resets (id, contact_id, token_hash, expires_at, created_at) VALUES (@id, @contactId, @tokenHash, @expiresAt, @now)`,
    );
    this.#resetByHash = db.prepare<[string], Record<string, string | null>>(
      'SELECT r.*, c.firm_id FROM password_resets r JOIN contacts c ON c.id = r.contact_id WHERE r.token_hash = ?',
    );
    this.#useReset = db.prepare('UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL');
    this.#insertFamily = db.prepare('INSERT INTO refresh_families (id, contact_id, firm_id, created_at) VALUES (?, ?, ?, ?)');
    this.#insertRefresh = db.prepare(
      'INSERT INTO refresh_tokens (id, family_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#refreshByHash = db.prepare<[string], Record<string, string | null>>(
      `SELECT t.id, t.family_id, t.expires_at, t.used_at, f.contact_id, f.firm_id, f.revoked_at AS family_revoked_at
       FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id WHERE t.token_hash = ?`,
    );
    this.#useRefresh = db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL');
    this.#revokeFamily = db.prepare(
      'UPDATE refresh_families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL',
    );
    this.#revokeContactFamilies = db.prepare(
      'UPDATE refresh_families SET revoked_at = ?, revoked_reason = ? WHERE contact_id = ? AND revoked_at IS NULL',
    );
  }

  passwordHash(contactId: string): string | undefined {
    return this.#login.get(contactId)?.password_hash;
  }

  setPassword(contactId: string, hash: string, now: string): void {
    this.#upsertLogin.run({ contactId, hash, now });
  }

  recordLogin(contactId: string, now: string): void {
    this.#touchLogin.run(now, contactId);
  }

  /** A new invitation replaces any still open for the contact. */
  createInvitation(input: { firmId: string; contactId: string; tokenHash: string; expiresAt: string }, now: string): Invitation {
    const id = newId('inv');
    this.db.transaction(() => {
      this.#revokeOpenInvitations.run(now, input.contactId);
      this.#insertInvitation.run({ id, ...input, now });
    })();
    return { id, firmId: input.firmId, contactId: input.contactId, expiresAt: input.expiresAt, acceptedAt: null, revokedAt: null, createdAt: now };
  }

  invitationByTokenHash(tokenHash: string): Invitation | undefined {
    const row = this.#invitationByHash.get(tokenHash);
    if (!row) return undefined;
    return {
      id: row.id!, firmId: row.firm_id!, contactId: row.contact_id!, expiresAt: row.expires_at!,
      acceptedAt: row.accepted_at ?? null, revokedAt: row.revoked_at ?? null, createdAt: row.created_at!,
    };
  }

  /** Marks the invitation used; false when another request used it first. */
  acceptInvitation(id: string, now: string): boolean {
    return this.#acceptInvitation.run(now, id).changes === 1;
  }

  createReset(input: { contactId: string; tokenHash: string; expiresAt: string }, now: string): void {
    this.#insertReset.run({ id: newId('pwr'), ...input, now });
  }

  resetByTokenHash(tokenHash: string): PasswordReset | undefined {
    const row = this.#resetByHash.get(tokenHash);
    return row
      ? { id: row.id!, contactId: row.contact_id!, firmId: row.firm_id!, expiresAt: row.expires_at!, usedAt: row.used_at ?? null }
      : undefined;
  }

  useReset(id: string, now: string): boolean {
    return this.#useReset.run(now, id).changes === 1;
  }

  startFamily(contactId: string, firmId: string, now: string): string {
    const id = newId('rtf');
    this.#insertFamily.run(id, contactId, firmId, now);
    return id;
  }

  addRefreshToken(familyId: string, tokenHash: string, expiresAt: string, now: string): void {
    this.#insertRefresh.run(newId('rt'), familyId, tokenHash, expiresAt, now);
  }

  refreshByTokenHash(tokenHash: string): RefreshToken | undefined {
    const row = this.#refreshByHash.get(tokenHash);
    if (!row) return undefined;
    return {
      id: row.id!, familyId: row.family_id!, contactId: row.contact_id!, firmId: row.firm_id!,
      expiresAt: row.expires_at!, usedAt: row.used_at ?? null, familyRevokedAt: row.family_revoked_at ?? null,
    };
  }

  /** Marks a refresh token used; false when it was used already (a reuse). */
  useRefreshToken(id: string, now: string): boolean {
    return this.#useRefresh.run(now, id).changes === 1;
  }

  revokeFamily(familyId: string, reason: string, now: string): void {
    this.#revokeFamily.run(now, reason, familyId);
  }

  revokeAllFamilies(contactId: string, reason: string, now: string): void {
    this.#revokeContactFamilies.run(now, reason, contactId);
  }

  /** Records a sign-in assertion's jti; false when the firm's assertion with that jti was used already. */
  useAssertion(firmId: string, jti: string, expiresAt: string): boolean {
    return (
      this.db
        .prepare('INSERT INTO used_assertions (firm_id, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT (firm_id, jti) DO NOTHING')
        .run(firmId, jti, expiresAt).changes === 1
    );
  }

  /** Forgets the jtis of assertions that have expired: they would be refused as expired anyway. */
  pruneUsedAssertions(now: string): number {
    return this.db.prepare('DELETE FROM used_assertions WHERE expires_at < ?').run(now).changes;
  }

  /** Notes a sign-in with an assertion; true when it is the contact's first. */
  recordAssertionSignIn(contactId: string, firmId: string, now: string): boolean {
    const first =
      this.db
        .prepare('INSERT INTO assertion_sign_ins (contact_id, firm_id, first_at, last_at) VALUES (?, ?, ?, ?) ON CONFLICT (contact_id) DO NOTHING')
        .run(contactId, firmId, now, now).changes === 1;
    if (!first) this.db.prepare('UPDATE assertion_sign_ins SET last_at = ? WHERE contact_id = ?').run(now, contactId);
    return first;
  }
}
