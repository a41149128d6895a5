import { css } from 'lit';
import { tokens } from '../styles/tokens.ts';

const border = css`var(--portal-pay-border-color, ${tokens.colorDivider})`;

/** The sandbox's card and bank account forms and its dialogs, added to `<portal-pay>`'s styles when they load. */
export const sandboxStyles = css`
  .card-fields,
  .bank-fields {
    margin-block-end: ${tokens.space};
    padding: ${tokens.space};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
  }
  .card-brand {
    padding: 0 0.5em;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    font-size: 0.875em;
    font-weight: 600;
  }
  .field-row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0 ${tokens.space};
  }
  .choice-group .choice {
    display: flex;
    margin-block-end: 0.5rem;
  }
  .card-fields .field input,
  .bank-fields .field input {
    background: ${tokens.colorSurface};
  }
  .dialog {
    width: min(30rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    padding: calc(${tokens.space} * 1.25);
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: var(--portal-pay-dialog-background, ${tokens.colorSurface});
    color: ${tokens.colorText};
    font: inherit;
  }
  .dialog::backdrop {
    background: var(--portal-pay-dialog-backdrop, ${tokens.colorBackdrop});
  }
  .dialog-header {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 1rem;
    margin-block-end: 0.75rem;
  }
  .close-button {
    flex: none;
    width: 2.75rem;
    height: 2.75rem;
    margin: -0.5rem -0.5rem 0 0;
    border: 0;
    border-radius: ${tokens.radius};
    background: none;
    color: inherit;
    font: inherit;
    font-size: 1.5rem;
    line-height: 1;
    cursor: pointer;
  }
  .close-button:hover {
    background: ${tokens.colorSurfaceAlt};
  }
  .sandbox-note {
    padding: 0.5rem 0.75rem;
    border-inline-start: 4px solid var(--portal-pay-sandbox-color, ${tokens.colorWarning});
    background: ${tokens.colorSurfaceAlt};
    font-size: 0.9375em;
  }
  .institutions {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .institution {
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .institution:hover {
    border-color: ${tokens.colorBrand};
  }
  .field input[type='search'],
  .dialog .field input {
    width: 100%;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-block-start: ${tokens.space};
  }
  @media (max-width: 30rem) {
    .dialog-actions > .button {
      flex: 1 1 100%;
    }
  }
`;
