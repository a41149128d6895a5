import { newId } from '../../db/ids.ts';
import type { Storage } from '../../db/storage.ts';
import type { StoredPasskey } from './passkeys.ts';

/**
 * The four tables that hold one kind of account's second factors. Clients' and staff members'
 * tables have the same columns but for the owner's (`contact_id` or `staff_id`); each kind's
 * repository names its own tables here and keeps them to itself.
 */
export type SecondFactorTables = (
  | {
      totp: 'client_totp';
      recoveryCodes: 'client_recovery_codes';
      passkeys: 'client_passkeys';
      challenges: 'client_challenges';
      owner: 'contact_id';
    }
  | {
      totp: 'staff_totp';
      recoveryCodes: 'staff_recovery_codes';
      passkeys: 'staff_passkeys';
      challenges: 'staff_challenges';
      owner: 'staff_id';
    }
) & {
  recoveryCodeIdPrefix: string;
  passkeyIdPrefix: string;
  challengeIdPrefix: string;
  /** Whose finished or expired challenges go when a new one is kept: the firm's, or only the owner's. */
  sweepChallengesOf: 'firm' | 'owner';
};

/** An authenticator app's secrets, still sealed. */
export interface StoredTotp {
  secret: string | null;
  pendingSecret: string | null;
  lastStep: number | null;
  confirmedAt: string | null;
}

/** A passkey with its owner (a contact or a staff member). */
export interface OwnedPasskey extends StoredPasskey {
  id: string;
  ownerId: string;
  firmId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A WebAuthn challenge; `ownerId` is null for a sign-in that names nobody yet. */
export interface OwnedChallenge {
  id: string;
  ownerId: string | null;
  rpId: string;
  origin: string;
  challenge: string;
}

/**
 * One kind of account's second factors: authenticator apps, recovery codes, passkeys and WebAuthn
 * challenges (given for one of `Purpose`). Secrets arrive sealed or hashed.
 */
export class SecondFactorStore<Purpose extends string = string> {
  constructor(
    private readonly storage: Storage,
    private readonly tables: SecondFactorTables,
  ) {}

  // Authenticator app

  async totp(ownerId: string): Promise<StoredTotp | undefined> {
    const { totp, owner } = this.tables;
    const row = await this.storage.db
      .selectFrom(totp)
      .select(['secret', 'pending_secret', 'last_step', 'confirmed_at'])
      .where(owner, '=', ownerId)
      .executeTakeFirst();
    return (
      row && {
        secret: row.secret,
        pendingSecret: row.pending_secret,
        lastStep: row.last_step === null ? null : Number(row.last_step),
        confirmedAt: row.confirmed_at,
      }
    );
  }

  async setPendingTotp(firmId: string, ownerId: string, sealedSecret: string, now: string): Promise<void> {
    const { totp, owner } = this.tables;
    await this.storage.db
      .insertInto(totp)
      .values({ ...ownerColumn(owner, ownerId), firm_id: firmId, pending_secret: sealedSecret, updated_at: now })
      .onConflict((oc) => oc.column(owner).doUpdateSet({ pending_secret: sealedSecret, updated_at: now }))
      .execute();
  }

  /** The pending secret becomes the one in use, with the step of the code that confirmed it; false when another request did it first. */
  async confirmTotp(ownerId: string, sealedSecret: string, step: number, now: string): Promise<boolean> {
    const { totp, owner } = this.tables;
    const result = await this.storage.db
      .updateTable(totp)
      .set({ secret: sealedSecret, pending_secret: null, last_step: step, confirmed_at: now, updated_at: now })
      .where(owner, '=', ownerId)
      .where('pending_secret', '=', sealedSecret)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Takes a code's time step; false when that step (or a later one) was already taken: a code works once. */
  async useTotpStep(ownerId: string, step: number, now: string): Promise<boolean> {
    const { totp, owner } = this.tables;
    const result = await this.storage.db
      .updateTable(totp)
      .set({ last_step: step, updated_at: now })
      .where(owner, '=', ownerId)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async removeTotp(ownerId: string): Promise<boolean> {
    const { totp, owner } = this.tables;
    const result = await this.storage.db.deleteFrom(totp).where(owner, '=', ownerId).where('secret', 'is not', null).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  // Recovery codes

  /** The owner's new set of codes; every earlier one stops working. Run inside the caller's transaction. */
  async replaceRecoveryCodes(firmId: string, ownerId: string, codeHashes: readonly string[], now: string): Promise<void> {
    const { recoveryCodes, owner, recoveryCodeIdPrefix } = this.tables;
    await this.storage.db.deleteFrom(recoveryCodes).where(owner, '=', ownerId).execute();
    if (codeHashes.length === 0) return;
    await this.storage.db
      .insertInto(recoveryCodes)
      .values(
        codeHashes.map((hash) => ({ id: newId(recoveryCodeIdPrefix), firm_id: firmId, ...ownerColumn(owner, ownerId), code_hash: hash, created_at: now })),
      )
      .execute();
  }

  async useRecoveryCode(ownerId: string, codeHash: string, now: string): Promise<boolean> {
    const { recoveryCodes, owner } = this.tables;
    const result = await this.storage.db
      .updateTable(recoveryCodes)
      .set({ used_at: now })
      .where(owner, '=', ownerId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recoveryCodesLeft(ownerId: string): Promise<number> {
    const { recoveryCodes, owner } = this.tables;
    const row = await this.storage.db
      .selectFrom(recoveryCodes)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(owner, '=', ownerId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // Passkeys

  async passkeys(ownerId: string): Promise<OwnedPasskey[]> {
    const { passkeys, owner } = this.tables;
    const rows = await this.storage.db
      .selectFrom(passkeys)
      .select(passkeyColumns)
      .select(ownerRef(owner))
      .where(owner, '=', ownerId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toPasskey);
  }

  /** A passkey by its credential id, among the owner's or (for a discoverable sign-in, which names nobody else) the whole firm's. */
  async passkeyByCredentialId(among: { ownerId: string } | { firmId: string }, credentialId: string): Promise<OwnedPasskey | undefined> {
    const { passkeys, owner } = this.tables;
    const row = await this.storage.db
      .selectFrom(passkeys)
      .select(passkeyColumns)
      .select(ownerRef(owner))
      .where('ownerId' in among ? owner : 'firm_id', '=', 'ownerId' in among ? among.ownerId : among.firmId)
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    return row && toPasskey(row);
  }

  async addPasskey(input: Omit<OwnedPasskey, 'id' | 'createdAt' | 'lastUsedAt'>, now: string): Promise<OwnedPasskey> {
    const { passkeys, owner, passkeyIdPrefix } = this.tables;
    const id = newId(passkeyIdPrefix);
    await this.storage.db
      .insertInto(passkeys)
      .values({
        id,
        firm_id: input.firmId,
        ...ownerColumn(owner, input.ownerId),
        credential_id: input.credentialId,
        public_key: input.publicKey,
        counter: input.counter,
        transports: JSON.stringify(input.transports),
        name: input.name,
        created_at: now,
      })
      .execute();
    return { ...input, id, createdAt: now, lastUsedAt: null };
  }

  async usePasskey(id: string, counter: number, now: string): Promise<void> {
    await this.storage.db.updateTable(this.tables.passkeys).set({ counter, last_used_at: now }).where('id', '=', id).execute();
  }

  async removePasskey(ownerId: string, id: string): Promise<boolean> {
    const { passkeys, owner } = this.tables;
    const result = await this.storage.db.deleteFrom(passkeys).where(owner, '=', ownerId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  // WebAuthn challenges

  async addChallenge(
    input: { firmId: string; ownerId: string | null; purpose: Purpose; challenge: string; rpId: string; origin: string; expiresAt: string },
    now: string,
  ): Promise<void> {
    const { challenges, owner, challengeIdPrefix, sweepChallengesOf } = this.tables;
    // Finished or expired challenges are of no more use.
    await this.storage.db
      .deleteFrom(challenges)
      .where(sweepChallengesOf === 'firm' ? 'firm_id' : owner, '=', sweepChallengesOf === 'firm' ? input.firmId : input.ownerId)
      .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
      .execute();
    await this.storage.db
      .insertInto(challenges)
      .values({
        id: newId(challengeIdPrefix),
        firm_id: input.firmId,
        ...ownerColumn(owner, input.ownerId),
        purpose: input.purpose,
        challenge: input.challenge,
        rp_id: input.rpId,
        origin: input.origin,
        expires_at: input.expiresAt,
        created_at: now,
      })
      .execute();
  }

  /** Uses up an open challenge given for `purpose`, of the firm and of the owner, when each is named; single use. */
  async takeChallenge(of: { firmId?: string; ownerId?: string | null }, purpose: Purpose, challenge: string, now: string): Promise<OwnedChallenge | undefined> {
    const { challenges, owner } = this.tables;
    return this.storage.transaction(async () => {
      let query = this.storage.db
        .selectFrom(challenges)
        .select(['id', 'rp_id', 'origin', 'challenge'])
        .select(ownerRef(owner))
        .where('purpose', '=', purpose)
        .where('challenge', '=', challenge)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now);
      if (of.firmId !== undefined) query = query.where('firm_id', '=', of.firmId);
      if (of.ownerId != null) query = query.where(owner, '=', of.ownerId);
      const row = await query.executeTakeFirst();
      if (!row) return undefined;
      const used = await this.storage.db.updateTable(challenges).set({ used_at: now }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return undefined;
      return { id: row.id, ownerId: row.owner_id, rpId: row.rp_id, origin: row.origin, challenge: row.challenge };
    });
  }
}

const passkeyColumns = ['id', 'firm_id', 'credential_id', 'public_key', 'counter', 'transports', 'name', 'created_at', 'last_used_at'] as const;

/** The owner's column, whichever it is, read as `owner_id`. */
function ownerRef(owner: SecondFactorTables['owner']) {
  return `${owner} as owner_id` as const;
}

/** The owner's column to write: `{ contact_id }` or `{ staff_id }`. */
function ownerColumn<O extends SecondFactorTables['owner'], V>(owner: O, ownerId: V): Record<O, V> {
  return { [owner]: ownerId } as Record<O, V>;
}

function toPasskey(row: {
  id: string;
  owner_id: string | null;
  firm_id: string;
  credential_id: string;
  public_key: string;
  counter: number;
  transports: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}): OwnedPasskey {
  return {
    id: row.id,
    ownerId: row.owner_id!,
    firmId: row.firm_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: JSON.parse(row.transports) as string[],
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}
