import { expect, waitUntil } from '@open-wc/testing';
import type { PortalConsoleClients } from '../../components/console/clients/clients.ts';
import '../../components/console/clients/define.ts';
import type { FirmAutopay } from '../../components/console/api/autopay-api.ts';
import type { StaffRole } from '../../components/console/api/types.ts';
import { autopayEnrolment } from './autopay-fixtures.ts';
import { $, confirmClosed, confirmOpened, firmContact, mountScreen, part, staffSignedInService, text } from './console-fixtures.ts';
import { json, type FakeService } from './fake-service.ts';
import { describe, it } from './mocha.ts';

const alex = firmContact('con_alex', 'Alex Morgan', { hasLogin: true, invitationStatus: 'accepted' });
const empty = () => json(200, { data: [], nextCursor: null });

/** A client's autopay; `underWay` is what the cancel finds still under way. */
function autopayService(role: StaffRole = 'admin', underWay: FirmAutopay['chargesUnderWay'] = []): FakeService {
  let enrolments = [
    autopayEnrolment({ contactId: 'con_alex' }),
    autopayEnrolment({ id: 'apay_old', matter: 'Old lease', status: 'cancelled', nextCharge: null }),
  ];
  return staffSignedInService(role)
    .on('GET /api/v1/admin/contacts', () => json(200, { data: [alex], nextCursor: null }))
    .on('GET /api/v1/admin/contacts/con_alex', () => json(200, alex))
    .on('GET /api/v1/admin/invoices', empty)
    .on('GET /api/v1/admin/payments', empty)
    .on('GET /api/v1/admin/files', empty)
    .on('GET /api/v1/admin/activities', empty)
    .on('GET /api/v1/admin/threads', empty)
    .on('GET /api/v1/admin/autopay', () => json(200, { data: enrolments }))
    .on('POST /api/v1/admin/autopay/apay_1/cancel', () => {
      enrolments = enrolments.map((row) => (row.id === 'apay_1' ? { ...row, status: 'cancelled' as const, nextCharge: null, chargesUnderWay: underWay } : row));
      return json(200, enrolments[0]);
    });
}

async function clientPage(service: FakeService, role: StaffRole = 'admin', lang = 'en'): Promise<PortalConsoleClients> {
  const element = await mountScreen('portal-console-clients', service, { itemId: 'con_alex', role, lang });
  await waitUntil(() => part(element, 'autopay'), 'the client’s autopay did not load');
  return element;
}

describe('<portal-console-clients>: autopay', () => {
  it('shows the client’s autopay for each matter, with the next charge, and is accessible', async () => {
    const service = autopayService();
    const element = await clientPage(service);
    expect(service.calls('GET /api/v1/admin/autopay')[0]!.url.searchParams.get('contactId')).to.equal('con_alex');
    const shown = text(part(element, 'autopay'));
    expect(shown).to.include('Estate of Morgan · On · Bank account •••• 6789 · next charge $250.00 on Mar 20, 2026 (invoice INV-1007)');
    expect(shown).to.include('Old lease · Turned off');
    await expect(element).to.be.accessible();
  });

  it('turns a matter’s autopay off only after a confirmation', async () => {
    const service = autopayService();
    const element = await clientPage(service);
    part(element, 'autopay-cancel-button')!.click();
    await confirmOpened(element);
    expect(text($(element, '#confirm-title'))).to.equal('Turn off autopay for Estate of Morgan?');
    part(element, 'cancel-button')!.click();
    await confirmClosed(element);
    expect(service.calls('POST /api/v1/admin/autopay/apay_1/cancel')).to.have.length(0);

    part(element, 'autopay-cancel-button')!.click();
    await confirmOpened(element);
    part(element, 'confirm-button')!.click();
    await waitUntil(() => text(part(element, 'announcer')) === 'Autopay for Estate of Morgan was turned off.');
    expect(service.calls('POST /api/v1/admin/autopay/apay_1/cancel')).to.have.length(1);
    expect(part(element, 'autopay-cancel-button')).to.equal(null);
    expect(text(part(element, 'autopay'))).to.include('Estate of Morgan · Turned off');
  });

  it('says that a charge under way when autopay was turned off still goes through, and is accessible, in English and Spanish', async () => {
    const underWay: FirmAutopay['chargesUnderWay'] = [
      { invoiceId: 'inv_7', invoiceNumber: 'INV-1007', amount: 125_000, currency: 'USD', status: 'processing' },
    ];
    for (const lang of ['en', 'es']) {
      const element = await clientPage(autopayService('admin', underWay), 'admin', lang);
      if (lang === 'es') await waitUntil(() => text(part(element, 'autopay')).includes('Pago automático'), 'the Spanish table did not arrive');
      expect(part(element, 'autopay-under-way')).to.equal(null);
      part(element, 'autopay-cancel-button')!.click();
      await confirmOpened(element);
      part(element, 'confirm-button')!.click();
      await waitUntil(() => part(element, 'autopay-under-way'), 'the charge under way was not shown');
      const said = text(part(element, 'autopay-under-way'));
      if (lang === 'en') {
        expect(said).to.equal(
          'A payment of $1,250.00 on invoice INV-1007 had already started, and turning autopay off does not stop it; the client gets an email once it completes.',
        );
        await waitUntil(() => text(part(element, 'announcer')) === `Autopay for Estate of Morgan was turned off. ${said}`, 'it was not announced');
      } else {
        expect(said).to.match(
          /^Un pago de .*1[.,]250[.,]00.* de la factura INV-1007 ya se había iniciado, y desactivar el pago automático no lo detiene; el cliente recibirá/,
        );
        await waitUntil(() => text(part(element, 'announcer')).endsWith(said), 'it was not announced');
      }
      await expect(element).to.be.accessible();
    }
  });

  it('says why when turning autopay off fails, and leaves the button under focus to try again', async () => {
    const service = autopayService().on('POST /api/v1/admin/autopay/apay_1/cancel', () => new Response(null, { status: 503 }));
    const element = await clientPage(service);
    part(element, 'autopay-cancel-button')!.click();
    await confirmOpened(element);
    part(element, 'confirm-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('[role="alert"]')?.textContent?.trim(), 'the failure was not shown');
    await waitUntil(() => element.shadowRoot!.activeElement === part(element, 'autopay-cancel-button'), 'the button did not get focus back');
    expect(text(part(element, 'autopay'))).to.include('Estate of Morgan · On');
  });

  it('lets staff who cannot bill see autopay but not turn it off, and speaks Spanish', async () => {
    const element = await clientPage(autopayService('staff'), 'staff', 'es');
    expect(part(element, 'autopay-cancel-button')).to.equal(null);
    await waitUntil(() => text(part(element, 'autopay')).includes('Pago automático'), 'the Spanish table did not arrive');
    expect(text(part(element, 'autopay'))).to.include('Activado');
  });
});
