import { css } from 'lit';
import { tokens } from '../styles/tokens.ts';

export const twoFactorSettingsStyles = css`
  :host {
    display: block;
  }
  h3 {
    margin: 0 0 calc(${tokens.space} * 0.5);
    color: var(--portal-two-factor-heading-color, ${tokens.colorText});
    font-size: 1.125em;
  }
  p {
    margin: 0 0 calc(${tokens.space} * 0.75);
  }
  .muted {
    color: ${tokens.colorMuted};
  }
  .factor {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(${tokens.space} * 0.5);
    padding-block: calc(${tokens.space} * 0.75);
    border-block-end: 1px solid var(--portal-two-factor-divider-color, ${tokens.colorDivider});
  }
  .factor-name {
    font-weight: 600;
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(${tokens.space} * 0.5);
    margin-block-start: calc(${tokens.space} * 0.75);
  }
`;
