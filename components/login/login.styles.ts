import { css } from 'lit';
import { tokens } from '../styles/tokens.ts';

export const loginStyles = css`
  :host {
    max-width: var(--portal-login-max-width, 28rem);
    margin-inline: auto;
  }
  .base {
    padding: var(--portal-login-padding, calc(${tokens.space} * 1.5));
    border: 1px solid var(--portal-login-border-color, ${tokens.colorDivider});
    border-radius: ${tokens.radius};
    background: var(--portal-login-background, ${tokens.colorSurface});
  }
  h2 {
    margin: 0 0 calc(${tokens.space} * 0.5);
    color: var(--portal-login-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  /* One line of the heading's height, even while empty. */
  .heading-firm {
    display: block;
    min-height: 1.25em;
  }
  .intro {
    margin: 0 0 ${tokens.space};
    color: ${tokens.colorMuted};
  }
  .submit-button {
    width: 100%;
    margin-block-start: calc(${tokens.space} * 0.5);
  }
  .links {
    margin: ${tokens.space} 0 0;
    text-align: center;
  }
  @media (max-width: 360px) {
    .base {
      padding: var(--portal-login-padding, ${tokens.space});
    }
  }
`;
