import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, type PortalProfile, type PortalProfileChangeEvent, type PortalSession } from '../../components/index.ts';
import '../../components/profile/define.ts';
import '../../components/session/define.ts';
import { json, problem, type FakeService, type RecordedRequest } from './fake-service.ts';
import { overflowing } from './layout-fit.ts';
import { describe, it } from './mocha.ts';
import { signedInService } from './portal-fixtures.ts';
import { profileMe, profileMethods } from './profile-fixtures.ts';

function profileService(me = profileMe()): FakeService {
  let current = me;
  const patched = (request: RecordedRequest) => {
    const body = request.body as { name?: string; locale?: 'en' | 'es' | null; notifications?: Partial<typeof me.profile.notifications> };
    current = {
      ...current,
      contact: { ...current.contact, ...(body.name ? { name: body.name } : {}), ...(body.locale !== undefined ? { locale: body.locale } : {}) },
      profile: { ...current.profile, notifications: { ...current.profile.notifications, ...body.notifications } },
    };
    return json(200, current);
  };
  return signedInService()
    .on('GET /api/v1/me', () => json(200, current))
    .on('PATCH /api/v1/me', patched)
    .on('GET /api/v1/payment-methods', () => json(200, { data: profileMethods() }));
}

const $ = <T extends Element = HTMLElement>(root: Element, selector: string): T => root.shadowRoot!.querySelector<T>(selector)!;
const has = (root: Element, selector: string) => root.shadowRoot!.querySelector(selector) !== null;
const part = (root: Element, name: string) => root.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const notice = (profile: PortalProfile) => text(part(profile, 'notice'));
const focused = (profile: PortalProfile) => profile.shadowRoot!.activeElement as HTMLElement | null;

function type(profile: PortalProfile, id: string, value: string): void {
  const input = $<HTMLInputElement>(profile, `#${id}`);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
function submit(profile: PortalProfile, action: string): void {
  $<HTMLButtonElement>(profile, `button[data-action="${action}"]`).closest('form')!.requestSubmit();
}

async function profileWith(service: FakeService, { width = '50rem', lang = 'en' } = {}): Promise<PortalProfile> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}" lang=${lang}></div>`);
  const profile = document.createElement('portal-profile');
  profile.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  wrapper.append(profile);
  await waitUntil(() => part(profile, 'base') || part(profile, 'error'), 'the profile did not load');
  await profile.updateComplete;
  return profile;
}

describe('<portal-profile>', () => {
  it('is accessible, and fits a 375 px phone in English and Spanish', async function () {
    let profile = await profileWith(profileService());
    await expect(profile).to.be.accessible();
    for (const lang of ['en', 'es']) {
      profile = await profileWith(profileService(), { width: '375px', lang });
      await waitUntil(() => lang === 'en' || text(part(profile, 'heading')) === 'Su perfil', 'the Spanish table did not arrive');
      await expect(profile).to.be.accessible();
      expect(overflowing(profile), lang).to.deep.equal([]);
    }
  });

  it('shows the client’s details, email choices and saved methods, the default marked', async () => {
    const profile = await profileWith(profileService());
    expect(text(part(profile, 'heading'))).to.equal('Your profile');
    expect($<HTMLInputElement>(profile, '#name').value).to.equal('Alex Rivera');
    expect($<HTMLSelectElement>(profile, '#locale').value).to.equal('');
    expect(text($(profile, '[data-email]'))).to.equal('alex@example.com');
    expect(text(part(profile, 'card-notifications'))).to.include(
      'Security emails (sign-in codes, password and email changes) and payment receipts are always sent.',
    );
    expect([...profile.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].map((box) => box.checked)).to.deep.equal([true, true]);
    const methods = [...profile.shadowRoot!.querySelectorAll('[part~="method"]')].map(text);
    expect(methods[0]).to.include('Visa ending in 4242').and.include('Make default');
    expect(methods[1]).to.include('Default').and.not.include('Make default');
  });

  it('saves the name and language, announces it, and fires portal-profile-change with the client as now', async () => {
    const service = profileService();
    const profile = await profileWith(service);
    type(profile, 'name', '  Alex M. Rivera ');
    const select = $<HTMLSelectElement>(profile, '#locale');
    select.value = 'es';
    select.dispatchEvent(new Event('change'));
    setTimeout(() => submit(profile, 'details'));
    const changed: PortalProfileChangeEvent = await oneEvent(profile, 'portal-profile-change');
    expect(service.calls('PATCH /api/v1/me')[0]!.body).to.deep.equal({ name: 'Alex M. Rivera', locale: 'es' });
    expect(changed.detail.change).to.equal('details');
    expect(changed.detail.contact).to.include({ name: 'Alex M. Rivera', locale: 'es' });
    expect(changed.bubbles && changed.composed).to.equal(true);
    await waitUntil(() => notice(profile) === 'Your name and language were saved.');
  });

  it('asks for a name before saving, and says so next to the field', async () => {
    const service = profileService();
    const profile = await profileWith(service);
    type(profile, 'name', '   ');
    submit(profile, 'details');
    await waitUntil(() => has(profile, '#name-error'));
    expect(text($(profile, '#name-error'))).to.equal('Enter your name.');
    expect($(profile, '#name').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => focused(profile)?.id === 'name', 'focus did not move to the field');
    expect(service.calls('PATCH /api/v1/me')).to.have.length(0);
  });

  it('changes the email: a code goes to the new address, a wrong code is said next to the field, the right one moves it', async () => {
    let tries = 0;
    const service = profileService()
      .on('POST /api/v1/me/email-change', (request) =>
        (request.body as { password: string }).password === 'correct horse battery'
          ? json(202, { email: 'alex.new@example.com', expiresAt: '2026-03-02T15:10:00.000Z' })
          : problem(400, 'password_incorrect', 'Your current password is not right.'),
      )
      .on('POST /api/v1/me/email-change/confirm', () =>
        ++tries === 1
          ? problem(400, 'email_change_invalid', 'That code is not right. You can try 4 more times.')
          : json(200, profileMe({ contact: { email: 'alex.new@example.com' } })),
      );
    const profile = await profileWith(service);
    type(profile, 'newEmail', 'alex.new@example.com');
    type(profile, 'emailPassword', 'wrong');
    submit(profile, 'email');
    await waitUntil(() => has(profile, '#emailPassword-error'));
    expect(text($(profile, '#emailPassword-error'))).to.equal('That is not your current password.');

    type(profile, 'emailPassword', 'correct horse battery');
    submit(profile, 'email');
    await waitUntil(() => focused(profile)?.id === 'code', 'focus did not move to the code');
    expect(text(part(profile, 'card-email'))).to.include('We sent a 6-digit code to alex.new@example.com.');
    expect(notice(profile)).to.equal('We sent a code to alex.new@example.com. Enter it to confirm the new address.');

    type(profile, 'code', '12345');
    submit(profile, 'code');
    await waitUntil(() => has(profile, '#code-error'));
    expect(text($(profile, '#code-error'))).to.equal('Enter the 6 digits from the email.');
    type(profile, 'code', '111111');
    submit(profile, 'code');
    await waitUntil(() => text($(profile, '#code-error')) === 'That code is not right. Check the email and try again.');
    type(profile, 'code', '222222');
    submit(profile, 'code');
    await waitUntil(() => text($(profile, '[data-email]')) === 'alex.new@example.com', 'the new address was not shown');
    expect(notice(profile)).to.equal('Your email address is now alex.new@example.com.');
    expect(service.calls('POST /api/v1/me/email-change/confirm').map((call) => call.body)).to.deep.equal([{ code: '111111' }, { code: '222222' }]);
  });

  it('says when a code can no longer be used', async () => {
    const service = profileService(profileMe({ profile: { pendingEmail: { email: 'alex.new@example.com', expiresAt: '2026-03-02T15:10:00.000Z' } } })).on(
      'POST /api/v1/me/email-change/confirm',
      () => problem(400, 'email_change_expired', 'This code can no longer be used.'),
    );
    const profile = await profileWith(service);
    type(profile, 'code', '123456');
    submit(profile, 'code');
    await waitUntil(() => text(profile.shadowRoot!.querySelector('[part~="alert"][data-for="code"]')).includes('can no longer be used'));
  });

  it('changes the password, shows a wrong current password next to its field, and announces the change', async () => {
    let first = true;
    const service = profileService().on('POST /api/v1/me/password', () => {
      const answer = first ? problem(400, 'password_incorrect', 'Your current password is not right.') : new Response(null, { status: 204 });
      first = false;
      return answer;
    });
    const profile = await profileWith(service);
    type(profile, 'currentPassword', 'old password');
    type(profile, 'newPassword', 'short');
    submit(profile, 'password');
    await waitUntil(() => text($(profile, '#newPassword-error')) === 'At least 10 characters.');
    expect(service.calls('POST /api/v1/me/password')).to.have.length(0);
    type(profile, 'newPassword', 'a much longer passphrase');
    submit(profile, 'password');
    await waitUntil(() => text($(profile, '#currentPassword-error')) === 'That is not your current password.');
    submit(profile, 'password');
    await waitUntil(() => notice(profile) === 'Your password was changed. We emailed you to confirm it.');
    expect(service.calls('POST /api/v1/me/password')[1]!.body).to.deep.equal({ currentPassword: 'old password', newPassword: 'a much longer passphrase' });
    expect($<HTMLInputElement>(profile, '#newPassword').value).to.equal('');
  });

  it('saves which emails the client wants', async () => {
    const service = profileService();
    const profile = await profileWith(service);
    $<HTMLInputElement>(profile, 'input[name="messages"]').click();
    submit(profile, 'notifications');
    await waitUntil(() => notice(profile) === 'Your email choices were saved.');
    expect(service.calls('PATCH /api/v1/me')[0]!.body).to.deep.equal({ notifications: { invoices: true, messages: false } });
    expect($<HTMLInputElement>(profile, 'input[name="messages"]').checked).to.equal(false);
  });

  it('makes a saved method the default and removes one', async () => {
    const chosen = profileMethods().map((method) => ({ ...method, isDefault: method.id === 'spm_card' }));
    const service = profileService()
      .on('POST /api/v1/payment-methods/spm_card/default', () => json(200, { data: chosen }))
      .on('DELETE /api/v1/payment-methods/spm_bank', () => new Response(null, { status: 204 }));
    const profile = await profileWith(service);
    $<HTMLButtonElement>(profile, '[data-method="spm_card"] [part~="default-button"]').click();
    await waitUntil(() => notice(profile) === 'Visa ending in 4242 is now your default payment method.');
    expect(text($(profile, '[data-method="spm_card"]'))).to.include('Default');
    $<HTMLButtonElement>(profile, '[data-method="spm_bank"] [part~="remove-button"]').click();
    await waitUntil(() => !has(profile, '[data-method="spm_bank"]'), 'the method was not removed');
    expect(service.calls('DELETE /api/v1/payment-methods/spm_bank')).to.have.length(1);
  });

  it('shows the second factors unless the firm has clients’ two-factor off', async () => {
    let profile = await profileWith(profileService());
    expect(part(profile, 'card-two-factor')).to.equal(null);
    const service = profileService(profileMe({ firm: { clientTwoFactor: 'optional' } }));
    profile = await profileWith(service);
    expect(part(profile, 'card-two-factor')?.querySelector('portal-two-factor-settings')).to.not.equal(null);
  });

  it('leaves saved methods out when the portal cannot show them', async () => {
    const profile = await profileWith(profileService().on('GET /api/v1/payment-methods', () => problem(403, 'section_disabled', 'Off.')));
    expect(part(profile, 'card-methods')).to.equal(null);
    expect(part(profile, 'card-details')).to.not.equal(null);
  });

  it('signs out everywhere after asking, by keyboard, then forgets this sign-in too', async () => {
    const service = profileService()
      .on('POST /api/v1/me/sign-out-everywhere', () => new Response(null, { status: 204 }))
      .on('POST /api/v1/auth/logout', () => new Response(null, { status: 204 }));
    const profile = await profileWith(service);
    $<HTMLButtonElement>(profile, '#sign-out-everywhere').click();
    await waitUntil(() => focused(profile)?.id === 'confirm-sign-out', 'focus did not move to the confirmation');
    expect(service.calls('POST /api/v1/me/sign-out-everywhere')).to.have.length(0);
    focused(profile)!.click();
    await waitUntil(() => service.calls('POST /api/v1/auth/logout').length === 1, 'this sign-in was not ended');
    expect(service.calls('POST /api/v1/me/sign-out-everywhere')).to.have.length(1);
  });

  it('shows the error and tries again', async () => {
    let fail = true;
    const service = profileService();
    service.on('GET /api/v1/me', () => (fail ? problem(503, 'not_ready', 'Down.') : json(200, profileMe())));
    const profile = await profileWith(service);
    expect(part(profile, 'error')).to.not.equal(null);
    expect(profile.matches(':state(error)')).to.equal(true);
    await expect(profile).to.be.accessible();
    fail = false;
    part(profile, 'retry-button')!.click();
    await waitUntil(() => part(profile, 'base'), 'the retry did not load the profile');
  });

  it('takes its colours from component tokens, then global ones', async () => {
    const style = document.createElement('style');
    style.textContent = 'portal-profile.themed { --portal-profile-card-background: rgb(250, 240, 230); --portal-color-divider: rgb(10, 20, 30); }';
    document.head.append(style);
    try {
      const profile = await profileWith(profileService());
      profile.classList.add('themed');
      const card = part(profile, 'card-details')!;
      expect(getComputedStyle(card).backgroundColor).to.equal('rgb(250, 240, 230)');
      expect(getComputedStyle(card).borderTopColor).to.equal('rgb(10, 20, 30)');
    } finally {
      style.remove();
    }
  });

  it('inside <portal-session>: a new name shows in the header, and the chosen language becomes the portal’s', async () => {
    fixtureCleanup();
    const service = profileService();
    const client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
    const session = await fixture<PortalSession>(html`<portal-session .client=${client}><portal-profile></portal-profile></portal-session>`);
    const profile = session.querySelector('portal-profile')!;
    await waitUntil(() => part(profile, 'base'), 'the profile did not load', { timeout: 4000 });
    type(profile, 'name', 'Alex M. Rivera');
    const select = $<HTMLSelectElement>(profile, '#locale');
    select.value = 'es';
    select.dispatchEvent(new Event('change'));
    submit(profile, 'details');
    await waitUntil(() => session.getAttribute('lang') === 'es', 'the session did not take the language');
    await waitUntil(() => text(part(profile, 'heading')) === 'Su perfil', 'the profile did not switch to Spanish');
    expect(text(session.shadowRoot!.querySelector('[part~="contact-name"]'))).to.equal('Alex M. Rivera');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    submit(profile, 'details');
    await waitUntil(() => !session.hasAttribute('lang'), 'the session kept the language');
  });
});
