import { css } from 'lit';
import { tokens } from '../styles/tokens.ts';

export const sessionStyles = css`
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    border-radius: ${tokens.radius} ${tokens.radius} 0 0;
    background: var(--portal-session-header-background, ${tokens.colorBrand});
    color: var(--portal-session-header-color, ${tokens.colorBrandContrast});
  }
  /* The firm's line keeps its height before the branding arrives, with or without a logo. */
  .identity {
    display: flex;
    flex: 1 1 12rem;
    align-items: center;
    gap: calc(${tokens.space} * 0.75);
    min-width: 0;
    min-height: var(--portal-session-logo-height, 2.5rem);
  }
  /* A box of its own size while the image loads, so that the firm's name never moves. */
  .logo {
    display: block;
    flex: none;
    width: var(--portal-session-logo-width, 8rem);
    height: var(--portal-session-logo-height, 2.5rem);
    object-fit: contain;
    object-position: left center;
    /* A plate for a logo drawn in the header's own colour (a navy logo on a navy header): the
       page sets a light background and some padding; the box keeps its size. */
    padding: var(--portal-session-logo-padding, 0);
    border-radius: ${tokens.radius};
    background: var(--portal-session-logo-background, transparent);
  }
  :host(:dir(rtl)) .logo {
    object-position: right center;
  }
  .firm-name {
    font-size: 1.125em;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .account {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
  }
  .contact-name {
    overflow-wrap: anywhere;
  }
  .header .button {
    min-height: 2.5rem;
    border-color: currentColor;
    background: transparent;
    color: inherit;
  }
  .header .button:hover {
    background: color-mix(in srgb, currentColor 15%, transparent);
  }
  .header :focus-visible {
    outline-color: currentColor;
  }
  .content {
    padding: var(--portal-session-content-padding, ${tokens.space}) 0;
    background: var(--portal-session-background, transparent);
  }
  .skeleton {
    display: grid;
    gap: ${tokens.space};
  }
  .assertion-pending {
    display: grid;
    gap: ${tokens.space};
  }
  .assertion-pending p {
    margin: 0;
    color: ${tokens.colorMuted};
  }
  .assertion-pending .skeleton-block.line {
    width: min(100%, 24rem);
  }
  .assertion-pending .skeleton-block.short {
    width: min(60%, 14rem);
  }
  .skeleton .skeleton-block.header-block {
    height: 3.5rem;
  }
  .skeleton .skeleton-block.line {
    width: min(100%, 24rem);
  }
  .skeleton .skeleton-block.short {
    width: min(60%, 14rem);
  }
  .failure {
    padding: ${tokens.space};
    border: 1px solid ${tokens.colorDivider};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
  }
  .failure h2 {
    margin: 0 0 calc(${tokens.space} * 0.5);
    font-size: 1.25em;
    line-height: 1.3;
  }
  .failure .alert {
    margin-block-end: ${tokens.space};
  }
`;
