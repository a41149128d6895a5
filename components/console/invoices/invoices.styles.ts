import { css } from 'lit';
import { controlBox } from '../../styles/basic.ts';
import { statePanelStyles } from '../../styles/shared.ts';
import { tokens } from '../../styles/tokens.ts';

const border = css`var(--portal-console-invoices-border-color, ${tokens.colorDivider})`;
const figure = css`var(--portal-console-invoices-total-color, ${tokens.colorText})`;

export const invoicesScreenStyles = css`
  :host {
    container-type: inline-size;
  }
  [hidden] {
    display: none !important;
  }
  .header,
  .invoice-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75em;
    margin-block-end: ${tokens.space};
  }
  h2 {
    margin: 0;
    color: var(--portal-console-invoices-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3 {
    margin: 0;
    font-size: 1.25em;
  }
  h4 {
    margin: calc(${tokens.space} * 1.25) 0 0.5em;
    font-size: 1em;
  }
  .muted,
  .hint {
    color: ${tokens.colorMuted};
  }
  select,
  textarea,
  .field input[type='date'] {
    width: 100%;
    ${controlBox}
  }
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border: 2px solid ${tokens.colorDanger};
  }
  select:disabled {
    opacity: 0.75;
  }

  .filters {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0 ${tokens.space};
    margin-block-end: 0.5rem;
  }
  .filters .field {
    margin-block-end: 0.75rem;
  }

  .table {
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    overflow: hidden;
  }
  .row {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25em 0.75em;
    padding: 0.75em ${tokens.space};
    border-block-start: 1px solid ${border};
    background: var(--portal-console-invoices-row-background, ${tokens.colorSurface});
  }
  .head-row {
    display: none;
  }
  [role='rowgroup'] + [role='rowgroup'] .row:first-child {
    border-block-start: 0;
  }
  .cell-label {
    margin-inline-end: 0.375em;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .cell.number {
    font-weight: 600;
  }
  .cell.status,
  .cell.total,
  .cell.balance {
    justify-self: end;
    text-align: end;
  }
  .cell.balance,
  .cell.total {
    color: ${figure};
    font-variant-numeric: tabular-nums;
  }
  .matter {
    display: block;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .trust {
    margin-inline-start: 0.5em;
    padding: 0 0.375em;
    border: 1px solid currentColor;
    border-radius: ${tokens.radius};
    color: var(--portal-console-invoices-trust-color, ${tokens.colorAccent});
    font-size: 0.75em;
    font-weight: 700;
    text-transform: uppercase;
  }
  .more {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.5em;
    margin-block-start: ${tokens.space};
  }
  .skeleton {
    display: grid;
    gap: 0.75em;
  }
  .skeleton-block {
    height: 2.75rem;
  }
  ${statePanelStyles(border)}

  .back {
    margin-block-end: ${tokens.space};
  }
  .invoice,
  .panel {
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
  }
  .panel {
    margin-block: ${tokens.space};
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: 0.5em ${tokens.space};
    margin: 0 0 ${tokens.space};
  }
  .facts dt {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .facts dd {
    margin: 0;
  }
  .actions,
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
  }
  .button.danger-outline {
    border-color: ${tokens.colorDanger};
    color: ${tokens.colorDanger};
  }
  table.lines {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .lines th,
  .lines td {
    padding: 0.5em 0.25em;
    border-block-end: 1px solid ${border};
    text-align: start;
    vertical-align: top;
  }
  .lines .num {
    text-align: end;
    white-space: nowrap;
  }
  .lines tr[data-kind='discount'],
  .lines tr[data-kind='tax'] {
    color: ${tokens.colorMuted};
  }
  .totals {
    display: grid;
    gap: 0.25em;
    max-width: 22rem;
    margin: ${tokens.space} 0 0 auto;
    font-variant-numeric: tabular-nums;
  }
  .totals div {
    display: flex;
    justify-content: space-between;
    gap: ${tokens.space};
  }
  .totals dd {
    margin: 0;
  }
  .totals .total {
    padding-block-start: 0.25em;
    border-block-start: 1px solid ${border};
    color: ${figure};
    font-weight: 700;
  }
  .payments,
  .history {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .payments li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em ${tokens.space};
    padding: 0.5em 0;
    border-block-end: 1px solid ${border};
  }
  .payments .num {
    margin-inline-start: auto;
    font-variant-numeric: tabular-nums;
  }
  .history li {
    padding: 0.25em 0;
  }
  .history time {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .notes {
    white-space: pre-wrap;
  }

  .grid {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0 ${tokens.space};
  }
  fieldset {
    margin: 0 0 ${tokens.space};
    padding: 0.75em ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
  }
  legend {
    padding: 0 0.25em;
    font-weight: 600;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75rem;
    margin-inline-end: ${tokens.space};
  }
  .choice input {
    width: 1.25rem;
    height: 1.25rem;
    accent-color: ${tokens.colorBrand};
  }
  .form-line {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0 0.75em;
    margin-block-end: 0.75em;
    padding-block-end: 0.75em;
    border-block-end: 1px dashed ${border};
  }
  .form-line .field {
    margin-block-end: 0.5em;
  }
  .line-amount {
    margin: 0 0 0.5em;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .remove {
    justify-self: start;
  }

  @container (min-width: 40rem) {
    .filters {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
    .grid {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .form-line {
      grid-template-columns: 9rem minmax(0, 1fr) 6rem 8rem;
      align-items: start;
    }
    .line-amount,
    .remove {
      grid-column: 3 / span 2;
      justify-self: end;
    }
  }
  @container (min-width: 52rem) {
    .filters {
      grid-template-columns: repeat(6, minmax(0, 1fr));
    }
    .head-row {
      display: grid;
      font-weight: 600;
      background: ${tokens.colorSurfaceAlt};
    }
    .row {
      grid-template-columns: 9rem minmax(0, 2fr) 8rem 9rem 8rem 8rem;
      align-items: center;
    }
    .cell-label {
      display: none;
    }
    .form-line {
      grid-template-columns: 9rem minmax(0, 1fr) 6rem 8rem 8rem auto;
    }
    .line-amount {
      grid-column: auto;
      align-self: center;
      margin-block-start: 1.5em;
    }
    .remove {
      grid-column: auto;
      align-self: center;
      margin-block-start: 1.5em;
    }
  }
`;
