import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Storage } from '../../db/storage.ts';
import type { PaymentsRepository } from '../payments.repository.ts';
import type { ProcessorEvent, ProcessorRefund } from '../processor.ts';
import { lazyStripeClient, type StripeModuleLoader } from './stripe.client.ts';
import { StripeProcessor } from './stripe.processor.ts';
import { StripeRepository } from './stripe.repository.ts';
import { StripeWebhooks } from './stripe.webhooks.ts';

export interface StripeSetup {
  processor: StripeProcessor;
  /** The webhook endpoint's service, once the checkout that applies events exists. */
  webhooks(deps: {
    checkout: { applyEvent(event: ProcessorEvent): Promise<{ applied: boolean }> };
    refunds: { applyProcessorRefunds(chargeRef: string, reported: ProcessorRefund[]): Promise<{ applied: boolean }> };
    payments: PaymentsRepository;
  }): StripeWebhooks;
}

export type StripeFactory = (options: { config: Config['stripe']; storage: Storage; clock: Clock; load?: StripeModuleLoader }) => StripeSetup;

/** Stripe as the payment processor. Nothing of the SDK is loaded until the first call to Stripe. */
export const createStripe: StripeFactory = ({ config, storage, clock, load }) => {
  if (!config.secretKey || !config.webhookSecret) throw new Error('createStripe: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are required');
  const client = lazyStripeClient({ secretKey: config.secretKey, apiBase: config.apiBase }, load);
  const repository = new StripeRepository(storage);
  const processor = new StripeProcessor(client, repository, clock);
  const secret = config.webhookSecret;
  return {
    processor,
    webhooks: ({ checkout, refunds, payments }) => new StripeWebhooks({ client, secret, checkout, refunds, processor, payments, repository, clock }),
  };
};
