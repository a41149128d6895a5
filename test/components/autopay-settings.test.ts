import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiClient, type AutopayChargeUnderWay, type PortalAutopayChangeEvent, type PortalAutopaySettings } from '../../components/index.ts';
import '../../components/profile/autopay-settings-define.ts';
import { autopayEnrolment, autopayMatters, autopayPreview } from './autopay-fixtures.ts';
import { json, problem, type FakeService } from './fake-service.ts';
import { overflowing } from './layout-fit.ts';
import { describe, it } from './mocha.ts';
import { signedInService } from './portal-fixtures.ts';
import { profileMethods } from './profile-fixtures.ts';

/** The client's autopay; `underWay` is what the cancel answers was still under way. */
function autopayService({ underWay = [] as AutopayChargeUnderWay[] } = {}): FakeService {
  let enrolments = [autopayEnrolment()];
  let matters = autopayMatters();
  return signedInService()
    .on('GET /api/v1/autopay/matters', () => json(200, matters))
    .on('GET /api/v1/autopay', () => json(200, { data: enrolments }))
    .on('GET /api/v1/payment-methods', () => json(200, { data: profileMethods() }))
    .on('POST /api/v1/autopay/preview', (request) => json(200, autopayPreview((request.body as { matter: string }).matter)))
    .on('POST /api/v1/autopay', (request) => {
      const body = request.body as { matter: string };
      const created = autopayEnrolment({ id: 'apay_2', matter: body.matter, nextCharge: null, charges: [] });
      enrolments = [created, ...enrolments];
      matters = { ...matters, data: matters.data.map((row) => (row.matter === body.matter ? { ...row, enrolmentId: 'apay_2' } : row)) };
      return json(201, created);
    })
    .on('POST /api/v1/autopay/apay_1/cancel', () => {
      const cancelled = { ...enrolments.find((row) => row.id === 'apay_1')!, status: 'cancelled' as const, chargesUnderWay: underWay };
      enrolments = enrolments.filter((row) => row.id !== 'apay_1');
      matters = { ...matters, data: matters.data.map((row) => (row.enrolmentId === 'apay_1' ? { ...row, enrolmentId: null } : row)) };
      return json(200, cancelled);
    });
}

const $ = <T extends Element = HTMLElement>(root: Element, selector: string): T => root.shadowRoot!.querySelector<T>(selector)!;
const part = (root: Element, name: string) => root.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (element: Element | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const focused = (element: PortalAutopaySettings) => element.shadowRoot!.activeElement as HTMLElement | null;
const row = (element: PortalAutopaySettings, matter: string) => $(element, `[data-matter="${matter}"]`);

async function autopayWith(service: FakeService, { width = '40rem', lang = 'en' } = {}): Promise<PortalAutopaySettings> {
  fixtureCleanup();
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: ${width}" lang=${lang}></div>`);
  const element = document.createElement('portal-autopay-settings');
  element.client = new ApiClient({ baseUrl: 'http://service.test', firm: 'demo', fetch: service.fetch });
  wrapper.append(element);
  await waitUntil(() => element.shadowRoot?.querySelector('ul, [part~="error"], p.muted'), 'autopay did not load');
  await element.updateComplete;
  return element;
}

describe('<portal-autopay-settings>', () => {
  it('is accessible with its form open, and fits a 375 px phone in English and Spanish', async function () {
    let element = await autopayWith(autopayService());
    await expect(element).to.be.accessible();
    row(element, 'Smith v. Jones').querySelector<HTMLButtonElement>('[part~="turn-on-button"]')!.click();
    await waitUntil(() => text(part(element, 'authorization')).includes('debit my checking account'), 'the authorization did not load');
    await expect(element).to.be.accessible();
    for (const lang of ['en', 'es']) {
      element = await autopayWith(autopayService(), { width: '375px', lang });
      await waitUntil(() => lang === 'en' || text(part(element, 'heading')) === 'Pago automático', 'the Spanish table did not arrive');
      row(element, 'Smith v. Jones').querySelector<HTMLButtonElement>('[part~="turn-on-button"]')!.click();
      await waitUntil(() => part(element, 'authorization'));
      expect(overflowing(element), lang).to.deep.equal([]);
    }
  });

  it('lists the matters: autopay on with its method and next charge, or off', async () => {
    const element = await autopayWith(autopayService());
    expect(text(part(element, 'heading'))).to.equal('Autopay');
    const on = text(row(element, 'Estate of Morgan'));
    expect(on).to.include('On — STRIPE TEST BANK account ending in 6789');
    expect(text(part(element, 'next-charge'))).to.equal('Next charge: $250.00 on Mar 20, 2026 (invoice INV-1007)');
    expect(text(row(element, 'Smith v. Jones'))).to.include('Off');
    expect(row(element, 'Smith v. Jones').querySelector('[part~="turn-on-button"]')!.getAttribute('aria-label')).to.equal('Turn on autopay for Smith v. Jones');
  });

  it('turns autopay on by keyboard: the method, the authorization word for word, the acceptance, then the event', async () => {
    const service = autopayService();
    const element = await autopayWith(service);
    row(element, 'Smith v. Jones').querySelector<HTMLButtonElement>('[part~="turn-on-button"]')!.click();
    await waitUntil(() => focused(element)?.id === 'autopay-method', 'focus did not move to the method');
    await waitUntil(() => text(part(element, 'authorization')).includes('“Smith v. Jones”'), 'the authorization did not load');
    expect(service.calls('POST /api/v1/autopay/preview')[0]!.body).to.deep.equal({ matter: 'Smith v. Jones', paymentMethod: { savedId: 'spm_bank' } });

    $<HTMLFormElement>(element, 'form').requestSubmit();
    await waitUntil(() => text(part(element, 'alert')) === 'Read the authorization and check the box to accept it.');
    expect(service.calls('POST /api/v1/autopay')).to.have.length(0);
    expect(focused(element)?.id).to.equal('autopay-accept');

    $<HTMLInputElement>(element, '#autopay-accept').click();
    setTimeout(() => $<HTMLFormElement>(element, 'form').requestSubmit());
    const event = (await oneEvent(element, 'portal-autopay-change')) as PortalAutopayChangeEvent;
    expect(event.detail).to.deep.equal({ change: 'enrolled', matter: 'Smith v. Jones', enrolmentId: 'apay_2' });
    expect(service.calls('POST /api/v1/autopay')[0]!.body).to.deep.equal({
      matter: 'Smith v. Jones',
      paymentMethod: { savedId: 'spm_bank' },
      authorization: { accepted: true, version: 'autopay-2026-12' },
    });
    await waitUntil(() => text(part(element, 'notice')) === 'Autopay is on for Smith v. Jones.');
    await waitUntil(() => row(element, 'Smith v. Jones').querySelector('[part~="turn-off-button"]'), 'the matter did not turn on');
  });

  it('previews again for another method', async () => {
    const service = autopayService();
    const element = await autopayWith(service);
    row(element, 'Smith v. Jones').querySelector<HTMLButtonElement>('[part~="turn-on-button"]')!.click();
    await waitUntil(() => service.calls('POST /api/v1/autopay/preview').length === 1);
    const select = $<HTMLSelectElement>(element, '#autopay-method');
    select.value = 'spm_card';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => service.calls('POST /api/v1/autopay/preview').length === 2);
    expect(service.calls('POST /api/v1/autopay/preview')[1]!.body).to.deep.equal({ matter: 'Smith v. Jones', paymentMethod: { savedId: 'spm_card' } });
  });

  it('turns autopay off, which revokes the authorization', async () => {
    const service = autopayService();
    const element = await autopayWith(service);
    setTimeout(() => row(element, 'Estate of Morgan').querySelector<HTMLButtonElement>('[part~="turn-off-button"]')!.click());
    const event = (await oneEvent(element, 'portal-autopay-change')) as PortalAutopayChangeEvent;
    expect(event.detail.change).to.equal('cancelled');
    expect(service.calls('POST /api/v1/autopay/apay_1/cancel')).to.have.length(1);
    await waitUntil(() => text(part(element, 'notice')) === 'Autopay is off for Estate of Morgan. Your authorization is revoked.');
    await waitUntil(() => focused(element)?.getAttribute('part') === 'turn-on-button', 'focus did not stay on the matter');
  });

  it('says beside "Off" that a charge already under way still goes through, in English and Spanish, at 375 px', async () => {
    const underWay: AutopayChargeUnderWay[] = [{ invoiceId: 'inv_7', invoiceNumber: 'INV-1007', amount: 125_000, currency: 'USD', status: 'charging' }];
    const expected = {
      en: 'A payment of $1,250.00 on invoice INV-1007 had already started, and turning autopay off does not stop it. You’ll get an email once it completes.',
      es: /^Un pago de .*1[.,]250[.,]00.* de la factura INV-1007 ya se había iniciado, y desactivar el pago automático no lo detiene\. Recibirá un correo electrónico cuando se complete\.$/,
    };
    for (const lang of ['en', 'es'] as const) {
      const element = await autopayWith(autopayService({ underWay }), { width: '375px', lang });
      await waitUntil(() => lang === 'en' || text(part(element, 'heading')) === 'Pago automático', 'the Spanish table did not arrive');
      expect(part(element, 'under-way'), 'nothing is said before the cancel').to.equal(null);
      row(element, 'Estate of Morgan').querySelector<HTMLButtonElement>('[part~="turn-off-button"]')!.click();
      await waitUntil(() => part(element, 'under-way'), 'the charge under way was not shown');
      const message = text(part(element, 'under-way'));
      if (lang === 'en') expect(message).to.equal(expected.en);
      else expect(message).to.match(expected.es);
      expect(part(element, 'under-way')!.closest('[data-matter]')!.getAttribute('data-matter')).to.equal('Estate of Morgan');
      expect(text(row(element, 'Estate of Morgan'))).to.include(lang === 'en' ? 'Off' : 'Desactivado');
      await waitUntil(() => text(part(element, 'notice')).endsWith(message), 'the charge under way was not announced');
      expect(text(part(element, 'notice'))).to.match(
        lang === 'en' ? /^Autopay is off for Estate of Morgan\./ : /^El pago automático está desactivado para Estate of Morgan\./,
      );
      await expect(element).to.be.accessible();
      expect(overflowing(element), lang).to.deep.equal([]);
    }
  });

  it('says nothing more when nothing was under way', async () => {
    const element = await autopayWith(autopayService());
    row(element, 'Estate of Morgan').querySelector<HTMLButtonElement>('[part~="turn-off-button"]')!.click();
    await waitUntil(() => text(part(element, 'notice')) === 'Autopay is off for Estate of Morgan. Your authorization is revoked.');
    expect(part(element, 'under-way')).to.equal(null);
  });

  it('says when autopay is already on, and when the firm does not offer it', async () => {
    const service = autopayService().on('POST /api/v1/autopay', () => problem(409, 'autopay_exists', 'Already on.'));
    let element = await autopayWith(service);
    row(element, 'Smith v. Jones').querySelector<HTMLButtonElement>('[part~="turn-on-button"]')!.click();
    await waitUntil(() => part(element, 'authorization')?.textContent?.includes('debit'));
    $<HTMLInputElement>(element, '#autopay-accept').click();
    $<HTMLFormElement>(element, 'form').requestSubmit();
    await waitUntil(() => text(part(element, 'alert')) === 'Autopay is already on for this matter.');

    element = await autopayWith(autopayService().on('GET /api/v1/autopay/matters', () => json(200, { enabled: false, data: [] })));
    expect(text(element.shadowRoot!.querySelector('p.muted'))).to.equal('Autopay is not offered by this firm.');
  });

  it('shows the error and tries again', async () => {
    let fail = true;
    const service = autopayService();
    service.on('GET /api/v1/autopay/matters', () => (fail ? problem(503, 'not_ready', 'Down.') : json(200, autopayMatters())));
    const element = await autopayWith(service);
    expect(part(element, 'error')).to.not.equal(null);
    expect(element.matches(':state(error)')).to.equal(true);
    await expect(element).to.be.accessible();
    fail = false;
    part(element, 'error')!.querySelector('button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('ul'), 'the retry did not load autopay');
  });

  it('takes its colours from component tokens, then global ones', async () => {
    const style = document.createElement('style');
    style.textContent = 'portal-autopay-settings.themed { --portal-autopay-heading-color: rgb(120, 20, 30); --portal-color-divider: rgb(10, 20, 30); }';
    document.head.append(style);
    try {
      const element = await autopayWith(autopayService());
      element.classList.add('themed');
      expect(getComputedStyle(part(element, 'heading')!).color).to.equal('rgb(120, 20, 30)');
      expect(getComputedStyle(part(element, 'matter')!).borderBottomColor).to.equal('rgb(10, 20, 30)');
    } finally {
      style.remove();
    }
  });
});
