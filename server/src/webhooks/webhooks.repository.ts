import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { WebhookDelivery, WebhookEndpoint, WebhookEventType, WebhookSecrets } from './webhook.ts';

interface EndpointRow {
  id: string;
  firm_id: string;
  url: string;
  events: string;
  enabled: number;
  description: string | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: string | null;
  disabled_reason: string | null;
  failing_since: string | null;
  created_at: string;
  updated_at: string;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  type: WebhookEventType;
  status: WebhookDelivery['status'];
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  created_at: string;
}

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
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

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  endpointId: row.endpoint_id,
  eventId: row.event_id,
  eventType: row.type,
  status: row.status,
  attempts: row.attempts,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  lastAttemptAt: row.last_attempt_at,
  createdAt: row.created_at,
});

const deliverySelect = `SELECT d.*, e.type FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id`;

/** Webhook endpoints, the events that happened and each endpoint's deliveries of them. */
export class WebhooksRepository {
  constructor(private readonly db: Db) {}

  createEndpoint(input: { firmId: string; url: string; events: WebhookEventType[]; description: string | null; secret: string }, now: string): WebhookEndpoint {
    const id = newId('whe');
    this.db
      .prepare(
        `INSERT INTO webhook_endpoints (id, firm_id, url, events, description, secret, created_at, updated_at)
         VALUES (@id, @firmId, @url, @events, @description, @secret, @now, @now)`,
      )
      .run({ id, ...input, events: JSON.stringify(input.events), now });
    return this.endpoint(input.firmId, id)!;
  }

  endpoint(firmId: string, id: string): WebhookEndpoint | undefined {
    const row = this.db.prepare<[string, string], EndpointRow>('SELECT * FROM webhook_endpoints WHERE firm_id = ? AND id = ? AND deleted_at IS NULL').get(firmId, id);
    return row && toEndpoint(row);
  }

  endpoints(firmId: string): WebhookEndpoint[] {
    return this.db
      .prepare<[string], EndpointRow>('SELECT * FROM webhook_endpoints WHERE firm_id = ? AND deleted_at IS NULL ORDER BY created_at, id')
      .all(firmId)
      .map(toEndpoint);
  }

  /** Enabled endpoints of the firm that take this kind of event. */
  subscribers(firmId: string, type: WebhookEventType): WebhookEndpoint[] {
    return this.endpoints(firmId).filter((endpoint) => endpoint.enabled && endpoint.events.includes(type));
  }

  updateEndpoint(firmId: string, id: string, changes: { url: string; events: WebhookEventType[]; enabled: boolean; description: string | null; disabledReason: string | null; failingSince: string | null }, now: string): void {
    this.db
      .prepare(
        `UPDATE webhook_endpoints SET url = @url, events = @events, enabled = @enabled, description = @description,
           disabled_reason = @disabledReason, failing_since = @failingSince, updated_at = @now
         WHERE firm_id = @firmId AND id = @id AND deleted_at IS NULL`,
      )
      .run({ firmId, id, ...changes, events: JSON.stringify(changes.events), enabled: changes.enabled ? 1 : 0, now });
  }

  deleteEndpoint(firmId: string, id: string, now: string): boolean {
    return (
      this.db.prepare('UPDATE webhook_endpoints SET deleted_at = ?, enabled = 0, updated_at = ? WHERE firm_id = ? AND id = ? AND deleted_at IS NULL').run(now, now, firmId, id)
        .changes === 1
    );
  }

  secrets(endpointId: string): WebhookSecrets | undefined {
    const row = this.db
      .prepare<[string], { secret: string; previous_secret: string | null; previous_secret_until: string | null }>(
        'SELECT secret, previous_secret, previous_secret_until FROM webhook_endpoints WHERE id = ?',
      )
      .get(endpointId);
    return row && { current: row.secret, previous: row.previous_secret, previousUntil: row.previous_secret_until };
  }

  /** A new secret; the one it replaces keeps signing until `previousUntil`. */
  rotateSecret(firmId: string, id: string, secret: string, previousUntil: string, now: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = @previousUntil, secret = @secret, updated_at = @now
           WHERE firm_id = @firmId AND id = @id AND deleted_at IS NULL`,
        )
        .run({ firmId, id, secret, previousUntil, now }).changes === 1
    );
  }

  /** Records what happened and one pending delivery per endpoint; returns the deliveries' ids. Joins the open transaction. */
  recordEvent(event: { id: string; firmId: string; type: WebhookEventType; payload: string }, endpointIds: string[], now: string): string[] {
    this.db.prepare('INSERT INTO webhook_events (id, firm_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)').run(event.id, event.firmId, event.type, event.payload, now);
    const insert = this.db.prepare("INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, created_at) VALUES (?, ?, ?, 'pending', ?)");
    return endpointIds.map((endpointId) => {
      const id = newId('whd');
      insert.run(id, endpointId, event.id, now);
      return id;
    });
  }

  /** A delivery with what sending it needs: the endpoint and the event's body. */
  deliveryToSend(id: string) {
    const row = this.db
      .prepare<[string], DeliveryRow & { payload: string; event_created_at: string; firm_id: string }>(
        `SELECT d.*, e.type, e.payload, e.created_at AS event_created_at, e.firm_id FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.id = ?`,
      )
      .get(id);
    if (!row) return undefined;
    return { delivery: toDelivery(row), payload: row.payload, firmId: row.firm_id };
  }

  /** The endpoint of a delivery, deleted or not. */
  endpointOf(endpointId: string): (WebhookEndpoint & { deleted: boolean }) | undefined {
    const row = this.db.prepare<[string], EndpointRow & { deleted_at: string | null }>('SELECT * FROM webhook_endpoints WHERE id = ?').get(endpointId);
    return row && { ...toEndpoint(row), deleted: row.deleted_at !== null };
  }

  recordAttempt(id: string, outcome: { status: WebhookDelivery['status']; statusCode: number | null; error: string | null }, now: string): void {
    this.db
      .prepare(
        `UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1, last_status_code = @statusCode, last_error = @error, last_attempt_at = @now
         WHERE id = @id`,
      )
      .run({ id, ...outcome, now });
  }

  /** Marks when an endpoint started failing, or that it works again. */
  setFailingSince(endpointId: string, since: string | null): void {
    this.db.prepare('UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?').run(since, endpointId);
  }

  disable(endpointId: string, reason: string, now: string): void {
    this.db.prepare('UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ?').run(reason, now, endpointId);
  }

  /** An endpoint's deliveries, newest first, after a position. */
  deliveries(endpointId: string, page: { limit: number; after?: { createdAt: string; id: string } }): WebhookDelivery[] {
    const after = page.after ? 'AND (d.created_at, d.id) < (@createdAt, @id)' : '';
    return this.db
      .prepare<Record<string, unknown>, DeliveryRow>(`${deliverySelect} WHERE d.endpoint_id = @endpointId ${after} ORDER BY d.created_at DESC, d.id DESC LIMIT @limit`)
      .all({ endpointId, limit: page.limit, createdAt: page.after?.createdAt, id: page.after?.id })
      .map(toDelivery);
  }

  delivery(endpointId: string, id: string): WebhookDelivery | undefined {
    const row = this.db.prepare<[string, string], DeliveryRow>(`${deliverySelect} WHERE d.endpoint_id = ? AND d.id = ?`).get(endpointId, id);
    return row && toDelivery(row);
  }

  /** Sent again on request: pending once more. */
  reopen(id: string): void {
    this.db.prepare("UPDATE webhook_deliveries SET status = 'pending' WHERE id = ?").run(id);
  }
}
