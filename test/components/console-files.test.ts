import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FirmFile } from '../../components/console/api/files-api.ts';
import type { StaffRole } from '../../components/console/api/types.ts';
import type { PortalConsoleFiles } from '../../components/console/files/files.ts';
import '../../components/console/files/define.ts';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import {
  $,
  confirmClosed,
  confirmOpened,
  consoleClientFor,
  contacts,
  firmFile,
  mountScreen,
  part,
  parts,
  type ScreenOptions,
  staffMe,
  staffSignedInService,
  text,
} from './console-fixtures.ts';
import { deferred, json, problem, type FakeService } from './fake-service.ts';
import { FakeUploads, type FakeXhr } from './fake-xhr.ts';
import { afterEach, describe, it } from './mocha.ts';

const library = (): FirmFile[] => [
  firmFile(3, { name: 'Signed lease.pdf', uploadedBy: { type: 'contact', name: 'Alex Morgan' }, folder: 'Morgan v. Castellan' }),
  firmFile(2, { name: 'Engagement letter.pdf', contactId: 'con_jordan' }),
  firmFile(1, { name: 'Probate checklist.pdf', folder: 'Estate of Eleanor Morgan' }),
];

function filesService(files: FirmFile[] = library(), role: StaffRole = 'staff'): FakeService {
  return staffSignedInService(role)
    .on('GET /api/v1/admin/contacts', () => json(200, { data: contacts, nextCursor: null }))
    .on('GET /api/v1/admin/files', ({ url }) => {
      const contactId = url.searchParams.get('contactId');
      const by = url.searchParams.get('uploadedBy');
      const data = files.filter((file) => (!contactId || file.contactId === contactId) && (!by || file.uploadedBy.type === by));
      const folders = contactId
        ? [
            { name: null, files: 1 },
            { name: 'Morgan v. Castellan', files: 1 },
          ]
        : undefined;
      return json(200, { data, nextCursor: null, ...(folders ? { folders } : {}) });
    });
}

async function loaded(element: PortalConsoleFiles): Promise<PortalConsoleFiles> {
  await waitUntil(() => parts(element, 'file').length > 0 || part(element, 'empty') || part(element, 'error'), 'the files did not load', { timeout: 4000 });
  await element.updateComplete;
  return element;
}

const screenWith = async (service: FakeService, options: ScreenOptions = {}): Promise<PortalConsoleFiles> =>
  loaded(await mountScreen('portal-console-files', service, { ...options, role: options.role ?? 'staff' }));

function select(element: PortalConsoleFiles, id: string, value: string): void {
  const control = $<HTMLSelectElement>(element, `#${id}`);
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

function choose(element: PortalConsoleFiles, file: File): void {
  const input = $<HTMLInputElement>(element, '#share-file');
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Submits the share form and answers the upload it sends. */
async function submitAnd(element: PortalConsoleFiles, uploads: FakeUploads, answer: (request: FakeXhr) => void): Promise<void> {
  const sent = uploads.next();
  $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
  answer(await sent);
}

const pdf = (name: string, bytes = 4096) => new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
const row = (element: PortalConsoleFiles, id: string) => $(element, `[data-file-id="${id}"]`);

describe('<portal-console-files>', () => {
  afterEach(() => fixtureCleanup());

  it('lists every client file, names each client, and is accessible', async () => {
    const service = filesService();
    const element = await screenWith(service);
    await waitUntil(() => text(row(element, 'file_2')).includes('Jordan Lee'), 'client names did not load');
    expect(parts(element, 'file').map((file) => text(file.querySelector('.file-name')))).to.deep.equal([
      'Signed lease.pdf',
      'Engagement letter.pdf',
      'Probate checklist.pdf',
    ]);
    expect(text(row(element, 'file_3')))
      .to.include('From the client')
      .and.include('Morgan v. Castellan');
    expect(text(row(element, 'file_1')))
      .to.include('Shared by Margaret Hale')
      .and.include('Estate of Eleanor Morgan');
    expect(text(row(element, 'file_2'))).to.include('No folder');
    expect(service.calls('GET /api/v1/admin/files')[0]!.url.searchParams.get('limit')).to.equal('50');
    expect(service.calls('GET /api/v1/admin/files')[0]!.headers.get('authorization')).to.equal('Bearer staff-access-1');
    await expect(element).to.be.accessible();
  });

  it('filters by client (reflected as item-id), by who uploaded, and by the client’s folder', async () => {
    const service = filesService();
    const element = await screenWith(service);
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#filter-client option').length === 3);
    select(element, 'filter-client', 'con_alex');
    await waitUntil(() => service.calls('GET /api/v1/admin/files').length === 2);
    await loaded(element);
    expect(element.getAttribute('item-id')).to.equal('con_alex');
    expect(service.calls('GET /api/v1/admin/files')[1]!.url.searchParams.get('contactId')).to.equal('con_alex');
    await waitUntil(() => element.shadowRoot!.querySelector('#filter-folder option[value="f:Morgan v. Castellan"]'), 'the client’s folders did not show');
    select(element, 'filter-folder', 'f:Morgan v. Castellan');
    await waitUntil(() => service.calls('GET /api/v1/admin/files').length === 3);
    expect(service.calls('GET /api/v1/admin/files')[2]!.url.searchParams.get('folder')).to.equal('Morgan v. Castellan');
    select(element, 'filter-uploader', 'contact');
    await waitUntil(() => service.calls('GET /api/v1/admin/files').length === 4);
    expect(service.calls('GET /api/v1/admin/files')[3]!.url.searchParams.get('uploadedBy')).to.equal('contact');
  });

  it('shows a skeleton while loading, then the empty state', async () => {
    const answer = deferred<Response>();
    const service = filesService().on('GET /api/v1/admin/files', () => answer.promise);
    fixtureCleanup();
    const element = await fixture<PortalConsoleFiles>(
      html`<portal-console-files .client=${consoleClientFor(service)} .staff=${staffMe('staff')}></portal-console-files>`,
    );
    await waitUntil(() => part(element, 'skeleton'));
    expect(text(part(element, 'skeleton'))).to.include('Loading files');
    answer.resolve(json(200, { data: [], nextCursor: null }));
    await loaded(element);
    expect(text(part(element, 'empty'))).to.include('No files yet');
  });

  it('shows why the files could not load, and tries again', async () => {
    let fail = true;
    const service = filesService().on('GET /api/v1/admin/files', () =>
      fail ? problem(503, 'unavailable', 'Down for maintenance.') : json(200, { data: library(), nextCursor: null }),
    );
    const element = await screenWith(service);
    expect(text(part(element, 'error'))).to.include('The files could not be loaded');
    await expect(element).to.be.accessible();
    fail = false;
    part(element, 'retry-button')!.click();
    await waitUntil(() => parts(element, 'file').length === 3);
  });

  it('shares a document into a new folder with progress, announces it and reloads', async () => {
    const uploads = new FakeUploads();
    const service = filesService();
    const element = await screenWith(service, { uploads });
    part(element, 'share-button')!.click();
    await element.updateComplete;
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#share-client option').length === 3);
    select(element, 'share-client', 'con_jordan');
    await element.updateComplete;
    select(element, 'share-folder', 'new');
    await element.updateComplete;
    const folder = $<HTMLInputElement>(element, '#share-new-folder');
    folder.value = 'Lee Holdings — formation';
    folder.dispatchEvent(new Event('input'));
    choose(element, pdf('Operating agreement.pdf'));
    await element.updateComplete;
    const sent = uploads.next();
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    const request = await sent;
    expect(request.url).to.equal('http://service.test/api/v1/admin/files');
    expect(request.headers.authorization).to.equal('Bearer staff-access-1');
    expect([...request.body!.keys()]).to.deep.equal(['contactId', 'folder', 'staffName', 'file']);
    expect(request.body!.get('contactId')).to.equal('con_jordan');
    expect(request.body!.get('folder')).to.equal('Lee Holdings — formation');
    expect(request.body!.get('staffName')).to.equal('Priya Natarajan');
    request.progress(2048, 4096);
    await waitUntil(() => part<HTMLProgressElement>(element, 'progress')?.value === 50, 'progress did not show');
    const shared = oneEvent(element, 'portal-console-file-shared');
    const before = service.calls('GET /api/v1/admin/files').length;
    request.respond(201, firmFile(9, { name: 'Operating agreement.pdf', contactId: 'con_jordan', folder: 'Lee Holdings — formation' }));
    expect((await shared).detail.file.id).to.equal('file_9');
    await waitUntil(() => text(part(element, 'announcer')) === 'Operating agreement.pdf was shared.');
    await waitUntil(() => service.calls('GET /api/v1/admin/files').length === before + 1, 'the list did not reload');
    expect(part(element, 'share-form')).to.equal(null);
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'share-button'));
  });

  it('cancels an upload on its way', async () => {
    const uploads = new FakeUploads();
    const element = await screenWith(filesService(), { uploads });
    part(element, 'share-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#share-client option').length === 3);
    select(element, 'share-client', 'con_alex');
    choose(element, pdf('Draft.pdf'));
    await element.updateComplete;
    const sent = uploads.next();
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    const request = await sent;
    await waitUntil(() => part(element, 'cancel-upload-button'));
    part(element, 'cancel-upload-button')!.click();
    expect(request.aborted).to.equal(true);
    await waitUntil(() => text(part(element, 'announcer')) === 'Sending Draft.pdf was cancelled.');
    expect(part(element, 'share-form')).to.exist;
  });

  it('checks the form first, then shows the service’s problems next to the fields they name', async () => {
    const uploads = new FakeUploads();
    const element = await screenWith(filesService(), { uploads });
    part(element, 'share-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#share-client option').length === 3);
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    await element.updateComplete;
    expect(text($(element, '#share-contactId-error'))).to.equal('Choose the client to share it with.');
    expect(text($(element, '#share-file-error'))).to.equal('Choose the document to share.');
    expect($(element, '#share-client').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'share-client', 'focus did not move to the first error');
    expect(uploads.requests).to.have.length(0);

    select(element, 'share-client', 'con_alex');
    choose(element, pdf('Huge.pdf'));
    await element.updateComplete;
    await submitAnd(element, uploads, (request) => request.refuse(413, 'file_too_large', 'Too large.', { maxBytes: 25 * 1024 * 1024 }));
    await waitUntil(() => $(element, '#share-file-error'));
    expect(text($(element, '#share-file-error'))).to.equal('This document is larger than the portal accepts (25 MB).');
    expect($(element, '#share-file').getAttribute('aria-describedby')).to.equal('share-file-error');

    await submitAnd(element, uploads, (request) =>
      request.refuse(400, 'invalid_request', 'Bad folder.', { errors: [{ field: 'folder', message: 'must be one line of text' }] }),
    );
    await waitUntil(() => $(element, '#share-folder-error'));
    expect(text($(element, '#share-folder-error'))).to.equal('must be one line of text');

    await submitAnd(element, uploads, (request) => request.refuse(403, 'role_forbidden', 'Not your role.'));
    await waitUntil(() => text($(element, 'form .alert')).includes('Your role does not allow this'));
    await expect(element).to.be.accessible();
  });

  it('downloads a file through the admin API', async () => {
    const service = filesService().on(
      'GET /api/v1/admin/files/file_3/content',
      () => new Response(new Blob(['%PDF']), { headers: { 'Content-Type': 'application/pdf' } }),
    );
    const element = await screenWith(service);
    row(element, 'file_3').querySelector<HTMLButtonElement>('[part~="download-button"]')!.click();
    await waitUntil(() => text(part(element, 'announcer')) === 'Signed lease.pdf was downloaded.');
    expect(service.calls('GET /api/v1/admin/files/file_3/content')[0]!.headers.get('authorization')).to.equal('Bearer staff-access-1');
  });

  it('deletes a firm upload only after a confirmation; a client’s upload has no Delete', async () => {
    const service = filesService().on('DELETE /api/v1/admin/files/file_1', () => new Response(null, { status: 204 }));
    const element = await screenWith(service);
    expect(row(element, 'file_3').querySelector('[part~="delete-button"]'), 'a client upload').to.equal(null);
    const deleteButton = () => row(element, 'file_1').querySelector<HTMLButtonElement>('[part~="delete-button"]')!;

    deleteButton().click();
    await confirmOpened(element);
    expect(text($(element, '#confirm-body'))).to.include('Probate checklist.pdf');
    part(element, 'cancel-button')!.click();
    await confirmClosed(element);
    expect(service.calls('DELETE /api/v1/admin/files/file_1')).to.have.length(0);

    deleteButton().click();
    await confirmOpened(element);
    const deleted = oneEvent(element, 'portal-console-file-deleted');
    part(element, 'confirm-button')!.click();
    expect((await deleted).detail.fileId).to.equal('file_1');
    expect(service.calls('DELETE /api/v1/admin/files/file_1')).to.have.length(1);
    await waitUntil(() => !element.shadowRoot!.querySelector('[data-file-id="file_1"]'));
    await waitUntil(() => text(part(element, 'announcer')) === 'Probate checklist.pdf was deleted.');
  });

  it('opens a file’s client in the console', async () => {
    const element = await screenWith(filesService());
    const opened = oneEvent(element, 'portal-console-open');
    row(element, 'file_2').querySelector<HTMLButtonElement>('[part~="client-link"]')!.click();
    expect((await opened).detail).to.deep.equal({ screen: 'clients', itemId: 'con_jordan' });
  });

  it('hides sharing and deleting without a staff member who may write, and explains a 403', async () => {
    const element = await screenWith(filesService(), { staff: false });
    expect(part(element, 'share-button')).to.equal(null);
    expect(parts(element, 'delete-button')).to.have.length(0);
    const forbidden = await screenWith(filesService().on('GET /api/v1/admin/files', () => problem(403, 'role_forbidden', 'No.')));
    expect(text(part(forbidden, 'error'))).to.include('Your role does not allow this');
  });

  it('works by keyboard: the share form opens from the keyboard and Escape cancels a confirmation', async () => {
    const element = await screenWith(filesService());
    part(element, 'share-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'share-client', 'focus did not move into the form');
    part(element, 'share-form')!.querySelector<HTMLButtonElement>('button.secondary')!.click();
    await waitUntil(() => element.shadowRoot!.activeElement === part(element, 'share-button'));
    row(element, 'file_1').querySelector<HTMLButtonElement>('[part~="delete-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await confirmOpened(element);
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'cancel-button'));
    await sendKeys({ press: 'Escape' });
    await confirmClosed(element);
    await waitUntil(() => element.shadowRoot!.activeElement === row(element, 'file_1').querySelector('[part~="delete-button"]'));
  });

  it('fits a 375 px screen without sideways scrolling', async () => {
    const element = await screenWith(filesService(), { width: '375px' });
    part(element, 'share-button')!.click();
    await element.updateComplete;
    const base = part(element, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    const file = row(element, 'file_1');
    expect(file.querySelector('.file-actions')!.getBoundingClientRect().top).to.be.greaterThan(file.querySelector('.file-name')!.getBoundingClientRect().top);
  });

  it('speaks Spanish inside lang="es"', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const element = await screenWith(filesService(), { lang: 'es' });
    await waitUntil(() => text(element.shadowRoot!.querySelector('h2')) === 'Archivos');
    expect(text(part(element, 'share-button'))).to.equal('Compartir un documento');
    expect(text(row(element, 'file_3'))).to.include('Del cliente');
  });

  it('takes its component tokens from the page', async () => {
    fixtureCleanup();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--portal-console-files-row-background: rgb(1, 2, 3)"></div>`);
    const element = document.createElement('portal-console-files');
    element.client = consoleClientFor(filesService());
    element.staff = staffMe('staff');
    wrapper.append(element);
    await loaded(element);
    expect(getComputedStyle(row(element, 'file_1')).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});
