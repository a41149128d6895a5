// <portal-app> as the script-tag bundle runs it: only the loader's entry is imported, and each
// element's class arrives when the element first appears (here, from the test server's modules).
import { expect, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalApp, type PortalInvoices, type PortalPay } from '../../components/index.ts';
import '../../components/loader/cdn.ts';
import { branding, json, problem, signIn, type FakeService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';
import { baseUrl, invoiceA, invoiceB, payService } from './pay-fake.ts';
import { busyHome, countsOf } from './home-fixtures.ts';
import { activityGroups, partlyPaid } from './portal-fixtures.ts';

const startUrl = window.location.href;

// The test server compiles each module the first time it is asked for: a class arrives later
// here than from the built bundle.
const arrival = { timeout: 8000 };

function allowForArrivals(test: unknown): void {
  (test as { timeout(ms: number): void }).timeout(30_000);
}

/** A firm whose visitor is signed out until the sign-in form is sent. */
function signedOutPortal(): FakeService {
  let signedIn = false;
  return payService({ invoices: [invoiceA, invoiceB], branding: { ...branding, paymentMethods: { card: true, bankLink: false, bankAccount: false } } })
    .on('POST /api/v1/auth/refresh', () => (signedIn ? json(200, signIn()) : problem(401, 'refresh_missing', 'No refresh token.')))
    .on('POST /api/v1/auth/login', () => {
      signedIn = true;
      return json(200, signIn());
    })
    .on('GET /api/v1/activities', () => json(200, activityGroups()))
    .on('GET /api/v1/payments', () => json(200, { data: [], nextCursor: null }))
    .on('GET /api/v1/home', () => json(200, busyHome()))
    .on('GET /api/v1/home/counts', () => json(200, countsOf(busyHome())))
    .on('POST /api/v1/home/seen', () => new Response(null, { status: 204 }))
    .on('GET /api/v1/invoices/inv_a', () => json(200, { ...partlyPaid, id: 'inv_a', number: 'INV-1001' }));
}

/** The element focused, looking through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const inner = (app: PortalApp, selector: string): HTMLElement | null | undefined => app.shadowRoot?.querySelector<HTMLElement>(selector);
const login = (app: PortalApp) => inner(app, 'portal-session')?.shadowRoot?.querySelector('portal-login');
// A link's label is its text before any count ("Invoices 2").
const link = (app: PortalApp, label: string) =>
  [...(app.shadowRoot?.querySelectorAll<HTMLAnchorElement>('[part~="nav-link"]') ?? [])].find(
    (candidate) => candidate.textContent!.replace(/\s*\d+$/, '').trim() === label,
  );

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** A `<portal-app>` added to the page, its client set before its class has arrived. */
function addApp(service: FakeService): PortalApp {
  const app = document.createElement('portal-app');
  app.client = new ApiClient({ baseUrl, firm: 'demo', fetch: service.fetch });
  const wrapper = document.createElement('div');
  wrapper.style.width = '60rem';
  wrapper.append(app);
  document.body.append(wrapper);
  return app;
}

async function signInThroughForm(app: PortalApp): Promise<void> {
  await waitUntil(() => login(app)?.shadowRoot?.querySelector('#password'), 'no sign-in form', arrival);
  const form = login(app)!.shadowRoot!;
  type(form.querySelector<HTMLInputElement>('#email')!, 'alex@example.com');
  type(form.querySelector<HTMLInputElement>('#password')!, 'portico-demo');
  form.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
  await waitUntil(() => link(app, 'Invoices'), 'the sections never showed', arrival);
}

describe('<portal-app> from the script-tag loader', () => {
  afterEach(() => {
    for (const app of document.querySelectorAll('portal-app')) app.parentElement!.remove();
    window.history.replaceState(null, '', startUrl);
  });

  it('shows the sign-in form, then loads each section the first time it is shown', async function () {
    allowForArrivals(this);
    expect(customElements.get('portal-app')).to.equal(undefined);
    const app = addApp(signedOutPortal());
    await customElements.whenDefined('portal-app');
    await app.updateComplete;
    // Its client was set before the class arrived, and is kept.
    expect(app.client).to.be.instanceOf(ApiClient);
    expect(customElements.get('portal-session'), 'defined with the app').to.not.equal(undefined);

    await signInThroughForm(app);
    await waitUntil(() => inner(app, 'portal-home')?.shadowRoot?.querySelector('[part~="heading"]'), 'the first section never rendered', arrival);
    expect(customElements.get('portal-home')).to.not.equal(undefined);
    expect(customElements.get('portal-activities'), 'a section not shown yet is not loaded').to.equal(undefined);
    expect(customElements.get('portal-files'), 'a section not shown yet is not loaded').to.equal(undefined);
    expect(customElements.get('portal-pay'), 'nor is the payment form').to.equal(undefined);

    link(app, 'Files')!.click();
    await waitUntil(
      () => deepActive()?.id === 'heading' && deepActive()!.getRootNode() === inner(app, 'portal-files')?.shadowRoot,
      'focus did not move to the files’ heading once they arrived',
      arrival,
    );
    expect(customElements.get('portal-files')).to.not.equal(undefined);
    expect(inner(app, 'portal-files')!.getAttribute('exportparts') ?? '', 'its parts are offered to the page').to.contain('files-');
  });

  it('opens <portal-pay> when it first arrives, and moves focus to its heading', async function () {
    allowForArrivals(this);
    window.history.replaceState(null, '', '#portal/invoices/inv_a');
    const app = addApp(signedOutPortal());
    await signInThroughForm(app);
    const invoices = await waitUntil(() => inner(app, 'portal-invoices'), 'no invoices', arrival).then(() => inner(app, 'portal-invoices') as PortalInvoices);
    const payNow = () => invoices.shadowRoot?.querySelector('portal-invoice')?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="pay-button-top"]');
    await waitUntil(payNow, 'no Pay now', arrival);
    expect(customElements.get('portal-pay')).to.equal(undefined);
    payNow()!.click();

    await waitUntil(() => inner(app, '[part~="pay"]'), 'no payment form', arrival);
    const pay = inner(app, '[part~="pay"]') as PortalPay;
    await waitUntil(() => deepActive()?.id === 'heading' && deepActive()!.getRootNode() === pay.shadowRoot, 'focus did not move to the payment form', arrival);
    expect(pay.invoiceIds, 'set before its class arrived').to.deep.equal(['inv_a']);
    await expect(app).to.be.accessible();
  });
});
