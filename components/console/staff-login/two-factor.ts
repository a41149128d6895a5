import { html, svg, type TemplateResult } from 'lit';
import { saveFile } from '../../base/save-file.ts';
import type { TotpSetup } from '../api/types.ts';
import { t } from '../i18n/translate.ts';

/**
 * What the sign-in and the account screen share about second factors: passkeys through the
 * browser's WebAuthn API, the authenticator app's QR code and setup key, and recovery codes
 * shown once (copy, download). No element of its own: both render these parts in place.
 */

export { PasskeyError, browserCredentials, createPasskey, requestPasskey, type PasskeyCredentials, type PasskeyFailure } from '../../base/passkeys.ts';
import type { PasskeyFailure } from '../../base/passkeys.ts';

/** The message for a passkey that could not be used. */
export function passkeyMessage(failure: PasskeyFailure): string {
  return failure === 'unsupported' ? t('staff-login.error.passkey-unsupported') : t('staff-login.error.passkey-cancelled');
}

/** The setup key in groups of four, as authenticator apps show theirs: `JBSW Y3DP EHPK 3PXP`. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** Six digits, spaces and dashes allowed while typing. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]+/g, '');
}

/** The QR code (inline SVG, so it works under a strict CSP) and the setup key of an authenticator app. */
export function renderTotpSetup(setup: TotpSetup): TemplateResult {
  const { size, path } = setup.qrCode;
  return html`
    <div class="totp-setup" part="totp-setup">
      <p class="totp-scan">${t('staff-login.totp.scan')}</p>
      <svg
        class="qr-code"
        part="qr-code"
        role="img"
        aria-label=${t('staff-login.totp.qr-label')}
        viewBox="0 0 ${size} ${size}"
        shape-rendering="crispEdges"
      >
        ${svg`<rect width=${size} height=${size} fill="#ffffff"></rect><path d=${path} fill="#000000"></path>`}
      </svg>
      <p class="secret">
        <span class="secret-label" id="secret-label">${t('staff-login.totp.secret')}</span>
        <code class="secret-value" part="secret" aria-labelledby="secret-label">${groupSecret(setup.secret)}</code>
      </p>
    </div>
  `;
}

export interface RecoveryCodeActions {
  onCopy(): void;
  onDownload(): void;
}

/** The recovery codes, shown once, with buttons to copy and download them. */
export function renderRecoveryCodes(codes: readonly string[], { onCopy, onDownload }: RecoveryCodeActions): TemplateResult {
  return html`
    <div class="recovery-codes" part="recovery-codes">
      <p class="recovery-intro">${t('staff-login.recovery-codes.intro')}</p>
      <ul class="code-list" part="code-list" aria-label=${t('staff-login.recovery-codes.label')}>
        ${codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ul>
      <div class="actions">
        <button class="button secondary" part="copy-button" type="button" @click=${onCopy}>${t('staff-login.recovery-codes.copy')}</button>
        <button class="button secondary" part="download-button" type="button" @click=${onDownload}>${t('staff-login.recovery-codes.download')}</button>
      </div>
    </div>
  `;
}

/** Copies the codes, one a line; the announcement to make. */
export async function copyRecoveryCodes(codes: readonly string[]): Promise<string> {
  try {
    await navigator.clipboard.writeText(codes.join('\n'));
    return t('staff-login.recovery-codes.copied');
  } catch {
    return t('staff-login.recovery-codes.copy-failed');
  }
}

/** Saves the codes as a .txt file; the announcement to make. */
export function downloadRecoveryCodes(codes: readonly string[], { firm, email }: { firm: string; email: string }): string {
  const text = `${t('staff-login.recovery-codes.file-heading', { firm, email })}\n\n${codes.join('\n')}\n`;
  saveFile(new Blob([text], { type: 'text/plain;charset=utf-8' }), `${firm ? `${safeSlug(firm)}-` : ''}recovery-codes.txt`);
  return t('staff-login.recovery-codes.downloaded');
}

function safeSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'portico'
  );
}
