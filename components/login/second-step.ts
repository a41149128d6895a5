import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ApiError } from '../api/api-error.ts';
import type { ApiClient } from '../api/api-client.ts';
import type { SignIn, SignInAnswer, TotpSetup } from '../api/types.ts';
import { PasskeyError, browserCredentials, createPasskey, passkeysSupported, requestPasskey, type PasskeyCredentials } from '../base/passkeys.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { t } from './two-factor-messages.ts';
import type { PortalLoginSucceededEvent } from './events.ts';
import { copyRecoveryCodes, renderRecoveryCodes, renderTotpSetup } from './two-factor-parts.ts';

/** The styles of what the second step draws in the login (the QR code, the recovery codes), which the login adopts with it. */
export { twoFactorPartStyles } from './two-factor-parts.ts';

/**
 * `<portal-login>`'s second step, loaded only when a sign-in needs it (or for "Sign in with a
 * passkey"): giving the second factor (a code from the app, a recovery code or a passkey), or
 * setting one up when the firm requires it (an authenticator app then the recovery codes to
 * save, or a passkey). It renders into the login's form and uses the login's pending state,
 * live regions and abort, through `SecondStepPort`.
 */

type Message = () => string;

/** A code as typed or pasted ("123 456"): its digits only. */
const digitsOf = (value: string): string => value.replace(/\D/g, '');
export type SucceededMode = PortalLoginSucceededEvent['detail']['mode'];

/** Where the step stands: `verify` (the client has a second factor) or `enroll` (the firm requires one they have not set up). */
export type Step =
  | { kind: 'verify'; mfaToken: string; methods: readonly string[]; using: 'totp' | 'recovery' | 'passkey'; via: SucceededMode }
  | { kind: 'enroll'; mfaToken: string; via: SucceededMode; setup?: TotpSetup; recoveryCodes?: readonly string[]; signIn?: SignIn };

/** What the step needs of the login element. */
export interface SecondStepPort {
  readonly element: HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment; readonly updateComplete: Promise<boolean>; requestUpdate(): void };
  client(): ApiClient | undefined;
  credentials(): PasskeyCredentials | undefined;
  pending(): boolean;
  alerts(): TemplateResult;
  setAlert(message: Message | undefined): void;
  setNotice(message: Message | undefined): void;
  /** Runs a request with the login's pending state and abort; `onError` shows what went wrong. */
  run(work: (signal: AbortSignal) => Promise<void>, onError: (error: unknown) => void): Promise<void>;
  succeeded(signIn: SignIn, mode: SucceededMode): void;
  leave(via: SucceededMode | undefined): void;
}

export class SecondStep {
  #step: Step | undefined;
  #stepCode = '';
  #stepCodeMessage: Message | undefined;

  constructor(private readonly port: SecondStepPort) {}

  get step(): Step | undefined {
    return this.#step;
  }
  set step(value: Step | undefined) {
    this.#step = value;
    this.port.element.requestUpdate();
  }
  get stepCode(): string {
    return this.#stepCode;
  }
  set stepCode(value: string) {
    this.#stepCode = value;
    this.port.element.requestUpdate();
  }
  get stepCodeMessage(): Message | undefined {
    return this.#stepCodeMessage;
  }
  set stepCodeMessage(value: Message | undefined) {
    this.#stepCodeMessage = value;
    this.port.element.requestUpdate();
  }

  /** Leaves the step (signed in, or back to the first screen). */
  clear(): void {
    this.step = undefined;
    this.stepCode = '';
    this.stepCodeMessage = undefined;
  }

  #run(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    return this.port.run(work, (error) => this.#showStepError(error));
  }

  async begin(answer: Exclude<SignInAnswer, SignIn>, via: SucceededMode): Promise<void> {
    if ('enrollmentRequired' in answer) {
      this.step = { kind: 'enroll', mfaToken: answer.mfaToken, via };
    } else {
      const { methods } = answer;
      const using = methods.includes('totp') ? 'totp' : methods.includes('passkey') ? 'passkey' : 'recovery';
      this.step = { kind: 'verify', mfaToken: answer.mfaToken, methods, using, via };
    }
    this.stepCode = '';
    this.stepCodeMessage = undefined;
    this.port.setNotice(undefined);
    await this.port.element.updateComplete;
    this.port.element.focus();
  }

  render(step: Step): TemplateResult {
    const heading = step.kind === 'verify' ? t('two-factor.heading') : step.recoveryCodes ? t('two-factor.recovery.heading') : t('two-factor.enroll.heading');
    return html`
      <div class="base" part="base">
        <form part="form" novalidate aria-labelledby="heading" aria-busy=${this.port.pending() ? 'true' : 'false'} @submit=${(event: SubmitEvent) => this.#submitStep(event)}>
          <h2 id="heading" part="heading" tabindex="-1">${heading}</h2>
          ${step.kind === 'verify' ? this.#renderVerify(step) : this.#renderEnroll(step)}
        </form>
      </div>
    `;
  }

  #renderVerify(step: Extract<Step, { kind: 'verify' }>): TemplateResult {
    const { using, methods } = step;
    const use = (next: typeof using) => () => {
      this.step = { ...step, using: next };
      this.stepCode = '';
      this.stepCodeMessage = undefined;
      this.port.setAlert(undefined);
      const client = this.port.client();
      // "Use a passkey" asks the browser for it at once; its button stays there to try again.
      if (next === 'passkey' && client) void this.#run((signal) => this.#verifyPasskey(client, { ...step, using: next }, signal));
      void this.port.element.updateComplete.then(() =>
        this.port.element.renderRoot.querySelector<HTMLElement>(next === 'passkey' ? '.submit-button' : '#step-code')?.focus(),
      );
    };
    const switches = [
      using !== 'totp' && methods.includes('totp')
        ? html`<button type="button" class="link-button" part="link" @click=${use('totp')}>${t('two-factor.use-app')}</button>`
        : nothing,
      using !== 'recovery' && methods.includes('recovery_code')
        ? html`<button type="button" class="link-button" part="link" @click=${use('recovery')}>${t('two-factor.use-recovery')}</button>`
        : nothing,
      using !== 'passkey' && methods.includes('passkey') && passkeysSupported(this.port.credentials())
        ? html`<button type="button" class="link-button" part="passkey-button link" @click=${use('passkey')}>${t('two-factor.use-passkey')}</button>`
        : nothing,
    ];
    const label = using === 'passkey' ? t('two-factor.use-passkey') : t('two-factor.submit');
    const pendingLabel = using === 'passkey' ? t('two-factor.passkey-pending') : t('two-factor.pending');
    return html`
      <p class="intro" id="intro" part="intro">${t(`two-factor.intro.${using}`)}</p>
      ${this.port.alerts()}
      ${using === 'passkey' ? nothing : this.#codeField(using === 'totp' ? t('two-factor.label.code') : t('two-factor.label.recovery-code'), using === 'totp')}
      <button class="button submit-button" part="submit-button" type="submit" aria-disabled=${this.port.pending() ? 'true' : 'false'}>
        ${this.port.pending() ? pendingLabel : label}
      </button>
      <p class="links" part="links">${switches}${this.#backLink()}</p>
    `;
  }

  #renderEnroll(step: Extract<Step, { kind: 'enroll' }>): TemplateResult {
    const codes = step.recoveryCodes;
    if (codes) {
      return html`
        ${this.port.alerts()}
        ${renderRecoveryCodes(codes, () => void copyRecoveryCodes(codes).then((said) => this.port.setNotice(() => said)))}
        <button class="button submit-button" part="submit-button" type="submit">${t('two-factor.recovery.continue')}</button>
      `;
    }
    if (step.setup) {
      return html`
        ${this.port.alerts()} ${renderTotpSetup(step.setup)} ${this.#codeField(t('two-factor.label.code'), true)}
        <button class="button submit-button" part="submit-button" type="submit" aria-disabled=${this.port.pending() ? 'true' : 'false'}>
          ${this.port.pending() ? t('two-factor.pending') : t('two-factor.totp.confirm')}
        </button>
        <p class="links" part="links">${this.#backLink()}</p>
      `;
    }
    return html`
      <p class="intro" id="intro" part="intro">${t('two-factor.enroll.intro')}</p>
      ${this.port.alerts()}
      <button class="button submit-button" part="submit-button" type="button" aria-disabled=${this.port.pending() ? 'true' : 'false'} @click=${this.#startTotp}>
        ${t('two-factor.enroll.app')}
      </button>
      ${
        passkeysSupported(this.port.credentials())
          ? html`<button
              class="button secondary submit-button"
              part="passkey-button"
              type="button"
              aria-disabled=${this.port.pending() ? 'true' : 'false'}
              @click=${this.#enrollPasskey}
            >
              ${t('two-factor.enroll.passkey')}
            </button>`
          : nothing
      }
      <p class="links" part="links">${this.#backLink()}</p>
    `;
  }

  #codeField(label: string, digits: boolean): TemplateResult {
    const message = this.stepCodeMessage;
    return html`
      <div class="field" part="field">
        <label for="step-code" part="label">${label}</label>
        <input
          id="step-code"
          name="step-code"
          part="input"
          type="text"
          inputmode=${digits ? 'numeric' : nothing}
          autocomplete="one-time-code"
          autocapitalize="off"
          spellcheck="false"
          required
          maxlength="40"
          .value=${live(this.stepCode)}
          aria-invalid=${message ? 'true' : 'false'}
          aria-describedby=${message ? 'step-code-error' : 'intro'}
          @input=${(event: InputEvent) => {
            this.stepCode = (event.target as HTMLInputElement).value;
            this.stepCodeMessage = undefined;
          }}
        />
        ${message ? html`<p class="field-error" id="step-code-error" part="field-error">${message()}</p>` : nothing}
      </div>
    `;
  }

  #backLink(): TemplateResult {
    return html`<button type="button" class="link-button" part="link" @click=${() => this.port.leave(this.step?.via)}>${t('two-factor.back')}</button>`;
  }

  async #submitStep(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const step = this.step;
    const client = this.port.client();
    if (!step || !client || this.port.pending()) return;
    if (step.kind === 'enroll' && step.recoveryCodes) {
      if (step.signIn) {
        client.auth.adopt(step.signIn);
        this.port.succeeded(step.signIn, step.via);
      }
      return;
    }
    if (step.kind === 'verify' && step.using === 'passkey') return this.#run((signal) => this.#verifyPasskey(client, step, signal));
    const code = this.stepCode.trim();
    const totp = step.kind === 'enroll' || step.using === 'totp';
    const digits = digitsOf(code);
    if (!code || (totp && !/^\d{6}$/.test(digits))) {
      this.stepCodeMessage = () => (code ? t('two-factor.error.code-shape') : t('two-factor.error.code-required'));
      await this.port.element.updateComplete;
      this.port.element.renderRoot.querySelector<HTMLInputElement>('#step-code')?.focus();
      return;
    }
    await this.#run(async (signal) => {
      if (step.kind === 'enroll') {
        const { recoveryCodes, signIn } = await client.twoFactor.confirmTotp({ code: digits, mfaToken: step.mfaToken }, { signal });
        await this.#showRecoveryCodes(step, recoveryCodes, signIn);
        return;
      }
      const answer = step.using === 'totp' ? { code: digits } : { recoveryCode: code };
      this.port.succeeded(await client.auth.completeSecondFactor(step.mfaToken, answer, { signal }), step.via);
    });
  }

  async #verifyPasskey(client: ApiClient, step: Extract<Step, { kind: 'verify' }>, signal: AbortSignal): Promise<void> {
    const { options } = await client.auth.passkeyChallenge(step.mfaToken, { signal });
    const credential = await requestPasskey(browserCredentials(this.port.credentials()), options, signal);
    this.port.succeeded(await client.auth.completeSecondFactor(step.mfaToken, { credential }, { signal }), step.via);
  }

  #startTotp = async (): Promise<void> => {
    const step = this.step;
    const client = this.port.client();
    if (step?.kind !== 'enroll' || !client || this.port.pending()) return;
    await this.#run(async (signal) => {
      const setup = await client.twoFactor.setUpTotp({ mfaToken: step.mfaToken }, { signal });
      this.step = { ...step, setup };
      await this.port.element.updateComplete;
      this.port.element.renderRoot.querySelector<HTMLInputElement>('#step-code')?.focus();
    });
  };

  #enrollPasskey = async (): Promise<void> => {
    const step = this.step;
    const client = this.port.client();
    if (step?.kind !== 'enroll' || !client || this.port.pending()) return;
    await this.#run(async (signal) => {
      const { options } = await client.twoFactor.passkeyRegistration({ mfaToken: step.mfaToken }, { signal });
      const credential = await createPasskey(browserCredentials(this.port.credentials()), options, signal);
      const { recoveryCodes, signIn } = await client.twoFactor.registerPasskey({ credential, mfaToken: step.mfaToken }, { signal });
      await this.#showRecoveryCodes(step, recoveryCodes ?? [], signIn);
    });
  };

  /** After a first factor is set up: the recovery codes to save before the portal opens. */
  async #showRecoveryCodes(step: Extract<Step, { kind: 'enroll' }>, recoveryCodes: readonly string[], signIn: SignIn | undefined): Promise<void> {
    if (recoveryCodes.length === 0 && signIn) {
      this.port.client()?.auth.adopt(signIn);
      return this.port.succeeded(signIn, step.via);
    }
    this.step = { kind: 'enroll', mfaToken: step.mfaToken, via: step.via, recoveryCodes, ...(signIn ? { signIn } : {}) };
    await this.port.element.updateComplete;
    this.port.element.focus();
  }

  /** "Sign in with a passkey": the browser offers the passkeys it holds for this site (or the typed address's). */
  signInWithPasskey = async (email: string): Promise<void> => {
    const client = this.port.client();
    if (!client || this.port.pending()) return;
    await this.#run(async (signal) => {
      const { options } = await client.auth.passkeySignInOptions(email ? { email } : {}, { signal });
      const credential = await requestPasskey(browserCredentials(this.port.credentials()), options, signal);
      const signIn = await client.auth.passkeySignIn(credential, { signal });
      this.port.succeeded(signIn, 'passkey');
    });
  };

  #showStepError(error: unknown): void {
    if (error instanceof PasskeyError) {
      this.port.setAlert(() => (error.failure === 'unsupported' ? t('two-factor.error.passkey-unsupported') : t('two-factor.error.passkey-cancelled')));
      return;
    }
    if (!(error instanceof ApiError)) {
      this.port.setAlert(() => errorMessage(error));
      return;
    }
    const alerts: Partial<Record<string, () => string>> = {
      mfa_code_invalid: () => t('two-factor.error.code-invalid'),
      mfa_token_invalid: () => t('two-factor.error.expired'),
      mfa_attempts_exceeded: () => t('two-factor.error.expired'),
      passkey_invalid: () => t('two-factor.error.passkey-invalid'),
      two_factor_off: () => t('two-factor.error.off'),
      contact_archived: () => t('login.error.contact-archived'),
    };
    this.port.setAlert(alerts[error.code] ?? (() => errorMessage(error)));
    if (error.code === 'mfa_code_invalid') {
      this.stepCodeMessage = () => t('two-factor.error.code-invalid');
      void this.port.element.updateComplete.then(() => this.port.element.renderRoot.querySelector<HTMLInputElement>('#step-code')?.select());
    }
  }
}
