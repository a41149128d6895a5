import { css } from 'lit';
import { controlBox } from '../../styles/basic.ts';
import { tokens } from '../../styles/tokens.ts';

// Component tokens are read with fallbacks to the global ones and never declared on :host.
const border = css`var(--portal-console-settings-border-color, ${tokens.colorDivider})`;
const danger = css`var(--portal-console-settings-danger-color, ${tokens.colorDanger})`;

export const settingsStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  :host([hidden]) {
    display: none;
  }
  h2,
  h3,
  h4 {
    margin: 0 0 0.5em;
    line-height: 1.25;
  }
  .screen-heading {
    font-size: 1.5em;
  }
  .screen-heading:focus {
    outline: none;
  }
  .intro,
  .muted,
  .empty-note {
    color: ${tokens.colorMuted};
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }

  /* Tabs scroll sideways on a narrow container rather than wrap under each other. */
  .tabs {
    display: flex;
    gap: 0.25rem;
    margin-block-end: ${tokens.space};
    border-block-end: 1px solid ${border};
    overflow-x: auto;
  }
  .tab {
    flex: none;
    min-height: 2.75rem;
    padding: 0.5em 1em;
    border: 0;
    border-block-end: 3px solid transparent;
    background: none;
    color: var(--portal-console-settings-tab-color, ${tokens.colorMuted});
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    color: var(--portal-console-settings-tab-active-color, ${tokens.colorBrand});
    border-block-end-color: currentColor;
  }

  fieldset {
    margin: 0 0 ${tokens.space};
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    min-inline-size: 0;
  }
  legend {
    padding-inline: 0.25em;
    font-weight: 700;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
  }
  .check input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
  }
  select {
    inline-size: 100%;
    ${controlBox}
  }
  .field.inline {
    margin: 0;
  }
  .actions,
  .card-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
    margin-block-start: ${tokens.space};
  }
  .button.secondary.danger {
    border-color: ${danger};
    background: transparent;
    color: ${danger};
  }

  /* Branding: the fields and the preview side by side when there is room. */
  .branding-layout {
    display: grid;
    gap: ${tokens.space};
  }
  @container (min-width: 48rem) {
    .branding-layout {
      grid-template-columns: minmax(0, 1fr) minmax(16rem, 22rem);
      align-items: start;
    }
    .preview-frame {
      position: sticky;
      top: ${tokens.space};
    }
  }
  .color-field {
    display: flex;
    align-items: end;
    gap: 0.5rem;
  }
  .color-field .field {
    flex: 1;
  }
  .picker {
    margin-block-end: ${tokens.space};
  }
  .picker input {
    inline-size: 2.75rem;
    block-size: 2.75rem;
    padding: 0.125rem;
    border: 1px solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
    cursor: pointer;
  }
  .logo-preview {
    display: block;
    max-inline-size: 12rem;
    max-block-size: 4rem;
    margin-block-end: ${tokens.space};
  }
  .contrast ul {
    display: grid;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
    padding: 0;
    list-style: none;
  }
  .contrast li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .contrast h4 {
    font-size: 1em;
  }
  .warnings {
    color: ${tokens.colorWarning};
  }
  .preview-frame {
    margin: 0;
    padding: ${tokens.space};
    border-radius: ${tokens.radius};
    background: var(--portal-console-settings-preview-background, ${tokens.colorSurfaceAlt});
  }
  .preview-frame figcaption {
    margin-block-end: 0.5rem;
    font-weight: 700;
  }
  /* The preview reads the global tokens the edit sets on it, as the portal would. */
  .preview {
    display: grid;
    gap: 0.75rem;
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
    color: ${tokens.colorText};
    font-family: ${tokens.fontFamily};
  }
  .preview-header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: -${tokens.space} -${tokens.space} 0;
    padding: 0.75rem ${tokens.space};
    border-radius: ${tokens.radius} ${tokens.radius} 0 0;
    background: ${tokens.colorBrand};
    color: ${tokens.colorBrandContrast};
    font-weight: 700;
  }
  .preview-header img {
    max-block-size: 1.75rem;
  }
  .preview-nav {
    display: flex;
    gap: 1rem;
    color: ${tokens.colorMuted};
  }
  .preview-nav .current {
    color: ${tokens.colorBrand};
    border-block-end: 2px solid ${tokens.colorAccent};
  }
  .preview-row {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    padding-block: 0.5rem;
    border-block: 1px solid ${border};
  }
  .preview-link {
    display: block;
    color: ${tokens.colorBrand};
    text-decoration: underline;
  }
  .preview-muted {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .preview-button {
    justify-self: start;
    padding: 0.5em 1.25em;
    border-radius: ${tokens.radius};
    background: ${tokens.colorBrand};
    color: ${tokens.colorBrandContrast};
    font-weight: 600;
  }

  /* Lists of endpoints, keys and staff: cards, in columns when there is room. */
  .cards {
    display: grid;
    gap: ${tokens.space};
    margin: 0 0 ${tokens.space};
    padding: 0;
    list-style: none;
  }
  @container (min-width: 60rem) {
    .api-keys .cards,
    .staff .cards {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  .card {
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: var(--portal-console-settings-card-background, ${tokens.colorSurface});
    min-inline-size: 0;
  }
  .card-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .card-head h4 {
    overflow-wrap: anywhere;
  }
  .card p {
    margin: 0 0 0.5rem;
  }
  .facts {
    display: grid;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  @container (min-width: 30rem) {
    .facts {
      grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    }
  }
  .facts dt {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .origins {
    display: grid;
    gap: 0.25rem;
    margin: 0 0 ${tokens.space};
    padding: 0;
    list-style: none;
  }
  .origins li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    min-height: 2.75rem;
    border-block-end: 1px solid ${border};
  }
  .inline-add {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem;
  }
  .inline-add .field {
    flex: 1 1 16rem;
  }
  .inline-add .button {
    margin-block-end: ${tokens.space};
  }
  .add-form {
    margin-block-start: calc(${tokens.space} * 1.5);
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
  }
  .event-choices {
    display: grid;
    gap: 0 1rem;
  }
  @container (min-width: 40rem) {
    .event-choices {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .event-choices legend,
    .event-choices .field-error {
      grid-column: 1 / -1;
    }
  }
  .table-wrap {
    overflow-x: auto;
    margin-block: ${tokens.space};
  }
  .log {
    inline-size: 100%;
    border-collapse: collapse;
  }
  .log th,
  .log td {
    padding: 0.5em;
    border-block-end: 1px solid ${border};
    text-align: start;
    vertical-align: top;
  }
  .secret {
    margin-block: ${tokens.space};
    padding: ${tokens.space};
    border: 2px solid ${tokens.colorWarning};
    border-radius: ${tokens.radius};
  }
  .secret .warning {
    font-weight: 600;
  }
  .secret-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-end: 0.5rem;
  }
  .secret-value {
    flex: 1 1 14rem;
    min-height: 2.75rem;
    padding: 0.5em 0.75em;
    border: 1px solid ${tokens.colorBorder};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
    color: ${tokens.colorText};
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: max(1rem, 0.875em);
  }
  .skeleton {
    display: grid;
    gap: 0.75rem;
  }
`;
