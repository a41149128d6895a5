import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, loadMessages, type LoginMode, type PortalLogin, type PortalSession } from '../../components/index.ts';
import '../../components/login/define.ts';
import '../../components/session/define.ts';
import { branding, contact, deferred, type FakeService, json, problem, signIn, signedOutService } from './fake-service.ts';
import { describe, it } from './mocha.ts';

function clientFor(service: FakeService): ApiClient {
  return new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
}

/** A signed-out service that also answers the passwordless routes, and says every link works. */
function codeService(): FakeService {
  return signedOutService()
    .on('POST /api/v1/auth/email-code/request', () => json(202, { accepted: true }))
    .on('POST /api/v1/auth/email-code/verify', () => json(200, signIn()))
    .on('POST /api/v1/auth/link-status', (request) => json(200, { kind: (request.body as { kind: string }).kind, status: 'usable' }));
}

async function loginWith(service: FakeService, mode: LoginMode = 'sign-in', token = '', cooldown = 30): Promise<PortalLogin> {
  return fixture<PortalLogin>(html`<portal-login .client=${clientFor(service)} mode=${mode} token=${token} resend-cooldown=${cooldown}></portal-login>`);
}

const $ = <T extends Element = HTMLElement>(login: PortalLogin, selector: string): T => {
  const found = login.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};

function type(login: PortalLogin, field: 'email' | 'code', value: string): void {
  const input = $<HTMLInputElement>(login, `#${field}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

async function submit(login: PortalLogin): Promise<void> {
  $<HTMLButtonElement>(login, '[part="submit-button"]').click();
  await login.updateComplete;
}

const linkButton = (login: PortalLogin, label: string): HTMLButtonElement => {
  const found = [...login.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((button) => button.textContent!.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};

async function announced(login: PortalLogin, selector: '[role="alert"]' | '[role="status"]'): Promise<string> {
  await waitUntil(() => login.shadowRoot!.querySelector(selector)?.textContent!.trim(), `nothing announced in ${selector}`);
  return login.shadowRoot!.querySelector(selector)!.textContent!.trim();
}

/** Asks for a code for `email` and waits for the code's step. */
async function askForCode(login: PortalLogin, email = 'alex@example.com'): Promise<void> {
  linkButton(login, 'Email me a sign-in code').click();
  await waitUntil(() => login.mode === 'email-code');
  await login.updateComplete;
  type(login, 'email', email);
  await submit(login);
  await waitUntil(() => login.mode === 'enter-code' && login.shadowRoot!.querySelector('#code'), 'the code step shows');
}

describe('<portal-login> sign-in by emailed code', () => {
  it('offers "Email me a sign-in code" beside the password, then asks for the code', async () => {
    const service = codeService();
    const login = await loginWith(service);
    await askForCode(login, ' alex@example.com ');

    expect(service.calls('POST /api/v1/auth/email-code/request')[0]!.body).to.deep.equal({ firm: 'demo', email: 'alex@example.com', locale: 'en' });
    expect($(login, '[part="heading"]').textContent!.trim()).to.equal('Enter your code');
    expect($(login, '[part="intro"]').textContent).to.contain('alex@example.com');
    const code = $<HTMLInputElement>(login, '#code');
    expect(code.autocomplete).to.equal('one-time-code');
    expect(code.inputMode).to.equal('numeric');
    expect(code.labels![0]!.textContent!.trim()).to.equal('Sign-in code');
    expect(code.getAttribute('aria-describedby')).to.equal('intro code-hint');
    await waitUntil(() => login.shadowRoot!.activeElement === code, 'focus moves to the code');
  });

  it('is accessible in the code step', async () => {
    const login = await loginWith(codeService());
    await askForCode(login);
    await expect(login).to.be.accessible();
  });

  it('signs in with a pasted code, spaces and all, and fires portal-login-succeeded', async () => {
    const service = codeService();
    const login = await loginWith(service);
    await askForCode(login);
    type(login, 'code', ' 123 456 ');
    const succeeded = oneEvent(login, 'portal-login-succeeded');
    await submit(login);
    const event = await succeeded;
    expect(event.detail).to.deep.equal({ contact, mode: 'enter-code' });
    expect(service.calls('POST /api/v1/auth/email-code/verify')[0]!.body).to.deep.equal({ firm: 'demo', email: 'alex@example.com', code: '123456' });
  });

  it('checks the code before sending it', async () => {
    const service = codeService();
    const login = await loginWith(service);
    await askForCode(login);
    await submit(login);
    expect($(login, '#code-error').textContent).to.equal('Enter the 6-digit code from the email.');
    type(login, 'code', '12345');
    await submit(login);
    expect($(login, '#code-error').textContent).to.equal('The code is 6 digits, like 123456.');
    expect(service.calls('POST /api/v1/auth/email-code/verify')).to.have.length(0);
  });

  it('says in plain words when the code is wrong, and when it no longer works', async () => {
    const service = codeService().on('POST /api/v1/auth/email-code/verify', () =>
      problem(401, 'email_code_invalid', 'That code is not right. You can try 4 more times.'),
    );
    const login = await loginWith(service);
    await askForCode(login);
    type(login, 'code', '000000');
    await submit(login);
    expect(await announced(login, '[role="alert"]')).to.equal('That code is not right. Check the email and try again.');
    expect($(login, '#code').getAttribute('aria-invalid')).to.equal('true');
    await expect(login).to.be.accessible();

    service.on('POST /api/v1/auth/email-code/verify', () => problem(401, 'email_code_expired', 'This code can no longer be used.'));
    await submit(login);
    await waitUntil(() => $(login, '[role="alert"]').textContent!.includes('no longer works'));
    expect($(login, '[role="alert"]').textContent!.trim()).to.equal(
      'This code no longer works: it expired, was used, or was entered wrong too many times. Send a new code.',
    );
  });

  it('lets the client send a new code only after the cool-down', async () => {
    const service = codeService();
    const login = await loginWith(service, 'sign-in', '', 1);
    await askForCode(login);
    const resend = $<HTMLButtonElement>(login, '[part="resend-button"]');
    expect(resend.getAttribute('aria-disabled')).to.equal('true');
    expect(resend.textContent!.trim()).to.equal('Send a new code in 1 s');
    resend.click();
    expect(service.calls('POST /api/v1/auth/email-code/request')).to.have.length(1);

    await waitUntil(() => resend.getAttribute('aria-disabled') === 'false', 'the cool-down ends', { timeout: 3000 });
    expect(resend.textContent!.trim()).to.equal('Send a new code');
    resend.click();
    expect(await announced(login, '[role="status"]')).to.equal('We sent a new code to alex@example.com. Only the newest code works.');
    expect(service.calls('POST /api/v1/auth/email-code/request')).to.have.length(2);
    expect($<HTMLButtonElement>(login, '[part="resend-button"]').getAttribute('aria-disabled')).to.equal('true');
  });

  it('goes back to the email or the password', async () => {
    const login = await loginWith(codeService());
    await askForCode(login);
    linkButton(login, 'Use a different email address').click();
    await waitUntil(() => login.mode === 'email-code');
    await login.updateComplete;
    expect($<HTMLInputElement>(login, '#email').value).to.equal('alex@example.com');
    linkButton(login, 'Sign in with a password instead').click();
    await waitUntil(() => login.mode === 'sign-in');
  });

  it('is in Spanish with the page', async () => {
    expect(await loadMessages('es')).to.equal(true);
    const service = codeService();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es-US"><portal-login .client=${clientFor(service)}></portal-login></div>`);
    const login = wrapper.querySelector<PortalLogin>('portal-login')!;
    await login.updateComplete;
    // Every label the button shows on its way, not only the last: the flows' words must not read English for a moment.
    const labels: string[] = [];
    const observer = new MutationObserver(() => {
      const label = login.shadowRoot!.querySelector('[part="submit-button"]')?.textContent!.trim();
      if (label && labels.at(-1) !== label) labels.push(label);
    });
    observer.observe(login.shadowRoot!, { subtree: true, childList: true, characterData: true });
    linkButton(login, 'Enviarme un código de acceso por correo').click();
    await waitUntil(() => login.mode === 'email-code');
    await login.updateComplete;
    observer.disconnect();
    expect($(login, '[part="heading"]').textContent!.trim()).to.equal('Iniciar sesión con un código');
    expect(labels).to.deep.equal(['Enviarme un código']);
    type(login, 'email', 'alex@example.com');
    await submit(login);
    await waitUntil(() => login.mode === 'enter-code');
    expect(service.calls('POST /api/v1/auth/email-code/request')[0]!.body, 'the code is emailed in the page’s language').to.deep.equal({
      firm: 'demo',
      email: 'alex@example.com',
      locale: 'es',
    });
  });

  it('reads its theme from outside in the code step too', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="--portal-login-background: rgb(1, 2, 3)"><portal-login mode="enter-code" .client=${clientFor(codeService())}></portal-login></div>`,
    );
    const login = wrapper.querySelector('portal-login')!;
    await login.updateComplete;
    expect(getComputedStyle($(login, '[part="base"]')).backgroundColor).to.equal('rgb(1, 2, 3)');
    // Opened in this step directly, the form asks for the address too.
    expect(login.shadowRoot!.querySelector('#email')).to.not.equal(null);
    expect(login.shadowRoot!.querySelector('#code')).to.not.equal(null);
  });
});

describe('<portal-login> emailed links checked when opened', () => {
  it('signs in at once from a sign-in link that works', async () => {
    const service = codeService();
    const login = await fixture<PortalLogin>(html`<portal-login mode="sign-in-link" token="link-token"></portal-login>`);
    const succeeded = oneEvent(login, 'portal-login-succeeded');
    login.client = clientFor(service);
    const event = await succeeded;
    expect(event.detail.mode).to.equal('sign-in-link');
    expect(service.calls('POST /api/v1/auth/link-status')[0]!.body).to.deep.equal({ kind: 'sign-in', token: 'link-token' });
    expect(service.calls('POST /api/v1/auth/email-code/verify')[0]!.body).to.deep.equal({ firm: 'demo', token: 'link-token' });
  });

  it('shows "Checking your link…" and no password fields until the service answers', async () => {
    const answer = deferred<Response>();
    const service = codeService().on('POST /api/v1/auth/link-status', () => answer.promise);
    const login = await loginWith(service, 'reset-password', 'reset-token');
    await waitUntil(() => login.shadowRoot!.textContent!.includes('Checking your link…'));
    expect(login.shadowRoot!.querySelector('input')).to.equal(null);
    await expect(login).to.be.accessible();
    answer.resolve(json(200, { kind: 'reset', status: 'usable' }));
    await waitUntil(() => login.shadowRoot!.querySelector('#password'), 'the form shows');
  });

  it('refuses a used reset link before anything is typed, and has a new one sent', async () => {
    const service = codeService()
      .on('POST /api/v1/auth/link-status', () => json(200, { kind: 'reset', status: 'used' }))
      .on('POST /api/v1/auth/link-renew', () => json(202, { accepted: true }));
    const login = await loginWith(service, 'reset-password', 'reset-token');
    expect(await announced(login, '[role="alert"]')).to.equal('This link has already been used. Each link works only once.');
    expect($(login, '[part="heading"]').textContent!.trim()).to.equal('This link no longer works');
    expect(login.shadowRoot!.querySelector('#password')).to.equal(null);
    await expect(login).to.be.accessible();
    linkButton(login, 'Send me a new link').click();
    expect(await announced(login, '[role="status"]')).to.equal('We have sent a new link to the address this one went to. It may take a minute to arrive.');
    expect(service.calls('POST /api/v1/auth/link-renew')[0]!.body).to.deep.equal({ kind: 'reset', token: 'reset-token' });
    expect(login.shadowRoot!.textContent).to.not.contain('Send me a new link');
  });

  it('has a new sign-in link sent for an expired one, and says so when that fails', async () => {
    const service = codeService()
      .on('POST /api/v1/auth/link-status', () => json(200, { kind: 'sign-in', status: 'expired' }))
      .on('POST /api/v1/auth/link-renew', () => problem(429, 'rate_limited', 'Too many attempts.', { retryAfter: 60 }, { 'Retry-After': '60' }));
    const login = await loginWith(service, 'sign-in-link', 'link-token');
    expect(await announced(login, '[role="alert"]')).to.equal('This link has expired.');
    expect(service.calls('POST /api/v1/auth/email-code/verify')).to.have.length(0);
    linkButton(login, 'Send me a new link').click();
    await waitUntil(() => $(login, '[role="alert"]').textContent!.includes('Too many attempts'), 'the refusal is shown');
    service.on('POST /api/v1/auth/link-renew', () => json(202, { accepted: true }));
    linkButton(login, 'Send me a new link').click();
    await announced(login, '[role="status"]');
    expect(service.calls('POST /api/v1/auth/link-renew').at(-1)!.body).to.deep.equal({ kind: 'sign-in', token: 'link-token' });
  });

  it('sends an unknown link to the form that asks for a new one', async () => {
    const service = codeService().on('POST /api/v1/auth/link-status', () => json(200, { kind: 'sign-in', status: 'unknown' }));
    const login = await loginWith(service, 'sign-in-link', 'link-token');
    expect(await announced(login, '[role="alert"]')).to.contain('This link is not valid.');
    linkButton(login, 'Send me a new link').click();
    await waitUntil(() => login.mode === 'email-code');
    expect(service.calls('POST /api/v1/auth/link-renew')).to.have.length(0);
  });

  it('tells the client to ask the firm for a replaced invitation', async () => {
    const service = codeService().on('POST /api/v1/auth/link-status', () => json(200, { kind: 'invitation', status: 'replaced' }));
    const session = await fixture<PortalSession>(html`<portal-session .client=${clientFor(service)}></portal-session>`);
    // Inside a session the firm's name comes from the branding.
    await waitUntil(() => session.branding);
    const login = document.createElement('portal-login');
    login.mode = 'accept-invitation';
    login.token = 'invite-token';
    session.append(login);
    expect(await announced(login, '[role="alert"]')).to.contain('A newer link was sent after this one.');
    await waitUntil(() => $(login, '[part="intro"]').textContent!.includes(branding.name));
    expect($(login, '[part="intro"]').textContent!.trim()).to.equal(
      'Ask Hale & Whitmore LLP to send you a new invitation. If you already created a password, sign in instead.',
    );
    expect(login.shadowRoot!.textContent).to.not.contain('Send me a new link');
  });

  it('shows the form when the link cannot be checked: sending it gets the answer', async () => {
    const service = codeService().on('POST /api/v1/auth/link-status', () => problem(503, 'not_ready', 'Not ready.'));
    const login = await loginWith(service, 'accept-invitation', 'invite-token');
    await waitUntil(() => login.shadowRoot!.querySelector('#password'), 'the form shows');
  });
});

describe('<portal-session> sign-in links', () => {
  it('opens ?sign-in=TOKEN as a sign-in link, signs in, and takes the token out of the address', async () => {
    const before = window.location.href;
    const url = new URL(window.location.href);
    url.searchParams.set('sign-in', 'link-token');
    window.history.replaceState(null, '', url);
    try {
      const service = codeService();
      const session = await fixture<PortalSession>(html`<portal-session .client=${clientFor(service)}></portal-session>`);
      await waitUntil(() => session.session.status === 'signed-in', 'signed in from the link');
      expect(service.calls('POST /api/v1/auth/refresh')).to.have.length(0);
      expect(new URL(window.location.href).searchParams.has('sign-in')).to.equal(false);
    } finally {
      window.history.replaceState(null, '', before);
    }
  });
});
