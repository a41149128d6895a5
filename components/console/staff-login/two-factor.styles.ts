import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';

/** The shared second-factor parts (two-factor.ts): QR code, setup key, recovery codes. */
export const twoFactorStyles = css`
  .totp-setup {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    justify-items: start;
  }
  .totp-setup p {
    margin: 0;
  }
  .qr-code {
    display: block;
    width: var(--portal-console-qr-size, 12rem);
    height: var(--portal-console-qr-size, 12rem);
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
    font-size: 1.0625em;
    letter-spacing: 0.05em;
    overflow-wrap: anywhere;
  }
  .recovery-codes {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
  }
  .recovery-codes p {
    margin: 0;
  }
  .code-list {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0.5rem ${tokens.space};
    margin: 0;
    padding: ${tokens.space};
    border: 1px dashed ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
    list-style: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(${tokens.space} * 0.5);
  }
`;
