import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';

const navColor = css`var(--portal-console-nav-color, ${tokens.colorText})`;
const indicator = css`var(--portal-console-nav-indicator-color, ${tokens.colorAccent})`;
const divider = css`var(--portal-console-nav-border-color, ${tokens.colorDivider})`;

export const shellStyles = css`
  [hidden] {
    display: none !important;
  }
  .base {
    container-type: inline-size;
    background: var(--portal-console-background, transparent);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    border-radius: ${tokens.radius} ${tokens.radius} 0 0;
    background: var(--portal-console-header-background, ${tokens.colorBrand});
    color: var(--portal-console-header-color, ${tokens.colorBrandContrast});
  }
  .identity {
    display: flex;
    flex: 1 1 12rem;
    align-items: center;
    gap: calc(${tokens.space} * 0.75);
    min-width: 0;
    min-height: var(--portal-console-logo-height, 2.5rem);
  }
  .logo {
    display: block;
    flex: none;
    width: var(--portal-console-logo-width, 8rem);
    height: var(--portal-console-logo-height, 2.5rem);
    object-fit: contain;
    object-position: left center;
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
  .staff {
    display: grid;
    line-height: 1.25;
  }
  .staff-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .staff-role {
    font-size: 0.875em;
    opacity: 0.9;
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
    padding: var(--portal-console-content-padding, ${tokens.space}) 0;
  }
  .content:focus {
    outline: none;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-console-gap, ${tokens.space});
  }
  .nav {
    min-width: 0;
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scrollbar-width: thin;
    border-block-end: 1px solid ${divider};
    background: var(--portal-console-nav-background, transparent);
  }
  .nav-list {
    display: flex;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .nav-item {
    display: flex;
    flex: none;
  }
  .nav-link {
    display: flex;
    flex: 1 1 auto;
    align-items: center;
    min-height: 2.75rem;
    padding: 0.5em 1em;
    border-block-end: 3px solid transparent;
    color: ${navColor};
    font-weight: 600;
    line-height: 1.25;
    text-decoration: none;
    white-space: nowrap;
  }
  .nav-link:hover {
    background: var(--portal-console-nav-hover-background, ${tokens.colorSurfaceAlt});
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .nav-link[aria-current='page'] {
    border-block-end-color: ${indicator};
    color: var(--portal-console-nav-current-color, ${tokens.colorBrand});
  }
  .nav-link:focus-visible {
    outline-offset: -3px;
  }
  .main {
    min-width: 0;
  }
  .skeleton {
    display: grid;
    gap: ${tokens.space};
  }
  .skeleton .header-block {
    height: 3.5rem;
  }
  .skeleton .line {
    width: min(100%, 24rem);
  }
  .failure,
  .empty {
    padding: ${tokens.space};
    border: 1px solid ${tokens.colorDivider};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
  }
  .failure h2 {
    margin: 0 0 calc(${tokens.space} * 0.5);
    font-size: 1.25em;
  }
  .empty {
    margin: 0;
  }

  /* Wide: the navigation becomes a sidebar. */
  @container (min-width: 60rem) {
    .layout {
      grid-template-columns: var(--portal-console-sidebar-width, 14rem) minmax(0, 1fr);
      align-items: start;
    }
    .nav {
      overflow: visible;
      border-block-end: 0;
      border-inline-end: 1px solid ${divider};
      padding-inline-end: calc(${tokens.space} * 0.75);
    }
    .nav-list {
      flex-direction: column;
    }
    .nav-link {
      border-block-end: 0;
      border-inline-start: 4px solid transparent;
      border-radius: 0 ${tokens.radius} ${tokens.radius} 0;
      white-space: normal;
    }
    .nav-link[aria-current='page'] {
      border-inline-start-color: ${indicator};
    }
    .nav-link:focus-visible {
      outline-offset: 0;
    }
  }
`;
