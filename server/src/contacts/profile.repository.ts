import { sql } from 'kysely';
import type { Storage } from '../db/storage.ts';
import type { ContactLocale } from './contacts.repository.ts';
import { optionalEmails, type OptionalEmail } from './profile.contract.ts';

/** An email change waiting for its code: the code only as a hash. */
export interface PendingEmailChange {
  id: string;
  firmId: string;
  contactId: string;
  newEmail: string;
  codeHash: string;
  attempts: number;
  expiresAt: string;
}

const pendingColumns = ['id', 'firm_id', 'contact_id', 'new_email', 'code_hash', 'attempts', 'expires_at'] as const;

/** The client's own settings on their contact, and their pending email changes. */
export class ProfileRepository {
  constructor(private readonly storage: Storage) {}

  /** The notices the contact turned off. */
  async optedOut(firmId: string, contactId: string): Promise<OptionalEmail[]> {
    const row = await this.storage.db
      .selectFrom('contacts')
      .select('email_opt_outs')
      .where('firm_id', '=', firmId)
      .where('id', '=', contactId)
      .executeTakeFirst();
    return row ? parseOptOuts(row.email_opt_outs) : [];
  }

  /** Changes the fields given, in one statement. */
  async update(
    firmId: string,
    contactId: string,
    changes: { name?: string; locale?: ContactLocale | null; optedOut?: readonly OptionalEmail[] },
    now: string,
  ): Promise<void> {
    await this.storage.db
      .updateTable('contacts')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.locale !== undefined && { locale: changes.locale }),
        ...(changes.optedOut !== undefined && { email_opt_outs: JSON.stringify([...changes.optedOut].sort()) }),
        updated_at: now,
      })
      .where('firm_id', '=', firmId)
      .where('id', '=', contactId)
      .execute();
  }

  /** Stores a new pending change and revokes the contact's open ones: only the latest code works. */
  async startEmailChange(input: { id: string; firmId: string; contactId: string; newEmail: string; codeHash: string; expiresAt: string }, now: string) {
    await this.storage.transaction(async () => {
      await this.storage.db
        .updateTable('email_changes')
        .set({ revoked_at: now })
        .where('contact_id', '=', input.contactId)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .execute();
      await this.storage.db
        .insertInto('email_changes')
        .values({
          id: input.id,
          firm_id: input.firmId,
          contact_id: input.contactId,
          new_email: input.newEmail,
          code_hash: input.codeHash,
          expires_at: input.expiresAt,
          created_at: now,
        })
        .execute();
    });
  }

  /** The contact's latest change neither used nor revoked (it may have expired). */
  async openEmailChange(firmId: string, contactId: string): Promise<PendingEmailChange | undefined> {
    const row = await this.storage.db
      .selectFrom('email_changes')
      .select(pendingColumns)
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        firmId: row.firm_id,
        contactId: row.contact_id,
        newEmail: row.new_email,
        codeHash: row.code_hash,
        attempts: Number(row.attempts),
        expiresAt: row.expires_at,
      }
    );
  }

  /** Counts one try before comparing, so racing guesses never get more than their share; undefined once used or revoked. */
  async countTry(id: string): Promise<number | undefined> {
    const row = await this.storage.db
      .updateTable('email_changes')
      .set({ attempts: sql<number>`attempts + 1` })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('attempts')
      .executeTakeFirst();
    return row ? Number(row.attempts) : undefined;
  }

  async revokeEmailChange(id: string, now: string): Promise<void> {
    await this.storage.db.updateTable('email_changes').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  }

  /**
   * Uses the code and moves the contact to the new address, in one transaction; false when
   * another request used or revoked the change first.
   */
  async completeEmailChange(change: PendingEmailChange, now: string): Promise<boolean> {
    return this.storage.transaction(async () => {
      const used = await this.storage.db
        .updateTable('email_changes')
        .set({ used_at: now })
        .where('id', '=', change.id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return false;
      await this.storage.db
        .updateTable('contacts')
        .set({ email: change.newEmail, updated_at: now })
        .where('firm_id', '=', change.firmId)
        .where('id', '=', change.contactId)
        .execute();
      return true;
    });
  }

  /** Forgets changes that ended before `before` and were never used. */
  async prune(before: string): Promise<number> {
    const result = await this.storage.db.deleteFrom('email_changes').where('expires_at', '<', before).where('used_at', 'is', null).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** The stored list of optional emails turned off, as known kinds (anything else is left out). */
export function parseOptOuts(stored: string): OptionalEmail[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? optionalEmails.filter((kind) => value.includes(kind)) : [];
  } catch {
    return [];
  }
}
