// The payment attempt on its own: no element, a fake API client that records every call.
import { expect, waitUntil } from '@open-wc/testing';
import { ApiError } from '../../components/api/api-error.ts';
import { networkError } from '../../components/api/failed-call.ts';
import type { CheckoutResult, Payment, PaymentMethodInput, PaymentQuote, PaymentQuoteRequest, PaymentRequest } from '../../components/api/types.ts';
import {
  isRetryable,
  newIdempotencyKey,
  PaymentAttempt,
  type ChallengeRunner,
  type PaymentAttemptOptions,
  type PaymentChallenge,
  type PaymentPress,
} from '../../components/pay/payment-attempt.ts';
import { describe, it } from './mocha.ts';
import { payment, quoteFor } from './pay-fake.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const card: PaymentMethodInput = { type: 'card', token: 'pm_card_4242' };
const allocations = [{ invoiceId: 'inv_a', amount: 50_000 }];

type Answer<T> = T | Error | ((...args: never[]) => T | Promise<T>);

interface CreateCall {
  request: PaymentRequest;
  key: string;
}

/** The payments API in memory: answers come from queues (the last one repeats), and every call is recorded. */
class FakeClient {
  readonly quotes: PaymentQuoteRequest[] = [];
  readonly creates: CreateCall[] = [];
  readonly confirms: string[] = [];
  quoteAnswers: Answer<PaymentQuote>[] = [];
  createAnswers: Answer<CheckoutResult>[] = [];
  confirmAnswers: Answer<Payment>[] = [];
  surcharge = 0;

  readonly payments = {
    quote: async (request: PaymentQuoteRequest) => {
      this.quotes.push(request);
      return this.#answer(this.quoteAnswers, () => quoteFor(request, this.surcharge));
    },
    create: async (request: PaymentRequest, { idempotencyKey }: { idempotencyKey: string; signal?: AbortSignal }) => {
      this.creates.push({ request, key: idempotencyKey });
      return this.#answer(this.createAnswers, () => created(payment(request, 'succeeded')));
    },
    confirm: async (id: string) => {
      this.confirms.push(id);
      return this.#answer(this.confirmAnswers, () => {
        throw new Error(`no answer for the confirmation of ${id}`);
      });
    },
  };

  async #answer<T>(queue: Answer<T>[], otherwise: () => T): Promise<T> {
    const next = queue.length > 1 ? queue.shift() : queue[0];
    if (next === undefined) return otherwise();
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return (next as () => T | Promise<T>)();
    return next;
  }
}

function created(...payments: Payment[]): CheckoutResult {
  return { payment: payments[0]!, payments };
}

function problem(status: number, code: string, extra: { retryAfter?: number } = {}): ApiError {
  return new ApiError({ status, code, detail: code, ...extra });
}

function setUp(options: Partial<PaymentAttemptOptions> = {}) {
  const client = new FakeClient();
  const challenges: PaymentChallenge[] = [];
  let challenge: ChallengeRunner = async () => true;
  let keys = 0;
  const attempt = new PaymentAttempt({
    client: () => client,
    challenge: (request, signal) => {
      challenges.push(request);
      return challenge(request, signal);
    },
    newKey: () => `key-${(keys += 1)}`,
    confirmRetryDelay: 1,
    ...options,
  });
  let tokenized = 0;
  const press = (extra: Partial<PaymentPress> = {}): PaymentPress => ({
    fingerprint: 'form-1',
    allocations,
    save: false,
    bankDebit: false,
    paymentMethod: async () => {
      tokenized += 1;
      return card;
    },
    signal: new AbortController().signal,
    ...extra,
  });
  return {
    client,
    attempt,
    press,
    challenges,
    tokenized: () => tokenized,
    onChallenge: (runner: ChallengeRunner) => (challenge = runner),
  };
}

describe('PaymentAttempt', () => {
  it('makes a fresh Idempotency-Key each time, a version 4 UUID', () => {
    const first = newIdempotencyKey();
    const second = newIdempotencyKey();
    expect(first).to.match(uuid);
    expect(second).to.match(uuid).and.not.equal(first);
  });

  it('quotes the card, then pays the quoted total with a new key', async () => {
    const { client, attempt, press } = setUp();
    const outcome = await attempt.submit(press({ save: true }));
    expect(outcome.kind).to.equal('created');
    expect(client.quotes).to.deep.equal([{ allocations, paymentMethod: card }]);
    expect(client.creates).to.have.length(1);
    expect(client.creates[0]!.key).to.equal('key-1');
    expect(client.creates[0]!.request).to.deep.equal({ allocations, paymentMethod: card, savePaymentMethod: true, amount: 50_000 });
    expect(attempt.resends('form-1')).to.equal(false);
  });

  it('sends a bank debit with its authorization and no quote; a saved method is never saved again', async () => {
    const { client, attempt, press } = setUp();
    const bank: PaymentMethodInput = { type: 'us_bank_account', token: 'pm_bank_6789' };
    await attempt.submit(press({ bankDebit: true, save: true, paymentMethod: async () => bank }));
    await attempt.submit(press({ fingerprint: 'form-2', bankDebit: true, save: true, paymentMethod: async () => ({ savedId: 'spm_bank' }) }));
    expect(client.quotes).to.have.length(0);
    expect(client.creates.map((call) => call.request)).to.deep.equal([
      { allocations, paymentMethod: bank, savePaymentMethod: true, mandate: { accepted: true } },
      { allocations, paymentMethod: { savedId: 'spm_bank' }, savePaymentMethod: false, mandate: { accepted: true } },
    ]);
  });

  it('sends the same key and body again when the answer was lost, without asking for the method again', async () => {
    const { client, attempt, press, tokenized } = setUp();
    client.createAnswers = [
      networkError(new TypeError('Failed to fetch')),
      created(payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'succeeded')),
    ];
    expect(await attempt.submit(press())).to.deep.equal({ kind: 'retry', reason: 'network' });
    expect(attempt.resends('form-1')).to.equal(true);
    expect((await attempt.submit(press())).kind).to.equal('created');
    const [first, second] = client.creates;
    expect(second!.key).to.equal(first!.key);
    expect(second!.request).to.deep.equal(first!.request);
    expect(tokenized()).to.equal(1);
    expect(client.quotes).to.have.length(1);
  });

  it('sends the same key again while the first send is still being worked on (409 idempotency_in_progress)', async () => {
    const { client, attempt, press } = setUp();
    client.createAnswers = [
      problem(409, 'idempotency_in_progress'),
      created(payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'succeeded')),
    ];
    expect(await attempt.submit(press())).to.deep.equal({ kind: 'retry', reason: 'in-progress' });
    await attempt.submit(press());
    expect(client.creates.map((call) => call.key)).to.deep.equal(['key-1', 'key-1']);
  });

  it('takes a replayed answer for the payment the lost send made', async () => {
    const { client, attempt, press } = setUp();
    // The service made the payment, but its answer never arrived; the same key gets that answer replayed.
    const answers = new Map<string, CheckoutResult>();
    let lose = true;
    client.createAnswers = [
      () => {
        const { request, key } = client.creates.at(-1)!;
        const answer = answers.get(key) ?? created(payment(request, 'succeeded', { id: `pay_${answers.size + 1}` }));
        answers.set(key, answer);
        if (lose) {
          lose = false;
          throw networkError(new TypeError('Failed to fetch'));
        }
        return answer;
      },
    ];
    expect((await attempt.submit(press())).kind).to.equal('retry');
    const outcome = await attempt.submit(press());
    expect(outcome.kind).to.equal('created');
    expect(outcome.kind === 'created' && outcome.result.payment.id).to.equal('pay_1');
    expect(answers.size).to.equal(1);
  });

  it('uses a new key once the payment changed, and for the next payment', async () => {
    const { client, attempt, press, tokenized } = setUp();
    client.createAnswers = [
      networkError(new TypeError('Failed to fetch')),
      created(payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'succeeded')),
    ];
    await attempt.submit(press());
    expect(attempt.resends('form-2')).to.equal(false);
    const changed = [{ invoiceId: 'inv_a', amount: 10_000 }];
    await attempt.submit(press({ fingerprint: 'form-2', allocations: changed }));
    await attempt.submit(press({ fingerprint: 'form-2', allocations: changed }));
    expect(client.creates.map((call) => call.key)).to.deep.equal(['key-1', 'key-2', 'key-3']);
    expect(client.creates[1]!.request.allocations).to.deep.equal(changed);
    expect(tokenized()).to.equal(3);
  });

  it('classifies refusals: a lost answer, a 5xx or a send in progress is retried with the same key; the rest are final', async () => {
    expect(isRetryable(networkError(new TypeError('Failed to fetch')))).to.equal(true);
    expect(isRetryable(problem(500, 'internal_error'))).to.equal(true);
    expect(isRetryable(problem(503, 'http_503'))).to.equal(true);
    expect(isRetryable(problem(409, 'idempotency_in_progress'))).to.equal(true);
    expect(isRetryable(problem(409, 'idempotency_key_reused'))).to.equal(false);
    expect(isRetryable(problem(400, 'invalid_request'))).to.equal(false);
    expect(isRetryable(problem(422, 'payment_method_invalid'))).to.equal(false);
    expect(isRetryable(new TypeError('not from the service'))).to.equal(false);

    for (const [error, kind] of [
      [problem(502, 'http_502'), 'retry'],
      [problem(400, 'invalid_request'), 'refused'],
      [problem(422, 'amount_exceeds_balance'), 'refused'],
      [problem(422, 'payment_method_invalid'), 'refused'],
    ] as const) {
      const { client, attempt, press } = setUp();
      client.createAnswers = [error, created(payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'succeeded'))];
      const outcome = await attempt.submit(press());
      expect(outcome.kind, error.code).to.equal(kind);
      if (outcome.kind === 'refused') {
        expect(outcome.error).to.equal(error);
        expect(outcome.request.paymentMethod).to.deep.equal(card);
      }
      expect(attempt.resends('form-1'), error.code).to.equal(kind === 'retry');
      await attempt.submit(press());
      const [first, second] = client.creates;
      expect(second!.key === first!.key, error.code).to.equal(kind === 'retry');
    }
  });

  it('treats a decline as a payment made: the next press is a new payment with a new key', async () => {
    const { client, attempt, press } = setUp();
    const declined = payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'failed', {
      failure: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
    });
    client.createAnswers = [created(declined), created(payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'succeeded'))];
    const outcome = await attempt.submit(press());
    expect(outcome.kind === 'created' && outcome.result.payment.status).to.equal('failed');
    await attempt.submit(press());
    expect(client.creates.map((call) => call.key)).to.deep.equal(['key-1', 'key-2']);
  });

  it('shows a card surcharge before charging, and pays the quoted total with the quoted method on the next press', async () => {
    const { client, attempt, press, tokenized } = setUp();
    client.surcharge = 3;
    const outcome = await attempt.submit(press());
    expect(outcome.kind).to.equal('quoted');
    const quote = outcome.kind === 'quoted' ? outcome.quote : undefined;
    expect(quote?.surcharge.amount).to.equal(1_500);
    expect(client.creates).to.have.length(0);
    expect(attempt.quoteFor(() => 'form-1')).to.deep.equal(quote);
    expect(attempt.quoteFor(() => 'form-2')).to.equal(undefined);

    expect((await attempt.submit(press())).kind).to.equal('created');
    expect(client.quotes).to.have.length(1);
    expect(tokenized()).to.equal(1);
    expect(client.creates[0]!.request).to.deep.equal({ allocations, paymentMethod: card, savePaymentMethod: false, amount: 51_500 });
  });

  it('asks for a new quote when the service says the surcharge changed', async () => {
    const { client, attempt, press } = setUp();
    client.surcharge = 3;
    client.createAnswers = [
      problem(409, 'surcharge_not_confirmed'),
      created(payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'succeeded')),
    ];
    await attempt.submit(press());
    expect(await attempt.submit(press())).to.deep.equal({ kind: 'quote-changed' });
    expect(attempt.quoteFor(() => 'form-1')).to.equal(undefined);
    expect(attempt.resends('form-1')).to.equal(false);
    client.surcharge = 2;
    const requoted = await attempt.submit(press());
    expect(requoted.kind === 'quoted' && requoted.quote.total).to.equal(51_000);
    expect(client.quotes).to.have.length(2);
    await attempt.submit(press());
    expect(client.creates.at(-1)!.request.amount).to.equal(51_000);
    expect(client.creates.map((call) => call.key)).to.deep.equal(['key-1', 'key-2']);
  });

  it('says when the quote itself was refused, and sends nothing', async () => {
    const { client, attempt, press } = setUp();
    const refusal = problem(422, 'amount_exceeds_balance');
    client.quoteAnswers = [refusal];
    const outcome = await attempt.submit(press());
    expect(outcome.kind).to.equal('refused');
    expect(outcome.kind === 'refused' && outcome.error).to.equal(refusal);
    expect(client.creates).to.have.length(0);
  });

  it('sends nothing when there is no method to pay with', async () => {
    const { client, attempt, press } = setUp();
    expect(await attempt.submit(press({ paymentMethod: async () => undefined }))).to.deep.equal({ kind: 'no-method' });
    expect(client.quotes).to.have.length(0);
    expect(client.creates).to.have.length(0);
  });

  it('stops when the press is abandoned, keeping the key for a send whose answer never came', async () => {
    const { client, attempt, press } = setUp();
    const controller = new AbortController();
    client.createAnswers = [
      () => {
        controller.abort();
        throw new DOMException('The operation was aborted.', 'AbortError');
      },
    ];
    expect(await attempt.submit(press({ signal: controller.signal }))).to.deep.equal({ kind: 'cancelled' });
    expect(attempt.resends('form-1')).to.equal(true);
    attempt.reset();
    expect(attempt.resends('form-1')).to.equal(false);
  });

  describe('3-D Secure', () => {
    const waiting = payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'requires_action');
    const challenged: CheckoutResult = { ...created(waiting), nextActions: [{ paymentId: waiting.id, clientSecret: 'pi_1_secret_a' }] };

    it('runs the challenge, then asks the service how it ended', async () => {
      const { client, attempt, challenges } = setUp();
      client.confirmAnswers = [{ ...waiting, status: 'succeeded' }];
      const outcome = await attempt.authenticate(challenged, new AbortController().signal);
      expect(challenges).to.deep.equal([{ payment: waiting, clientSecret: 'pi_1_secret_a' }]);
      expect(client.confirms).to.deep.equal([waiting.id]);
      expect(outcome.kind === 'finished' && outcome.payments.map((item) => item.status)).to.deep.equal(['succeeded']);
    });

    it('takes the challenge from the older single clientSecret, and leaves a payment needing none alone', async () => {
      const { client, attempt, challenges } = setUp();
      const other = { ...payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'succeeded'), id: 'pay_2' };
      client.confirmAnswers = [{ ...waiting, status: 'succeeded' }];
      const outcome = await attempt.authenticate({ payment: waiting, payments: [waiting, other], clientSecret: 'pi_1_secret_a' }, new AbortController().signal);
      expect(challenges.map((item) => item.payment.id)).to.deep.equal([waiting.id]);
      expect(outcome.kind === 'finished' && outcome.payments.map((item) => [item.id, item.status])).to.deep.equal([
        [waiting.id, 'succeeded'],
        ['pay_2', 'succeeded'],
      ]);
    });

    it('asks the service when the client cancelled the challenge, and gives its answer: failed', async () => {
      const { client, attempt, onChallenge } = setUp();
      onChallenge(async () => true);
      const failure = { code: 'payment_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' };
      client.confirmAnswers = [{ ...waiting, status: 'failed', failure }];
      const outcome = await attempt.authenticate(challenged, new AbortController().signal);
      expect(client.confirms).to.have.length(1);
      expect(outcome.kind === 'finished' && outcome.payments[0]!.failure).to.deep.equal(failure);
    });

    it('asks the service even when the challenge failed, trying again when that answer is lost', async () => {
      const { client, attempt, onChallenge } = setUp();
      onChallenge(async () => {
        throw new TypeError('Failed to fetch');
      });
      client.confirmAnswers = [networkError(new TypeError('Failed to fetch')), { ...waiting, status: 'succeeded' }];
      const outcome = await attempt.authenticate(challenged, new AbortController().signal);
      expect(client.confirms).to.have.length(2);
      expect(outcome.kind === 'finished' && outcome.payments[0]!.status).to.equal('succeeded');
    });

    it('leaves the payment as it stands when the service cannot say, after three tries, or refuses', async () => {
      const lost = setUp();
      lost.client.confirmAnswers = [networkError(new TypeError('Failed to fetch'))];
      const outcome = await lost.attempt.authenticate(challenged, new AbortController().signal);
      expect(lost.client.confirms).to.have.length(3);
      expect(outcome.kind === 'finished' && outcome.payments[0]!.status).to.equal('requires_action');

      const refused = setUp();
      refused.client.confirmAnswers = [problem(404, 'payment_not_found')];
      await refused.attempt.authenticate(challenged, new AbortController().signal);
      expect(refused.client.confirms).to.have.length(1);
    });

    it('asks nothing when no challenge can be shown', async () => {
      const { client, attempt, onChallenge } = setUp();
      onChallenge(async () => false);
      const outcome = await attempt.authenticate(challenged, new AbortController().signal);
      expect(client.confirms).to.have.length(0);
      expect(outcome.kind === 'finished' && outcome.payments[0]!.status).to.equal('requires_action');
    });

    it('stops when the form is left during the challenge', async () => {
      const { client, attempt, onChallenge } = setUp();
      const controller = new AbortController();
      onChallenge(async () => {
        controller.abort();
        return true;
      });
      expect(await attempt.authenticate(challenged, controller.signal)).to.deep.equal({ kind: 'cancelled' });
      expect(client.confirms).to.have.length(0);
    });
  });

  describe('the pause after too many declines', () => {
    it('refuses to send while the service pauses payments, and takes them again once the wait is over', async () => {
      let over = 0;
      const { client, attempt, press } = setUp({ onPauseOver: () => (over += 1) });
      client.createAnswers = [
        problem(429, 'rate_limited', { retryAfter: 1 }),
        created(payment({ allocations, paymentMethod: card, savePaymentMethod: false }, 'succeeded')),
      ];
      const started = Date.now();
      expect(await attempt.submit(press())).to.deep.equal({ kind: 'paused', retryAfter: 1 });
      expect(attempt.paused).to.equal(true);
      expect(attempt.resends('form-1')).to.equal(false);

      expect((await attempt.submit(press())).kind).to.equal('paused');
      expect(client.creates).to.have.length(1);

      await waitUntil(() => over === 1, 'the pause did not end', { timeout: 3000 });
      expect(Date.now()).to.be.at.least(started + 1000);
      expect(attempt.paused).to.equal(false);
      expect((await attempt.submit(press())).kind).to.equal('created');
      expect(client.creates.map((call) => call.key)).to.deep.equal(['key-1', 'key-2']);
    });

    it('pauses for at least a second, counted on the clock, and says when it is over once counted again', async () => {
      let now = 1_000_000;
      let over = 0;
      const { client, attempt, press } = setUp({ now: () => now, onPauseOver: () => (over += 1) });
      client.quoteAnswers = [problem(429, 'rate_limited', { retryAfter: 0 })];
      expect(await attempt.submit(press())).to.deep.equal({ kind: 'paused', retryAfter: 1 });
      attempt.stop();
      now += 999;
      expect(attempt.paused).to.equal(true);
      now += 1;
      expect(attempt.paused).to.equal(false);
      expect(over).to.equal(0);
      attempt.start();
      expect(over).to.equal(1);
    });

    it('does not pause when the service gives no wait', async () => {
      const { client, attempt, press } = setUp();
      client.createAnswers = [problem(429, 'rate_limited')];
      expect(await attempt.submit(press())).to.deep.equal({ kind: 'paused', retryAfter: undefined });
      expect(attempt.paused).to.equal(false);
    });
  });
});
