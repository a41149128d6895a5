import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PaymentRequest, PaymentSetup, PortalPay } from '../../components/index.ts';
import { stripeAppearance, stripeLocale } from '../../components/pay/stripe-appearance.ts';
import { elementsOptions, paymentElementOptions, problemOf } from '../../components/pay/stripe-payment-element.ts';
import { afterEach, describe, it } from './mocha.ts';
import { invoiceA, json, payment, payService, savedCard } from './pay-fake.ts';
import { $, announced, chooseMethod, clientFor, focused, has, payFor, result, submit, transitionsDone } from './pay-helpers.ts';
import { cardError, installFakeStripe, stripeConstructions, validationError, type FakeStripe } from './stripe-fake.ts';

const stripeSetup: PaymentSetup = { processor: 'stripe', publishableKey: 'pk_test_portico', bankLink: 'sandbox', sandboxUrl: null };
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const stripeScripts = 'script[src^="https://js.stripe.com"]';

/** The form with Stripe as the processor, once its Payment Element is mounted. */
async function stripePay(service = payService({ setup: stripeSetup }), invoiceIds = ['inv_a']): Promise<PortalPay> {
  const pay = await payFor(service, invoiceIds);
  await mounted(pay);
  return pay;
}

async function mounted(pay: PortalPay): Promise<HTMLElement> {
  await waitUntil(() => pay.querySelector('[slot="stripe-payment-element"] .fake-stripe-payment-element'), 'the Payment Element was never mounted');
  return pay.querySelector<HTMLElement>('[slot="stripe-payment-element"]')!;
}

function lastElementsOptions(stripe: FakeStripe): Record<string, unknown> & { appearance?: { theme?: string; variables?: Record<string, string> } } {
  return stripe.called('elements').at(-1)!.args[0] as Record<string, unknown>;
}

customElements.define(
  'test-shadow-wrapper',
  class extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: 'open' });
    }
  },
);

describe('<portal-pay> with Stripe', () => {
  afterEach(() => {
    document.documentElement.style.removeProperty('--portal-color-brand');
  });

  // First in this file: Stripe's loader has not found window.Stripe yet, so it adds its script.
  it('says clearly when Stripe.js cannot load (blocked by the page’s CSP) and loads it again on request', async () => {
    expect('Stripe' in window).to.equal(false);
    const policy = document.createElement('meta');
    policy.httpEquiv = 'Content-Security-Policy';
    policy.content = "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob: data:";
    document.head.append(policy);
    const service = payService({ setup: stripeSetup });
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await waitUntil(() => has(pay, '[part~="processor-form"] [role="alert"]'), 'no message that Stripe.js did not load', { timeout: 4000 });
    expect($(pay, '[part~="processor-form"] [role="alert"]').textContent).to.contain('The secure payment form could not be loaded, so nothing was charged');
    expect(document.querySelectorAll(stripeScripts).length).to.be.greaterThan(0);
    expect(has(pay, '#card-number')).to.equal(false);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    $<HTMLButtonElement>(pay, '[part~="pay-button"]').click();
    expect(await announced(pay, '[part="alert"]')).to.contain('could not be loaded');
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);

    // The connection is back: Stripe.js is there when the client asks to load the form again.
    document.querySelectorAll(stripeScripts).forEach((script) => script.remove());
    const stripe = installFakeStripe();
    $<HTMLButtonElement>(pay, '[part~="processor-retry-button"]').click();
    await mounted(pay);
    expect(stripe.publishableKeys).to.deep.equal(['pk_test_portico']);
    expect(has(pay, '[part~="processor-form"] [role="alert"]')).to.equal(false);
  });

  it('never fetches the sandbox’s own forms with Stripe, and fetches them for the sandbox', async () => {
    performance.setResourceTimingBufferSize(10_000);
    const fetched = () => performance.getEntriesByType('resource').some((entry) => new URL(entry.name).pathname.endsWith('/components/pay/sandbox-forms.ts'));
    installFakeStripe();
    const pay = await stripePay();
    await chooseMethod(pay, 'bank-account');
    await mounted(pay);
    await chooseMethod(pay, 'card');
    await mounted(pay);
    expect(fetched(), 'the sandbox’s forms with Stripe').to.equal(false);

    const sandbox = await payFor(payService());
    await chooseMethod(sandbox, 'card');
    await waitUntil(() => has(sandbox, '#card-number'), 'no card fields with the sandbox');
    expect(fetched(), 'the sandbox’s forms with the sandbox').to.equal(true);
    // Their styles came with them.
    expect(getComputedStyle($(sandbox, '[part~="card-fields"]')).paddingTop).to.not.equal('0px');
  });

  it('loads Stripe.js only when the form opens, and adds no script when window.Stripe is there', async () => {
    const stripe = installFakeStripe();
    const before = stripeConstructions.length;
    const sandbox = await payFor(payService());
    await chooseMethod(sandbox, 'card');
    expect(stripeConstructions.length, 'the sandbox loads nothing of Stripe').to.equal(before);
    expect(sandbox.querySelector('[slot="stripe-payment-element"]')).to.equal(null);
    sandbox.remove();

    const pay = await stripePay();
    expect(stripeConstructions.length).to.equal(before + 1);
    expect(stripe.publishableKeys).to.deep.equal(['pk_test_portico']);
    expect(document.querySelector(stripeScripts)).to.equal(null);
    expect(has(pay, '#card-number'), 'the sandbox card fields are not shown').to.equal(false);
    expect(has(pay, '[part="processor-placeholder"]')).to.equal(false);
  });

  it('mounts the Payment Element in a light-DOM child shown through its slot, and removes it on disconnect', async () => {
    const stripe = installFakeStripe();
    const pay = await stripePay();
    const point = pay.querySelector<HTMLElement>(':scope > [slot="stripe-payment-element"]')!;
    expect(point.getRootNode()).to.equal(document);
    const slot = $<HTMLSlotElement>(pay, '[part~="processor-form"] slot[name="stripe-payment-element"]');
    expect(slot.assignedElements()).to.deep.equal([point]);
    expect(stripe.mounted!.mountedIn).to.equal(point);
    expect(stripe.called('elements.create')[0]!.args[0]).to.equal('payment');

    const options = lastElementsOptions(stripe);
    expect(options).to.include({ mode: 'payment', amount: 50_000, currency: 'usd', paymentMethodCreation: 'manual', locale: 'en' });
    expect(options.allowedPaymentMethodTypes).to.deep.equal(['card']);
    expect(stripe.called('elements.create')[0]!.args[1]).to.deep.equal(paymentElementOptions());

    const element = stripe.mounted!;
    pay.remove();
    expect(point.isConnected).to.equal(false);
    expect(element.destroyed).to.equal(true);
  });

  it('passes the mount point through the shadow roots <portal-pay> is inside', async () => {
    const stripe = installFakeStripe();
    const wrapper = await fixture<HTMLElement>(html`<test-shadow-wrapper></test-shadow-wrapper>`);
    const pay = document.createElement('portal-pay');
    pay.invoiceIds = ['inv_a'];
    pay.client = clientFor(payService({ setup: stripeSetup }));
    wrapper.shadowRoot!.append(pay);
    await waitUntil(() => stripe.mounted, 'the Payment Element was never mounted');
    const point = stripe.mounted!.mountedIn!;
    expect(point.parentElement).to.equal(wrapper);
    expect(point.getRootNode()).to.equal(document);
    const slot = pay.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="stripe-payment-element"]')!;
    expect(slot.assignedElements({ flatten: true })).to.deep.equal([point]);
    expect(pay.querySelector(':scope > slot[slot="stripe-payment-element"]')).to.exist;

    const second = document.createElement('portal-pay');
    second.invoiceIds = ['inv_a'];
    second.client = clientFor(payService({ setup: stripeSetup }));
    wrapper.shadowRoot!.append(second);
    await waitUntil(() => stripe.paymentElements.filter((element) => element.mountedIn).length === 2, 'the second form was never mounted');
    const secondPoint = stripe.paymentElements.find((element) => element.mountedIn && element.mountedIn !== point)!.mountedIn!;
    const secondSlot = second.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="stripe-payment-element"]')!;
    expect(secondSlot.assignedElements({ flatten: true })).to.deep.equal([secondPoint]);
    expect(slot.assignedElements({ flatten: true })).to.deep.equal([point]);
    second.remove();
    pay.remove();
    expect(point.isConnected).to.equal(false);
    expect(wrapper.children).to.have.length(0);
  });

  it('themes the Payment Element from the portal’s tokens', async () => {
    const stripe = installFakeStripe();
    await stripePay();
    const plain = lastElementsOptions(stripe).appearance!;
    expect(plain.theme).to.equal('stripe');
    expect(plain.variables).to.deep.include({
      colorPrimary: 'rgb(31, 78, 121)',
      colorText: 'rgb(27, 36, 48)',
      colorBackground: 'rgb(255, 255, 255)',
      colorDanger: 'rgb(179, 38, 30)',
      borderRadius: '6px',
      spacingUnit: '2px',
    });

    const themed = await fixture<HTMLElement>(html`
      <div style="--portal-color-brand: #8a2be2; --portal-radius: 10px; --portal-space: 24px; --portal-font-family: Georgia, serif; --portal-color-surface: #1b1f24; --portal-color-text: #e8eaed">
        <portal-pay invoice-ids="inv_a" .client=${clientFor(payService({ setup: stripeSetup }))}></portal-pay>
      </div>
    `);
    await mounted(themed.querySelector('portal-pay')!);
    const appearance = lastElementsOptions(stripe).appearance!;
    expect(appearance.variables).to.deep.include({
      colorPrimary: 'rgb(138, 43, 226)',
      colorText: 'rgb(232, 234, 237)',
      colorBackground: 'rgb(27, 31, 36)',
      borderRadius: '10px',
      spacingUnit: '3px',
      fontFamily: 'Georgia, serif',
    });
    expect(appearance.theme).to.equal('night');
  });

  it('pays with the pm_… token only, made by elements.submit and createPaymentMethod', async () => {
    const stripe = installFakeStripe();
    const service = payService({ setup: stripeSetup });
    const pay = await stripePay(service);
    const succeeded = oneEvent(pay, 'portal-payment-succeeded');
    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');
    const order = stripe.calls.map((call) => call.method).filter((method) => method === 'elements.submit' || method === 'createPaymentMethod');
    expect(order).to.deep.equal(['elements.submit', 'createPaymentMethod']);
    const [paid] = service.calls('POST /api/v1/payments');
    expect(paid!.headers.get('idempotency-key')).to.match(uuid);
    expect(paid!.body).to.deep.equal({
      allocations: [{ invoiceId: 'inv_a', amount: 50_000 }],
      paymentMethod: { type: 'card', token: 'pm_fake_card_1' },
      amount: 50_000,
      savePaymentMethod: false,
    });
    expect((await succeeded).detail.paymentId).to.equal('pay_1');
    expect(stripe.mounted, 'the result replaces the form').to.equal(undefined);
  });

  it('shows Stripe’s validation message and moves focus into the Payment Element', async () => {
    const stripe = installFakeStripe();
    stripe.outcomes.submit.push(validationError('Your card number is incomplete.'));
    const service = payService({ setup: stripeSetup });
    const pay = await stripePay(service);
    await submit(pay);
    expect(await announced(pay, '[part="alert"]')).to.equal('Your card number is incomplete.');
    await waitUntil(() => stripe.called('element.focus').length === 1, 'focus never moved to the Payment Element');
    expect(document.activeElement).to.equal(stripe.mounted!.mountedIn!.querySelector('input'));
    expect(stripe.called('createPaymentMethod')).to.have.length(0);
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
  });

  it('shows a card error in plain words and sends nothing to the token service', async () => {
    const stripe = installFakeStripe();
    stripe.outcomes.createPaymentMethod.push(cardError('Your card has expired.', 'expired_card'));
    const service = payService({ setup: stripeSetup });
    const pay = await stripePay(service);
    await submit(pay);
    expect(await announced(pay, '[part="alert"]')).to.equal('Your card has expired.');
    expect(focused(pay)?.id).to.equal('heading');
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);
    expect($(pay, '[part~="pay-button"]').getAttribute('aria-disabled')).to.equal('false');
  });

  it('after a decline, "Try again" clears the card entered in the Payment Element', async () => {
    const stripe = installFakeStripe();
    const service = payService({ setup: stripeSetup });
    service.on('POST /api/v1/payments', (request) => {
      const failed = payment(request.body as PaymentRequest, 'failed', {
        failure: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
      });
      return json(201, { payment: failed, payments: [failed] });
    });
    const pay = await stripePay(service);
    const input = () => stripe.mounted!.mountedIn!.querySelector('input')!;
    input().value = '4000 0000 0000 0002';
    input().dispatchEvent(new Event('input'));
    stripe.mounted!.change(true);
    await submit(pay);
    expect(await result(pay)).to.equal('Your payment did not go through');

    $<HTMLButtonElement>(pay, '[part="retry-button"]').click();
    await mounted(pay);
    expect(stripe.called('element.clear')).to.have.length(1);
    expect(input().value).to.equal('');
    // The emptied form is not complete: pressing Pay asks for the card rather than sending the old one.
    stripe.outcomes.submit.push(validationError('Your card number is incomplete.'));
    await submit(pay);
    expect(await announced(pay, '[part="alert"]')).to.equal('Your card number is incomplete.');
    expect(service.calls('POST /api/v1/payments')).to.have.length(1);
  });

  it('sends the same Idempotency-Key and token again after a lost answer, and new ones once the card changed', async () => {
    const stripe = installFakeStripe();
    const service = payService({ setup: stripeSetup });
    let lose = 2;
    service.on('POST /api/v1/payments', (request) => {
      if (lose > 0) {
        lose -= 1;
        throw new TypeError('Failed to fetch');
      }
      const paid = payment(request.body as PaymentRequest, 'succeeded');
      return json(201, { payment: paid, payments: [paid] });
    });
    const pay = await stripePay(service);
    await submit(pay);
    expect(await announced(pay, '[part="alert"]')).to.contain('you will not be charged twice');
    await submit(pay);
    await waitUntil(() => service.calls('POST /api/v1/payments').length === 2);
    await waitUntil(() => $(pay, '[part~="pay-button"]').getAttribute('aria-disabled') === 'false');
    const [first, second] = service.calls('POST /api/v1/payments');
    expect(second!.headers.get('idempotency-key')).to.equal(first!.headers.get('idempotency-key'));
    expect(second!.body).to.deep.equal(first!.body);
    expect(stripe.called('createPaymentMethod')).to.have.length(1);

    stripe.mounted!.change(true);
    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');
    const third = service.calls('POST /api/v1/payments')[2]!;
    expect(third.headers.get('idempotency-key')).to.match(uuid).and.not.equal(first!.headers.get('idempotency-key'));
    expect((third.body as PaymentRequest).paymentMethod).to.deep.equal({ type: 'card', token: 'pm_fake_card_2' });
  });

  it('completes each next action with handleNextAction, then asks the service how it ended', async () => {
    const stripe = installFakeStripe();
    const service = payService({
      setup: stripeSetup,
      invoices: [invoiceA, { ...invoiceA, id: 'inv_t', number: 'INV-T', depositAccount: 'trust', openBalance: 20_000 }],
    });
    const order: string[] = [];
    stripe.onNextAction = (secret) => order.push(`stripe ${secret}`);
    service.on('POST /api/v1/payments', (request) => {
      const body = request.body as PaymentRequest;
      const one = payment(body, 'requires_action', { id: 'pay_1' });
      const two = payment(body, 'requires_action', { id: 'pay_2' });
      return json(201, {
        payment: one,
        payments: [one, two],
        clientSecret: 'pi_1_secret_a',
        nextActions: [
          { paymentId: 'pay_1', clientSecret: 'pi_1_secret_a' },
          { paymentId: 'pay_2', clientSecret: 'pi_2_secret_b' },
        ],
      });
    });
    for (const id of ['pay_1', 'pay_2']) {
      service.on(`POST /api/v1/payments/${id}/confirm`, () => {
        order.push(`confirm ${id}`);
        return json(
          200,
          payment({ allocations: [{ invoiceId: 'inv_a', amount: 100 }], paymentMethod: { type: 'card', token: 'x' }, savePaymentMethod: false }, 'succeeded', {
            id,
          }),
        );
      });
    }
    const pay = await stripePay(service, ['inv_a', 'inv_t']);
    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');
    expect(order).to.deep.equal(['stripe pi_1_secret_a', 'confirm pay_1', 'stripe pi_2_secret_b', 'confirm pay_2']);
    expect(has(pay, '#three-d-secure'), 'the sandbox challenge is not shown').to.equal(false);
  });

  it('reports a payment that failed its authentication', async () => {
    const stripe = installFakeStripe();
    stripe.outcomes.handleNextAction.push({
      error: { type: 'card_error', code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' },
    });
    const service = payService({ setup: stripeSetup });
    service
      .on('POST /api/v1/payments', (request) => {
        const waiting = payment(request.body as PaymentRequest, 'requires_action');
        return json(201, {
          payment: waiting,
          payments: [waiting],
          clientSecret: 'pi_9_secret_x',
          nextActions: [{ paymentId: 'pay_1', clientSecret: 'pi_9_secret_x' }],
        });
      })
      .on('POST /api/v1/payments/pay_1/confirm', () =>
        json(
          200,
          payment({ allocations: [{ invoiceId: 'inv_a', amount: 50_000 }], paymentMethod: { type: 'card', token: 'x' }, savePaymentMethod: false }, 'failed', {
            failure: { code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' },
          }),
        ),
      );
    const pay = await stripePay(service);
    const failed = oneEvent(pay, 'portal-payment-failed');
    await submit(pay);
    expect(await result(pay)).to.equal('Your payment did not go through');
    expect((await failed).detail.failure.code).to.equal('payment_intent_authentication_failure');
    expect(stripe.called('handleNextAction')[0]!.args[0]).to.deep.equal({ clientSecret: 'pi_9_secret_x' });
    expect(service.calls('POST /api/v1/payments/pay_1/confirm')).to.have.length(1);

    $<HTMLButtonElement>(pay, '[part="retry-button"]').click();
    await mounted(pay);
    expect(stripe.mounted!.type).to.equal('card');
  });

  it('uses Stripe.js for the next action of a saved card too', async () => {
    const stripe = installFakeStripe();
    const service = payService({ setup: stripeSetup, saved: [savedCard] });
    service
      .on('POST /api/v1/payments', (request) => {
        const waiting = payment(request.body as PaymentRequest, 'requires_action');
        return json(201, {
          payment: waiting,
          payments: [waiting],
          clientSecret: 'pi_7_secret_s',
          nextActions: [{ paymentId: 'pay_1', clientSecret: 'pi_7_secret_s' }],
        });
      })
      .on('POST /api/v1/payments/pay_1/confirm', () =>
        json(
          200,
          payment({ allocations: [{ invoiceId: 'inv_a', amount: 50_000 }], paymentMethod: { savedId: 'spm_card' }, savePaymentMethod: false }, 'succeeded'),
        ),
      );
    const pay = await payFor(service);
    expect(pay.shadowRoot!.querySelector<HTMLInputElement>('input[name="method"]:checked')!.value).to.equal('saved:spm_card');
    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');
    expect(stripe.called('handleNextAction')).to.have.length(1);
    expect((service.calls('POST /api/v1/payments')[0]!.body as PaymentRequest).paymentMethod).to.deep.equal({ savedId: 'spm_card' });
  });

  it('takes a bank account in the Payment Element, names it in the authorization and requires consent', async () => {
    const stripe = installFakeStripe();
    const service = payService({ setup: stripeSetup });
    const pay = await stripePay(service);
    await chooseMethod(pay, 'bank-account');
    await waitUntil(() => stripe.mounted?.type === 'us_bank_account', 'no bank Payment Element');
    expect(lastElementsOptions(stripe).allowedPaymentMethodTypes).to.deep.equal(['us_bank_account']);
    expect($(pay, '[part~="processor-form"]').textContent).to.contain('routing and account numbers');
    expect(has(pay, '#bank-routing')).to.equal(false);

    stripe.mounted!.change(true);
    await waitUntil(() => has(pay, '#mandate-accept'), 'the authorization never appeared', { timeout: 3000 });
    expect($(pay, '[part~="mandate-text"]').textContent).to.contain('checking account at STRIPE TEST BANK ending in 6789');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    await submit(pay);
    await waitUntil(() => has(pay, '#mandate-error'));
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);
    $<HTMLInputElement>(pay, '#mandate-accept').click();
    await submit(pay);
    expect(await result(pay)).to.equal('Payment processing');
    expect(service.calls('POST /api/v1/payments')[0]!.body).to.deep.equal({
      allocations: [{ invoiceId: 'inv_a', amount: 50_000 }],
      paymentMethod: { type: 'us_bank_account', token: 'pm_fake_bank_1' },
      savePaymentMethod: false,
      mandate: { accepted: true },
    });
    expect(stripe.called('createPaymentMethod')).to.have.length(1);
  });

  it('keeps each method’s Payment Element while switching, and tells Stripe about saving', async () => {
    const stripe = installFakeStripe();
    const pay = await stripePay();
    const card = stripe.mounted!;
    await chooseMethod(pay, 'bank-account');
    await waitUntil(() => stripe.mounted?.type === 'us_bank_account');
    expect(card.mountedIn).to.equal(undefined);
    await chooseMethod(pay, 'card');
    await waitUntil(() => stripe.mounted === card, 'the card form was not mounted again');
    expect(stripe.called('elements')).to.have.length(2);

    $<HTMLInputElement>(pay, '#save-method').click();
    await pay.updateComplete;
    await waitUntil(() => card.elements.updates.length > 0);
    expect(card.elements.updates.at(-1)).to.deep.equal({ amount: 50_000, currency: 'usd', setupFutureUsage: 'off_session' });
  });

  it('offers the form again when the Payment Element fails to load', async () => {
    const stripe = installFakeStripe();
    const pay = await stripePay();
    stripe.mounted!.loadError();
    await waitUntil(() => has(pay, '[part~="processor-retry-button"]'));
    expect($(pay, '[part~="processor-form"] [role="alert"]').textContent).to.contain('stopped working');
    $<HTMLButtonElement>(pay, '[part~="processor-retry-button"]').click();
    await mounted(pay);
    expect(stripe.called('elements')).to.have.length(2);
  });

  it('does not offer bank sign-in with Stripe when Plaid is not set up', async () => {
    installFakeStripe();
    const pay = await stripePay();
    const radios = [...pay.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="method"]')];
    expect(radios.map((radio) => radio.value)).to.deep.equal(['card', 'bank-account']);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
  });
});

describe('Stripe helpers', () => {
  it('maps the portal’s tokens to Stripe’s Appearance variables', () => {
    expect(
      stripeAppearance({
        brand: 'rgb(31, 78, 121)',
        text: '#1b2430',
        surface: 'rgb(255, 255, 255)',
        danger: 'rgb(179, 38, 30)',
        fontFamily: ' Georgia, serif ',
        radius: '6px',
        space: '16px',
      }),
    ).to.deep.equal({
      theme: 'stripe',
      variables: {
        colorPrimary: 'rgb(31, 78, 121)',
        colorText: '#1b2430',
        colorBackground: 'rgb(255, 255, 255)',
        colorDanger: 'rgb(179, 38, 30)',
        fontFamily: 'Georgia, serif',
        borderRadius: '6px',
        spacingUnit: '2px',
      },
    });
  });

  it('leaves out what Stripe cannot use, and picks the night theme on a dark surface', () => {
    expect(stripeAppearance({})).to.deep.equal({ theme: 'stripe', variables: {} });
    expect(
      stripeAppearance({ brand: 'color-mix(in srgb, red, blue)', surface: 'rgba(0, 0, 0, 0)', radius: '0.5rem', space: 'normal', fontFamily: '' }),
    ).to.deep.equal({ theme: 'stripe', variables: {} });
    expect(stripeAppearance({ surface: '#111418', space: '20px' })).to.deep.equal({
      theme: 'night',
      variables: { colorBackground: '#111418', spacingUnit: '2.5px' },
    });
  });

  it('turns the page’s language into a Stripe locale', () => {
    expect(stripeLocale('en')).to.equal('en');
    expect(stripeLocale('fr-CA')).to.equal('fr-CA');
    expect(stripeLocale('de-AT')).to.equal('de');
    expect(stripeLocale('tlh')).to.equal('auto');
  });

  it('makes a deferred Elements group for one method type', () => {
    expect(elementsOptions({ type: 'us_bank_account', amount: 0, currency: 'USD', saveForLater: true }, undefined, 'en')).to.deep.equal({
      mode: 'payment',
      amount: 1,
      currency: 'usd',
      paymentMethodCreation: 'manual',
      allowedPaymentMethodTypes: ['us_bank_account'],
      setupFutureUsage: 'off_session',
      appearance: undefined,
      locale: 'en',
    });
  });

  it('says Stripe.js’s errors in the client’s words', () => {
    expect(problemOf({ type: 'validation_error', code: 'incomplete_cvc', message: 'Your card’s security code is incomplete.' })).to.deep.equal({
      kind: 'validation',
      message: 'Your card’s security code is incomplete.',
      code: 'incomplete_cvc',
    });
    expect(
      problemOf({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' }),
    ).to.deep.equal({
      kind: 'declined',
      message: 'Your card has insufficient funds.',
      code: 'insufficient_funds',
    });
    expect(problemOf({ type: 'api_connection_error' }).message).to.contain('could not be reached');
    expect(problemOf({ type: 'invalid_request_error', message: 'No such payment_method' }).message).to.contain('could not be checked');
  });
});
