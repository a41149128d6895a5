import { css } from 'lit';
import { controlBox } from '../styles/basic.ts';
import { tokens } from '../styles/tokens.ts';

export const profileStyles = css`
  :host {
    container-type: inline-size;
  }
  h2 {
    margin: 0 0 ${tokens.space};
    color: var(--portal-profile-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3 {
    margin: 0 0 calc(${tokens.space} * 0.5);
    font-size: 1.125em;
    line-height: 1.3;
  }
  p {
    margin: 0 0 calc(${tokens.space} * 0.5);
  }
  .sections {
    display: grid;
    gap: ${tokens.space};
  }
  .card {
    min-width: 0;
    padding: ${tokens.space};
    border: 1px solid var(--portal-profile-card-border-color, ${tokens.colorDivider});
    border-radius: ${tokens.radius};
    background: var(--portal-profile-card-background, ${tokens.colorSurface});
    overflow-wrap: anywhere;
  }
  .muted {
    color: ${tokens.colorMuted};
  }
  .field select {
    width: 100%;
    ${controlBox}
  }
  fieldset {
    margin: 0 0 ${tokens.space};
    padding: 0;
    border: 0;
  }
  legend {
    margin-block-end: 0.5em;
    padding: 0;
    font-weight: 600;
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: 0.5em;
    min-height: 2.75rem;
  }
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    margin-block-start: 0.15em;
    flex: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .methods {
    margin: 0 0 ${tokens.space};
    padding: 0;
    list-style: none;
  }
  .method {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5em;
    padding-block: 0.5em;
    border-block-end: 1px solid ${tokens.colorDivider};
  }
  .method:last-child {
    border-block-end: 0;
  }
  .method-name {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }
  .danger {
    border-color: var(--portal-profile-danger-color, ${tokens.colorDanger});
    background: var(--portal-profile-danger-color, ${tokens.colorDanger});
    color: ${tokens.colorBrandContrast};
  }
  .danger:hover {
    background: color-mix(in srgb, var(--portal-profile-danger-color, ${tokens.colorDanger}) 85%, ${tokens.colorHoverMix});
  }
  .skeleton {
    display: grid;
    gap: ${tokens.space};
  }
  .skeleton .skeleton-block {
    height: 6rem;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  h2:focus-visible {
    outline: ${tokens.focusRing};
    outline-offset: 2px;
  }
`;
