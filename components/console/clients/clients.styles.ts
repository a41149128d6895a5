import { css } from 'lit';
import { controlBox } from '../../styles/basic.ts';
import { statePanelStyles } from '../../styles/shared.ts';
import { tokens } from '../../styles/tokens.ts';

const border = css`var(--portal-console-clients-border-color, ${tokens.colorDivider})`;
const panel = css`var(--portal-console-clients-panel-background, ${tokens.colorSurfaceAlt})`;

export const clientsStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  [hidden] {
    display: none !important;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(${tokens.space} * 0.75);
    margin-block-end: ${tokens.space};
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75em;
  }
  h2 {
    margin: 0;
    color: var(--portal-console-clients-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  h3 {
    margin: 0;
    color: var(--portal-console-clients-heading-color, ${tokens.colorText});
    font-size: 1.125em;
  }
  .panel {
    margin-block: 0 ${tokens.space};
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: ${panel};
  }
  .form h3 {
    margin-block-end: ${tokens.space};
  }
  .form-fields {
    display: grid;
    gap: 0 ${tokens.space};
  }
  .address {
    grid-column: 1 / -1;
    display: grid;
    gap: 0 ${tokens.space};
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .address legend {
    padding: 0;
    font-weight: 600;
  }
  .optional {
    color: ${tokens.colorMuted};
    font-weight: 400;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75rem;
    margin-block-end: ${tokens.space};
  }
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
  }
  .form-actions,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
  }
  .actions {
    margin-block-end: ${tokens.space};
  }
  .button.danger-outline {
    border-color: ${tokens.colorDanger};
    color: ${tokens.colorDanger};
  }
  .filters {
    display: grid;
    gap: 0 ${tokens.space};
  }
  .search-row {
    display: flex;
    gap: 0.5em;
  }
  .search-row input {
    flex: 1 1 auto;
    min-width: 0;
  }
  select {
    width: 100%;
    ${controlBox}
  }
  .list,
  .records ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .list {
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    overflow: hidden;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas:
      'who status'
      'sign-in sign-in';
    gap: 0.25em ${tokens.space};
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    border-block-end: 1px solid ${border};
    background: var(--portal-console-clients-row-background, ${tokens.colorSurface});
  }
  .row:last-child {
    border-block-end: 0;
  }
  .row:hover {
    background: var(--portal-console-clients-row-hover-background, ${tokens.colorSurfaceAlt});
  }
  .who {
    grid-area: who;
    display: grid;
    min-width: 0;
  }
  .open-button {
    min-height: 1.5rem;
    font-weight: 700;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .email {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .row .badge {
    grid-area: status;
    align-self: start;
  }
  .last-sign-in {
    grid-area: sign-in;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .muted {
    color: ${tokens.colorMuted};
  }
  .hint {
    margin: 0.25em 0 0;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .more {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: ${tokens.space};
    margin-block-start: ${tokens.space};
  }
  .back {
    margin-block-end: ${tokens.space};
  }
  .facts {
    display: grid;
    gap: 0.75em ${tokens.space};
  }
  .facts div {
    min-width: 0;
  }
  .facts dt {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .records {
    display: grid;
    gap: ${tokens.space};
  }
  .record {
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
  }
  .record-header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5em;
    margin-block-end: 0.5em;
  }
  .record p {
    margin: 0;
  }
  .record-row {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25em ${tokens.space};
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5em 0.25em;
    border: 0;
    border-block-end: 1px solid ${border};
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .records li:last-child .record-row {
    border-block-end: 0;
  }
  .record-row:hover {
    background: var(--portal-console-clients-row-hover-background, ${tokens.colorSurfaceAlt});
  }
  .record-row .main {
    min-width: 0;
    color: ${tokens.colorBrand};
    text-decoration: underline;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }
  .record-row .aside {
    color: ${tokens.colorMuted};
    font-variant-numeric: tabular-nums;
  }
  .skeleton {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
  }
  .skeleton .skeleton-block,
  .record .skeleton-block {
    height: 2.5rem;
  }
  ${statePanelStyles()}
  .state {
    text-align: center;
  }
  .state p {
    margin: 0.5em 0 0;
  }
  .error-state {
    text-align: start;
  }
  .error-state .alert p {
    margin: 0;
  }

  /* Wider containers: fields side by side, a row per client with its columns, records in a grid. */
  @container (min-width: 40rem) {
    .filters {
      grid-template-columns: minmax(0, 2fr) minmax(10rem, 1fr);
      align-items: end;
    }
    .form-fields {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
    .facts {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
    .records {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  }
  @container (min-width: 60rem) {
    .row {
      grid-template-columns: minmax(0, 2fr) minmax(9rem, 1fr) minmax(0, 1.5fr);
      grid-template-areas: 'who status sign-in';
      align-items: center;
    }
    .row .badge {
      align-self: center;
      justify-self: start;
    }
    .records {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
  }
`;
