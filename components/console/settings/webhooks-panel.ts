import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../../i18n/format.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from '../api/webhooks-api.ts';
import { t } from '../i18n/translate.ts';
import { FormProblems } from './field-errors.ts';
import { renderAlert, renderLoadError, renderLoading, renderSecret, SectionRequests, textField, type SettingsHost } from './settings-host.ts';

/** The events an endpoint can take, as the service lists them. */
export const webhookEvents: readonly WebhookEventType[] = [
  'payment.succeeded',
  'payment.processing',
  'payment.failed',
  'payment.refunded',
  'invoice.paid',
  'message.created',
  'file.uploaded',
  'contact.activated',
  'activity.completed',
];

const formFields = ['url', 'events', 'description'];

interface DeliveryLog {
  deliveries: WebhookDelivery[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

/**
 * The firm's webhook endpoints: add one (URL and events; its signing secret is shown once),
 * turn one on or off, rotate its secret, delete it, and read its delivery log (status, attempts,
 * the endpoint's answer) with a retry for each delivery.
 */
export class WebhooksPanel {
  readonly #host: SettingsHost;
  readonly #requests: SectionRequests;
  /** The endpoints, kept up to date by each change made here. */
  endpoints: WebhookEndpoint[] = [];
  #draft = { url: '', description: '', events: new Set<WebhookEventType>(['payment.succeeded']) };
  #problems: FormProblems | undefined;
  #adding = false;
  #actionError: unknown;
  #busy = new Set<string>();
  /** The secret shown once, and whose it is. */
  #secret: { endpointId: string; value: string } | undefined;
  #logs = new Map<string, DeliveryLog>();

  readonly #list: Task<readonly [ConsoleClient | undefined, boolean], void>;

  constructor(host: SettingsHost) {
    this.#host = host;
    this.#requests = new SectionRequests(host);
    this.#list = new Task(host, {
      task: async ([client, shown], { signal }) => {
        if (!shown || !client) return;
        this.#logs.clear();
        this.endpoints = await client.webhooks.list({ signal });
      },
      args: () => [host.consoleClient, host.section === 'webhooks'] as const,
    });
  }

  /** Loads the endpoints again. */
  refresh(): Promise<unknown> {
    return this.#list.run();
  }

  get status(): TaskStatus {
    return this.#list.status;
  }

  render(): TemplateResult {
    return html`
      <section class="webhooks" aria-labelledby="webhooks-heading">
        <h3 id="webhooks-heading">${t('settings.webhooks.heading')}</h3>
        <p class="intro">${t('settings.webhooks.intro')}</p>
        ${this.#list.render({
          initial: () => renderLoading(t('settings.webhooks.loading')),
          pending: () => renderLoading(t('settings.webhooks.loading')),
          error: (error) => renderLoadError(error, () => void this.refresh()),
          complete: () => this.#renderList(),
        })}
        ${this.#list.status === TaskStatus.COMPLETE ? this.#renderForm() : nothing}
      </section>
    `;
  }

  #renderList(): TemplateResult {
    return html`
      ${renderAlert(this.#actionError, 'action-error')}
      ${
        this.endpoints.length
          ? html`<ul class="cards" part="endpoint-list">
              ${this.endpoints.map((endpoint) => this.#renderEndpoint(endpoint))}
            </ul>`
          : html`<div class="state" part="empty"><p>${t('settings.webhooks.empty')}</p></div>`
      }
    `;
  }

  #renderEndpoint(endpoint: WebhookEndpoint): TemplateResult {
    const busy = this.#busy.has(endpoint.id);
    const log = this.#logs.get(endpoint.id);
    const [tone, label] = !endpoint.enabled
      ? (['neutral', t('settings.webhooks.disabled')] as const)
      : endpoint.failingSince
        ? (['warning', t('settings.webhooks.failing')] as const)
        : (['success', t('settings.webhooks.enabled')] as const);
    return html`
      <li class="card" part="endpoint" data-id=${endpoint.id} aria-busy=${busy ? 'true' : 'false'}>
        <div class="card-head">
          <h4 class="url" id=${`endpoint-${endpoint.id}`}>${endpoint.url}</h4>
          <span class="badge" part="status" data-tone=${tone}>${label}</span>
        </div>
        ${endpoint.description ? html`<p>${endpoint.description}</p>` : nothing}
        <p class="events"><span class="muted">${t('settings.webhooks.events')}:</span> ${endpoint.events.map((e) => html`<code>${e}</code> `)}</p>
        ${endpoint.disabledReason ? html`<p class="muted">${endpoint.disabledReason}</p>` : nothing}
        ${endpoint.failingSince && endpoint.enabled ? html`<p class="muted">${t('settings.webhooks.failing-since', { date: formatDateTime(endpoint.failingSince) })}</p>` : nothing}
        ${
          this.#secret?.endpointId === endpoint.id
            ? renderSecret({
                id: 'webhook-secret',
                heading: t('settings.webhooks.secret'),
                warning: t('settings.webhooks.secret-warning'),
                value: this.#secret.value,
                host: this.#host,
                onDone: () => this.#dismissSecret(),
              })
            : nothing
        }
        <div class="card-actions">
          <button class="button secondary" type="button" part="deliveries-button" aria-expanded=${log ? 'true' : 'false'} aria-controls=${`log-${endpoint.id}`} @click=${() => this.#toggleLog(endpoint)}>
            ${t('settings.webhooks.deliveries')}
          </button>
          <button class="button secondary" type="button" part="toggle-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.#toggle(endpoint)}>
            ${endpoint.enabled ? t('settings.webhooks.disable') : t('settings.webhooks.enable')}
          </button>
          <button class="button secondary" type="button" part="rotate-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.#rotate(endpoint)}>
            ${t('settings.webhooks.rotate')}
          </button>
          <button class="button secondary danger" type="button" part="delete-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.#delete(endpoint)}>
            ${t('settings.webhooks.delete')}
          </button>
        </div>
        <div id=${`log-${endpoint.id}`}>${log ? this.#renderLog(endpoint, log) : nothing}</div>
      </li>
    `;
  }

  #renderLog(endpoint: WebhookEndpoint, log: DeliveryLog): TemplateResult {
    if (log.loading && !log.deliveries.length) return renderLoading(t('settings.webhooks.log-loading'));
    if (log.error && !log.deliveries.length) return renderLoadError(log.error, () => void this.#loadLog(endpoint, false));
    if (!log.deliveries.length) return html`<p class="empty-note" part="log-empty">${t('settings.webhooks.log-empty')}</p>`;
    return html`
      <div class="table-wrap">
        <table class="log" part="delivery-log" aria-label=${t('settings.webhooks.log-label', { url: endpoint.url })}>
          <thead>
            <tr>
              <th scope="col">${t('settings.webhooks.log-event')}</th>
              <th scope="col">${t('settings.webhooks.log-status')}</th>
              <th scope="col">${t('settings.webhooks.log-attempts')}</th>
              <th scope="col">${t('settings.webhooks.log-response')}</th>
              <th scope="col">${t('settings.webhooks.log-when')}</th>
              <th scope="col"><span class="visually-hidden">${t('settings.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            ${log.deliveries.map((delivery) => this.#renderDelivery(endpoint, delivery))}
          </tbody>
        </table>
      </div>
      ${log.error ? renderAlert(log.error) : nothing}
      ${
        log.nextCursor
          ? html`<button class="button secondary" type="button" part="load-more-button" aria-disabled=${log.loading ? 'true' : 'false'} @click=${() => void this.#loadLog(endpoint, true)}>
              ${t('settings.webhooks.log-more')}
            </button>`
          : nothing
      }
    `;
  }

  #renderDelivery(endpoint: WebhookEndpoint, delivery: WebhookDelivery): TemplateResult {
    const tone = delivery.status === 'succeeded' ? 'success' : delivery.status === 'failed' ? 'danger' : 'info';
    const busy = this.#busy.has(delivery.id);
    return html`
      <tr part="delivery">
        <td><code>${delivery.eventType}</code></td>
        <td><span class="badge" data-tone=${tone}>${t(`settings.webhooks.delivery.${delivery.status}`)}</span></td>
        <td>${delivery.attempts}</td>
        <td>${delivery.lastStatusCode ?? delivery.lastError ?? '—'}</td>
        <td>${formatDateTime(delivery.lastAttemptAt ?? delivery.createdAt)}</td>
        <td>
          <button class="link-button" type="button" part="retry-delivery-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.#retry(endpoint, delivery)}>
            ${t('settings.webhooks.retry')}<span class="visually-hidden"> ${delivery.eventType} ${delivery.eventId}</span>
          </button>
        </td>
      </tr>
    `;
  }

  #renderForm(): TemplateResult {
    const d = this.#draft;
    const problems = this.#problems;
    return html`
      <form class="add-form" part="endpoint-form" novalidate aria-labelledby="add-endpoint-heading" @submit=${(e: Event) => void this.#add(e)}>
        <h4 id="add-endpoint-heading">${t('settings.webhooks.add-heading')}</h4>
        ${textField({
          id: 'endpoint-url',
          label: t('settings.webhooks.url'),
          hint: t('settings.webhooks.url-hint'),
          type: 'url',
          inputmode: 'url',
          placeholder: 'https://www.example-law.com/hooks/portico',
          value: d.url,
          required: true,
          error: problems?.of('url'),
          onInput: (url) => this.#edit({ url }),
        })}
        ${textField({ id: 'endpoint-description', label: t('settings.webhooks.description'), value: d.description, error: problems?.of('description'), onInput: (description) => this.#edit({ description }) })}
        <fieldset class="event-choices" aria-describedby=${problems?.of('events') ? 'endpoint-events-error' : nothing}>
          <legend>${t('settings.webhooks.events')}</legend>
          ${webhookEvents.map(
            (event) => html`
              <div class="check">
                <input id=${`event-${event}`} type="checkbox" .checked=${d.events.has(event)} @change=${(e: Event) => this.#toggleEvent(event, (e.target as HTMLInputElement).checked)} />
                <label for=${`event-${event}`}><code>${event}</code></label>
              </div>
            `,
          )}
          ${problems?.of('events') ? html`<p class="field-error" id="endpoint-events-error">${problems.of('events')}</p>` : nothing}
        </fieldset>
        ${renderAlert(problems?.general)}
        <button class="button" type="submit" part="add-endpoint-button" aria-disabled=${this.#adding ? 'true' : 'false'}>
          ${this.#adding ? t('settings.saving') : t('settings.webhooks.add')}
        </button>
      </form>
    `;
  }

  #edit(changes: Partial<{ url: string; description: string }>): void {
    this.#draft = { ...this.#draft, ...changes };
    this.#host.requestUpdate();
  }

  #toggleEvent(event: WebhookEventType, on: boolean): void {
    const events = new Set(this.#draft.events);
    if (on) events.add(event);
    else events.delete(event);
    this.#draft = { ...this.#draft, events };
    this.#host.requestUpdate();
  }

  async #add(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.#host.consoleClient;
    if (!client || this.#adding) return;
    const d = this.#draft;
    this.#adding = true;
    this.#problems = undefined;
    this.#host.requestUpdate();
    try {
      const body = {
        url: d.url.trim(),
        enabled: true,
        events: webhookEvents.filter((e) => d.events.has(e)),
        ...(d.description.trim() ? { description: d.description.trim() } : {}),
      };
      const answer = await this.#requests.run((signal) => client.webhooks.create(body, { signal }));
      if (!answer) return;
      const { secret, ...endpoint } = answer.value;
      this.endpoints = [...this.endpoints, endpoint];
      this.#secret = { endpointId: endpoint.id, value: secret };
      this.#draft = { url: '', description: '', events: new Set(['payment.succeeded']) };
      this.#host.announce(() => t('settings.webhooks.added', { url: endpoint.url }));
      this.#host.saved('webhooks');
      await this.#focusSoon('#webhook-secret');
    } catch (error) {
      this.#problems = new FormProblems(error, formFields);
      this.#host.announce(() => t('settings.not-saved'));
      const first = this.#problems.first(formFields);
      if (first === 'url' || first === 'description') await this.#focusSoon(`#endpoint-${first}`);
      else if (first === 'events') await this.#focusSoon(`#event-${webhookEvents[0]}`);
    } finally {
      this.#adding = false;
      this.#host.requestUpdate();
    }
  }

  async #focusSoon(selector: string): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #dismissSecret(): void {
    const id = this.#secret?.endpointId;
    this.#secret = undefined;
    void this.#focusSoon(`[part~="endpoint"][data-id="${id}"] [part~="rotate-button"]`);
  }

  /** Runs a change of one endpoint (or delivery) with its buttons busy; a failure goes to the list's alert. */
  async #act<T>(id: string, call: (signal: AbortSignal) => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.#busy.has(id)) return undefined;
    this.#busy.add(id);
    this.#actionError = undefined;
    this.#host.requestUpdate();
    try {
      return await this.#requests.run(call);
    } catch (error) {
      this.#actionError = error;
      this.#host.announce(() => t('settings.action-failed'));
      return undefined;
    } finally {
      this.#busy.delete(id);
      this.#host.requestUpdate();
    }
  }

  #replace(endpoint: WebhookEndpoint): void {
    this.endpoints = this.endpoints.map((e) => (e.id === endpoint.id ? endpoint : e));
  }

  async #toggle(endpoint: WebhookEndpoint): Promise<void> {
    const client = this.#host.consoleClient;
    if (!client) return;
    const answer = await this.#act(endpoint.id, (signal) => client.webhooks.update(endpoint.id, { enabled: !endpoint.enabled }, { signal }));
    if (!answer) return;
    this.#replace(answer.value);
    const url = endpoint.url;
    this.#host.announce(() => (answer.value.enabled ? t('settings.webhooks.enabled-now', { url }) : t('settings.webhooks.disabled-now', { url })));
    this.#host.saved('webhooks');
  }

  async #rotate(endpoint: WebhookEndpoint): Promise<void> {
    const client = this.#host.consoleClient;
    if (!client || this.#busy.has(endpoint.id)) return;
    const url = endpoint.url;
    const confirmed = await this.#host.confirm({
      title: () => t('settings.webhooks.rotate-title'),
      message: () => t('settings.webhooks.rotate-message', { url }),
      confirmLabel: () => t('settings.webhooks.rotate'),
    });
    if (!confirmed) return;
    const answer = await this.#act(endpoint.id, (signal) => client.webhooks.rotateSecret(endpoint.id, { signal }));
    if (!answer) return;
    this.#secret = { endpointId: endpoint.id, value: answer.value.secret };
    const until = answer.value.previousValidUntil;
    this.#host.announce(() => t('settings.webhooks.rotated', { date: formatDateTime(until) }));
    this.#host.saved('webhooks');
    await this.#focusSoon('#webhook-secret');
  }

  async #delete(endpoint: WebhookEndpoint): Promise<void> {
    const client = this.#host.consoleClient;
    if (!client || this.#busy.has(endpoint.id)) return;
    const url = endpoint.url;
    const confirmed = await this.#host.confirm({
      title: () => t('settings.webhooks.delete-title'),
      message: () => t('settings.webhooks.delete-message', { url }),
      confirmLabel: () => t('settings.webhooks.delete'),
    });
    if (!confirmed) return;
    const answer = await this.#act(endpoint.id, (signal) => client.webhooks.remove(endpoint.id, { signal }));
    if (!answer) return;
    this.endpoints = this.endpoints.filter((e) => e.id !== endpoint.id);
    this.#logs.delete(endpoint.id);
    if (this.#secret?.endpointId === endpoint.id) this.#secret = undefined;
    this.#host.announce(() => t('settings.webhooks.deleted', { url }));
    this.#host.saved('webhooks');
    await this.#focusSoon('#endpoint-url');
  }

  #toggleLog(endpoint: WebhookEndpoint): void {
    if (this.#logs.has(endpoint.id)) {
      this.#logs.delete(endpoint.id);
      this.#host.requestUpdate();
    } else void this.#loadLog(endpoint, false);
  }

  async #loadLog(endpoint: WebhookEndpoint, more: boolean): Promise<void> {
    const client = this.#host.consoleClient;
    if (!client) return;
    const previous = this.#logs.get(endpoint.id);
    if (previous?.loading) return;
    const log: DeliveryLog =
      more && previous ? { ...previous, loading: true, error: undefined } : { deliveries: [], nextCursor: null, loading: true, error: undefined };
    this.#logs.set(endpoint.id, log);
    this.#host.requestUpdate();
    const cursor = more ? (previous?.nextCursor ?? undefined) : undefined;
    try {
      const answer = await this.#requests.run((signal) => client.webhooks.deliveries(endpoint.id, { limit: 20, ...(cursor ? { cursor } : {}) }, { signal }));
      if (!answer || this.#logs.get(endpoint.id) !== log) return;
      this.#logs.set(endpoint.id, {
        deliveries: [...log.deliveries, ...answer.value.data],
        nextCursor: answer.value.nextCursor,
        loading: false,
        error: undefined,
      });
    } catch (error) {
      if (this.#logs.get(endpoint.id) === log) this.#logs.set(endpoint.id, { ...log, loading: false, error });
    }
    this.#host.requestUpdate();
  }

  async #retry(endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<void> {
    const client = this.#host.consoleClient;
    if (!client) return;
    const answer = await this.#act(delivery.id, (signal) => client.webhooks.retry(endpoint.id, delivery.id, { signal }));
    if (!answer) return;
    const log = this.#logs.get(endpoint.id);
    if (log) this.#logs.set(endpoint.id, { ...log, deliveries: log.deliveries.map((d) => (d.id === delivery.id ? answer.value : d)) });
    const type = delivery.eventType;
    this.#host.announce(() => t('settings.webhooks.retried', { event: type }));
  }
}
