import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FirmInvoice, FirmInvoiceDetail, RecordedPayment } from '../../components/console/api/invoices-api.ts';
import type { StaffRole } from '../../components/console/api/types.ts';
import { consoleMessages } from '../../components/console/i18n/translate.ts';
import { parseDecimal, parseMoney, priceDraft, emptyDraft, formField, toRequest } from '../../components/console/invoices/invoice-draft.ts';
import type { PortalConsoleInvoices } from '../../components/console/invoices/invoices.ts';
import '../../components/console/invoices/define.ts';
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

/** A list of figures as "label amount" pairs. */
const figures = (list: Element | null): string =>
  [...(list?.querySelectorAll('div') ?? [])].map((pair) => `${text(pair.querySelector('dt'))} ${text(pair.querySelector('dd'))}`).join(' | ');

function summary(n: number, overrides: Partial<FirmInvoice> = {}): FirmInvoice {
  return {
    id: `inv_${n}`,
    number: `INV-100${n}`,
    matter: 'Morgan v. Castellan',
    contactId: 'con_alex',
    issuedOn: '2026-11-01',
    dueOn: '2026-12-01',
    currency: 'USD',
    depositAccount: 'operating',
    status: 'open',
    total: 125_000,
    amountPaid: 0,
    amountPending: 0,
    balance: 125_000,
    openBalance: 125_000,
    externalId: null,
    ...overrides,
  };
}

function detail(overrides: Partial<FirmInvoiceDetail> = {}): FirmInvoiceDetail {
  return {
    ...summary(1),
    status: 'partially_paid',
    amountPaid: 25_000,
    balance: 100_000,
    openBalance: 100_000,
    subtotal: 130_000,
    discount: -13_000,
    tax: 8_000,
    total: 125_000,
    notes: 'Thank you for your business.',
    lines: [
      { id: 'line_1', kind: 'time', date: null, description: 'Drafting the motion', quantity: 2.5, rate: 40_000, amount: 100_000 },
      { id: 'line_2', kind: 'expense', date: null, description: 'Filing fee', quantity: null, rate: null, amount: 30_000 },
      { id: 'line_3', kind: 'discount', date: null, description: 'Discount', quantity: null, rate: null, amount: -13_000 },
      { id: 'line_4', kind: 'tax', date: null, description: 'Tax', quantity: null, rate: null, amount: 8_000 },
    ],
    payments: [
      {
        paymentId: 'pay_1',
        receiptNumber: 'R-100001',
        date: '2026-11-10T15:00:00.000Z',
        amount: 25_000,
        status: 'succeeded',
        method: { type: 'check', brand: null, last4: null },
      },
    ],
    sentAt: '2026-11-01T10:00:00.000Z',
    voidedAt: null,
    state: 'sent',
    createdAt: '2026-10-30T09:00:00.000Z',
    voidReason: null,
    ...overrides,
  };
}

const draftDetail = (): FirmInvoiceDetail =>
  detail({
    id: 'inv_9',
    number: 'INV-1009',
    status: 'draft',
    state: 'draft',
    amountPaid: 0,
    balance: 125_000,
    openBalance: 0,
    payments: [],
    sentAt: null,
  });

const listed = (): FirmInvoice[] => [
  summary(3, { status: 'draft', contactId: 'con_jordan', matter: null, openBalance: 0 }),
  summary(2, { depositAccount: 'trust', status: 'overdue', dueOn: '2026-10-01' }),
  summary(1, { status: 'partially_paid', amountPaid: 25_000, balance: 100_000, openBalance: 100_000 }),
];

const recorded: RecordedPayment = {
  id: 'pay_2',
  status: 'succeeded',
  amount: 40_000,
  currency: 'USD',
  method: { type: 'wire', brand: null, last4: null },
  source: 'firm',
  reference: 'FW-77',
  receiptNumber: 'R-100002',
  allocations: [{ invoiceId: 'inv_1', invoiceNumber: 'INV-1001', amount: 40_000, depositAccount: 'operating' }],
  failure: null,
  amountRefunded: 0,
  refunds: [],
  checkoutId: null,
  createdAt: '2026-12-02T12:00:00.000Z',
  updatedAt: '2026-12-02T12:00:00.000Z',
};

function invoicesService(role: StaffRole = 'admin', invoices: FirmInvoice[] = listed()): FakeService {
  return staffSignedInService(role)
    .on('GET /api/v1/admin/contacts', () => json(200, { data: contacts, nextCursor: null }))
    .on('GET /api/v1/admin/invoices', ({ url }) => {
      const account = url.searchParams.get('depositAccount');
      const contactId = url.searchParams.get('contactId');
      const data = invoices.filter((invoice) => (!account || invoice.depositAccount === account) && (!contactId || invoice.contactId === contactId));
      return json(200, { data, nextCursor: null });
    })
    .on('GET /api/v1/admin/invoices/inv_1', () => json(200, detail()))
    .on('GET /api/v1/admin/invoices/inv_9', () => json(200, draftDetail()));
}

async function loaded(element: PortalConsoleInvoices): Promise<PortalConsoleInvoices> {
  await waitUntil(
    () => parts(element, 'row').length > 0 || part(element, 'empty') || part(element, 'error') || element.shadowRoot!.querySelector('#invoice-heading'),
    'the invoices did not load',
  );
  await element.updateComplete;
  return element;
}

const screenWith = async (service: FakeService, options: ScreenOptions = {}): Promise<PortalConsoleInvoices> =>
  loaded(await mountScreen('portal-console-invoices', service, { ...options, role: options.role ?? 'admin' }));

function select(element: PortalConsoleInvoices, id: string, value: string): void {
  const control = $<HTMLSelectElement>(element, `#${id}`);
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

function type(element: PortalConsoleInvoices, id: string, value: string): void {
  const control = $<HTMLInputElement>(element, `#${id}`);
  control.value = value;
  control.dispatchEvent(new Event(control.type === 'date' ? 'change' : 'input', { bubbles: true }));
}

const row = (element: PortalConsoleInvoices, id: string) => $(element, `[data-invoice-id="${id}"]`);

describe('invoice-draft (the form’s arithmetic)', () => {
  it('reads amounts as typed in English and Spanish, and refuses more decimals than the currency has', () => {
    expect(parseDecimal('1,234.50', 'en')).to.equal(1234.5);
    expect(parseDecimal('1.234,50', 'es')).to.equal(1234.5);
    expect(parseDecimal('1234.50', 'es')).to.equal(1234.5);
    expect(parseDecimal('12abc', 'en')).to.equal(undefined);
    expect(parseMoney('125.5', 'USD', 'en')).to.equal(12_550);
    expect(parseMoney('125.555', 'USD', 'en')).to.equal(undefined);
    expect(parseMoney('1500', 'JPY', 'en')).to.equal(1500);
  });

  it('prices lines, a percentage discount and a tax on the fees after discount, rounding as the service does', () => {
    const draft = {
      ...emptyDraft('2026-12-01'),
      lines: [
        { kind: 'time' as const, description: 'Advice', quantity: '1.5', unitPrice: '333.33' },
        { kind: 'expense' as const, description: 'Courier', quantity: '', unitPrice: '20' },
      ],
      discount: { mode: 'percent' as const, value: '10' },
      tax: { mode: 'percent' as const, value: '8.25' },
    };
    const priced = priceDraft(draft, 'USD', 'en');
    expect(priced.amounts).to.deep.equal([50_000, 2_000]);
    expect(priced.subtotal).to.equal(52_000);
    expect(priced.discount).to.equal(-5_200);
    expect(priced.tax).to.equal(3_861);
    expect(priced.total).to.equal(50_661);
    const { body, origins, problems } = toRequest({ ...draft, contactId: 'con_alex' }, 'USD', 'en');
    expect(problems.size).to.equal(0);
    expect(body.lines).to.deep.equal([
      { kind: 'time', description: 'Advice', quantity: 1.5, rate: 33_333 },
      { kind: 'expense', description: 'Courier', amount: 2_000 },
      { kind: 'discount', description: 'Discount', percent: 10 },
      { kind: 'tax', description: 'Tax', percent: 8.25 },
    ]);
    expect(formField('lines.0.rate', origins)).to.equal('lines.0.unitPrice');
    expect(formField('lines.2', origins)).to.equal('discount');
    expect(formField('dueOn', origins)).to.equal('dueOn');
  });
});

describe('<portal-console-invoices>', () => {
  afterEach(() => fixtureCleanup());

  it('lists the firm’s invoices with client, due date, status and money, and is accessible', async () => {
    const service = invoicesService();
    const element = await screenWith(service);
    await waitUntil(() => text(row(element, 'inv_3')).includes('Jordan Lee'), 'client names did not load', { timeout: 5000 });
    expect(parts(element, 'open-button').map((button) => text(button))).to.deep.equal(['INV-1003', 'INV-1002', 'INV-1001']);
    expect(text(row(element, 'inv_3'))).to.include('Draft');
    expect(text(row(element, 'inv_2')))
      .to.include('Trust')
      .and.include('Overdue');
    expect(text(row(element, 'inv_1')))
      .to.include('$1,250.00')
      .and.include('$1,000.00')
      .and.include('Partly paid');
    const request = service.calls('GET /api/v1/admin/invoices')[0]!;
    expect(request.url.searchParams.get('status'), 'drafts are listed by default').to.equal(null);
    expect(request.url.searchParams.get('sort')).to.equal('-issuedOn');
    expect(request.headers.get('authorization')).to.equal('Bearer staff-access-1');
    await expect(element).to.be.accessible();
  });

  it('filters by status, client, account and due range, and sorts', async () => {
    const service = invoicesService();
    const element = await screenWith(service);
    const calls = () => service.calls('GET /api/v1/admin/invoices');
    const last = () => calls().at(-1)!.url.searchParams;
    select(element, 'filter-status', 'overdue');
    await waitUntil(() => last().get('status') === 'overdue');
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#filter-client option').length === 3);
    select(element, 'filter-client', 'con_alex');
    await waitUntil(() => last().get('contactId') === 'con_alex');
    select(element, 'filter-account', 'trust');
    await waitUntil(() => last().get('depositAccount') === 'trust');
    type(element, 'filter-due-from', '2026-10-01');
    await waitUntil(() => last().get('dueFrom') === '2026-10-01');
    type(element, 'filter-due-to', '2026-10-31');
    await waitUntil(() => last().get('dueTo') === '2026-10-31');
    select(element, 'sort', 'dueOn');
    await waitUntil(() => last().get('sort') === 'dueOn');
    expect(last().get('status')).to.equal('overdue');
    await loaded(element);
    expect(parts(element, 'row').map((each) => each.dataset.invoiceId)).to.deep.equal(['inv_2']);
  });

  it('shows a skeleton while loading, the empty state, and an error with a retry', async () => {
    const answer = deferred<Response>();
    const service = invoicesService().on('GET /api/v1/admin/invoices', () => answer.promise);
    fixtureCleanup();
    const element = await fixture<PortalConsoleInvoices>(
      html`<portal-console-invoices .client=${consoleClientFor(service)} .staff=${staffMe('admin')}></portal-console-invoices>`,
    );
    await waitUntil(() => part(element, 'skeleton'));
    expect(text(part(element, 'skeleton'))).to.include('Loading invoices');
    answer.resolve(json(200, { data: [], nextCursor: null }));
    await waitUntil(() => part(element, 'empty'));
    expect(text(part(element, 'empty'))).to.include('No invoices yet');

    let failures = 1;
    const flaky = invoicesService().on('GET /api/v1/admin/invoices', () =>
      failures-- > 0 ? problem(500, 'internal', 'Boom.') : json(200, { data: listed(), nextCursor: null }),
    );
    const failing = await screenWith(flaky);
    expect(text(part(failing, 'error'))).to.include('could not be loaded');
    await expect(failing).to.be.accessible();
    part(failing, 'retry-button')!.click();
    await waitUntil(() => parts(failing, 'row').length === 3);
  });

  it('opens an invoice with lines, totals, payments applied and history; a payment opens in Payments', async () => {
    const service = invoicesService();
    const element = await screenWith(service);
    row(element, 'inv_1').querySelector<HTMLButtonElement>('[part~="open-button"]')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('#invoice-heading'));
    expect(element.getAttribute('item-id')).to.equal('inv_1');
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'back-button'));
    expect(text(part(element, 'lines')))
      .to.include('Drafting the motion')
      .and.include('$400.00')
      .and.include('Discount');
    const totals = figures(part(element, 'totals'));
    expect(totals).to.include('Subtotal $1,300.00').and.include('Discount -$130.00').and.include('Tax $80.00').and.include('Total $1,250.00');
    expect(totals).to.include('Balance due $1,000.00');
    expect(text(part(element, 'history')))
      .to.include('Drafted')
      .and.include('Sent to the client')
      .and.include('$250.00 received by Check');
    await expect(element).to.be.accessible();

    const opened = oneEvent(element, 'portal-console-open');
    part(element, 'payment-link')!.click();
    expect((await opened).detail).to.deep.equal({ screen: 'payments', itemId: 'pay_1' });

    part(element, 'back-button')!.click();
    await waitUntil(() => parts(element, 'row').length === 3);
    await waitUntil(() => element.shadowRoot!.activeElement === row(element, 'inv_1').querySelector('[part~="open-button"]'));
    expect(element.hasAttribute('item-id') ? element.getAttribute('item-id') : '').to.equal('');
  });

  it('creates a draft: client, lines, percentage discount and tax, live totals, then the request it sends', async () => {
    const service = invoicesService()
      .on('GET /api/v1/firms/demo/branding', () => json(200, { slug: 'demo', name: 'Hale', currency: 'USD' }))
      .on('POST /api/v1/admin/invoices', () => json(201, draftDetail()));
    const element = await screenWith(service);
    part(element, 'new-button')!.click();
    await waitUntil(() => part(element, 'form'));
    await waitUntil(() => element.shadowRoot!.querySelectorAll('#form-contactId option').length === 3);
    select(element, 'form-contactId', 'con_alex');
    type(element, 'form-matter', 'Estate of Eleanor Morgan');
    type(element, 'form-line-0-description', 'Drafting the will');
    type(element, 'form-line-0-quantity', '2');
    type(element, 'form-line-0-unitPrice', '450');
    $<HTMLButtonElement>(element, '.lines-editor > .button').click();
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'form-line-1-description');
    select(element, 'form-line-1-kind', 'expense');
    type(element, 'form-line-1-description', 'Recording fee');
    type(element, 'form-line-1-unitPrice', '100');
    select(element, 'form-discount-mode', 'percent');
    await element.updateComplete;
    type(element, 'form-discount', '10');
    select(element, 'form-tax-mode', 'amount');
    await element.updateComplete;
    type(element, 'form-tax', '12.50');
    $<HTMLInputElement>(element, 'input[name="depositAccount"][value="trust"]').click();
    await element.updateComplete;
    expect(figures(part(element, 'form-totals')))
      .to.include('Subtotal $1,000.00')
      .and.include('Discount -$100.00')
      .and.include('Tax $12.50')
      .and.include('Total $912.50');

    const saved = oneEvent(element, 'portal-console-invoice-saved');
    $<HTMLButtonElement>(element, '[part~="form"] button[type="submit"]').click();
    expect((await saved).detail.created).to.equal(true);
    const body = service.calls('POST /api/v1/admin/invoices')[0]!.body as Record<string, unknown>;
    expect(body).to.deep.include({ contactId: 'con_alex', matter: 'Estate of Eleanor Morgan', depositAccount: 'trust' });
    expect(body.lines).to.deep.equal([
      { kind: 'time', description: 'Drafting the will', quantity: 2, rate: 45_000 },
      { kind: 'expense', description: 'Recording fee', amount: 10_000 },
      { kind: 'discount', description: 'Discount', percent: 10 },
      { kind: 'tax', description: 'Tax', amount: 1_250 },
    ]);
    await waitUntil(() => element.getAttribute('item-id') === 'inv_9');
    await waitUntil(() => text(part(element, 'announcer')) === 'Draft INV-1009 created.');
  });

  it('checks the form first, then shows the service’s problems next to the fields they name', async () => {
    const service = invoicesService()
      .on('GET /api/v1/firms/demo/branding', () => json(200, { slug: 'demo', name: 'Hale', currency: 'USD' }))
      .on('POST /api/v1/admin/invoices', () =>
        problem(400, 'invalid_request', 'The request body is invalid.', {
          errors: [
            { field: 'dueOn', message: 'must not be before issuedOn' },
            { field: 'lines.0', message: 'amount 1 does not equal quantity × rate (2)' },
          ],
        }),
      );
    const element = await screenWith(service);
    part(element, 'new-button')!.click();
    await waitUntil(() => part(element, 'form'));
    $<HTMLButtonElement>(element, '[part~="form"] button[type="submit"]').click();
    await waitUntil(() => $(element, '#form-contactId').getAttribute('aria-invalid') === 'true');
    expect(text($(element, '#form-contactId-error'))).to.equal('This is required.');
    expect(text($(element, '#form-lines-0-description-error'))).to.equal('This is required.');
    expect(element.shadowRoot!.activeElement?.id).to.equal('form-contactId');
    expect(service.calls('POST /api/v1/admin/invoices')).to.have.length(0);

    await waitUntil(() => element.shadowRoot!.querySelectorAll('#form-contactId option').length === 3);
    select(element, 'form-contactId', 'con_jordan');
    type(element, 'form-line-0-description', 'Advice');
    type(element, 'form-line-0-unitPrice', '100');
    $<HTMLButtonElement>(element, '[part~="form"] button[type="submit"]').click();
    await waitUntil(() => element.shadowRoot!.querySelector('#form-dueOn-error'));
    expect(text($(element, '#form-dueOn-error'))).to.equal('must not be before issuedOn');
    expect($(element, '#form-dueOn').getAttribute('aria-describedby')).to.equal('form-dueOn-error');
    expect(text($(element, '#form-lines-0-unitPrice-error'))).to.include('does not equal');
    await expect(element).to.be.accessible();
  });

  it('edits a draft and sends it; sends announce and fire an event', async () => {
    const service = invoicesService()
      .on('PATCH /api/v1/admin/invoices/inv_9', () => json(200, draftDetail()))
      .on('POST /api/v1/admin/invoices/inv_9/send', () => json(200, { ...draftDetail(), state: 'sent', status: 'open' }));
    const element = await screenWith(service, { itemId: 'inv_9' });
    part(element, 'edit-button')!.click();
    await waitUntil(() => part(element, 'form'));
    expect($<HTMLInputElement>(element, '#form-line-0-description').value).to.equal('Drafting the motion');
    expect($<HTMLInputElement>(element, '#form-line-0-unitPrice').value).to.equal('400.00');
    expect($<HTMLSelectElement>(element, '#form-discount-mode').value).to.equal('amount');
    expect($<HTMLInputElement>(element, '#form-discount').value).to.equal('130.00');
    type(element, 'form-notes', 'Due on receipt.');
    $<HTMLButtonElement>(element, '[part~="form"] button[type="submit"]').click();
    await waitUntil(() => service.calls('PATCH /api/v1/admin/invoices/inv_9').length === 1);
    const changes = service.calls('PATCH /api/v1/admin/invoices/inv_9')[0]!.body as Record<string, unknown>;
    expect(changes.notes).to.equal('Due on receipt.');
    expect(changes).not.to.have.property('contactId');
    await waitUntil(() => part(element, 'send-button'));

    const sent = oneEvent(element, 'portal-console-invoice-sent');
    part(element, 'send-button')!.click();
    expect((await sent).detail.invoice.state).to.equal('sent');
    await waitUntil(() => text(part(element, 'announcer')) === 'Invoice INV-1009 sent to the client.');
  });

  it('voids only after a confirmation, and deletes a draft after one', async () => {
    const open = detail({ amountPaid: 0, balance: 125_000, openBalance: 125_000, payments: [], status: 'open' });
    const service = invoicesService()
      .on('GET /api/v1/admin/invoices/inv_1', () => json(200, open))
      .on('POST /api/v1/admin/invoices/inv_1/void', () => json(200, { ...open, state: 'void', status: 'void', voidedAt: '2026-12-02T10:00:00.000Z' }))
      .on('DELETE /api/v1/admin/invoices/inv_9', () => new Response(null, { status: 204 }));
    const element = await screenWith(service, { itemId: 'inv_1' });
    part(element, 'void-button')!.click();
    await confirmOpened(element);
    expect(text($(element, '#confirm-title'))).to.equal('Void invoice INV-1001?');
    part(element, 'cancel-button')!.click();
    await confirmClosed(element);
    expect(service.calls('POST /api/v1/admin/invoices/inv_1/void')).to.have.length(0);

    part(element, 'void-button')!.click();
    await confirmOpened(element);
    const voided = oneEvent(element, 'portal-console-invoice-voided');
    part(element, 'confirm-button')!.click();
    expect((await voided).detail).to.deep.equal({ invoiceId: 'inv_1', deleted: false });
    await waitUntil(() => text(part(element, 'announcer')) === 'Invoice INV-1001 voided.');

    element.itemId = 'inv_9';
    await waitUntil(() => part(element, 'delete-button'));
    part(element, 'delete-button')!.click();
    await confirmOpened(element);
    part(element, 'confirm-button')!.click();
    await waitUntil(() => service.calls('DELETE /api/v1/admin/invoices/inv_9').length === 1);
    await waitUntil(() => element.itemId === '' && text(part(element, 'announcer')) === 'Draft INV-1009 deleted.');
  });

  it('records a wire with an Idempotency-Key, sent again unchanged on a retry', async () => {
    let attempts = 0;
    const service = invoicesService().on('POST /api/v1/admin/invoices/inv_1/payments', () =>
      attempts++ === 0 ? problem(503, 'unavailable', 'Try again.') : json(201, recorded),
    );
    const element = await screenWith(service, { itemId: 'inv_1' });
    part(element, 'record-button')!.click();
    await waitUntil(() => element.shadowRoot!.activeElement?.id === 'payment-amount');
    expect($<HTMLInputElement>(element, '#payment-amount').value, 'the balance by default').to.equal('1000.00');
    type(element, 'payment-amount', '400');
    select(element, 'payment-method', 'wire');
    type(element, 'payment-date', '2026-11-28');
    type(element, 'payment-reference', 'FW-77');
    $<HTMLButtonElement>(element, '[part~="payment-form"] button[type="submit"]').click();
    await waitUntil(() => text(part(element, 'payment-form')!.querySelector('.alert')) !== '');
    const recordedEvent = oneEvent(element, 'portal-console-invoice-payment-recorded');
    $<HTMLButtonElement>(element, '[part~="payment-form"] button[type="submit"]').click();
    expect((await recordedEvent).detail.payment.id).to.equal('pay_2');
    const [first, second] = service.calls('POST /api/v1/admin/invoices/inv_1/payments');
    expect(first!.body).to.deep.equal({ amount: 40_000, method: { type: 'wire', reference: 'FW-77' }, receivedOn: '2026-11-28' });
    expect(first!.headers.get('idempotency-key')).to.match(/^[\w-]{16,}$/);
    expect(second!.headers.get('idempotency-key')).to.equal(first!.headers.get('idempotency-key'));
    await waitUntil(() => text(part(element, 'announcer')) === '$400.00 recorded on invoice INV-1001.');
  });

  it('shows the payment problems next to their fields', async () => {
    const service = invoicesService().on('POST /api/v1/admin/invoices/inv_1/payments', () =>
      problem(400, 'invalid_request', 'Invalid.', { errors: [{ field: 'receivedOn', message: 'must not be after today' }] }),
    );
    const element = await screenWith(service, { itemId: 'inv_1' });
    part(element, 'record-button')!.click();
    await waitUntil(() => part(element, 'payment-form'));
    type(element, 'payment-amount', '2000');
    $<HTMLButtonElement>(element, '[part~="payment-form"] button[type="submit"]').click();
    await waitUntil(() => element.shadowRoot!.querySelector('#payment-amount-error'));
    expect(text($(element, '#payment-amount-error'))).to.include('at most the $1,000.00');
    expect(service.calls('POST /api/v1/admin/invoices/inv_1/payments')).to.have.length(0);
    type(element, 'payment-amount', '10');
    $<HTMLButtonElement>(element, '[part~="payment-form"] button[type="submit"]').click();
    await waitUntil(() => element.shadowRoot!.querySelector('#payment-receivedOn-error'));
    expect(text($(element, '#payment-receivedOn-error'))).to.equal('must not be after today');
    expect(element.shadowRoot!.activeElement?.id).to.equal('payment-date');
  });

  it('hides creating, sending, voiding and recording from the staff role, and explains a 403', async () => {
    const element = await screenWith(invoicesService('staff'), { role: 'staff', itemId: 'inv_1' });
    expect(part(element, 'new-button')).to.equal(null);
    expect(part(element, 'actions')).to.equal(null);
    expect(part(element, 'totals')).not.to.equal(null);
    const forbidden = await screenWith(invoicesService().on('GET /api/v1/admin/invoices', () => problem(403, 'role_forbidden', 'No.')));
    expect(text(part(forbidden, 'error'))).to.include('Your role does not allow this');
    const send = await screenWith(
      invoicesService().on('POST /api/v1/admin/invoices/inv_9/send', () => problem(403, 'role_forbidden', 'No.')),
      { itemId: 'inv_9' },
    );
    part(send, 'send-button')!.click();
    await waitUntil(() => text(send.shadowRoot!.querySelector('.alert')).includes('Your role does not allow this'));
  });

  it('works by keyboard: opening an invoice, the void confirmation, Escape', async () => {
    const open = detail({ amountPaid: 0, balance: 125_000, openBalance: 125_000, payments: [], status: 'open' });
    const element = await screenWith(invoicesService().on('GET /api/v1/admin/invoices/inv_1', () => json(200, open)));
    row(element, 'inv_1').querySelector<HTMLButtonElement>('[part~="open-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => element.shadowRoot!.activeElement === part(element, 'back-button'));
    await waitUntil(() => part(element, 'void-button'));
    part(element, 'void-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await confirmOpened(element);
    expect(element.shadowRoot!.activeElement).to.equal(part(element, 'cancel-button'));
    await sendKeys({ press: 'Escape' });
    await confirmClosed(element);
    await waitUntil(() => element.shadowRoot!.activeElement === part(element, 'void-button'));
  });

  it('fits a 375 px screen without sideways scrolling, list and form', async () => {
    const service = invoicesService().on('GET /api/v1/firms/demo/branding', () => json(200, { slug: 'demo', name: 'Hale', currency: 'USD' }));
    const element = await screenWith(service, { width: '375px' });
    const base = part(element, 'base')!;
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    expect(getComputedStyle(element.shadowRoot!.querySelector('.head-row')!).display).to.equal('none');
    part(element, 'new-button')!.click();
    await waitUntil(() => part(element, 'form'));
    expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
  });

  it('speaks Spanish inside lang="es"', async () => {
    expect(await consoleMessages.load('es')).to.equal(true);
    const element = await screenWith(invoicesService(), { lang: 'es' });
    await waitUntil(() => text(element.shadowRoot!.querySelector('h2')) === 'Facturas');
    expect(text(part(element, 'new-button'))).to.equal('Nueva factura');
    expect(text(row(element, 'inv_2')))
      .to.include('Vencida')
      .and.include('Fiduciaria');
  });

  it('takes its component tokens from the page', async () => {
    fixtureCleanup();
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--portal-console-invoices-row-background: rgb(1, 2, 3)"></div>`);
    const element = document.createElement('portal-console-invoices');
    element.client = consoleClientFor(invoicesService());
    element.staff = staffMe('admin');
    wrapper.append(element);
    await loaded(element);
    expect(getComputedStyle(row(element, 'inv_1')).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});
