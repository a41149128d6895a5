import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/console/account/define.ts';
import type { StaffMe } from '../../components/console/api/types.ts';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import type { PasskeyCredentials } from '../../components/console/staff-login/two-factor.ts';
import { $, consoleClientFor, part, staffMe, staffSignedInService, text } from './console-fixtures.ts';
import { deferred, json, problem, type FakeService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';

const passkey = { id: 'pk_1', name: 'Work laptop', createdAt: '2026-11-02T10:00:00.000Z' };
const setup = { secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x', qrCode: { size: 21, path: 'M0 0h7v7H0z' } };
const creationOptions = {
  challenge: 'Y2hhbGxlbmdlLTI',
  rp: { name: 'Hale & Whitmore LLP', id: 'localhost' },
  user: { id: 'c3RmX293bmVy', name: 'owner@example.com', displayName: 'Margaret Hale' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
};

/** A service whose `me` answers the current second factors, which the test changes as the service would. */
function accountService(me: StaffMe = staffMe('owner')): { service: FakeService; state: { me: StaffMe } } {
  const state = { me };
  const service = staffSignedInService('owner').on('GET /api/v1/admin/staff/me', () => json(200, state.me));
  return { service, state };
}

async function accountWith(
  service: FakeService,
  { lang = 'en', width = '48rem', credentials }: { lang?: string; width?: string; credentials?: PasskeyCredentials } = {},
) {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang} style="width: ${width}"></div>`);
  const element = document.createElement('portal-console-account');
  element.client = consoleClientFor(service);
  await element.client.auth.refresh();
  if (credentials) element.credentials = credentials;
  wrapper.append(element);
  await waitUntil(() => part(element, 'details') || element.shadowRoot!.querySelector('.alert p'), 'the account did not load');
  return element;
}

const withFactors = (twoFactor: Partial<StaffMe['twoFactor']>): StaffMe => ({
  ...staffMe('owner'),
  twoFactor: { ...staffMe('owner').twoFactor, ...twoFactor },
});

describe('<portal-console-account>', () => {
  afterEach(() => fixtureCleanup());

  it('shows the staff member’s name, email, role and second factors, accessibly', async () => {
    const { service } = accountService(withFactors({ totp: true, passkeys: [passkey], recoveryCodesLeft: 7 }));
    const element = await accountWith(service);
    expect(text(part(element, 'details')))
      .to.include('Margaret Hale')
      .and.include('owner@example.com')
      .and.include('Owner');
    expect(text(part(element, 'passkey'))).to.include('Work laptop');
    expect(text(element.shadowRoot!.querySelector('.recovery-left'))).to.equal('7 of 10');
    expect($(element, '[data-action="remove-totp"]')).to.exist;
    await expect(element).to.be.accessible();
  });

  it('shows a placeholder while loading, and a failure with a retry', async () => {
    const answer = deferred<Response>();
    const { service } = accountService();
    service.on('GET /api/v1/admin/staff/me', () => answer.promise);
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const element = document.createElement('portal-console-account');
    element.client = consoleClientFor(service);
    await element.client.auth.refresh();
    wrapper.append(element);
    await waitUntil(() => part(element, 'skeleton'));
    expect(text(part(element, 'skeleton'))).to.equal('Loading your account…');
    answer.resolve(problem(503, 'unavailable', 'Down.'));
    await waitUntil(() => part(element, 'retry-button'));
    expect(text(element.shadowRoot!.querySelector('.alert[role="alert"] p:not(:empty)') ?? part(element, 'base'))).to.include('Something went wrong');
    service.on('GET /api/v1/admin/staff/me', () => json(200, staffMe('owner')));
    part<HTMLButtonElement>(element, 'retry-button')!.click();
    await waitUntil(() => part(element, 'details'));
  });

  it('sets up the authenticator app: QR code, a wrong code next to the field, then the recovery codes once', async () => {
    const { service, state } = accountService();
    service
      .on('POST /api/v1/staff/auth/totp/setup', () => json(200, setup))
      .on('POST /api/v1/staff/auth/totp/confirm', ({ body }) => {
        if ((body as { code: string }).code !== '123456') return problem(400, 'mfa_code_invalid', 'Wrong.');
        state.me = withFactors({ totp: true, recoveryCodesLeft: 10 });
        return json(200, { recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'] });
      });
    const element = await accountWith(service);
    $<HTMLButtonElement>(element, '[data-action="set-up-totp"]').click();
    await waitUntil(() => part(element, 'qr-code'));
    expect(text(part(element, 'secret'))).to.equal('JBSW Y3DP EHPK 3PXP');
    expect(service.calls('POST /api/v1/staff/auth/totp/setup')[0]!.headers.get('authorization')).to.equal('Bearer staff-access-1');
    expect(service.calls('POST /api/v1/staff/auth/totp/setup')[0]!.body).to.deep.equal({});
    await expect(element).to.be.accessible();

    const type = (value: string) => {
      const input = $<HTMLInputElement>(element, '#code');
      input.value = value;
      input.dispatchEvent(new InputEvent('input'));
    };
    type('999999');
    $<HTMLButtonElement>(element, '[data-action="confirm-totp"]').click();
    await waitUntil(() => $(element, '#code-error'));
    expect(text($(element, '#code-error'))).to.equal('That code is not right. Check it and try again.');

    const changed = oneEvent(element, 'portal-console-account-change');
    type('123456');
    $<HTMLButtonElement>(element, '[data-action="confirm-totp"]').click();
    expect((await changed).detail.change).to.equal('totp-added');
    await waitUntil(() => part(element, 'recovery-codes'));
    expect([...element.shadowRoot!.querySelectorAll('[part="code-list"] code')].map(text)).to.deep.equal(['aaaa-bbbb', 'cccc-dddd']);
    await waitUntil(() => text(part(element, 'notice')) === 'The authenticator app is set up.');
    await waitUntil(() => $(element, '[data-action="remove-totp"]'), 'the account did not reload');
  });

  it('asks before removing the authenticator app, and keeps it when cancelled', async () => {
    const { service, state } = accountService(withFactors({ totp: true, recoveryCodesLeft: 10 }));
    service.on('DELETE /api/v1/staff/auth/totp', () => {
      state.me = withFactors({ totp: false });
      return new Response(null, { status: 204 });
    });
    const element = await accountWith(service);
    $<HTMLButtonElement>(element, '[data-action="remove-totp"]').click();
    await waitUntil(() => part<HTMLDialogElement>(element, 'confirm-dialog')?.open);
    expect(element.shadowRoot!.activeElement === part(element, 'cancel-button'), 'the safe choice has focus').to.equal(true);
    part<HTMLButtonElement>(element, 'cancel-button')!.click();
    await element.updateComplete;
    expect(service.calls('DELETE /api/v1/staff/auth/totp')).to.have.length(0);

    $<HTMLButtonElement>(element, '[data-action="remove-totp"]').click();
    await waitUntil(() => part<HTMLDialogElement>(element, 'confirm-dialog')?.open);
    part<HTMLButtonElement>(element, 'confirm-button')!.click();
    await waitUntil(() => text(part(element, 'notice')) === 'The authenticator app was removed.');
    expect(service.calls('DELETE /api/v1/staff/auth/totp')).to.have.length(1);
    await waitUntil(() => $(element, '[data-action="set-up-totp"]'));
  });

  it('shows the service’s refusal to remove the last second factor', async () => {
    const { service } = accountService(withFactors({ passkeys: [passkey] }));
    service.on('DELETE /api/v1/staff/auth/passkeys/pk_1', () =>
      problem(400, 'second_factor_required', 'The firm requires a second factor: the last one cannot be removed.'),
    );
    const element = await accountWith(service);
    $<HTMLButtonElement>(element, '[data-action="remove-passkey"]').click();
    await waitUntil(() => part<HTMLDialogElement>(element, 'confirm-dialog')?.open);
    expect(text(element.shadowRoot!.querySelector('#confirm-body'))).to.include('Work laptop');
    part<HTMLButtonElement>(element, 'confirm-button')!.click();
    await waitUntil(() => text(part(element, 'alert')) !== '');
    expect(text(part(element, 'alert'))).to.equal('The firm requires a second factor: the last one cannot be removed.');
  });

  it('adds a passkey through navigator.credentials.create, with its name', async () => {
    const created: CredentialCreationOptions[] = [];
    const credentials: PasskeyCredentials = {
      get: async () => null,
      create: async (options) => {
        created.push(options);
        return { id: 'new', toJSON: () => ({ id: 'new', response: {} }) } as unknown as Credential;
      },
    };
    const { service, state } = accountService();
    service
      .on('POST /api/v1/staff/auth/passkeys/options', () => json(200, { options: creationOptions }))
      .on('POST /api/v1/staff/auth/passkeys', () => {
        state.me = withFactors({ passkeys: [{ ...passkey, id: 'pk_2', name: 'Desk key' }] });
        return json(201, { passkey: { ...passkey, id: 'pk_2', name: 'Desk key' } });
      });
    const element = await accountWith(service, { credentials });
    const input = $<HTMLInputElement>(element, '#name');
    input.value = 'Desk key';
    input.dispatchEvent(new InputEvent('input'));
    const changed = oneEvent(element, 'portal-console-account-change');
    $<HTMLButtonElement>(element, '[data-action="add-passkey"]').click();
    expect((await changed).detail.change).to.equal('passkey-added');
    expect(created).to.have.length(1);
    expect(service.calls('POST /api/v1/staff/auth/passkeys')[0]!.body).to.deep.equal({ credential: { id: 'new', response: {} }, name: 'Desk key' });
    await waitUntil(() => text(part(element, 'notice')) === 'Passkey Desk key added.');
    await waitUntil(() => text(part(element, 'passkey')).includes('Desk key'));
  });

  it('signs out', async () => {
    const { service } = accountService();
    const element = await accountWith(service);
    part<HTMLButtonElement>(element, 'sign-out-button')!.click();
    await waitUntil(() => element.client!.staff === undefined, 'the sign-in was not forgotten');
    expect(service.calls('POST /api/v1/staff/auth/logout')).to.have.length(1);
  });

  it('fits 375 px, takes its tokens from the page, and speaks Spanish', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const { service } = accountService(withFactors({ passkeys: [passkey] }));
    const element = await accountWith(service, { width: '375px', lang: 'es' });
    await waitUntil(() => text(part(element, 'heading')) === 'Su cuenta');
    expect(text(part(element, 'sign-out-button'))).to.equal('Cerrar sesión');
    const base = part(element, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    (element.parentElement as HTMLElement).style.setProperty('--portal-console-account-section-background', 'rgb(4, 5, 6)');
    expect(getComputedStyle(part(element, 'section')!).backgroundColor).to.equal('rgb(4, 5, 6)');
  });
});
