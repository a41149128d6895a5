import { ContextProvider } from '@lit/context';
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalLogin } from '../../components/index.ts';
import type { PasskeyCredentials } from '../../components/base/passkeys.ts';
import { brandingContext } from '../../components/controllers/contexts.ts';
import '../../components/login/define.ts';
import { branding, json, problem, signIn, signedOutService, type FakeService } from './fake-service.ts';
import { overflowing } from './layout-fit.ts';
import { describe, it } from './mocha.ts';

const requestOptions = { challenge: 'Y2hhbGxlbmdlLTE', rpId: 'localhost', allowCredentials: [], userVerification: 'preferred' };
const creationOptions = {
  challenge: 'Y2hhbGxlbmdlLTI',
  rp: { name: 'Hale & Whitmore LLP', id: 'localhost' },
  user: { id: 'Y29uXzE', name: 'alex@example.com', displayName: 'Alex Rivera' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
};
const setup = {
  secret: 'JBSWY3DPEHPK3PXPJBSW',
  otpauthUri: 'otpauth://totp/Demo:alex@example.com?secret=JBSWY3DPEHPK3PXPJBSW',
  qrCode: { size: 21, path: 'M0 0h7v7H0z' },
};
const codes = ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2', '3456-789a-bcde'];

function fakeCredentials(answer: Record<string, unknown> | DOMException = { id: 'cred_1', type: 'public-key' }) {
  const calls = { get: [] as CredentialRequestOptions[], create: [] as CredentialCreationOptions[] };
  const respond = async () => {
    if (answer instanceof DOMException) throw answer;
    return { id: 'cred_1', type: 'public-key', toJSON: () => answer } as unknown as Credential;
  };
  const credentials: PasskeyCredentials = {
    get: (options) => (calls.get.push(options), respond()),
    create: (options) => (calls.create.push(options), respond()),
  };
  return { calls, credentials };
}

const challenge = (methods: string[]) => json(200, { mfaRequired: true, mfaToken: 'mfa-1', methods });

async function loginWith(
  service: FakeService,
  { credentials, lang = 'en', width = '', page }: { credentials?: PasskeyCredentials; lang?: string; width?: string; page?: HTMLElement } = {},
) {
  if (!page) fixtureCleanup();
  const wrapper = page ?? (await fixture<HTMLDivElement>(html`<div lang=${lang} style=${width ? `width: ${width}` : ''}></div>`));
  const login = document.createElement('portal-login');
  login.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  if (credentials) login.credentials = credentials;
  wrapper.append(login);
  await login.updateComplete;
  return login;
}

const $ = <T extends Element = HTMLElement>(login: PortalLogin, selector: string): T => {
  const found = login.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
function type(login: PortalLogin, selector: string, value: string): void {
  const input = $<HTMLInputElement>(login, selector);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
const button = (login: PortalLogin, label: string): HTMLButtonElement => {
  const found = [...login.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};
const heading = (login: PortalLogin) => $(login, '[part="heading"]').textContent!.trim();

async function signInWithPassword(login: PortalLogin): Promise<void> {
  type(login, '#email', 'alex@example.com');
  type(login, '#password', 'correct horse battery');
  $<HTMLButtonElement>(login, '[part="submit-button"]').click();
}

describe('<portal-login> two-step verification', () => {
  it('asks for the code from the app after the password, and signs in with it', async () => {
    const service = signedOutService()
      .on('POST /api/v1/auth/login', () => challenge(['totp', 'recovery_code']))
      .on('POST /api/v1/auth/mfa', () => json(200, signIn()));
    const login = await loginWith(service);
    await signInWithPassword(login);
    await waitUntil(() => login.shadowRoot!.querySelector('#step-code'), 'the second step shows');
    expect(heading(login)).to.equal('Two-step verification');
    await waitUntil(() => login.shadowRoot!.activeElement === $(login, '#heading'), 'focus moves to the heading');
    await expect(login).to.be.accessible();
    const code = $<HTMLInputElement>(login, '#step-code');
    expect(code.autocomplete).to.equal('one-time-code');
    expect(code.labels![0]!.textContent!.trim()).to.equal('Authentication code');

    // A code of the wrong shape is caught before anything is sent.
    type(login, '#step-code', '12');
    $<HTMLButtonElement>(login, '[part="submit-button"]').click();
    await waitUntil(() => login.shadowRoot!.querySelector('#step-code-error'));
    expect(service.calls('POST /api/v1/auth/mfa')).to.have.length(0);

    type(login, '#step-code', '123 456');
    const succeeded = oneEvent(login, 'portal-login-succeeded');
    $<HTMLButtonElement>(login, '[part="submit-button"]').click();
    const event = await succeeded;
    expect(event.detail.mode).to.equal('sign-in');
    expect(service.calls('POST /api/v1/auth/mfa')[0]!.body).to.deep.equal({ mfaToken: 'mfa-1', code: '123456' });
  });

  it('uses a recovery code, and shows a wrong code as an error', async () => {
    let tries = 0;
    const service = signedOutService()
      .on('POST /api/v1/auth/login', () => challenge(['totp', 'recovery_code']))
      .on('POST /api/v1/auth/mfa', () => (++tries === 1 ? problem(401, 'mfa_code_invalid', 'Wrong.') : json(200, signIn())));
    const login = await loginWith(service);
    await signInWithPassword(login);
    await waitUntil(() => login.shadowRoot!.querySelector('#step-code'));
    button(login, 'Use a recovery code').click();
    await login.updateComplete;
    expect($(login, 'label[for="step-code"]').textContent!.trim()).to.equal('Recovery code');
    type(login, '#step-code', 'abcd-efgh-jkmn');
    $<HTMLButtonElement>(login, '[part="submit-button"]').click();
    await waitUntil(() => login.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('not right'));
    expect($(login, '#step-code').getAttribute('aria-invalid')).to.equal('true');
    const succeeded = oneEvent(login, 'portal-login-succeeded');
    $<HTMLButtonElement>(login, '[part="submit-button"]').click();
    await succeeded;
    expect(service.calls('POST /api/v1/auth/mfa')[1]!.body).to.deep.equal({ mfaToken: 'mfa-1', recoveryCode: 'abcd-efgh-jkmn' });
  });

  it('uses a passkey as the second factor', async () => {
    const { calls, credentials } = fakeCredentials({ id: 'cred_1', response: { signature: 'c2ln' } });
    const service = signedOutService()
      .on('POST /api/v1/auth/login', () => challenge(['passkey', 'recovery_code']))
      .on('POST /api/v1/auth/mfa/passkey/options', () => json(200, { options: requestOptions }))
      .on('POST /api/v1/auth/mfa', () => json(200, signIn()));
    const login = await loginWith(service, { credentials });
    await signInWithPassword(login);
    await waitUntil(() => heading(login) === 'Two-step verification');
    const succeeded = oneEvent(login, 'portal-login-succeeded');
    button(login, 'Use a passkey').click();
    await succeeded;
    expect(calls.get).to.have.length(1);
    expect(service.calls('POST /api/v1/auth/mfa')[0]!.body).to.deep.equal({ mfaToken: 'mfa-1', credential: { id: 'cred_1', response: { signature: 'c2ln' } } });
  });

  it('sets up an authenticator app when the firm requires one, then shows the recovery codes before signing in', async () => {
    const service = signedOutService()
      .on('POST /api/v1/auth/login', () => json(200, { enrollmentRequired: true, mfaToken: 'enrol-1' }))
      .on('POST /api/v1/auth/two-factor/totp/setup', () => json(200, setup))
      .on('POST /api/v1/auth/two-factor/totp/confirm', () => json(200, { recoveryCodes: codes, signIn: signIn() }));
    const login = await loginWith(service, { width: '375px' });
    await signInWithPassword(login);
    await waitUntil(() => heading(login) === 'Set up two-step verification');
    await expect(login).to.be.accessible();
    button(login, 'Use an authenticator app').click();
    await waitUntil(() => login.shadowRoot!.querySelector('[part="qr-code"]'), 'the QR code shows');
    expect($(login, '[part="secret"]').textContent).to.equal('JBSW Y3DP EHPK 3PXP JBSW');
    expect(overflowing(login)).to.deep.equal([]);
    await expect(login).to.be.accessible();
    type(login, '#step-code', '654321');
    $<HTMLButtonElement>(login, '[part="submit-button"]').click();
    await waitUntil(() => login.shadowRoot!.querySelector('[part="code-list"]'), 'the recovery codes show');
    expect(heading(login)).to.equal('Save your recovery codes');
    expect([...login.shadowRoot!.querySelectorAll('[part="code-list"] code')].map((c) => c.textContent)).to.deep.equal(codes);
    expect(login.client!.contact).to.equal(undefined, 'the portal opens only once the codes are saved');
    await expect(login).to.be.accessible();
    const succeeded = oneEvent(login, 'portal-login-succeeded');
    button(login, 'I have saved them: continue').click();
    await succeeded;
    expect(login.client!.contact?.id).to.equal('con_1');
    expect(service.calls('POST /api/v1/auth/two-factor/totp/confirm')[0]!.body).to.deep.equal({ code: '654321', mfaToken: 'enrol-1' });
  });

  it('sets up a passkey when the firm requires a second factor', async () => {
    const { calls, credentials } = fakeCredentials({ id: 'new_cred', response: { attestationObject: 'YXR0' } });
    const service = signedOutService()
      .on('POST /api/v1/auth/login', () => json(200, { enrollmentRequired: true, mfaToken: 'enrol-1' }))
      .on('POST /api/v1/auth/two-factor/passkeys/options', () => json(200, { options: creationOptions }))
      .on('POST /api/v1/auth/two-factor/passkeys', () =>
        json(201, { passkey: { id: 'cpk_1', name: 'Passkey', createdAt: '2026-03-02T15:00:00Z', lastUsedAt: null }, recoveryCodes: codes, signIn: signIn() }),
      );
    const login = await loginWith(service, { credentials });
    await signInWithPassword(login);
    await waitUntil(() => heading(login) === 'Set up two-step verification');
    button(login, 'Use a passkey').click();
    await waitUntil(() => login.shadowRoot!.querySelector('[part="code-list"]'));
    expect(calls.create).to.have.length(1);
    expect(service.calls('POST /api/v1/auth/two-factor/passkeys')[0]!.body).to.deep.equal({
      credential: { id: 'new_cred', response: { attestationObject: 'YXR0' } },
      mfaToken: 'enrol-1',
    });
  });

  it('signs in with a passkey alone from the first screen when the firm turned two-step verification on', async () => {
    const { credentials } = fakeCredentials({ id: 'cred_1', response: { signature: 'c2ln' } });
    const service = signedOutService()
      .on('POST /api/v1/auth/passkey/options', () => json(200, { options: requestOptions }))
      .on('POST /api/v1/auth/passkey/verify', () => json(200, signIn()));
    fixtureCleanup();
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    // The firm's branding, as a <portal-session> around the login provides it.
    const firm = new ContextProvider(page, { context: brandingContext, initialValue: { ...branding, clientTwoFactor: 'off' } });
    const login = await loginWith(service, { credentials, page });
    expect(login.shadowRoot!.querySelector('[part~="passkey-button"]'), 'not offered without the firm’s setting').to.equal(null);
    firm.setValue({ ...branding, clientTwoFactor: 'optional' });
    await login.updateComplete;
    const succeeded = oneEvent(login, 'portal-login-succeeded');
    button(login, 'Sign in with a passkey').click();
    const event = await succeeded;
    expect(event.detail.mode).to.equal('passkey');
    expect(service.calls('POST /api/v1/auth/passkey/options')[0]!.body).to.deep.equal({ firm: 'demo' });
  });

  it('says so when the passkey is not used, and when the step expired', async () => {
    const { credentials } = fakeCredentials(new DOMException('Not allowed.', 'NotAllowedError'));
    const service = signedOutService()
      .on('POST /api/v1/auth/login', () => challenge(['passkey', 'totp']))
      .on('POST /api/v1/auth/mfa/passkey/options', () => json(200, { options: requestOptions }))
      .on('POST /api/v1/auth/mfa', () => problem(401, 'mfa_token_invalid', 'Expired.'));
    const login = await loginWith(service, { credentials });
    await signInWithPassword(login);
    await waitUntil(() => heading(login) === 'Two-step verification');
    button(login, 'Use a passkey').click();
    await waitUntil(() => login.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('passkey was not used'));
    button(login, 'Use your authenticator app').click();
    await login.updateComplete;
    type(login, '#step-code', '123456');
    $<HTMLButtonElement>(login, '[part="submit-button"]').click();
    await waitUntil(() => login.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('expired'));
    button(login, 'Back to sign in').click();
    await waitUntil(() => login.shadowRoot!.querySelector('#password'), 'back on the first screen');
  });

  it('speaks Spanish', async () => {
    const service = signedOutService().on('POST /api/v1/auth/login', () => challenge(['totp', 'recovery_code']));
    const login = await loginWith(service, { lang: 'es' });
    // Every heading shown on the way, not only the last: the step's words must not read English for a moment.
    const headings: string[] = [];
    const observer = new MutationObserver(() => {
      const shown = heading(login);
      if (headings.at(-1) !== shown) headings.push(shown);
    });
    observer.observe(login.shadowRoot!, { subtree: true, childList: true, characterData: true });
    await signInWithPassword(login);
    await waitUntil(() => login.shadowRoot!.querySelector('#step-code'), 'the second step shows');
    await login.updateComplete;
    observer.disconnect();
    expect(headings.at(-1)).to.equal('Verificación en dos pasos');
    expect(headings).not.to.include('Two-step verification');
    expect(button(login, 'Usar un código de recuperación')).to.exist;
  });
});
