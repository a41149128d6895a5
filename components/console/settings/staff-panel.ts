import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../../api/api-error.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { ConsoleClient } from '../api/console-client.ts';
import type { StaffMember, StaffRole } from '../api/types.ts';
import { t } from '../i18n/translate.ts';
import { FormProblems } from './field-errors.ts';
import { renderAlert, renderLoadError, renderLoading, SectionRequests, textField, type SettingsHost } from './settings-host.ts';

const roles: readonly StaffRole[] = ['staff', 'admin', 'owner'];
const formFields = ['email', 'name', 'role'];

/**
 * The firm's staff: who they are, their role, whether they may sign in and when they last did;
 * invite someone, change a role, disable or enable an account, resend an invitation. Owners only.
 */
export class StaffPanel {
  readonly #host: SettingsHost;
  readonly #requests: SectionRequests;
  members: StaffMember[] = [];
  #draft: { email: string; name: string; role: StaffRole } = { email: '', name: '', role: 'staff' };
  #problems: FormProblems | undefined;
  #inviting = false;
  #actionError: unknown;
  #busy = new Set<string>();
  readonly #list: Task<readonly [ConsoleClient | undefined, boolean], void>;

  constructor(host: SettingsHost) {
    this.#host = host;
    this.#requests = new SectionRequests(host);
    this.#list = new Task(host, {
      task: async ([client, shown], { signal }) => {
        if (!shown || !client) return;
        this.members = await client.staffMembers.list({ signal });
      },
      args: () => [host.consoleClient, host.section === 'staff'] as const,
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
      <section class="staff" aria-labelledby="staff-heading">
        <h3 id="staff-heading">${t('settings.staff.heading')}</h3>
        <p class="intro">${t('settings.staff.intro')}</p>
        ${this.#list.render({
          initial: () => renderLoading(t('settings.staff.loading')),
          pending: () => renderLoading(t('settings.staff.loading')),
          error: (error) => renderLoadError(error, () => void this.refresh()),
          complete: () => this.#renderList(),
        })}
        ${this.#list.status === TaskStatus.COMPLETE ? this.#renderForm() : nothing}
      </section>
    `;
  }

  #renderList(): TemplateResult {
    return html`
      ${
        isLastOwner(this.#actionError)
          ? html`<div class="alert" part="action-error" role="alert"><p>${t('settings.staff.last-owner')}</p></div>`
          : renderAlert(this.#actionError, 'action-error')
      }
      ${
        this.members.length
          ? html`<ul class="cards" part="staff-list">
              ${this.members.map((member) => this.#renderMember(member))}
            </ul>`
          : html`<div class="state" part="empty"><p>${t('settings.staff.empty')}</p></div>`
      }
    `;
  }

  #renderMember(member: StaffMember): TemplateResult {
    const busy = this.#busy.has(member.id);
    const self = member.id === this.#host.staffMe?.staff.id;
    const tone = member.status === 'active' ? 'success' : member.status === 'invited' ? 'info' : 'neutral';
    return html`
      <li class="card" part="staff-member" data-id=${member.id} aria-busy=${busy ? 'true' : 'false'}>
        <div class="card-head">
          <h4>${member.name}${self ? html` <span class="muted">${t('settings.staff.you')}</span>` : nothing}</h4>
          <span class="badge" part="status" data-tone=${tone}>${t(`settings.staff.status.${member.status}`)}</span>
        </div>
        <dl class="facts">
          <div><dt>${t('settings.staff.email')}</dt><dd>${member.email}</dd></div>
          <div><dt>${t('settings.staff.last-sign-in')}</dt><dd>${member.lastSignInAt ? formatDateTime(member.lastSignInAt) : t('settings.never')}</dd></div>
        </dl>
        <div class="card-actions">
          <div class="field inline">
            <label for=${`role-${member.id}`}>${t('settings.staff.role-of', { name: member.name })}</label>
            <select id=${`role-${member.id}`} part="role-select" aria-disabled=${busy ? 'true' : 'false'} @change=${(e: Event) => void this.#changeRole(member, e.target as HTMLSelectElement)}>
              ${roles.map((role) => html`<option value=${role} ?selected=${role === member.role}>${t(`settings.staff.role.${role}`)}</option>`)}
            </select>
          </div>
          ${
            member.status === 'invited'
              ? html`<button class="button secondary" type="button" part="resend-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.#resend(member)}>
                  ${t('settings.staff.resend')}<span class="visually-hidden"> ${member.name}</span>
                </button>`
              : nothing
          }
          ${
            member.status === 'disabled'
              ? html`<button class="button secondary" type="button" part="enable-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.#setStatus(member, 'active')}>
                  ${t('settings.staff.enable')}<span class="visually-hidden"> ${member.name}</span>
                </button>`
              : html`<button class="button secondary danger" type="button" part="disable-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.#setStatus(member, 'disabled')}>
                  ${t('settings.staff.disable')}<span class="visually-hidden"> ${member.name}</span>
                </button>`
          }
        </div>
      </li>
    `;
  }

  #renderForm(): TemplateResult {
    const d = this.#draft;
    const problems = this.#problems;
    const edit = (changes: Partial<typeof d>) => {
      this.#draft = { ...this.#draft, ...changes };
      this.#host.requestUpdate();
    };
    return html`
      <form class="add-form" part="invite-form" novalidate aria-labelledby="invite-heading" @submit=${(e: Event) => void this.#invite(e)}>
        <h4 id="invite-heading">${t('settings.staff.invite-heading')}</h4>
        ${textField({ id: 'invite-name', label: t('settings.staff.name'), value: d.name, required: true, autocomplete: 'off', error: problems?.of('name'), onInput: (name) => edit({ name }) })}
        ${textField({ id: 'invite-email', label: t('settings.staff.email'), type: 'email', inputmode: 'email', value: d.email, required: true, error: problems?.of('email'), onInput: (email) => edit({ email }) })}
        <div class="field">
          <label for="invite-role">${t('settings.staff.role')}</label>
          <p class="hint" id="invite-role-hint">${t('settings.staff.role-hint')}</p>
          <select id="invite-role" aria-describedby="invite-role-hint" @change=${(e: Event) => edit({ role: (e.target as HTMLSelectElement).value as StaffRole })}>
            ${roles.map((role) => html`<option value=${role} ?selected=${role === d.role}>${t(`settings.staff.role.${role}`)}</option>`)}
          </select>
          ${problems?.of('role') ? html`<p class="field-error">${problems.of('role')}</p>` : nothing}
        </div>
        ${renderAlert(problems?.general)}
        <button class="button" type="submit" part="invite-button" aria-disabled=${this.#inviting ? 'true' : 'false'}>
          ${this.#inviting ? t('settings.saving') : t('settings.staff.invite')}
        </button>
      </form>
    `;
  }

  async #focus(selector: string): Promise<void> {
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async #invite(event: Event): Promise<void> {
    event.preventDefault();
    const client = this.#host.consoleClient;
    if (!client || this.#inviting) return;
    this.#inviting = true;
    this.#problems = undefined;
    this.#host.requestUpdate();
    try {
      const d = this.#draft;
      const answer = await this.#requests.run((signal) => client.staffMembers.invite({ email: d.email.trim(), name: d.name.trim(), role: d.role }, { signal }));
      if (!answer) return;
      this.members = [...this.members, answer.value];
      this.#draft = { email: '', name: '', role: 'staff' };
      const { name, email } = answer.value;
      this.#host.announce(() => t('settings.staff.invited', { name, email }));
      this.#host.saved('staff');
      await this.#focus('#invite-name');
    } catch (error) {
      this.#problems = new FormProblems(error, formFields);
      this.#host.announce(() => t('settings.not-saved'));
      const first = this.#problems.first(formFields);
      if (first) await this.#focus(`#invite-${first}`);
    } finally {
      this.#inviting = false;
      this.#host.requestUpdate();
    }
  }

  /** Runs a change of one member with their controls busy; a refusal (e.g. the last owner) goes to the list's alert. */
  async #act<T>(member: StaffMember, call: (signal: AbortSignal) => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.#busy.has(member.id)) return undefined;
    this.#busy.add(member.id);
    this.#actionError = undefined;
    this.#host.requestUpdate();
    try {
      return await this.#requests.run(call);
    } catch (error) {
      this.#actionError = error;
      this.#host.announce(() => t('settings.action-failed'));
      return undefined;
    } finally {
      this.#busy.delete(member.id);
      this.#host.requestUpdate();
    }
  }

  #replace(member: StaffMember): void {
    this.members = this.members.map((m) => (m.id === member.id ? member : m));
  }

  async #changeRole(member: StaffMember, select: HTMLSelectElement): Promise<void> {
    const client = this.#host.consoleClient;
    const role = select.value as StaffRole;
    if (!client || role === member.role) return;
    const answer = await this.#act(member, (signal) => client.staffMembers.update(member.id, { role }, { signal }));
    if (!answer) {
      // Refused or aborted: the select shows the role the member still has.
      select.value = member.role;
      return;
    }
    this.#replace(answer.value);
    const name = member.name;
    this.#host.announce(() => t('settings.staff.role-changed', { name, role: t(`settings.staff.role.${role}`) }));
    this.#host.saved('staff');
  }

  async #setStatus(member: StaffMember, status: 'active' | 'disabled'): Promise<void> {
    const client = this.#host.consoleClient;
    if (!client || this.#busy.has(member.id)) return;
    const name = member.name;
    if (status === 'disabled') {
      const confirmed = await this.#host.confirm({
        title: () => t('settings.staff.disable-title'),
        message: () => t('settings.staff.disable-message', { name }),
        confirmLabel: () => t('settings.staff.disable'),
      });
      if (!confirmed) return;
    }
    const answer = await this.#act(member, (signal) => client.staffMembers.update(member.id, { status }, { signal }));
    if (!answer) return;
    this.#replace(answer.value);
    this.#host.announce(() => (status === 'disabled' ? t('settings.staff.disabled-now', { name }) : t('settings.staff.enabled-now', { name })));
    this.#host.saved('staff');
    await this.#focus(`[part~="staff-member"][data-id="${member.id}"] [part~="${status === 'disabled' ? 'enable' : 'disable'}-button"]`);
  }

  async #resend(member: StaffMember): Promise<void> {
    const client = this.#host.consoleClient;
    if (!client) return;
    const answer = await this.#act(member, (signal) => client.staffMembers.resendInvitation(member.id, { signal }));
    if (!answer) return;
    const { name, email } = member;
    this.#host.announce(() => t('settings.staff.resent', { name, email }));
  }
}

// The service refuses (409) to demote or disable the firm's last owner; it says so in English only.
function isLastOwner(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}
