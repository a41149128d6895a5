import { css } from 'lit';
import { controlBox } from '../styles/basic.ts';
import { tokens } from '../styles/tokens.ts';

export const autopaySettingsStyles = css`
  :host {
    display: block;
  }
  h3 {
    margin: 0 0 calc(${tokens.space} * 0.5);
    color: var(--portal-autopay-heading-color, ${tokens.colorText});
    font-size: 1.125em;
  }
  h4 {
    margin: 0 0 calc(${tokens.space} * 0.5);
    font-size: 1em;
  }
  p {
    margin: 0 0 calc(${tokens.space} * 0.75);
  }
  .muted {
    color: ${tokens.colorMuted};
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .matter {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(${tokens.space} * 0.5);
    padding-block: calc(${tokens.space} * 0.75);
    border-block-end: 1px solid var(--portal-autopay-divider-color, ${tokens.colorDivider});
  }
  .matter-name {
    font-weight: 600;
  }
  .matter-text {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .matter-text p {
    margin: 0;
  }
  .matter-text .under-way {
    max-width: 40em;
    margin-block-start: calc(${tokens.space} * 0.25);
  }
  form {
    flex-basis: 100%;
    padding-block: calc(${tokens.space} * 0.5);
  }
  .field select {
    width: 100%;
    ${controlBox}
  }
  .authorization {
    max-height: 14rem;
    overflow-y: auto;
    margin-block-end: calc(${tokens.space} * 0.75);
    padding: calc(${tokens.space} * 0.75);
    border: 1px solid var(--portal-autopay-divider-color, ${tokens.colorDivider});
    border-radius: ${tokens.radius};
    font-size: 0.9375em;
    overflow-wrap: anywhere;
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.5em;
    margin-block-end: calc(${tokens.space} * 0.75);
  }
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.125em 0 0;
    flex: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(${tokens.space} * 0.5);
  }
`;
