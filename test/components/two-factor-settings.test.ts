import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient } from '../../components/index.ts';
import type { PasskeyCredentials } from '../../components/base/passkeys.ts';
import type { PortalTwoFactorSettings } from '../../components/profile/two-factor-settings.ts';
import '../../components/profile/two-factor-settings-define.ts';
import { json, problem, type FakeService } from './fake-service.ts';
import { overflowing } from './layout-fit.ts';
import { describe, it } from './mocha.ts';
import { signedInService } from './portal-fixtures.ts';

const passkey = { id: 'cpk_1', name: 'Phone', createdAt: '2026-03-02T15:00:00Z', lastUsedAt: null };
const setup = {
  secret: 'JBSWY3DPEHPK3PXPJBSW',
  otpauthUri: 'otpauth://totp/Demo:alex@example.com?secret=JBSWY3DPEHPK3PXPJBSW',
  qrCode: { size: 21, path: 'M0 0h7v7H0z' },
};
const codes = ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2'];
const creationOptions = {
  challenge: 'Y2hhbGxlbmdlLTI',
  rp: { name: 'Hale & Whitmore LLP', id: 'localhost' },
  user: { id: 'Y29uXzE', name: 'alex@example.com', displayName: 'Alex Rivera' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
};

type Factors = { setting: 'off' | 'optional' | 'required'; totp: { enabledAt: string } | null; passkeys: (typeof passkey)[]; recoveryCodesLeft: number };

function factorsService(factors: () => Factors): FakeService {
  return signedInService().on('GET /api/v1/auth/two-factor', () => json(200, factors()));
}

const credentials: PasskeyCredentials = {
  get: async () => null,
  create: async () => ({ id: 'new', type: 'public-key', toJSON: () => ({ id: 'new', response: {} }) }) as unknown as Credential,
};

async function settingsWith(service: FakeService, { lang = 'en', width = '40rem', style = '' } = {}): Promise<PortalTwoFactorSettings> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang} style="width: ${width}; ${style}"></div>`);
  const element = document.createElement('portal-two-factor-settings');
  element.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  element.credentials = credentials;
  wrapper.append(element);
  await waitUntil(() => element.shadowRoot!.querySelector('[part~="factor"], .muted, [part="error"]'), 'the factors load');
  await element.updateComplete;
  return element;
}

const part = (element: PortalTwoFactorSettings, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const button = (element: PortalTwoFactorSettings, label: string): HTMLButtonElement => {
  const found = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};
function type(element: PortalTwoFactorSettings, selector: string, value: string): void {
  const input = element.shadowRoot!.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

describe('<portal-two-factor-settings>', () => {
  it('lists the factors, is accessible, and fits a phone', async () => {
    const element = await settingsWith(
      factorsService(() => ({ setting: 'optional', totp: { enabledAt: '2026-03-01T10:00:00Z' }, passkeys: [passkey], recoveryCodesLeft: 7 })),
      {
        width: '375px',
      },
    );
    expect(element.shadowRoot!.textContent).to.contain('Authenticator app');
    expect(element.shadowRoot!.textContent).to.contain('Phone');
    expect(element.shadowRoot!.textContent).to.contain('Codes left: 7');
    expect(element.shadowRoot!.querySelector('[aria-label="Remove passkey Phone"]')).to.exist;
    await expect(element).to.be.accessible();
    expect(overflowing(element)).to.deep.equal([]);
  });

  it('says so, and offers nothing, when the firm has two-step verification off', async () => {
    const element = await settingsWith(factorsService(() => ({ setting: 'off', totp: null, passkeys: [], recoveryCodesLeft: 0 })));
    expect(element.shadowRoot!.textContent).to.contain('has not turned on two-step verification');
    expect(part(element, 'add-totp-button')).to.equal(null);
  });

  it('sets up the authenticator app, shows the recovery codes once and fires portal-two-factor-change', async () => {
    let on = false;
    const service = factorsService(() => ({
      setting: 'optional',
      totp: on ? { enabledAt: '2026-03-02T15:00:00Z' } : null,
      passkeys: [],
      recoveryCodesLeft: on ? 10 : 0,
    }))
      .on('POST /api/v1/auth/two-factor/totp/setup', () => json(200, setup))
      .on('POST /api/v1/auth/two-factor/totp/confirm', () => ((on = true), json(200, { recoveryCodes: codes })));
    const element = await settingsWith(service);
    button(element, 'Set up an authenticator app').click();
    await waitUntil(() => part(element, 'qr-code'), 'the QR code shows');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'totp-code', 'focus moves to the code');
    await expect(element).to.be.accessible();
    type(element, '#totp-code', '123456');
    const changed = oneEvent(element, 'portal-two-factor-change');
    button(element, 'Turn on').click();
    expect((await changed).detail.change).to.equal('totp-added');
    await waitUntil(() => part(element, 'code-list'));
    expect([...element.shadowRoot!.querySelectorAll('[part="code-list"] code')].map((c) => c.textContent)).to.deep.equal(codes);
    expect(service.calls('POST /api/v1/auth/two-factor/totp/confirm')[0]!.body).to.deep.equal({ code: '123456' });
    button(element, 'Done').click();
    await waitUntil(() => element.shadowRoot!.textContent!.includes('Codes left: 10'));
  });

  it('adds a passkey through the browser', async () => {
    const service = factorsService(() => ({ setting: 'optional', totp: null, passkeys: [], recoveryCodesLeft: 0 }))
      .on('POST /api/v1/auth/two-factor/passkeys/options', () => json(200, { options: creationOptions }))
      .on('POST /api/v1/auth/two-factor/passkeys', () => json(201, { passkey, recoveryCodes: codes }));
    const element = await settingsWith(service);
    const changed = oneEvent(element, 'portal-two-factor-change');
    button(element, 'Add a passkey').click();
    const event = await changed;
    expect(event.detail).to.deep.equal({ change: 'passkey-added', passkeyId: 'cpk_1' });
    await waitUntil(() => part(element, 'code-list'));
  });

  it('keeps the last factor when the firm requires one, with the service’s reason shown', async () => {
    const service = factorsService(() => ({ setting: 'required', totp: null, passkeys: [passkey], recoveryCodesLeft: 10 })).on(
      'DELETE /api/v1/auth/two-factor/passkeys/cpk_1',
      () => problem(409, 'second_factor_required', 'Keep one.'),
    );
    const element = await settingsWith(service);
    expect(element.shadowRoot!.textContent).to.contain('The firm requires two-step verification');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Remove passkey Phone"]')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('last way'));
  });

  it('replaces the recovery codes after asking for the password', async () => {
    const service = factorsService(() => ({ setting: 'optional', totp: { enabledAt: '2026-03-01T10:00:00Z' }, passkeys: [], recoveryCodesLeft: 2 })).on(
      'POST /api/v1/auth/two-factor/recovery-codes',
      (request) =>
        (request.body as { password: string }).password === 'right password'
          ? json(200, { recoveryCodes: codes })
          : problem(401, 'invalid_credentials', 'Wrong.'),
    );
    const element = await settingsWith(service);
    button(element, 'Get new recovery codes').click();
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'confirm-password');
    type(element, '#confirm-password', 'wrong');
    button(element, 'Get new codes').click();
    await waitUntil(() => element.shadowRoot!.querySelector('[role="alert"]')!.textContent!.includes('password is incorrect'));
    type(element, '#confirm-password', 'right password');
    const changed = oneEvent(element, 'portal-two-factor-change');
    button(element, 'Get new codes').click();
    expect((await changed).detail.change).to.equal('recovery-codes-replaced');
  });

  it('shows an error with a retry when the factors cannot be loaded, and follows the theme and Spanish', async () => {
    let fail = true;
    const service = signedInService().on('GET /api/v1/auth/two-factor', () =>
      fail ? problem(500, 'internal_error', 'Down.') : json(200, { setting: 'optional', totp: null, passkeys: [], recoveryCodesLeft: 0 }),
    );
    const element = await settingsWith(service, { lang: 'es', style: '--portal-two-factor-heading-color: rgb(200, 0, 0)' });
    expect(part(element, 'error')).to.exist;
    expect(getComputedStyle(part(element, 'heading')!).color).to.equal('rgb(200, 0, 0)');
    await waitUntil(() => part(element, 'heading')!.textContent === 'Verificación en dos pasos', 'the heading is in Spanish');
    fail = false;
    button(element, 'Volver a intentarlo').click();
    await waitUntil(() => part(element, 'add-totp-button'));
  });
});
