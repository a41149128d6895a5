import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FirmPayment, FirmPaymentSummary, FirmRefund } from '../../components/console/api/payments-api.ts';
import type { StaffRole } from '../../components/console/api/types.ts';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import { moneyInputValue, parseMoneyInput } from '../../components/console/payments/money-input.ts';
import type { PortalConsolePayments } from '../../components/console/payments/payments.ts';
import '../../components/console/payments/define.ts';
import {
  $,
  confirmClosed,
  confirmOpened,
  consoleClientFor,
  contacts,
  mountScreen,
  part,
  parts,
  type ScreenOptions,
  staffMe,
  staffSignedInService,
  text,
} from './console-fixtures.ts';
import { deferred, json, problem, type FakeService } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';

function summary(n: number, overrides: Partial<FirmPaymentSummary> = {}): FirmPaymentSummary {
  return {
    id: `pay_${n}`,
    status: 'succeeded',
    amount: 12_500,
    currency: 'USD',
    method: { type: 'card', brand: 'visa', last4: '4242' },
    source: 'portal',
    reference: null,
    receiptNumber: `R-10000${n}`,
    allocations: [{ invoiceId: `inv_${n}`, invoiceNumber: `INV-00${n}`, amount: 12_500, depositAccount: 'operating' }],
    failure: null,
    amountRefunded: 0,
    refunds: [],
    checkoutId: `chk_${n}`,
    createdAt: `2026-11-0${n}T15:00:00.000Z`,
    updatedAt: `2026-11-0${n}T15:00:01.000Z`,
    contactId: 'con_alex',
    ...overrides,
  };
}

const ledger = (): FirmPaymentSummary[] => [
  summary(3, {
    status: 'processing',
    amount: 30_000,
    method: { type: 'us_bank_account', brand: 'STRIPE TEST BANK', last4: '6789' },
    contactId: 'con_jordan',
    allocations: [{ invoiceId: 'inv_3', invoiceNumber: 'INV-003', amount: 30_000, depositAccount: 'trust' }],
  }),
  summary(2, { method: { type: 'check', brand: null, last4: null }, source: 'firm', reference: '1042' }),
  summary(1),
];

function refundOf(amount: number, overrides: Partial<FirmRefund> = {}): FirmRefund {
  return {
    id: 'rf_1',
    paymentId: 'pay_1',
    amount,
    currency: 'USD',
    reason: 'Billed twice',
    status: 'succeeded',
    origin: 'api',
    processorRef: 're_1',
    allocations: [{ invoiceId: 'inv_1', invoiceNumber: 'INV-001', amount }],
    failure: null,
    createdAt: '2026-11-05T10:00:00.000Z',
    updatedAt: '2026-11-05T10:00:01.000Z',
    ...overrides,
  };
}

function detailOf(payment: FirmPaymentSummary, refunds: FirmRefund[] = []): FirmPayment {
  const contact = contacts.find((c) => c.id === payment.contactId)!;
  return {
    ...payment,
    amountRefunded: refunds.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amount, 0),
    contact: { id: contact.id, name: contact.name, email: contact.email },
    processor: payment.source === 'portal' ? 'sandbox' : null,
    processorRef: payment.source === 'portal' ? `pi_${payment.id}` : null,
    fee: null,
    history:
      payment.status === 'processing'
        ? [{ status: 'processing', at: payment.createdAt }]
        : [
            { status: 'processing', at: payment.createdAt },
            { status: 'succeeded', at: payment.updatedAt },
          ],
    refunds,
    mandate: null,
  };
}

const totals = { data: [{ currency: 'USD', count: 3, collected: 25_000, processing: 30_000, refunded: 0 }] };

function paymentsService(role: StaffRole = 'admin', payments: FirmPaymentSummary[] = ledger()): FakeService {
  const service = staffSignedInService(role)
    .on('GET /api/v1/admin/contacts', () => json(200, { data: contacts, nextCursor: null }))
    .on('GET /api/v1/admin/payments', ({ url }) => {
      const status = url.searchParams.get('status');
      const method = url.searchParams.get('methodType');
      const contactId = url.searchParams.get('contactId');
      const account = url.searchParams.get('depositAccount');
      const data = payments.filter(
        (p) =>
          (!status || p.status === status) &&
          (!method || p.method.type === method) &&
          (!contactId || p.contactId === contactId) &&
          (!account || p.allocations.some((a) => a.depositAccount === account)),
      );
      return json(200, { data, nextCursor: null });
    })
    .on('GET /api/v1/admin/payments/totals', () => json(200, totals));
  for (const payment of payments) service.on(`GET /api/v1/admin/payments/${payment.id}`, () => json(200, detailOf(payment)));
  return service;
}

async function loaded(element: PortalConsolePayments): Promise<PortalConsolePayments> {
  await waitUntil(
    () => parts(element, 'payment').length > 0 || part(element, 'detail') || part(element, 'empty') || part(element, 'error'),
    'the payments did not load',
    { timeout: 5000 },
  );
  await element.updateComplete;
  return element;
}

const screenWith = async (service: FakeService, options: ScreenOptions = {}): Promise<PortalConsolePayments> =>
  loaded(await mountScreen('portal-console-payments', service, { ...options, role: options.role ?? 'admin' }));

function select(element: PortalConsolePayments, id: string, value: string): void {
  const control = $<HTMLSelectElement | HTMLInputElement>(element, `#${id}`);
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

function type(element: PortalConsolePayments, id: string, value: string): void {
  const control = $<HTMLInputElement | HTMLTextAreaElement>(element, `#${id}`);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
}

const row = (element: PortalConsolePayments, id: string) => $(element, `[data-payment-id="${id}"]`);
const dialog = (element: PortalConsolePayments) => $<HTMLDialogElement>(element, 'dialog.confirm');

async function openRefundForm(element: PortalConsolePayments): Promise<void> {
  await waitUntil(() => part(element, 'refund-button'), 'no Refund button');
  part(element, 'refund-button')!.click();
  await waitUntil(() => part(element, 'refund-form'));
}

async function submitRefund(element: PortalConsolePayments): Promise<void> {
  $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
  await waitUntil(() => dialog(element).open, 'the confirmation did not open');
}

describe('<portal-console-payments>', () => {
  afterEach(() => fixtureCleanup());

  it('lists the firm’s payments with client, method, account and status, and their totals', async () => {
    const service = paymentsService();
    const element = await screenWith(service);
    await waitUntil(() => text(row(element, 'pay_3')).includes('Jordan Lee'), 'client names did not load');
    expect(parts(element, 'payment').map((p) => p.dataset.paymentId)).to.deep.equal(['pay_3', 'pay_2', 'pay_1']);
    expect(text(row(element, 'pay_3')))
      .to.include('$300.00')
      .and.include('STRIPE TEST BANK account ending in 6789')
      .and.include('Trust')
      .and.include('Processing');
    expect(text(row(element, 'pay_2')))
      .to.include('Check')
      .and.include('Operating');
    expect(text(row(element, 'pay_1')))
      .to.include('Visa ending in 4242')
      .and.include('Succeeded')
      .and.include('Alex Morgan');
    await waitUntil(() => part(element, 'totals'));
    expect(text(part(element, 'totals')))
      .to.include('Collected $250.00')
      .and.include('Processing $300.00')
      .and.include('Payments 3');
    const list = service.calls('GET /api/v1/admin/payments')[0]!;
    expect(list.url.searchParams.get('limit')).to.equal('50');
    expect(list.headers.get('authorization')).to.equal('Bearer staff-access-1');
  });

  it('passes axe with its list, filters and totals', async function () {
    // The page's first axe run sets axe up, and it checks every filter, row and total: seconds on a busy machine.
    const element = await screenWith(paymentsService());
    await waitUntil(() => part(element, 'totals') && text(row(element, 'pay_3')).includes('Jordan Lee'), 'the totals and names did not load');
    await expect(element).to.be.accessible();
  });

  it('filters by status, method, client, account and days, for the list and its totals', async () => {
    const service = paymentsService();
    const element = await screenWith(service);
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#filter-client option').length === 3);
    select(element, 'filter-status', 'processing');
    await waitUntil(() => service.calls('GET /api/v1/admin/payments').length === 2);
    await loaded(element);
    expect(parts(element, 'payment').map((p) => p.dataset.paymentId)).to.deep.equal(['pay_3']);
    select(element, 'filter-method', 'us_bank_account');
    select(element, 'filter-client', 'con_jordan');
    select(element, 'filter-account', 'trust');
    select(element, 'filter-from', '2026-11-01');
    select(element, 'filter-to', '2026-11-30');
    await waitUntil(() => service.calls('GET /api/v1/admin/payments').at(-1)!.url.searchParams.get('createdTo') === '2026-11-30');
    const query = Object.fromEntries(service.calls('GET /api/v1/admin/payments').at(-1)!.url.searchParams);
    expect(query).to.deep.include({
      status: 'processing',
      methodType: 'us_bank_account',
      contactId: 'con_jordan',
      depositAccount: 'trust',
      createdFrom: '2026-11-01',
    });
    await waitUntil(() => service.calls('GET /api/v1/admin/payments/totals').at(-1)!.url.searchParams.get('createdTo') === '2026-11-30');
    expect(service.calls('GET /api/v1/admin/payments/totals').at(-1)!.url.searchParams.get('depositAccount')).to.equal('trust');

    select(element, 'filter-to', '2026-10-01');
    await element.updateComplete;
    expect(text($(element, '#filter-to-error'))).to.equal('The start must not be after the end.');
    expect($(element, '#filter-to').getAttribute('aria-invalid')).to.equal('true');
    element.shadowRoot!.querySelector<HTMLButtonElement>('.clear button')!.click();
    await waitUntil(() => text(part(element, 'announcer')) === 'Filters cleared.');
    await waitUntil(() => [...service.calls('GET /api/v1/admin/payments').at(-1)!.url.searchParams.keys()].join() === 'limit');
  });

  it('shows a skeleton while loading, then the empty state', async () => {
    const answer = deferred<Response>();
    const service = paymentsService('admin', []).on('GET /api/v1/admin/payments', () => answer.promise);
    fixtureCleanup();
    const element = await fixture<PortalConsolePayments>(
      html`<portal-console-payments .client=${consoleClientFor(service)} .staff=${staffMe('admin')}></portal-console-payments>`,
    );
    await waitUntil(() => part(element, 'skeleton'));
    expect(text(part(element, 'skeleton'))).to.include('Loading payments');
    answer.resolve(json(200, { data: [], nextCursor: null }));
    await waitUntil(() => part(element, 'empty'));
    expect(text(part(element, 'empty'))).to.include('No payments yet');
    await expect(element).to.be.accessible();
  });

  it('shows why the payments could not load, explains a 403, and tries again', async () => {
    let fail = true;
    const service = paymentsService().on('GET /api/v1/admin/payments', () =>
      fail ? problem(403, 'role_forbidden', 'This needs an admin.') : json(200, { data: ledger(), nextCursor: null }),
    );
    const element = await screenWith(service);
    expect(text(part(element, 'error'))).to.include('Your role does not allow this');
    fail = false;
    part(element, 'retry-button')!.click();
    await waitUntil(() => parts(element, 'payment').length === 3);
  });

  it('loads more payments and moves focus to the first new one', async () => {
    const service = paymentsService().on('GET /api/v1/admin/payments', ({ url }) =>
      url.searchParams.get('cursor') === 'c2'
        ? json(200, { data: [summary(1)], nextCursor: null })
        : json(200, { data: ledger().slice(0, 2), nextCursor: 'c2' }),
    );
    const element = await screenWith(service);
    part(element, 'load-more-button')!.click();
    await waitUntil(() => parts(element, 'payment').length === 3);
    await waitUntil(() => element.shadowRoot!.activeElement === row(element, 'pay_1').querySelector('[part~="open-button"]'));
    expect(part(element, 'load-more-button')).to.equal(null);
  });

  it('opens a payment: method, receipt, history, the invoices it paid and its refunds', async () => {
    const service = paymentsService();
    const element = await screenWith(service);
    const opened = oneEvent(element, 'portal-console-open');
    row(element, 'pay_3').querySelector<HTMLButtonElement>('[part~="open-button"]')!.click();
    expect((await opened).detail).to.deep.equal({ screen: 'payments', itemId: 'pay_3' });
    await waitUntil(() => part(element, 'detail'));
    expect(element.getAttribute('item-id')).to.equal('pay_3');
    const detail = part(element, 'detail')!;
    expect(text(detail.querySelector('h2'))).to.equal('Payment R-100003');
    expect(text(detail)).to.include('$300.00').and.include('STRIPE TEST BANK account ending in 6789').and.include('jordan@example.com');
    expect(text(part(element, 'timeline'))).to.include('Processing');
    expect(text(detail)).to.include('No refunds.');
    await expect(element).to.be.accessible();

    const invoice = oneEvent(element, 'portal-console-open');
    part(element, 'invoice-link')!.click();
    expect((await invoice).detail).to.deep.equal({ screen: 'invoices', itemId: 'inv_3' });
    const client = oneEvent(element, 'portal-console-open');
    part(element, 'client-link')!.click();
    expect((await client).detail).to.deep.equal({ screen: 'clients', itemId: 'con_jordan' });

    part(element, 'back-button')!.click();
    await waitUntil(() => element.shadowRoot!.activeElement === element.shadowRoot!.querySelector('[data-payment-id="pay_3"] [part~="open-button"]'));
    expect(element.hasAttribute('item-id') ? element.getAttribute('item-id') : '').to.equal('');
  });

  it('shows a card surcharge as its own operating line among what the payment paid', async () => {
    const surcharged = summary(4, {
      amount: 10_300,
      surcharge: 300,
      surchargePercent: 3,
      allocations: [{ invoiceId: 'inv_4', invoiceNumber: 'INV-004', amount: 10_000, depositAccount: 'operating' }],
    });
    const element = await screenWith(paymentsService('admin', [surcharged, ...ledger()]), { itemId: 'pay_4' });
    await waitUntil(() => part(element, 'surcharge'), 'no surcharge line');
    expect(text(part(element, 'surcharge'))).to.equal('Card surcharge (3 %) Operating $3.00');
    expect(text(part(element, 'detail'))).to.include('$103.00');
    await expect(element).to.be.accessible();
  });

  it('shows a payment’s refunds in its history, and a payment that does not exist', async () => {
    const partly = summary(1, { amountRefunded: 2_500 });
    const service = paymentsService()
      .on('GET /api/v1/admin/payments/pay_1', () =>
        json(
          200,
          detailOf(partly, [
            refundOf(2_500),
            refundOf(1_000, { id: 'rf_2', status: 'failed', reason: null, failure: { code: 'declined', message: 'The bank refused it.' } }),
          ]),
        ),
      )
      .on('GET /api/v1/admin/payments/pay_9', () => problem(404, 'not_found', 'No such payment.'));
    const element = await screenWith(service, { itemId: 'pay_1' });
    expect(text(part(element, 'status'))).to.equal('Partially refunded');
    expect(text(part(element, 'timeline')))
      .to.include('Refund of $25.00 asked for')
      .and.include('Refund of $25.00 made')
      .and.include('Refund of $10.00 failed');
    expect(text(part(element, 'refunds')))
      .to.include('Reason: Billed twice')
      .and.include('The bank refused it.');
    element.itemId = 'pay_9';
    await waitUntil(() => text(part(element, 'empty')).includes('does not exist'));
  });

  it('refunds after a confirmation that states the amount and method, announces it and reloads', async () => {
    let refunded = false;
    const service = paymentsService().on('GET /api/v1/admin/payments/pay_1', () =>
      json(200, refunded ? detailOf(summary(1, { amountRefunded: 5_000 }), [refundOf(5_000)]) : detailOf(summary(1))),
    );
    service.on('POST /api/v1/admin/payments/pay_1/refunds', ({ body }) => {
      refunded = true;
      const { amount } = body as { amount: number };
      return json(201, { refund: refundOf(amount), payment: summary(1, { amountRefunded: amount }) });
    });
    const element = await screenWith(service, { itemId: 'pay_1' });
    await openRefundForm(element);
    expect($<HTMLInputElement>(element, '#refund-amount').value).to.equal('125.00');
    expect(element.shadowRoot!.activeElement?.id).to.equal('refund-amount');
    type(element, 'refund-amount', '50');
    type(element, 'refund-reason', 'Billed twice');
    await submitRefund(element);
    expect(text($(element, '#confirm-title'))).to.equal('Refund $50.00?');
    expect(text($(element, '#confirm-body')))
      .to.include('$50.00')
      .and.include('Alex Morgan’s Visa ending in 4242');

    part(element, 'cancel-button')!.click();
    await confirmClosed(element);
    expect(service.calls('POST /api/v1/admin/payments/pay_1/refunds')).to.have.length(0);

    await submitRefund(element);
    const done = oneEvent(element, 'portal-console-payment-refunded');
    part(element, 'confirm-button')!.click();
    const event = await done;
    expect(event.detail.paymentId).to.equal('pay_1');
    expect(event.detail.refund.amount).to.equal(5_000);
    const sent = service.calls('POST /api/v1/admin/payments/pay_1/refunds')[0]!;
    expect(sent.body).to.deep.equal({ amount: 5_000, reason: 'Billed twice' });
    expect(sent.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
    await waitUntil(() => text(part(element, 'announcer')) === 'Refunded $50.00 to Visa ending in 4242.');
    await waitUntil(() => text(part(element, 'refunds')).includes('$50.00'));
    expect(part(element, 'refund-form')).to.equal(null);
  });

  it('checks the amount first, then shows the service’s problems next to the field they name or in an alert', async () => {
    let answer = (): Response =>
      problem(422, 'amount_exceeds_refundable', 'amount: $100.00 is more than the $75.00 left to refund of this payment.', {
        field: 'amount',
        refundable: 7_500,
      });
    const service = paymentsService().on('POST /api/v1/admin/payments/pay_1/refunds', () => answer());
    const element = await screenWith(service, { itemId: 'pay_1' });
    await openRefundForm(element);

    type(element, 'refund-amount', '200');
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    await waitUntil(() => $(element, '#refund-amount-error'));
    expect(text($(element, '#refund-amount-error'))).to.equal('At most $125.00 is left to refund.');
    type(element, 'refund-amount', 'ten');
    $<HTMLButtonElement>(element, 'form button[type="submit"]').click();
    await waitUntil(() => text($(element, '#refund-amount-error')) === 'Enter an amount like 125.00.');
    expect(dialog(element).open).to.equal(false);

    type(element, 'refund-amount', '100');
    await submitRefund(element);
    part(element, 'confirm-button')!.click();
    await waitUntil(() => text($(element, '#refund-amount-error')).includes('$75.00 left to refund'));
    expect($(element, '#refund-amount').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'refund-amount');

    answer = () =>
      problem(400, 'invalid_request', 'The request body is invalid.', { errors: [{ field: 'reason', message: 'must be at most 500 characters' }] });
    type(element, 'refund-amount', '10');
    await submitRefund(element);
    part(element, 'confirm-button')!.click();
    await waitUntil(() => text($(element, '#refund-reason-error')) === 'must be at most 500 characters');

    answer = () => problem(403, 'role_forbidden', 'This needs an admin of the firm.');
    type(element, 'refund-reason', 'ok');
    await submitRefund(element);
    part(element, 'confirm-button')!.click();
    await waitUntil(() => text(part(element, 'refund-form')!.querySelector('[role="alert"]')).includes('Your role does not allow this'));
    await expect(element).to.be.accessible();
  });

  it('shows the service’s refusal of a bank debit still processing', async () => {
    const message = 'This bank debit is still processing. It can be refunded once it has settled (usually within 3 business days).';
    const service = paymentsService().on('POST /api/v1/admin/payments/pay_3/refunds', () => problem(422, 'payment_not_settled', message));
    const element = await screenWith(service, { itemId: 'pay_3' });
    await openRefundForm(element);
    expect($<HTMLInputElement>(element, '#refund-amount').value).to.equal('300.00');
    await submitRefund(element);
    expect(text($(element, '#confirm-body')))
      .to.include('$300.00')
      .and.include('STRIPE TEST BANK account ending in 6789');
    part(element, 'confirm-button')!.click();
    await waitUntil(() => text(part(element, 'refund-form')!.querySelector('[role="alert"]')) === `The refund was not made. ${message}`);
  });

  it('keeps the refund’s Idempotency-Key when the answer is lost, and takes a new one after a refusal', async () => {
    let calls = 0;
    const service = paymentsService().on('POST /api/v1/admin/payments/pay_1/refunds', () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch');
      if (calls === 2) return problem(422, 'payment_disputed', 'Disputed.');
      return json(201, { refund: refundOf(12_500, { status: 'pending' }), payment: summary(1) });
    });
    const element = await screenWith(service, { itemId: 'pay_1' });
    await openRefundForm(element);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await submitRefund(element);
      part(element, 'confirm-button')!.click();
      await waitUntil(() => service.calls('POST /api/v1/admin/payments/pay_1/refunds').length === attempt);
      if (attempt < 3) await waitUntil(() => text(part(element, 'refund-form')?.querySelector('[role="alert"]') ?? null) !== '');
    }
    const keys = service.calls('POST /api/v1/admin/payments/pay_1/refunds').map((call) => call.headers.get('idempotency-key'));
    expect(keys[1]).to.equal(keys[0]);
    expect(keys[2]).not.to.equal(keys[1]);
    await waitUntil(() => text(part(element, 'announcer')) === 'The refund of $125.00 is on its way.');
  });

  it('offers no refund to the staff role, nor for a payment the firm recorded', async () => {
    const element = await screenWith(paymentsService('staff'), { role: 'staff', itemId: 'pay_1' });
    expect(part(element, 'refund-button')).to.equal(null);
    const recorded = await screenWith(paymentsService('admin'), { itemId: 'pay_2' });
    expect(part(recorded, 'refund-button')).to.equal(null);
    expect(text(recorded.shadowRoot!.querySelector('.refund-note'))).to.include('refund it the way it was received');
    const signedOut = await screenWith(paymentsService(), { staff: false, itemId: 'pay_1' });
    expect(part(signedOut, 'refund-button')).to.equal(null);
  });

  it('exports the current filter as CSV', async () => {
    const service = paymentsService().on(
      'GET /api/v1/admin/payments/export',
      ({ url }) =>
        new Response('date,receipt_number\r\n', {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename=payments-${url.searchParams.get('from')}-to-${url.searchParams.get('to')}.csv`,
          },
        }),
    );
    const element = await screenWith(service);
    select(element, 'filter-account', 'trust');
    select(element, 'filter-from', '2026-11-01');
    select(element, 'filter-to', '2026-11-30');
    await element.updateComplete;
    expect(text($(element, '#export-hint')))
      .to.include('Nov 1, 2026')
      .and.include('Nov 30, 2026');
    const exported = oneEvent(element, 'portal-console-payments-exported');
    part(element, 'export-button')!.click();
    expect((await exported).detail).to.deep.equal({ fileName: 'payments-2026-11-01-to-2026-11-30.csv', from: '2026-11-01', to: '2026-11-30' });
    const query = Object.fromEntries(service.calls('GET /api/v1/admin/payments/export')[0]!.url.searchParams);
    expect(query).to.deep.equal({ from: '2026-11-01', to: '2026-11-30', depositAccount: 'trust' });
    await waitUntil(() => text(part(element, 'announcer')) === 'Saved payments-2026-11-01-to-2026-11-30.csv.');
  });

  it('shows the export’s problem with the days next to the date filter', async () => {
    const service = paymentsService().on('GET /api/v1/admin/payments/export', () =>
      problem(400, 'invalid_request', 'The query is invalid.', { errors: [{ field: 'from', message: 'must be at most a year before to' }] }),
    );
    const element = await screenWith(service);
    select(element, 'filter-from', '2024-01-01');
    part(element, 'export-button')!.click();
    await waitUntil(() => text($(element, '#filter-from-error')) === 'must be at most a year before to');
  });

  it('works by keyboard: a payment opens with Enter and Escape cancels a refund’s confirmation', async () => {
    const element = await screenWith(paymentsService());
    row(element, 'pay_1').querySelector<HTMLButtonElement>('[part~="open-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(element, 'refund-button'));
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'heading');
    part(element, 'refund-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'refund-amount');
    await sendKeys({ press: 'Enter' });
    await confirmOpened(element);
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'cancel-button'));
    await sendKeys({ press: 'Escape' });
    await confirmClosed(element);
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'refund-amount');
  });

  it('fits a 375 px screen without sideways scrolling', async () => {
    const element = await screenWith(paymentsService(), { width: '375px' });
    const base = part(element, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    const payment = row(element, 'pay_1');
    expect(payment.querySelector('.payment-date')!.getBoundingClientRect().top).to.be.greaterThan(
      payment.querySelector('.payment-amount')!.getBoundingClientRect().top,
    );
    element.itemId = 'pay_1';
    await waitUntil(() => part(element, 'refund-button'));
    part(element, 'refund-button')!.click();
    await waitUntil(() => part(element, 'refund-form'));
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
  });

  it('speaks Spanish inside lang="es"', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const element = await screenWith(paymentsService(), { lang: 'es' });
    await waitUntil(() => text(element.shadowRoot!.querySelector('h2')) === 'Pagos');
    expect(text(part(element, 'export-button'))).to.equal('Exportar CSV');
    await waitUntil(() => text(row(element, 'pay_3')).includes('Fiduciaria'));
    expect(text(row(element, 'pay_3')))
      .to.include('En proceso')
      // A firm billing in US dollars: its amounts read as the United States writes them (es-US).
      .and.include('$300.00');
  });

  it('takes its component tokens from the page', async () => {
    fixtureCleanup();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--portal-console-payments-row-background: rgb(1, 2, 3)"></div>`);
    const element = document.createElement('portal-console-payments');
    element.client = consoleClientFor(paymentsService());
    element.staff = staffMe('admin');
    wrapper.append(element);
    await loaded(element);
    expect(getComputedStyle(row(element, 'pay_1')).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('reads amounts as people type them', () => {
    expect(parseMoneyInput('125', 'USD')).to.equal(12_500);
    expect(parseMoneyInput('$1,250.5', 'USD')).to.equal(125_050);
    expect(parseMoneyInput('12,50', 'USD')).to.equal(1_250);
    expect(parseMoneyInput('1,250', 'USD')).to.equal(125_000);
    expect(parseMoneyInput('1.234', 'USD')).to.equal(undefined);
    expect(parseMoneyInput('12,34,5', 'USD')).to.equal(undefined);
    expect(parseMoneyInput('', 'USD')).to.equal(undefined);
    expect(parseMoneyInput('1500', 'JPY')).to.equal(1_500);
    expect(moneyInputValue(12_500, 'USD')).to.equal('125.00');
    expect(moneyInputValue(1_500, 'JPY')).to.equal('1500');
  });
});
