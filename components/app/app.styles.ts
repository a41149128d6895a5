import { css } from 'lit';

/** What `<portal-app>` draws around the sign-in form; the navigation's styles come with it once signed in (shell.styles.ts). */
export const appStyles = css`
  [hidden] {
    display: none !important;
  }
  .app {
    container-type: inline-size;
    background: var(--portal-app-background, transparent);
  }
`;
