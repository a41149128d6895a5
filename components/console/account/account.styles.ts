import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';

export const accountStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .base {
    display: grid;
    gap: ${tokens.space};
  }
  h2 {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3 {
    margin: 0 0 0.5em;
    font-size: 1.125em;
  }
  .details {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem;
    margin: 0;
  }
  .details div {
    display: grid;
    gap: 0.125rem;
  }
  .details dt {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .details dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .section {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    padding: ${tokens.space};
    border: 1px solid var(--portal-console-account-section-border-color, ${tokens.colorDivider});
    border-radius: ${tokens.radius};
    background: var(--portal-console-account-section-background, ${tokens.colorSurface});
  }
  .section p {
    margin: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem ${tokens.space};
  }
  .row > span {
    display: grid;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .muted {
    color: ${tokens.colorMuted};
  }
  .passkeys {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .passkey {
    padding-block: 0.5rem;
    border-block-end: 1px solid ${tokens.colorDivider};
  }
  .add-passkey,
  .totp-form {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  .add-passkey .field,
  .totp-form .field {
    width: min(100%, 24rem);
    margin: 0;
  }
  .sign-out {
    justify-self: start;
  }
  .skeleton {
    display: grid;
    gap: ${tokens.space};
  }
  .skeleton .line {
    width: min(100%, 24rem);
  }
  @container (min-width: 40rem) {
    .details {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
  }
`;
