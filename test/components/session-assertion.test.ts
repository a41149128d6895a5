import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, type Contact, type PortalApp, type PortalLogin, type PortalSession, type PortalSessionChangeEvent } from '../../components/index.ts';
import '../../components/app/define.ts';
import { SignInMarker } from '../../components/api/sign-in-marker.ts';
import '../../components/session/define.ts';
import { contact, deferred, json, problem, signedOutService, signIn, type FakeService } from './fake-service.ts';
import { describe, it } from './mocha.ts';
import { activityGroups } from './portal-fixtures.ts';

const exchangeRoute = 'POST /api/v1/auth/token-exchange';
const jordan: Contact = { id: 'con_2', firmId: 'firm_1', email: 'jordan@example.com', name: 'Jordan Lee', locale: null };

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

/** A signed-out firm whose service accepts any assertion, signing in the client it names. */
function exchangingService(who: Contact = contact): FakeService {
  return signedOutService().on(exchangeRoute, () => json(200, signIn('access-sso', who)));
}

/** A `getAssertion` that hands out `assertion-1`, `assertion-2`, … and counts its calls. */
function assertionProvider(): { calls: AbortSignal[]; provide: (options: { signal: AbortSignal }) => Promise<string> } {
  const calls: AbortSignal[] = [];
  return {
    calls,
    provide: ({ signal }) => {
      calls.push(signal);
      return Promise.resolve(`assertion-${calls.length}`);
    },
  };
}

const part = <T extends Element = HTMLElement>(session: PortalSession, name: string): T | null => session.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function sessionWith(service: FakeService, properties: Partial<Pick<PortalSession, 'assertion' | 'getAssertion'>>, lang = 'en'): Promise<PortalSession> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  const session = document.createElement('portal-session');
  session.client = clientFor(service);
  Object.assign(session, properties);
  session.innerHTML = '<p id="secret">Your matter</p>';
  wrapper.append(session);
  return session;
}

async function loginIn(session: PortalSession): Promise<PortalLogin> {
  await waitUntil(() => part(session, 'login'), 'no login shown');
  const login = part<PortalLogin>(session, 'login')!;
  await login.updateComplete;
  return login;
}

function type(login: PortalLogin, field: string, value: string): void {
  const input = login.shadowRoot!.querySelector<HTMLInputElement>(`#${field}`)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

describe('<portal-session> signing in from the firm’s site', () => {
  it('exchanges an assertion through the API client, for its own firm or another', async () => {
    const service = exchangingService();
    const client = clientFor(service);
    const answer = await client.auth.exchangeToken({ assertion: 'jwt-1' });
    expect(answer.contact).to.deep.equal(contact);
    expect(client.contact).to.deep.equal(contact);
    await client.auth.exchangeToken({ firm: 'other-firm', assertion: 'jwt-2' });
    const [first, second] = service.calls(exchangeRoute);
    expect(first!.body).to.deep.equal({ firm: 'demo', assertion: 'jwt-1' });
    expect(first!.credentials).to.equal('include');
    expect(second!.body).to.deep.equal({ firm: 'other-firm', assertion: 'jwt-2' });
  });

  it('signs in with getAssertion when there is no sign-in to resume, and fires portal-session-change', async () => {
    const service = exchangingService();
    const provider = assertionProvider();
    const session = await sessionWith(service, { getAssertion: provider.provide });
    const change: PortalSessionChangeEvent = await oneEvent(session, 'portal-session-change');

    expect(change.detail).to.deep.equal({ status: 'signed-in', contact, reason: 'sign-in' });
    expect(service.requests.map((request) => request.route).filter((route) => route.startsWith('POST'))).to.deep.equal([
      'POST /api/v1/auth/refresh',
      exchangeRoute,
    ]);
    const [exchange] = service.calls(exchangeRoute);
    expect(exchange!.body).to.deep.equal({ firm: 'demo', assertion: 'assertion-1' });
    expect(exchange!.credentials).to.equal('include');
    expect(provider.calls).to.have.length(1);
    expect(provider.calls[0]).to.be.instanceOf(AbortSignal);

    await waitUntil(() => session.shadowRoot!.querySelector('slot'), 'the portal is not shown');
    expect(part(session, 'login')).to.equal(null);
    expect(part(session, 'contact-name')!.textContent).to.equal('Alex Rivera');
    expect(session.session).to.deep.equal({ status: 'signed-in', contact });
    expect(session.matches(':state(signed-in)')).to.equal(true);
    expect(text(part(session, 'notice'))).to.equal('Signed in as Alex Rivera');
    // Nothing the client did here: focus is left where it was.
    expect(session.shadowRoot!.activeElement).to.equal(null);
    await expect(session).to.be.accessible();
  });

  it('signs in once with an assertion given as a property', async () => {
    const service = exchangingService();
    const session = await sessionWith(service, { assertion: 'page-assertion' });
    const change = await oneEvent(session, 'portal-session-change');
    expect(change.detail.status).to.equal('signed-in');
    expect(service.calls(exchangeRoute).map((request) => request.body)).to.deep.equal([{ firm: 'demo', assertion: 'page-assertion' }]);

    // The same assertion is not sent again: after a sign-out, the login is shown.
    await session.signOut();
    await loginIn(session);
    session.retry();
    await session.updateComplete;
    await loginIn(session);
    expect(service.calls(exchangeRoute)).to.have.length(1);
  });

  it('leaves an earlier sign-in alone: the refresh cookie is tried first', async () => {
    // This browser signed in before, so it has a refresh cookie to try.
    new SignInMarker('http://service.test/api/v1/auth').remember(true);
    const service = exchangingService().on('POST /api/v1/auth/refresh', () => json(200, signIn()));
    const provider = assertionProvider();
    const session = await sessionWith(service, { getAssertion: provider.provide });
    const change = await oneEvent(session, 'portal-session-change');
    expect(change.detail.reason).to.equal('resume');
    await waitUntil(() => session.shadowRoot!.querySelector('slot'), 'the portal is not shown');
    expect(provider.calls).to.have.length(0);
    expect(service.calls(exchangeRoute)).to.have.length(0);
  });

  it('shows that it is signing the client in, accessibly, while the exchange runs', async () => {
    const answer = deferred<Response>();
    const service = signedOutService().on(exchangeRoute, () => answer.promise);
    const session = await sessionWith(service, { assertion: 'slow-assertion' });
    await waitUntil(() => part(session, 'assertion-pending'), 'no pending state');

    const pending = part(session, 'assertion-pending')!;
    expect(text(pending.querySelector('[role="status"]'))).to.equal('Signing you in from Hale & Whitmore LLP’s website…');
    expect(part(session, 'firm-name')!.textContent).to.equal('Hale & Whitmore LLP');
    expect(part(session, 'login')).to.equal(null);
    expect(session.session.status).to.equal('unknown');
    expect(session.matches(':state(signing-in)')).to.equal(true);
    await expect(session).to.be.accessible();

    const changed = oneEvent(session, 'portal-session-change');
    answer.resolve(json(200, signIn('access-sso')));
    expect((await changed).detail.reason).to.equal('sign-in');
    await waitUntil(() => !session.matches(':state(signing-in)'), 'still signing in');
    expect(part(session, 'assertion-pending')).to.equal(null);
    expect(session.shadowRoot!.querySelector('slot')).to.exist;
  });

  it('cancels the sign-in under way when the page signs the client out', async () => {
    const service = signedOutService().on(exchangeRoute, () => new Promise<Response>(() => undefined));
    const provider = assertionProvider();
    const session = await sessionWith(service, { getAssertion: provider.provide });
    await waitUntil(() => service.calls(exchangeRoute).length === 1 && part(session, 'assertion-pending'), 'the exchange did not start');

    const changed = oneEvent(session, 'portal-session-change');
    await session.signOut();
    expect((await changed).detail).to.deep.equal({ status: 'signed-out', reason: 'sign-out' });
    expect(service.calls(exchangeRoute)[0]!.signal!.aborted).to.equal(true);
    expect(provider.calls[0]!.aborted).to.equal(true);
    await loginIn(session);
    expect(part(session, 'assertion-error')).to.equal(null);
  });

  it('explains a refused assertion above the login, which still signs in with a password', async () => {
    const service = signedOutService().on(exchangeRoute, () => problem(401, 'invalid_assertion', 'The assertion is not valid.'));
    const session = await sessionWith(service, { getAssertion: assertionProvider().provide });
    const change = await oneEvent(session, 'portal-session-change');
    expect(change.detail).to.deep.equal({ status: 'signed-out', reason: 'resume' });

    const login = await loginIn(session);
    const alert = part(session, 'assertion-error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(text(alert)).to.equal(
      'We couldn’t sign you in from Hale & Whitmore LLP’s website. Try signing in again there, or sign in with your portal password below.',
    );
    expect(alert.compareDocumentPosition(login) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(session.matches(':state(signed-out)')).to.equal(true);
    await expect(session).to.be.accessible();

    type(login, 'email', 'alex@example.com');
    type(login, 'password', 'portico-demo');
    const signedIn = oneEvent(session, 'portal-session-change');
    login.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    expect((await signedIn).detail).to.deep.equal({ status: 'signed-in', contact, reason: 'sign-in' });
    await session.updateComplete;
    expect(part(session, 'assertion-error')).to.equal(null);

    // Signed out again, the old failure is not shown.
    await session.signOut();
    await loginIn(session);
    expect(part(session, 'assertion-error')).to.equal(null);
  });

  it('says so when the firm’s site signed in someone the portal does not know', async () => {
    const service = signedOutService().on(exchangeRoute, () => problem(404, 'contact_not_found', 'No such client.'));
    const session = await sessionWith(service, { assertion: 'stranger' });
    await loginIn(session);
    expect(text(part(session, 'assertion-error'))).to.equal(
      'Hale & Whitmore LLP’s website signed you in, but we couldn’t find your client portal account. Please contact the firm.',
    );
  });

  it('explains a getAssertion that fails, without calling the service', async () => {
    const service = exchangingService();
    const session = await sessionWith(service, { getAssertion: () => Promise.reject(new Error('site session ended')) });
    await loginIn(session);
    expect(text(part(session, 'assertion-error'))).to.include('We couldn’t sign you in from Hale & Whitmore LLP’s website.');
    expect(service.calls(exchangeRoute)).to.have.length(0);
  });

  it('shows the service’s own problems, such as too many attempts', async () => {
    const service = signedOutService().on(exchangeRoute, () => problem(429, 'rate_limited', 'Slow down.', {}, { 'Retry-After': '120' }));
    const session = await sessionWith(service, { assertion: 'a' });
    await loginIn(session);
    expect(text(part(session, 'assertion-error'))).to.equal('Too many attempts. Please wait 2 minutes and try again.');
  });

  it('explains a refused assertion in Spanish under lang="es"', async () => {
    const service = signedOutService().on(exchangeRoute, () => problem(401, 'invalid_assertion', 'Invalid.'));
    const session = await sessionWith(service, { assertion: 'a' }, 'es');
    await loginIn(session);
    // Spanish is fetched on demand: English shows until it has arrived.
    await waitUntil(() => text(part(session, 'assertion-error')).startsWith('No pudimos'), 'the message never switched to Spanish');
    expect(text(part(session, 'assertion-error'))).to.equal(
      'No pudimos iniciar su sesión desde el sitio web de Hale & Whitmore LLP. Vuelva a iniciar sesión allí, o inicie sesión abajo con la contraseña del portal.',
    );
  });

  it('asks getAssertion once for a new assertion when the service ends the sign-in, then falls back to the login', async () => {
    const service = exchangingService();
    const provider = assertionProvider();
    const session = await sessionWith(service, { getAssertion: provider.provide });
    await oneEvent(session, 'portal-session-change');
    await waitUntil(() => session.shadowRoot!.querySelector('slot'), 'the portal is not shown');

    // The service ends the sign-in: the next call's refresh is refused.
    service
      .on('GET /api/v1/me', () => problem(401, 'token_invalid', 'Invalid.'))
      .on('POST /api/v1/auth/refresh', () => problem(401, 'refresh_reused', 'Reused.'));
    const renewed = oneEvent(session, 'portal-session-change');
    await session.client!.me().catch(() => undefined);
    expect((await renewed).detail).to.deep.equal({ status: 'signed-in', contact, reason: 'sign-in' });
    expect(provider.calls).to.have.length(2);
    expect(service.calls(exchangeRoute).map((request) => request.body)).to.deep.equal([
      { firm: 'demo', assertion: 'assertion-1' },
      { firm: 'demo', assertion: 'assertion-2' },
    ]);
    await waitUntil(() => session.shadowRoot!.querySelector('slot'), 'the portal is not shown again');

    // This time the firm's site no longer vouches for the client: the login, with the reason.
    service.on(exchangeRoute, () => problem(401, 'invalid_assertion', 'Expired.'));
    const ended = oneEvent(session, 'portal-session-change');
    await session.client!.me().catch(() => undefined);
    expect((await ended).detail).to.deep.equal({ status: 'signed-out', reason: 'expired' });
    expect(provider.calls).to.have.length(3);
    await loginIn(session);
    expect(text(part(session, 'assertion-error'))).to.include('We couldn’t sign you in from Hale & Whitmore LLP’s website.');
    expect(service.calls(exchangeRoute)).to.have.length(3);
  });

  it('signs in when an assertion arrives after the login is shown', async () => {
    const service = exchangingService(jordan);
    const session = await sessionWith(service, {});
    await loginIn(session);
    expect(service.calls(exchangeRoute)).to.have.length(0);

    const changed = oneEvent(session, 'portal-session-change');
    session.getAssertion = () => Promise.resolve('late-assertion');
    expect((await changed).detail).to.deep.equal({ status: 'signed-in', contact: jordan, reason: 'sign-in' });
    expect(service.calls(exchangeRoute)[0]!.body).to.deep.equal({ firm: 'demo', assertion: 'late-assertion' });
  });

  it('lets the page style the pending state and the failure through parts', async () => {
    const style = document.createElement('style');
    style.textContent = 'portal-session::part(assertion-error) { outline: 3px solid rgb(1, 2, 3); }';
    document.head.append(style);
    try {
      const service = signedOutService().on(exchangeRoute, () => problem(401, 'invalid_assertion', 'Invalid.'));
      const session = await sessionWith(service, { assertion: 'a' });
      await loginIn(session);
      expect(getComputedStyle(part(session, 'assertion-error')!).outlineColor).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });
});

describe('<portal-app> signing in from the firm’s site', () => {
  const startUrl = window.location.href;

  async function appWith(service: FakeService, getAssertion: PortalApp['getAssertion']): Promise<PortalApp> {
    const app = document.createElement('portal-app');
    app.client = clientFor(service);
    app.routing = 'none';
    app.getAssertion = getAssertion;
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 60rem"></div>`);
    wrapper.append(app);
    return app;
  }

  const inner = (app: PortalApp) => app.shadowRoot!.querySelector('portal-session')!;

  it('signs the client in with getAssertion and shows the portal, with no password', async () => {
    const service = exchangingService().on('GET /api/v1/activities', () => json(200, activityGroups()));
    const provider = assertionProvider();
    const app = await appWith(service, provider.provide);
    const change = await oneEvent(app, 'portal-session-change');
    expect(change.detail).to.deep.equal({ status: 'signed-in', contact, reason: 'sign-in' });
    await waitUntil(() => app.shadowRoot!.querySelectorAll('[part~="nav-link"]').length > 0, 'no navigation');
    expect(app.matches(':state(signed-in)')).to.equal(true);
    expect(inner(app).shadowRoot!.querySelector('portal-login')).to.equal(null);
    expect(service.calls(exchangeRoute)[0]!.body).to.deep.equal({ firm: 'demo', assertion: 'assertion-1' });
    expect(window.location.href).to.equal(startUrl);
    await expect(app).to.be.accessible();

    const signedOut = oneEvent(app, 'portal-session-change');
    await app.signOut();
    expect((await signedOut).detail.reason).to.equal('sign-out');
    expect(service.calls('POST /api/v1/auth/logout')).to.have.length(1);
  });

  it('offers the failure message as a part of its own, above the login', async () => {
    const service = signedOutService().on(exchangeRoute, () => problem(401, 'invalid_assertion', 'Invalid.'));
    const app = await appWith(service, () => Promise.resolve('refused'));
    await waitUntil(() => inner(app).shadowRoot?.querySelector('[part~="assertion-error"]'), 'no failure shown');
    expect(inner(app).getAttribute('exportparts')).to.include('assertion-error');
    expect(inner(app).shadowRoot!.querySelector('portal-login')).to.exist;
    await expect(app).to.be.accessible();
  });
});
