import type { Selectable } from 'kysely';
import { newId } from '../db/ids.ts';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../db/schema.ts';
import type { Storage } from '../db/storage.ts';
import { sealedPrefix, type SecretBox } from '../secrets/secret-box.ts';
import { sealPlainRows } from '../secrets/seal-rows.ts';
import type { WebhookDelivery, WebhookEndpoint, WebhookEventType, WebhookSecrets } from './webhook.ts';

const toEndpoint = (row: Selectable<WebhookEndpointsTable>): WebhookEndpoint => ({
  id: row.id,
  firmId: row.firm_id,
  url: row.url,
  events: JSON.parse(row.events),
  enabled: row.enabled === 1,
  description: row.description,
  disabledReason: row.disabled_reason,
  failingSince: row.failing_since,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toDelivery = (row: Selectable<WebhookDeliveriesTable> & { type: string }): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  eventId: row.event_id,
  eventType: row.type as WebhookEventType,
  status: row.status as WebhookDelivery['status'],
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  lastAttemptAt: row.last_attempt_at,
  createdAt: row.created_at,
});

/** How many endpoints' plain secrets are sealed per transaction when the service opens. */

/**
 * Webhook endpoints, the events that happened and each endpoint's deliveries of them. Endpoint
 * secrets are stored sealed with SECRETS_KEY and opened only to sign a delivery.
 */
export class WebhooksRepository {
  constructor(
    private readonly storage: Storage,
    private readonly box: SecretBox,
  ) {}

  async createEndpoint(
    input: { firmId: string; url: string; events: WebhookEventType[]; description: string | null; secret: string },
    now: string,
  ): Promise<WebhookEndpoint> {
    const row = await this.storage.db
      .insertInto('webhook_endpoints')
      .values({
        id: newId('whe'),
        firm_id: input.firmId,
        url: input.url,
        events: JSON.stringify(input.events),
        description: input.description,
        secret: this.box.seal(input.secret),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEndpoint(row);
  }

  async endpoint(firmId: string, id: string): Promise<WebhookEndpoint | undefined> {
    const row = await this.storage.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row && toEndpoint(row);
  }

  async endpoints(firmId: string): Promise<WebhookEndpoint[]> {
    const rows = await this.storage.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('firm_id', '=', firmId)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toEndpoint);
  }

  /** Enabled endpoints of the firm that take this kind of event. */
  async subscribers(firmId: string, type: WebhookEventType): Promise<WebhookEndpoint[]> {
    return (await this.endpoints(firmId)).filter((endpoint) => endpoint.enabled && endpoint.events.includes(type));
  }

  async updateEndpoint(
    firmId: string,
    id: string,
    changes: {
      url: string;
      events: WebhookEventType[];
      enabled: boolean;
      description: string | null;
      disabledReason: string | null;
      failingSince: string | null;
    },
    now: string,
  ): Promise<void> {
    await this.storage.db
      .updateTable('webhook_endpoints')
      .set({
        url: changes.url,
        events: JSON.stringify(changes.events),
        enabled: changes.enabled ? 1 : 0,
        description: changes.description,
        disabled_reason: changes.disabledReason,
        failing_since: changes.failingSince,
        updated_at: now,
      })
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .execute();
  }

  async deleteEndpoint(firmId: string, id: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('webhook_endpoints')
      .set({ deleted_at: now, enabled: 0, updated_at: now })
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async secrets(endpointId: string): Promise<WebhookSecrets | undefined> {
    const row = await this.storage.db
      .selectFrom('webhook_endpoints')
      .select(['secret', 'previous_secret', 'previous_secret_until'])
      .where('id', '=', endpointId)
      .executeTakeFirst();
    if (!row) return undefined;
    const previous = row.previous_secret === null ? null : this.box.reveal(row.previous_secret);
    return { current: this.box.reveal(row.secret), previous, previousUntil: row.previous_secret_until };
  }

  /** A new secret; the one it replaces keeps signing until `previousUntil`. */
  async rotateSecret(firmId: string, id: string, secret: string, previousUntil: string, now: string): Promise<boolean> {
    const result = await this.storage.db
      .updateTable('webhook_endpoints')
      // The secret it replaces moves over as stored (sealed, or plain from before sealing began).
      .set((eb) => ({ previous_secret: eb.ref('secret'), previous_secret_until: previousUntil, secret: this.box.seal(secret), updated_at: now }))
      .where('firm_id', '=', firmId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Seals the endpoint secrets stored in plain text (before sealing began, or by an earlier release
   * during an upgrade); returns how many endpoints changed. A row changes only if it still holds
   * what was read, so instances doing this at once never seal a secret twice.
   */
  sealPlainSecrets(): Promise<number> {
    const plain = (value: string | null): value is string => value !== null && !value.startsWith(sealedPrefix);
    return sealPlainRows(
      this.storage,
      (limit) =>
        this.storage.db
          .selectFrom('webhook_endpoints')
          .select(['id', 'secret', 'previous_secret'])
          .where((eb) => eb.or([eb('secret', 'not like', `${sealedPrefix}%`), eb('previous_secret', 'not like', `${sealedPrefix}%`)]))
          .orderBy('id')
          .limit(limit)
          .execute(),
      async (row) => {
        const result = await this.storage.db
          .updateTable('webhook_endpoints')
          .set({
            secret: plain(row.secret) ? this.box.seal(row.secret) : row.secret,
            previous_secret: plain(row.previous_secret) ? this.box.seal(row.previous_secret) : row.previous_secret,
          })
          .where('id', '=', row.id)
          .where('secret', '=', row.secret)
          .where((eb) => (row.previous_secret === null ? eb('previous_secret', 'is', null) : eb('previous_secret', '=', row.previous_secret)))
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      },
    );
  }

  /** Records what happened and one pending delivery per endpoint; returns the deliveries' ids. Joins the open transaction. */
  recordEvent(event: { id: string; firmId: string; type: WebhookEventType; payload: string }, endpointIds: string[], now: string): Promise<string[]> {
    return this.storage.transaction(async () => {
      await this.storage.db
        .insertInto('webhook_events')
        .values({ id: event.id, firm_id: event.firmId, type: event.type, payload: event.payload, created_at: now })
        .execute();
      const ids = endpointIds.map(() => newId('whd'));
      if (ids.length) {
        await this.storage.db
          .insertInto('webhook_deliveries')
          .values(ids.map((id, index) => ({ id, endpoint_id: endpointIds[index]!, event_id: event.id, status: 'pending', created_at: now })))
          .execute();
      }
      return ids;
    });
  }

  /** A delivery with what sending it needs: the endpoint and the event's body. */
  async deliveryToSend(id: string) {
    const row = await this.storage.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
      .selectAll('d')
      .select(['e.type', 'e.payload', 'e.firm_id'])
      .where('d.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return { delivery: toDelivery(row), payload: row.payload, firmId: row.firm_id };
  }

  /** The endpoint of a delivery, deleted or not. */
  async endpointOf(endpointId: string): Promise<(WebhookEndpoint & { deleted: boolean }) | undefined> {
    const row = await this.storage.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpointId).executeTakeFirst();
    return row && { ...toEndpoint(row), deleted: row.deleted_at !== null };
  }

  async recordAttempt(id: string, outcome: { status: WebhookDelivery['status']; statusCode: number | null; error: string | null }, now: string): Promise<void> {
    await this.storage.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: outcome.status,
        attempts: eb('attempts', '+', 1),
        last_status_code: outcome.statusCode,
        last_error: outcome.error,
        last_attempt_at: now,
      }))
      .where('id', '=', id)
      .execute();
  }

  /** Marks when an endpoint started failing, or that it works again. */
  async setFailingSince(endpointId: string, since: string | null): Promise<void> {
    await this.storage.db.updateTable('webhook_endpoints').set({ failing_since: since }).where('id', '=', endpointId).execute();
  }

  async disable(endpointId: string, reason: string, now: string): Promise<void> {
    await this.storage.db.updateTable('webhook_endpoints').set({ enabled: 0, disabled_reason: reason, updated_at: now }).where('id', '=', endpointId).execute();
  }

  /** An endpoint's deliveries, newest first, after a position. */
  async deliveries(endpointId: string, page: { limit: number; after?: { createdAt: string; id: string } }): Promise<WebhookDelivery[]> {
    let query = this.#deliveries().where('d.endpoint_id', '=', endpointId);
    const after = page.after;
    if (after) query = query.where((eb) => eb(eb.refTuple('d.created_at', 'd.id'), '<', eb.tuple(after.createdAt, after.id)));
    const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(page.limit).execute();
    return rows.map(toDelivery);
  }

  async delivery(endpointId: string, id: string): Promise<WebhookDelivery | undefined> {
    const row = await this.#deliveries().where('d.endpoint_id', '=', endpointId).where('d.id', '=', id).executeTakeFirst();
    return row && toDelivery(row);
  }

  /** Sent again on request: pending once more. */
  async reopen(id: string): Promise<void> {
    await this.storage.db.updateTable('webhook_deliveries').set({ status: 'pending' }).where('id', '=', id).execute();
  }

  #deliveries() {
    return this.storage.db.selectFrom('webhook_deliveries as d').innerJoin('webhook_events as e', 'e.id', 'd.event_id').selectAll('d').select('e.type');
  }
}
