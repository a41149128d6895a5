import { css } from 'lit';
import { tokens } from '../../styles/tokens.ts';

export const staffLoginStyles = css`
  :host {
    display: block;
    max-width: var(--portal-staff-login-max-width, 30rem);
    margin-inline: auto;
  }
  .methods {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    margin-block-end: ${tokens.space};
  }
  .method {
    display: grid;
    gap: 0.25rem;
    justify-items: start;
    width: 100%;
    padding: ${tokens.space};
    border: 1px solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
    color: ${tokens.colorText};
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .method:hover {
    border-color: ${tokens.colorBrand};
    background: color-mix(in srgb, ${tokens.colorBrand} 6%, ${tokens.colorSurface});
  }
  .method-name {
    font-weight: 700;
  }
  .method-hint {
    color: ${tokens.colorMuted};
    font-size: 0.9375em;
  }
  .code-input {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    letter-spacing: 0.2em;
  }
  .links {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem ${tokens.space};
  }
  .step-body {
    margin-block-end: ${tokens.space};
  }
  .continue {
    margin-block-start: ${tokens.space};
  }
`;
