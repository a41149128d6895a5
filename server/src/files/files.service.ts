import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { WebhookEvents } from '../webhooks/index.ts';
import { z } from 'zod';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { ContactsService } from '../contacts/index.ts';
import type { Firm, FirmsService } from '../firms/index.ts';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../mail/index.ts';
import { clientUploadNotice } from './file.emails.ts';
import {
  toClientFile,
  toFirmFile,
  type Attachment,
  type ClientFile,
  type FileContent,
  type FileRecord,
  type FileScanner,
  type FirmFile,
  type Uploader,
  type UploadStream,
} from './file.ts';
import { sanitizeFolder } from './file-names.ts';
import type { FileStore } from './file-store.ts';
import { firmListQuery, listQuery } from './files.contract.ts';
import type { FilesRepository } from './files.repository.ts';
import { receiveUpload, type ReceivedUpload } from './upload.ts';

const staffName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(200)
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'must be one line of text');

/** A page of the client's files, with every folder they have and how many files each holds. */
export interface ClientFilePage extends Page<ClientFile> {
  folders: { name: string | null; files: number }[];
}

/** A page of the firm's files; with one contact's, also every folder that contact has. */
export interface FirmFilePage extends Page<FirmFile> {
  folders?: { name: string | null; files: number }[];
}

export interface FilesServiceDeps {
  files: FilesRepository;
  firms: FirmsService;
  contacts: ContactsService;
  store: FileStore;
  scanner: FileScanner;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  webhooks: WebhookEvents;
  unitOfWork: UnitOfWork;
  mailer: Mailer;
}

/**
 * Files the firm shares with a client and files the client sends, filed by matter. Uploads are
 * checked by content, limited in size as they stream, scanned, and only then kept.
 */
export class FilesService {
  constructor(private readonly deps: FilesServiceDeps) {}

  /** The client uploads a file, optionally into a folder (a matter's name). */
  async uploadForClient(firmId: string, contactId: string, upload: UploadStream): Promise<ClientFile> {
    const firm = await this.#firm(firmId);
    const contact = (await this.deps.contacts.find(firmId, contactId))!;
    const received = await receiveUpload(upload, { store: this.deps.store, maxBytes: firm.settings.maxUploadBytes, fields: ['folder'] });
    const record = await this.#keep(received, {
      firmId,
      contactId,
      uploadedBy: { type: 'contact', name: contact.name },
      actor: { type: 'contact', id: contactId },
      notify: { firm, contact },
    });
    return toClientFile(record);
  }

  /**
   * The firm shares a file with one of its contacts: the form names the contact (`contactId`),
   * optionally a `folder` and the `staffName` it comes from, then carries the file.
   */
  async uploadForFirm(firmId: string, upload: UploadStream, actor: Actor): Promise<FirmFile> {
    const firm = await this.#firm(firmId);
    const received = await receiveUpload(upload, {
      store: this.deps.store,
      maxBytes: firm.settings.maxUploadBytes,
      fields: ['contactId', 'folder', 'staffName'],
      onField: async (name, value) => {
        if (name === 'contactId' && !(await this.deps.contacts.find(firmId, value))) {
          throw Problem.unprocessable('contact_not_found', `No contact ${value} in this firm.`);
        }
        if (name === 'staffName') parse(z.strictObject({ staffName }), { staffName: value }, 'form');
      },
    });
    const contactId = received.fields.get('contactId');
    if (!contactId) {
      await received.incoming.discard();
      throw Problem.badRequest('invalid_request', 'The form is invalid: contactId is required (send it before the file).', {
        errors: [{ field: 'contactId', message: 'is required' }],
      });
    }
    const name = received.fields.get('staffName')?.trim() || firm.name;
    const record = await this.#keep(received, { firmId, contactId, uploadedBy: { type: 'staff', name }, actor });
    return toFirmFile(record);
  }

  /** The client's files, newest first or folder by folder (`groupBy=folder`), a page at a time. */
  async listForClient(firmId: string, contactId: string, query: unknown): Promise<ClientFilePage> {
    const q = parse(listQuery, query, 'query');
    const page = await this.#page(firmId, contactId, q);
    return { data: page.data.map(toClientFile), nextCursor: page.nextCursor, folders: await this.deps.files.folders(firmId, contactId) };
  }

  /** The files the firm shared with the client after `since` (all when null): how many, and the newest `limit`. */
  async sharedWithClientSince(firmId: string, contactId: string, since: string | null, limit: number): Promise<{ count: number; latest: ClientFile[] }> {
    const { count, latest } = await this.deps.files.sharedWithContactSince(firmId, contactId, since, limit);
    return { count, latest: latest.map(toClientFile) };
  }

  /**
   * The firm's files, or one contact's (`contactId`, with that contact's folders), newest first
   * or folder by folder, optionally only the client's uploads or the firm's (`uploadedBy`).
   */
  async listForFirm(firmId: string, query: unknown): Promise<FirmFilePage> {
    const q = parse(firmListQuery, query, 'query');
    if (q.contactId && !(await this.deps.contacts.find(firmId, q.contactId))) throw Problem.notFound('contact');
    const page = await this.#page(firmId, q.contactId, q, q.uploadedBy);
    const data = page.data.map(toFirmFile);
    if (!q.contactId) return { data, nextCursor: page.nextCursor };
    return { data, nextCursor: page.nextCursor, folders: await this.deps.files.folders(firmId, q.contactId) };
  }

  async getForFirm(firmId: string, id: string): Promise<FirmFile> {
    return toFirmFile(await this.#forFirm(firmId, id));
  }

  async contentForClient(firmId: string, contactId: string, id: string): Promise<FileContent> {
    const record = await this.deps.files.findForContact(firmId, contactId, id);
    if (!record) throw Problem.notFound('file');
    return this.#content(record);
  }

  async contentForFirm(firmId: string, id: string): Promise<FileContent> {
    return this.#content(await this.#forFirm(firmId, id));
  }

  /** Those of `ids` that are the contact's files, which their messages may carry. */
  attachable(firmId: string, contactId: string, ids: readonly string[]): Promise<Attachment[]> {
    return this.deps.files.attachable(firmId, contactId, ids);
  }

  /** Name, size and type of those of `ids` that are the firm's files (a file deleted since is left out). */
  describe(firmId: string, ids: readonly string[]): Promise<Attachment[]> {
    return this.deps.files.describe(firmId, ids);
  }

  /** Deletes a file for good: its record, its bytes, and its place on any message. */
  async remove(firmId: string, id: string, actor: Actor): Promise<void> {
    const record = await this.#forFirm(firmId, id);
    // The record goes first: a crash in between leaves unreferenced bytes, never a record without them.
    await this.deps.files.delete(firmId, id);
    await this.deps.store.remove(record.storageKey);
    await this.deps.audit.record(
      { firmId, actor, action: 'file.deleted', subject: { type: 'file', id }, data: { contactId: record.contactId, sha256: record.sha256 } },
      this.deps.clock().toISOString(),
    );
  }

  /** Scans a received upload and, when clean, stores it under its generated name and records it. */
  async #keep(
    received: ReceivedUpload,
    owner: { firmId: string; contactId: string; uploadedBy: Uploader; actor: Actor; notify?: { firm: Firm; contact: { name: string; email: string } } },
  ): Promise<FileRecord> {
    const { firmId, contactId } = owner;
    const info = { firmId, contactId, name: received.name, contentType: received.contentType, size: received.size, sha256: received.sha256 };
    let key: string | undefined;
    try {
      // A file the scanner could not check is refused, never kept unscanned.
      const verdict = await this.deps.scanner.scan(received.incoming.path, info).catch((error: unknown) => {
        this.deps.logger.error('virus scan failed; upload refused', { firmId, contactId, error: error instanceof Error ? error.message : String(error) });
        throw new Problem(
          503,
          'scan_unavailable',
          'The file could not be checked for viruses just now, so it was not kept. Please try again in a few minutes.',
        );
      });
      if (!verdict.clean) {
        await this.deps.audit.record(
          { firmId, actor: owner.actor, action: 'file.rejected', data: { contactId, name: received.name, sha256: received.sha256, reason: verdict.reason } },
          this.deps.clock().toISOString(),
        );
        throw Problem.unprocessable('file_rejected', 'The virus scan rejected this file, so it was not kept.', { reason: verdict.reason });
      }
      key = await received.incoming.commit();
      const folder = sanitizeFolder(received.fields.get('folder') ?? '');
      const now = this.deps.clock().toISOString();
      const storageKey = key;
      // The file, its audit entry and the firm's webhook of a client's upload commit together.
      return await this.deps.unitOfWork(async () => {
        const record = await this.deps.files.create(
          {
            firmId,
            contactId,
            name: received.name,
            contentType: received.contentType,
            size: received.size,
            sha256: received.sha256,
            folder: folder || null,
            storageKey,
            uploadedBy: owner.uploadedBy,
          },
          now,
        );
        const byClient = owner.uploadedBy.type === 'contact';
        await this.deps.audit.record(
          {
            firmId,
            actor: owner.actor,
            action: byClient ? 'file.uploaded' : 'file.shared',
            subject: { type: 'file', id: record.id },
            data: { contactId, sha256: received.sha256, size: received.size },
          },
          now,
        );
        if (byClient) {
          await this.deps.webhooks.emit(firmId, 'file.uploaded', {
            fileId: record.id,
            contactId,
            name: record.name,
            contentType: record.contentType,
            size: record.size,
            sha256: record.sha256,
            folder: record.folder,
            createdAt: record.createdAt,
          });
        }
        if (owner.notify) await this.#noticeToFirm(owner.notify.firm, owner.notify.contact, record);
        return record;
      });
    } catch (error) {
      await received.incoming.discard();
      if (key) await this.deps.store.remove(key);
      throw error;
    }
  }

  /** The firm's inbox hears of a client's upload, queued with the file's record so it is sent once it commits. */
  async #noticeToFirm(firm: Firm, contact: { name: string; email: string }, record: FileRecord): Promise<void> {
    const inbox = firm.settings.inboxEmail;
    if (!inbox) return;
    const email = clientUploadNotice({
      firm: { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors },
      contact,
      file: { id: record.id, name: record.name, size: record.size, folder: record.folder },
    });
    await this.deps.mailer.queue({ firmId: firm.id, kind: 'file_to_firm', to: inbox, fromName: firm.name, ...email }, `file_to_firm:${record.id}`);
  }

  async #page(firmId: string, contactId: string | undefined, q: z.output<typeof listQuery>, uploadedBy?: Uploader['type']): Promise<Page<FileRecord>> {
    const byFolder = q.groupBy === 'folder';
    let after: { folder: string; createdAt: string; id: string } | undefined;
    if (q.cursor) {
      const position = decodeCursor(q.cursor, ['f', 'c', 'id', 'g']);
      if (typeof position.f !== 'string' || typeof position.c !== 'string' || typeof position.id !== 'string' || position.g !== (byFolder ? 1 : 0)) {
        throw Problem.badRequest('invalid_cursor', 'The paging cursor belongs to another listing. Start again from the first page.');
      }
      after = { folder: position.f, createdAt: position.c, id: position.id };
    }
    const folder = q.folder === undefined ? undefined : sanitizeFolder(q.folder);
    const rows = await this.deps.files.list({ firmId, contactId, folder, uploadedBy, byFolder, limit: q.limit + 1, after });
    const data = rows.slice(0, q.limit);
    const last = data.at(-1);
    return {
      data,
      nextCursor: rows.length > q.limit && last ? encodeCursor({ f: last.folder ?? '', c: last.createdAt, id: last.id, g: byFolder ? 1 : 0 }) : null,
    };
  }

  async #content(record: FileRecord): Promise<FileContent> {
    const { size, stream } = await this.deps.store.read(record.storageKey);
    if (size !== record.size) {
      stream.destroy();
      throw new Error(`The stored bytes of ${record.id} are ${size} long, not ${record.size}`);
    }
    return { name: record.name, contentType: record.contentType, size, stream };
  }

  async #forFirm(firmId: string, id: string): Promise<FileRecord> {
    const record = await this.deps.files.find(firmId, id);
    if (!record) throw Problem.notFound('file');
    return record;
  }

  async #firm(firmId: string): Promise<Firm> {
    return (await this.deps.firms.findById(firmId))!;
  }
}
