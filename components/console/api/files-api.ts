import type { ServiceConnection } from '../../api/connection.ts';
import { postForm } from '../../api/form-upload.ts';
import type * as schemas from '../../api/contract.ts';
import type { PageQuery, UploadProgress } from '../../api/types.ts';
import type { DownloadedFile, RequestOptions, SignedInStaff, StaffSignIn, XhrFactory } from './types.ts';

/** A client's file as the firm sees it: also whose it is. */
export type FirmFile = schemas.FirmFile;

/** A page of the firm's files; with `contactId`, also that client's folders. */
export type FirmFilePage = schemas.FirmFilePage;

/** A folder (matter) and how many files it holds; `name` is null for files in no folder. */
export type FileFolder = schemas.FileFolder;

export interface FirmFileQuery extends PageQuery {
  /** Only this client's files. */
  contactId?: string;
  /** Only what clients uploaded (`contact`) or what the firm shared (`staff`). */
  uploadedBy?: 'contact' | 'staff';
  /** Only the files in this folder; `''` for those in none. */
  folder?: string;
  /** `folder`: folder by folder, newest first within each; otherwise newest first. */
  groupBy?: 'folder';
}

export interface ShareOptions extends RequestOptions {
  /** The folder (matter) to file it under; none when empty. */
  folder?: string | null;
  /** Who at the firm it comes from, as the client sees it; the firm's name when left out. */
  staffName?: string;
  /** Called as the upload goes out. */
  onProgress?: (progress: UploadProgress) => void;
}

/** The firm's files: what it shares with its clients and what they upload (`/api/v1/admin/files`). */
export class FilesApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;
  readonly #xhr: XhrFactory | undefined;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>, xhr?: XhrFactory) {
    this.#connection = connection;
    this.#xhr = xhr;
  }

  /**
   * One page of the firm's files, newest first (or folder by folder), optionally one client's
   * and only one side's uploads.
   *
   * @example client.files.list({ contactId, uploadedBy: 'contact' }, { signal })
   */
  list({ contactId, uploadedBy, folder, groupBy, limit, cursor }: FirmFileQuery = {}, { signal }: RequestOptions = {}): Promise<FirmFilePage> {
    return this.#connection.request<FirmFilePage>({
      method: 'GET',
      path: '/admin/files',
      query: { contactId, uploadedBy, folder, groupBy, limit, cursor: cursor ?? undefined },
      authentication: 'bearer',
      signal,
    });
  }

  /** One file's details. */
  get(id: string, { signal }: RequestOptions = {}): Promise<FirmFile> {
    return this.#connection.request<FirmFile>({ method: 'GET', path: `/admin/files/${encodeURIComponent(id)}`, authentication: 'bearer', signal });
  }

  /**
   * Shares a document with a client, optionally into a folder, reporting progress; `signal`
   * cancels it. Rejects with an `ApiError`: `file_too_large` (413), `file_type_not_allowed` (415),
   * `contact_not_found` (422), `invalid_request` (400, with the field named), `file_rejected` (422).
   */
  share(
    contactId: string,
    file: Blob,
    { folder, staffName, onProgress, signal }: ShareOptions = {},
    fileName = file instanceof File ? file.name : 'file',
  ): Promise<FirmFile> {
    const form = new FormData();
    // The fields go before the file: the service reads the form in order.
    form.append('contactId', contactId);
    if (folder) form.append('folder', folder);
    if (staffName) form.append('staffName', staffName);
    form.append('file', file, fileName);
    const url = this.#connection.urlFor('/admin/files');
    return this.#connection.withAccessToken((accessToken) => postForm<FirmFile>({ url, form, accessToken, onProgress, signal, xhr: this.#xhr }), signal);
  }

  /** A file's content, to save with `saveFile`. */
  download(id: string, { signal }: RequestOptions = {}): Promise<DownloadedFile> {
    return this.#connection.download({
      method: 'GET',
      path: `/admin/files/${encodeURIComponent(id)}/content`,
      headers: { Accept: '*/*' },
      authentication: 'bearer',
      signal,
    });
  }

  /** Deletes a file for good (its bytes too). */
  remove(id: string, { signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request<void>({ method: 'DELETE', path: `/admin/files/${encodeURIComponent(id)}`, authentication: 'bearer', signal });
  }
}
