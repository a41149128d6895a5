// A mocked token service for the stories: an ApiClient whose fetch answers from memory after a
// short, realistic delay. Nothing reaches the network.
import { SignInMarker } from '../components/api/sign-in-marker.ts';
import { ApiClient, type Branding, type Contact, type SignIn } from '../components/index.ts';
import { answerAfter } from './answers-due.ts';
import { autopayAnswer, storyAutopay } from './autopay-data.ts';
import { homeAnswer, type HomeAnswer } from './home-data.ts';
import { profileMock, type ProfileAnswer } from './profile-data.ts';
import { messagesMock, type MessagesDataOptions } from './messages-data.ts';
import { portalAnswer, type PortalDataOptions } from './portal-data.ts';

export const demoContact: Contact = { id: 'con_demo', firmId: 'firm_demo', email: 'alex@example.com', name: 'Alex Rivera', locale: null };

const logo =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">' +
      '<rect width="40" height="40" rx="6" fill="#b8860b"/><text x="20" y="27" font-family="Georgia" font-size="18" ' +
      'text-anchor="middle" fill="#1f3a5f">HW</text></svg>',
  );

export const demoBranding: Branding = {
  slug: 'demo',
  name: 'Hale & Whitmore LLP',
  currency: 'USD',
  logoUrl: logo,
  colors: { brand: '#1f3a5f', brandContrast: '#ffffff', accent: '#b8860b' },
  fontFamily: null,
  sections: { activities: true, invoices: true, payments: true, messages: true, files: true },
  paymentMethods: { card: true, bankLink: true, bankAccount: true },
  minimumPayment: 100,
  maxUploadBytes: 25 * 1024 * 1024,
  plans: { enabled: false, maxInstalments: 6, minInstalment: 5_000 },
};

/** A firm with its own colours and font in the service's branding (not in page CSS). */
export const themedBranding: Branding = {
  ...demoBranding,
  slug: 'harbor',
  name: 'Harbor Legal Group',
  logoUrl: null,
  colors: { brand: '#0f5c4d', brandContrast: '#ffffff', accent: '#c2571a' },
  fontFamily: "'Trebuchet MS', 'Segoe UI', sans-serif",
};

/** A firm's branding with autopay offered to its clients. */
export const withAutopay = (branding: Branding): Branding => ({ ...branding, autopay: { enabled: true } });

/** Besides sign-in: how the invoice, activity and payment calls end (see portal-data.ts). */
export interface MockOptions extends PortalDataOptions {
  /** How the branding call ends. */
  branding?: Branding | 'never' | 'offline' | 'unknown-firm';
  /** Whether an earlier sign-in can be resumed from the refresh cookie. */
  signedIn?: boolean;
  /** How a sign-in attempt (login, invitation, reset) ends. */
  signIn?: 'ok' | 'never' | 'wrong-password' | 'rate-limited' | 'offline' | 'invitation-invalid';
  /** How a sign-in with an assertion from the firm's site ends (`POST /auth/token-exchange`). */
  tokenExchange?: 'ok' | 'never' | 'invalid-assertion' | 'contact-not-found';
  /** How a sign-in with an emailed code or link ends (`POST /auth/email-code/verify`). */
  emailCode?: 'ok' | 'never' | 'wrong-code' | 'expired';
  /** What the check of an opened link (`POST /auth/link-status`) answers. */
  link?: 'usable' | 'used' | 'expired' | 'replaced' | 'unknown' | 'never';
  /** Milliseconds before each answer. */
  latency?: number;
  /** How paying goes (<portal-pay>): saved methods, the processor, how the payment call ends. */
  pay?: PayMockOptions;
  /** How messages, files and uploads go (<portal-messages>, <portal-files>). */
  messages?: MessagesDataOptions;
  /** How the client's home call ends (<portal-home>, and the navigation's counts). */
  home?: HomeAnswer;
  /** How the client's own profile loads (<portal-profile>); its changes then work and stick. */
  profile?: ProfileAnswer;
  /**
   * The client has autopay on (`GET /autopay`, see autopay-data.ts): a charge scheduled for an open
   * invoice, and payments in the history that autopay made. The sections show it when the firm's
   * branding offers autopay.
   */
  autopay?: boolean;
}

type Answer = Response | 'offline' | 'never';

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const problem = (status: number, code: string, detail: string, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

const session = (): SignIn => ({ accessToken: 'story-token', tokenType: 'Bearer', expiresIn: 600, contact: demoContact });

function answerFor(route: string, options: MockOptions, state: { signedIn: boolean }): Answer {
  const branding = options.branding ?? demoBranding;
  if (route.startsWith('GET /api/v1/firms/')) {
    if (branding === 'never' || branding === 'offline') return branding;
    if (branding === 'unknown-firm') return problem(404, 'firm_not_found', 'No firm has this slug.');
    return json(200, branding);
  }
  switch (route) {
    case 'POST /api/v1/auth/refresh':
      return state.signedIn ? json(200, session()) : problem(401, 'refresh_missing', 'There is no sign-in to resume.');
    case 'POST /api/v1/auth/logout':
      state.signedIn = false;
      return new Response(null, { status: 204 });
    case 'POST /api/v1/auth/password-reset/request':
    case 'POST /api/v1/auth/email-code/request':
      return json(202, { accepted: true });
    case 'POST /api/v1/auth/link-status':
      // The kind is in the request's body, which this table does not see: the story's mode tells it apart.
      return options.link === 'never' ? 'never' : json(200, { kind: 'sign-in', status: options.link ?? 'usable' });
    case 'POST /api/v1/auth/email-code/verify':
      switch (options.emailCode ?? 'ok') {
        case 'never':
          return 'never';
        case 'wrong-code':
          return problem(401, 'email_code_invalid', 'That code is not right. You can try 4 more times.');
        case 'expired':
          return problem(401, 'email_code_expired', 'This code or link can no longer be used. Ask for a new one.');
        case 'ok':
          state.signedIn = true;
          return json(200, session());
      }
      break;
    case 'POST /api/v1/auth/login':
    case 'POST /api/v1/auth/invitations/accept':
    case 'POST /api/v1/auth/password-reset/confirm':
      switch (options.signIn ?? 'ok') {
        case 'never':
          return 'never';
        case 'offline':
          return 'offline';
        case 'wrong-password':
          return problem(401, 'invalid_credentials', 'The email or password is incorrect.');
        case 'rate-limited':
          return problem(429, 'rate_limited', 'Too many attempts.', { 'Retry-After': '300' });
        case 'invitation-invalid':
          return problem(400, 'invitation_invalid', 'The invitation is unknown, used, revoked or expired.');
        case 'ok':
          state.signedIn = true;
          return json(200, session());
      }
      break;
    case 'POST /api/v1/auth/token-exchange':
      switch (options.tokenExchange ?? 'ok') {
        case 'never':
          return 'never';
        case 'invalid-assertion':
          return problem(401, 'invalid_assertion', 'The assertion is not valid for this firm.');
        case 'contact-not-found':
          return problem(404, 'contact_not_found', 'No client of the firm matches the assertion.');
        case 'ok':
          state.signedIn = true;
          return json(200, session());
      }
      break;
  }
  return problem(404, 'not_found', `The mock service has no answer for ${route}.`);
}

/** An ApiClient for the demo firm, answered by the mock service. */
export function mockClient(options: MockOptions = {}): ApiClient {
  const state = { signedIn: options.signedIn ?? false };
  const latency = options.latency ?? 400;
  const messages = messagesMock(options.messages ?? {});
  const branding = options.branding;
  const profile = profileMock(options.profile ?? 'full', demoContact, () => (typeof branding === 'object' ? branding : demoBranding));
  const autopay = options.autopay ? storyAutopay(demoContact.id) : [];
  const baseUrl = 'https://portal.example-law.test';
  // The mark a kept sign-in leaves in the browser: without it `<portal-session>` does not try to resume one.
  new SignInMarker(`${baseUrl}/api/v1/auth`).remember(state.signedIn);
  return new ApiClient({
    baseUrl,
    firm: typeof options.branding === 'object' ? options.branding.slug : 'demo',
    xhr: messages.xhr,
    fetch: (input, init) =>
      new Promise<Response>((resolve, reject) => {
        const url = new URL(input);
        const route = `${init.method ?? 'GET'} ${url.pathname}`;
        const signal = init.signal;
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        answerAfter(latency, () => {
          const answer =
            (options.profile || !url.pathname.includes('/payment-methods') ? profile(init.method ?? 'GET', url, init.body) : undefined) ??
            payAnswer(init.method ?? 'GET', url, init.body, options.pay ?? {}) ??
            homeAnswer(init.method ?? 'GET', url, options.home) ??
            (options.autopay ? autopayAnswer(init.method ?? 'GET', url, autopay) : undefined) ??
            portalAnswer(init.method ?? 'GET', url, options) ??
            messages.answer(init.method ?? 'GET', url, init.body) ??
            answerFor(route, options, state);
          if (answer === 'offline') reject(new TypeError('Failed to fetch'));
          else if (answer !== 'never') resolve(answer);
        });
      }),
  });
}

// Paying (<portal-pay>): checkout, saved methods, bank sign-in and the sandbox processor. Test
// card numbers behave as in the sandbox: 4242… succeeds, …0002 is declined, …9995 has
// insufficient funds, …3155 asks for 3-D Secure; bank debits are processing.

export interface PayMockOptions {
  /** The client's saved payment methods. */
  saved?: 'none' | 'card' | 'card-and-bank';
  /** `stripe`: card entry is left to Stripe's own form. */
  processor?: 'sandbox' | 'stripe';
  /**
   * `never`: the payment call never answers (the submitting state); `rate-limited`: it is refused
   * after too many declined attempts, for 42 minutes.
   */
  payment?: 'ok' | 'never' | 'rate-limited';
  /** A card surcharge in percent, quoted for credit cards (every card but a debit card ending 5556). */
  surcharge?: number;
}

const storySaved = {
  card: {
    id: 'spm_story_card',
    type: 'card',
    brand: 'visa',
    last4: '4242',
    expMonth: 8,
    expYear: 2030,
    createdAt: '2026-01-05T10:00:00.000Z',
    isDefault: false,
  },
  bank: {
    id: 'spm_story_bank',
    type: 'us_bank_account',
    brand: 'STRIPE TEST BANK',
    last4: '6789',
    expMonth: null,
    expYear: null,
    createdAt: '2026-01-06T10:00:00.000Z',
    isDefault: false,
  },
} as const;

const storyAccounts = [
  { id: 'acct_checking', name: 'Plaid Checking', mask: '0000', subtype: 'checking' },
  { id: 'acct_savings', name: 'Plaid Saving', mask: '1111', subtype: 'savings' },
];

const storyInstitutions = [
  { id: 'ins_109508', name: 'First Platypus Bank', mfa: false },
  { id: 'ins_109509', name: 'First Gingham Credit Union', mfa: false },
  { id: 'ins_109510', name: 'Tattersall Federal Credit Union', mfa: true },
  { id: 'ins_109511', name: 'Tartan Bank', mfa: true },
  { id: 'ins_109512', name: 'Houndstooth Bank', mfa: false },
];

const payState = { authenticated: true, institution: storyInstitutions[0]!, account: storyAccounts[0]! };

interface StoryPaymentBody {
  allocations: { invoiceId: string; amount: number }[];
  paymentMethod: { type: string; token: string } | { savedId: string };
  amount?: number;
}

/** `POST /payments/quote` as the service answers: a surcharge on credit cards when the story sets one. */
function storyQuote(body: StoryPaymentBody, percent = 0) {
  const subtotal = body.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
  const method = body.paymentMethod;
  const card = 'type' in method ? method.type === 'card' && !method.token.endsWith('5556') : method.savedId === storySaved.card.id;
  const amount = card && percent ? Math.round((subtotal * percent) / 100) : 0;
  return {
    currency: 'USD',
    subtotal,
    surcharge: { amount, percent: amount ? percent : 0, reason: amount ? null : percent ? 'not_credit_card' : 'disabled' },
    total: subtotal + amount,
  };
}

function storyPayment(body: StoryPaymentBody, status: string, failure: { code: string; declineCode?: string; message: string } | null = null) {
  const method = body.paymentMethod;
  const token = 'token' in method ? method.token : method.savedId;
  const bank = 'type' in method ? method.type === 'us_bank_account' : method.savedId === storySaved.bank.id;
  const linked = token === 'pm_story_linked';
  const now = new Date().toISOString();
  return {
    id: 'pay_story_1',
    status,
    amount: body.amount ?? body.allocations.reduce((sum, allocation) => sum + allocation.amount, 0),
    surcharge: body.amount === undefined ? 0 : body.amount - body.allocations.reduce((sum, allocation) => sum + allocation.amount, 0),
    currency: 'USD',
    method: bank
      ? { type: 'us_bank_account', brand: linked ? payState.institution.name : 'STRIPE TEST BANK', last4: linked ? payState.account.mask : '6789' }
      : { type: 'card', brand: 'visa', last4: token.startsWith('pm_story_') ? token.slice(-4) : '4242' },
    source: 'portal',
    reference: null,
    receiptNumber: 'R-200431',
    allocations: body.allocations.map((allocation) => ({
      invoiceId: allocation.invoiceId,
      invoiceNumber: `INV-${5000 - Number(allocation.invoiceId.replace(/\D/g, ''))}`,
      amount: allocation.amount,
      depositAccount: 'operating',
    })),
    failure,
    amountRefunded: 0,
    refunds: [],
    createdAt: now,
    updatedAt: now,
  };
}

const declines: Record<string, { code: string; declineCode?: string; message: string }> = {
  '0002': { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
  '9995': { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
};

/** The answer to a call about paying, or undefined for any other call. */
function payAnswer(method: string, url: URL, rawBody: unknown, options: PayMockOptions): Answer | undefined {
  const body = typeof rawBody === 'string' ? (JSON.parse(rawBody) as Record<string, unknown>) : {};
  const path = url.pathname;
  const route = `${method} ${path}`;
  if (route === 'GET /api/v1/payments/setup') {
    return json(200, {
      processor: options.processor ?? 'sandbox',
      publishableKey: options.processor === 'stripe' ? 'pk_test_story' : null,
      bankLink: options.processor === 'stripe' ? 'plaid' : 'sandbox',
      sandboxUrl: options.processor === 'stripe' ? null : `${url.origin}/sandbox`,
    });
  }
  if (route === 'GET /api/v1/payment-methods') {
    const saved = options.saved ?? 'none';
    return json(200, { data: saved === 'none' ? [] : saved === 'card' ? [storySaved.card] : [storySaved.card, storySaved.bank] });
  }
  if (method === 'DELETE' && path.startsWith('/api/v1/payment-methods/')) return new Response(null, { status: 204 });
  if (route === 'GET /api/v1/payments/mandate') {
    const q = url.searchParams;
    const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Number(q.get('amount')) / 100);
    const today = new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(new Date());
    return json(200, {
      text:
        `By selecting Pay ${amount}, I authorize Hale & Whitmore LLP to electronically debit my ${q.get('accountType')} account at ${q.get('bankName')} ending in ${q.get('last4')} for a one-time payment of ${amount} on ${today}, and, if the debit is returned for an error, to correct it with a single credit or debit. ` +
        'I understand that this authorization stays in effect until the payment is complete, and that I may revoke it by contacting Hale & Whitmore LLP at billing@halewhitmore.example before the debit is processed. I confirm that I am an authorized signer on this account.',
    });
  }
  if (route === 'POST /sandbox/v1/payment_methods') {
    if (body.type === 'card') {
      const number = String((body.card as { number: string }).number);
      return json(200, { id: `pm_story_${number.slice(-4)}`, object: 'payment_method', type: 'card', card: { brand: 'visa', last4: number.slice(-4) } });
    }
    const account = body.us_bank_account as { routing_number: string; account_number: string; account_type: string };
    if (account.routing_number !== '110000000') {
      return json(400, {
        error: {
          type: 'invalid_request_error',
          code: 'routing_number_invalid',
          message: 'The sandbox accepts only its test bank: routing number 110000000 with a test account number such as 000123456789.',
          param: 'us_bank_account[routing_number]',
        },
      });
    }
    return json(200, {
      id: 'pm_story_bank',
      object: 'payment_method',
      type: 'us_bank_account',
      us_bank_account: { bank_name: 'STRIPE TEST BANK', last4: account.account_number.slice(-4), account_type: account.account_type },
    });
  }
  if (route === 'POST /api/v1/payments/quote') return json(200, storyQuote(body as unknown as StoryPaymentBody, options.surcharge));
  if (route === 'POST /api/v1/payments') {
    if (options.payment === 'never') return 'never';
    if (options.payment === 'rate-limited') {
      return problem(429, 'rate_limited', `Too many declined payment attempts. Try again in 42 minutes, or contact ${demoBranding.name}.`, {
        'Retry-After': '2520',
      });
    }
    const request = body as unknown as StoryPaymentBody;
    const token = 'token' in request.paymentMethod ? request.paymentMethod.token : '';
    const bank = 'type' in request.paymentMethod ? request.paymentMethod.type === 'us_bank_account' : request.paymentMethod.savedId === storySaved.bank.id;
    if (bank) {
      const payment = storyPayment(request, 'processing');
      return json(201, { payment, payments: [payment] });
    }
    const decline = declines[token.slice(-4)];
    if (decline) {
      const payment = storyPayment(request, 'failed', decline);
      return json(201, { payment, payments: [payment] });
    }
    if (token.endsWith('3155')) {
      const payment = storyPayment(request, 'requires_action');
      const clientSecret = 'pi_story_secret_story';
      return json(201, { payment, payments: [payment], clientSecret, nextActions: [{ paymentId: payment.id, clientSecret }] });
    }
    const payment = storyPayment(request, 'succeeded');
    return json(201, { payment, payments: [payment] });
  }
  if (route === 'POST /sandbox/v1/payment_intents/pi_story/authenticate') {
    payState.authenticated = body.outcome === 'approve';
    return json(200, { id: 'pi_story', object: 'payment_intent', status: payState.authenticated ? 'succeeded' : 'requires_payment_method' });
  }
  if (route === 'POST /api/v1/payments/pay_story_1/confirm') {
    const request: StoryPaymentBody = { allocations: [{ invoiceId: 'inv_story_1', amount: 0 }], paymentMethod: { type: 'card', token: 'pm_story_3155' } };
    const payment = payState.authenticated
      ? storyPayment(request, 'succeeded')
      : storyPayment(request, 'failed', { code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' });
    return json(200, payment);
  }
  if (route === 'POST /api/v1/bank-links') {
    return json(201, { provider: 'sandbox', linkToken: 'link-story', expiresAt: new Date(Date.now() + 1_800_000).toISOString() });
  }
  if (route === 'GET /sandbox/link/institutions') {
    const query = (url.searchParams.get('query') ?? '').toLowerCase();
    return json(200, { institutions: storyInstitutions.filter((institution) => institution.name.toLowerCase().includes(query)) });
  }
  if (route === 'POST /sandbox/link/sessions/link-story/credentials') {
    if (body.username !== 'user_good' || body.password !== 'pass_good') {
      return json(400, { error: { code: 'INVALID_CREDENTIALS', message: 'The username or password you entered is incorrect.' } });
    }
    payState.institution = storyInstitutions.find((institution) => institution.id === body.institutionId) ?? storyInstitutions[0]!;
    if (payState.institution.mfa)
      return json(200, { status: 'mfa_required', prompt: `${payState.institution.name} sent a code to your phone ending in 5309. Enter it to continue.` });
    return json(200, { status: 'select_account', institution: payState.institution, accounts: storyAccounts });
  }
  if (route === 'POST /sandbox/link/sessions/link-story/mfa') {
    if (String(body.code).trim() !== '1234') return json(400, { error: { code: 'INVALID_MFA', message: 'That code is incorrect.' } });
    return json(200, { status: 'select_account', institution: payState.institution, accounts: storyAccounts });
  }
  if (route === 'POST /sandbox/link/sessions/link-story/account') {
    payState.account = storyAccounts.find((account) => account.id === body.accountId) ?? storyAccounts[0]!;
    return json(200, { publicToken: 'public-sandbox-story' });
  }
  if (route === 'POST /api/v1/bank-links/exchange') {
    return json(200, {
      paymentMethod: {
        type: 'us_bank_account',
        token: 'pm_story_linked',
        bankName: payState.institution.name,
        last4: payState.account.mask,
        accountType: payState.account.subtype,
      },
    });
  }
  return undefined;
}
