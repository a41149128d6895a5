import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ApiKey } from '../../components/console/api/api-keys-api.ts';
import type { FirmProfile } from '../../components/console/api/settings-api.ts';
import type { StaffMember, StaffRole } from '../../components/console/api/types.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../../components/console/api/webhooks-api.ts';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import '../../components/console/settings/define.ts';
import { brandContrast } from '../../components/console/settings/contrast.ts';
import { originOf, toMinor } from '../../components/console/settings/portal-panel.ts';
import type { PortalConsoleSettings } from '../../components/console/settings/settings.ts';
import { $, consoleClientFor, mountScreen, part, parts, type ScreenOptions, staffMe, staffMember, staffSignedInService, text } from './console-fixtures.ts';
import { deferred, json, problem, type FakeService, type RecordedRequest } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';

// A busy machine can take more than waitUntil's default second to answer and render.
const patience = { timeout: 4000 };

function profile(overrides: Partial<FirmProfile> = {}): FirmProfile {
  return {
    id: 'firm_1',
    slug: 'demo',
    name: 'Hale & Whitmore LLP',
    currency: 'USD',
    siteUrl: null,
    allowedOrigins: ['https://www.hale-whitmore.test'],
    branding: { logoUrl: 'https://www.hale-whitmore.test/logo.png', colors: { brand: '#1f3a5f', accent: '#8a5a00' }, fontFamily: 'Georgia, serif' },
    settings: {
      sections: { activities: true, invoices: true, messages: true, files: false },
      showPayments: true,
      paymentMethods: { card: true, bankLink: false, bankAccount: true, wallets: false },
      surcharge: { enabled: false, percent: 0 },
      minimumPayment: 500,
      maxUploadBytes: 26214400,
      paymentFailuresPerHour: 10,
      timeZone: 'America/New_York',
      staffTwoFactor: 'optional',
      clientTwoFactor: 'off',
      portalUrl: 'https://www.hale-whitmore.test/portal',
      stripe: { trustAccount: 'acct_trust1' },
      plans: { enabled: false, maxInstalments: 6, minInstalment: 5_000 },
      autopay: { enabled: false },
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    warnings: [],
    ...overrides,
  };
}

const endpoint = (n: number, overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id: `whe_${n}`,
  firmId: 'firm_1',
  url: `https://hooks.hale-whitmore.test/${n}`,
  events: ['payment.succeeded', 'invoice.paid'],
  enabled: true,
  description: n === 1 ? 'Accounting' : null,
  disabledReason: null,
  failingSince: null,
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-01T00:00:00.000Z',
  ...overrides,
});

const delivery = (n: number, overrides: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: `whd_${n}`,
  endpointId: 'whe_1',
  eventId: `msg_${n}`,
  eventType: 'payment.succeeded',
  status: 'failed',
  attempts: 3,
  lastStatusCode: 500,
  lastError: null,
  lastAttemptAt: '2026-11-02T10:00:00.000Z',
  createdAt: '2026-11-02T09:00:00.000Z',
  ...overrides,
});

const apiKey = (n: number, overrides: Partial<ApiKey> = {}): ApiKey => ({
  id: `key_${n}`,
  name: n === 1 ? 'Accounting export' : `Key ${n}`,
  prefix: `pk_abc${n}xyz`,
  createdAt: '2026-02-01T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...overrides,
});

interface World {
  profile: FirmProfile;
  endpoints: WebhookEndpoint[];
  keys: ApiKey[];
  staff: StaffMember[];
}

function settingsService(role: StaffRole = 'owner', world: Partial<World> = {}): FakeService {
  const state: World = {
    profile: profile(),
    endpoints: [endpoint(1), endpoint(2, { enabled: false })],
    keys: [apiKey(1), apiKey(2, { revokedAt: '2026-03-01T00:00:00.000Z' })],
    staff: [
      staffMember('owner'),
      staffMember('admin'),
      staffMember('staff', { id: 'stf_new', name: 'Sam Invited', email: 'sam@example.com', status: 'invited', lastSignInAt: null }),
    ],
    ...world,
  };
  const service = staffSignedInService(role)
    .on('GET /api/v1/admin/settings', () => json(200, state.profile))
    .on('PATCH /api/v1/admin/settings', ({ body }) => {
      const patch = body as { branding?: { colors?: { brand?: string } }; allowedOrigins?: string[] };
      state.profile = profile({
        ...(patch.allowedOrigins ? { allowedOrigins: patch.allowedOrigins } : {}),
        branding: {
          ...state.profile.branding,
          colors: { ...state.profile.branding.colors, brand: patch.branding?.colors?.brand ?? state.profile.branding.colors.brand },
        },
        updatedAt: '2026-12-05T00:00:00.000Z',
      });
      return json(200, state.profile);
    })
    .on('GET /api/v1/admin/webhook-endpoints', () => json(200, { data: state.endpoints }))
    .on('POST /api/v1/admin/webhook-endpoints', ({ body }) => {
      const input = body as { url: string; events: WebhookEndpoint['events']; description?: string };
      const created = endpoint(3, { url: input.url, events: input.events, description: input.description ?? null });
      state.endpoints = [...state.endpoints, created];
      return json(201, { ...created, secret: 'whsec_newsecret123' });
    })
    .on('GET /api/v1/admin/api-keys', () => json(200, { data: state.keys }))
    .on('POST /api/v1/admin/api-keys', ({ body }) =>
      json(201, { ...apiKey(3, { name: (body as { name: string }).name }), key: 'pk_thewholenewkey_0123456789abcdefghijklmnopqrstuv' }),
    )
    .on('GET /api/v1/admin/staff', () => json(200, { data: state.staff }))
    .on('POST /api/v1/admin/staff', ({ body }) => json(201, staffMember('staff', { id: 'stf_4', ...(body as object), status: 'invited', lastSignInAt: null })));
  for (const e of [1, 2, 3]) {
    const id = `whe_${e}`;
    const find = () => state.endpoints.find((x) => x.id === id)!;
    service
      .on(`PATCH /api/v1/admin/webhook-endpoints/${id}`, ({ body }) => {
        state.endpoints = state.endpoints.map((x) => (x.id === id ? { ...x, ...(body as object) } : x));
        return json(200, find());
      })
      .on(`DELETE /api/v1/admin/webhook-endpoints/${id}`, () => new Response(null, { status: 204 }))
      .on(`POST /api/v1/admin/webhook-endpoints/${id}/secret`, () => json(200, { secret: 'whsec_rotated456', previousValidUntil: '2026-12-06T00:00:00.000Z' }))
      .on(`GET /api/v1/admin/webhook-endpoints/${id}/deliveries`, () =>
        json(200, { data: [delivery(1), delivery(2, { status: 'succeeded', lastStatusCode: 200 })], nextCursor: null }),
      )
      .on(`POST /api/v1/admin/webhook-endpoints/${id}/deliveries/whd_1/retry`, () => json(202, delivery(1, { status: 'pending' })));
  }
  for (const k of [1, 2, 3]) service.on(`DELETE /api/v1/admin/api-keys/key_${k}`, () => new Response(null, { status: 204 }));
  for (const member of state.staff) {
    service
      .on(`PATCH /api/v1/admin/staff/${member.id}`, ({ body }) => json(200, { ...member, ...(body as object) }))
      .on(`POST /api/v1/admin/staff/${member.id}/invitations`, () => new Response(null, { status: 202 }));
  }
  return service;
}

async function loaded(element: PortalConsoleSettings): Promise<PortalConsoleSettings> {
  await waitUntil(
    () =>
      part(element, 'branding-form') ||
      part(element, 'portal-form') ||
      part(element, 'endpoint-form') ||
      part(element, 'key-form') ||
      part(element, 'invite-form') ||
      part(element, 'error') ||
      part(element, 'forbidden'),
    'the settings did not load',
    patience,
  );
  await element.updateComplete;
  return element;
}

async function settingsWith(service: FakeService, { wait = true, ...options }: ScreenOptions & { wait?: boolean } = {}): Promise<PortalConsoleSettings> {
  const element = await mountScreen('portal-console-settings', service, options);
  return wait ? loaded(element) : element;
}

function typeInto(element: PortalConsoleSettings, selector: string, value: string): void {
  const control = $<HTMLInputElement>(element, selector);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

function check(element: PortalConsoleSettings, selector: string, on: boolean): void {
  const box = $<HTMLInputElement>(element, selector);
  box.checked = on;
  box.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Waits for the confirmation dialog and answers it. */
async function answerConfirmation(element: PortalConsoleSettings, confirmed: boolean): Promise<string> {
  await waitUntil(() => part<HTMLDialogElement>(element, 'confirm-dialog')?.open, 'no confirmation was asked');
  const words = text(part(element, 'confirm-dialog'));
  part(element, confirmed ? 'confirm-button' : 'cancel-button')!.click();
  await waitUntil(() => !part<HTMLDialogElement>(element, 'confirm-dialog')!.open);
  return words;
}

async function requested(service: FakeService, route: string, count = 1): Promise<RecordedRequest> {
  await waitUntil(() => service.calls(route).length >= count, `${route} was not requested`, patience);
  const request = service.calls(route)[count - 1]!;
  expect(request.signal, `${route} has an AbortSignal`).to.be.instanceOf(AbortSignal);
  return request;
}

const announced = (element: PortalConsoleSettings) => text(part(element, 'announcer'));

describe('console settings helpers', () => {
  it('checks contrast as the service does', () => {
    const dark = brandContrast('#1f3a5f', undefined)!;
    expect(dark.onWhite.passes).to.equal(true);
    expect(dark.text.color).to.equal('#ffffff');
    const light = brandContrast('#ffd700', '#ffffff')!;
    expect(light.onWhite.passes).to.equal(false);
    expect(light.text.replaced).to.equal(true);
    expect(light.text.color).to.equal('#000000');
    expect(brandContrast('navy', undefined)).to.equal(undefined);
  });

  it('reads origins and amounts as the service wants them', () => {
    expect(originOf('https://www.firm.test/')).to.equal('https://www.firm.test');
    expect(originOf('http://localhost:8080')).to.equal('http://localhost:8080');
    expect(originOf('https://www.firm.test/portal')).to.equal(undefined);
    expect(originOf('ftp://firm.test')).to.equal(undefined);
    expect(originOf('www.firm.test')).to.equal(undefined);
    expect(toMinor('12.5', 'USD')).to.equal(1250);
    expect(toMinor('12,50', 'EUR')).to.equal(1250);
    expect(toMinor('500', 'JPY')).to.equal(500);
    expect(toMinor('1.234', 'USD')).to.equal(undefined);
    expect(toMinor('-1', 'USD')).to.equal(undefined);
  });
});

describe('<portal-console-settings>', () => {
  afterEach(() => fixtureCleanup());

  it('shows the branding with its contrast check and preview, and is accessible', async function () {
    // The first accessibility check loads axe-core, which takes a while on a busy machine.
    const element = await settingsWith(settingsService());
    expect(element.itemId).to.equal('');
    expect(parts(element, 'tab').map(text)).to.deep.equal(['Branding', 'Portal', 'Webhooks', 'API keys', 'Staff']);
    expect($<HTMLInputElement>(element, '#brand-color').value).to.equal('#1f3a5f');
    expect(text(part(element, 'contrast'))).to.contain('Passes');
    expect(text(part(element, 'preview'))).to.contain('Hale & Whitmore LLP');
    await expect(element).to.be.accessible();
  });

  it('updates the contrast check and the preview live as a colour is typed', async () => {
    const element = await settingsWith(settingsService());
    const header = $(element, '.preview-header');
    expect(getComputedStyle(header).backgroundColor).to.equal('rgb(31, 58, 95)');
    typeInto(element, '#brand-color', '#ffd700');
    await element.updateComplete;
    expect(getComputedStyle(header).backgroundColor).to.equal('rgb(255, 215, 0)');
    // Black reads better than white on gold: the preview writes in it, as the portal will.
    expect(getComputedStyle(header).color).to.equal('rgb(0, 0, 0)');
    const contrast = text(part(element, 'contrast'));
    expect(contrast).to.contain('Fails');
    expect(contrast).to.match(/1\.\d\d:1/);
    expect($(element, '#brand-color').getAttribute('aria-describedby')).to.contain('contrast-check');
    typeInto(element, '#font-family', 'Courier New, monospace');
    await element.updateComplete;
    expect(getComputedStyle(part(element, 'preview')!).fontFamily).to.contain('Courier New');
  });

  it('saves the branding as a merge patch, announces it and tells the page', async () => {
    const service = settingsService();
    const element = await settingsWith(service);
    typeInto(element, '#brand-color', '#0b5394');
    typeInto(element, '#accent-color', '');
    await element.updateComplete;
    const saved = oneEvent(element, 'portal-console-settings-saved');
    part(element, 'save-button')!.click();
    const request = await requested(service, 'PATCH /api/v1/admin/settings');
    expect(request.body).to.deep.equal({
      branding: {
        logoUrl: 'https://www.hale-whitmore.test/logo.png',
        colors: { brand: '#0b5394', brandContrast: null, accent: null },
        fontFamily: 'Georgia, serif',
      },
    });
    expect((await saved).detail.section).to.equal('branding');
    await waitUntil(() => announced(element).includes('Branding saved'));
  });

  it('shows a field error from the service next to its field, and other problems in the alert', async () => {
    const service = settingsService().on('PATCH /api/v1/admin/settings', () =>
      problem(400, 'invalid_request', 'The request body is invalid.', {
        errors: [
          { field: 'branding.colors.brand', message: 'must be a colour like #1f3a5f' },
          { field: 'name', message: 'is too long' },
        ],
      }),
    );
    const element = await settingsWith(service);
    typeInto(element, '#brand-color', 'blue');
    part(element, 'save-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#brand-color-error'));
    expect(text($(element, '#brand-color-error'))).to.equal('must be a colour like #1f3a5f');
    expect($(element, '#brand-color').getAttribute('aria-invalid')).to.equal('true');
    expect($(element, '#brand-color').getAttribute('aria-describedby')).to.contain('brand-color-error');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'brand-color');
    expect(text(part(element, 'alert'))).to.contain('name is too long');
    await expect(element).to.be.accessible();
  });

  it('shows loading, then an error with a retry', async () => {
    const answer = deferred<Response>();
    const service = settingsService().on('GET /api/v1/admin/settings', () => answer.promise);
    const element = await settingsWith(service, { wait: false });
    await waitUntil(() => part(element, 'skeleton'));
    expect(text(part(element, 'skeleton'))).to.contain('Loading the settings');
    answer.resolve(problem(500, 'internal_error', 'Boom.'));
    await waitUntil(() => part(element, 'error'));
    expect(text(part(element, 'error'))).to.contain('Something went wrong');
    service.on('GET /api/v1/admin/settings', () => json(200, profile()));
    part(element, 'retry-button')!.click();
    await waitUntil(() => part(element, 'branding-form'));
  });

  it('sets the card surcharge (at most 3 %) and turns on Apple Pay and Google Pay', async () => {
    const service = settingsService();
    const element = await settingsWith(service, { itemId: 'portal' });
    expect(part(element, 'surcharge')).to.exist;
    expect($<HTMLInputElement>(element, '#surcharge-enabled').checked).to.equal(false);
    check(element, '#surcharge-enabled', true);
    check(element, '#method-wallets', true);
    typeInto(element, '#surcharge-percent', '3.5');
    await element.updateComplete;
    part(element, 'save-button')!.click();
    await element.updateComplete;
    await waitUntil(() => text($(element, '#surcharge-percent-error')) !== '', 'no error beside the rate', patience);
    expect(text($(element, '#surcharge-percent-error'))).to.equal('Enter a rate from 0 to 3, such as 2.5.');
    expect(service.calls('PATCH /api/v1/admin/settings')).to.have.length(0);
    await expect(element).to.be.accessible();

    typeInto(element, '#surcharge-percent', '2,5');
    await element.updateComplete;
    part(element, 'save-button')!.click();
    const request = await requested(service, 'PATCH /api/v1/admin/settings');
    const body = request.body as { settings: Record<string, unknown> };
    expect(body.settings.surcharge).to.deep.equal({ enabled: true, percent: 2.5 });
    expect(body.settings.paymentMethods).to.deep.include({ wallets: true });
  });

  it('edits the portal settings: sections, payments, origins with validation, time zone', async () => {
    const service = settingsService();
    const element = await settingsWith(service, { itemId: 'portal' });
    expect(part(element, 'portal-form')).to.exist;
    const zones = [...$<HTMLSelectElement>(element, '#time-zone').options].map((o) => o.value);
    expect(zones).to.include('Europe/Madrid');
    expect($<HTMLSelectElement>(element, '#time-zone').value).to.equal('America/New_York');

    check(element, '#section-files', true);
    check(element, '#method-bankLink', true);
    typeInto(element, '#minimum-payment', '10.00');
    typeInto(element, '#new-origin', 'https://www.hale-whitmore.test/portal');
    part(element, 'add-origin-button')!.click();
    await element.updateComplete;
    expect(text($(element, '#new-origin-error'))).to.contain('no path');
    typeInto(element, '#new-origin', 'https://intranet.hale-whitmore.test/');
    part(element, 'add-origin-button')!.click();
    await element.updateComplete;
    expect(parts(element, 'remove-origin-button')).to.have.length(2);
    parts(element, 'remove-origin-button')[0]!.click();
    const zone = $<HTMLSelectElement>(element, '#time-zone');
    zone.value = 'Europe/Madrid';
    zone.dispatchEvent(new Event('change'));
    typeInto(element, '#operating-account', '');
    const twoFactor = $<HTMLSelectElement>(element, '#staff-two-factor');
    expect(twoFactor.value).to.equal('optional');
    twoFactor.value = 'required';
    twoFactor.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(service.calls('PATCH /api/v1/admin/settings')).to.have.length(0);

    part(element, 'save-button')!.click();
    const request = await requested(service, 'PATCH /api/v1/admin/settings');
    const body = request.body as { allowedOrigins: string[]; settings: Record<string, unknown> };
    expect(body.allowedOrigins).to.deep.equal(['https://intranet.hale-whitmore.test']);
    expect(body.settings.sections).to.deep.equal({ activities: true, invoices: true, messages: true, files: true });
    expect(body.settings.paymentMethods).to.deep.equal({ card: true, bankLink: true, bankAccount: true, wallets: false });
    expect(body.settings.surcharge).to.deep.equal({ enabled: false, percent: 0 });
    expect(body.settings.minimumPayment).to.equal(1000);
    expect(body.settings.timeZone).to.equal('Europe/Madrid');
    expect(body.settings.stripe).to.deep.equal({ trustAccount: 'acct_trust1', operatingAccount: null });
    expect(body.settings.inboxEmail).to.equal(null);
    expect(body.settings.staffTwoFactor).to.equal('required');
    await waitUntil(() => announced(element).includes('Portal settings saved'));
  });

  it('edits the payment plans: on, most instalments and the smallest, checked before saving', async () => {
    const service = settingsService();
    const element = await settingsWith(service, { itemId: 'portal' });
    expect($<HTMLInputElement>(element, '#plans-enabled').checked).to.equal(false);
    expect($<HTMLInputElement>(element, '#plans-min').value).to.equal('50.00');
    check(element, '#plans-enabled', true);
    typeInto(element, '#plans-max', '30');
    part(element, 'save-button')!.click();
    await element.updateComplete;
    expect(text($(element, '#plans-max-error'))).to.equal('Enter a whole number from 2 to 24.');
    expect(service.calls('PATCH /api/v1/admin/settings')).to.have.length(0);
    typeInto(element, '#plans-max', '12');
    typeInto(element, '#plans-min', '25.00');
    part(element, 'save-button')!.click();
    const request = await requested(service, 'PATCH /api/v1/admin/settings');
    expect((request.body as { settings: Record<string, unknown> }).settings.plans).to.deep.equal({ enabled: true, maxInstalments: 12, minInstalment: 2500 });
  });

  it('puts an origin or account error from the service next to its field', async () => {
    const service = settingsService().on('PATCH /api/v1/admin/settings', () =>
      problem(400, 'invalid_request', 'The request body is invalid.', {
        errors: [
          { field: 'allowedOrigins.0', message: 'must be an origin like https://www.firm.com (scheme, host and port only)' },
          { field: 'settings.stripe.trustAccount', message: 'must be a Stripe connected account id like acct_1A2b3C' },
        ],
      }),
    );
    const element = await settingsWith(service, { itemId: 'portal' });
    part(element, 'save-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#trust-account-error'));
    expect(text($(element, '#new-origin-error'))).to.contain('must be an origin');
    expect(text($(element, '#trust-account-error'))).to.contain('acct_1A2b3C');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'new-origin');
  });

  it('adds a webhook endpoint and shows its secret once', async () => {
    const service = settingsService();
    const element = await settingsWith(service, { itemId: 'webhooks' });
    await waitUntil(() => parts(element, 'endpoint').length === 2);
    expect(text(parts(element, 'endpoint')[1]!.querySelector('[part~="status"]'))).to.equal('Off');
    await expect(element).to.be.accessible();
    typeInto(element, '#endpoint-url', 'https://hooks.hale-whitmore.test/new');
    check(element, '#event-message\\.created', true);
    part(element, 'add-endpoint-button')!.click();
    const request = await requested(service, 'POST /api/v1/admin/webhook-endpoints');
    expect(request.body).to.deep.equal({ url: 'https://hooks.hale-whitmore.test/new', enabled: true, events: ['payment.succeeded', 'message.created'] });
    await waitUntil(() => part(element, 'secret'));
    expect($<HTMLInputElement>(element, '#webhook-secret').value).to.equal('whsec_newsecret123');
    expect(text(part(element, 'secret'))).to.contain('will not be shown again');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'webhook-secret');
    $<HTMLButtonElement>(element, '[part~="secret"] .link-button').click();
    await element.updateComplete;
    expect(part(element, 'secret')).to.equal(null);
    expect(parts(element, 'endpoint')).to.have.length(3);
  });

  it('names the webhook field the service refused', async () => {
    const service = settingsService().on('POST /api/v1/admin/webhook-endpoints', () =>
      problem(400, 'invalid_request', 'The request body is invalid.', { errors: [{ field: 'url', message: 'must be an https URL' }] }),
    );
    const element = await settingsWith(service, { itemId: 'webhooks' });
    typeInto(element, '#endpoint-url', 'http://10.0.0.1/hook');
    part(element, 'add-endpoint-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#endpoint-url-error'));
    expect(text($(element, '#endpoint-url-error'))).to.equal('must be an https URL');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'endpoint-url');
  });

  it('turns an endpoint off, rotates its secret and deletes it, after confirmations', async () => {
    const service = settingsService();
    const element = await settingsWith(service, { itemId: 'webhooks' });
    const first = () => parts(element, 'endpoint')[0]!;
    first().querySelector<HTMLButtonElement>('[part~="toggle-button"]')!.click();
    expect((await requested(service, 'PATCH /api/v1/admin/webhook-endpoints/whe_1')).body).to.deep.equal({ enabled: false });
    await waitUntil(() => text(first().querySelector('[part~="status"]')) === 'Off');
    await waitUntil(() => announced(element).includes('turned off'));

    first().querySelector<HTMLButtonElement>('[part~="rotate-button"]')!.click();
    expect(await answerConfirmation(element, true)).to.contain('24 hours');
    await requested(service, 'POST /api/v1/admin/webhook-endpoints/whe_1/secret');
    await waitUntil(() => part(element, 'secret'));
    expect($<HTMLInputElement>(element, '#webhook-secret').value).to.equal('whsec_rotated456');

    first().querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
    await answerConfirmation(element, false);
    expect(service.calls('DELETE /api/v1/admin/webhook-endpoints/whe_1')).to.have.length(0);
    first().querySelector<HTMLButtonElement>('[part~="delete-button"]')!.click();
    expect(await answerConfirmation(element, true)).to.contain('cannot be undone');
    await requested(service, 'DELETE /api/v1/admin/webhook-endpoints/whe_1');
    await waitUntil(() => parts(element, 'endpoint').length === 1);
    await waitUntil(() => announced(element).includes('deleted'));
  });

  it("shows an endpoint's delivery log and retries a delivery", async () => {
    const service = settingsService();
    const element = await settingsWith(service, { itemId: 'webhooks' });
    const first = parts(element, 'endpoint')[0]!;
    const toggle = first.querySelector<HTMLButtonElement>('[part~="deliveries-button"]')!;
    toggle.click();
    await waitUntil(() => parts(element, 'delivery').length === 2);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect((await requested(service, 'GET /api/v1/admin/webhook-endpoints/whe_1/deliveries')).url.searchParams.get('limit')).to.equal('20');
    const [failed] = parts(element, 'delivery');
    expect(text(failed!)).to.contain('Failed');
    expect(text(failed!)).to.contain('500');
    failed!.querySelector<HTMLButtonElement>('[part~="retry-delivery-button"]')!.click();
    await requested(service, 'POST /api/v1/admin/webhook-endpoints/whe_1/deliveries/whd_1/retry');
    await waitUntil(() => text(parts(element, 'delivery')[0]!).includes('Pending'));
    await waitUntil(() => announced(element).includes('will be sent again'));
    await expect(element).to.be.accessible();
  });

  it('creates an API key shown once with a copy button, and revokes one after confirming', async () => {
    const service = settingsService();
    const element = await settingsWith(service, { itemId: 'api-keys' });
    expect(parts(element, 'key')).to.have.length(2);
    expect(parts(element, 'revoke-button')).to.have.length(1);
    typeInto(element, '#key-name', 'Nightly export');
    part(element, 'create-key-button')!.click();
    expect((await requested(service, 'POST /api/v1/admin/api-keys')).body).to.deep.equal({ name: 'Nightly export' });
    await waitUntil(() => part(element, 'secret'));
    expect($<HTMLInputElement>(element, '#new-api-key').value).to.equal('pk_thewholenewkey_0123456789abcdefghijklmnopqrstuv');
    expect(part(element, 'copy-button')).to.exist;
    expect(text(part(element, 'secret'))).to.contain('will not be shown again');
    await expect(element).to.be.accessible();

    parts(element, 'revoke-button')[0]!.click();
    expect(await answerConfirmation(element, true)).to.contain('Accounting export');
    await requested(service, 'DELETE /api/v1/admin/api-keys/key_1');
    await waitUntil(() => text(parts(element, 'key')[0]!.querySelector('[part~="status"]')) === 'Revoked');
    await waitUntil(() => announced(element).includes('revoked'));
  });

  it('shows the name the service refused next to the key name', async () => {
    const service = settingsService().on('POST /api/v1/admin/api-keys', () =>
      problem(400, 'invalid_request', 'The request body is invalid: name is required.', { errors: [{ field: 'name', message: 'is required' }] }),
    );
    const element = await settingsWith(service, { itemId: 'api-keys' });
    part(element, 'create-key-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#key-name-error'));
    expect(text($(element, '#key-name-error'))).to.equal('is required');
    expect(part(element, 'secret')).to.equal(null);
  });

  it('lists the staff, invites, changes a role, disables and resends an invitation', async () => {
    const service = settingsService();
    const element = await settingsWith(service, { itemId: 'staff' });
    expect(parts(element, 'staff-member').map((m) => text(m.querySelector('h4')))).to.deep.equal(['Margaret Hale (you)', 'Daniel Whitmore', 'Sam Invited']);
    await expect(element).to.be.accessible();

    typeInto(element, '#invite-name', 'Robin Vale');
    typeInto(element, '#invite-email', 'robin@example.com');
    const role = $<HTMLSelectElement>(element, '#invite-role');
    role.value = 'admin';
    role.dispatchEvent(new Event('change'));
    part(element, 'invite-button')!.click();
    expect((await requested(service, 'POST /api/v1/admin/staff')).body).to.deep.equal({ email: 'robin@example.com', name: 'Robin Vale', role: 'admin' });
    await waitUntil(() => parts(element, 'staff-member').length === 4);
    await waitUntil(() => announced(element).includes('Invitation sent to Robin Vale'));

    const select = $<HTMLSelectElement>(element, '#role-stf_admin');
    select.value = 'owner';
    select.dispatchEvent(new Event('change'));
    expect((await requested(service, 'PATCH /api/v1/admin/staff/stf_admin')).body).to.deep.equal({ role: 'owner' });
    await waitUntil(() => announced(element).includes('Daniel Whitmore is now Owner'));

    $<HTMLButtonElement>(element, '[data-id="stf_admin"] [part~="disable-button"]').click();
    await answerConfirmation(element, true);
    expect((await requested(service, 'PATCH /api/v1/admin/staff/stf_admin', 2)).body).to.deep.equal({ status: 'disabled' });
    await waitUntil(() => element.shadowRoot!.querySelector('[data-id="stf_admin"] [part~="enable-button"]'));

    $<HTMLButtonElement>(element, '[data-id="stf_new"] [part~="resend-button"]').click();
    await requested(service, 'POST /api/v1/admin/staff/stf_new/invitations');
    await waitUntil(() => announced(element).includes('Invitation sent again to Sam Invited'));
  });

  it('explains a refusal for the last owner and keeps the role shown', async () => {
    const service = settingsService().on('PATCH /api/v1/admin/staff/stf_owner', () => problem(409, 'last_owner', 'The firm must keep an owner.'));
    const element = await settingsWith(service, { itemId: 'staff' });
    const select = $<HTMLSelectElement>(element, '#role-stf_owner');
    select.value = 'staff';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => text(part(element, 'action-error')).includes('at least one active owner'));
    expect(select.value).to.equal('owner');
  });

  it('names the invitation field the service refused', async () => {
    const service = settingsService().on('POST /api/v1/admin/staff', () =>
      problem(400, 'invalid_request', 'The request body is invalid.', { errors: [{ field: 'email', message: 'must be an email address' }] }),
    );
    const element = await settingsWith(service, { itemId: 'staff' });
    typeInto(element, '#invite-name', 'Robin');
    typeInto(element, '#invite-email', 'robin');
    part(element, 'invite-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#invite-email-error'));
    expect(text($(element, '#invite-email-error'))).to.equal('must be an email address');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'invite-email');
  });

  it('hides what a role cannot do', async () => {
    const admin = await settingsWith(settingsService('admin'), { role: 'admin', itemId: 'staff' });
    expect(parts(admin, 'tab').map(text)).to.deep.equal(['Branding', 'Portal', 'Webhooks']);
    // Asked for a section the role cannot open, it shows the first it can.
    expect(part(admin, 'branding-form')).to.exist;

    const service = settingsService('staff');
    const staff = await settingsWith(service, { role: 'staff' });
    expect(part(staff, 'tabs')).to.equal(null);
    expect(text(part(staff, 'forbidden'))).to.contain('Only an admin or an owner');
    expect(service.calls('GET /api/v1/admin/settings')).to.have.length(0);
    await expect(staff).to.be.accessible();
  });

  it('still explains a 403 role_forbidden from the service', async () => {
    const service = settingsService('admin').on('GET /api/v1/admin/webhook-endpoints', () => problem(403, 'role_forbidden', 'Your role cannot do this.'));
    const element = await settingsWith(service, { role: 'admin', itemId: 'webhooks' });
    expect(text(part(element, 'error'))).to.contain('Your role does not allow this');
  });

  it('moves between sections by keyboard, reflecting the section in item-id for the console', async () => {
    const service = settingsService();
    const element = await settingsWith(service);
    $<HTMLButtonElement>(element, '#tab-branding').focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => element.getAttribute('item-id') === 'portal');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'tab-portal');
    expect(part(element, 'portal-form')).to.exist;
    await sendKeys({ press: 'End' });
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'tab-staff');
    await waitUntil(() => parts(element, 'staff-member').length === 3);
    await sendKeys({ press: 'Tab' });
    expect(element.shadowRoot!.activeElement?.getAttribute('role')).not.to.equal('tab');
  });

  it('works at 375 px without sideways scrolling', async () => {
    for (const itemId of ['branding', 'webhooks', 'staff']) {
      const element = await settingsWith(settingsService(), { width: '375px', itemId });
      if (itemId === 'webhooks') parts(element, 'deliveries-button')[0]!.click();
      await element.updateComplete;
      expect(element.scrollWidth, itemId).to.be.at.most(element.clientWidth + 1);
      if (itemId === 'branding') {
        const fields = $(element, '.branding-fields').getBoundingClientRect();
        const preview = part(element, 'preview-frame')!.getBoundingClientRect();
        expect(preview.top, 'the preview goes under the fields').to.be.at.least(fields.bottom - 1);
      }
    }
    const wide = await settingsWith(settingsService(), { width: '70rem' });
    const fields = $(wide, '.branding-fields').getBoundingClientRect();
    expect(part(wide, 'preview-frame')!.getBoundingClientRect().left, 'the preview goes beside the fields').to.be.at.least(fields.right - 1);
  });

  it('speaks Spanish inside lang="es"', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const element = await settingsWith(settingsService(), { lang: 'es' });
    await waitUntil(() => text(element.shadowRoot!.querySelector('h2')) === 'Configuración');
    expect(parts(element, 'tab').map(text)).to.deep.equal(['Imagen', 'Portal', 'Webhooks', 'Claves de API', 'Personal']);
    expect(text(part(element, 'save-button'))).to.equal('Guardar la imagen');
    expect(text(part(element, 'contrast'))).to.contain('Cumple');
  });

  it('takes its component tokens from the page', async () => {
    fixtureCleanup();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="--portal-console-settings-tab-active-color: rgb(1, 2, 3); --portal-console-settings-preview-background: rgb(4, 5, 6)"></div>`,
    );
    const element = document.createElement('portal-console-settings');
    element.client = consoleClientFor(settingsService());
    element.staff = staffMe('owner');
    wrapper.append(element);
    await loaded(element);
    expect(getComputedStyle($(element, '#tab-branding')).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(element, 'preview-frame')!).backgroundColor).to.equal('rgb(4, 5, 6)');
  });
});
