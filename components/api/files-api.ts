import type { ServiceConnection } from './connection.ts';
import { postForm } from './form-upload.ts';
import type { DownloadedFile, FileListQuery, FilePage, FileUploadOptions, PortalFile, RequestOptions, XhrFactory } from './types.ts';

/** Files the firm shared with the signed-in client and those the client uploaded: `/api/v1/files`. */
export class FilesApi {
  readonly #connection: ServiceConnection;
  readonly #xhr: XhrFactory | undefined;

  constructor(connection: ServiceConnection, xhr?: XhrFactory) {
    this.#connection = connection;
    this.#xhr = xhr;
  }

  /**
   * One page of the client's files, newest first, or folder by folder with `groupBy: 'folder'`,
   * with every folder the client has.
   *
   * @example client.files.list({ groupBy: 'folder' }, { signal })
   */
  list({ folder, groupBy, limit, cursor }: FileListQuery = {}, { signal }: RequestOptions = {}): Promise<FilePage> {
    return this.#connection.request<FilePage>({
      method: 'GET',
      path: '/files',
      query: { folder, groupBy, limit, cursor: cursor ?? undefined },
      authentication: 'bearer',
      signal,
    });
  }

  /**
   * Uploads one file, reporting progress as it goes out; `signal` cancels it. The service checks
   * the file by its content: it rejects with an `ApiError` whose `code` is `file_too_large` (413),
   * `file_type_not_allowed` (415), `file_empty` or `invalid_upload` (400), or `file_rejected` (422).
   *
   * @example client.files.upload(file, { folder: 'Estate of Eleanor Morgan', onProgress: ({ loaded, total }) => … })
   */
  upload(file: Blob, { folder, onProgress, signal }: FileUploadOptions = {}, fileName = file instanceof File ? file.name : 'file'): Promise<PortalFile> {
    const form = new FormData();
    // The folder goes first: the service reads the form in order.
    if (folder) form.append('folder', folder);
    form.append('file', file, fileName);
    const url = this.#connection.urlFor('/files');
    return this.#connection.withAccessToken((accessToken) => postForm<PortalFile>({ url, form, accessToken, onProgress, signal, xhr: this.#xhr }), signal);
  }

  /** A file's content, to save with `saveFile` (it needs the access token, so a plain link cannot open it). */
  download(id: string, { signal }: RequestOptions = {}): Promise<DownloadedFile> {
    return this.#connection.download({
      method: 'GET',
      path: `/files/${encodeURIComponent(id)}/content`,
      headers: { Accept: '*/*' },
      authentication: 'bearer',
      signal,
    });
  }
}
