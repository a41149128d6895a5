import { css } from 'lit';
import { controlBox } from '../styles/basic.ts';
import { statePanelStyles } from '../styles/shared.ts';
import { tokens } from '../styles/tokens.ts';

export const invoicesStyles = css`
  :host {
    container-type: inline-size;
  }
  [hidden] {
    display: none !important;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    justify-content: space-between;
    gap: ${tokens.space};
    margin-block-end: ${tokens.space};
  }
  h2 {
    margin: 0;
    color: var(--portal-invoices-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  .controls {
    display: flex;
    flex: 1 1 auto;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
  }
  .control {
    display: grid;
    flex: 1 1 12rem;
    gap: 0.25rem;
  }
  .control label {
    font-size: 0.875em;
    font-weight: 600;
  }
  select {
    width: 100%;
    ${controlBox}
  }
  .summary {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
    margin-block-end: ${tokens.space};
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    border: 1px solid var(--portal-invoices-summary-border-color, ${tokens.colorDivider});
    border-radius: ${tokens.radius};
    background: var(--portal-invoices-summary-background, ${tokens.colorSurfaceAlt});
  }
  .summary p {
    margin: 0;
  }
  .summary .amount {
    font-size: 1.25em;
    font-weight: 700;
  }
  .summary .count {
    display: block;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  /* Under the balance and its button, across the whole summary. */
  .summary .processing {
    flex-basis: 100%;
    order: 1;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }

  .table {
    border: 1px solid var(--portal-invoices-border-color, ${tokens.colorDivider});
    border-radius: ${tokens.radius};
    background: var(--portal-invoices-background, ${tokens.colorSurface});
  }
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas:
      'number status'
      'matter matter'
      'due balance'
      'issued total';
    gap: 0.25em ${tokens.space};
    width: 100%;
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    border-block-end: 1px solid var(--portal-invoices-row-border-color, ${tokens.colorDivider});
    background: var(--portal-invoices-row-background, ${tokens.colorSurface});
    cursor: pointer;
  }
  .row:hover {
    background: var(--portal-invoices-row-hover-background, ${tokens.colorSurfaceAlt});
  }
  .head-row {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .cell {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .cell.number {
    grid-area: number;
    font-weight: 600;
  }
  .cell.matter {
    grid-area: matter;
  }
  .cell.issued {
    grid-area: issued;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .cell.due {
    grid-area: due;
  }
  .cell.status {
    grid-area: status;
    justify-self: end;
  }
  .cell.total {
    grid-area: total;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .cell.balance {
    grid-area: balance;
    font-weight: 700;
  }
  .cell.total,
  .cell.balance {
    justify-self: end;
    text-align: end;
    font-variant-numeric: tabular-nums;
    /* An amount reads as one figure: "US$1,234,567.89" never breaks across lines. */
    white-space: nowrap;
    overflow-wrap: normal;
  }
  .cell-label {
    display: block;
    color: ${tokens.colorMuted};
    font-size: 0.8125rem;
    font-weight: 400;
  }
  .muted {
    color: ${tokens.colorMuted};
  }
  .trust {
    display: block;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .overdue {
    color: ${tokens.colorDanger};
    font-weight: 600;
  }
  .open-button {
    min-height: 1.5rem;
    font-weight: 700;
    text-align: start;
  }
  .body {
    width: 100%;
  }
  .more {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: ${tokens.space};
    margin-block-start: ${tokens.space};
  }
  .more .alert {
    margin: 0;
  }
  ${statePanelStyles()}
  .state {
    text-align: center;
  }
  .state h3 {
    font-size: 1.125em;
  }
  .state p {
    margin: 0 0 ${tokens.space};
  }
  .state p:last-child {
    margin-block-end: 0;
  }
  .error-state {
    text-align: start;
  }
  .state .alert p {
    margin: 0;
  }
  .skeleton {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    padding: ${tokens.space};
    border: 1px solid ${tokens.colorDivider};
    border-radius: ${tokens.radius};
  }
  .skeleton .skeleton-block {
    height: 2.5rem;
  }
  .back {
    margin-block-end: ${tokens.space};
  }

  /* Wide containers: a table-like grid with a visible header row. In each layout the columns'
     least widths and gaps (with the row's padding) add up to less than its breakpoint, so the
     grid never overflows: the status column holds the longest status ("Pagada parcialmente")
     and the amount columns a seven-figure amount, in a wide font. From 56rem the issue date sits
     under the number; from 64rem it has its own column. */
  @container (min-width: 56rem) {
    .row {
      grid-template-columns:
        minmax(6.5rem, 1fr) minmax(6rem, 2.5fr) minmax(7.5rem, 1fr)
        minmax(10rem, 1fr) minmax(10rem, 1fr) minmax(10rem, 1fr);
      grid-template-areas:
        'number matter due status total balance'
        'issued matter due status total balance';
      column-gap: 0.75rem;
      align-items: center;
      padding-block: calc(${tokens.space} * 0.625);
    }
    .head-row {
      position: static;
      width: 100%;
      height: auto;
      padding: calc(${tokens.space} * 0.5) ${tokens.space};
      overflow: visible;
      clip: auto;
      white-space: normal;
      border-block-end: 1px solid ${tokens.colorDivider};
      background: var(--portal-invoices-header-background, ${tokens.colorSurfaceAlt});
      color: ${tokens.colorMuted};
      font-size: 0.875em;
      font-weight: 600;
      cursor: default;
    }
    .head-row:hover {
      background: var(--portal-invoices-header-background, ${tokens.colorSurfaceAlt});
    }
    .cell.total {
      color: inherit;
      font-size: inherit;
    }
    .cell.issued,
    .cell.due {
      white-space: nowrap;
    }
    .control {
      max-width: 18rem;
    }
    .cell.status {
      justify-self: start;
    }
    .cell-label {
      display: none;
    }
  }
  @container (min-width: 64rem) {
    .row {
      grid-template-columns:
        minmax(6rem, 1fr) minmax(6rem, 2.5fr) minmax(7.5rem, 1fr) minmax(7.5rem, 1fr)
        minmax(10rem, 1fr) minmax(10rem, 1fr) minmax(10rem, 1fr);
      grid-template-areas: 'number matter issued due status total balance';
    }
    .cell.issued {
      color: inherit;
      font-size: inherit;
    }
  }

  @media print {
    .controls,
    .summary button,
    .more {
      display: none !important;
    }
  }
`;
