import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { Attachment, FileRecord, Uploader } from './file.ts';

interface FileRow {
  id: string; firm_id: string; contact_id: string; name: string; content_type: string; size: number; sha256: string;
  folder: string; storage_key: string; uploaded_by_type: Uploader['type']; uploaded_by_name: string; created_at: string;
}

function toRecord(row: FileRow): FileRecord {
  return {
    id: row.id,
    firmId: row.firm_id,
    contactId: row.contact_id,
    name: row.name,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    folder: row.folder === '' ? null : row.folder,
    storageKey: row.storage_key,
    uploadedBy: { type: row.uploaded_by_type, name: row.uploaded_by_name },
    createdAt: row.created_at,
  };
}

export type NewFile = Omit<FileRecord, 'id' | 'createdAt'>;

export interface FileQuery {
  firmId: string;
  contactId?: string;
  /** Only this folder; '' for the files in no folder. */
  folder?: string;
  /** Folder by folder (alphabetically, unfiled first), newest first within each; else newest first. */
  byFolder: boolean;
  limit: number;
  /** The position of the last file of the previous page. */
  after?: { folder: string; createdAt: string; id: string };
}

/** Every lookup takes the firm, and the client's lookups the contact too: nothing leaks across. */
export class FilesRepository {
  #insert;
  #find;
  #findForContact;
  #folders;
  #attachable;
  #delete;
  /** One prepared statement per shape of list query (filters × order × paging). */
  #listStatements = new Map<string, Statement<Record<string, unknown>, FileRow>>();

  constructor(private readonly db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO files (id, firm_id, contact_id, name, content_type, size, sha256, folder, storage_key, uploaded_by_type, uploaded_by_name, created_at)
       VALUES (@id, @firmId, @contactId, @name, @contentType, @size, @sha256, @folder, @storageKey, @uploadedByType, @uploadedByName, @now)`,
    );
    this.#find = db.prepare<{ firmId: string; id: string }, FileRow>('SELECT * FROM files WHERE firm_id = @firmId AND id = @id');
    this.#findForContact = db.prepare<{ firmId: string; contactId: string; id: string }, FileRow>(
      'SELECT * FROM files WHERE firm_id = @firmId AND contact_id = @contactId AND id = @id',
    );
    this.#folders = db.prepare<{ firmId: string; contactId: string }, { folder: string; files: number }>(
      'SELECT folder, COUNT(*) AS files FROM files WHERE firm_id = @firmId AND contact_id = @contactId GROUP BY folder ORDER BY folder',
    );
    this.#attachable = db.prepare<{ firmId: string; contactId: string; ids: string }, FileRow>(
      'SELECT * FROM files WHERE firm_id = @firmId AND contact_id = @contactId AND id IN (SELECT value FROM json_each(@ids))',
    );
    this.#delete = db.prepare('DELETE FROM files WHERE firm_id = @firmId AND id = @id');
  }

  create(file: NewFile, now: string): FileRecord {
    const id = newId('file');
    this.#insert.run({
      id,
      firmId: file.firmId,
      contactId: file.contactId,
      name: file.name,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
      folder: file.folder ?? '',
      storageKey: file.storageKey,
      uploadedByType: file.uploadedBy.type,
      uploadedByName: file.uploadedBy.name,
      now,
    });
    return { ...file, id, createdAt: now };
  }

  find(firmId: string, id: string): FileRecord | undefined {
    const row = this.#find.get({ firmId, id });
    return row && toRecord(row);
  }

  findForContact(firmId: string, contactId: string, id: string): FileRecord | undefined {
    const row = this.#findForContact.get({ firmId, contactId, id });
    return row && toRecord(row);
  }

  list(query: FileQuery): FileRecord[] {
    const where = ['firm_id = @firmId'];
    if (query.contactId !== undefined) where.push('contact_id = @contactId');
    if (query.folder !== undefined) where.push('folder = @folder');
    if (query.after) {
      where.push(
        query.byFolder
          ? '(folder > @afterFolder OR (folder = @afterFolder AND (created_at, id) < (@afterCreatedAt, @afterId)))'
          : '(created_at, id) < (@afterCreatedAt, @afterId)',
      );
    }
    const order = query.byFolder ? 'folder ASC, created_at DESC, id DESC' : 'created_at DESC, id DESC';
    const sql = `SELECT * FROM files WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`;
    let statement = this.#listStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<Record<string, unknown>, FileRow>(sql);
      this.#listStatements.set(sql, statement);
    }
    return statement
      .all({
        firmId: query.firmId,
        contactId: query.contactId,
        folder: query.folder,
        afterFolder: query.after?.folder,
        afterCreatedAt: query.after?.createdAt,
        afterId: query.after?.id,
        limit: query.limit,
      })
      .map(toRecord);
  }

  /** The contact's folders and how many files each holds; null is the files in no folder. */
  folders(firmId: string, contactId: string): { name: string | null; files: number }[] {
    return this.#folders.all({ firmId, contactId }).map((row) => ({ name: row.folder === '' ? null : row.folder, files: row.files }));
  }

  /** Those of `ids` that are the contact's files, which their messages may carry. */
  attachable(firmId: string, contactId: string, ids: readonly string[]): Attachment[] {
    return this.#attachable.all({ firmId, contactId, ids: JSON.stringify(ids) }).map((row) => ({
      id: row.id,
      name: row.name,
      size: row.size,
      contentType: row.content_type,
    }));
  }

  delete(firmId: string, id: string): boolean {
    return this.#delete.run({ firmId, id }).changes > 0;
  }
}
