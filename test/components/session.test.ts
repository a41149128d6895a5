import { consume } from '@lit/context';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import {
  ApiClient,
  apiContext,
  brandingContext,
  sessionContext,
  type Branding,
  type PortalLogin,
  type PortalSession,
  type PortalSessionChangeEvent,
  type SessionState,
} from '../../components/index.ts';
import '../../components/session/define.ts';
import { branding, contact, deferred, type FakeService, json, problem, signIn, signedInBefore, signedOutService } from './fake-service.ts';
import { afterEach, beforeEach, describe, it } from './mocha.ts';

/** A stand-in for a portal section: shows what the session provides. */
class ContextProbe extends LitElement {
  @consume({ context: apiContext, subscribe: true }) @state() api: ApiClient | undefined;
  @consume({ context: sessionContext, subscribe: true }) @state() session: SessionState | undefined;
  @consume({ context: brandingContext, subscribe: true }) @state() branding: Branding | undefined;

  protected override render() {
    return html`<p>${this.session?.contact?.name} at ${this.branding?.name}</p>`;
  }
}
customElements.define('test-context-probe', ContextProbe);

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

/** This browser's mark of an earlier sign-in to the test service. */

function resumingService(): FakeService {
  return signedOutService().on('POST /api/v1/auth/refresh', () => json(200, signIn()));
}

async function sessionWith(service: FakeService): Promise<PortalSession> {
  return fixture<PortalSession>(html`
    <portal-session .client=${clientFor(service)}><test-context-probe></test-context-probe></portal-session>
  `);
}

const part = <T extends Element = HTMLElement>(session: PortalSession, name: string): T | null => session.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

/** Waits until both the branding and the sign-in to resume are in (or the start failed). */
async function started(session: PortalSession): Promise<void> {
  await waitUntil(() => part(session, 'error') || (part(session, 'base') && !session.matches(':state(loading)')), 'the session did not start');
  await session.updateComplete;
}

/** Notes whether a `<portal-login>` is ever added inside the session, from now on. */
function watchForLogin(session: PortalSession): { seen: () => boolean; stop: () => void } {
  let seen = part(session, 'login') !== null;
  const observer = new MutationObserver(() => {
    seen ||= part(session, 'login') !== null;
  });
  observer.observe(session.shadowRoot!, { childList: true, subtree: true });
  return { seen: () => seen || part(session, 'login') !== null, stop: () => observer.disconnect() };
}

async function loginIn(session: PortalSession): Promise<PortalLogin> {
  const login = part<PortalLogin>(session, 'login');
  if (!login) throw new Error('no login shown');
  await login.updateComplete;
  return login;
}

function type(login: PortalLogin, field: string, value: string): void {
  const input = login.shadowRoot!.querySelector<HTMLInputElement>(`#${field}`)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

describe('<portal-session>', () => {
  // What a tab remembers of an earlier sign-in must not leak from one test into the next. The
  // browser here has signed in before, so the session tries the refresh cookie on start (a browser
  // that never did asks nothing: session-resume.test.ts).
  beforeEach(() => {
    sessionStorage.clear();
    signedInBefore.remember(true);
  });
  afterEach(() => {
    document.querySelector('#host-theme')?.remove();
    sessionStorage.clear();
    signedInBefore.remember(false);
  });

  it('shows the login at once, before the branding and the refresh answer, and names the firm when the branding arrives', async () => {
    const brandingAnswer = deferred<Response>();
    const refreshAnswer = deferred<Response>();
    const service = signedOutService()
      .on('GET /api/v1/firms/demo/branding', () => brandingAnswer.promise)
      .on('POST /api/v1/auth/refresh', () => refreshAnswer.promise);
    const session = await sessionWith(service);

    expect(service.calls('GET /api/v1/firms/demo/branding')).to.have.length(1);
    expect(service.calls('POST /api/v1/auth/refresh')).to.have.length(1);
    const login = await loginIn(session);
    expect(login.shadowRoot!.querySelector('#email')).to.exist;
    expect(login.shadowRoot!.querySelector('h2')!.textContent).to.equal('Sign in');
    expect(part(session, 'skeleton')).to.equal(null);
    expect(part(session, 'firm-name')).to.equal(null);
    expect(session.shadowRoot!.querySelector('slot')).to.equal(null);
    expect(session.matches(':state(loading)')).to.equal(true);
    await expect(session).to.be.accessible();

    brandingAnswer.resolve(json(200, branding));
    await waitUntil(() => part(session, 'firm-name'), 'the firm’s name never filled in');
    expect(part(session, 'firm-name')!.textContent).to.equal('Hale & Whitmore LLP');
    await waitUntil(() => login.shadowRoot!.querySelector('h2')!.textContent === 'Sign in to Hale & Whitmore LLP', 'the login never named the firm');
    expect(part(session, 'login')).to.equal(login);
    expect(session.matches(':state(loading)'), 'still resuming the sign-in').to.equal(true);

    const changed = oneEvent(session, 'portal-session-change');
    refreshAnswer.resolve(problem(401, 'refresh_missing', 'No refresh token.'));
    expect((await changed).detail).to.deep.equal({ status: 'signed-out', reason: 'resume' });
    await started(session);
    expect(part(session, 'login'), 'the same form stays').to.equal(login);
  });

  it('keeps the room for the firm’s line and the logo’s box, so nothing moves when they arrive', async () => {
    const brandingAnswer = deferred<Response>();
    // A logo this page has never loaded: it is still on its way when the header first shows it.
    const logoUrl = new URL(`/demo/public/assets/logo.svg?fresh=${Date.now()}`, window.location.href).href;
    const service = signedOutService().on('GET /api/v1/firms/demo/branding', () => brandingAnswer.promise);
    const session = await sessionWith(service);
    const login = await loginIn(session);
    const header = part(session, 'header')!;
    const before = { loginTop: login.getBoundingClientRect().top, headerHeight: header.getBoundingClientRect().height };

    const firstLook = new Promise<{ width: number; height: number; complete: boolean }>((resolve) => {
      const observer = new MutationObserver(() => {
        const logo = part<HTMLImageElement>(session, 'logo');
        if (!logo) return;
        observer.disconnect();
        const { width, height } = logo.getBoundingClientRect();
        resolve({ width, height, complete: logo.complete });
      });
      observer.observe(session.shadowRoot!, { childList: true, subtree: true });
    });
    brandingAnswer.resolve(json(200, { ...branding, logoUrl }));
    const box = await firstLook;
    expect(box.complete, 'the logo had not loaded yet').to.equal(false);
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    expect(box.width).to.equal(8 * rem);
    expect(box.height).to.equal(2.5 * rem);

    const logo = part<HTMLImageElement>(session, 'logo')!;
    await waitUntil(() => logo.complete && logo.naturalWidth > 0, 'the logo did not load');
    await started(session);
    const after = logo.getBoundingClientRect();
    expect([after.width, after.height]).to.deep.equal([box.width, box.height]);
    expect(part(session, 'firm-name')!.textContent).to.equal('Hale & Whitmore LLP');
    expect(header.getBoundingClientRect().height).to.equal(before.headerHeight);
    expect(login.getBoundingClientRect().top).to.equal(before.loginTop);
  });

  it('shows an accessible placeholder instead of the login when this tab was signed in, then the portal', async () => {
    const first = await sessionWith(resumingService());
    await oneEvent(first, 'portal-session-change');
    first.remove();
    // The tab remembers only that it was signed in: no token, no name.
    expect(Object.values(sessionStorage)).to.deep.equal(['1']);

    const refreshAnswer = deferred<Response>();
    const session = await sessionWith(resumingService().on('POST /api/v1/auth/refresh', () => refreshAnswer.promise));
    const login = watchForLogin(session);
    try {
      expect(part(session, 'skeleton')).to.exist;
      expect(session.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Loading the client portal…');
      expect(session.matches(':state(loading)')).to.equal(true);
      await expect(session).to.be.accessible();

      const changed = oneEvent(session, 'portal-session-change');
      refreshAnswer.resolve(json(200, signIn()));
      expect((await changed).detail).to.deep.equal({ status: 'signed-in', contact, reason: 'resume' });
      await started(session);
      expect(session.shadowRoot!.querySelector('slot')).to.exist;
      expect(login.seen(), 'the login flashed by').to.equal(false);
    } finally {
      login.stop();
    }
  });

  it('shows the login, without waiting for the branding, when the tab’s earlier sign-in has ended', async () => {
    const first = await sessionWith(resumingService());
    await oneEvent(first, 'portal-session-change');
    first.remove();

    const brandingAnswer = deferred<Response>();
    const refreshAnswer = deferred<Response>();
    const session = await sessionWith(
      signedOutService()
        .on('GET /api/v1/firms/demo/branding', () => brandingAnswer.promise)
        .on('POST /api/v1/auth/refresh', () => refreshAnswer.promise),
    );
    expect(part(session, 'skeleton')).to.exist;
    refreshAnswer.resolve(problem(401, 'refresh_reused', 'The sign-in has ended.'));
    await waitUntil(() => part(session, 'login'), 'the login did not show');
    expect(session.session.status).to.equal('signed-out');
    expect(part(session, 'firm-name')).to.equal(null);
    expect(Object.keys(sessionStorage)).to.deep.equal([]);
    brandingAnswer.resolve(json(200, branding));
    await started(session);
  });

  it('forgets that the tab was signed in when the client signs out', async () => {
    const first = await sessionWith(resumingService());
    await oneEvent(first, 'portal-session-change');
    await started(first);
    const signedOut = oneEvent(first, 'portal-session-change');
    part(first, 'sign-out-button')!.click();
    await signedOut;
    first.remove();

    const session = await sessionWith(signedOutService().on('POST /api/v1/auth/refresh', () => new Promise<Response>(() => undefined)));
    expect(part(session, 'skeleton')).to.equal(null);
    expect(part(session, 'login')).to.exist;
  });

  it('keeps a sign-in made on the login while the refresh was still on its way', async () => {
    const refreshAnswer = deferred<Response>();
    const service = signedOutService().on('POST /api/v1/auth/refresh', () => refreshAnswer.promise);
    const session = await sessionWith(service);
    const login = await loginIn(session);
    const changes: PortalSessionChangeEvent['detail'][] = [];
    session.addEventListener('portal-session-change', (event) => changes.push(event.detail));

    type(login, 'email', 'alex@example.com');
    type(login, 'password', 'portico-demo');
    login.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    await waitUntil(() => changes.length === 1, 'the sign-in was not reported');
    expect(changes[0]).to.deep.equal({ status: 'signed-in', contact, reason: 'sign-in' });

    // Sent before the sign-in, without a cookie: its 401 says nothing about the sign-in since.
    refreshAnswer.resolve(problem(401, 'refresh_missing', 'No refresh token.'));
    await started(session);
    expect(changes).to.have.length(1);
    expect(session.session).to.deep.equal({ status: 'signed-in', contact });
    expect(session.client!.contact).to.deep.equal(contact);
    expect(session.shadowRoot!.querySelector('slot')).to.exist;
    await waitUntil(() => session.shadowRoot!.activeElement === part(session, 'content'), 'focus did not move to the portal');
    await session.client!.me();
    expect(service.calls('GET /api/v1/me')[0]!.headers.get('authorization')).to.equal('Bearer access-1');
  });

  it('shows the firm and the login when nobody is signed in', async () => {
    const service = signedOutService();
    const client = clientFor(service);
    const session = await fixture<PortalSession>(html`<portal-session .client=${client}><p>Secret</p></portal-session>`);
    const change = await oneEvent(session, 'portal-session-change');
    await started(session);

    expect(change.detail).to.deep.equal({ status: 'signed-out', reason: 'resume' });
    expect(session.session.status).to.equal('signed-out');
    expect(part(session, 'firm-name')!.textContent).to.equal('Hale & Whitmore LLP');
    expect(part<HTMLImageElement>(session, 'logo')!.alt).to.equal('');
    expect(part(session, 'sign-out-button')).to.equal(null);
    expect(session.shadowRoot!.querySelector('slot')).to.equal(null);
    const login = await loginIn(session);
    expect(login.shadowRoot!.querySelector('h2')!.textContent).to.equal('Sign in to Hale & Whitmore LLP');
    expect(session.matches(':state(signed-out)')).to.equal(true);
    await expect(session).to.be.accessible();
  });

  it('resumes an earlier sign-in and provides the client, session and branding to its children', async () => {
    const session = await sessionWith(resumingService());
    const change = await oneEvent(session, 'portal-session-change');
    await started(session);

    expect(change.detail).to.deep.equal({ status: 'signed-in', contact, reason: 'resume' });
    expect(part(session, 'contact-name')!.textContent).to.equal('Alex Rivera');
    expect(part(session, 'sign-out-button')).to.exist;
    expect(session.shadowRoot!.querySelector('slot')).to.exist;
    const probe = session.querySelector<ContextProbe>('test-context-probe')!;
    await probe.updateComplete;
    expect(probe.api).to.equal(session.client);
    expect(probe.session).to.deep.equal({ status: 'signed-in', contact });
    expect(probe.shadowRoot!.textContent).to.equal('Alex Rivera at Hale & Whitmore LLP');
    await expect(session).to.be.accessible();
  });

  it('signs in through its login, then shows the portal and moves focus to it', async () => {
    const session = await sessionWith(signedOutService());
    await oneEvent(session, 'portal-session-change');
    await started(session);
    const login = await loginIn(session);
    type(login, 'email', 'alex@example.com');
    type(login, 'password', 'portico-demo');
    const changed = oneEvent(session, 'portal-session-change');
    login.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
    const change: PortalSessionChangeEvent = await changed;

    expect(change.detail).to.deep.equal({ status: 'signed-in', contact, reason: 'sign-in' });
    await session.updateComplete;
    expect(session.shadowRoot!.querySelector('slot')).to.exist;
    expect(session.shadowRoot!.activeElement).to.equal(part(session, 'content'));
    expect(part(session, 'notice')!.textContent).to.equal('Signed in as Alex Rivera');
    expect(session.matches(':state(signed-in)')).to.equal(true);
  });

  it('signs out from its header and returns to the login', async () => {
    const service = resumingService();
    const session = await sessionWith(service);
    await oneEvent(session, 'portal-session-change');
    await started(session);

    const changed = oneEvent(session, 'portal-session-change');
    part(session, 'sign-out-button')!.click();
    const change = await changed;
    expect(change.detail).to.deep.equal({ status: 'signed-out', reason: 'sign-out' });
    expect(service.calls('POST /api/v1/auth/logout')).to.have.length(1);
    await session.updateComplete;
    const login = await loginIn(session);
    await waitUntil(() => login.shadowRoot!.activeElement?.id === 'heading', 'focus did not move to the login');
    expect(part(session, 'notice')!.textContent).to.equal('You have signed out.');
  });

  it('returns to the login with an explanation when the service ends the sign-in', async () => {
    const service = resumingService();
    const session = await sessionWith(service);
    await oneEvent(session, 'portal-session-change');
    await started(session);

    service
      .on('GET /api/v1/me', () => problem(401, 'token_invalid', 'Invalid.'))
      .on('POST /api/v1/auth/refresh', () => problem(401, 'refresh_reused', 'Reused.'));
    const changed = oneEvent(session, 'portal-session-change');
    await session.client!.me().catch(() => undefined);
    expect((await changed).detail).to.deep.equal({ status: 'signed-out', reason: 'expired' });
    await session.updateComplete;
    expect(session.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('you have been signed out');
    expect(part(session, 'login')).to.exist;
  });

  it('explains when the service cannot be reached, and starts again on retry', async () => {
    const service = signedOutService().on('GET /api/v1/firms/demo/branding', () => Promise.reject(new TypeError('Failed to fetch')));
    const session = await sessionWith(service);
    await started(session);

    const error = part(session, 'error')!;
    expect(error.querySelector('[role="alert"]')!.textContent).to.include('could not reach the service');
    await expect(session).to.be.accessible();

    service.on('GET /api/v1/firms/demo/branding', () => json(200, branding));
    part(session, 'retry-button')!.click();
    await waitUntil(() => part(session, 'firm-name'), 'the retry did not start the session');
    expect(part(session, 'login')).to.exist;
  });

  it('explains an unknown firm', async () => {
    const service = signedOutService().on('GET /api/v1/firms/demo/branding', () => problem(404, 'firm_not_found', 'No such firm.'));
    const session = await sessionWith(service);
    await started(session);
    expect(part(session, 'error')!.textContent).to.include('the firm could not be found');
    expect(part(session, 'login'), 'the login gives way to the explanation').to.equal(null);
  });

  it('says so when it has no firm to talk to', async () => {
    const session = await fixture<PortalSession>(html`<portal-session></portal-session>`);
    await started(session);
    expect(part(session, 'error')!.textContent).to.include('missing its settings');
    expect(part(session, 'retry-button')).to.equal(null);
  });

  it('makes its own client from the api and firm attributes', async () => {
    const session = await fixture<PortalSession>(html`<portal-session api="http://service.test/" firm="demo"></portal-session>`);
    expect(session.client).to.be.instanceOf(ApiClient);
    expect(session.client!.baseUrl).to.equal('http://service.test');
    expect(session.client!.firm).to.equal('demo');
    session.client = clientFor(signedOutService());
    await started(session);
  });

  it('uses the firm’s colours as defaults, which the page’s CSS overrides', async () => {
    const session = await sessionWith(signedOutService());
    await started(session);
    const header = part(session, 'header')!;
    expect(getComputedStyle(header).backgroundColor).to.equal('rgb(31, 58, 95)');
    expect(getComputedStyle(header).color).to.equal('rgb(255, 255, 240)');
    expect(getComputedStyle(part(session, 'base')!).fontFamily).to.equal('Georgia, serif');

    const style = document.createElement('style');
    style.id = 'host-theme';
    style.textContent = 'portal-session { --portal-color-brand: rgb(255, 0, 0); }';
    document.head.append(style);
    expect(getComputedStyle(header).backgroundColor).to.equal('rgb(255, 0, 0)');

    style.textContent = ':root { --portal-color-brand: rgb(0, 0, 255); --portal-session-header-color: rgb(255, 255, 0); }';
    expect(getComputedStyle(header).backgroundColor).to.equal('rgb(0, 0, 255)');
    expect(getComputedStyle(header).color).to.equal('rgb(255, 255, 0)');

    style.textContent = 'portal-session::part(login-submit-button) { outline: 5px dotted rgb(9, 9, 9); }';
    const login = await loginIn(session);
    const button = login.shadowRoot!.querySelector('[part="submit-button"]')!;
    expect(getComputedStyle(button).outlineColor).to.equal('rgb(9, 9, 9)');
  });

  it('opens an invitation link in the invitation form and removes the spent token from the address', async () => {
    const original = window.location.href;
    const url = new URL(original);
    url.searchParams.set('invitation', 'invite-token');
    window.history.replaceState(window.history.state, '', url);
    try {
      const service = signedOutService().on('POST /api/v1/auth/invitations/accept', () => json(200, signIn()));
      const session = await sessionWith(service);
      await started(session);
      expect(service.calls('POST /api/v1/auth/refresh')).to.have.length(0);
      const login = await loginIn(session);
      expect(login.mode).to.equal('accept-invitation');
      expect(login.token).to.equal('invite-token');
      // The link is checked first; the form follows.
      await waitUntil(() => login.shadowRoot!.querySelector('#password'), 'the invitation form did not show');

      type(login, 'password', 'a-good-password');
      type(login, 'confirm', 'a-good-password');
      const changed = oneEvent(session, 'portal-session-change');
      login.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
      expect((await changed).detail.reason).to.equal('sign-in');
      await waitUntil(() => !new URL(window.location.href).searchParams.has('invitation'), 'the token stayed in the address');
      expect(service.calls('POST /api/v1/auth/invitations/accept')[0]!.body).to.deep.equal({ token: 'invite-token', password: 'a-good-password' });
    } finally {
      window.history.replaceState(window.history.state, '', original);
    }
  });

  it('opens a reset link, with a configurable parameter name, in the new-password form', async () => {
    const original = window.location.href;
    const url = new URL(original);
    url.searchParams.set('pw', 'reset-token');
    window.history.replaceState(window.history.state, '', url);
    try {
      const session = await fixture<PortalSession>(html`<portal-session reset-param="pw" .client=${clientFor(signedOutService())}></portal-session>`);
      await started(session);
      const login = await loginIn(session);
      expect(login.mode).to.equal('reset-password');
      expect(login.token).to.equal('reset-token');
    } finally {
      window.history.replaceState(window.history.state, '', original);
    }
  });

  it('shows the placeholder, not the portal, when the sign-in resumes before the branding arrives', async () => {
    const answer = deferred<Response>();
    const service = resumingService().on('GET /api/v1/firms/demo/branding', () => answer.promise);
    const session = await sessionWith(service);
    await waitUntil(() => session.session.status === 'signed-in', 'the sign-in did not resume');
    await session.updateComplete;
    expect(part(session, 'skeleton')).to.exist;
    expect(session.shadowRoot!.querySelector('slot')).to.equal(null);
    answer.resolve(json(200, branding));
    await started(session);
    expect(part(session, 'contact-name')!.textContent).to.equal('Alex Rivera');
  });
});
