import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { PaymentRequest, PortalPay } from '../../components/index.ts';
import type { FakeService } from './fake-service.ts';
import { describe, it } from './mocha.ts';
import { json, payService, savedBank, savedCard } from './pay-fake.ts';
import { $, announced, transitionsDone, chooseMethod, errorOf, fillBankAccount, focused, has, payFor, result, submit, type } from './pay-helpers.ts';
// <portal-pay> imports the sandbox's forms when it first needs them; they are loaded ahead here so
// that the first test's time is the form's, not the test server compiling them.
import '../../components/pay/sandbox-forms.ts';

const institutions = [
  { id: 'ins_1', name: 'First Platypus Bank', mfa: false },
  { id: 'ins_4', name: 'Tartan Bank', mfa: true },
];
const accounts = [
  { id: 'acct_checking', name: 'Plaid Checking', mask: '0000', subtype: 'checking' },
  { id: 'acct_savings', name: 'Plaid Saving', mask: '1111', subtype: 'savings' },
];

/** The sandbox's bank sign-in: user_good / pass_good, code 1234 at Tartan Bank. */
function withBankLink(service: FakeService): FakeService {
  let institution = institutions[0]!;
  return service
    .on('POST /api/v1/bank-links', () => json(201, { provider: 'sandbox', linkToken: 'link-1', expiresAt: '2099-01-01T00:00:00.000Z' }))
    .on('GET /sandbox/link/institutions', (request) => {
      const query = (request.url.searchParams.get('query') ?? '').toLowerCase();
      return json(200, { institutions: institutions.filter((candidate) => candidate.name.toLowerCase().includes(query)) });
    })
    .on('POST /sandbox/link/sessions/link-1/credentials', (request) => {
      const body = request.body as { institutionId: string; username: string; password: string };
      if (body.username !== 'user_good' || body.password !== 'pass_good') {
        return json(400, { error: { code: 'INVALID_CREDENTIALS', message: 'The username or password you entered is incorrect.' } });
      }
      institution = institutions.find((candidate) => candidate.id === body.institutionId)!;
      if (institution.mfa) return json(200, { status: 'mfa_required', prompt: 'Tartan Bank sent a code to your phone ending in 5309.' });
      return json(200, { status: 'select_account', institution, accounts });
    })
    .on('POST /sandbox/link/sessions/link-1/mfa', (request) => {
      if ((request.body as { code: string }).code !== '1234') return json(400, { error: { code: 'INVALID_MFA', message: 'That code is incorrect.' } });
      return json(200, { status: 'select_account', institution, accounts });
    })
    .on('POST /sandbox/link/sessions/link-1/account', () => json(200, { publicToken: 'public-sandbox-1' }))
    .on('POST /api/v1/bank-links/exchange', (request) => {
      const { accountId } = request.body as { accountId: string };
      const savings = accountId === 'acct_savings';
      return json(200, {
        paymentMethod: {
          type: 'us_bank_account',
          token: 'pm_linked',
          bankName: institution.name,
          last4: savings ? '1111' : '0000',
          accountType: savings ? 'savings' : 'checking',
        },
      });
    });
}

const dialogOf = (pay: PortalPay) => pay.shadowRoot!.querySelector<HTMLDialogElement>('#bank-link-dialog');

async function openBankLink(pay: PortalPay): Promise<HTMLDialogElement> {
  await chooseMethod(pay, 'bank-link');
  $<HTMLButtonElement>(pay, '#bank-link-button').focus();
  $<HTMLButtonElement>(pay, '#bank-link-button').click();
  await waitUntil(() => dialogOf(pay)?.open && has(pay, '.institution'), 'the bank sign-in did not open');
  return dialogOf(pay)!;
}

async function press(pay: PortalPay, selector: string): Promise<void> {
  $<HTMLButtonElement>(pay, selector).click();
  await pay.updateComplete;
}

describe('<portal-pay> bank payments', () => {
  it('connects a bank through the sign-in dialog: wrong password, one-time code, account, exchange', async () => {
    const service = withBankLink(payService());
    const pay = await payFor(service);
    const dialog = await openBankLink(pay);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('bank-link-heading');
    expect($(pay, '#bank-link-heading').textContent).to.equal('Connect your bank');
    await waitUntil(() => focused(pay)?.id === 'bank-search', 'focus did not move to the search');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    await type(pay, 'bank-search', 'tartan');
    await waitUntil(() => pay.shadowRoot!.querySelectorAll('.institution').length === 1, 'the search did not narrow the banks');
    await press(pay, '.institution');
    expect($(pay, '#bank-link-heading').textContent).to.equal('Sign in to Tartan Bank');
    expect(dialog.textContent).to.contain('user_good / pass_good');
    await waitUntil(() => focused(pay)?.id === 'bank-username');

    await type(pay, 'bank-username', 'user_good');
    await type(pay, 'bank-password', 'wrong');
    await press(pay, '#bank-link-dialog button[type="submit"]');
    await waitUntil(() => dialog.querySelector('[role="alert"]')!.textContent!.trim() !== '');
    expect(dialog.querySelector('[role="alert"]')!.textContent!.trim()).to.equal('The username or password is incorrect. Check them and try again.');
    await waitUntil(() => focused(pay)?.id === 'bank-password');

    await type(pay, 'bank-password', 'pass_good');
    await press(pay, '#bank-link-dialog button[type="submit"]');
    await waitUntil(() => has(pay, '#bank-code'), 'no one-time code was asked for');
    expect(dialog.textContent).to.contain('phone ending in 5309').and.contain('1234');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    await type(pay, 'bank-code', '9999');
    await press(pay, '#bank-link-dialog button[type="submit"]');
    await waitUntil(() => dialog.querySelector('[role="alert"]')!.textContent!.includes('code is incorrect'));
    await type(pay, 'bank-code', '1234');
    await press(pay, '#bank-link-dialog button[type="submit"]');
    await waitUntil(() => has(pay, 'input[name="bank-link-account"]'), 'no accounts to choose from');
    expect($<HTMLInputElement>(pay, 'input[value="acct_checking"]').checked).to.equal(true);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    $<HTMLInputElement>(pay, 'input[value="acct_savings"]').click();
    await press(pay, '#bank-link-dialog button[type="submit"]');
    await waitUntil(() => !dialogOf(pay), 'the dialog did not close');
    expect(service.calls('POST /api/v1/bank-links/exchange')[0]!.body).to.deep.equal({ publicToken: 'public-sandbox-1', accountId: 'acct_savings' });
    expect($(pay, '.linked').textContent!.trim()).to.equal('Paying from Tartan Bank account ending in 1111.');
    await waitUntil(() => has(pay, '#mandate-accept'), 'the authorization did not load');
    const [mandate] = service.calls('GET /api/v1/payments/mandate');
    expect(Object.fromEntries(mandate!.url.searchParams)).to.deep.equal({ amount: '50000', bankName: 'Tartan Bank', accountType: 'savings', last4: '1111' });
    await waitUntil(() => focused(pay)?.id === 'bank-link-button', 'focus did not come back to the form');
    expect($(pay, '#bank-link-button').textContent!.trim()).to.equal('Use a different account');

    $<HTMLInputElement>(pay, '#mandate-accept').click();
    const processing = oneEvent(pay, 'portal-payment-processing');
    await submit(pay);
    expect(await result(pay)).to.equal('Payment processing');
    expect($(pay, '.result-summary').textContent).to.equal(
      'Processing — bank payments usually take up to 3 business days. We’ll email your receipt when it clears.',
    );
    const body = service.calls('POST /api/v1/payments')[0]!.body as PaymentRequest;
    expect(body.paymentMethod).to.deep.equal({ type: 'us_bank_account', token: 'pm_linked' });
    expect(body.mandate).to.deep.equal({ accepted: true });
    const { detail } = await processing;
    expect(detail.status).to.equal('processing');
    expect(detail.amount).to.equal(50_000);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
  });

  it('returns focus to the button when the sign-in is closed', async () => {
    const service = withBankLink(payService());
    const pay = await payFor(service);
    await openBankLink(pay);
    await press(pay, '#bank-link-dialog .close-button');
    await waitUntil(() => !dialogOf(pay));
    await waitUntil(() => focused(pay)?.id === 'bank-link-button', 'focus did not return to the button');
    expect(has(pay, '.linked')).to.equal(false);
  });

  it('closes the sign-in with Escape', async () => {
    const pay = await payFor(withBankLink(payService()));
    const dialog = await openBankLink(pay);
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    dialog.close();
    await waitUntil(() => !dialogOf(pay));
    await waitUntil(() => focused(pay)?.id === 'bank-link-button');
  });

  it('asks to connect a bank before paying with bank sign-in', async () => {
    const service = withBankLink(payService());
    const pay = await payFor(service);
    await chooseMethod(pay, 'bank-link');
    await submit(pay);
    await pay.updateComplete;
    expect($(pay, '#bank-link-error').textContent).to.equal('Connect your bank account first.');
    expect(focused(pay)?.id).to.equal('bank-link-button');
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);
  });

  it('checks bank account numbers: routing checksum as typed, the account twice', async () => {
    const pay = await payFor(payService());
    await chooseMethod(pay, 'bank-account');
    await type(pay, 'bank-routing', '1100');
    expect(errorOf(pay, 'bank-routing')).to.equal(undefined);
    await type(pay, 'bank-routing', '123456789');
    expect(errorOf(pay, 'bank-routing')).to.equal('This routing number is not valid. Check it and try again.');
    await type(pay, 'bank-routing', '110000000');
    expect(errorOf(pay, 'bank-routing')).to.equal(undefined);
    await type(pay, 'bank-account', '000123456789');
    await type(pay, 'bank-account-confirm', '000123456780');
    await submit(pay);
    await pay.updateComplete;
    expect(errorOf(pay, 'bank-holder')).to.equal('Enter the account holder’s name.');
    expect(errorOf(pay, 'bank-account-confirm')).to.equal('The account numbers do not match.');
    expect(focused(pay)?.id).to.equal('bank-holder');
    expect($<HTMLInputElement>(pay, '#bank-routing').inputMode).to.equal('numeric');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
  });

  it('tokenizes bank account numbers at the processor, shows the authorization and requires consent', async () => {
    const service = payService();
    const pay = await payFor(service);
    await chooseMethod(pay, 'bank-account');
    await fillBankAccount(pay);
    await waitUntil(() => has(pay, '#mandate-accept'), 'the authorization did not load', { timeout: 3000 });
    const [tokenization] = service.calls('POST /sandbox/v1/payment_methods');
    expect(tokenization!.body).to.deep.equal({
      type: 'us_bank_account',
      us_bank_account: { routing_number: '110000000', account_number: '000123456789', account_type: 'checking' },
      billing_details: { name: 'Alex Rivera' },
    });
    expect($(pay, '[part="mandate-text"]').textContent).to.contain('checking account at STRIPE TEST BANK ending in 6789').and.contain('$500.00');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    await submit(pay);
    await pay.updateComplete;
    expect(errorOf(pay, 'mandate')).to.equal('To pay from a bank account, read the authorization and tick “I authorize this debit”.');
    expect($(pay, '#mandate-accept').getAttribute('aria-invalid')).to.equal('true');
    expect(focused(pay)?.id).to.equal('mandate-accept');
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);

    $<HTMLInputElement>(pay, '#mandate-accept').click();
    await submit(pay);
    expect(await result(pay)).to.equal('Payment processing');
    const body = service.calls('POST /api/v1/payments')[0]!.body as PaymentRequest;
    expect(body.paymentMethod).to.deep.equal({ type: 'us_bank_account', token: 'pm_bank_6789' });
    expect(body.mandate).to.deep.equal({ accepted: true });
    expect(JSON.stringify(service.calls('POST /api/v1/payments')[0]!.body)).not.to.contain('000123456789');
  });

  it('asks for consent again when the amount changes', async () => {
    const pay = await payFor(payService({ saved: [savedBank] }));
    await waitUntil(() => has(pay, '#mandate-accept'));
    $<HTMLInputElement>(pay, '#mandate-accept').click();
    await type(pay, 'amount-total', '200');
    await waitUntil(
      () => pay.shadowRoot!.querySelector('[part="mandate-text"]')?.textContent!.includes('$200.00'),
      'the authorization did not follow the amount',
      {
        timeout: 3000,
      },
    );
    expect($<HTMLInputElement>(pay, '#mandate-accept').checked).to.equal(false);
  });

  it('shows the processor’s refusal of bank numbers next to the field', async () => {
    const pay = await payFor(payService());
    await chooseMethod(pay, 'bank-account');
    await fillBankAccount(pay, '021000021');
    await waitUntil(() => errorOf(pay, 'bank-routing'), 'the refusal was not shown', { timeout: 3000 });
    expect(errorOf(pay, 'bank-routing')).to.contain('routing number 110000000');
  });

  it('chooses first the saved method the client made their default, wherever it is in the list', async () => {
    const pay = await payFor(payService({ saved: [savedCard, { ...savedBank, isDefault: true }] }));
    expect($<HTMLInputElement>(pay, 'input[value="saved:spm_bank"]').checked).to.equal(true);
    expect($<HTMLInputElement>(pay, 'input[value="saved:spm_card"]').checked).to.equal(false);
  });

  it('pays with a saved bank account after the client accepts the authorization', async () => {
    const service = payService({ saved: [savedBank] });
    const pay = await payFor(service);
    expect($<HTMLInputElement>(pay, 'input[value="saved:spm_bank"]').checked).to.equal(true);
    await waitUntil(() => has(pay, '#mandate-accept'));
    $<HTMLInputElement>(pay, '#mandate-accept').click();
    await submit(pay);
    expect(await result(pay)).to.equal('Payment processing');
    expect(service.calls('POST /api/v1/payments')[0]!.body).to.deep.equal({
      allocations: [{ invoiceId: 'inv_a', amount: 50_000 }],
      paymentMethod: { savedId: 'spm_bank' },
      savePaymentMethod: false,
      mandate: { accepted: true },
    });
  });

  it('shows the service’s answer when the authorization was missing', async () => {
    const service = payService({ saved: [savedBank] });
    service.on(
      'POST /api/v1/payments',
      () =>
        new Response(JSON.stringify({ code: 'mandate_required', status: 400, detail: 'Accept the bank debit authorization.' }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    const pay = await payFor(service);
    await waitUntil(() => has(pay, '#mandate-accept'));
    $<HTMLInputElement>(pay, '#mandate-accept').click();
    await submit(pay);
    await waitUntil(() => errorOf(pay, 'mandate'));
    expect($<HTMLInputElement>(pay, '#mandate-accept').checked).to.equal(false);
  });

  it('removes a saved method after confirmation', async () => {
    const service = payService({ saved: [savedCard, savedBank] });
    const pay = await payFor(service);
    await press(pay, '#remove-spm_card');
    expect($(pay, '#remove-question-spm_card').textContent).to.equal('Remove Visa ending in 4242 from your saved payment methods?');
    await waitUntil(() => focused(pay)?.id === 'confirm-remove-spm_card');
    expect(service.calls('DELETE /api/v1/payment-methods/spm_card')).to.have.length(0);
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();
    await press(pay, '#confirm-remove-spm_card');
    await waitUntil(() => !has(pay, 'input[value="saved:spm_card"]'), 'the method was not removed');
    expect(service.calls('DELETE /api/v1/payment-methods/spm_card')).to.have.length(1);
    expect(await announced(pay, '.base > [role="status"]')).to.equal('Visa ending in 4242 was removed.');
    expect($<HTMLInputElement>(pay, 'input[value="saved:spm_bank"]').checked).to.equal(true);
  });

  it('keeps a saved method when the client changes their mind', async () => {
    const service = payService({ saved: [savedCard] });
    const pay = await payFor(service);
    await press(pay, '#remove-spm_card');
    await press(pay, '.confirm-remove .link-button');
    await waitUntil(() => focused(pay)?.id === 'remove-spm_card');
    expect(service.calls('DELETE /api/v1/payment-methods/spm_card')).to.have.length(0);
  });
});
