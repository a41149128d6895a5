import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { formatDateTime } from '../../i18n/format.ts';
import type { ApiKey } from '../api/api-keys-api.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import { t } from '../i18n/translate.ts';
import { FormProblems } from './field-errors.ts';
import { renderAlert, renderLoadError, renderLoading, renderSecret, SectionRequests, textField, type SettingsHost } from './settings-host.ts';

/**
 * The firm's API keys, for its own software: create one (the key is shown once, with a copy
 * button) and revoke one (after a confirmation). Owners only.
 */
export class ApiKeysPanel {
  readonly #host: SettingsHost;
  readonly #requests: SectionRequests;
  keys: ApiKey[] = [];
  #name = '';
  #problems: FormProblems | undefined;
  #creating = false;
  #actionError: unknown;
  #busy = new Set<string>();
  #created: { id: string; key: string } | undefined;
  readonly #list: Task<readonly [ConsoleClient | undefined, boolean], void>;

  constructor(host: SettingsHost) {
    this.#host = host;
    this.#requests = new SectionRequests(host);
    this.#list = new Task(host, {
      task: async ([client, shown], { signal }) => {
        if (!shown || !client) return;
        this.keys = await client.apiKeys.list({ signal });
      },
      args: () => [host.consoleClient, host.section === 'api-keys'] as const,
    });
  }

  get status(): TaskStatus {
    return this.#list.status;
  }

  refresh(): Promise<unknown> {
    return this.#list.run();
  }

  render(): TemplateResult {
    return html`
      <section class="api-keys" aria-labelledby="api-keys-heading">
        <h3 id="api-keys-heading">${t('settings.api-keys.heading')}</h3>
        <p class="intro">${t('settings.api-keys.intro')}</p>
        ${this.#list.render({
          initial: () => renderLoading(t('settings.api-keys.loading')),
          pending: () => renderLoading(t('settings.api-keys.loading')),
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
        this.keys.length
          ? html`<ul class="cards" part="key-list">
              ${this.keys.map((key) => this.#renderKey(key))}
            </ul>`
          : html`<div class="state" part="empty"><p>${t('settings.api-keys.empty')}</p></div>`
      }
    `;
  }

  #renderKey(key: ApiKey): TemplateResult {
    const busy = this.#busy.has(key.id);
    return html`
      <li class="card" part="key" data-id=${key.id} aria-busy=${busy ? 'true' : 'false'}>
        <div class="card-head">
          <h4>${key.name}</h4>
          ${key.revokedAt ? html`<span class="badge" part="status" data-tone="neutral">${t('settings.api-keys.revoked')}</span>` : html`<span class="badge" part="status" data-tone="success">${t('settings.api-keys.active')}</span>`}
        </div>
        <dl class="facts">
          <div><dt>${t('settings.api-keys.prefix')}</dt><dd><code>${key.prefix}…</code></dd></div>
          <div><dt>${t('settings.api-keys.created')}</dt><dd>${formatDateTime(key.createdAt)}</dd></div>
          <div><dt>${t('settings.api-keys.last-used')}</dt><dd>${key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t('settings.never')}</dd></div>
          ${key.revokedAt ? html`<div><dt>${t('settings.api-keys.revoked-at')}</dt><dd>${formatDateTime(key.revokedAt)}</dd></div>` : nothing}
        </dl>
        ${
          this.#created?.id === key.id
            ? renderSecret({
                id: 'new-api-key',
                heading: t('settings.api-keys.key'),
                warning: t('settings.api-keys.key-warning'),
                value: this.#created.key,
                host: this.#host,
                onDone: () => this.#dismissKey(),
              })
            : nothing
        }
        ${
          key.revokedAt
            ? nothing
            : html`<div class="card-actions">
                <button class="button secondary danger" type="button" part="revoke-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.#revoke(key)}>
                  ${t('settings.api-keys.revoke')}<span class="visually-hidden"> ${key.name}</span>
                </button>
              </div>`
        }
      </li>
    `;
  }

  #renderForm(): TemplateResult {
    return html`
      <form class="add-form" part="key-form" novalidate aria-labelledby="add-key-heading" @submit=${(e: Event) => void this.#create(e)}>
        <h4 id="add-key-heading">${t('settings.api-keys.add-heading')}</h4>
        ${textField({
          id: 'key-name',
          label: t('settings.api-keys.name'),
          hint: t('settings.api-keys.name-hint'),
          value: this.#name,
          required: true,
          error: this.#problems?.of('name'),
          onInput: (name) => {
            this.#name = name;
            this.#host.requestUpdate();
          },
        })}
        ${renderAlert(this.#problems?.general)}
        <button class="button" type="submit" part="create-key-button" aria-disabled=${this.#creating ? 'true' : 'false'}>
          ${this.#creating ? t('settings.saving') : t('settings.api-keys.create')}
        </button>
      </form>
    `;
  }

  async #focus(selector: string): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #create(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.#host.consoleClient;
    if (!client || this.#creating) return;
    this.#creating = true;
    this.#problems = undefined;
    this.#host.requestUpdate();
    try {
      const answer = await this.#requests.run((signal) => client.apiKeys.create({ name: this.#name.trim() }, { signal }));
      if (!answer) return;
      const { key, ...apiKey } = answer.value;
      this.keys = [...this.keys, apiKey];
      this.#created = { id: apiKey.id, key };
      this.#name = '';
      const name = apiKey.name;
      this.#host.announce(() => t('settings.api-keys.created-now', { name }));
      this.#host.saved('api-keys');
      await this.#focus('#new-api-key');
    } catch (error) {
      this.#problems = new FormProblems(error, ['name']);
      this.#host.announce(() => t('settings.not-saved'));
      if (this.#problems.of('name')) await this.#focus('#key-name');
    } finally {
      this.#creating = false;
      this.#host.requestUpdate();
    }
  }

  #dismissKey(): void {
    this.#created = undefined;
    void this.#focus('#key-name');
  }

  async #revoke(key: ApiKey): Promise<void> {
    const client = this.#host.consoleClient;
    if (!client || this.#busy.has(key.id)) return;
    const name = key.name;
    const confirmed = await this.#host.confirm({
      title: () => t('settings.api-keys.revoke-title'),
      message: () => t('settings.api-keys.revoke-message', { name }),
      confirmLabel: () => t('settings.api-keys.revoke'),
    });
    if (!confirmed) return;
    this.#busy.add(key.id);
    this.#actionError = undefined;
    this.#host.requestUpdate();
    try {
      const answer = await this.#requests.run((signal) => client.apiKeys.revoke(key.id, { signal }));
      if (!answer) return;
      const revokedAt = new Date().toISOString();
      this.keys = this.keys.map((k) => (k.id === key.id ? { ...k, revokedAt } : k));
      if (this.#created?.id === key.id) this.#created = undefined;
      this.#host.announce(() => t('settings.api-keys.revoked-now', { name }));
      this.#host.saved('api-keys');
      await this.#focus('#key-name');
    } catch (error) {
      this.#actionError = error;
      this.#host.announce(() => t('settings.action-failed'));
    } finally {
      this.#busy.delete(key.id);
      this.#host.requestUpdate();
    }
  }
}
