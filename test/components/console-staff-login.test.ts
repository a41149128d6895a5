import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import type { PortalStaffLogin } from '../../components/console/staff-login/staff-login.ts';
import '../../components/console/staff-login/define.ts';
import type { PasskeyCredentials } from '../../components/console/staff-login/two-factor.ts';
import { $, consoleClientFor, part, staffSignedOutService, staffSignIn, text } from './console-fixtures.ts';
import { json, problem, type FakeService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';

const requestOptions = { challenge: 'Y2hhbGxlbmdlLTE', rpId: 'localhost', allowCredentials: [], userVerification: 'preferred' };
const creationOptions = {
  challenge: 'Y2hhbGxlbmdlLTI',
  rp: { name: 'Hale & Whitmore LLP', id: 'localhost' },
  user: { id: 'c3RmX293bmVy', name: 'owner@example.com', displayName: 'Margaret Hale' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
};
const setup = {
  secret: 'JBSWY3DPEHPK3PXPJBSW',
  otpauthUri: 'otpauth://totp/Demo:owner@example.com?secret=JBSWY3DPEHPK3PXPJBSW',
  qrCode: { size: 21, path: 'M0 0h7v7H0z' },
};
const codes = ['abcd-efgh', 'ijkl-mnop', 'qrst-uvwx'];

/** A test-owned stand-in for `navigator.credentials`: records each call, answers with a credential whose `toJSON()` is `answer`. */
function fakeCredentials(answer: Record<string, unknown> | DOMException = { id: 'cred_1', type: 'public-key' }) {
  const calls = { get: [] as CredentialRequestOptions[], create: [] as CredentialCreationOptions[] };
  const respond = async () => {
    if (answer instanceof DOMException) throw answer;
    return { id: 'cred_1', type: 'public-key', toJSON: () => answer } as unknown as Credential;
  };
  const credentials: PasskeyCredentials = {
    get: (options) => {
      calls.get.push(options);
      return respond();
    },
    create: (options) => {
      calls.create.push(options);
      return respond();
    },
  };
  return { calls, credentials };
}

async function loginWith(
  service: FakeService,
  { lang = 'en', credentials }: { lang?: string; credentials?: PasskeyCredentials } = {},
): Promise<PortalStaffLogin> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}></div>`);
  const login = document.createElement('portal-staff-login');
  login.client = consoleClientFor(service);
  login.firmName = 'Hale & Whitmore LLP';
  if (credentials) login.credentials = credentials;
  wrapper.append(login);
  await login.updateComplete;
  return login;
}

function type(login: PortalStaffLogin, field: string, value: string): void {
  const input = $<HTMLInputElement>(login, `#${field}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

async function submit(login: PortalStaffLogin): Promise<void> {
  part<HTMLButtonElement>(login, 'submit-button')!.click();
  await login.updateComplete;
}

async function signInWithPassword(login: PortalStaffLogin): Promise<void> {
  type(login, 'email', 'owner@example.com');
  type(login, 'password', 'correct horse battery');
  await submit(login);
}

const challenge = (methods: string[]) => json(200, { mfaRequired: true, mfaToken: 'mfa-1', methods });

describe('<portal-staff-login>', () => {
  afterEach(() => {
    window.history.replaceState(null, '', window.location.pathname);
  });

  it('is accessible, with labelled email and password fields', async () => {
    const login = await loginWith(staffSignedOutService());
    await expect(login).to.be.accessible();
    expect(text(part(login, 'heading'))).to.equal('Sign in to Hale & Whitmore LLP');
    expect($<HTMLInputElement>(login, '#email').autocomplete).to.equal('email');
    expect($<HTMLInputElement>(login, '#password').autocomplete).to.equal('current-password');
    expect($<HTMLInputElement>(login, '#email').labels![0]!.textContent!.trim()).to.equal('Email address');
  });

  it("shows before the firm's name is known, keeping it a line of its own, so the fields do not move when it arrives", async () => {
    // A phone's width, where "Sign in to Hale & Whitmore LLP" takes more than one line.
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 22rem"></div>`);
    const login = document.createElement('portal-staff-login');
    login.client = consoleClientFor(staffSignedOutService());
    wrapper.append(login);
    await login.updateComplete;
    expect(text(part(login, 'heading'))).to.equal('Staff sign-in');
    await expect(login).to.be.accessible();
    const fieldTop = () => $(login, '#email').getBoundingClientRect().top;
    const before = fieldTop();
    login.firmName = 'Hale & Whitmore LLP';
    await login.updateComplete;
    expect(text(part(login, 'heading'))).to.equal('Sign in to Hale & Whitmore LLP');
    expect(fieldTop(), 'the fields stayed where they were').to.equal(before);
  });

  it('checks the fields before sending, and focuses the first problem', async () => {
    const service = staffSignedOutService();
    const login = await loginWith(service);
    await submit(login);
    expect(text($(login, '#email-error'))).to.equal('Enter your email address.');
    expect(text($(login, '#password-error'))).to.equal('Enter your password.');
    await waitUntil(() => login.shadowRoot!.activeElement === $(login, '#email'));
    expect(service.calls('POST /api/v1/staff/auth/login')).to.have.length(0);
  });

  it('signs in with a password alone when no second factor is asked for', async () => {
    const service = staffSignedOutService().on('POST /api/v1/staff/auth/login', () => json(200, staffSignIn('admin')));
    const login = await loginWith(service);
    const succeeded = oneEvent(login, 'portal-staff-login-succeeded');
    await signInWithPassword(login);
    const event = await succeeded;
    expect(event.detail.method).to.equal('password');
    expect(event.detail.staff.role).to.equal('admin');
    expect(service.calls('POST /api/v1/staff/auth/login')[0]!.body).to.deep.equal({
      firm: 'demo',
      email: 'owner@example.com',
      password: 'correct horse battery',
    });
    expect(login.client!.staff?.id).to.equal('stf_admin');
  });

  it('says when the password is wrong, and how long to wait when rate-limited', async () => {
    const service = staffSignedOutService().on('POST /api/v1/staff/auth/login', () => problem(401, 'invalid_credentials', 'Wrong.'));
    const login = await loginWith(service);
    await signInWithPassword(login);
    await waitUntil(() => text(part(login, 'alert')) !== '');
    expect(text(part(login, 'alert'))).to.equal('The email or password is incorrect.');

    service.on('POST /api/v1/staff/auth/login', () => problem(429, 'rate_limited', 'Slow down.', {}, { 'Retry-After': '120' }));
    type(login, 'password', 'another password');
    await submit(login);
    await waitUntil(() => text(part(login, 'alert')).startsWith('Too many attempts'));
    expect(text(part(login, 'alert'))).to.match(/wait 2 minutes/);
  });

  it('asks for the authenticator code, shows a wrong one next to the field, and signs in with the right one', async () => {
    const service = staffSignedOutService()
      .on('POST /api/v1/staff/auth/login', () => challenge(['totp', 'passkey', 'recovery_code']))
      .on('POST /api/v1/staff/auth/mfa', ({ body }) =>
        (body as { code: string }).code === '123456' ? json(200, staffSignIn('owner')) : problem(400, 'mfa_code_invalid', 'Wrong code.'),
      );
    const login = await loginWith(service);
    await signInWithPassword(login);
    await waitUntil(() => login.currentStep === 'code');
    const code = $<HTMLInputElement>(login, '#code');
    expect(code.inputMode).to.equal('numeric');
    expect(code.autocomplete).to.equal('one-time-code');
    expect(text(part(login, 'passkey-button'))).to.equal('Use a passkey');
    await waitUntil(() => login.shadowRoot!.activeElement === part(login, 'heading'), 'focus did not move to the heading');
    await expect(login).to.be.accessible();

    type(login, 'code', '12345');
    await submit(login);
    expect(text($(login, '#code-error'))).to.equal('The code is 6 digits.');
    expect(service.calls('POST /api/v1/staff/auth/mfa')).to.have.length(0);

    type(login, 'code', '654321');
    await submit(login);
    await waitUntil(() => $(login, '#code-error'));
    expect(text($(login, '#code-error'))).to.equal('That code is not right. Check it and try again.');

    const succeeded = oneEvent(login, 'portal-staff-login-succeeded');
    type(login, 'code', '123 456');
    await submit(login);
    expect((await succeeded).detail.method).to.equal('totp');
    expect(service.calls('POST /api/v1/staff/auth/mfa')[1]!.body).to.deep.equal({ mfaToken: 'mfa-1', code: '123456' });
  });

  it('takes a recovery code instead', async () => {
    const service = staffSignedOutService()
      .on('POST /api/v1/staff/auth/login', () => challenge(['totp', 'recovery_code']))
      .on('POST /api/v1/staff/auth/mfa', () => json(200, staffSignIn('staff')));
    const login = await loginWith(service);
    await signInWithPassword(login);
    await waitUntil(() => login.currentStep === 'code');
    [...login.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="link"]')].find((link) => text(link) === 'Use a recovery code')!.click();
    await login.updateComplete;
    expect(text(part(login, 'heading'))).to.equal('Use a recovery code');
    expect($<HTMLInputElement>(login, '#code').inputMode).to.equal('');
    const succeeded = oneEvent(login, 'portal-staff-login-succeeded');
    type(login, 'code', 'abcd-efgh');
    await submit(login);
    expect((await succeeded).detail.method).to.equal('recovery_code');
    expect(service.calls('POST /api/v1/staff/auth/mfa')[0]!.body).to.deep.equal({ mfaToken: 'mfa-1', code: 'abcdefgh' });
  });

  it('signs in with a passkey through navigator.credentials.get', async () => {
    const { calls, credentials } = fakeCredentials({ id: 'cred_1', response: { signature: 'c2ln' } });
    const service = staffSignedOutService()
      .on('POST /api/v1/staff/auth/login', () => challenge(['passkey']))
      .on('POST /api/v1/staff/auth/mfa/passkey/options', () => json(200, { options: requestOptions }))
      .on('POST /api/v1/staff/auth/mfa/passkey', () => json(200, staffSignIn('owner')));
    const login = await loginWith(service, { credentials });
    await signInWithPassword(login);
    await waitUntil(() => login.currentStep === 'code');
    expect(login.shadowRoot!.querySelector('#code') === null, 'no code field for a passkey alone').to.equal(true);
    const succeeded = oneEvent(login, 'portal-staff-login-succeeded');
    part<HTMLButtonElement>(login, 'passkey-button')!.click();
    expect((await succeeded).detail.method).to.equal('passkey');
    expect(service.calls('POST /api/v1/staff/auth/mfa/passkey/options')[0]!.body).to.deep.equal({ mfaToken: 'mfa-1' });
    const challengeBytes = new Uint8Array(calls.get[0]!.publicKey!.challenge as ArrayBuffer);
    expect(new TextDecoder().decode(challengeBytes)).to.equal('challenge-1');
    expect(service.calls('POST /api/v1/staff/auth/mfa/passkey')[0]!.body).to.deep.equal({
      mfaToken: 'mfa-1',
      credential: { id: 'cred_1', response: { signature: 'c2ln' } },
    });
  });

  it('says so when the passkey prompt is dismissed', async () => {
    const { credentials } = fakeCredentials(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'));
    const service = staffSignedOutService()
      .on('POST /api/v1/staff/auth/login', () => challenge(['passkey', 'recovery_code']))
      .on('POST /api/v1/staff/auth/mfa/passkey/options', () => json(200, { options: requestOptions }));
    const login = await loginWith(service, { credentials });
    await signInWithPassword(login);
    await waitUntil(() => login.currentStep === 'code');
    part<HTMLButtonElement>(login, 'passkey-button')!.click();
    await waitUntil(() => text(part(login, 'alert')) !== '');
    expect(text(part(login, 'alert'))).to.equal('The passkey was not used. Try again, or use another way.');
    expect(service.calls('POST /api/v1/staff/auth/mfa/passkey')).to.have.length(0);
  });

  it('sets up an authenticator app when the firm requires one, shows the recovery codes once, then continues', async () => {
    const service = staffSignedOutService()
      .on('POST /api/v1/staff/auth/login', () => json(200, { enrollmentRequired: true, mfaToken: 'enrol-1' }))
      .on('POST /api/v1/staff/auth/totp/setup', () => json(200, setup))
      .on('POST /api/v1/staff/auth/totp/confirm', () => json(200, { recoveryCodes: codes, signIn: staffSignIn('staff') }));
    const login = await loginWith(service);
    await signInWithPassword(login);
    await waitUntil(() => login.currentStep === 'enrol');
    await expect(login).to.be.accessible();
    $<HTMLButtonElement>(login, '[data-method="totp"]').click();
    await waitUntil(() => part(login, 'qr-code'), 'the QR code did not show');
    const qr = part<SVGSVGElement>(login, 'qr-code')!;
    expect(qr.getAttribute('viewBox')).to.equal('0 0 21 21');
    expect(qr.querySelector('path')!.getAttribute('d')).to.equal('M0 0h7v7H0z');
    expect(qr.getAttribute('aria-label')).to.equal('QR code for your authenticator app');
    expect(text(part(login, 'secret'))).to.equal('JBSW Y3DP EHPK 3PXP JBSW');
    expect(service.calls('POST /api/v1/staff/auth/totp/setup')[0]!.body).to.deep.equal({ mfaToken: 'enrol-1' });
    expect(service.calls('POST /api/v1/staff/auth/totp/setup')[0]!.headers.get('authorization')).to.equal(null);
    await expect(login).to.be.accessible();

    type(login, 'code', '000111');
    await submit(login);
    await waitUntil(() => login.currentStep === 'recovery-codes');
    expect(service.calls('POST /api/v1/staff/auth/totp/confirm')[0]!.body).to.deep.equal({ code: '000111', mfaToken: 'enrol-1' });
    expect(login.holdsSignIn).to.equal(true);
    expect([...login.shadowRoot!.querySelectorAll('[part="code-list"] code')].map(text)).to.deep.equal(codes);
    expect(part(login, 'copy-button')).to.exist;
    expect(part(login, 'download-button')).to.exist;
    await expect(login).to.be.accessible();

    const succeeded = oneEvent(login, 'portal-staff-login-succeeded');
    part<HTMLButtonElement>(login, 'continue-button')!.click();
    expect((await succeeded).detail.method).to.equal('enrolment');
    expect(login.holdsSignIn).to.equal(false);
  });

  it('downloads the recovery codes as a text file', async () => {
    const service = staffSignedOutService()
      .on('POST /api/v1/staff/auth/login', () => json(200, { enrollmentRequired: true, mfaToken: 'enrol-1' }))
      .on('POST /api/v1/staff/auth/totp/setup', () => json(200, setup))
      .on('POST /api/v1/staff/auth/totp/confirm', () => json(200, { recoveryCodes: codes, signIn: staffSignIn('staff') }));
    const login = await loginWith(service);
    await signInWithPassword(login);
    await waitUntil(() => login.currentStep === 'enrol');
    $<HTMLButtonElement>(login, '[data-method="totp"]').click();
    await waitUntil(() => part(login, 'qr-code'));
    type(login, 'code', '000111');
    await submit(login);
    await waitUntil(() => login.currentStep === 'recovery-codes');
    // The download goes through an <a download> the element adds to the page: catch its click.
    let saved: { name: string; href: string } | undefined;
    const onClick = (event: MouseEvent) => {
      const link = event.target as HTMLAnchorElement;
      if (link.download) {
        event.preventDefault();
        saved = { name: link.download, href: link.href };
      }
    };
    document.addEventListener('click', onClick, true);
    try {
      part<HTMLButtonElement>(login, 'download-button')!.click();
    } finally {
      document.removeEventListener('click', onClick, true);
    }
    expect(saved?.name).to.equal('hale-whitmore-llp-recovery-codes.txt');
    const body = await (await fetch(saved!.href)).text();
    expect(body).to.include('abcd-efgh\nijkl-mnop\nqrst-uvwx');
    await waitUntil(() => text(part(login, 'notice')) === 'Recovery codes downloaded.');
  });

  it('sets up a passkey at sign-in through navigator.credentials.create', async () => {
    const { calls, credentials } = fakeCredentials({ id: 'new_cred', response: { attestationObject: 'YXR0' } });
    const service = staffSignedOutService()
      .on('POST /api/v1/staff/auth/login', () => json(200, { enrollmentRequired: true, mfaToken: 'enrol-2' }))
      .on('POST /api/v1/staff/auth/passkeys/options', () => json(200, { options: creationOptions }))
      .on('POST /api/v1/staff/auth/passkeys', () =>
        json(201, { passkey: { id: 'pk_1', name: 'Passkey', createdAt: '2026-12-01T10:00:00.000Z' }, recoveryCodes: codes, signIn: staffSignIn('owner') }),
      );
    const login = await loginWith(service, { credentials });
    await signInWithPassword(login);
    await waitUntil(() => login.currentStep === 'enrol');
    $<HTMLButtonElement>(login, '[data-method="passkey"]').click();
    await waitUntil(() => login.currentStep === 'recovery-codes');
    expect(calls.create).to.have.length(1);
    expect(calls.create[0]!.publicKey!.rp.name).to.equal('Hale & Whitmore LLP');
    expect(service.calls('POST /api/v1/staff/auth/passkeys')[0]!.body).to.deep.equal({
      credential: { id: 'new_cred', response: { attestationObject: 'YXR0' } },
      mfaToken: 'enrol-2',
    });
    expect(login.client!.staff?.id).to.equal('stf_owner');
  });

  it('creates a password from an invitation link, then removes the token from the address', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?invitation=inv-token&keep=1`);
    const service = staffSignedOutService().on('POST /api/v1/staff/auth/invitations/accept', () => challenge(['totp']));
    const login = await loginWith(service);
    expect(login.currentStep).to.equal('invitation');
    expect(text(part(login, 'heading'))).to.equal('Create your password');
    expect($<HTMLInputElement>(login, '#password').autocomplete).to.equal('new-password');
    await expect(login).to.be.accessible();

    type(login, 'password', 'short');
    type(login, 'confirm', 'other');
    await submit(login);
    expect(text($(login, '#password-error'))).to.equal('Use at least 10 characters.');
    expect(text($(login, '#confirm-error'))).to.equal('The passwords do not match.');

    type(login, 'password', 'a long new password');
    type(login, 'confirm', 'a long new password');
    await submit(login);
    await waitUntil(() => login.currentStep === 'code');
    expect(service.calls('POST /api/v1/staff/auth/invitations/accept')[0]!.body).to.deep.equal({ token: 'inv-token', password: 'a long new password' });
    expect(window.location.search).to.equal('?keep=1');
  });

  it('says clearly when an invitation was used or has expired', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?invitation=old-token`);
    const service = staffSignedOutService().on('POST /api/v1/staff/auth/invitations/accept', () => problem(400, 'invitation_invalid', 'Used.'));
    const login = await loginWith(service);
    type(login, 'password', 'a long new password');
    type(login, 'confirm', 'a long new password');
    await submit(login);
    await waitUntil(() => text(part(login, 'alert')) !== '');
    expect(text(part(login, 'alert'))).to.include('has been used or has expired');
    expect(login.currentStep).to.equal('password');
    expect(window.location.search).to.equal('');
  });

  it('shows a field the service names next to it', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?invitation=tok`);
    const service = staffSignedOutService().on('POST /api/v1/staff/auth/invitations/accept', () =>
      problem(422, 'validation_failed', 'Invalid.', { errors: [{ field: 'password', message: 'Too common.' }] }),
    );
    const login = await loginWith(service);
    type(login, 'password', 'password123');
    type(login, 'confirm', 'password123');
    await submit(login);
    await waitUntil(() => $(login, '#password-error'));
    expect(text($(login, '#password-error'))).to.equal('Too common.');
    expect(text(part(login, 'alert'))).to.equal('Please correct the highlighted fields.');
  });

  it('speaks Spanish inside lang="es"', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const login = await loginWith(staffSignedOutService(), { lang: 'es' });
    await waitUntil(() => text(part(login, 'heading')) === 'Iniciar sesión en Hale & Whitmore LLP');
    expect(text(part(login, 'submit-button'))).to.equal('Iniciar sesión');
  });

  it('takes its tokens from the page, and fits a 375 px screen', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 375px; --portal-login-background: rgb(1, 2, 3)"></div>`);
    const login = document.createElement('portal-staff-login');
    login.client = consoleClientFor(staffSignedOutService());
    wrapper.append(login);
    await login.updateComplete;
    const base = part(login, 'base')!;
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    expect(login.getBoundingClientRect().width).to.be.at.most(375);
  });
});
