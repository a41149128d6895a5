import { newId } from '../db/ids.ts';
import type { Storage } from '../db/storage.ts';
import type { Attachment, FileRecord, Uploader } from './file.ts';

interface FileRow {
  id: string;
  firm_id: string;
  contact_id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  folder: string;
  storage_key: string;
  uploaded_by_type: Uploader['type'];
  uploaded_by_name: string;
  created_at: string;
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
  /** Only the client's uploads (`contact`) or only the firm's (`staff`). */
  uploadedBy?: Uploader['type'] | undefined;
  /** Folder by folder (alphabetically, unfiled first), newest first within each; else newest first. */
  byFolder: boolean;
  limit: number;
  /** The position of the last file of the previous page. */
  after?: { folder: string; createdAt: string; id: string };
}

/** Every lookup takes the firm, and the client's lookups the contact too: nothing leaks across. */
export class FilesRepository {
  constructor(private readonly storage: Storage) {}

  async create(file: NewFile, now: string): Promise<FileRecord> {
    const id = newId('file');
    await this.storage.db
      .insertInto('files')
      .values({
        id,
        firm_id: file.firmId,
        contact_id: file.contactId,
        name: file.name,
        content_type: file.contentType,
        size: file.size,
        sha256: file.sha256,
        folder: file.folder ?? '',
        storage_key: file.storageKey,
        uploaded_by_type: file.uploadedBy.type,
        uploaded_by_name: file.uploadedBy.name,
        created_at: now,
      })
      .execute();
    return { ...file, id, createdAt: now };
  }

  async find(firmId: string, id: string): Promise<FileRecord | undefined> {
    const row = await this.#files().where('firm_id', '=', firmId).where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async findForContact(firmId: string, contactId: string, id: string): Promise<FileRecord | undefined> {
    const row = await this.#files().where('firm_id', '=', firmId).where('contact_id', '=', contactId).where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(query: FileQuery): Promise<FileRecord[]> {
    let select = this.#files().where('firm_id', '=', query.firmId);
    if (query.contactId !== undefined) select = select.where('contact_id', '=', query.contactId);
    if (query.folder !== undefined) select = select.where('folder', '=', query.folder);
    if (query.uploadedBy !== undefined) select = select.where('uploaded_by_type', '=', query.uploadedBy);
    const { after } = query;
    if (after) {
      select = select.where((eb) => {
        const newer = eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id));
        return query.byFolder ? eb.or([eb('folder', '>', after.folder), eb.and([eb('folder', '=', after.folder), newer])]) : newer;
      });
    }
    if (query.byFolder) select = select.orderBy('folder', 'asc');
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toRecord);
  }

  /** The contact's folders and how many files each holds; null is the files in no folder. */
  async folders(firmId: string, contactId: string): Promise<{ name: string | null; files: number }[]> {
    const rows = await this.storage.db
      .selectFrom('files')
      .select((eb) => ['folder', eb.fn.countAll<number>().as('files')])
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .groupBy('folder')
      .orderBy('folder')
      .execute();
    return rows.map((row) => ({ name: row.folder === '' ? null : row.folder, files: Number(row.files) }));
  }

  /** Those of `ids` that are the contact's files, which their messages may carry. */
  async attachable(firmId: string, contactId: string, ids: readonly string[]): Promise<Attachment[]> {
    if (ids.length === 0) return [];
    const rows = await this.storage.db
      .selectFrom('files')
      .select(['id', 'name', 'size', 'content_type'])
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, size: row.size, contentType: row.content_type }));
  }

  async describe(firmId: string, ids: readonly string[]): Promise<Attachment[]> {
    if (ids.length === 0) return [];
    const rows = await this.storage.db
      .selectFrom('files')
      .select(['id', 'name', 'size', 'content_type'])
      .where('firm_id', '=', firmId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, size: row.size, contentType: row.content_type }));
  }

  async delete(firmId: string, id: string): Promise<boolean> {
    const result = await this.storage.db.deleteFrom('files').where('firm_id', '=', firmId).where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** How many files the firm shared with the contact after `since` (every one when null), and the newest `limit`. */
  async sharedWithContactSince(firmId: string, contactId: string, since: string | null, limit: number): Promise<{ count: number; latest: FileRecord[] }> {
    const shared = this.storage.db
      .selectFrom('files')
      .where('firm_id', '=', firmId)
      .where('contact_id', '=', contactId)
      .where('uploaded_by_type', '=', 'staff')
      .$if(since !== null, (qb) => qb.where('created_at', '>', since!));
    const { n } = await shared.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await shared.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).$castTo<FileRow>().execute();
    return { count: Number(n), latest: rows.map(toRecord) };
  }

  #files() {
    return this.storage.db.selectFrom('files').selectAll().$castTo<FileRow>();
  }
}
