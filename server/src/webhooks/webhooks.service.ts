import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import { crashPoint } from '../crash-points.ts';
import { newId } from '../db/ids.ts';
import type { FirmsService } from '../firms/index.ts';
import { createdCursor, createdPosition, pageOf, type Page } from '../http/cursor.ts';
import { Problem } from '../http/problem.ts';
import { parse } from '../http/validate.ts';
import { PermanentJobError, type Job } from '../jobs/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';
import { brandedLayout } from '../mail/index.ts';
import { publicOnlyLookup, resolvesPublicly, urlProblem, type WebhookAddressPolicy } from './webhook-address.ts';
import {
  deliveryAttempts,
  deliveryTimeoutMs,
  disableAfterMs,
  secretOverlapMs,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventData,
  type WebhookEventType,
  type WebhookEvents,
} from './webhook.ts';
import { deliveriesQuery, endpointChangesSchema, newEndpointSchema } from './webhooks.contract.ts';
import type { WebhooksRepository } from './webhooks.repository.ts';

const deliverJob = 'webhooks.deliver';

export interface WebhooksServiceDeps {
  webhooks: WebhooksRepository;
  firms: FirmsService;
  jobs: JobQueue;
  mailer: Mailer;
  audit: AuditLog;
  clock: Clock;
  policy: WebhookAddressPolicy;
  /** Name resolution for the public-address check; tests give their own. */
  resolve?: (hostname: string) => Promise<string[]>;
}

interface DeliveryJob {
  deliveryId: string;
}

/**
 * Webhooks out, by the Standard Webhooks specification. `emit` is called inside the transaction
 * of the change it reports: the event, one delivery per subscribed endpoint and the jobs that send
 * them commit with it. Each delivery is a POST of `{type, timestamp, data}` signed with the
 * endpoint's secret (and, for a day after a rotation, its previous one), retried with backoff for
 * more than a day under the same `webhook-id`. An endpoint failing for three days is turned off
 * and the firm told.
 */
export class WebhooksService implements WebhookEvents {
  constructor(private readonly deps: WebhooksServiceDeps) {
    deps.jobs.register<DeliveryJob>(deliverJob, (job) => this.#deliver(job), { maxAttempts: deliveryAttempts });
  }

  async create(firmId: string, input: unknown, actor: Actor): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const body = parse(newEndpointSchema, input);
    await this.#checkUrl(body.url);
    const secret = newSecret();
    const now = this.#now();
    const endpoint = await this.deps.webhooks.createEndpoint(
      { firmId, url: body.url, events: body.events, description: body.description ?? null, secret },
      now,
    );
    if (!body.enabled) await this.deps.webhooks.updateEndpoint(firmId, endpoint.id, { ...endpoint, enabled: false }, now);
    await this.deps.audit.record(
      { firmId, actor, action: 'webhook_endpoint.created', subject: { type: 'webhook_endpoint', id: endpoint.id }, data: { url: body.url } },
      now,
    );
    return { endpoint: await this.get(firmId, endpoint.id), secret };
  }

  list(firmId: string): Promise<WebhookEndpoint[]> {
    return this.deps.webhooks.endpoints(firmId);
  }

  async get(firmId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.deps.webhooks.endpoint(firmId, id);
    if (!endpoint) throw Problem.notFound('webhook endpoint');
    return endpoint;
  }

  /** Changes an endpoint; turning it on again clears why it was turned off. */
  async update(firmId: string, id: string, input: unknown, actor: Actor): Promise<WebhookEndpoint> {
    const changes = parse(endpointChangesSchema, input);
    const current = await this.get(firmId, id);
    if (changes.url !== undefined) await this.#checkUrl(changes.url);
    const enabled = changes.enabled ?? current.enabled;
    const reenabled = enabled && !current.enabled;
    const now = this.#now();
    await this.deps.webhooks.updateEndpoint(
      firmId,
      id,
      {
        url: changes.url ?? current.url,
        events: changes.events ?? current.events,
        enabled,
        description: changes.description === undefined ? current.description : changes.description,
        disabledReason: reenabled ? null : current.disabledReason,
        failingSince: reenabled ? null : current.failingSince,
      },
      now,
    );
    await this.deps.audit.record(
      { firmId, actor, action: 'webhook_endpoint.updated', subject: { type: 'webhook_endpoint', id }, data: { fields: Object.keys(changes) } },
      now,
    );
    return this.get(firmId, id);
  }

  async remove(firmId: string, id: string, actor: Actor): Promise<void> {
    const now = this.#now();
    if (!(await this.deps.webhooks.deleteEndpoint(firmId, id, now))) throw Problem.notFound('webhook endpoint');
    await this.deps.audit.record({ firmId, actor, action: 'webhook_endpoint.deleted', subject: { type: 'webhook_endpoint', id } }, now);
  }

  /** A new secret, shown once; the old one keeps signing deliveries for a day so receivers can switch. */
  async rotateSecret(firmId: string, id: string, actor: Actor): Promise<{ secret: string; previousValidUntil: string }> {
    await this.get(firmId, id);
    const secret = newSecret();
    const now = this.deps.clock();
    const previousUntil = new Date(now.getTime() + secretOverlapMs).toISOString();
    await this.deps.webhooks.rotateSecret(firmId, id, secret, previousUntil, now.toISOString());
    await this.deps.audit.record({ firmId, actor, action: 'webhook_endpoint.secret_rotated', subject: { type: 'webhook_endpoint', id } }, now.toISOString());
    return { secret, previousValidUntil: previousUntil };
  }

  async deliveries(firmId: string, endpointId: string, query: unknown): Promise<Page<WebhookDelivery>> {
    await this.get(firmId, endpointId);
    const q = parse(deliveriesQuery, query, 'query');
    const rows = await this.deps.webhooks.deliveries(endpointId, { limit: q.limit + 1, after: createdPosition(q.cursor) });
    return pageOf(rows, q.limit, createdCursor);
  }

  /** Sends a delivery again now (with the same webhook-id), whatever became of it. */
  async retry(firmId: string, endpointId: string, deliveryId: string, actor: Actor): Promise<WebhookDelivery> {
    await this.get(firmId, endpointId);
    const delivery = await this.deps.webhooks.delivery(endpointId, deliveryId);
    if (!delivery) throw Problem.notFound('webhook delivery');
    await this.deps.webhooks.reopen(delivery.id);
    await this.deps.jobs.enqueue<DeliveryJob>({
      kind: deliverJob,
      key: `webhook-delivery:${delivery.id}:${newId('retry')}`,
      firmId,
      payload: { deliveryId: delivery.id },
    });
    await this.deps.audit.record({ firmId, actor, action: 'webhook_delivery.retried', subject: { type: 'webhook_delivery', id: deliveryId } }, this.#now());
    return (await this.deps.webhooks.delivery(endpointId, deliveryId))!;
  }

  /**
   * Records an event and queues its deliveries. Call inside the transaction of the change it
   * reports, so the event exists exactly when the change does.
   */
  async emit(firmId: string, type: WebhookEventType, data: WebhookEventData): Promise<void> {
    const endpoints = await this.deps.webhooks.subscribers(firmId, type);
    if (!endpoints.length) return;
    const now = this.deps.clock();
    const id = newId('msg');
    const payload = JSON.stringify({ type, timestamp: now.toISOString(), data: typeof data === 'function' ? await data() : data });
    const deliveries = await this.deps.webhooks.recordEvent(
      { id, firmId, type, payload },
      endpoints.map((endpoint) => endpoint.id),
      now.toISOString(),
    );
    for (const deliveryId of deliveries) {
      await this.deps.jobs.enqueue<DeliveryJob>({ kind: deliverJob, key: `webhook-delivery:${deliveryId}`, firmId, payload: { deliveryId } });
    }
  }

  async wanted(firmId: string, type: WebhookEventType): Promise<boolean> {
    return (await this.deps.webhooks.subscribers(firmId, type)).length > 0;
  }

  async #checkUrl(url: string): Promise<void> {
    const problem = urlProblem(url, this.deps.policy) ?? (await resolvesPublicly(url, this.deps.policy, this.deps.resolve));
    if (problem) {
      throw Problem.unprocessable('webhook_url_invalid', `The webhook URL ${problem}.`, { errors: [{ field: 'url', message: problem }] });
    }
  }

  async #deliver(job: Job<DeliveryJob>): Promise<void> {
    const { webhooks } = this.deps;
    const found = await webhooks.deliveryToSend(job.payload.deliveryId);
    if (!found) throw new PermanentJobError(`no webhook delivery ${job.payload.deliveryId}`);
    const { delivery, payload, firmId } = found;
    const endpoint = (await webhooks.endpointOf(delivery.endpointId))!;
    if (delivery.status === 'succeeded') return;
    if (endpoint.deleted || !endpoint.enabled) {
      await webhooks.recordAttempt(
        delivery.id,
        { status: 'failed', statusCode: null, error: endpoint.deleted ? 'the endpoint was deleted' : 'the endpoint is turned off' },
        this.#now(),
      );
      return;
    }
    const now = this.deps.clock();
    let failure: string;
    let statusCode: number | null = null;
    try {
      statusCode = await this.#post(endpoint.url, delivery.eventId, now, payload, await this.#signatures(endpoint.id, delivery.eventId, now, payload));
      if (statusCode >= 200 && statusCode < 300) {
        crashPoint('webhook.sent');
        await webhooks.recordAttempt(delivery.id, { status: 'succeeded', statusCode, error: null }, this.#now());
        if (endpoint.failingSince) await webhooks.setFailingSince(endpoint.id, null);
        return;
      }
      failure = `the endpoint answered ${statusCode}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    const last = job.attempts >= job.maxAttempts;
    await webhooks.recordAttempt(delivery.id, { status: last ? 'failed' : 'pending', statusCode, error: failure }, this.#now());
    await this.#noteFailure(firmId, endpoint, now);
    throw new Error(`webhook delivery ${delivery.id} to ${endpoint.url}: ${failure}`);
  }

  /** The first failure marks the endpoint failing; three days of nothing but failures turn it off. */
  async #noteFailure(firmId: string, endpoint: WebhookEndpoint, now: Date): Promise<void> {
    if (!endpoint.failingSince) {
      await this.deps.webhooks.setFailingSince(endpoint.id, now.toISOString());
      return;
    }
    if (now.getTime() - Date.parse(endpoint.failingSince) < disableAfterMs) return;
    const reason = `Every delivery has failed since ${endpoint.failingSince}.`;
    await this.deps.webhooks.disable(endpoint.id, reason, now.toISOString());
    const firm = await this.deps.firms.findById(firmId);
    const inbox = firm?.settings.inboxEmail;
    if (firm && inbox) {
      await this.deps.mailer.queue(
        {
          firmId,
          kind: 'webhook_endpoint_disabled',
          to: inbox,
          fromName: firm.name,
          ...brandedLayout({
            firm: { name: firm.name, logoUrl: firm.branding.logoUrl, colors: firm.branding.colors },
            subject: 'A webhook endpoint was turned off',
            heading: 'A webhook endpoint was turned off',
            blocks: [
              { type: 'paragraph', text: `Portico could not deliver events to ${endpoint.url} for three days, so it stopped sending to it.` },
              {
                type: 'facts',
                rows: [
                  { label: 'Endpoint', value: endpoint.url },
                  { label: 'Failing since', value: endpoint.failingSince },
                ],
              },
              {
                type: 'paragraph',
                text: 'Fix the receiving service, then turn the endpoint on again (PATCH enabled: true) and retry the failed deliveries from its delivery log.',
              },
            ],
            reason: `You received this email because ${firm.name} receives its portal notices at this address.`,
          }),
        },
        `webhook-disabled:${endpoint.id}:${endpoint.failingSince}`,
      );
    }
  }

  /** `v1,<sig>` with the current secret, and with the previous one while it is still honoured. */
  async #signatures(endpointId: string, messageId: string, timestamp: Date, payload: string): Promise<string> {
    const secrets = (await this.deps.webhooks.secrets(endpointId))!;
    const signatures = [new Webhook(secrets.current).sign(messageId, timestamp, payload)];
    if (secrets.previous && secrets.previousUntil && secrets.previousUntil > timestamp.toISOString()) {
      signatures.push(new Webhook(secrets.previous).sign(messageId, timestamp, payload));
    }
    return signatures.join(' ');
  }

  /** POSTs the event; resolves with the status code. Public addresses only in production, checked as it connects. */
  #post(url: string, messageId: string, timestamp: Date, payload: string, signature: string): Promise<number> {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(
        target,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            'user-agent': 'Portico-Webhooks/1',
            'webhook-id': messageId,
            'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
            'webhook-signature': signature,
          },
          timeout: deliveryTimeoutMs,
          ...(this.deps.policy.production ? { lookup: publicOnlyLookup } : {}),
        },
        (response) => {
          // The body is not needed; read it so the socket is freed.
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${deliveryTimeoutMs / 1000} s`)));
      request.on('error', reject);
      request.end(payload);
    });
  }

  #now(): string {
    return this.deps.clock().toISOString();
  }
}

/** `whsec_` and 32 random bytes in base64, the Standard Webhooks secret format. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
