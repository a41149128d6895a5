import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import type { StaffRole } from '../../components/console/api/types.ts';
import { PortalConsoleOpenEvent } from '../../components/console/events.ts';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import '../../components/console/shell/define.ts';
import '../../components/console/account/define.ts';
import type { PortalConsole } from '../../components/console/shell/shell.ts';
import { consoleClientFor, part, parts, staffMe, staffSignedInService, staffSignedOutService, staffSignIn, text } from './console-fixtures.ts';
import { deferred, json, problem, type FakeService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';

// Stand-ins for three screens written elsewhere: a heading and an item id, as every screen has.
class FakeScreen extends LitElement {
  static override properties = { itemId: { attribute: 'item-id', reflect: true } };
  itemId = '';
  override render() {
    return litHtml`<h2 part="heading">${this.localName}</h2><p>item ${this.itemId}</p>`;
  }
}
for (const tag of ['portal-console-inbox', 'portal-console-invoices', 'portal-console-settings']) {
  if (!customElements.get(tag)) customElements.define(tag, class extends FakeScreen {});
}

const navScreens = (element: PortalConsole): string[] => parts(element, 'nav-link').map((link) => link.dataset.screen!);

async function consoleWith(
  service: FakeService,
  { routing = 'hash', width = '70rem', lang = 'en' }: { routing?: string; width?: string; lang?: string } = {},
): Promise<PortalConsole> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang} style="width: ${width}"></div>`);
  const element = document.createElement('portal-console');
  element.routing = routing as PortalConsole['routing'];
  element.client = consoleClientFor(service);
  wrapper.append(element);
  await element.updateComplete;
  return element;
}

async function signedIn(role: StaffRole = 'owner', options: Parameters<typeof consoleWith>[1] = {}): Promise<{ element: PortalConsole; service: FakeService }> {
  const service = staffSignedInService(role);
  const element = await consoleWith(service, options);
  await waitUntil(() => part(element, 'nav'), 'the console did not sign in');
  return { element, service };
}

const screenElement = (element: PortalConsole): HTMLElement | null => part(element, 'screen');

describe('<portal-console>', () => {
  afterEach(() => {
    fixtureCleanup();
    window.history.replaceState(null, '', window.location.pathname);
  });

  it('shows a placeholder while it starts', async () => {
    const refresh = deferred<Response>();
    const element = await consoleWith(staffSignedInService().on('POST /api/v1/staff/auth/refresh', () => refresh.promise));
    expect(part(element, 'skeleton')).to.exist;
    expect(text(part(element, 'skeleton'))).to.equal('Loading the console…');
    await expect(element).to.be.accessible();
    refresh.resolve(json(200, staffSignIn('owner')));
    await waitUntil(() => part(element, 'nav'));
  });

  it('shows the staff sign-in under the firm’s header while signed out, in the firm’s colours', async () => {
    const service = staffSignedOutService();
    const element = await consoleWith(service);
    await waitUntil(() => part(element, 'login'), 'the sign-in did not show');
    await waitUntil(() => text(part(element, 'firm-name')) === 'Hale & Whitmore LLP');
    // This browser never signed in: nothing to resume, so no refresh refused with a 401.
    expect(service.calls('POST /api/v1/staff/auth/refresh')).to.have.length(0);
    expect(getComputedStyle(part(element, 'header')!).backgroundColor).to.equal('rgb(31, 58, 95)');
    expect(part(element, 'sign-out-button') === null).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('resumes a sign-in and offers the screens the role may see', async () => {
    const { element, service } = await signedIn('owner');
    expect(service.calls('POST /api/v1/staff/auth/refresh')).to.have.length(1);
    expect(service.calls('GET /api/v1/admin/staff/me')[0]!.headers.get('authorization')).to.equal('Bearer staff-access-1');
    // Payments, clients, files and tasks have no element on this page: they are not offered.
    expect(navScreens(element)).to.deep.equal(['inbox', 'invoices', 'settings', 'account']);
    expect(text(part(element, 'staff-name'))).to.equal('Margaret Hale');
    expect(text(part(element, 'staff-role'))).to.equal('Owner');
    expect(screenElement(element)!.localName).to.equal('portal-console-inbox');
    expect(element.staff?.staff.role).to.equal('owner');
    await expect(element).to.be.accessible();
  });

  it('hides settings from the staff role', async () => {
    const { element } = await signedIn('staff');
    expect(navScreens(element)).to.deep.equal(['inbox', 'invoices', 'account']);
    expect(text(part(element, 'staff-role'))).to.equal('Staff');
    const admin = await signedIn('admin');
    expect(navScreens(admin.element)).to.include('settings');
  });

  it('moves between screens with links, keeps the place in the hash, and follows Back', async () => {
    const { element } = await signedIn('owner');
    const link = parts(element, 'nav-link').find((candidate) => candidate.dataset.screen === 'settings')!;
    expect(link.getAttribute('href')).to.equal('#console/settings');
    link.click();
    await waitUntil(() => screenElement(element)?.localName === 'portal-console-settings');
    expect(window.location.hash).to.equal('#console/settings');
    expect(part(element, 'nav-link-current')!.dataset.screen).to.equal('settings');
    expect(part(element, 'nav-link-current')!.getAttribute('aria-current')).to.equal('page');
    await waitUntil(() => text(part(element, 'announcer')) === 'Settings shown');
    const heading = screenElement(element)!.shadowRoot!.querySelector('h2');
    await waitUntil(() => screenElement(element)!.shadowRoot!.activeElement === heading, 'focus did not move to the screen’s heading');

    window.history.back();
    await waitUntil(() => element.screen !== 'settings', 'Back did not return');
    await waitUntil(() => screenElement(element)?.localName === 'portal-console-inbox');
  });

  it('opens a deep link, and follows a screen that opens an item or asks for another screen', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}#console/invoices/inv_7`);
    const { element } = await signedIn('admin');
    expect(screenElement(element)!.localName).to.equal('portal-console-invoices');
    expect(screenElement(element)!.getAttribute('item-id')).to.equal('inv_7');

    screenElement(element)!.setAttribute('item-id', 'inv_8');
    await waitUntil(() => window.location.hash === '#console/invoices/inv_8', 'the address did not follow the screen');
    expect(element.itemId).to.equal('inv_8');

    screenElement(element)!.dispatchEvent(new PortalConsoleOpenEvent({ screen: 'inbox', itemId: 'thr_3' }));
    await waitUntil(() => screenElement(element)?.localName === 'portal-console-inbox');
    expect(screenElement(element)!.getAttribute('item-id')).to.equal('thr_3');
    expect(window.location.hash).to.equal('#console/inbox/thr_3');
  });

  it('keeps its place in a query parameter with routing="query"', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?page=1`);
    const { element } = await signedIn('owner', { routing: 'query' });
    parts(element, 'nav-link')
      .find((candidate) => candidate.dataset.screen === 'account')!
      .click();
    await waitUntil(() => screenElement(element)?.localName === 'portal-console-account');
    expect(window.location.search).to.equal('?page=1&console=account');
    expect(window.location.hash).to.equal('');
  });

  it('signs out from the header, back to the sign-in', async () => {
    const { element, service } = await signedIn('owner');
    part<HTMLButtonElement>(element, 'sign-out-button')!.click();
    await waitUntil(() => part(element, 'login'), 'the sign-in did not come back');
    expect(service.calls('POST /api/v1/staff/auth/logout')).to.have.length(1);
    await waitUntil(() => text(part(element, 'announcer')) === 'You have signed out.');
    expect(part(element, 'expired') === null).to.equal(true);
  });

  it('shows the sign-in with a notice when the service ends the session', async () => {
    const { element, service } = await signedIn('owner');
    service.on('POST /api/v1/staff/auth/refresh', () => problem(401, 'refresh_invalid', 'Ended.'));
    await element.client!.auth.refresh().catch(() => undefined);
    await waitUntil(() => part(element, 'login'));
    expect(text(part(element, 'expired'))).to.equal('Your session has ended. Please sign in again.');
  });

  it('signs in through the form, and waits for the recovery codes to be seen after setting up a second factor', async () => {
    const service = staffSignedOutService()
      .on('POST /api/v1/staff/auth/login', () => json(200, { enrollmentRequired: true, mfaToken: 'enrol-1' }))
      .on('POST /api/v1/staff/auth/totp/setup', () => json(200, { secret: 'ABCDEFGH', otpauthUri: 'otpauth://x', qrCode: { size: 21, path: 'M0 0h1v1H0z' } }))
      .on('POST /api/v1/staff/auth/totp/confirm', () => json(200, { recoveryCodes: ['one-code'], signIn: staffSignIn('staff') }))
      .on('GET /api/v1/admin/staff/me', () => json(200, staffMe('staff')));
    const element = await consoleWith(service);
    await waitUntil(() => part(element, 'login'));
    const login = part(element, 'login') as HTMLElementTagNameMap['portal-staff-login'];
    await login.updateComplete;
    const field = (id: string, value: string) => {
      const input = login.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new InputEvent('input'));
    };
    field('email', 'staff@example.com');
    field('password', 'a good password');
    login.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await waitUntil(() => login.currentStep === 'enrol');
    login.shadowRoot!.querySelector<HTMLButtonElement>('[data-method="totp"]')!.click();
    await waitUntil(() => login.shadowRoot!.querySelector('#code'));
    field('code', '123456');
    login.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit-button"]')!.click();
    await waitUntil(() => login.currentStep === 'recovery-codes');
    await element.updateComplete;
    expect(part(element, 'login') === login, 'the codes stay on screen').to.equal(true);
    expect(part(element, 'nav') === null).to.equal(true);
    login.shadowRoot!.querySelector<HTMLButtonElement>('[part~="continue-button"]')!.click();
    await waitUntil(() => part(element, 'nav'), 'the console did not open');
    expect(text(part(element, 'staff-name'))).to.equal('Priya Natarajan');
  });

  it('says why it cannot start, and tries again', async () => {
    const service = staffSignedInService().on('GET /api/v1/firms/demo/branding', () => problem(404, 'firm_not_found', 'No firm.'));
    const element = await consoleWith(service);
    await waitUntil(() => part(element, 'error'));
    expect(text(part(element, 'error'))).to.include('the firm could not be found');
    await expect(element).to.be.accessible();
    service.on('GET /api/v1/firms/demo/branding', () => problem(503, 'unavailable', 'Down.'));
    part<HTMLButtonElement>(element, 'retry-button')!.click();
    await waitUntil(() => service.calls('GET /api/v1/firms/demo/branding').length === 2);
  });

  it('lays the navigation out as tabs at 375 px and as a sidebar on a wide screen', async () => {
    const narrow = await signedIn('owner', { width: '375px' });
    const base = part(narrow.element, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    const layout = part(narrow.element, 'layout')!;
    expect(getComputedStyle(layout).gridTemplateColumns.split(' ')).to.have.length(1);
    expect(getComputedStyle(part(narrow.element, 'nav-list')!).flexDirection).to.equal('row');
    expect(getComputedStyle(part(narrow.element, 'nav')!).overflowX).to.equal('auto');

    const wide = await signedIn('owner', { width: '70rem' });
    expect(getComputedStyle(part(wide.element, 'layout')!).gridTemplateColumns.split(' ')).to.have.length(2);
    expect(getComputedStyle(part(wide.element, 'nav-list')!).flexDirection).to.equal('column');
  });

  it('takes component tokens from the page', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="--portal-console-header-background: rgb(9, 8, 7); --portal-color-brand: rgb(1, 2, 3)"></div>`,
    );
    const element = document.createElement('portal-console');
    element.client = consoleClientFor(staffSignedInService('owner'));
    wrapper.append(element);
    await waitUntil(() => part(element, 'nav'));
    expect(getComputedStyle(part(element, 'header')!).backgroundColor).to.equal('rgb(9, 8, 7)');
    // The page's brand colour wins over the firm's.
    expect(getComputedStyle(part(element, 'nav-link-current')!).color).to.equal('rgb(1, 2, 3)');
  });

  it('speaks Spanish inside lang="es"', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const { element } = await signedIn('owner', { lang: 'es' });
    await waitUntil(() => text(part(element, 'sign-out-button')) === 'Cerrar sesión');
    expect(parts(element, 'nav-link').map(text)).to.deep.equal(['Bandeja de entrada', 'Facturas', 'Configuración', 'Su cuenta']);
    expect(text(part(element, 'staff-role'))).to.equal('Propietario');
  });
});
