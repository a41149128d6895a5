import { sql } from 'kysely';
import { newId } from '../db/ids.ts';
import type { Storage } from '../db/storage.ts';
import type { RefreshStore, StoredRefreshToken } from './refresh-rotation.ts';

/**
 * The two pairs of tables that hold sign-ins' refresh families and tokens. Staff tokens carry
 * their family's firm (row-level security reads it there); clients' tokens reach it through
 * their family.
 */
export type RefreshTables =
  | {
      families: 'refresh_families';
      tokens: 'refresh_tokens';
      owner: 'contact_id';
      tokensHoldFirm: false;
      familyIdPrefix: string;
      tokenIdPrefix: string;
    }
  | {
      families: 'staff_refresh_families';
      tokens: 'staff_refresh_tokens';
      owner: 'staff_id';
      tokensHoldFirm: true;
      familyIdPrefix: string;
      tokenIdPrefix: string;
    };

/** A refresh token with its family, the family's owner (a contact or a staff member) and firm. */
export interface OwnedRefreshToken extends StoredRefreshToken {
  ownerId: string;
  firmId: string;
  expiresAt: string;
  familyRevokedAt: string | null;
}

/** One kind of sign-in's refresh families and tokens, over its own pair of tables. */
export class RefreshFamilies implements RefreshStore {
  constructor(
    private readonly storage: Storage,
    private readonly tables: RefreshTables,
  ) {}

  async startFamily(ownerId: string, firmId: string, now: string): Promise<string> {
    const tables = this.tables;
    const family = { id: newId(tables.familyIdPrefix), firm_id: firmId, created_at: now };
    if (tables.owner === 'contact_id')
      await this.storage.db
        .insertInto(tables.families)
        .values({ ...family, contact_id: ownerId })
        .execute();
    else
      await this.storage.db
        .insertInto(tables.families)
        .values({ ...family, staff_id: ownerId })
        .execute();
    return family.id;
  }

  async addRefreshToken(familyId: string, tokenHash: string, expiresAt: string, now: string): Promise<void> {
    const tables = this.tables;
    if (!tables.tokensHoldFirm) {
      await this.storage.db
        .insertInto(tables.tokens)
        .values({ id: newId(tables.tokenIdPrefix), family_id: familyId, token_hash: tokenHash, expires_at: expiresAt, created_at: now })
        .execute();
      return;
    }
    await this.storage.db
      .insertInto(tables.tokens)
      .columns(['id', 'firm_id', 'family_id', 'token_hash', 'expires_at', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom(tables.families)
          .select([
            eb.val(newId(tables.tokenIdPrefix)).as('id'),
            'firm_id',
            'id as family_id',
            eb.val(tokenHash).as('token_hash'),
            eb.val(expiresAt).as('expires_at'),
            eb.val(now).as('created_at'),
          ])
          .where('id', '=', familyId),
      )
      .execute();
  }

  async refreshByTokenHash(tokenHash: string): Promise<OwnedRefreshToken | undefined> {
    const { families, tokens, owner } = this.tables;
    const row = await this.storage.db
      .selectFrom([`${tokens} as t`, `${families} as f`])
      .whereRef('f.id', '=', 't.family_id')
      // The owner column differs between the two families tables; both hold a string id.
      .select([
        't.id',
        't.family_id',
        't.expires_at',
        't.used_at',
        sql.ref<string>(`f.${owner}`).as('owner_id'),
        'f.firm_id',
        'f.revoked_at as family_revoked_at',
      ])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      familyId: row.family_id,
      ownerId: row.owner_id,
      firmId: row.firm_id,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
      familyRevokedAt: row.family_revoked_at,
    };
  }

  /** Marks a refresh token used; false when it was used already (a reuse). */
  async useRefreshToken(id: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable(this.tables.tokens)
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async revokeFamily(familyId: string, reason: string, now: string): Promise<void> {
    await this.storage.db
      .updateTable(this.tables.families)
      .set({ revoked_at: now, revoked_reason: reason })
      .where('id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Revokes every open family of one owner, e.g. after a password change. */
  async revokeAllFamilies(ownerId: string, reason: string, now: string): Promise<void> {
    const { families, owner } = this.tables;
    await this.storage.db
      .updateTable(families)
      .set({ revoked_at: now, revoked_reason: reason })
      .where(owner, '=', ownerId)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
