import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FirmContact } from '../../components/console/api/contacts-api.ts';
import type { StaffRole } from '../../components/console/api/types.ts';
import { clientStanding, type PortalConsoleClients } from '../../components/console/clients/clients.ts';
import '../../components/console/clients/define.ts';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import {
  $,
  confirmClosed,
  confirmOpened,
  consoleClientFor,
  firmContact,
  mountScreen,
  part,
  parts,
  type ScreenOptions,
  staffMe,
  staffSignedInService,
  text,
} from './console-fixtures.ts';
import { deferred, json, problem, type FakeService } from './fake-service.ts';
import { describe, it } from './mocha.ts';

const row = (element: Element, id: string): HTMLElement => $(element, `[data-contact-id="${id}"]`);

const alex = firmContact('con_alex', 'Alex Morgan', {
  phone: '+1 415 555 0100',
  hasLogin: true,
  invitationStatus: 'accepted',
  invitedAt: '2026-01-06T10:00:00.000Z',
  lastSignInAt: '2026-11-30T16:45:00.000Z',
});
const jordan = firmContact('con_jordan', 'Jordan Lee', { invitationStatus: 'pending', invitedAt: '2026-11-20T09:00:00.000Z' });
const riley = firmContact('con_riley', 'Riley Chen');
const drew = firmContact('con_drew', 'Drew Park', { status: 'archived', hasLogin: true, lastSignInAt: '2026-05-01T12:00:00.000Z' });

const records = {
  invoices: [
    {
      id: 'inv_1',
      number: 'INV-1042',
      matter: 'Morgan v. Castellan',
      contactId: 'con_alex',
      issuedOn: '2026-11-01',
      dueOn: '2026-12-01',
      currency: 'USD',
      depositAccount: 'operating',
      status: 'open',
      total: 125000,
      amountPaid: 0,
      amountPending: 0,
      balance: 125000,
      openBalance: 125000,
      externalId: null,
    },
  ],
  payments: [{ id: 'pay_1', status: 'succeeded', amount: 50000, currency: 'USD', createdAt: '2026-10-12T10:00:00.000Z', contactId: 'con_alex' }],
  files: [{ id: 'file_1', name: 'Signed lease.pdf', createdAt: '2026-10-02T10:00:00.000Z', contactId: 'con_alex' }],
  activities: [{ id: 'act_1', kind: 'task', title: 'Sign the engagement letter', status: 'upcoming', contactId: 'con_alex' }],
  threads: [{ id: 'thr_1', subject: 'Hearing date', status: 'open', unreadCount: 2, lastActivityAt: '2026-11-29T10:00:00.000Z', contact: { id: 'con_alex' } }],
};

/** A service with the firm's clients, where each list filters by status and `q` like the real one. */
function clientsService(all: FirmContact[] = [alex, jordan, riley, drew], role: StaffRole = 'admin'): FakeService {
  const service = staffSignedInService(role).on('GET /api/v1/admin/contacts', ({ url }) => {
    const status = url.searchParams.get('status') ?? 'active';
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const data = all.filter((c) => (status === 'all' || c.status === status) && (!q || c.name.toLowerCase().includes(q) || c.email.includes(q)));
    return json(200, { data, nextCursor: null });
  });
  for (const c of all) service.on(`GET /api/v1/admin/contacts/${c.id}`, () => json(200, c));
  const byContact =
    (rows: { contactId?: string; contact?: { id: string } }[]) =>
    ({ url }: { url: URL }) =>
      json(200, { data: rows.filter((r) => (r.contactId ?? r.contact?.id) === url.searchParams.get('contactId')), nextCursor: null });
  return service
    .on('GET /api/v1/admin/invoices', byContact(records.invoices))
    .on('GET /api/v1/admin/payments', byContact(records.payments))
    .on('GET /api/v1/admin/files', byContact(records.files))
    .on('GET /api/v1/admin/activities', byContact(records.activities))
    .on('GET /api/v1/admin/threads', byContact(records.threads));
}

async function loaded(element: PortalConsoleClients): Promise<PortalConsoleClients> {
  await waitUntil(
    () =>
      element.itemId ? part(element, 'facts') || part(element, 'error') : parts(element, 'row').length > 0 || part(element, 'empty') || part(element, 'error'),
    'the screen did not load',
  );
  await element.updateComplete;
  return element;
}

const screenWith = async (service: FakeService, options: ScreenOptions = {}): Promise<PortalConsoleClients> =>
  loaded(await mountScreen('portal-console-clients', service, { ...options, role: options.role ?? 'admin' }));

async function recordsLoaded(element: PortalConsoleClients): Promise<void> {
  await waitUntil(() => parts(element, 'record-row').length >= 5, 'the client’s records did not load');
}

function type(element: PortalConsoleClients, id: string, value: string): void {
  const input = $<HTMLInputElement>(element, `#${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('<portal-console-clients>', () => {
  it('lists the clients with their standing and last sign-in, and is accessible', async () => {
    const service = clientsService();
    const element = await screenWith(service);
    expect(parts(element, 'row').map((r) => r.dataset.contactId)).to.deep.equal(['con_alex', 'con_jordan', 'con_riley']);
    expect(text(row(element, 'con_alex').querySelector('[part~="status"]'))).to.equal('Active');
    expect(text(row(element, 'con_alex'))).to.include('Last signed in');
    expect(text(row(element, 'con_jordan').querySelector('[part~="status"]'))).to.equal('Invited');
    expect(text(row(element, 'con_riley'))).to.include('Never signed in');
    expect(text(row(element, 'con_riley').querySelector('[part~="status"]'))).to.equal('Not invited');
    const [request] = service.calls('GET /api/v1/admin/contacts');
    expect(request!.url.searchParams.get('status')).to.equal('active');
    expect(request!.headers.get('authorization')).to.equal('Bearer staff-access-1');
    expect(request!.signal).to.be.instanceOf(AbortSignal);
    await expect(element).to.be.accessible();
  });

  it('derives a client’s standing from their status, login and invitation', () => {
    expect(clientStanding(drew)).to.equal('archived');
    expect(clientStanding(alex)).to.equal('active');
    expect(clientStanding({ ...riley, lastSignInAt: '2026-01-01T00:00:00.000Z' }), 'signed in by the firm’s own site').to.equal('active');
    expect(clientStanding(jordan)).to.equal('invited');
    expect(clientStanding({ ...jordan, invitationStatus: 'expired' })).to.equal('invitation-expired');
    expect(clientStanding(riley)).to.equal('not-invited');
  });

  it('searches by name or email and filters by status, announcing what it found', async () => {
    const service = clientsService();
    const element = await screenWith(service);
    type(element, 'search', 'jor');
    $<HTMLButtonElement>(element, 'form[role="search"] button[type="submit"]').click();
    await waitUntil(() => parts(element, 'row').length === 1);
    expect(service.calls('GET /api/v1/admin/contacts').at(-1)!.url.searchParams.get('q')).to.equal('jor');
    await waitUntil(() => text(part(element, 'announcer')) === '1 client found.');

    type(element, 'search', '');
    $<HTMLButtonElement>(element, 'form[role="search"] button[type="submit"]').click();
    const filter = $<HTMLSelectElement>(element, '#status-filter');
    filter.value = 'archived';
    filter.dispatchEvent(new Event('change'));
    await waitUntil(() => parts(element, 'row').length === 1 && row(element, 'con_drew'));
    expect(service.calls('GET /api/v1/admin/contacts').at(-1)!.url.searchParams.get('status')).to.equal('archived');
    expect(text(row(element, 'con_drew').querySelector('[part~="status"]'))).to.equal('Archived');
    await waitUntil(() => text(part(element, 'announcer')) === '1 client found.');
  });

  it('shows a skeleton while loading, then the empty state, and clears a filter that matches nobody', async () => {
    const answer = deferred<Response>();
    const service = clientsService([]).on('GET /api/v1/admin/contacts', () => answer.promise);
    fixtureCleanup();
    const element = await fixture<PortalConsoleClients>(
      html`<portal-console-clients .client=${consoleClientFor(service)} .staff=${staffMe('admin')}></portal-console-clients>`,
    );
    await waitUntil(() => part(element, 'skeleton'));
    expect(text(part(element, 'skeleton'))).to.equal('Loading clients…');
    answer.resolve(json(200, { data: [], nextCursor: null }));
    await waitUntil(() => part(element, 'empty'));
    expect(text(part(element, 'empty'))).to.include('No clients yet');
    await expect(element).to.be.accessible();

    const filtered = await screenWith(clientsService());
    type(filtered, 'search', 'nobody');
    $<HTMLButtonElement>(filtered, 'form[role="search"] button[type="submit"]').click();
    await waitUntil(() => part(filtered, 'empty'));
    expect(text(part(filtered, 'empty'))).to.include('No client matches');
    part(filtered, 'empty')!.querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => parts(filtered, 'row').length === 3);
    expect($<HTMLInputElement>(filtered, '#search').value).to.equal('');
  });

  it('shows why the clients could not load, tries again, and explains a 403', async () => {
    let fail = true;
    const service = clientsService().on('GET /api/v1/admin/contacts', () =>
      fail ? problem(503, 'unavailable', 'Down.') : json(200, { data: [alex], nextCursor: null }),
    );
    const element = await screenWith(service);
    expect(text(part(element, 'error'))).to.include('The clients could not be loaded');
    await expect(element).to.be.accessible();
    fail = false;
    part(element, 'retry-button')!.click();
    await waitUntil(() => parts(element, 'row').length === 1);

    const forbidden = await screenWith(clientsService().on('GET /api/v1/admin/contacts', () => problem(403, 'role_forbidden', 'No.')));
    expect(text(part(forbidden, 'error'))).to.include('Your role does not allow this');
  });

  it('loads the next page with the service’s cursor and moves focus to the first new client', async () => {
    const service = clientsService().on('GET /api/v1/admin/contacts', ({ url }) =>
      url.searchParams.get('cursor') === 'c2' ? json(200, { data: [riley], nextCursor: null }) : json(200, { data: [alex, jordan], nextCursor: 'c2' }),
    );
    const element = await screenWith(service);
    expect(service.calls('GET /api/v1/admin/contacts')[0]!.url.searchParams.get('limit')).to.equal('50');
    part(element, 'load-more-button')!.click();
    await waitUntil(() => parts(element, 'row').length === 3);
    expect(service.calls('GET /api/v1/admin/contacts').at(-1)!.url.searchParams.get('cursor')).to.equal('c2');
    expect(part(element, 'load-more-button')).to.equal(null);
    await waitUntil(() => element.shadowRoot!.activeElement === row(element, 'con_riley').querySelector('[part~="open-button"]'));
    await waitUntil(() => text(part(element, 'announcer')) === '1 more clients shown.');
  });

  it('adds a client and sends the invitation at once, then shows their page', async () => {
    const created = firmContact('con_sam', 'Sam Ortiz', { phone: '+1 212 555 0199' });
    const invited = { ...created, invitationStatus: 'pending' as const, invitedAt: '2026-12-05T10:00:00.000Z' };
    let sent = false;
    const service = clientsService()
      .on('POST /api/v1/admin/contacts', () => json(201, created))
      .on('POST /api/v1/admin/contacts/con_sam/invitations', () => {
        sent = true;
        return json(201, { id: 'inv_9', contactId: 'con_sam', expiresAt: '2026-12-12T10:00:00.000Z', createdAt: '2026-12-05T10:00:00.000Z' });
      })
      .on('GET /api/v1/admin/contacts/con_sam', () => json(200, sent ? invited : created));
    const element = await screenWith(service);
    part(element, 'add-button')!.click();
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'field-name', 'focus did not move into the form');
    expect($<HTMLInputElement>(element, '#field-invite').checked, 'inviting is the default').to.equal(true);
    type(element, 'field-name', 'Sam Ortiz');
    type(element, 'field-email', 'sam@example.com');
    type(element, 'field-phone', '+1 212 555 0199');
    const added = oneEvent(element, 'portal-console-clients-added');
    const invitedEvent = oneEvent(element, 'portal-console-clients-invited');
    part(element, 'save-button')!.click();
    expect((await invitedEvent).detail.invitation.id).to.equal('inv_9');
    expect((await added).detail).to.deep.equal({ contact: created, invited: true });
    expect(service.calls('POST /api/v1/admin/contacts')[0]!.body).to.deep.equal({ name: 'Sam Ortiz', email: 'sam@example.com', phone: '+1 212 555 0199' });
    expect(service.calls('POST /api/v1/admin/contacts/con_sam/invitations')[0]!.body).to.deep.equal({});
    expect(element.getAttribute('item-id'), 'the console follows the reflected item-id').to.equal('con_sam');
    await waitUntil(() => text(part(element, 'announcer')) === 'Sam Ortiz was added and invited to the portal.');
    await waitUntil(() => text($(element, '#client-heading')) === 'Sam Ortiz');
  });

  it('adds a client without an invitation when unticked, and reports a failed invitation on their page', async () => {
    const created = firmContact('con_sam', 'Sam Ortiz');
    const service = clientsService()
      .on('POST /api/v1/admin/contacts', () => json(201, created))
      .on('POST /api/v1/admin/contacts/con_sam/invitations', () => problem(503, 'mail_unavailable', 'Down.'))
      .on('GET /api/v1/admin/contacts/con_sam', () => json(200, created));
    const element = await screenWith(service);
    part(element, 'add-button')!.click();
    await element.updateComplete;
    type(element, 'field-name', 'Sam Ortiz');
    type(element, 'field-email', 'sam@example.com');
    $<HTMLInputElement>(element, '#field-invite').click();
    part(element, 'save-button')!.click();
    await waitUntil(() => text(part(element, 'announcer')) === 'Sam Ortiz was added.');
    expect(service.calls('POST /api/v1/admin/contacts/con_sam/invitations')).to.have.length(0);
    expect(service.calls('POST /api/v1/admin/contacts')[0]!.body).to.deep.equal({ name: 'Sam Ortiz', email: 'sam@example.com' });

    const again = await screenWith(service);
    part(again, 'add-button')!.click();
    await again.updateComplete;
    type(again, 'field-name', 'Sam Ortiz');
    type(again, 'field-email', 'sam@example.com');
    const added = oneEvent(again, 'portal-console-clients-added');
    part(again, 'save-button')!.click();
    expect((await added).detail.invited).to.equal(false);
    await waitUntil(() => text($(again, '.alert[role="alert"]')).includes('the invitation could not be sent'));
    await waitUntil(() => part(again, 'invite-button'));
    expect(text(part(again, 'invite-button'))).to.equal('Send invitation');
  });

  it('checks the form first, then shows the service’s problems next to the fields they name', async () => {
    const service = clientsService();
    const element = await screenWith(service);
    part(element, 'add-button')!.click();
    await element.updateComplete;
    part(element, 'save-button')!.click();
    await element.updateComplete;
    expect(text($(element, '#error-name'))).to.equal('Enter the client’s name.');
    expect(text($(element, '#error-email'))).to.equal('Enter the client’s email address.');
    expect($(element, '#field-name').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'field-name', 'focus did not move to the first error');
    expect(service.calls('POST /api/v1/admin/contacts')).to.have.length(0);

    type(element, 'field-name', 'Sam Ortiz');
    type(element, 'field-email', 'sam@example.com');
    type(element, 'field-phone', 'call me');
    service.on('POST /api/v1/admin/contacts', () =>
      problem(400, 'invalid_request', 'Bad phone.', { errors: [{ field: 'phone', message: 'must be a phone number' }] }),
    );
    part(element, 'save-button')!.click();
    await waitUntil(() => $(element, '#error-phone'));
    expect(text($(element, '#error-phone'))).to.equal('must be a phone number');
    expect($(element, '#field-phone').getAttribute('aria-describedby')).to.equal('error-phone');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'field-phone');

    service.on('POST /api/v1/admin/contacts', () => problem(409, 'contact_exists', 'A contact with the email sam@example.com already exists.'));
    part(element, 'save-button')!.click();
    await waitUntil(() => $(element, '#error-email'));
    expect(text($(element, '#error-email'))).to.equal('A contact with the email sam@example.com already exists.');

    service.on('POST /api/v1/admin/contacts', () => problem(403, 'role_forbidden', 'Not your role.'));
    part(element, 'save-button')!.click();
    await waitUntil(() => text($(element, 'form.form .alert')).includes('Your role does not allow this'));
    await expect(element).to.be.accessible();
  });

  it('shows a client’s page: details, standing, last sign-in and their records, each opening its screen', async () => {
    const service = clientsService();
    const element = await screenWith(service, { itemId: 'con_alex' });
    await recordsLoaded(element);
    expect(text($(element, '#client-heading'))).to.equal('Alex Morgan');
    const facts = text(part(element, 'facts'));
    expect(facts).to.include('alex@example.com').and.to.include('+1 415 555 0100').and.to.include('Active');
    expect(facts).to.include('accepted').and.to.include('Last sign-in');
    for (const path of ['invoices', 'payments', 'files', 'activities', 'threads']) {
      const [request] = service.calls(`GET /api/v1/admin/${path}`);
      expect(request!.url.searchParams.get('contactId'), path).to.equal('con_alex');
      expect(request!.signal, path).to.be.instanceOf(AbortSignal);
    }
    const rows = parts(element, 'record-row');
    expect(text(rows[0])).to.include('INV-1042').and.to.include('$1,250.00');
    expect(text(rows[4])).to.include('Hearing date').and.to.include('2 unread');
    const expected = [
      { screen: 'invoices', itemId: 'inv_1' },
      { screen: 'payments', itemId: 'pay_1' },
      { screen: 'files', itemId: 'con_alex' },
      { screen: 'tasks', itemId: 'con_alex' },
      { screen: 'inbox', itemId: 'thr_1' },
    ];
    for (const [index, detail] of expected.entries()) {
      const opened = oneEvent(element, 'portal-console-open');
      rows[index]!.click();
      expect((await opened).detail).to.deep.equal(detail);
    }
    await expect(element).to.be.accessible();
  });

  it('keeps the other records when one list fails, and says a client was not found', async () => {
    const element = await screenWith(
      clientsService().on('GET /api/v1/admin/payments', () => problem(403, 'role_forbidden', 'No.')),
      { itemId: 'con_alex' },
    );
    await waitUntil(() => parts(element, 'record-row').length === 4);
    expect(text(part(element, 'records'))).to.include('Your role does not allow this');

    const missing = await screenWith(clientsService(), { itemId: 'con_gone' });
    expect(text(part(missing, 'error'))).to.include('Client not found');
  });

  it('resends an invitation and shows the new one', async () => {
    const resent = { ...jordan, invitedAt: '2026-12-05T10:00:00.000Z' };
    let sent = false;
    const service = clientsService()
      .on('POST /api/v1/admin/contacts/con_jordan/invitations', () => {
        sent = true;
        return json(201, { id: 'inv_2', contactId: 'con_jordan', expiresAt: '2026-12-12T10:00:00.000Z', createdAt: '2026-12-05T10:00:00.000Z' });
      })
      .on('GET /api/v1/admin/contacts/con_jordan', () => json(200, sent ? resent : jordan));
    const element = await screenWith(service, { itemId: 'con_jordan' });
    expect(text(part(element, 'invite-button'))).to.equal('Resend invitation');
    const invited = oneEvent(element, 'portal-console-clients-invited');
    part(element, 'invite-button')!.click();
    expect((await invited).detail.contactId).to.equal('con_jordan');
    await waitUntil(() => text(part(element, 'announcer')) === 'Invitation sent to jordan@example.com.');
    await waitUntil(() => text(part(element, 'facts')).includes('Dec 5, 2026'));
    const withLogin = await screenWith(clientsService(), { itemId: 'con_alex' });
    expect(part(withLogin, 'invite-button'), 'a client with a login needs no invitation').to.equal(null);
  });

  it('archives only after a confirmation, then restores', async () => {
    const archived = { ...jordan, status: 'archived' as const };
    const service = clientsService()
      .on('POST /api/v1/admin/contacts/con_jordan/archive', () => json(200, archived))
      .on('POST /api/v1/admin/contacts/con_jordan/restore', () => json(200, jordan));
    const element = await screenWith(service, { itemId: 'con_jordan' });
    part(element, 'archive-button')!.click();
    await confirmOpened(element);
    expect(text($(element, '#confirm-title'))).to.equal('Archive Jordan Lee?');
    part(element, 'cancel-button')!.click();
    await confirmClosed(element);
    expect(service.calls('POST /api/v1/admin/contacts/con_jordan/archive')).to.have.length(0);

    part(element, 'archive-button')!.click();
    await confirmOpened(element);
    const changed = oneEvent(element, 'portal-console-clients-changed');
    part(element, 'confirm-button')!.click();
    expect((await changed).detail.change).to.equal('archived');
    await waitUntil(() => text(part(element, 'announcer')) === 'Jordan Lee was archived.');
    expect(text(part(element, 'status'))).to.equal('Archived');
    expect(part(element, 'new-message-button')).to.equal(null);
    await waitUntil(() => element.shadowRoot!.activeElement === part(element, 'restore-button'));

    part(element, 'restore-button')!.click();
    await waitUntil(() => text(part(element, 'announcer')) === 'Jordan Lee was restored.');
    expect(service.calls('POST /api/v1/admin/contacts/con_jordan/restore')).to.have.length(1);
    expect(part(element, 'archive-button')).to.exist;
  });

  it('edits a client’s details, sending only what changed', async () => {
    const updated = { ...alex, name: 'Alex Morgan-Reyes', phone: null };
    const service = clientsService().on('PATCH /api/v1/admin/contacts/con_alex', () => json(200, updated));
    const element = await screenWith(service, { itemId: 'con_alex' });
    part(element, 'edit-button')!.click();
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'field-name');
    expect($<HTMLInputElement>(element, '#field-email').value).to.equal('alex@example.com');
    type(element, 'field-name', 'Alex Morgan-Reyes');
    type(element, 'field-phone', '');
    const changed = oneEvent(element, 'portal-console-clients-changed');
    part(element, 'save-button')!.click();
    expect((await changed).detail).to.deep.equal({ contact: updated, change: 'updated' });
    expect(service.calls('PATCH /api/v1/admin/contacts/con_alex')[0]!.body).to.deep.equal({ name: 'Alex Morgan-Reyes', phone: null });
    await waitUntil(() => text($(element, '#client-heading')) === 'Alex Morgan-Reyes');
    await waitUntil(() => text(part(element, 'announcer')) === 'Changes to Alex Morgan-Reyes saved.');
    await waitUntil(() => element.shadowRoot!.activeElement === part(element, 'edit-button'));
  });

  it('sets a client’s postal address, shows it on their page, and shows the service’s problem beside the state', async () => {
    const address = { line1: '1 Congress St', city: 'Portland', state: 'ME', postalCode: '04101' };
    const updated = { ...alex, address };
    let answer = problem(400, 'invalid_request', 'The request body is invalid: address.state must be a two-letter state code like NY.', {
      errors: [{ field: 'address.state', message: 'must be a two-letter state code like NY' }],
    });
    const service = clientsService().on('PATCH /api/v1/admin/contacts/con_alex', () => answer);
    const element = await screenWith(service, { itemId: 'con_alex' });
    part(element, 'edit-button')!.click();
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'field-name');
    expect(part(element, 'address')).to.exist;
    type(element, 'field-addressLine1', '1 Congress St');
    type(element, 'field-addressCity', 'Portland');
    type(element, 'field-addressState', 'Maine');
    type(element, 'field-addressPostalCode', '04101');
    part(element, 'save-button')!.click();
    await waitUntil(() => text($(element, '#error-addressState')) === 'must be a two-letter state code like NY', 'no error beside the state');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'field-addressState', 'focus never reached the state');
    await expect(element).to.be.accessible();

    answer = json(200, updated);
    type(element, 'field-addressState', 'me');
    part(element, 'save-button')!.click();
    await waitUntil(() => service.calls('PATCH /api/v1/admin/contacts/con_alex').length === 2);
    expect(service.calls('PATCH /api/v1/admin/contacts/con_alex')[1]!.body).to.deep.equal({ address });
    await waitUntil(() => text(part(element, 'facts'))?.includes('1 Congress St, Portland, ME 04101'), 'the address is not on the page');
  });

  it('sets the language of a client’s portal and emails, by keyboard, and sends it only when it changed', async () => {
    const created = firmContact('con_lucia', 'Lucía Fernández', { locale: 'es' });
    const service = clientsService()
      .on('POST /api/v1/admin/contacts', () => json(201, created))
      .on('GET /api/v1/admin/contacts/con_lucia', () => json(200, created))
      .on('PATCH /api/v1/admin/contacts/con_lucia', () => json(200, { ...created, locale: null }));
    const element = await screenWith(service);
    part(element, 'add-button')!.click();
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'field-name');
    const select = $<HTMLSelectElement>(element, '#field-locale');
    expect(select.value, 'not chosen until the firm chooses').to.equal('');
    expect([...select.options].map((option) => option.textContent)).to.deep.equal(['Not chosen', 'English', 'Spanish']);
    expect(select.labels?.[0]?.textContent).to.equal('Language');
    type(element, 'field-name', 'Lucía Fernández');
    type(element, 'field-email', 'lucia@example.com');
    $<HTMLInputElement>(element, '#field-invite').click();
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(select.value, 'chosen by keyboard').to.equal('es');
    part(element, 'save-button')!.click();
    await waitUntil(() => service.calls('POST /api/v1/admin/contacts').length === 1);
    expect(service.calls('POST /api/v1/admin/contacts')[0]!.body).to.deep.equal({ name: 'Lucía Fernández', email: 'lucia@example.com', locale: 'es' });
    await waitUntil(() => text(part(element, 'facts')).includes('Spanish'));
    await expect(element).to.be.accessible();

    part(element, 'edit-button')!.click();
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'field-name');
    expect($<HTMLSelectElement>(element, '#field-locale').value).to.equal('es');
    const again = $<HTMLSelectElement>(element, '#field-locale');
    again.value = '';
    again.dispatchEvent(new Event('change'));
    part(element, 'save-button')!.click();
    await waitUntil(() => service.calls('PATCH /api/v1/admin/contacts/con_lucia').length === 1);
    expect(service.calls('PATCH /api/v1/admin/contacts/con_lucia')[0]!.body).to.deep.equal({ locale: null });
    await waitUntil(() => text(part(element, 'facts')).includes('Not chosen'));
  });

  it('opens the inbox or the invoices from the shortcuts, for the client shown', async () => {
    const element = await screenWith(clientsService(), { itemId: 'con_alex' });
    const newItem = oneEvent(element, 'portal-console-clients-new-item');
    const opened = oneEvent(element, 'portal-console-open');
    part(element, 'new-invoice-button')!.click();
    expect((await newItem).detail).to.deep.equal({ contactId: 'con_alex', screen: 'invoices' });
    expect((await opened).detail).to.deep.equal({ screen: 'invoices', itemId: '' });

    const message = oneEvent(element, 'portal-console-open');
    part(element, 'new-message-button')!.click();
    expect((await message).detail).to.deep.equal({ screen: 'inbox', itemId: '' });
  });

  it('hides what the role cannot do', async () => {
    const staff = await screenWith(clientsService(undefined, 'staff'), { role: 'staff', itemId: 'con_alex' });
    expect(part(staff, 'new-invoice-button'), 'billing needs admin').to.equal(null);
    expect(part(staff, 'new-message-button')).to.exist;
    expect(part(staff, 'edit-button')).to.exist;

    const nobody = await screenWith(clientsService(), { staff: false });
    expect(part(nobody, 'add-button')).to.equal(null);
    const nobodyPage = await screenWith(clientsService(), { staff: false, itemId: 'con_alex' });
    expect(part(nobodyPage, 'actions')).to.equal(null);
  });

  it('works by keyboard: a client opens with Enter, and Back returns to their row', async () => {
    const element = await screenWith(clientsService());
    const opens: unknown[] = [];
    element.addEventListener('portal-console-open', (event) => opens.push(event.detail));
    row(element, 'con_jordan').querySelector<HTMLButtonElement>('[part~="open-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(element, 'facts'));
    expect(element.getAttribute('item-id')).to.equal('con_jordan');
    expect(opens, 'its own pages move the console through item-id, keeping focus here').to.deep.equal([]);
    await waitUntil(() => element.shadowRoot!.activeElement === part(element, 'back-button'));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => parts(element, 'row').length === 3);
    await waitUntil(() => element.shadowRoot!.activeElement === row(element, 'con_jordan').querySelector('[part~="open-button"]'));

    const page = await screenWith(clientsService(), { itemId: 'con_jordan' });
    part(page, 'archive-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await confirmOpened(page);
    expect(page.shadowRoot!.activeElement).to.equal(part(page, 'cancel-button'));
    await sendKeys({ press: 'Escape' });
    await confirmClosed(page);
    await waitUntil(() => page.shadowRoot!.activeElement === part(page, 'archive-button'));
  });

  it('fits a 375 px screen without sideways scrolling', async () => {
    const element = await screenWith(clientsService(), { width: '375px' });
    part(element, 'add-button')!.click();
    await element.updateComplete;
    const base = part(element, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    const first = row(element, 'con_alex');
    expect(first.querySelector('.last-sign-in')!.getBoundingClientRect().top, 'the last sign-in wraps under the name').to.be.greaterThan(
      first.querySelector('.who')!.getBoundingClientRect().top,
    );

    const page = await screenWith(clientsService(), { width: '375px', itemId: 'con_alex' });
    await recordsLoaded(page);
    const pageBase = part(page, 'base')!;
    expect(pageBase.scrollWidth).to.be.at.most(pageBase.clientWidth + 1);
  });

  it('speaks Spanish inside lang="es"', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const element = await screenWith(clientsService(), { lang: 'es' });
    await waitUntil(() => text(element.shadowRoot!.querySelector('h2')) === 'Clientes');
    expect(text(part(element, 'add-button'))).to.equal('Añadir un cliente');
    expect(text(row(element, 'con_jordan').querySelector('[part~="status"]'))).to.equal('Invitado');
    const page = await screenWith(clientsService(), { lang: 'es', itemId: 'con_alex' });
    expect(text(part(page, 'facts'))).to.include('Último acceso');
  });

  it('takes its component tokens from the page', async () => {
    fixtureCleanup();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--portal-console-clients-row-background: rgb(1, 2, 3)"></div>`);
    const element = document.createElement('portal-console-clients');
    element.client = consoleClientFor(clientsService());
    element.staff = staffMe('admin');
    wrapper.append(element);
    await loaded(element);
    expect(getComputedStyle(row(element, 'con_alex')).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});
