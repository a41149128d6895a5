import { z } from 'zod';
import { Instant, listOf, pageOf } from '../http/schema.ts';
import { webhookEventTypes } from './webhook.ts';

export const WebhookEventType = z.enum(webhookEventTypes).meta({ id: 'WebhookEventType' });

// Requests

const events = z
  .array(z.enum(webhookEventTypes, { error: `must be one of ${webhookEventTypes.join(', ')}` }))
  .min(1, 'must name at least one event')
  .max(webhookEventTypes.length)
  .refine((list) => new Set(list).size === list.length, 'must not name an event twice');

export const newEndpointSchema = z
  .strictObject({
    url: z.string().max(2_000),
    events,
    description: z.string().trim().max(200).optional(),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'NewWebhookEndpoint' });

export const endpointChangesSchema = z
  .strictObject({
    url: z.string().max(2_000).optional(),
    events: events.optional(),
    description: z.string().trim().max(200).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'WebhookEndpointChanges' });

export const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

// Replies

export const WebhookEndpoint = z
  .strictObject({
    id: z.string(),
    firmId: z.string(),
    url: z.string().meta({ format: 'uri' }),
    events: z.array(WebhookEventType),
    enabled: z.boolean(),
    description: z.string().nullable(),
    disabledReason: z.string().nullable().meta({ description: 'Why the service turned it off (it kept failing)' }),
    failingSince: Instant.nullable().meta({ description: 'Since when every delivery has failed; null while it succeeds' }),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'WebhookEndpoint' });

export const WebhookEndpointList = listOf(WebhookEndpoint).meta({ id: 'WebhookEndpointList' });

export const NewWebhookEndpointResult = WebhookEndpoint.extend({ secret: z.string().meta({ description: 'whsec_…: shown once' }) }).meta({
  id: 'NewWebhookEndpointResult',
});

export const RotatedWebhookSecret = z
  .strictObject({ secret: z.string(), previousValidUntil: Instant.meta({ description: 'The old secret also signs until then' }) })
  .meta({ id: 'RotatedWebhookSecret' });

export const WebhookDelivery = z
  .strictObject({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string().meta({ description: 'The webhook-id header' }),
    eventType: WebhookEventType,
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: Instant.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'WebhookDelivery' });

export const WebhookDeliveryPage = pageOf(WebhookDelivery).meta({ id: 'WebhookDeliveryPage' });
