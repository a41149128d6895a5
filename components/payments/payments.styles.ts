import { css } from 'lit';
import { statePanelStyles } from '../styles/shared.ts';
import { tokens } from '../styles/tokens.ts';

export const paymentsStyles = css`
  :host {
    container-type: inline-size;
  }
  h2 {
    margin: 0 0 ${tokens.space};
    color: var(--portal-payments-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  .table {
    display: block;
    width: 100%;
    border: 1px solid var(--portal-payments-border-color, ${tokens.colorDivider});
    border-radius: ${tokens.radius};
    background: var(--portal-payments-background, ${tokens.colorSurface});
  }
  .table thead,
  .table tbody {
    display: block;
  }
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas:
      'date amount'
      'method method'
      'status status'
      'invoices receipt';
    gap: 0.25em ${tokens.space};
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    border-block-end: 1px solid var(--portal-payments-row-border-color, ${tokens.colorDivider});
    background: var(--portal-payments-row-background, transparent);
  }
  tbody .row:last-child {
    border-block-end: 0;
  }
  .row > * {
    display: block;
    min-width: 0;
    padding: 0;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .head {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .date {
    grid-area: date;
    font-weight: 600;
  }
  .amount {
    grid-area: amount;
    justify-self: end;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    text-align: end;
  }
  .method {
    grid-area: method;
  }
  .status {
    grid-area: status;
  }
  .invoices {
    grid-area: invoices;
    color: ${tokens.colorMuted};
  }
  .receipt {
    grid-area: receipt;
    justify-self: end;
    color: ${tokens.colorMuted};
  }
  .cell-label {
    display: block;
    color: ${tokens.colorMuted};
    font-size: 0.8125rem;
  }
  .receipt-button {
    display: block;
    min-height: 1.5rem;
    margin-block-start: 0.125em;
  }
  .detail {
    display: block;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
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
  .state h3 {
    font-size: 1.125em;
  }
  .state p {
    margin: 0;
  }
  .state .alert {
    margin-block: calc(${tokens.space} * 0.5) ${tokens.space};
  }
  .hidden-note {
    border-inline-start: 4px solid ${tokens.colorBrand};
  }
  .hidden-note p {
    color: ${tokens.colorText};
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

  /* Wide containers: a table-like grid; least widths and gaps stay under the breakpoint. */
  @container (min-width: 52rem) {
    .row {
      grid-template-columns: minmax(7rem, 1fr) minmax(7rem, 0.9fr) minmax(8rem, 1.6fr) minmax(6rem, 1.2fr) minmax(8rem, 1fr) minmax(6.5rem, 0.9fr);
      column-gap: 0.75rem;
      grid-template-areas: 'date amount method invoices status receipt';
      align-items: center;
      padding-block: calc(${tokens.space} * 0.625);
    }
    .head {
      position: static;
      width: auto;
      height: auto;
      overflow: visible;
      clip: auto;
      white-space: normal;
    }
    .head .row {
      background: var(--portal-payments-header-background, ${tokens.colorSurfaceAlt});
      color: ${tokens.colorMuted};
      font-size: 0.875em;
      font-weight: 600;
    }
    tbody .date {
      font-weight: 400;
    }
    .head .row > * {
      color: inherit;
      font-weight: 600;
    }
    .amount,
    .receipt {
      justify-self: start;
      text-align: start;
    }
    .invoices,
    .receipt {
      color: inherit;
    }
    .cell-label {
      display: none;
    }
  }
`;
