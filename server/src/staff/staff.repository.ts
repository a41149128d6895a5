import type { Selectable } from 'kysely';
import { RefreshFamilies, type StoredRefreshToken } from '../auth/index.ts';
import { newId } from '../db/ids.ts';
import type { StaffMembersTable } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
import type { StaffRole } from '../http/principal.ts';

export type StaffStatus = 'invited' | 'active' | 'disabled';

export interface StaffMember {
  id: string;
  firmId: string;
  email: string;
  name: string;
  role: StaffRole;
  status: StaffStatus;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StaffInvitation {
  id: string;
  firmId: string;
  staffId: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

/** An authenticator app's secrets, still sealed. */
export interface StaffTotp {
  secret: string | null;
  pendingSecret: string | null;
  lastStep: number | null;
}

export interface StaffPasskey {
  id: string;
  staffId: string;
  firmId: string;
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  createdAt: string;
}

export interface StaffChallenge {
  id: string;
  rpId: string;
  origin: string;
  challenge: string;
}

export interface StaffRefreshToken extends StoredRefreshToken {
  staffId: string;
  firmId: string;
  expiresAt: string;
  familyRevokedAt: string | null;
}

export type ChallengePurpose = 'registration' | 'authentication';

const toMember = (row: Selectable<StaffMembersTable>): StaffMember => ({
  id: row.id,
  firmId: row.firm_id,
  email: row.email,
  name: row.name,
  role: row.role as StaffRole,
  status: row.status as StaffStatus,
  lastSignInAt: row.last_sign_in_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The firm's staff members, their invitations, second factors and sign-ins. Secrets arrive hashed or sealed. */
export class StaffRepository {
  readonly #refreshFamilies: RefreshFamilies;

  constructor(private readonly storage: Storage) {
    this.#refreshFamilies = new RefreshFamilies(storage, {
      families: 'staff_refresh_families',
      tokens: 'staff_refresh_tokens',
      owner: 'staff_id',
      tokensHoldFirm: true,
      familyIdPrefix: 'srf',
      tokenIdPrefix: 'srt',
    });
  }

  async create(input: { firmId: string; email: string; name: string; role: StaffRole; status: StaffStatus; passwordHash?: string }, now: string) {
    const id = newId('stf');
    await this.storage.db
      .insertInto('staff_members')
      .values({
        id,
        firm_id: input.firmId,
        email: input.email,
        name: input.name,
        role: input.role,
        status: input.status,
        password_hash: input.passwordHash ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.find(input.firmId, id))!;
  }

  async find(firmId: string, id: string): Promise<StaffMember | undefined> {
    const row = await this.storage.db.selectFrom('staff_members').selectAll().where('firm_id', '=', firmId).where('id', '=', id).executeTakeFirst();
    return row && toMember(row);
  }

  async findByEmail(firmId: string, email: string): Promise<StaffMember | undefined> {
    const row = await this.storage.db.selectFrom('staff_members').selectAll().where('firm_id', '=', firmId).where('email', '=', email).executeTakeFirst();
    return row && toMember(row);
  }

  async list(firmId: string): Promise<StaffMember[]> {
    const rows = await this.storage.db.selectFrom('staff_members').selectAll().where('firm_id', '=', firmId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toMember);
  }

  async passwordHash(id: string): Promise<string | undefined> {
    const row = await this.storage.db.selectFrom('staff_members').select('password_hash').where('id', '=', id).executeTakeFirst();
    return row?.password_hash ?? undefined;
  }

  /**
   * Changes a member's role or status; refused (`last_owner`) when it would leave the firm with
   * no active owner. The owners are read and locked in the same transaction as the write, so two
   * owners demoting each other at once cannot both succeed.
   */
  async update(firmId: string, id: string, changes: { role?: StaffRole; status?: StaffStatus }, now: string): Promise<'updated' | 'not_found' | 'last_owner'> {
    return this.storage.transaction(async () => {
      const target = await this.find(firmId, id);
      if (!target) return 'not_found';
      const wasOwner = target.role === 'owner' && target.status === 'active';
      const staysOwner = (changes.role ?? target.role) === 'owner' && (changes.status ?? target.status) === 'active';
      if (wasOwner && !staysOwner) {
        let owners = this.storage.db
          .selectFrom('staff_members')
          .select('id')
          .where('firm_id', '=', firmId)
          .where('role', '=', 'owner')
          .where('status', '=', 'active');
        if (this.storage.engine === 'postgres') owners = owners.forUpdate();
        if ((await owners.execute()).filter((owner) => owner.id !== id).length === 0) return 'last_owner';
      }
      await this.storage.db
        .updateTable('staff_members')
        .set({ ...changes, updated_at: now })
        .where('firm_id', '=', firmId)
        .where('id', '=', id)
        .execute();
      return 'updated';
    });
  }

  async countActiveOwners(firmId: string): Promise<number> {
    const row = await this.storage.db
      .selectFrom('staff_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('firm_id', '=', firmId)
      .where('role', '=', 'owner')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Sets the password of an invited member and makes them active. */
  async activate(id: string, passwordHash: string, now: string): Promise<void> {
    await this.storage.db.updateTable('staff_members').set({ password_hash: passwordHash, status: 'active', updated_at: now }).where('id', '=', id).execute();
  }

  async recordSignIn(id: string, now: string): Promise<void> {
    await this.storage.db.updateTable('staff_members').set({ last_sign_in_at: now }).where('id', '=', id).execute();
  }

  // Invitations

  /** A new invitation replaces any still open for the member; run inside the caller's transaction. */
  async createInvitation(input: { firmId: string; staffId: string; tokenHash: string; expiresAt: string }, now: string): Promise<StaffInvitation> {
    const id = newId('sinv');
    await this.storage.db
      .updateTable('staff_invitations')
      .set({ revoked_at: now })
      .where('staff_id', '=', input.staffId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    await this.storage.db
      .insertInto('staff_invitations')
      .values({ id, firm_id: input.firmId, staff_id: input.staffId, token_hash: input.tokenHash, expires_at: input.expiresAt, created_at: now })
      .execute();
    return { id, firmId: input.firmId, staffId: input.staffId, expiresAt: input.expiresAt, acceptedAt: null, revokedAt: null };
  }

  async invitationByTokenHash(tokenHash: string): Promise<StaffInvitation | undefined> {
    const row = await this.storage.db.selectFrom('staff_invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && { id: row.id, firmId: row.firm_id, staffId: row.staff_id, expiresAt: row.expires_at, acceptedAt: row.accepted_at, revokedAt: row.revoked_at };
  }

  /** Marks the invitation used; false when another request used it first. */
  async acceptInvitation(id: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('staff_invitations')
      .set({ accepted_at: now })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // Authenticator app

  async totp(staffId: string): Promise<StaffTotp | undefined> {
    const row = await this.storage.db.selectFrom('staff_totp').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
    return row && { secret: row.secret, pendingSecret: row.pending_secret, lastStep: row.last_step };
  }

  async setPendingTotp(firmId: string, staffId: string, sealedSecret: string, now: string): Promise<void> {
    await this.storage.db
      .insertInto('staff_totp')
      .values({ staff_id: staffId, firm_id: firmId, pending_secret: sealedSecret, updated_at: now })
      .onConflict((oc) => oc.column('staff_id').doUpdateSet({ pending_secret: sealedSecret, updated_at: now }))
      .execute();
  }

  /** The pending secret becomes the one in use, with the step of the code that confirmed it; false when another request did it first. */
  async confirmTotp(staffId: string, sealedSecret: string, step: number, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('staff_totp')
      .set({ secret: sealedSecret, pending_secret: null, last_step: step, confirmed_at: now, updated_at: now })
      .where('staff_id', '=', staffId)
      .where('pending_secret', '=', sealedSecret)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Takes a code's time step; false when that step (or a later one) was already taken: a code works once. */
  async useTotpStep(staffId: string, step: number, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('staff_totp')
      .set({ last_step: step, updated_at: now })
      .where('staff_id', '=', staffId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async removeTotp(staffId: string): Promise<boolean> {
    const result = await this.storage.db.deleteFrom('staff_totp').where('staff_id', '=', staffId).where('secret', 'is not', null).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  // Recovery codes

  /** The member's new set of codes; every earlier one stops working. Run inside the caller's transaction. */
  async replaceRecoveryCodes(firmId: string, staffId: string, codeHashes: readonly string[], now: string): Promise<void> {
    await this.storage.db.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
    await this.storage.db
      .insertInto('staff_recovery_codes')
      .values(codeHashes.map((hash) => ({ id: newId('src'), firm_id: firmId, staff_id: staffId, code_hash: hash, created_at: now })))
      .execute();
  }

  async useRecoveryCode(staffId: string, codeHash: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('staff_recovery_codes')
      .set({ used_at: now })
      .where('staff_id', '=', staffId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recoveryCodesLeft(staffId: string): Promise<number> {
    const row = await this.storage.db
      .selectFrom('staff_recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('staff_id', '=', staffId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // Passkeys

  async passkeys(staffId: string): Promise<StaffPasskey[]> {
    const rows = await this.storage.db.selectFrom('staff_passkeys').selectAll().where('staff_id', '=', staffId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toPasskey);
  }

  async passkeyByCredentialId(staffId: string, credentialId: string): Promise<StaffPasskey | undefined> {
    const row = await this.storage.db
      .selectFrom('staff_passkeys')
      .selectAll()
      .where('staff_id', '=', staffId)
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    return row && toPasskey(row);
  }

  async addPasskey(input: Omit<StaffPasskey, 'id' | 'createdAt'>, now: string): Promise<StaffPasskey> {
    const id = newId('pky');
    await this.storage.db
      .insertInto('staff_passkeys')
      .values({
        id,
        firm_id: input.firmId,
        staff_id: input.staffId,
        credential_id: input.credentialId,
        public_key: input.publicKey,
        counter: input.counter,
        transports: JSON.stringify(input.transports),
        name: input.name,
        created_at: now,
      })
      .execute();
    return { ...input, id, createdAt: now };
  }

  async usePasskey(id: string, counter: number, now: string): Promise<void> {
    await this.storage.db.updateTable('staff_passkeys').set({ counter, last_used_at: now }).where('id', '=', id).execute();
  }

  async removePasskey(staffId: string, id: string): Promise<boolean> {
    const result = await this.storage.db.deleteFrom('staff_passkeys').where('staff_id', '=', staffId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  // WebAuthn challenges

  async addChallenge(
    input: { firmId: string; staffId: string; purpose: ChallengePurpose; challenge: string; rpId: string; origin: string; expiresAt: string },
    now: string,
  ) {
    // A member's finished or expired challenges are of no more use.
    await this.storage.db
      .deleteFrom('staff_challenges')
      .where('staff_id', '=', input.staffId)
      .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
      .execute();
    await this.storage.db
      .insertInto('staff_challenges')
      .values({
        id: newId('chl'),
        firm_id: input.firmId,
        staff_id: input.staffId,
        purpose: input.purpose,
        challenge: input.challenge,
        rp_id: input.rpId,
        origin: input.origin,
        expires_at: input.expiresAt,
        created_at: now,
      })
      .execute();
  }

  /** Uses up a challenge the member was given for `purpose`, if it is still open; single use. */
  async takeChallenge(staffId: string, purpose: ChallengePurpose, challenge: string, now: string): Promise<StaffChallenge | undefined> {
    return this.storage.transaction(async () => {
      const row = await this.storage.db
        .selectFrom('staff_challenges')
        .select(['id', 'rp_id', 'origin', 'challenge'])
        .where('staff_id', '=', staffId)
        .where('purpose', '=', purpose)
        .where('challenge', '=', challenge)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return undefined;
      const used = await this.storage.db
        .updateTable('staff_challenges')
        .set({ used_at: now })
        .where('id', '=', row.id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return undefined;
      return { id: row.id, rpId: row.rp_id, origin: row.origin, challenge: row.challenge };
    });
  }

  // Refresh families: a staff sign-in, rotated as a client's is.

  startFamily(staffId: string, firmId: string, now: string): Promise<string> {
    return this.#refreshFamilies.startFamily(staffId, firmId, now);
  }

  addRefreshToken(familyId: string, tokenHash: string, expiresAt: string, now: string): Promise<void> {
    return this.#refreshFamilies.addRefreshToken(familyId, tokenHash, expiresAt, now);
  }

  async refreshByTokenHash(tokenHash: string): Promise<StaffRefreshToken | undefined> {
    const token = await this.#refreshFamilies.refreshByTokenHash(tokenHash);
    if (!token) return undefined;
    const { ownerId, ...rest } = token;
    return { ...rest, staffId: ownerId };
  }

  useRefreshToken(id: string, now: string): Promise<boolean> {
    return this.#refreshFamilies.useRefreshToken(id, now);
  }

  revokeFamily(familyId: string, reason: string, now: string): Promise<void> {
    return this.#refreshFamilies.revokeFamily(familyId, reason, now);
  }

  revokeAllFamilies(staffId: string, reason: string, now: string): Promise<void> {
    return this.#refreshFamilies.revokeAllFamilies(staffId, reason, now);
  }
}

function toPasskey(row: {
  id: string;
  staff_id: string;
  firm_id: string;
  credential_id: string;
  public_key: string;
  counter: number;
  transports: string;
  name: string;
  created_at: string;
}): StaffPasskey {
  return {
    id: row.id,
    staffId: row.staff_id,
    firmId: row.firm_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: JSON.parse(row.transports) as string[],
    name: row.name,
    createdAt: row.created_at,
  };
}
