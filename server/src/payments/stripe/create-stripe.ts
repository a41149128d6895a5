import type { Clock } from '../../clock.ts';
import { providerUnavailable, type Config } from '../../config.ts';
import type { Storage } from '../../db/storage.ts';
import type { PaymentsRepository } from '../payments.repository.ts';
import type { ProcessorEvent, ProcessorRefund } from '../processor.ts';
import { lazyStripeClient, type StripeModuleLoader } from './stripe.client.ts';
import { StripeProcessor } from './stripe.processor.ts';
import { StripeRepository } from './stripe.repository.ts';
import { StripeWebhooks } from './stripe.webhooks.ts';

export interface StripeSetup {
  processor: StripeProcessor;
  /** Loads the SDK now, as the service opens, so a missing `stripe` package stops it then. */
  load(): Promise<void>;
  /** The webhook endpoint's service, once the checkout that applies events exists. */
  webhooks(deps: {
    checkout: { applyEvent(event: ProcessorEvent): Promise<{ applied: boolean }> };
    refunds: { applyProcessorRefunds(chargeRef: string, reported: ProcessorRefund[]): Promise<{ applied: boolean }> };
    payments: PaymentsRepository;
  }): StripeWebhooks;
}

export type StripeFactory = (options: { config: Config['stripe']; storage: Storage; clock: Clock; load?: StripeModuleLoader }) => StripeSetup;

/** Stripe as the payment processor. The SDK is loaded by `load` as the service opens, or at the first call to Stripe. */
export const createStripe: StripeFactory = ({ config, storage, clock, load }) => {
  if (!config.secretKey || !config.webhookSecret) throw new Error('createStripe: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are required');
  const client = lazyStripeClient({ secretKey: config.secretKey, apiBase: config.apiBase }, load);
  const repository = new StripeRepository(storage);
  const processor = new StripeProcessor(client, repository, clock);
  const secret = config.webhookSecret;
  return {
    processor,
    load: async () => {
      await client().catch((error: unknown) => {
        throw providerUnavailable('PAYMENTS=stripe', 'stripe', error);
      });
    },
    webhooks: ({ checkout, refunds, payments }) => new StripeWebhooks({ client, secret, checkout, refunds, processor, payments, repository, clock }),
  };
};
