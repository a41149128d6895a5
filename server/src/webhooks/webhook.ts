import type { z } from 'zod';
import type * as contract from './webhooks.contract.ts';

/** The events a firm's webhook endpoints can subscribe to. */
export const webhookEventTypes = [
  'payment.succeeded',
  'payment.processing',
  'payment.failed',
  'payment.refunded',
  'invoice.paid',
  'message.created',
  'file.uploaded',
  'contact.activated',
  'activity.completed',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export type WebhookEndpoint = z.output<typeof contract.WebhookEndpoint>;

/** The secrets a delivery is signed with: the current one and, for a day after a rotation, the one before. */
export interface WebhookSecrets {
  current: string;
  previous: string | null;
  previousUntil: string | null;
}

export type WebhookDelivery = z.output<typeof contract.WebhookDelivery>;

/** A delivery is retried for at least a day: 14 attempts of 30 s doubling (capped at 6 h) span about 26 hours. */
export const deliveryAttempts = 14;
/** An endpoint whose deliveries have all failed for this long is turned off, and the firm told. */
export const disableAfterMs = 3 * 86_400_000;
/** After a rotation, the old secret still signs deliveries for this long. */
export const secretOverlapMs = 86_400_000;
/** How long a delivery waits for the endpoint's answer. */
export const deliveryTimeoutMs = 10_000;

/** An event's data, or a function that builds it (it may read the database): called only when some endpoint takes the event. */
export type WebhookEventData = Record<string, unknown> | (() => Record<string, unknown> | Promise<Record<string, unknown>>);

/** What a business component needs of webhooks: to report that something happened, inside its transaction. */
export interface WebhookEvents {
  /** Records the event and queues its deliveries, in the open transaction. */
  emit(firmId: string, type: WebhookEventType, data: WebhookEventData): Promise<void>;
  /** Whether any enabled endpoint of the firm takes this kind of event. */
  wanted(firmId: string, type: WebhookEventType): Promise<boolean>;
}
