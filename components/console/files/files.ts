import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, isAbortError } from '../../api/api-error.ts';
import { saveFile } from '../../base/save-file.ts';
import { toggleState, untilAborted } from '../../base/states.ts';
import { acceptAttribute } from '../../files/upload-rules.ts';
import { formatDateTime, formatFileSize } from '../../i18n/format.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { FileFolder, FirmFile, FirmFilePage } from '../api/files-api.ts';
import { ConsoleScreen } from '../base/console-screen.ts';
import { ClientDirectory } from '../controllers/client-directory.ts';
import { ConfirmController, confirmStyles } from '../controllers/confirm-controller.ts';
import { LoadMoreController } from '../controllers/load-more-controller.ts';
import { PortalConsoleOpenEvent } from '../events.ts';
import { errorMessage, t } from '../i18n/translate.ts';
import { can } from '../roles.ts';
import { PortalConsoleFileDeletedEvent, PortalConsoleFileSharedEvent } from './events.ts';
import { filesScreenStyles } from './files.styles.ts';

/** A message produced while rendering, so that it follows the current language. */
type Words = () => string;

/** Who uploaded: anyone, the clients, or the firm. */
export type UploaderFilter = '' | 'contact' | 'staff';

/** The form's fields a problem can name. */
type ShareField = 'contactId' | 'folder' | 'file';

// The folder filter's values: every folder, the files in none, or one folder by name.
const ALL_FOLDERS = 'all';
const NO_FOLDER = 'none';
const NEW_FOLDER = 'new';
const folderValue = (name: string | null): string => (name === null ? NO_FOLDER : `f:${name}`);

const LARGEST_PAGE = 200;

/**
 * The firm's Files screen: every file of the firm's clients, newest first, filtered by client,
 * by who uploaded it (a client or the firm) and, for one client, by folder (matter). Each row
 * names the client, the folder, who uploaded it and when, with Download, and Delete for what the
 * firm shared (after a confirmation).
 *
 * "Share a document" opens a form: the client, a folder (one of the client's or a new one) and
 * the file, sent with a progress bar and a Cancel button. The service's problems show next to the
 * field they name. Results are announced in a live region.
 *
 * @tag portal-console-files
 *
 * @attr item-id - The client (contact id) whose files are shown; empty for every client.
 * @prop itemId - The client (contact id) whose files are shown; empty for every client.
 *
 * @event portal-console-file-shared - The firm shared a document with a client. `detail.file`.
 * @event portal-console-file-deleted - The firm deleted a file it had shared. `detail.fileId`.
 * @event portal-console-open - Asks the console to open a client's page (`screen: 'clients'`).
 *
 * @csspart base - Everything inside the element.
 * @csspart header - The heading and the share button.
 * @csspart share-button - The button that opens the share form.
 * @csspart filters - The client, uploader and folder filters.
 * @csspart share-form - The form that shares a document.
 * @csspart progress - The upload's progress bar.
 * @csspart cancel-upload-button - Cancels the upload on its way.
 * @csspart list - The list of files.
 * @csspart file - One file (also `file-client` or `file-firm`, by who uploaded it).
 * @csspart file-name - A file's name.
 * @csspart client-link - The button that opens the file's client.
 * @csspart uploader - Who uploaded a file.
 * @csspart download-button - A file's Download button.
 * @csspart delete-button - A firm upload's Delete button.
 * @csspart load-more-button - Loads more files.
 * @csspart skeleton - The placeholder shown while files load.
 * @csspart empty - The message shown when no file matches.
 * @csspart error - The panel shown when the files cannot be loaded.
 * @csspart retry-button - Tries again.
 * @csspart confirm-dialog - The confirmation before a delete.
 * @csspart announcer - The live region announcing results.
 *
 * @cssprop --portal-console-files-heading-color - Heading colour (default `--portal-color-text`).
 * @cssprop --portal-console-files-border-color - Borders of the list and the form (default `--portal-color-divider`).
 * @cssprop --portal-console-files-row-background - A file's background (default `--portal-color-surface`).
 * @cssprop --portal-console-files-client-upload-color - The mark on what a client uploaded (default `--portal-color-brand`).
 * @cssprop --portal-console-files-progress-color - The progress bar (default `--portal-color-brand`).
 *
 * @cssstate loading - The files are loading.
 * @cssstate empty - No file matches the filters.
 * @cssstate error - The files could not be loaded.
 * @cssstate uploading - A document is being sent.
 */
export class PortalConsoleFiles extends ConsoleScreen {
  static override styles = [ConsoleScreen.styles, confirmStyles, filesScreenStyles];

  /** Files per request, 1 to 200. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  @state() private uploader: UploaderFilter = '';
  @state() private folderFilter = ALL_FOLDERS;
  @state() private files: FirmFile[] = [];
  @state() private folders: FileFolder[] = [];
  @state() private busy: ReadonlySet<string> = new Set();
  @state() private announcement: Words | undefined;
  @state() private alert: Words | undefined;
  // The share form
  @state() private sharing = false;
  @state() private shareClient = '';
  @state() private shareFolder = NO_FOLDER;
  @state() private newFolder = '';
  @state() private chosen: File | undefined;
  @state() private progress: { loaded: number; total: number } | undefined;
  @state() private fieldErrors: Partial<Record<ShareField, Words>> = {};
  @state() private shareAlert: Words | undefined;

  readonly #directory = new ClientDirectory(this, () => this.client);
  readonly #confirm = new ConfirmController(this);
  readonly #internals: ElementInternals;
  #upload: AbortController | undefined;
  readonly #more = new LoadMoreController(this, {
    fetch: (cursor, signal) => this.client && this.#loadMore(this.client, cursor, signal),
    failed: (error) => {
      this.alert = () => t('files.error.more', { reason: errorMessage(error) });
    },
  });

  readonly #list = new Task(this, {
    task: async ([client, contactId, uploader, folder, pageSize], { signal }) => {
      this.#more.reset();
      if (!client) return untilAborted(signal);
      const page = await client.files.list(
        {
          contactId: contactId || undefined,
          uploadedBy: uploader || undefined,
          folder: folderQuery(contactId ? folder : ALL_FOLDERS),
          limit: pageLimit(pageSize),
        },
        { signal },
      );
      this.files = page.data;
      this.folders = page.folders ?? [];
      this.#more.cursor = page.nextCursor;
      return page;
    },
    args: () => [this.client, this.itemId, this.uploader, this.folderFilter, this.pageSize] as const,
  });

  // The folders of the client chosen in the share form, when that is not the client on screen.
  readonly #shareFolders = new Task(this, {
    task: async ([client, contactId], { signal }): Promise<FileFolder[]> => {
      if (!client || !contactId) return [];
      const page: FirmFilePage = await client.files.list({ contactId, limit: 1 }, { signal });
      return page.folders ?? [];
    },
    args: () => [this.client, this.sharing && this.shareClient !== this.itemId ? this.shareClient : ''] as const,
  });

  constructor() {
    super();
    this.#internals = this.attachInternals();
  }

  /** Loads the files (and the clients) again. */
  refresh(): Promise<unknown> {
    void this.#directory.refresh();
    return this.#list.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#upload?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another client's folders are not this one's.
    if (changed.has('itemId') && changed.get('itemId') !== undefined) this.folderFilter = ALL_FOLDERS;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const status = this.#list.status;
    toggleState(this.#internals, 'loading', status === TaskStatus.PENDING || status === TaskStatus.INITIAL);
    toggleState(this.#internals, 'error', status === TaskStatus.ERROR);
    toggleState(this.#internals, 'empty', status === TaskStatus.COMPLETE && this.files.length === 0);
    toggleState(this.#internals, 'uploading', this.progress !== undefined);
  }

  get #canWrite(): boolean {
    return can(this.staff, 'files');
  }

  protected override render(): TemplateResult {
    return html`
      <section class="screen" part="base" aria-labelledby="heading">
        <div class="header" part="header">
          <h2 id="heading">${t('files.heading')}</h2>
          ${
            this.#canWrite && !this.sharing
              ? html`<button class="button" part="share-button" type="button" @click=${this.#openShare}>${t('files.share.open')}</button>`
              : nothing
          }
        </div>
        ${this.sharing ? this.#renderShareForm() : nothing}
        ${this.#renderFilters()}
        <div class="alert" role="alert">${this.alert ? html`<p>${this.alert()}</p>` : nothing}</div>
        ${this.#list.render({
          initial: () => this.#renderSkeleton(),
          pending: () => (this.files.length ? this.#renderList() : this.#renderSkeleton()),
          complete: () => (this.files.length ? this.#renderList() : this.#renderEmpty()),
          error: (error) => this.#renderFailure(error),
        })}
        <div class="visually-hidden" part="announcer" role="status">${this.announcement?.() ?? ''}</div>
        ${this.#confirm.renderDialog()}
      </section>
    `;
  }

  #renderFilters(): TemplateResult {
    const clients = this.#directory.clients;
    return html`
      <div class="filters" part="filters" role="group" aria-label=${t('files.filters')}>
        <div class="field">
          <label for="filter-client">${t('files.filter.client')}</label>
          <select id="filter-client" @change=${(event: Event) => (this.itemId = (event.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${this.itemId === ''}>${t('files.filter.all-clients')}</option>
            ${clients.map((client) => html`<option value=${client.id} ?selected=${client.id === this.itemId}>${client.name}</option>`)}
            ${
              this.itemId && !clients.some((client) => client.id === this.itemId)
                ? html`<option value=${this.itemId} selected>${t('files.filter.this-client')}</option>`
                : nothing
            }
          </select>
        </div>
        <div class="field">
          <label for="filter-uploader">${t('files.filter.uploader')}</label>
          <select id="filter-uploader" @change=${(event: Event) => (this.uploader = (event.target as HTMLSelectElement).value as UploaderFilter)}>
            <option value="" ?selected=${this.uploader === ''}>${t('files.filter.anyone')}</option>
            <option value="contact" ?selected=${this.uploader === 'contact'}>${t('files.filter.clients')}</option>
            <option value="staff" ?selected=${this.uploader === 'staff'}>${t('files.filter.firm')}</option>
          </select>
        </div>
        ${
          this.itemId
            ? html`<div class="field">
              <label for="filter-folder">${t('files.filter.folder')}</label>
              <select id="filter-folder" @change=${(event: Event) => (this.folderFilter = (event.target as HTMLSelectElement).value)}>
                <option value=${ALL_FOLDERS} ?selected=${this.folderFilter === ALL_FOLDERS}>${t('files.filter.all-folders')}</option>
                ${this.folders.map(
                  (folder) =>
                    html`<option value=${folderValue(folder.name)} ?selected=${this.folderFilter === folderValue(folder.name)}>
                      ${folder.name ?? t('files.folder.none')}
                    </option>`,
                )}
              </select>
            </div>`
            : nothing
        }
      </div>
    `;
  }

  #renderShareForm(): TemplateResult {
    const clients = this.#directory.activeClients;
    const folders = (this.shareClient === this.itemId ? this.folders : (this.#shareFolders.value ?? [])).filter(
      (folder): folder is FileFolder & { name: string } => folder.name !== null,
    );
    const uploading = this.progress !== undefined;
    const percent = this.progress && this.progress.total > 0 ? Math.round((this.progress.loaded / this.progress.total) * 100) : 0;
    const error = (field: ShareField) => this.fieldErrors[field];
    const errorText = (field: ShareField) => {
      const words = error(field);
      return words ? html`<p class="field-error" id="share-${field}-error">${words()}</p>` : nothing;
    };
    return html`
      <form class="share" part="share-form" aria-labelledby="share-heading" novalidate @submit=${this.#share}>
        <h3 id="share-heading">${t('files.share.heading')}</h3>
        <div class="alert" role="alert">${this.shareAlert ? html`<p>${this.shareAlert()}</p>` : nothing}</div>
        <div class="field">
          <label for="share-client">${t('files.share.client')}</label>
          <select
            id="share-client"
            required
            ?disabled=${uploading}
            aria-invalid=${error('contactId') ? 'true' : 'false'}
            aria-describedby=${error('contactId') ? 'share-contactId-error' : nothing}
            @change=${(event: Event) => {
              this.shareClient = (event.target as HTMLSelectElement).value;
              this.shareFolder = NO_FOLDER;
              this.#clearError('contactId');
            }}
          >
            <option value="" ?selected=${this.shareClient === ''}>${t('files.share.choose-client')}</option>
            ${clients.map((client) => html`<option value=${client.id} ?selected=${client.id === this.shareClient}>${client.name} (${client.email})</option>`)}
          </select>
          ${errorText('contactId')}
        </div>
        <div class="field">
          <label for="share-folder">${t('files.share.folder')}</label>
          <select
            id="share-folder"
            ?disabled=${uploading}
            aria-invalid=${error('folder') && this.shareFolder !== NEW_FOLDER ? 'true' : 'false'}
            @change=${(event: Event) => {
              this.shareFolder = (event.target as HTMLSelectElement).value;
              this.#clearError('folder');
            }}
          >
            <option value=${NO_FOLDER} ?selected=${this.shareFolder === NO_FOLDER}>${t('files.folder.none')}</option>
            ${folders.map((folder) => html`<option value=${folderValue(folder.name)} ?selected=${this.shareFolder === folderValue(folder.name)}>${folder.name}</option>`)}
            <option value=${NEW_FOLDER} ?selected=${this.shareFolder === NEW_FOLDER}>${t('files.share.new-folder')}</option>
          </select>
          ${this.shareFolder === NEW_FOLDER ? nothing : errorText('folder')}
        </div>
        ${
          this.shareFolder === NEW_FOLDER
            ? html`<div class="field">
              <label for="share-new-folder">${t('files.share.new-folder-name')}</label>
              <input
                id="share-new-folder"
                type="text"
                maxlength="200"
                autocomplete="off"
                ?disabled=${uploading}
                .value=${this.newFolder}
                aria-invalid=${error('folder') ? 'true' : 'false'}
                aria-describedby=${error('folder') ? 'share-folder-error' : nothing}
                @input=${(event: Event) => {
                  this.newFolder = (event.target as HTMLInputElement).value;
                  this.#clearError('folder');
                }}
              />
              ${errorText('folder')}
            </div>`
            : nothing
        }
        <div class="field">
          <label for="share-file">${t('files.share.file')}</label>
          <input
            id="share-file"
            type="file"
            required
            accept=${acceptAttribute}
            ?disabled=${uploading}
            aria-invalid=${error('file') ? 'true' : 'false'}
            aria-describedby=${error('file') ? 'share-file-error' : nothing}
            @change=${(event: Event) => {
              this.chosen = (event.target as HTMLInputElement).files?.[0];
              this.#clearError('file');
            }}
          />
          ${errorText('file')}
        </div>
        ${
          uploading
            ? html`<div class="progress-row">
              <label for="share-progress">${t('files.share.progress', { name: this.chosen?.name ?? '' })}</label>
              <progress id="share-progress" part="progress" max="100" .value=${percent}></progress>
              <span class="percent">${t('files.share.percent', { percent })}</span>
              <button class="button secondary" part="cancel-upload-button" type="button" @click=${() => this.#upload?.abort()}>${t('files.share.cancel-upload')}</button>
            </div>`
            : html`<div class="form-actions">
              <button class="button" type="submit">${t('files.share.submit')}</button>
              <button class="button secondary" type="button" @click=${this.#closeShare}>${t('files.share.close')}</button>
            </div>`
        }
      </form>
    `;
  }

  #renderList(): TemplateResult {
    const busy = this.#list.status === TaskStatus.PENDING;
    return html`
      <ul class="list" part="list" aria-label=${t('files.list')} aria-busy=${busy ? 'true' : 'false'}>
        ${this.files.map((file) => this.#renderFile(file))}
      </ul>
      ${
        this.#more.cursor ? html`<div class="more">${this.#more.renderButton({ more: t('files.load-more'), loading: t('files.loading-more') })}</div>` : nothing
      }
    `;
  }

  #renderFile(file: FirmFile): TemplateResult {
    const byClient = file.uploadedBy.type === 'contact';
    const clientName = this.#directory.nameOf(file.contactId) ?? (byClient ? file.uploadedBy.name : t('files.unknown-client'));
    const nameId = `file-${domId(file.id)}`;
    const working = this.busy.has(file.id);
    return html`
      <li class="file" part="file ${byClient ? 'file-client' : 'file-firm'}" data-file-id=${file.id} data-by=${file.uploadedBy.type}>
        <span class="file-name" part="file-name" id=${nameId}>${file.name}</span>
        <span class="file-client">
          <span class="visually-hidden">${t('files.column.client')}: </span>
          <button class="link-button" part="client-link" type="button" @click=${() => this.#openClient(file.contactId)}>${clientName}</button>
        </span>
        <span class="file-folder"><span class="visually-hidden">${t('files.column.folder')}: </span>${file.folder ?? t('files.folder.none')}</span>
        <span class="file-uploader" part="uploader">
          ${
            byClient
              ? html`<span class="badge" data-tone="info">${t('files.by-client')}</span>`
              : html`<span class="visually-hidden">${t('files.column.uploader')}: </span>${t('files.by-firm', { name: file.uploadedBy.name })}`
          }
        </span>
        <span class="file-date"><span class="visually-hidden">${t('files.column.date')}: </span>${formatDateTime(file.createdAt)}</span>
        <span class="file-size">${formatFileSize(file.size)}</span>
        <span class="file-actions">
          <button
            class="button secondary small"
            part="download-button"
            type="button"
            aria-describedby=${nameId}
            aria-disabled=${working ? 'true' : 'false'}
            @click=${() => void this.#download(file)}
          >
            ${t('files.download')}
          </button>
          ${
            this.#canWrite && !byClient
              ? html`<button
                class="button secondary small delete"
                part="delete-button"
                type="button"
                aria-describedby=${nameId}
                aria-disabled=${working ? 'true' : 'false'}
                @click=${() => void this.#delete(file)}
              >
                ${t('files.delete')}
              </button>`
              : nothing
          }
        </span>
      </li>
    `;
  }

  #renderSkeleton(): TemplateResult {
    return html`
      <div class="skeleton" part="skeleton">
        <span class="visually-hidden" role="status">${t('files.loading')}</span>
        ${[0, 1, 2, 3].map(() => html`<span class="skeleton-block" aria-hidden="true"></span>`)}
      </div>
    `;
  }

  #renderEmpty(): TemplateResult {
    const filtered = this.itemId !== '' || this.uploader !== '';
    return html`<div class="state" part="empty"><p>${filtered ? t('files.empty-filtered') : t('files.empty')}</p></div>`;
  }

  #renderFailure(error: unknown): TemplateResult {
    return html`
      <div class="state error-state" part="error">
        <div class="alert" role="alert"><p>${t('files.error.load', { reason: errorMessage(error) })}</p></div>
        <button class="button secondary" part="retry-button" type="button" @click=${() => void this.refresh()}>${t('console.retry')}</button>
      </div>
    `;
  }

  #openClient(contactId: string): void {
    this.dispatchEvent(new PortalConsoleOpenEvent({ screen: 'clients', itemId: contactId }));
  }

  async #openShare(): Promise<void> {
    this.sharing = true;
    this.shareClient = this.itemId;
    this.shareFolder = this.folderFilter.startsWith('f:') ? this.folderFilter : NO_FOLDER;
    this.newFolder = '';
    this.chosen = undefined;
    this.fieldErrors = {};
    this.shareAlert = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.shareClient ? '#share-folder' : '#share-client')?.focus();
  }

  async #closeShare(): Promise<void> {
    this.#upload?.abort();
    this.sharing = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="share-button"]')?.focus();
  }

  #clearError(field: ShareField): void {
    if (!this.fieldErrors[field] && !this.shareAlert) return;
    const { [field]: _cleared, ...rest } = this.fieldErrors;
    this.fieldErrors = rest;
    this.shareAlert = undefined;
  }

  async #share(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.progress) return;
    const errors: Partial<Record<ShareField, Words>> = {};
    if (!this.shareClient) errors.contactId = () => t('files.share.client-required');
    if (this.shareFolder === NEW_FOLDER && !this.newFolder.trim()) errors.folder = () => t('files.share.folder-required');
    if (!this.chosen) errors.file = () => t('files.share.file-required');
    this.fieldErrors = errors;
    this.shareAlert = undefined;
    if (Object.keys(errors).length) {
      await this.#focusFirstError();
      return;
    }
    const file = this.chosen!;
    const folder = this.shareFolder === NEW_FOLDER ? this.newFolder.trim() : this.shareFolder.startsWith('f:') ? this.shareFolder.slice(2) : null;
    const request = new AbortController();
    this.#upload = request;
    this.progress = { loaded: 0, total: file.size };
    try {
      const shared = await client.files.share(this.shareClient, file, {
        folder,
        staffName: this.staff?.staff.name,
        signal: request.signal,
        onProgress: ({ loaded, total }) => {
          if (!request.signal.aborted) this.progress = { loaded, total: total || file.size };
        },
      });
      this.progress = undefined;
      this.sharing = false;
      this.#announce(() => t('files.announce.shared', { name: shared.name }));
      this.dispatchEvent(new PortalConsoleFileSharedEvent({ file: shared }));
      void this.#list.run();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="share-button"]')?.focus();
    } catch (error) {
      this.progress = undefined;
      if (request.signal.aborted || isAbortError(error)) {
        this.#announce(() => t('files.announce.cancelled', { name: file.name }));
        return;
      }
      this.#showShareProblem(error);
      await this.#focusFirstError();
    } finally {
      if (this.#upload === request) this.#upload = undefined;
    }
  }

  /** Puts the service's problem next to the field it names, else in the form's alert. */
  #showShareProblem(error: unknown): void {
    const errors: Partial<Record<ShareField, Words>> = {};
    if (error instanceof ApiError) {
      for (const { field, message } of error.errors) {
        const name = field.split('.').at(-1);
        if (name === 'contactId' || name === 'folder' || name === 'file') errors[name] = () => message;
      }
      if (error.code === 'contact_not_found') errors.contactId = () => t('files.share.client-not-found');
      if (error.code === 'file_too_large') {
        const limit = typeof error.extensions.maxBytes === 'number' ? error.extensions.maxBytes : undefined;
        errors.file = () => (limit === undefined ? t('files.share.too-large') : t('files.share.too-large-limit', { limit: formatFileSize(limit) }));
      }
      if (error.code === 'file_type_not_allowed') errors.file = () => t('files.share.type');
      if (error.code === 'file_empty') errors.file = () => t('files.share.empty');
      if (error.code === 'file_rejected') errors.file = () => t('files.share.rejected');
    }
    this.fieldErrors = errors;
    if (Object.keys(errors).length === 0) this.shareAlert = () => t('files.share.failed', { reason: errorMessage(error) });
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    const order: [ShareField, string][] = [
      ['contactId', '#share-client'],
      ['folder', this.shareFolder === NEW_FOLDER ? '#share-new-folder' : '#share-folder'],
      ['file', '#share-file'],
    ];
    const first = order.find(([field]) => this.fieldErrors[field]);
    if (first) this.renderRoot.querySelector<HTMLElement>(first[1])?.focus();
    else this.renderRoot.querySelector<HTMLElement>('#share-client')?.focus();
  }

  async #loadMore(client: ConsoleClient, cursor: string, signal: AbortSignal): Promise<void> {
    const firstNew = this.files.length;
    const page = await client.files.list(
      {
        contactId: this.itemId || undefined,
        uploadedBy: this.uploader || undefined,
        folder: folderQuery(this.itemId ? this.folderFilter : ALL_FOLDERS),
        limit: pageLimit(this.pageSize),
        cursor,
      },
      { signal },
    );
    const known = new Set(this.files.map((file) => file.id));
    this.files = [...this.files, ...page.data.filter((file) => !known.has(file.id))];
    this.#more.cursor = page.nextCursor;
    await this.updateComplete;
    const next = this.files[firstNew];
    if (next) this.renderRoot.querySelector<HTMLElement>(`[data-file-id="${CSS.escape(next.id)}"] [part~="download-button"]`)?.focus();
  }

  async #download(file: FirmFile): Promise<void> {
    const client = this.client;
    if (!client || this.busy.has(file.id)) return;
    this.#setBusy(file.id, true);
    this.alert = undefined;
    try {
      const content = await client.files.download(file.id);
      saveFile(content.blob, content.fileName ?? file.name);
      this.#announce(() => t('files.announce.downloaded', { name: file.name }));
    } catch (error) {
      if (!isAbortError(error)) this.alert = () => t('files.error.download', { name: file.name, reason: errorMessage(error) });
    } finally {
      this.#setBusy(file.id, false);
    }
  }

  async #delete(file: FirmFile): Promise<void> {
    const client = this.client;
    if (!client || this.busy.has(file.id)) return;
    const confirmed = await this.#confirm.ask({
      title: t('files.delete.title'),
      body: t('files.delete.body', { name: file.name, client: this.#directory.nameOf(file.contactId) ?? t('files.unknown-client') }),
      confirm: t('files.delete.confirm'),
      cancel: t('files.delete.cancel'),
    });
    if (!confirmed) {
      this.#focusRow(file.id, 'delete-button');
      return;
    }
    this.#setBusy(file.id, true);
    this.alert = undefined;
    const index = this.files.findIndex((known) => known.id === file.id);
    try {
      await client.files.remove(file.id);
      this.files = this.files.filter((known) => known.id !== file.id);
      this.#announce(() => t('files.announce.deleted', { name: file.name }));
      this.dispatchEvent(new PortalConsoleFileDeletedEvent({ fileId: file.id }));
      await this.updateComplete;
      // Focus moves to the next file, or back to the filters when the list is empty.
      const next = this.files[Math.min(index, this.files.length - 1)];
      if (next) this.#focusRow(next.id, 'download-button');
      else this.renderRoot.querySelector<HTMLElement>('#filter-client')?.focus();
    } catch (error) {
      if (!isAbortError(error)) this.alert = () => t('files.error.delete', { name: file.name, reason: errorMessage(error) });
    } finally {
      this.#setBusy(file.id, false);
    }
  }

  #focusRow(id: string, part: string): void {
    this.renderRoot.querySelector<HTMLElement>(`[data-file-id="${CSS.escape(id)}"] [part~="${part}"]`)?.focus();
  }

  #setBusy(id: string, on: boolean): void {
    const busy = new Set(this.busy);
    if (on) busy.add(id);
    else busy.delete(id);
    this.busy = busy;
  }

  /** Says something in the live region; the same words twice in a row are said twice. */
  #announce(words: Words): void {
    this.announcement = undefined;
    void this.updateComplete.then(() => {
      this.announcement = words;
    });
  }
}

/** The folder filter as the service's `folder` query: undefined for every folder, '' for none. */
function folderQuery(filter: string): string | undefined {
  if (filter === NO_FOLDER) return '';
  return filter.startsWith('f:') ? filter.slice(2) : undefined;
}

function pageLimit(pageSize: number): number {
  return Number.isFinite(pageSize) ? Math.min(LARGEST_PAGE, Math.max(1, Math.round(pageSize))) : 50;
}

/** An id the service gave, made safe for use in element ids. */
function domId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
