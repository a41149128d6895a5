import type { Selectable } from 'kysely';
import { RefreshFamilies, SecondFactorStore, type OwnedPasskey, type StoredRefreshToken } from '../auth/index.ts';
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

export interface StaffRefreshToken extends StoredRefreshToken {
  staffId: string;
  firmId: string;
  expiresAt: string;
  familyRevokedAt: string | null;
}

export type ChallengePurpose = 'registration' | 'authentication';

/** A staff member's passkey; its owner is the member. */
export type StaffPasskey = OwnedPasskey;

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
  /** The members' authenticator apps, recovery codes, passkeys and WebAuthn challenges. */
  readonly factors: SecondFactorStore<ChallengePurpose>;

  constructor(private readonly storage: Storage) {
    this.factors = new SecondFactorStore(storage, {
      totp: 'staff_totp',
      recoveryCodes: 'staff_recovery_codes',
      passkeys: 'staff_passkeys',
      challenges: 'staff_challenges',
      owner: 'staff_id',
      recoveryCodeIdPrefix: 'src',
      passkeyIdPrefix: 'pky',
      challengeIdPrefix: 'chl',
      sweepChallengesOf: 'owner',
    });
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
