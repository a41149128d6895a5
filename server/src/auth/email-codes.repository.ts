import { sql } from 'kysely';
import type { Storage } from '../db/storage.ts';

/** A sign-in code as stored: its code and link token only as hashes. */
export interface EmailCode {
  id: string;
  firmId: string;
  email: string;
  /** Null for an address with no portal account: such a code is never mailed. */
  contactId: string | null;
  codeHash: string;
  attempts: number;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

type Row = {
  id: string;
  firm_id: string;
  email: string;
  contact_id: string | null;
  code_hash: string;
  attempts: number;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
};

const columns = ['id', 'firm_id', 'email', 'contact_id', 'code_hash', 'attempts', 'expires_at', 'used_at', 'revoked_at'] as const;

const toCode = (row: Row): EmailCode => ({
  id: row.id,
  firmId: row.firm_id,
  email: row.email,
  contactId: row.contact_id,
  codeHash: row.code_hash,
  attempts: Number(row.attempts),
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  revokedAt: row.revoked_at,
});

/** Sign-in codes sent by email. Secrets arrive here already hashed. */
export class EmailCodesRepository {
  constructor(private readonly storage: Storage) {}

  /** Stores a new code for the address and revokes the ones still open: only the latest works. */
  async replace(
    input: { id: string; firmId: string; email: string; contactId: string | null; codeHash: string; tokenHash: string; expiresAt: string },
    now: string,
  ): Promise<void> {
    await this.storage.transaction(async () => {
      await this.storage.db
        .updateTable('email_sign_in_codes')
        .set({ revoked_at: now })
        .where('firm_id', '=', input.firmId)
        .where('email', '=', input.email)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      await this.storage.db
        .insertInto('email_sign_in_codes')
        .values({
          id: input.id,
          firm_id: input.firmId,
          email: input.email,
          contact_id: input.contactId,
          code_hash: input.codeHash,
          token_hash: input.tokenHash,
          expires_at: input.expiresAt,
          created_at: now,
        })
        .execute();
    });
  }

  /** The address's latest code that is neither used nor revoked (it may have expired). */
  async open(firmId: string, email: string): Promise<EmailCode | undefined> {
    const row = await this.storage.db
      .selectFrom('email_sign_in_codes')
      .select(columns)
      .where('firm_id', '=', firmId)
      .where('email', '=', email)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? toCode(row) : undefined;
  }

  async byTokenHash(tokenHash: string): Promise<EmailCode | undefined> {
    const row = await this.storage.db.selectFrom('email_sign_in_codes').select(columns).where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toCode(row) : undefined;
  }

  /**
   * Counts one try at an open code and answers the count after it, or undefined when the code
   * was used or revoked meanwhile. Counting before comparing means racing guesses can never
   * get more than their share of tries.
   */
  async countTry(id: string): Promise<number | undefined> {
    const row = await this.storage.db
      .updateTable('email_sign_in_codes')
      .set({ attempts: sql<number>`attempts + 1` })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('attempts')
      .executeTakeFirst();
    return row ? Number(row.attempts) : undefined;
  }

  /** Burns a code (too many wrong tries). */
  async revoke(id: string, now: string): Promise<void> {
    await this.storage.db.updateTable('email_sign_in_codes').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /** Marks the code used; false when another request used or revoked it first. */
  async use(id: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('email_sign_in_codes')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Each contact's latest sign-in with a code, for the firm's view of their portal access. */
  async lastUsed(contactIds: readonly string[]): Promise<Array<{ contactId: string; at: string }>> {
    if (contactIds.length === 0) return [];
    const rows = await this.storage.db
      .selectFrom('email_sign_in_codes')
      .select(['contact_id', (eb) => eb.fn.max('used_at').as('at')])
      .where('contact_id', 'in', [...contactIds])
      .where('used_at', 'is not', null)
      .groupBy('contact_id')
      .execute();
    return rows.flatMap((row) => (row.contact_id && row.at ? [{ contactId: row.contact_id, at: row.at }] : []));
  }

  /**
   * Forgets unused codes that ended before `before`: an old row only answers "expired", as no row
   * does. Used ones stay, as the record of the contact's sign-ins.
   */
  async prune(before: string): Promise<number> {
    const result = await this.storage.db.deleteFrom('email_sign_in_codes').where('expires_at', '<', before).where('used_at', 'is', null).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
