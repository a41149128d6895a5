import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalFile, type PortalFileUploadedEvent, type PortalFiles } from '../../components/index.ts';
import '../../components/files/define.ts';
import { branding, deferred, json, problem, type FakeService } from './fake-service.ts';
import { FakeUploads, type FakeXhr } from './fake-xhr.ts';
import { portalFile, serveFiles } from './message-fixtures.ts';
import { overflowing } from './layout-fit.ts';
import { afterEach, describe, it } from './mocha.ts';
import { signedInService } from './portal-fixtures.ts';

const estate = 'Estate of Eleanor Morgan (2025-0388)';
const lease = 'Harbor Street lease renewal (2025-0460)';

function clientFor(service: FakeService, uploads?: FakeUploads): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch, ...(uploads ? { xhr: uploads.xhr } : {}) });
}

const part = <T extends Element = HTMLElement>(element: Element, name: string): T | null => element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

const parts = (element: Element, name: string): HTMLElement[] => [...element.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

const text = (element: Element | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Files as the service lists them folder by folder: no folder first, then by name. */
function library(): PortalFile[] {
  return [
    portalFile(4, { name: 'Signed engagement letter.pdf', size: 48_213 }),
    portalFile(1, { name: 'Probate checklist.pdf', folder: estate, size: 1_532_000 }),
    portalFile(2, { name: 'Bank statements.csv', folder: estate, size: 312, contentType: 'text/csv', uploadedBy: { type: 'contact', name: 'Alex Rivera' } }),
    portalFile(3, { name: 'Lease draft.docx', folder: lease, size: 88_000, uploadedBy: { type: 'staff', name: 'Daniel Okafor' } }),
  ];
}

function filesService(files: PortalFile[] = library()): FakeService {
  return serveFiles(signedInService(), () => files).on('GET /api/v1/firms/demo/branding', () => json(200, { ...branding, maxUploadBytes: 25 * 1024 * 1024 }));
}

async function loaded(element: PortalFiles): Promise<PortalFiles> {
  await waitUntil(() => parts(element, 'file').length > 0 || part(element, 'empty') || part(element, 'error'), 'the files did not load');
  await element.updateComplete;
  return element;
}

async function filesWith(service: FakeService, { width = '60rem', uploads }: { width?: string; uploads?: FakeUploads } = {}): Promise<PortalFiles> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}"></div>`);
  const element = document.createElement('portal-files');
  element.client = clientFor(service, uploads);
  wrapper.append(element);
  await loaded(element);
  await waitUntil(() => text(element.shadowRoot!.querySelector('#upload-hint')).includes('25 MB'), 'the firm’s limit did not load');
  return element;
}

function choose(element: PortalFiles, files: File[]): void {
  const input = element.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const pdf = (name: string, bytes = 2048) => new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });

const stored = (request: FakeXhr, overrides: Partial<PortalFile> = {}): PortalFile => ({
  id: `file_up_${request.file.name}`,
  name: request.file.name,
  size: request.file.size,
  contentType: 'application/pdf',
  folder: (request.body!.get('folder') as string | null) ?? null,
  sha256: 'b'.repeat(64),
  uploadedBy: { type: 'contact', name: 'Alex Rivera' },
  createdAt: new Date().toISOString(),
  ...overrides,
});

const uploadRow = (element: PortalFiles, name: string): HTMLElement =>
  parts(element, 'upload').find((row) => text(row.querySelector('.upload-name')) === name)!;

describe('<portal-files>', () => {
  afterEach(() => {
    document.querySelector('#host-theme')?.remove();
  });

  it('is accessible, with files and uploads, wide and narrow', async () => {
    const uploads = new FakeUploads();
    const wide = await filesWith(filesService(), { uploads });
    await expect(wide).to.be.accessible();
    choose(wide, [pdf('Scan.pdf'), new File(['x'], 'Virus.exe')]);
    await uploads.next(0);
    await wide.updateComplete;
    await expect(wide).to.be.accessible();
    const narrow = await filesWith(filesService(), { width: '320px' });
    await expect(narrow).to.be.accessible();
  });

  it('fits a phone’s width: nothing is wider than 320 or 375 px, and "Choose files" shows in full', async () => {
    // The demo's longest matter names: the folder list is as wide as its longest option.
    const long = 'Lee Holdings LLC — commercial lease review (2025-0467)';
    const files = [...library(), portalFile(5, { name: 'Commercial_lease_review_redline_final_v7_signed_by_all_parties.pdf', folder: long })];
    const uploads = new FakeUploads();
    for (const width of ['320px', '375px']) {
      const element = await filesWith(filesService(files), { width, uploads });
      choose(element, [pdf('Scanned_exhibit_bundle_for_the_commercial_lease_review.pdf'), new File(['x'], 'Virus.exe')]);
      await element.updateComplete;
      expect(overflowing(element), width).to.deep.equal([]);
      const choose_ = part(element, 'choose-button')!.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      expect(choose_.left, width).to.be.at.least(box.left);
      expect(choose_.right, width).to.be.at.most(box.right);
    }
  });

  it('lists files folder by folder with size, date and who shared them', async () => {
    const service = filesService();
    const element = await filesWith(service);
    const [call] = service.calls('GET /api/v1/files');
    expect(Object.fromEntries(call!.url.searchParams)).to.deep.equal({ groupBy: 'folder', limit: '50' });
    expect(call!.headers.get('Authorization')).to.equal('Bearer access-1');
    expect(element.pageSize).to.equal(50);

    expect(parts(element, 'folder-heading').map(text)).to.deep.equal(['General 1 file', `${estate} 2 files`, `${lease} 1 file`]);
    const rows = parts(element, 'file');
    expect(rows.map((row) => text(row.querySelector('[part~="file-name"]')))).to.deep.equal([
      'Signed engagement letter.pdf',
      'Probate checklist.pdf',
      'Bank statements.csv',
      'Lease draft.docx',
    ]);
    expect(rows.map((row) => text(row.querySelector('[part~="size"]')))).to.deep.equal(['47 kB', '1.5 MB', '312 bytes', '86 kB']);
    expect(text(rows[1]!.querySelector('[part~="date"]'))).to.equal(
      `Added ${new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(portalFile(1).createdAt))}`,
    );
    expect(rows.map((row) => text(row.querySelector('[part~="shared-by"]')))).to.deep.equal([
      'From Margaret Hale',
      'From Margaret Hale',
      'Uploaded by you',
      'From Daniel Okafor',
    ]);
    const download = rows[0]!.querySelector('[part~="download-button"]')!;
    expect(text(download)).to.equal('Download');
    expect(element.shadowRoot!.getElementById(download.getAttribute('aria-describedby')!)!.textContent).to.equal('Signed engagement letter.pdf');
    expect(text(element.shadowRoot!.querySelector('#upload-hint'))).to.include('up to 25 MB each');
  });

  it('downloads a file with the client’s token, under its own name', async () => {
    const service = filesService().on('GET /api/v1/files/file_1/content', () => new Response('%PDF-1.4', { headers: { 'Content-Type': 'application/pdf' } }));
    const element = await filesWith(service);
    const saved: string[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.push(this.download);
    };
    try {
      element.shadowRoot!.querySelector<HTMLButtonElement>('[data-file-id="file_1"] [part~="download-button"]')!.click();
      await waitUntil(() => saved.length === 1, 'nothing was downloaded');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(saved).to.deep.equal(['Probate checklist.pdf']);
    expect(service.calls('GET /api/v1/files/file_1/content')[0]!.headers.get('Authorization')).to.equal('Bearer access-1');
    await waitUntil(() => text(part(element, 'announcer')) === '“Probate checklist.pdf” was downloaded.');
  });

  it('uploads chosen files with a progress bar each, and lists them when done', async () => {
    const uploads = new FakeUploads();
    const element = await filesWith(filesService(), { uploads });
    const select = part<HTMLSelectElement>(element, 'folder-select')!;
    expect([...select.options].map((option) => option.text)).to.deep.equal(['No folder', estate, lease]);
    select.value = estate;
    select.dispatchEvent(new Event('change'));
    await element.updateComplete;

    choose(element, [pdf('Deed.pdf', 4096), pdf('Death certificate.pdf', 1024)]);
    const [deed, certificate] = await Promise.all([uploads.next(0), uploads.next(1)]);
    expect(deed!.url).to.equal('http://service.test/api/v1/files');
    expect(deed!.method).to.equal('POST');
    expect(deed!.headers.authorization).to.equal('Bearer access-1');
    expect(deed!.body!.get('folder')).to.equal(estate);
    expect(deed!.file.name).to.equal('Deed.pdf');
    expect([...deed!.body!.keys()]).to.deep.equal(['folder', 'file']);
    await element.updateComplete;
    expect(element.matches(':state(uploading)')).to.equal(true);

    deed!.progress(1024, 4096);
    certificate!.progress(900, 1000);
    await element.updateComplete;
    const deedRow = uploadRow(element, 'Deed.pdf');
    const bar = deedRow.querySelector<HTMLProgressElement>('progress')!;
    expect(bar.value).to.equal(25);
    expect(element.shadowRoot!.querySelector(`label[for="${bar.id}"]`)!.textContent).to.equal('Uploading Deed.pdf');
    expect(text(deedRow.querySelector('.upload-status'))).to.equal('25% uploaded');
    expect(uploadRow(element, 'Death certificate.pdf').querySelector<HTMLProgressElement>('progress')!.value).to.equal(90);

    deed!.progress(4096, 4096);
    const uploaded = oneEvent(element, 'portal-file-uploaded');
    deed!.respond(201, stored(deed!, { folder: estate }));
    const { detail } = (await uploaded) as PortalFileUploadedEvent;
    expect(detail.file.id).to.equal('file_up_Deed.pdf');
    await element.updateComplete;
    expect(uploadRow(element, 'Deed.pdf').querySelector<HTMLProgressElement>('progress')!.value).to.equal(100);
    expect(text(uploadRow(element, 'Deed.pdf').querySelector('.upload-status'))).to.equal('Uploaded');
    // First in its folder, as the service lists it.
    expect(parts(element, 'file').map((row) => row.dataset.fileId)).to.deep.equal(['file_4', 'file_up_Deed.pdf', 'file_1', 'file_2', 'file_3']);
    expect(parts(element, 'folder-heading').map(text)[1]).to.equal(`${estate} 3 files`);
    await waitUntil(() => text(part(element, 'announcer')) === '“Deed.pdf” was uploaded.');

    certificate!.respond(201, stored(certificate!, { folder: estate }));
    await waitUntil(() => parts(element, 'file').length === 6);
    expect(element.matches(':state(uploading)')).to.equal(false);
    uploadRow(element, 'Deed.pdf').querySelector<HTMLButtonElement>('[part~="dismiss-button"]')!.click();
    await element.updateComplete;
    expect(parts(element, 'upload').map((row) => text(row.querySelector('.upload-name')))).to.deep.equal(['Death certificate.pdf']);
  });

  it('cancels an upload on its way', async () => {
    const uploads = new FakeUploads();
    const element = await filesWith(filesService(), { uploads });
    let events = 0;
    element.addEventListener('portal-file-uploaded', () => (events += 1));
    choose(element, [pdf('Large scan.pdf', 8192)]);
    const request = await uploads.next(0);
    request.progress(2048, 8192);
    await element.updateComplete;
    const row = uploadRow(element, 'Large scan.pdf');
    const cancel = row.querySelector<HTMLButtonElement>('[part~="cancel-button"]')!;
    expect(text(cancel)).to.equal('Cancel');
    expect(element.shadowRoot!.getElementById(cancel.getAttribute('aria-describedby')!)!.textContent).to.equal('Large scan.pdf');
    cancel.focus();
    cancel.click();
    expect(request.aborted).to.equal(true);
    await waitUntil(() => text(part(element, 'announcer')) === 'The upload of “Large scan.pdf” was cancelled.');
    // Focus stays on the same button, which now clears the row.
    expect(element.shadowRoot!.activeElement).to.equal(cancel);
    expect(cancel.matches('[part~="dismiss-button"]')).to.equal(true);
    expect(uploadRow(element, 'Large scan.pdf').dataset.status).to.equal('cancelled');
    expect(text(uploadRow(element, 'Large scan.pdf'))).to.include('Upload cancelled');
    expect(uploadRow(element, 'Large scan.pdf').querySelector('progress')).to.equal(null);
    expect(parts(element, 'file')).to.have.length(4);
    expect(events).to.equal(0);
  });

  it('refuses files that are too large or of a type the portal does not take, before sending them', async () => {
    const uploads = new FakeUploads();
    const service = filesService().on('GET /api/v1/firms/demo/branding', () => json(200, { ...branding, maxUploadBytes: 10 * 1024 * 1024 }));
    fixtureCleanup();
    const element = await fixture<PortalFiles>(html`<portal-files .client=${clientFor(service, uploads)}></portal-files>`);
    await loaded(element);
    await waitUntil(() => text(element.shadowRoot!.querySelector('#upload-hint')).includes('10 MB'));

    choose(element, [pdf('Exhibits.pdf', 12 * 1024 * 1024), new File(['MZ'], 'setup.exe'), new File([], 'Blank.pdf')]);
    await element.updateComplete;
    expect(text(uploadRow(element, 'Exhibits.pdf').querySelector('[part~="upload-error"]'))).to.equal(
      '“Exhibits.pdf” is 12 MB, more than the 10 MB limit. Make it smaller, for example by scanning at a lower resolution or splitting it into parts, and try again.',
    );
    expect(text(uploadRow(element, 'setup.exe').querySelector('[part~="upload-error"]'))).to.include(
      '“setup.exe” is a kind of file the portal does not accept.',
    );
    expect(text(uploadRow(element, 'Blank.pdf').querySelector('[part~="upload-error"]'))).to.equal('“Blank.pdf” is empty, so there is nothing to upload.');
    expect(uploadRow(element, 'Exhibits.pdf').querySelector('[part~="retry-upload-button"]')).to.equal(null);
    expect(uploads.requests).to.have.length(0);
    await waitUntil(() => text(part(element, 'announcer')).startsWith('“Exhibits.pdf” is 12 MB'));
  });

  it('explains the service’s refusals in plain words', async () => {
    const uploads = new FakeUploads();
    const element = await filesWith(filesService(), { uploads });
    choose(element, [pdf('Renamed.pdf'), pdf('Huge.pdf'), pdf('Infected.pdf'), pdf('Flaky.pdf')]);
    const [renamed, huge, infected, flaky] = await Promise.all([0, 1, 2, 3].map((index) => uploads.next(index)));
    renamed!.refuse(415, 'file_type_not_allowed', "The file's name ends in .pdf but its content is plain text.");
    huge!.refuse(413, 'file_too_large', 'The file is larger than the limit of 25 MB.', { maxBytes: 25 * 1024 * 1024 });
    infected!.refuse(422, 'file_rejected', 'The virus scan rejected this file, so it was not kept.', { reason: 'EICAR' });
    flaky!.fail();
    await waitUntil(() => parts(element, 'upload').every((row) => row.dataset.status === 'failed'), 'the uploads did not all fail');

    expect(text(uploadRow(element, 'Renamed.pdf').querySelector('[part~="upload-error"]'))).to.equal(
      '“Renamed.pdf” was not accepted: its content is not a kind of file the portal takes, or does not match the ending of its name. Upload a PDF, an image, a Word, Excel or PowerPoint document, or a plain text or CSV file.',
    );
    expect(text(uploadRow(element, 'Huge.pdf').querySelector('[part~="upload-error"]'))).to.equal(
      '“Huge.pdf” is 2 kB, more than the 25 MB limit. Make it smaller, for example by scanning at a lower resolution or splitting it into parts, and try again.',
    );
    expect(text(uploadRow(element, 'Infected.pdf').querySelector('[part~="upload-error"]'))).to.include('was refused by the virus scan');
    expect(text(uploadRow(element, 'Flaky.pdf').querySelector('[part~="upload-error"]'))).to.equal(
      '“Flaky.pdf” was not uploaded. The portal could not reach the service. Check your connection and try again.',
    );
    expect(uploadRow(element, 'Renamed.pdf').querySelector('[part~="retry-upload-button"]')).to.equal(null);

    // A connection that failed can be tried again.
    uploadRow(element, 'Flaky.pdf').querySelector<HTMLButtonElement>('[part~="retry-upload-button"]')!.click();
    const again = await uploads.next(4);
    expect(again.file.name).to.equal('Flaky.pdf');
    again.respond(201, stored(again));
    await waitUntil(() => uploadRow(element, 'Flaky.pdf').dataset.status === 'done');
  });

  it('sends an upload again after renewing an expired sign-in', async () => {
    const uploads = new FakeUploads();
    const service = filesService();
    const element = await filesWith(service, { uploads });
    const refreshes = service.calls('POST /api/v1/auth/refresh').length;
    choose(element, [pdf('Retainer.pdf')]);
    (await uploads.next(0)).refuse(401, 'token_expired', 'The access token has expired.');
    const again = await uploads.next(1);
    expect(service.calls('POST /api/v1/auth/refresh').length).to.equal(refreshes + 1);
    expect(again.file.name).to.equal('Retainer.pdf');
    again.respond(201, stored(again));
    await waitUntil(() => uploadRow(element, 'Retainer.pdf').dataset.status === 'done');
  });

  it('takes files dropped on the drop zone', async () => {
    const uploads = new FakeUploads();
    uploads.autoRespond = (request) => request.respond(201, stored(request));
    const element = await filesWith(filesService(), { uploads });
    const zone = part(element, 'drop-zone')!;
    const transfer = new DataTransfer();
    transfer.items.add(pdf('Photos.pdf'));
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await element.updateComplete;
    expect(zone.dataset.dragging).to.equal('true');
    expect(element.matches(':state(dragging)')).to.equal(true);
    const over = new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true });
    zone.dispatchEvent(over);
    expect(over.defaultPrevented).to.equal(true);
    const uploaded = oneEvent(element, 'portal-file-uploaded');
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    zone.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);
    expect(((await uploaded) as PortalFileUploadedEvent).detail.file.name).to.equal('Photos.pdf');
    await element.updateComplete;
    expect(zone.dataset.dragging).to.equal('false');
    expect(parts(element, 'file').map((row) => row.dataset.fileId)[0]).to.equal('file_up_Photos.pdf');
  });

  it('takes its colours from component tokens, then global tokens', async () => {
    const element = await filesWith(filesService());
    const zone = part(element, 'drop-zone')!;
    expect(getComputedStyle(zone).backgroundColor).to.equal('rgb(243, 245, 248)');
    const style = document.createElement('style');
    style.id = 'host-theme';
    style.textContent = ':root { --portal-color-surface-alt: rgb(250, 250, 240); }';
    document.head.append(style);
    expect(getComputedStyle(zone).backgroundColor).to.equal('rgb(250, 250, 240)');
    style.textContent =
      'portal-files { --portal-files-drop-zone-background: rgb(1, 2, 3); } portal-files::part(file-name) { outline: 2px solid rgb(4, 5, 6); }';
    expect(getComputedStyle(zone).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(element, 'file-name')!).outlineColor).to.equal('rgb(4, 5, 6)');
  });

  it('shows a placeholder while loading and a message when there are no files', async () => {
    const answer = deferred<Response>();
    const service = signedInService().on('GET /api/v1/files', () => answer.promise);
    const element = await fixture<PortalFiles>(html`<portal-files .client=${clientFor(service)}></portal-files>`);
    await waitUntil(() => element.matches(':state(loading)'));
    expect(text(part(element, 'skeleton')!.querySelector('[role="status"]'))).to.equal('Loading your files…');
    answer.resolve(json(200, { data: [], nextCursor: null, folders: [] }));
    await loaded(element);
    expect(text(part(element, 'empty'))).to.include('No files yet');
    expect(element.matches(':state(empty)')).to.equal(true);
    expect(part(element, 'choose-button')).not.to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('explains an error and tries again', async () => {
    const service = signedInService().on('GET /api/v1/files', () => problem(503, 'unavailable', 'Down for maintenance.'));
    const element = await fixture<PortalFiles>(html`<portal-files .client=${clientFor(service)}></portal-files>`);
    await loaded(element);
    expect(text(part(element, 'error')!.querySelector('[role="alert"]'))).to.include('Something went wrong');
    expect(element.matches(':state(error)')).to.equal(true);
    await expect(element).to.be.accessible();
    serveFiles(service, library());
    part(element, 'retry-button')!.click();
    await waitUntil(() => parts(element, 'file').length === 4, 'the retry did not load the files');
  });

  it('says so when the firm does not offer files', async () => {
    const service = filesService().on('GET /api/v1/firms/demo/branding', () => json(200, { ...branding, sections: { ...branding.sections, files: false } }));
    const element = await fixture<PortalFiles>(html`<portal-files .client=${clientFor(service)}></portal-files>`);
    await waitUntil(() => part(element, 'disabled'), 'no notice');
    expect(text(part(element, 'disabled'))).to.equal('Hale & Whitmore LLP does not offer file sharing in this portal. Please contact them directly.');
    expect(part(element, 'drop-zone')).to.equal(null);
  });
});
