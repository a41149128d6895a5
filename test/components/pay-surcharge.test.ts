import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PaymentRequest, PaymentSetup, PortalPay } from '../../components/index.ts';
import { formatPercent } from '../../components/i18n/format.ts';
import { paymentElementOptions } from '../../components/pay/stripe-payment-element.ts';
import { overflowing } from './layout-fit.ts';
import { afterEach, describe, it } from './mocha.ts';
import { payBranding, payService } from './pay-fake.ts';
import { problem } from './fake-service.ts';
import { $, announced, chooseMethod, clientFor, fillCard, has, leave, payFor, result, submit, transitionsDone, type } from './pay-helpers.ts';
import { installFakeStripe } from './stripe-fake.ts';

const stripeSetup: PaymentSetup = { processor: 'stripe', publishableKey: 'pk_test_portico', bankLink: 'sandbox', sandboxUrl: null };

const surchargeLine = (pay: PortalPay) => pay.shadowRoot!.querySelector<HTMLElement>('[part="surcharge"]');
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
const payButton = (pay: PortalPay) => text($(pay, '[part~="pay-button"]'));

describe('<portal-pay> card surcharge', () => {
  it('writes the surcharge rate as the language writes a percentage', () => {
    expect(formatPercent(3, 'en-US')).to.equal('3%');
    expect(formatPercent(2.5, 'en-US')).to.equal('2.5%');
    expect(formatPercent(2.75, 'es')).to.equal('2,75\u00a0%');
    expect(formatPercent(3.125, 'en')).to.equal('3.13%', 'two decimals at most');
  });

  afterEach(() => {
    document.querySelectorAll('[slot="stripe-payment-element"]').forEach((node) => node.remove());
  });

  it('shows a credit card’s surcharge on its own line before charging, and charges the total on the next press', async function () {
    // Two presses, axe and a receipt: more than the default 5 s on a busy machine.
    const service = payService({ surcharge: 3 });
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    expect(surchargeLine(pay)).to.equal(null);
    expect(payButton(pay)).to.equal('Pay $500.00');

    await submit(pay);
    await waitUntil(() => surchargeLine(pay), 'no surcharge line was shown');
    expect(text(surchargeLine(pay))).to.equal('Card surcharge (3%) $15.00');
    expect(text($(pay, '[part="total"]'))).to.equal('Total: $515.00');
    expect(payButton(pay)).to.equal('Pay $515.00');
    expect(await announced(pay, '[role="status"]')).to.contain('A card surcharge of $15.00 applies');
    expect(service.calls('POST /api/v1/payments'), 'nothing is charged before the client sees the surcharge').to.have.length(0);
    // The line comes before the button that states the total.
    expect(surchargeLine(pay)!.compareDocumentPosition($(pay, '[part~="pay-button"]')) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    const succeeded = oneEvent(pay, 'portal-payment-succeeded');
    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');
    const receipt = [...pay.shadowRoot!.querySelectorAll('[part="receipt"] > div')].map((row) => text(row));
    expect(receipt).to.include('Amount $515.00');
    expect(receipt).to.include('Card surcharge (3%), included $15.00');
    const [paid] = service.calls('POST /api/v1/payments');
    expect((paid!.body as PaymentRequest).amount).to.equal(51_500);
    expect((paid!.body as PaymentRequest).paymentMethod).to.deep.equal({ type: 'card', token: 'pm_card_4242' });
    expect(service.calls('POST /sandbox/v1/payment_methods'), 'the card quoted is the card charged').to.have.length(1);
    expect(service.calls('POST /api/v1/payments/quote')).to.have.length(1);
    expect((await succeeded).detail.amount).to.equal(51_500);
  });

  it('pays a debit card at once, with no surcharge line', async () => {
    const service = payService({ surcharge: 3 });
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay, '4000056655665556');
    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');
    expect(surchargeLine(pay)).to.equal(null);
    const [paid] = service.calls('POST /api/v1/payments');
    expect((paid!.body as PaymentRequest).amount).to.equal(50_000);
  });

  it('drops the surcharge when the amount changes, and quotes again', async () => {
    const service = payService({ surcharge: 3 });
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await waitUntil(() => surchargeLine(pay), 'no surcharge line was shown');
    await type(pay, 'amount-total', '100');
    await leave(pay, 'amount-total');
    expect(surchargeLine(pay)).to.equal(null);
    expect(payButton(pay)).to.equal('Pay $100.00');
    await submit(pay);
    await waitUntil(() => surchargeLine(pay), 'no new surcharge line');
    expect(text(surchargeLine(pay))).to.equal('Card surcharge (3%) $3.00');
    expect(service.calls('POST /api/v1/payments/quote')).to.have.length(2);
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);
  });

  it('asks for a new quote when the service says the surcharge changed', async () => {
    const service = payService({ surcharge: 3 });
    service.on('POST /api/v1/payments', () => problem(409, 'amount_mismatch', 'The total confirmed is not what this payment comes to.', { expected: 50_000 }));
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await waitUntil(() => surchargeLine(pay), 'no surcharge line was shown');
    await submit(pay);
    expect(await announced(pay, '[part="alert"]')).to.equal('The card surcharge changed. Press Pay to see the new total.');
    expect(surchargeLine(pay)).to.equal(null);
    expect(payButton(pay)).to.equal('Pay $500.00');
  });

  it('says it in Spanish, and fits a 375 px phone', async () => {
    const service = payService({ surcharge: 2.5 });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es" style="width: 375px"><portal-pay invoice-ids="inv_a" .client=${clientFor(service)}></portal-pay></div>`,
    );
    const pay = wrapper.querySelector<PortalPay>('portal-pay')!;
    await waitUntil(() => has(pay, '#heading'), 'the form never appeared');
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await waitUntil(() => surchargeLine(pay), 'no surcharge line was shown');
    // Spanish's table loads on first use: the line is re-rendered once it is there.
    await waitUntil(() => text(surchargeLine(pay))?.startsWith('Recargo'), `the line stayed ${text(surchargeLine(pay))}`);
    // Spanish writes the percent sign after a no-break space, and a decimal comma.
    expect(surchargeLine(pay)!.textContent).to.contain('2,5\u00a0%');
    expect(text(surchargeLine(pay))).to.equal('Recargo por tarjeta (2,5 %) $12.50');
    expect(payButton(pay)).to.match(/^Pagar /);
    expect(overflowing(pay, wrapper)).to.deep.equal([]);
    await submit(pay);
    await waitUntil(() => has(pay, '[part="receipt"]'), 'no receipt was shown');
    const receipt = [...pay.shadowRoot!.querySelectorAll('[part="receipt"] > div')].map((row) => text(row));
    expect(receipt).to.include('Recargo por tarjeta (2,5 %), incluido $12.50');
  });

  it('shows the line with Stripe too, for the PaymentMethod Stripe made', async () => {
    const stripe = installFakeStripe();
    const service = payService({ setup: stripeSetup, surcharge: 3 });
    const pay = await payFor(service);
    await waitUntil(() => pay.querySelector('[slot="stripe-payment-element"] .fake-stripe-payment-element'), 'the Payment Element was never mounted');
    await submit(pay);
    await waitUntil(() => surchargeLine(pay), 'no surcharge line was shown');
    expect(text(surchargeLine(pay))).to.equal('Card surcharge (3%) $15.00');
    expect(payButton(pay)).to.equal('Pay $515.00');
    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');
    expect(stripe.called('createPaymentMethod'), 'the PaymentMethod quoted is the one charged').to.have.length(1);
    const [paid] = service.calls('POST /api/v1/payments');
    expect((paid!.body as PaymentRequest).amount).to.equal(51_500);
    expect((paid!.body as PaymentRequest).paymentMethod).to.deep.equal({ type: 'card', token: 'pm_fake_card_1' });
  });
});

describe('<portal-pay> Apple Pay and Google Pay', () => {
  afterEach(() => {
    document.querySelectorAll('[slot="stripe-payment-element"]').forEach((node) => node.remove());
  });

  const mountedOptions = async (wallets: boolean | undefined) => {
    const stripe = installFakeStripe();
    const branding = { ...payBranding, paymentMethods: { ...payBranding.paymentMethods, ...(wallets === undefined ? {} : { wallets }) } };
    const pay = await payFor(payService({ setup: stripeSetup, branding }));
    await waitUntil(() => pay.querySelector('[slot="stripe-payment-element"] .fake-stripe-payment-element'), 'the Payment Element was never mounted');
    return { options: stripe.called('elements.create').at(-1)!.args[1] as { wallets: Record<string, string> }, pay, stripe };
  };

  it('offers the wallets with cards when the firm turned them on', async () => {
    const { options } = await mountedOptions(true);
    expect(options.wallets).to.deep.equal({ applePay: 'auto', googlePay: 'auto', link: 'never' });
  });

  it('keeps them off by default and when the firm turned them off', async () => {
    expect((await mountedOptions(undefined)).options.wallets).to.deep.equal({ applePay: 'never', googlePay: 'never', link: 'never' });
    expect((await mountedOptions(false)).options.wallets).to.deep.equal({ applePay: 'never', googlePay: 'never', link: 'never' });
  });

  it('never offers them for bank debits', async () => {
    expect(paymentElementOptions({ type: 'us_bank_account', wallets: true }).wallets).to.deep.equal({ applePay: 'never', googlePay: 'never', link: 'never' });
    const { pay, stripe } = await mountedOptions(true);
    await chooseMethod(pay, 'bank-account');
    await waitUntil(() => stripe.called('elements.create').length === 2, 'no Payment Element for the bank account');
    expect((stripe.called('elements.create').at(-1)!.args[1] as { wallets: Record<string, string> }).wallets.applePay).to.equal('never');
  });
});
