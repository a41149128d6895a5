import { html, svg, type TemplateResult } from 'lit';
import type { TotpSetup } from '../api/types.ts';
import { t } from './two-factor-messages.ts';

export { twoFactorPartStyles } from './two-factor-parts.styles.ts';

/**
 * What the sign-in's second step and `<portal-two-factor-settings>` share: the authenticator
 * app's QR code and setup key, and recovery codes shown once. Parts, not an element: each renders
 * them in place. Passkeys go through components/base/passkeys.ts.
 */

/** The setup key in groups of four, as authenticator apps show theirs: `JBSW Y3DP EHPK 3PXP`. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** The QR code (inline SVG, so it works under a strict CSP) and the setup key of an authenticator app. */
export function renderTotpSetup(setup: TotpSetup): TemplateResult {
  const { size, path } = setup.qrCode;
  return html`
    <div class="totp-setup" part="totp-setup">
      <p class="totp-scan" id="totp-scan">${t('two-factor.totp.scan')}</p>
      <svg class="qr-code" part="qr-code" role="img" aria-label=${t('two-factor.totp.qr-label')} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
        ${svg`<rect width=${size} height=${size} fill="#ffffff"></rect><path d=${path} fill="#000000"></path>`}
      </svg>
      <p class="secret">
        <span class="secret-label" id="secret-label">${t('two-factor.totp.secret')}</span>
        <code class="secret-value" part="secret" aria-labelledby="secret-label">${groupSecret(setup.secret)}</code>
      </p>
    </div>
  `;
}

/** The recovery codes, shown once, with a button to copy them. */
export function renderRecoveryCodes(codes: readonly string[], onCopy: () => void): TemplateResult {
  return html`
    <div class="recovery-codes" part="recovery-codes">
      <p class="recovery-intro">${t('two-factor.recovery.intro')}</p>
      <ul class="code-list" part="code-list" aria-label=${t('two-factor.recovery.label')}>
        ${codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ul>
      <button class="button secondary" part="copy-button" type="button" @click=${onCopy}>${t('two-factor.recovery.copy')}</button>
    </div>
  `;
}

/** Copies the codes, one a line; the announcement to make. */
export async function copyRecoveryCodes(codes: readonly string[]): Promise<string> {
  try {
    await navigator.clipboard.writeText(codes.join('\n'));
    return t('two-factor.recovery.copied');
  } catch {
    return t('two-factor.recovery.copy-failed');
  }
}
