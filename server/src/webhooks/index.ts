/** Webhooks out to the firm's endpoints (Standard Webhooks), and the rule for where a URL may point. */
export * as webhooksContract from './webhooks.contract.ts';
export { publicOnlyLookup, urlProblem } from './webhook-address.ts';
export type { WebhookAddressPolicy } from './webhook-address.ts';
export type { WebhookEvents } from './webhook.ts';
export { WebhooksRepository } from './webhooks.repository.ts';
export { adminWebhookRoutes } from './webhooks.routes.ts';
export { WebhooksService } from './webhooks.service.ts';
