import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, type LoginMode, type PortalLogin, type PortalSession } from '../../components/index.ts';
import '../../components/login/define.ts';
import '../../components/session/define.ts';
import { branding, contact, deferred, type FakeService, json, problem, signIn, signedOutService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

async function loginWith(service: FakeService, mode: LoginMode = 'sign-in', token = ''): Promise<PortalLogin> {
  const login = await fixture<PortalLogin>(html`<portal-login .client=${clientFor(service)} mode=${mode} token=${token}></portal-login>`);
  // A link mode checks its link first (this service cannot say, so the form follows).
  await waitUntil(() => login.shadowRoot!.querySelector('form'), 'the form shows');
  return login;
}

const $ = <T extends Element = HTMLElement>(login: PortalLogin, selector: string): T => {
  const found = login.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};

function type(login: PortalLogin, field: 'email' | 'password' | 'confirm', value: string): void {
  const input = $<HTMLInputElement>(login, `#${field}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

async function submit(login: PortalLogin): Promise<void> {
  $<HTMLButtonElement>(login, '[part="submit-button"]').click();
  await login.updateComplete;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits until the live region `selector` has something to say, and returns it. */
async function announced(login: PortalLogin, selector: '[role="alert"]' | '[role="status"]'): Promise<string> {
  await waitUntil(() => $(login, selector).textContent!.trim() !== '', `nothing announced in ${selector}`);
  return $(login, selector).textContent!.trim();
}

describe('<portal-login>', () => {
  afterEach(() => {
    document.documentElement.style.removeProperty('--portal-color-brand');
  });

  for (const mode of ['sign-in', 'accept-invitation', 'forgot-password', 'reset-password', 'email-code', 'enter-code'] as const) {
    it(`is accessible in the ${mode} mode`, async () => {
      const login = await loginWith(signedOutService(), mode, 'token');
      await expect(login).to.be.accessible();
    });
  }

  it('signs in by default, with labelled email and current-password fields', async () => {
    const login = await loginWith(signedOutService());
    expect(login.mode).to.equal('sign-in');
    expect($(login, '[part="heading"]').textContent).to.equal('Sign in');
    const email = $<HTMLInputElement>(login, '#email');
    const password = $<HTMLInputElement>(login, '#password');
    expect(email.type).to.equal('email');
    expect(email.autocomplete).to.equal('email');
    expect(password.autocomplete).to.equal('current-password');
    expect(email.labels![0]!.textContent!.trim()).to.equal('Email address');
    expect(password.labels![0]!.textContent!.trim()).to.equal('Password');
    expect(email.getAttribute('aria-invalid')).to.equal('false');
  });

  it('asks for a new password twice when accepting an invitation', async () => {
    const login = await loginWith(signedOutService(), 'accept-invitation', 'invite-token');
    expect(login.shadowRoot!.querySelector('#email')).to.equal(null);
    expect($<HTMLInputElement>(login, '#password').autocomplete).to.equal('new-password');
    expect($<HTMLInputElement>(login, '#confirm').autocomplete).to.equal('new-password');
    expect($(login, '#password').getAttribute('aria-describedby')).to.equal('password-hint');
  });

  it('checks the fields before sending anything, and focuses the first problem', async () => {
    const service = signedOutService();
    const login = await loginWith(service);
    await submit(login);

    const email = $<HTMLInputElement>(login, '#email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.equal('email-error');
    expect($(login, '#email-error').textContent).to.equal('Enter your email address.');
    expect($(login, '#password-error').textContent).to.equal('Enter your password.');
    expect(login.shadowRoot!.activeElement).to.equal(email);
    expect(service.requests).to.have.length(0);

    type(login, 'email', 'alex@example');
    await login.updateComplete;
    expect($(login, '#email-error').textContent).to.equal('Enter an email address like name@example.com.');
    type(login, 'email', 'alex@example.com');
    await login.updateComplete;
    expect(email.getAttribute('aria-invalid')).to.equal('false');
    expect(login.shadowRoot!.querySelector('#email-error')).to.equal(null);
    await expect(login).to.be.accessible();
  });

  it('requires new passwords of at least 10 characters that match', async () => {
    const service = signedOutService();
    const login = await loginWith(service, 'reset-password', 'reset-token');
    type(login, 'password', 'short');
    type(login, 'confirm', 'other');
    await submit(login);
    expect($(login, '#password-error').textContent).to.equal('Use at least 10 characters.');
    expect($(login, '#password').getAttribute('aria-describedby')).to.equal('password-hint password-error');
    expect($(login, '#confirm-error').textContent).to.equal('The passwords do not match.');
    // Nothing was sent but the check of the link made when it opened.
    expect(service.requests.map((request) => request.route)).to.deep.equal(['POST /api/v1/auth/link-status']);
  });

  it('signs in and fires portal-login-succeeded', async () => {
    const answer = deferred<Response>();
    const service = signedOutService().on('POST /api/v1/auth/login', () => answer.promise);
    const login = await loginWith(service);
    type(login, 'email', ' alex@example.com ');
    type(login, 'password', 'portico-demo');
    await submit(login);

    const button = $<HTMLButtonElement>(login, '[part="submit-button"]');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Signing in…');
    expect(login.matches(':state(pending)')).to.equal(true);
    await submit(login);
    expect(service.calls('POST /api/v1/auth/login')).to.have.length(1);

    const succeeded = oneEvent(login, 'portal-login-succeeded');
    answer.resolve(json(200, signIn()));
    const event = await succeeded;
    expect(event.detail).to.deep.equal({ contact, mode: 'sign-in' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(service.calls('POST /api/v1/auth/login')[0]!.body).to.deep.equal({ firm: 'demo', email: 'alex@example.com', password: 'portico-demo' });
    expect(await announced(login, '[role="status"]')).to.equal('You are signed in.');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    expect(login.matches(':state(pending)')).to.equal(false);
  });

  it('announces a wrong password in an alert', async () => {
    const service = signedOutService().on('POST /api/v1/auth/login', () => problem(401, 'invalid_credentials', 'The email or password is incorrect.'));
    const login = await loginWith(service);
    type(login, 'email', 'alex@example.com');
    type(login, 'password', 'wrong-password');
    await submit(login);
    expect(await announced(login, '[role="alert"]')).to.equal('The email address or password is incorrect.');
    await expect(login).to.be.accessible();
  });

  it('says how long to wait when sign-in is rate limited', async () => {
    const service = signedOutService().on('POST /api/v1/auth/login', () => problem(429, 'rate_limited', 'Too many attempts.', {}, { 'Retry-After': '120' }));
    const login = await loginWith(service);
    type(login, 'email', 'alex@example.com');
    type(login, 'password', 'portico-demo');
    await submit(login);
    expect(await announced(login, '[role="alert"]')).to.equal('Too many attempts. Please wait 2 minutes and try again.');
  });

  it('explains when the service cannot be reached', async () => {
    const client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const login = await fixture<PortalLogin>(html`<portal-login .client=${client}></portal-login>`);
    type(login, 'email', 'alex@example.com');
    type(login, 'password', 'portico-demo');
    await submit(login);
    expect(await announced(login, '[role="alert"]')).to.include('could not reach the service');
  });

  it('shows the service’s field errors next to the fields', async () => {
    const service = signedOutService().on('POST /api/v1/auth/invitations/accept', () => problem(400, 'weak_password', 'This password is too common.'));
    const login = await loginWith(service, 'accept-invitation', 'invite-token');
    type(login, 'password', 'password123');
    type(login, 'confirm', 'password123');
    await submit(login);
    expect(await announced(login, '[role="alert"]')).to.equal('Please correct the highlighted fields.');
    expect($(login, '#password-error').textContent).to.equal('Choose a less common password.');
    expect(service.calls('POST /api/v1/auth/invitations/accept')[0]!.body).to.deep.equal({ token: 'invite-token', password: 'password123' });
  });

  it('switches to the forgotten-password form, moves focus to its heading, and confirms the request', async () => {
    const service = signedOutService().on('POST /api/v1/auth/password-reset/request', () => json(202, { accepted: true }));
    const login = await loginWith(service);
    type(login, 'email', 'alex@example.com');
    $<HTMLButtonElement>(login, '[part="link"]').click();
    await login.updateComplete;
    await settle();
    expect(login.mode).to.equal('forgot-password');
    expect(login.getAttribute('mode')).to.equal('forgot-password');
    expect(login.shadowRoot!.activeElement).to.equal($(login, '#heading'));
    expect($<HTMLInputElement>(login, '#email').value).to.equal('alex@example.com');

    const requested = oneEvent(login, 'portal-password-reset-requested');
    await submit(login);
    expect((await requested).detail.email).to.equal('alex@example.com');
    expect(await announced(login, '[role="status"]')).to.include('If alex@example.com has a portal account');
  });

  it('reports a spent invitation link', async () => {
    const service = signedOutService().on('POST /api/v1/auth/invitations/accept', () => problem(400, 'invitation_invalid', 'The invitation is not valid.'));
    const login = await loginWith(service, 'accept-invitation', 'old-token');
    type(login, 'password', 'a-good-password');
    type(login, 'confirm', 'a-good-password');
    await submit(login);
    expect(await announced(login, '[role="alert"]')).to.include('This invitation link is no longer valid');
  });

  it('follows the page’s brand colour over the firm’s', async () => {
    const login = await loginWith(signedOutService());
    // No colour transition, so that each computed colour is final.
    login.style.setProperty('--portal-duration', '0s');
    const button = $(login, '[part="submit-button"]');
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(31, 78, 121)');
    login.style.setProperty('--portal-firm-color-brand', 'rgb(0, 128, 0)');
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(0, 128, 0)');
    document.documentElement.style.setProperty('--portal-color-brand', 'rgb(255, 0, 0)');
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(255, 0, 0)');
  });

  it('reads its component tokens from outside', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--portal-login-background: rgb(1, 2, 3)"><portal-login></portal-login></div>`);
    const login = wrapper.querySelector('portal-login')!;
    await login.updateComplete;
    expect(getComputedStyle($(login, '[part="base"]')).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('works alone with its own api and firm attributes', async () => {
    const service = signedOutService();
    const original = window.fetch;
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => service.fetch(String(input), init ?? {})) as typeof fetch;
    try {
      const login = await fixture<PortalLogin>(html`<portal-login api="http://service.test/" firm="demo"></portal-login>`);
      type(login, 'email', 'alex@example.com');
      type(login, 'password', 'portico-demo');
      const succeeded = oneEvent(login, 'portal-login-succeeded');
      await submit(login);
      await succeeded;
      expect(service.calls('POST /api/v1/auth/login')[0]!.url.href).to.equal('http://service.test/api/v1/auth/login');
    } finally {
      window.fetch = original;
    }
  });

  it('is ready inside a session before the branding and the refresh answer, and keeps what was typed when they arrive', async () => {
    sessionStorage.clear();
    const brandingAnswer = deferred<Response>();
    const refreshAnswer = deferred<Response>();
    const service = signedOutService()
      .on('GET /api/v1/firms/demo/branding', () => brandingAnswer.promise)
      .on('POST /api/v1/auth/refresh', () => refreshAnswer.promise);
    // A phone's width, where "Sign in to Hale & Whitmore LLP" takes more than one line.
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 24rem"><portal-session .client=${clientFor(service)}></portal-session></div>`);
    const session = wrapper.querySelector<PortalSession>('portal-session')!;
    await session.updateComplete;
    const login = session.shadowRoot!.querySelector<PortalLogin>('portal-login')!;
    expect(login, 'the form is there before either answer').to.exist;
    await login.updateComplete;
    expect($(login, '[part="heading"]').textContent).to.equal('Sign in');
    await expect(login).to.be.accessible();
    const fieldTop = () => $(login, '#email').getBoundingClientRect().top;
    const before = fieldTop();
    type(login, 'email', 'alex@example.com');
    type(login, 'password', 'portico-demo');
    $<HTMLInputElement>(login, '#password').focus();

    brandingAnswer.resolve(json(200, branding));
    await waitUntil(() => $(login, '[part="heading"]').textContent === 'Sign in to Hale & Whitmore LLP', 'the heading never named the firm');
    expect(fieldTop(), 'the firm’s name had its line kept: the fields did not move').to.equal(before);
    refreshAnswer.resolve(problem(401, 'refresh_missing', 'No refresh token.'));
    await waitUntil(() => !session.matches(':state(loading)'), 'the session did not finish starting');
    await session.updateComplete;

    expect(session.shadowRoot!.querySelector('portal-login'), 'the same form, not a new one').to.equal(login);
    expect($<HTMLInputElement>(login, '#email').value).to.equal('alex@example.com');
    expect($<HTMLInputElement>(login, '#password').value).to.equal('portico-demo');
    expect(login.shadowRoot!.activeElement, 'focus stays in the field').to.equal($(login, '#password'));
    const succeeded = oneEvent(login, 'portal-login-succeeded');
    await submit(login);
    expect((await succeeded).detail).to.deep.equal({ contact, mode: 'sign-in' });
    sessionStorage.clear();
  });

  it('says so when it has no service to talk to', async () => {
    const login = await fixture<PortalLogin>(html`<portal-login></portal-login>`);
    type(login, 'email', 'alex@example.com');
    type(login, 'password', 'portico-demo');
    await submit(login);
    await login.updateComplete;
    expect($(login, '[role="alert"]').textContent).to.include('missing its settings');
  });
});
