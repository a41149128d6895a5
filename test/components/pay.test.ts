import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PaymentRequest, PortalPay } from '../../components/index.ts';
import { deferred, problem } from './fake-service.ts';
import { afterEach, describe, it } from './mocha.ts';
import { invoiceA, invoiceB, json, payment, payService, savedCard, setup } from './pay-fake.ts';
import { $, announced, transitionsDone, chooseMethod, clientFor, errorOf, fillCard, focused, has, leave, payFor, result, submit, type } from './pay-helpers.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('<portal-pay>', () => {
  afterEach(() => {
    document.documentElement.style.removeProperty('--portal-color-brand');
  });

  it('shows a loading state that is accessible, then the form', async () => {
    const service = payService();
    const gate = deferred<Response>();
    service.on('GET /api/v1/payments/setup', () => gate.promise);
    const pay = await fixture<PortalPay>(html`<portal-pay invoice-ids="inv_a" .client=${clientFor(service)}></portal-pay>`);
    await waitUntil(() => has(pay, '[part="skeleton"]'));
    expect($(pay, '[part="skeleton"] [role="status"]').textContent).to.equal('Loading what you owe…');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
    gate.resolve(json(200, setup));
    await waitUntil(() => has(pay, '#heading'));
    expect($(pay, '#heading').textContent).to.equal('Make a payment');
  });

  it('starts with the open balance and the saved methods first, accessibly', async () => {
    const pay = await payFor(payService({ saved: [savedCard] }));
    expect($<HTMLInputElement>(pay, '#amount-total').value).to.equal('500.00');
    expect($(pay, '[part~="invoice"]').textContent!.trim()).to.equal('Invoice INV-1001: $500.00 can be paid now.');
    const radios = [...pay.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="method"]')];
    expect(radios.map((radio) => radio.value)).to.deep.equal(['saved:spm_card', 'card', 'bank-link', 'bank-account']);
    expect(radios[0]!.checked).to.equal(true);
    expect(radios[0]!.closest('label')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Visa ending in 4242 expires 12/31');
    expect($(pay, '[part~="pay-button"]').textContent!.trim()).to.equal('Pay $500.00');
    expect(has(pay, '[part~="mandate"]')).to.equal(false);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
  });

  it('offers only the methods the firm accepts', async () => {
    const service = payService();
    service.on('GET /api/v1/firms/demo/branding', () =>
      json(200, {
        slug: 'demo',
        name: 'Hale & Whitmore LLP',
        currency: 'USD',
        paymentMethods: { card: false, bankLink: true, bankAccount: false },
        minimumPayment: 100,
      }),
    );
    const pay = await payFor(service);
    const radios = [...pay.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="method"]')];
    expect(radios.map((radio) => radio.value)).to.deep.equal(['bank-link']);
  });

  it('checks the card fields, marks each problem and focuses the first, accessibly', async () => {
    const service = payService();
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    const number = $<HTMLInputElement>(pay, '#card-number');
    expect(number.autocomplete).to.equal('cc-number');
    expect(number.inputMode).to.equal('numeric');
    expect($<HTMLInputElement>(pay, '#card-name').autocomplete).to.equal('cc-name');
    expect($<HTMLInputElement>(pay, '#card-expiry').autocomplete).to.equal('cc-exp');
    expect($<HTMLInputElement>(pay, '#card-cvc').autocomplete).to.equal('cc-csc');
    expect($<HTMLInputElement>(pay, '#card-postal-code').autocomplete).to.equal('postal-code');

    await submit(pay);
    await pay.updateComplete;
    expect(errorOf(pay, 'card-name')).to.equal('Enter the name on the card.');
    expect(errorOf(pay, 'card-number')).to.equal('Enter the card number.');
    expect(errorOf(pay, 'card-expiry')).to.equal('Enter the expiration date.');
    expect(errorOf(pay, 'card-cvc')).to.equal('Enter the security code.');
    expect(errorOf(pay, 'card-postal-code')).to.equal('Enter the billing ZIP code.');
    expect(number.getAttribute('aria-invalid')).to.equal('true');
    expect(number.getAttribute('aria-describedby')).to.contain('card-number-error');
    expect(focused(pay)?.id).to.equal('card-name');
    expect(await announced(pay, '[part="alert"]')).to.equal('Please correct the highlighted fields.');
    expect(service.calls('POST /sandbox/v1/payment_methods')).to.have.length(0);
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    await type(pay, 'card-name', 'Alex Rivera');
    expect(errorOf(pay, 'card-name')).to.equal(undefined);
  });

  it('formats the card number as typed, shows its brand and checks Luhn when leaving it', async () => {
    const pay = await payFor(payService());
    await chooseMethod(pay, 'card');
    await type(pay, 'card-number', '4242424242424241');
    const number = $<HTMLInputElement>(pay, '#card-number');
    expect(number.value).to.equal('4242 4242 4242 4241');
    expect($(pay, '[part="card-brand"]').textContent).to.equal('Visa');
    expect(number.getAttribute('aria-describedby')).to.contain('card-number-adornment');
    expect(errorOf(pay, 'card-number')).to.equal(undefined);
    await leave(pay, 'card-number');
    expect(errorOf(pay, 'card-number')).to.equal('This card number is not valid. Check it and try again.');
    await type(pay, 'card-number', '4242424242424242');
    expect(errorOf(pay, 'card-number')).to.equal(undefined);

    await type(pay, 'card-number', '378282246310005');
    expect(number.value).to.equal('3782 822463 10005');
    expect($(pay, '[part="card-brand"]').textContent).to.equal('American Express');
    expect($<HTMLInputElement>(pay, '#card-cvc').maxLength).to.equal(4);

    await type(pay, 'card-expiry', '4');
    expect($<HTMLInputElement>(pay, '#card-expiry').value).to.equal('04 / ');
    await type(pay, 'card-expiry', '0120');
    expect(errorOf(pay, 'card-expiry')).to.equal('This card has expired. Check the date or use another card.');
  });

  it('sends card details only to the processor, and only the token to the service', async () => {
    const service = payService();
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    const succeeded = oneEvent(pay, 'portal-payment-succeeded');
    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');

    const [tokenization] = service.calls('POST /sandbox/v1/payment_methods');
    expect(tokenization!.url.href).to.equal('http://service.test/sandbox/v1/payment_methods');
    expect(tokenization!.headers.get('authorization')).to.equal(null);
    expect(tokenization!.credentials).to.equal('omit');
    expect(tokenization!.body).to.deep.equal({
      type: 'card',
      card: { number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '123' },
      billing_details: { name: 'Alex Rivera', address: { postal_code: '04101' } },
    });

    const [quoted] = service.calls('POST /api/v1/payments/quote');
    expect(quoted!.body).to.deep.equal({ allocations: [{ invoiceId: 'inv_a', amount: 50_000 }], paymentMethod: { type: 'card', token: 'pm_card_4242' } });
    const [paid] = service.calls('POST /api/v1/payments');
    expect(paid!.body).to.deep.equal({
      allocations: [{ invoiceId: 'inv_a', amount: 50_000 }],
      paymentMethod: { type: 'card', token: 'pm_card_4242' },
      amount: 50_000,
      savePaymentMethod: false,
    });
    expect(paid!.headers.get('idempotency-key')).to.match(uuid);
    for (const request of service.requests.filter((candidate) => candidate.url.pathname.startsWith('/api/'))) {
      const sent = `${request.url.search} ${JSON.stringify(request.body ?? '')}`;
      expect(sent).not.to.contain('4242424242424242');
      expect(sent).not.to.contain('"123"');
      expect(sent).not.to.contain('04101');
    }

    const { detail } = await succeeded;
    expect(detail).to.deep.include({ paymentId: 'pay_1', amount: 50_000, currency: 'USD', status: 'succeeded', receiptNumber: 'R-2026-0042' });
    expect(detail.paymentIds).to.deep.equal(['pay_1']);
    expect(detail.invoiceIds).to.deep.equal(['inv_a']);
    expect($(pay, '[part="receipt"]').textContent!.replace(/\s+/g, ' ')).to.contain('R-2026-0042').and.contain('$500.00').and.contain('Visa ending in 4242');
    expect(focused(pay)?.id).to.equal('result-heading');
    expect(await announced(pay, '.base > [role="status"]')).to.equal('Payment received. Thank you. $500.00 was paid with Visa ending in 4242.');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
  });

  it('saves the method when the client consents', async () => {
    const service = payService();
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    expect($(pay, '#save-consent').textContent).to.equal(
      'I authorize Hale & Whitmore LLP to save this payment method and charge it for future payments I make in this portal. I can remove it at any time.',
    );
    $<HTMLInputElement>(pay, '#save-method').click();
    await submit(pay);
    await result(pay);
    expect((service.calls('POST /api/v1/payments')[0]!.body as PaymentRequest).savePaymentMethod).to.equal(true);
  });

  it('shows the processor’s refusal next to the field it names', async () => {
    const service = payService();
    service.on('POST /sandbox/v1/payment_methods', () =>
      json(402, { error: { type: 'card_error', code: 'invalid_cvc', message: "Your card's security code is invalid.", param: 'card[cvc]' } }),
    );
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await waitUntil(() => errorOf(pay, 'card-cvc'));
    expect(errorOf(pay, 'card-cvc')).to.equal('Enter the 3-digit security code.');
    expect(focused(pay)?.id).to.equal('card-cvc');
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);
  });

  it('says where the security code is on an American Express card, and takes its 4 digits', async () => {
    const pay = await payFor(payService());
    await chooseMethod(pay, 'card');
    const hint = () => $(pay, '#card-cvc-hint').textContent!.trim();
    // Before the number says which card it is, the hint fits every card.
    expect(hint()).to.equal('The 3 digits on the back of the card; 4 on the front for American Express.');
    // A code typed before the number is not cut to 3 digits.
    await type(pay, 'card-cvc', '1234');
    expect($<HTMLInputElement>(pay, '#card-cvc').value).to.equal('1234');
    await type(pay, 'card-number', '378282246310005');
    expect(hint()).to.equal('The 4 digits on the front of the card.');
    await leave(pay, 'card-cvc');
    expect(errorOf(pay, 'card-cvc')).to.equal(undefined);
    await type(pay, 'card-number', '4242424242424242');
    expect(hint()).to.equal('The 3 digits on the back of the card.');
    await leave(pay, 'card-cvc');
    expect(errorOf(pay, 'card-cvc')).to.equal('Enter the 3-digit security code.');
  });

  it('explains a decline in plain words, fires portal-payment-failed, and lets the client try again', async () => {
    const service = payService();
    service.on('POST /api/v1/payments', (request) => {
      const failed = payment(request.body as PaymentRequest, 'failed', {
        failure: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
      });
      return json(201, { payment: failed, payments: [failed] });
    });
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay, '4000000000009995');
    const failedEvent = oneEvent(pay, 'portal-payment-failed');
    await submit(pay);
    expect(await result(pay)).to.equal('Your payment did not go through');
    expect($(pay, '.result-summary').textContent).to.equal('Your card was declined for insufficient funds. Try another card, or pay a smaller amount.');
    const { detail } = await failedEvent;
    expect(detail.status).to.equal('failed');
    expect(detail.failure).to.deep.equal({ code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' });
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    $<HTMLButtonElement>(pay, '[part="retry-button"]').click();
    await waitUntil(() => has(pay, '#card-number'));
    expect($<HTMLInputElement>(pay, '#card-cvc').value).to.equal('');
  });

  it('after a decline, "Try again" asks for the card afresh, keeping the name and ZIP', async () => {
    const service = payService();
    service.on('POST /api/v1/payments', (request) => {
      const failed = payment(request.body as PaymentRequest, 'failed', {
        failure: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
      });
      return json(201, { payment: failed, payments: [failed] });
    });
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay, '4000000000000002');
    await submit(pay);
    expect(await result(pay)).to.equal('Your payment did not go through');
    $<HTMLButtonElement>(pay, '[part="retry-button"]').click();
    await waitUntil(() => has(pay, '#card-number'));
    const value = (id: string) => $<HTMLInputElement>(pay, `#${id}`).value;
    expect(['card-number', 'card-expiry', 'card-cvc'].map(value)).to.deep.equal(['', '', '']);
    expect(['card-name', 'card-postal-code'].map(value)).to.deep.equal(['Alex Rivera', '04101']);
    // Nothing left over is marked wrong before the client types the new card.
    expect(pay.shadowRoot!.querySelectorAll('[aria-invalid="true"]')).to.have.length(0);
    await submit(pay);
    expect(errorOf(pay, 'card-number')).to.equal('Enter the card number.');
    expect(service.calls('POST /api/v1/payments')).to.have.length(1);
  });

  it('maps every decline code to what the client can do', async () => {
    const { failureMessage } = await import('../../components/pay/result.ts');
    expect(failureMessage({ code: 'card_declined', declineCode: 'generic_decline', message: '' }, 'card')).to.contain('Try another card');
    expect(failureMessage({ code: 'card_declined', declineCode: 'stolen_card', message: '' }, 'card')).to.equal(
      failureMessage({ code: 'card_declined', declineCode: 'generic_decline', message: '' }, 'card'),
    );
    expect(failureMessage({ code: 'card_declined', declineCode: 'lost_card', message: '' }, 'card')).not.to.contain('lost');
    expect(failureMessage({ code: 'expired_card', message: '' }, 'card')).to.contain('expired');
    expect(failureMessage({ code: 'incorrect_cvc', message: '' }, 'card')).to.contain('security code');
    expect(failureMessage({ code: 'processing_error', message: '' }, 'card')).to.contain('Nothing was charged');
    expect(failureMessage({ code: 'payment_intent_authentication_failure', message: '' }, 'card')).to.contain('confirm that it is you');
    expect(failureMessage({ code: 'insufficient_funds', message: '' }, 'us_bank_account')).to.contain('bank account');
    expect(failureMessage({ code: 'something_new', message: '' }, 'card')).to.equal('Your payment was declined. Try another payment method.');
  });

  it('runs 3-D Secure: completing it authenticates at the processor, then confirms with the service', async () => {
    const service = payService();
    service
      .on('POST /api/v1/payments', (request) => {
        const waiting = payment(request.body as PaymentRequest, 'requires_action', { method: { type: 'card', brand: 'visa', last4: '3155' } });
        return json(201, {
          payment: waiting,
          payments: [waiting],
          clientSecret: 'pi_123_secret_abc',
          nextActions: [{ paymentId: 'pay_1', clientSecret: 'pi_123_secret_abc' }],
        });
      })
      .on('POST /sandbox/v1/payment_intents/pi_123/authenticate', () => json(200, { id: 'pi_123', object: 'payment_intent', status: 'succeeded' }))
      .on('POST /api/v1/payments/pay_1/confirm', () =>
        json(
          200,
          payment(
            { allocations: [{ invoiceId: 'inv_a', amount: 50_000 }], paymentMethod: { type: 'card', token: 'x' }, savePaymentMethod: false },
            'succeeded',
            {
              method: { type: 'card', brand: 'visa', last4: '3155' },
            },
          ),
        ),
      );
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay, '4000002500003155');
    await submit(pay);
    await waitUntil(() => pay.shadowRoot!.querySelector<HTMLDialogElement>('#three-d-secure')?.open, 'no 3-D Secure dialog');
    const dialog = $<HTMLDialogElement>(pay, '#three-d-secure');
    expect(dialog.getAttribute('aria-labelledby')).to.equal('three-d-secure-heading');
    expect(dialog.textContent).to.contain('$500.00').and.contain('Visa ending in 3155');
    expect(focused(pay)?.id).to.equal('three-d-secure-heading');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    $<HTMLButtonElement>(pay, '[part="authenticate-button"]').click();
    expect(await result(pay)).to.equal('Payment received');
    const routes = service.requests.map((request) => request.route);
    const authenticated = routes.indexOf('POST /sandbox/v1/payment_intents/pi_123/authenticate');
    const confirmed = routes.indexOf('POST /api/v1/payments/pay_1/confirm');
    expect(authenticated).to.be.greaterThan(-1);
    expect(confirmed).to.be.greaterThan(authenticated);
    expect(service.calls('POST /sandbox/v1/payment_intents/pi_123/authenticate')[0]!.body).to.deep.equal({
      client_secret: 'pi_123_secret_abc',
      outcome: 'approve',
    });
    expect(has(pay, '#three-d-secure')).to.equal(false);
  });

  it('treats a failed or abandoned 3-D Secure check as a failure', async () => {
    const service = payService();
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
      .on('POST /sandbox/v1/payment_intents/pi_9/authenticate', () => json(200, { id: 'pi_9', status: 'requires_payment_method' }))
      .on('POST /api/v1/payments/pay_1/confirm', () =>
        json(
          200,
          payment({ allocations: [{ invoiceId: 'inv_a', amount: 50_000 }], paymentMethod: { type: 'card', token: 'x' }, savePaymentMethod: false }, 'failed', {
            failure: { code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' },
          }),
        ),
      );
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay, '4000002500003155');
    await submit(pay);
    await waitUntil(() => pay.shadowRoot!.querySelector<HTMLDialogElement>('#three-d-secure')?.open);
    $<HTMLButtonElement>(pay, '[part="fail-authentication-button"]').click();
    expect(await result(pay)).to.equal('Your payment did not go through');
    expect(service.calls('POST /sandbox/v1/payment_intents/pi_9/authenticate')[0]!.body).to.deep.equal({ client_secret: 'pi_9_secret_x', outcome: 'deny' });
    expect($(pay, '.result-summary').textContent).to.contain('could not confirm that it is you');
  });

  it('sends the same Idempotency-Key again when the answer was lost, and a new one for a new payment', async () => {
    const service = payService();
    const pay = await payFor(service);
    let lose = true;
    service.on('POST /api/v1/payments', (request) => {
      if (lose) {
        lose = false;
        throw new TypeError('Failed to fetch');
      }
      const paid = payment(request.body as PaymentRequest, 'succeeded');
      return json(201, { payment: paid, payments: [paid] });
    });
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    expect(await announced(pay, '[part="alert"]')).to.contain('you will not be charged twice');
    expect($(pay, '[part~="pay-button"]').getAttribute('aria-disabled')).to.equal('false');
    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');
    const [first, second] = service.calls('POST /api/v1/payments');
    expect(first!.headers.get('idempotency-key')).to.match(uuid);
    expect(second!.headers.get('idempotency-key')).to.equal(first!.headers.get('idempotency-key'));
    expect(second!.body).to.deep.equal(first!.body);
    expect(service.calls('POST /sandbox/v1/payment_methods')).to.have.length(1);
  });

  it('uses a new Idempotency-Key once the payment changed', async () => {
    const service = payService();
    service.on('POST /api/v1/payments', () => {
      throw new TypeError('Failed to fetch');
    });
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await announced(pay, '[part="alert"]');
    await type(pay, 'amount-total', '100');
    await leave(pay, 'amount-total');
    await submit(pay);
    await waitUntil(() => service.calls('POST /api/v1/payments').length === 2);
    const [first, second] = service.calls('POST /api/v1/payments');
    expect(second!.headers.get('idempotency-key')).to.match(uuid).and.not.equal(first!.headers.get('idempotency-key'));
    expect((second!.body as PaymentRequest).allocations).to.deep.equal([{ invoiceId: 'inv_a', amount: 10_000 }]);
  });

  it('is disabled while the payment is being made', async () => {
    const service = payService();
    const answer = deferred<Response>();
    service.on('POST /api/v1/payments', () => answer.promise);
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await waitUntil(() => service.calls('POST /api/v1/payments').length === 1);
    await pay.updateComplete;
    const button = $(pay, '[part~="pay-button"]');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Processing payment…');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
    await submit(pay);
    expect(service.calls('POST /api/v1/payments')).to.have.length(1);
    const paid = payment(service.calls('POST /api/v1/payments')[0]!.body as PaymentRequest, 'succeeded');
    answer.resolve(json(201, { payment: paid, payments: [paid] }));
    await result(pay);
  });

  it('states the amount on the pay button, and follows the amount typed', async () => {
    const pay = await payFor(payService());
    const button = () => $(pay, '[part~="pay-button"]').textContent!.trim();
    expect(button()).to.equal('Pay $500.00');
    await type(pay, 'amount-total', '125.5');
    expect(button()).to.equal('Pay $125.50');
    // No amount to state: the button still says what it does.
    await type(pay, 'amount-total', '');
    expect(button()).to.equal('Pay');
  });

  it('checks the amount against the minimum and the balance', async () => {
    const pay = await payFor(payService());
    await type(pay, 'amount-total', '0.50');
    await leave(pay, 'amount-total');
    expect(errorOf(pay, 'amount-total')).to.equal('The smallest payment you can make is $1.00.');
    await type(pay, 'amount-total', '600');
    await leave(pay, 'amount-total');
    expect(errorOf(pay, 'amount-total')).to.equal('You can pay at most $500.00, the balance due.');
    await type(pay, 'amount-total', '12.345');
    await leave(pay, 'amount-total');
    expect(errorOf(pay, 'amount-total')).to.equal('Enter an amount like 125.00.');
    await type(pay, 'amount-total', '250.1');
    await leave(pay, 'amount-total');
    expect(errorOf(pay, 'amount-total')).to.equal(undefined);
    expect($<HTMLInputElement>(pay, '#amount-total').value).to.equal('250.10');
    expect($(pay, '[part="total"]').textContent!.trim()).to.equal('Total: $250.10');
  });

  it('applies a payment to several invoices oldest due first, and lets the client adjust each', async () => {
    const service = payService({ invoices: [invoiceA, invoiceB] });
    const pay = await payFor(service, ['inv_a', 'inv_b']);
    expect($<HTMLInputElement>(pay, '#amount-total').value).to.equal('625.00');
    expect($<HTMLInputElement>(pay, '#amount-inv_b').value).to.equal('125.00');
    expect($<HTMLInputElement>(pay, '#amount-inv_a').value).to.equal('500.00');
    const shares = [...pay.shadowRoot!.querySelectorAll<HTMLInputElement>('[part="allocations"] input')].map((input) => input.id);
    expect(shares).to.deep.equal(['amount-inv_b', 'amount-inv_a']);

    await type(pay, 'amount-total', '200');
    expect($<HTMLInputElement>(pay, '#amount-inv_b').value).to.equal('125.00');
    expect($<HTMLInputElement>(pay, '#amount-inv_a').value).to.equal('75.00');

    await type(pay, 'amount-inv_b', '0');
    await leave(pay, 'amount-inv_b');
    expect($<HTMLInputElement>(pay, '#amount-total').value).to.equal('75.00');
    await type(pay, 'amount-inv_a', '600');
    await leave(pay, 'amount-inv_a');
    expect(errorOf(pay, 'amount-inv_a')).to.equal('At most $500.00 can be paid on this invoice.');
    await type(pay, 'amount-inv_a', '300');
    await leave(pay, 'amount-inv_a');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await result(pay);
    expect((service.calls('POST /api/v1/payments')[0]!.body as PaymentRequest).allocations).to.deep.equal([{ invoiceId: 'inv_a', amount: 30_000 }]);
  });

  it('loads every unpaid invoice with all-open', async () => {
    const service = payService({ invoices: [invoiceA, invoiceB] });
    const pay = await payFor(service, 'all-open');
    const [list] = service.calls('GET /api/v1/invoices');
    expect(list!.url.searchParams.get('status')).to.equal('unpaid');
    expect($<HTMLInputElement>(pay, '#amount-total').value).to.equal('625.00');
  });

  it('shows the service’s refusal of an amount next to the amount', async () => {
    const service = payService();
    service.on('POST /api/v1/payments', () =>
      problem(422, 'amount_exceeds_balance', 'allocations.0: 50000 is more than the 20000 that can be paid.', { field: 'allocations.0', openBalance: 20_000 }),
    );
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await waitUntil(() => errorOf(pay, 'amount-total'));
    expect(errorOf(pay, 'amount-total')).to.equal(
      'This is more than can be paid now: part of the balance may already be being paid. You can pay up to $200.00.',
    );
    expect(focused(pay)?.id).to.equal('amount-total');
  });

  it('says in plain words when an invoice can no longer be paid', async () => {
    const service = payService();
    service.on('POST /api/v1/payments', () => problem(422, 'invoice_paid', 'allocations.0: invoice INV-1001 is already paid.'));
    const pay = await payFor(service, ['inv_a']);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    expect(await announced(pay, '[part="alert"]')).to.contain('can no longer be paid');
  });

  it('says how long to wait after too many declined attempts, with the pay button disabled until then, accessibly', async () => {
    const service = payService();
    service.on('POST /api/v1/payments', () =>
      problem(
        429,
        'rate_limited',
        'Too many declined payment attempts. Try again in 42 minutes, or contact Hale & Whitmore LLP.',
        { retryAfter: 2520 },
        { 'Retry-After': '2520' },
      ),
    );
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    const message = 'Too many declined payment attempts. Try again in 42 minutes, or contact Hale & Whitmore LLP.';
    expect(await announced(pay, '[part="alert"]')).to.equal(message);
    await pay.updateComplete;
    const button = $(pay, '[part~="pay-button"]');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent!.trim()).to.equal('Pay $500.00');
    expect(pay.matches(':state(rate-limited)')).to.equal(true);
    expect(pay.matches(':state(submitting)')).to.equal(false);
    expect(has(pay, '#result-heading')).to.equal(false);

    await submit(pay);
    expect(service.calls('POST /api/v1/payments')).to.have.length(1);
    // Choosing another way to pay does not hide why paying is paused.
    await chooseMethod(pay, 'bank-account');
    expect(await announced(pay, '[part="alert"]')).to.equal(message);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
  });

  it('takes payments again once the wait is over, and says so', async () => {
    const service = payService();
    let refuse = true;
    service.on('POST /api/v1/payments', (request) => {
      if (refuse) {
        refuse = false;
        // The wait in the body alone, without the header.
        return problem(429, 'rate_limited', 'Too many declined payment attempts.', { retryAfter: 1 });
      }
      const paid = payment(request.body as PaymentRequest, 'succeeded');
      return json(201, { payment: paid, payments: [paid] });
    });
    const pay = await payFor(service);
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    expect(await announced(pay, '[part="alert"]')).to.equal('Too many declined payment attempts. Try again in 1 second, or contact Hale & Whitmore LLP.');
    const button = $(pay, '[part~="pay-button"]');
    await waitUntil(() => button.getAttribute('aria-disabled') === 'false', 'the pay button stayed disabled', { timeout: 3000 });
    expect(await announced(pay, '.base > [role="status"]')).to.equal('You can try your payment again now.');
    expect($(pay, '[part="alert"]').textContent!.trim()).to.equal('');
    expect(pay.matches(':state(rate-limited)')).to.equal(false);

    await submit(pay);
    expect(await result(pay)).to.equal('Payment received');
    const [refused, paid] = service.calls('POST /api/v1/payments');
    expect(paid!.headers.get('idempotency-key')).to.match(uuid).and.not.equal(refused!.headers.get('idempotency-key'));
  });

  it('says so in the page’s language when the service gives no wait, and leaves the button on', async () => {
    const service = payService();
    service.on('POST /api/v1/payments', () => problem(429, 'rate_limited', 'Too many declined payment attempts.'));
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="es"><portal-pay invoice-ids="inv_a" .client=${clientFor(service)}></portal-pay></div>`);
    const pay = wrapper.querySelector<PortalPay>('portal-pay')!;
    await waitUntil(() => has(pay, '#heading'), 'the form never appeared');
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await announced(pay, '[part="alert"]');
    // Spanish's table loads on first use: the alert is re-rendered once it is there.
    const spanish = 'Demasiados intentos de pago rechazados. Vuelva a intentarlo más tarde o comuníquese con Hale & Whitmore LLP.';
    const alert = () => $(pay, '[part="alert"]').textContent!.replace(/\s+/g, ' ').trim();
    await waitUntil(() => alert() === spanish, 'the alert did not read in Spanish');
    expect($(pay, '[part~="pay-button"]').getAttribute('aria-disabled')).to.equal('false');
    expect(pay.matches(':state(rate-limited)')).to.equal(false);
  });

  it('fires portal-pay-close when the client leaves', async () => {
    const pay = await payFor(payService());
    const closed = oneEvent(pay, 'portal-pay-close');
    $<HTMLButtonElement>(pay, '[part="cancel-button"]').click();
    const event = await closed;
    expect(event.detail).to.deep.equal({ outcome: 'cancelled' });
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('starts with the amount it was asked for, and says how the client left after paying', async () => {
    const service = payService();
    const pay = await fixture<PortalPay>(html`<portal-pay invoice-ids="inv_a" .amount=${12_345} .client=${clientFor(service)}></portal-pay>`);
    await waitUntil(() => has(pay, '#heading'));
    expect($<HTMLInputElement>(pay, '#amount-total').value).to.equal('123.45');
    await chooseMethod(pay, 'card');
    await fillCard(pay);
    await submit(pay);
    await result(pay);
    const closed = oneEvent(pay, 'portal-pay-close');
    $<HTMLButtonElement>(pay, '[part="done-button"]').click();
    expect((await closed).detail).to.deep.equal({ outcome: 'succeeded' });
  });

  it('moves focus to the form once it has loaded when asked to focus while loading', async () => {
    const service = payService();
    const gate = deferred<Response>();
    service.on('GET /api/v1/payments/setup', () => gate.promise);
    const pay = await fixture<PortalPay>(html`<portal-pay invoice-ids="inv_a" .client=${clientFor(service)}></portal-pay>`);
    await waitUntil(() => has(pay, '[part="skeleton"]'));
    pay.focus();
    expect(focused(pay)).to.equal($(pay, '[part="skeleton"]'));
    gate.resolve(json(200, setup));
    await waitUntil(() => focused(pay)?.id === 'heading', 'focus did not move to the heading');
  });

  it('shows an error with a retry when the invoices cannot be loaded', async () => {
    const service = payService();
    service.on('GET /api/v1/invoices/inv_a', () => {
      throw new TypeError('Failed to fetch');
    });
    const pay = await payFor(service);
    expect($(pay, '[part="error"] h2').textContent).to.equal('The payment form could not be loaded');
    expect($(pay, '[part="error"] [role="alert"]').textContent!.trim()).to.equal(
      'The portal could not reach the service. Check your connection and try again.',
    );
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
    service.on('GET /api/v1/invoices/inv_a', () => json(200, { ...invoiceA, lines: [], payments: [] }));
    $<HTMLButtonElement>(pay, '[part="retry-button"]').click();
    await waitUntil(() => has(pay, '#heading'));
  });

  it('says when nothing is left to pay', async () => {
    const pay = await payFor(payService({ invoices: [{ ...invoiceA, openBalance: 0, balance: 0, status: 'paid' }] }));
    expect($(pay, '[part="empty"] h2').textContent).to.equal('Nothing to pay');
  });

  it('loads nothing of Stripe or Plaid with the sandbox processor', async () => {
    const pay = await payFor(payService());
    await chooseMethod(pay, 'card');
    expect(has(pay, '#card-number')).to.equal(true);
    await chooseMethod(pay, 'bank-link');
    expect(has(pay, '[part~="processor-form"]')).to.equal(false);
    expect(document.querySelector('script[src*="stripe"], script[src*="plaid"]')).to.equal(null);
    expect('Stripe' in window || 'Plaid' in window).to.equal(false);
    expect(pay.querySelector('[slot="stripe-payment-element"]')).to.equal(null);
  });

  it('follows the brand colour on the pay button', async () => {
    const pay = await payFor(payService());
    const button = $(pay, '[part~="pay-button"]');
    document.documentElement.style.setProperty('--portal-color-brand', 'rgb(10, 120, 60)');
    expect(getComputedStyle(button).borderTopColor).to.equal('rgb(10, 120, 60)');
    await waitUntil(() => getComputedStyle(button).backgroundColor === 'rgb(10, 120, 60)', 'the background never took the brand colour');
    pay.style.setProperty('--portal-pay-button-background', 'rgb(200, 0, 0)');
    expect(getComputedStyle(button).borderTopColor).to.equal('rgb(200, 0, 0)');
    await waitUntil(() => getComputedStyle(button).backgroundColor === 'rgb(200, 0, 0)', 'the component token was not read');
  });
});
