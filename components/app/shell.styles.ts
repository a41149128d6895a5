import { css, unsafeCSS, type CSSResult } from 'lit';
import { tokens } from '../styles/tokens.ts';

const navColor = css`var(--portal-app-nav-color, ${tokens.colorText})`;
const indicator = css`var(--portal-app-nav-indicator-color, ${tokens.colorAccent})`;
const divider = css`var(--portal-app-nav-border-color, ${tokens.colorDivider})`;

/** The navigation as a sidebar, for the hosts that `host` selects, inside a wide enough container. */
function sidebar(host: string): CSSResult {
  const selector = unsafeCSS(host);
  return css`
    ${selector} .layout {
      grid-template-columns: var(--portal-app-sidebar-width, 15rem) minmax(0, 1fr);
      align-items: start;
    }
    ${selector} .bar {
      flex-direction: column;
      flex-wrap: nowrap;
      align-items: stretch;
      border-block-end: 0;
      border-inline-end: 1px solid ${divider};
      padding-inline-end: calc(${tokens.space} * 0.75);
    }
    ${selector} .nav {
      flex: none;
      overflow: visible;
    }
    ${selector} .header-actions {
      margin-inline-start: 0;
    }
    ${selector} .nav-list {
      flex-direction: column;
    }
    ${selector} .nav-link {
      border-block-end: 0;
      border-inline-start: 4px solid transparent;
      border-radius: 0;
      border-start-end-radius: ${tokens.radius};
      border-end-end-radius: ${tokens.radius};
      white-space: normal;
    }
    ${selector} .nav-link[aria-current='page'] {
      border-inline-start-color: ${indicator};
    }
    ${selector} .nav-link:focus-visible {
      outline-offset: 0;
    }
  `;
}

/** The signed-in portal: the navigation bar, its badges and the section area. */
export const shellStyles = css`
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--portal-app-gap, ${tokens.space});
  }
  /* When the row is too narrow for both, the header actions move above the tabs. */
  .bar {
    display: flex;
    flex-wrap: wrap-reverse;
    align-items: end;
    gap: calc(${tokens.space} * 0.5);
    min-width: 0;
    border-block-end: 1px solid ${divider};
    background: var(--portal-app-nav-background, transparent);
  }
  .header-actions {
    flex: none;
    align-self: center;
    margin-inline-start: auto;
  }
  .nav {
    position: relative;
    flex: 1 1 16rem;
    min-width: 0;
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scrollbar-width: thin;
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
    font-weight: var(--portal-app-nav-font-weight, 600);
    line-height: 1.25;
    text-decoration: none;
    white-space: nowrap;
  }
  .nav-link:hover {
    background: var(--portal-app-nav-hover-background, ${tokens.colorSurfaceAlt});
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  .nav-link[aria-current='page'] {
    border-block-end-color: ${indicator};
    background: var(--portal-app-nav-current-background, transparent);
    color: var(--portal-app-nav-current-color, ${tokens.colorBrand});
  }
  .nav-link:focus-visible {
    outline-offset: -3px;
  }
  .nav-badge {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 1.5em;
    margin-inline-start: 0.5em;
    padding: 0 0.4em;
    border-radius: 999px;
    background: var(--portal-app-nav-badge-background, ${tokens.colorBrand});
    color: var(--portal-app-nav-badge-color, ${tokens.colorBrandContrast});
    font-size: 0.8125em;
    font-weight: 700;
    line-height: 1.5;
  }
  .main {
    min-width: 0;
  }
  .empty {
    margin: 0;
    padding: ${tokens.space};
    border: 1px solid ${tokens.colorDivider};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
  }

  @container (min-width: 40rem) {
    ${sidebar(":host([layout='sidebar'])")}
  }
  @container (min-width: 72rem) {
    ${sidebar(":host([layout='auto'])")}
  }

  @media print {
    .bar {
      display: none !important;
    }
  }
`;
