import { css } from 'lit';
import { tokens } from '../styles/tokens.ts';

/** The QR code, setup key and recovery codes (two-factor-parts.ts), in the sign-in and the profile. */
export const twoFactorPartStyles = css`
  .totp-setup,
  .recovery-codes {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    justify-items: start;
    margin-block-end: ${tokens.space};
  }
  .totp-setup p,
  .recovery-codes p {
    margin: 0;
  }
  .qr-code {
    display: block;
    width: var(--portal-two-factor-qr-size, 12rem);
    height: var(--portal-two-factor-qr-size, 12rem);
    max-width: 100%;
    padding: 0.5rem;
    border: 1px solid ${tokens.colorDivider};
    border-radius: ${tokens.radius};
    background: #ffffff;
  }
  .secret {
    display: grid;
    gap: 0.25rem;
  }
  .secret-label {
    font-weight: 600;
  }
  .secret-value,
  .code-list code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    letter-spacing: 0.05em;
    overflow-wrap: anywhere;
  }
  .code-list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0.5rem ${tokens.space};
    justify-self: stretch;
    margin: 0;
    padding: ${tokens.space};
    border: 1px dashed ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    list-style: none;
  }
`;
