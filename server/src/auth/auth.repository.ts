import { newId } from '../db/ids.ts';
import type { Storage } from '../db/storage.ts';
import { ClientFactorsRepository } from './client-factors.repository.ts';
import { EmailCodesRepository } from './email-codes.repository.ts';
import { RefreshFamilies } from './refresh-families.ts';

export interface Invitation {
  id: string;
  firmId: string;
  contactId: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}
export interface PasswordReset {
  id: string;
  contactId: string;
  expiresAt: string;
  usedAt: string | null;
}
export interface RefreshToken {
  id: string;
  familyId: string;
  contactId: string;
  firmId: string;
  expiresAt: string;
  usedAt: string | null;
  familyRevokedAt: string | null;
}

/** A contact's portal access as `portalAccess` reads it. */
export interface PortalAccessRow {
  contactId: string;
  hasLogin: boolean;
  lastSignInAt: string | null;
  invitation: { sentAt: string; expiresAt: string; acceptedAt: string | null; revokedAt: string | null } | null;
}

/** Portal logins and the secrets around them. Secrets arrive here already hashed. */
export class AuthRepository {
  readonly #refreshFamilies: RefreshFamilies;
  /** Sign-in codes sent by email. */
  readonly emailCodes: EmailCodesRepository;
  /** Clients' second factors. */
  readonly factors: ClientFactorsRepository;

  constructor(private readonly storage: Storage) {
    this.emailCodes = new EmailCodesRepository(storage);
    this.factors = new ClientFactorsRepository(storage);
    this.#refreshFamilies = new RefreshFamilies(storage, {
      families: 'refresh_families',
      tokens: 'refresh_tokens',
      owner: 'contact_id',
      tokensHoldFirm: false,
      familyIdPrefix: 'rtf',
      tokenIdPrefix: 'rt',
    });
  }

  async passwordHash(contactId: string): Promise<string | undefined> {
    const row = await this.storage.db.selectFrom('portal_logins').select('password_hash').where('contact_id', '=', contactId).executeTakeFirst();
    return row?.password_hash;
  }

  /**
   * What the firm sees of each contact's portal access: whether they have a login, their last
   * sign-in (by password, by an emailed code or by the firm's assertion) and their latest invitation.
   */
  async portalAccess(contactIds: readonly string[]): Promise<PortalAccessRow[]> {
    if (contactIds.length === 0) return [];
    const ids = [...new Set(contactIds)];
    const logins = await this.storage.db.selectFrom('portal_logins').select(['contact_id', 'last_login_at']).where('contact_id', 'in', ids).execute();
    const assertions = await this.storage.db.selectFrom('assertion_sign_ins').select(['contact_id', 'last_at']).where('contact_id', 'in', ids).execute();
    const invitations = await this.storage.db
      .selectFrom('invitations')
      .select(['contact_id', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'])
      .where('contact_id', 'in', ids)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const rows = new Map<string, PortalAccessRow>(ids.map((id) => [id, { contactId: id, hasLogin: false, lastSignInAt: null, invitation: null }]));
    const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a > b ? a : b);
    for (const login of logins) {
      const row = rows.get(login.contact_id)!;
      row.hasLogin = true;
      row.lastSignInAt = later(row.lastSignInAt, login.last_login_at);
    }
    for (const assertion of assertions) {
      const row = rows.get(assertion.contact_id)!;
      row.lastSignInAt = later(row.lastSignInAt, assertion.last_at);
    }
    for (const code of await this.emailCodes.lastUsed(ids)) {
      const row = rows.get(code.contactId)!;
      row.lastSignInAt = later(row.lastSignInAt, code.at);
    }
    for (const invitation of invitations) {
      const row = rows.get(invitation.contact_id)!;
      // Newest first: the first one seen is the contact's latest invitation.
      row.invitation ??= {
        sentAt: invitation.created_at,
        expiresAt: invitation.expires_at,
        acceptedAt: invitation.accepted_at,
        revokedAt: invitation.revoked_at,
      };
    }
    return [...rows.values()];
  }

  /**
   * Whether the firm has opened the portal to the contact: they have a login, have signed in
   * from the firm's site, or hold an invitation that was not replaced (even one that expired:
   * the expiry limits the link, not the firm's wish to let the client in).
   */
  async hasPortalAccess(contactId: string): Promise<boolean> {
    const db = this.storage.db;
    if (await db.selectFrom('portal_logins').select('contact_id').where('contact_id', '=', contactId).executeTakeFirst()) return true;
    if (await db.selectFrom('assertion_sign_ins').select('contact_id').where('contact_id', '=', contactId).executeTakeFirst()) return true;
    const invitation = await db
      .selectFrom('invitations')
      .select('id')
      .where('contact_id', '=', contactId)
      .where('revoked_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return invitation !== undefined;
  }

  async setPassword(contactId: string, hash: string, now: string): Promise<void> {
    await this.storage.db
      .insertInto('portal_logins')
      .values({ contact_id: contactId, password_hash: hash, password_changed_at: now, created_at: now })
      .onConflict((oc) =>
        oc.column('contact_id').doUpdateSet((eb) => ({
          password_hash: eb.ref('excluded.password_hash'),
          password_changed_at: eb.ref('excluded.password_changed_at'),
        })),
      )
      .execute();
  }

  async recordLogin(contactId: string, now: string): Promise<void> {
    await this.storage.db.updateTable('portal_logins').set({ last_login_at: now }).where('contact_id', '=', contactId).execute();
  }

  /** A new invitation replaces any still open for the contact. */
  async createInvitation(input: { firmId: string; contactId: string; tokenHash: string; expiresAt: string }, now: string): Promise<Invitation> {
    const id = newId('inv');
    await this.storage.transaction(async () => {
      await this.storage.db
        .updateTable('invitations')
        .set({ revoked_at: now })
        .where('contact_id', '=', input.contactId)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      await this.storage.db
        .insertInto('invitations')
        .values({ id, firm_id: input.firmId, contact_id: input.contactId, token_hash: input.tokenHash, expires_at: input.expiresAt, created_at: now })
        .execute();
    });
    return { id, firmId: input.firmId, contactId: input.contactId, expiresAt: input.expiresAt, acceptedAt: null, revokedAt: null, createdAt: now };
  }

  async invitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
    const row = await this.storage.db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      firmId: row.firm_id,
      contactId: row.contact_id,
      expiresAt: row.expires_at,
      acceptedAt: row.accepted_at,
      revokedAt: row.revoked_at,
      createdAt: row.created_at,
    };
  }

  /** Marks the invitation used; false when another request used it first. */
  async acceptInvitation(id: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('invitations')
      .set({ accepted_at: now })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async createReset(input: { contactId: string; tokenHash: string; expiresAt: string }, now: string): Promise<void> {
    await this.storage.db
      .insertInto('password_resets')
      .values({ id: newId('pwr'), contact_id: input.contactId, token_hash: input.tokenHash, expires_at: input.expiresAt, created_at: now })
      .execute();
  }

  async resetByTokenHash(tokenHash: string): Promise<PasswordReset | undefined> {
    const row = await this.storage.db
      .selectFrom('password_resets as r')
      .select(['r.id', 'r.contact_id', 'r.expires_at', 'r.used_at'])
      .where('r.token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? { id: row.id, contactId: row.contact_id, expiresAt: row.expires_at, usedAt: row.used_at } : undefined;
  }

  async useReset(id: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  startFamily(contactId: string, firmId: string, now: string): Promise<string> {
    return this.#refreshFamilies.startFamily(contactId, firmId, now);
  }

  addRefreshToken(familyId: string, tokenHash: string, expiresAt: string, now: string): Promise<void> {
    return this.#refreshFamilies.addRefreshToken(familyId, tokenHash, expiresAt, now);
  }

  async refreshByTokenHash(tokenHash: string): Promise<RefreshToken | undefined> {
    const token = await this.#refreshFamilies.refreshByTokenHash(tokenHash);
    if (!token) return undefined;
    const { ownerId, ...rest } = token;
    return { ...rest, contactId: ownerId };
  }

  /** Marks a refresh token used; false when it was used already (a reuse). */
  useRefreshToken(id: string, now: string): Promise<boolean> {
    return this.#refreshFamilies.useRefreshToken(id, now);
  }

  revokeFamily(familyId: string, reason: string, now: string): Promise<void> {
    return this.#refreshFamilies.revokeFamily(familyId, reason, now);
  }

  revokeAllFamilies(contactId: string, reason: string, now: string): Promise<void> {
    return this.#refreshFamilies.revokeAllFamilies(contactId, reason, now);
  }

  /** Records a sign-in assertion's jti; false when the firm's assertion with that jti was used already. */
  async useAssertion(firmId: string, jti: string, expiresAt: string): Promise<boolean> {
    const added = await this.storage.db
      .insertInto('used_assertions')
      .values({ firm_id: firmId, jti, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['firm_id', 'jti']).doNothing())
      .returning('jti')
      .executeTakeFirst();
    return added !== undefined;
  }

  /** Forgets the jtis of assertions that have expired: they would be refused as expired anyway. */
  async pruneUsedAssertions(now: string): Promise<number> {
    const result = await this.storage.db.deleteFrom('used_assertions').where('expires_at', '<', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Notes a sign-in with an assertion; true when it is the contact's first. */
  recordAssertionSignIn(contactId: string, firmId: string, now: string): Promise<boolean> {
    return this.storage.transaction(async () => {
      const first = await this.storage.db
        .insertInto('assertion_sign_ins')
        .values({ contact_id: contactId, firm_id: firmId, first_at: now, last_at: now })
        .onConflict((oc) => oc.column('contact_id').doNothing())
        .returning('contact_id')
        .executeTakeFirst();
      if (!first) await this.storage.db.updateTable('assertion_sign_ins').set({ last_at: now }).where('contact_id', '=', contactId).execute();
      return first !== undefined;
    });
  }
}
