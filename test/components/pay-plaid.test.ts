import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { PaymentRequest, PaymentSetup, PortalPay } from '../../components/index.ts';
import { plaidLinkScriptUrl } from '../../components/pay/plaid-loader.ts';
import { afterEach, beforeEach, describe, it } from './mocha.ts';
import { installFakePlaid, removeFakePlaid } from './plaid-fake.ts';
import { json, payService, problem } from './pay-fake.ts';
import { $, announced, chooseMethod, focused, has, payFor, result, submit, transitionsDone } from './pay-helpers.ts';
import { installFakeStripe } from './stripe-fake.ts';

const plaidSetup: PaymentSetup = { processor: 'stripe', publishableKey: 'pk_test_portico', bankLink: 'plaid', sandboxUrl: null };
const linked = { type: 'us_bank_account', token: 'ba_plaid_1', bankName: 'First Platypus Bank', last4: '1111', accountType: 'savings' };

function plaidService() {
  return payService({ setup: plaidSetup })
    .on('POST /api/v1/bank-links', () => json(201, { provider: 'plaid', linkToken: 'link-sandbox-4f2a', expiresAt: '2026-03-01T16:00:00.000Z' }))
    .on('POST /api/v1/bank-links/exchange', () => json(200, { paymentMethod: linked }));
}

/** The form with "Link Bank Account" chosen. */
async function bankLinkPay(service = plaidService()): Promise<PortalPay> {
  const pay = await payFor(service);
  await chooseMethod(pay, 'bank-link');
  return pay;
}

async function openLink(pay: PortalPay): Promise<void> {
  $<HTMLButtonElement>(pay, '#bank-link-button').click();
  await pay.updateComplete;
}

describe('<portal-pay> with Plaid Link', () => {
  beforeEach(() => {
    // Stripe is the processor whenever Plaid is the bank sign-in.
    installFakeStripe();
  });

  afterEach(() => {
    removeFakePlaid();
  });

  // First in this file: no window.Plaid, so the loader adds Link's script, which the page's CSP blocks.
  it('says clearly when Link’s script cannot load, and loads it when the client tries again', async () => {
    const added: string[] = [];
    const watcher = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLScriptElement) added.push(node.src);
    });
    watcher.observe(document.head, { childList: true });
    const policy = document.createElement('meta');
    policy.httpEquiv = 'Content-Security-Policy';
    policy.content = "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob: data:";
    document.head.append(policy);

    const service = plaidService();
    const pay = await bankLinkPay(service);
    await openLink(pay);
    await waitUntil(() => has(pay, '#bank-link-error'), 'no message that Link did not load', { timeout: 4000 });
    watcher.disconnect();
    expect($(pay, '#bank-link-error').textContent).to.contain('The bank connection could not be opened');
    expect(added).to.deep.equal([plaidLinkScriptUrl]);
    expect(document.querySelector(`script[src="${plaidLinkScriptUrl}"]`), 'the failed script is taken away').to.equal(null);
    await waitUntil(() => focused(pay)?.id === 'bank-link-button');
    expect($(pay, '#bank-link-button').getAttribute('aria-describedby')).to.contain('bank-link-error');
    expect($(pay, '#bank-link-button').getAttribute('aria-disabled')).to.equal('false');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    const plaid = installFakePlaid();
    await openLink(pay);
    await waitUntil(() => plaid.last?.opened === 1, 'Link never opened');
    expect(has(pay, '#bank-link-error')).to.equal(false);
    expect(document.querySelector(`script[src="${plaidLinkScriptUrl}"]`)).to.equal(null);
  });

  it('opens Link with a link token from the token service, adding no script when window.Plaid is there', async () => {
    const plaid = installFakePlaid();
    const service = plaidService();
    const pay = await bankLinkPay(service);
    expect($(pay, '#bank-link-button').textContent!.trim()).to.equal('Connect your bank');
    expect(has(pay, '#bank-link-dialog')).to.equal(false);
    await openLink(pay);
    await waitUntil(() => plaid.last?.opened === 1, 'Link never opened');
    expect(plaid.last!.config.token).to.equal('link-sandbox-4f2a');
    expect(service.calls('POST /api/v1/bank-links')).to.have.length(1);
    expect(document.querySelector('script[src*="plaid.com"]')).to.equal(null);
    await waitUntil(() => $(pay, '[part~="bank-link"] [role="status"]').textContent!.includes('open in a secure window'));
    expect($(pay, '#bank-link-button').getAttribute('aria-disabled')).to.equal('true');

    $<HTMLButtonElement>(pay, '#bank-link-button').click();
    await pay.updateComplete;
    expect(plaid.handlers, 'a second press waits for Link').to.have.length(1);
  });

  it('exchanges the public token for the chosen account, then asks for the authorization before paying', async () => {
    const plaid = installFakePlaid();
    const service = plaidService();
    const pay = await bankLinkPay(service);
    await openLink(pay);
    await waitUntil(() => plaid.last?.opened === 1);
    plaid.last!.succeed('public-sandbox-9c1e', [{ id: 'acc_savings', name: 'Plaid Saving', mask: '1111', subtype: 'savings' }]);
    await waitUntil(() => has(pay, '.linked'), 'the account was never connected');
    expect(service.calls('POST /api/v1/bank-links/exchange')[0]!.body).to.deep.equal({ publicToken: 'public-sandbox-9c1e', accountId: 'acc_savings' });
    expect(plaid.last!.destroyed).to.equal(true);
    expect($(pay, '.linked').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Paying from First Platypus Bank account ending in 1111.');
    expect($(pay, '#bank-link-button').textContent!.trim()).to.equal('Use a different account');
    await waitUntil(() => focused(pay)?.id === 'bank-link-button', 'focus did not come back to the button');
    await waitUntil(() => has(pay, '#mandate-accept'), 'the authorization never appeared');
    expect($(pay, '[part~="mandate-text"]').textContent).to.contain('savings account at First Platypus Bank ending in 1111');
    await transitionsDone(pay);
    await expect(pay).to.be.accessible();

    await submit(pay);
    await waitUntil(() => has(pay, '#mandate-error'));
    expect(service.calls('POST /api/v1/payments')).to.have.length(0);
    $<HTMLInputElement>(pay, '#mandate-accept').click();
    const processing = oneEvent(pay, 'portal-payment-processing');
    await submit(pay);
    expect(await result(pay)).to.equal('Payment processing');
    const body = service.calls('POST /api/v1/payments')[0]!.body as PaymentRequest;
    expect(body.paymentMethod).to.deep.equal({ type: 'us_bank_account', token: 'ba_plaid_1' });
    expect(body.mandate).to.deep.equal({ accepted: true });
    expect((await processing).detail.status).to.equal('processing');
  });

  it('goes back to the choice of method when the client closes Link, with focus on the button', async () => {
    const plaid = installFakePlaid();
    const service = plaidService();
    const pay = await bankLinkPay(service);
    await openLink(pay);
    await waitUntil(() => plaid.last?.opened === 1);
    plaid.last!.close();
    expect(await announced(pay, '.base > [role="status"]')).to.equal('No bank account was connected.');
    await waitUntil(() => focused(pay)?.id === 'bank-link-button');
    expect(has(pay, '#bank-link-error')).to.equal(false);
    expect(pay.shadowRoot!.querySelector<HTMLInputElement>('input[name="method"]:checked')!.value).to.equal('bank-link');
    expect($(pay, '#bank-link-button').getAttribute('aria-disabled')).to.equal('false');
    expect(plaid.last!.destroyed).to.equal(true);
    expect(service.calls('POST /api/v1/bank-links/exchange')).to.have.length(0);

    await submit(pay);
    await waitUntil(() => has(pay, '#bank-link-error'));
    expect($(pay, '#bank-link-error').textContent).to.equal('Connect your bank account first.');
  });

  it('explains an error Link ended with, in plain words', async () => {
    const plaid = installFakePlaid();
    const pay = await bankLinkPay();
    const cases: [Parameters<NonNullable<typeof plaid.last>['close']>[0], string][] = [
      [{ error_code: 'INSTITUTION_DOWN', error_type: 'INSTITUTION_ERROR' }, 'Your bank cannot be reached through the bank connection service right now.'],
      [{ error_code: 'INVALID_LINK_TOKEN', error_type: 'INVALID_INPUT' }, 'The bank connection expired before it finished.'],
      [{ error_code: 'ITEM_NOT_SUPPORTED', display_message: 'This account type is not supported.' }, 'This account type is not supported.'],
      [{ error_code: 'INTERNAL_SERVER_ERROR' }, 'Your bank could not be connected. Try again, or use another payment method.'],
    ];
    for (const [error, message] of cases) {
      await openLink(pay);
      await waitUntil(() => plaid.last?.opened === 1 && !plaid.last.destroyed);
      plaid.last!.close(error);
      await waitUntil(() => has(pay, '#bank-link-error'));
      expect($(pay, '#bank-link-error').textContent).to.contain(message);
      await waitUntil(() => focused(pay)?.id === 'bank-link-button');
    }
  });

  it('says why when the account cannot be connected or Link cannot be started', async () => {
    const plaid = installFakePlaid();
    const service = plaidService().on('POST /api/v1/bank-links/exchange', () =>
      problem(422, 'bank_link_invalid', 'That account is no longer available from your bank. Connect your bank again and choose another account.', {
        plaidErrorCode: 'INVALID_ACCOUNT_ID',
      }),
    );
    const pay = await bankLinkPay(service);
    await openLink(pay);
    await waitUntil(() => plaid.last?.opened === 1);
    plaid.last!.succeed();
    await waitUntil(() => has(pay, '#bank-link-error'));
    expect($(pay, '#bank-link-error').textContent).to.contain('That account is no longer available from your bank.');
    expect(has(pay, '.linked')).to.equal(false);
    expect(has(pay, '#mandate-accept')).to.equal(false);

    service.on('POST /api/v1/bank-links', () =>
      problem(422, 'method_not_allowed', 'Hale & Whitmore LLP does not accept payments from a linked bank in the portal.'),
    );
    await openLink(pay);
    await waitUntil(() => pay.shadowRoot!.querySelector('#bank-link-error')?.textContent?.includes('does not accept payments from a linked bank'));
    expect(plaid.handlers).to.have.length(1);
  });

  it('closes Link when the form goes away', async () => {
    const plaid = installFakePlaid();
    const pay = await bankLinkPay();
    await openLink(pay);
    await waitUntil(() => plaid.last?.opened === 1);
    pay.remove();
    expect(plaid.last!.destroyed).to.equal(true);
  });
});
