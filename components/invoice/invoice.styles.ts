import { css } from 'lit';
import { tokens } from '../styles/tokens.ts';

export const invoiceStyles = css`
  :host {
    container-type: inline-size;
  }
  .base {
    padding: var(--portal-invoice-padding, calc(${tokens.space} * 1.25));
    border: 1px solid var(--portal-invoice-border-color, ${tokens.colorDivider});
    border-radius: ${tokens.radius};
    background: var(--portal-invoice-background, ${tokens.colorSurface});
  }
  .header {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    padding-block-end: ${tokens.space};
    border-block-end: 1px solid ${tokens.colorDivider};
  }
  .firm {
    margin: 0;
    color: ${tokens.colorMuted};
    font-weight: 600;
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(${tokens.space} * 0.5) calc(${tokens.space} * 0.75);
  }
  h2 {
    margin: 0;
    color: var(--portal-invoice-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
    overflow-wrap: anywhere;
  }
  h3 {
    margin: calc(${tokens.space} * 1.5) 0 calc(${tokens.space} * 0.5);
    font-size: 1.125em;
    line-height: 1.3;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: calc(${tokens.space} * 0.5) ${tokens.space};
    margin: 0;
  }
  .facts div {
    min-width: 0;
  }
  .facts dt {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .facts dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(${tokens.space} * 0.5);
  }
  .pay-button {
    background: var(--portal-invoice-pay-background, ${tokens.colorBrand});
    border-color: var(--portal-invoice-pay-background, ${tokens.colorBrand});
    color: var(--portal-invoice-pay-color, ${tokens.colorBrandContrast});
  }
  .note {
    margin: ${tokens.space} 0 0;
    padding: 0.75em 1em;
    border-inline-start: 4px solid ${tokens.colorAccent};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: start;
  }
  th,
  td {
    padding: 0.5em 0.5em;
    border-block-end: 1px solid ${tokens.colorDivider};
    text-align: start;
    vertical-align: top;
  }
  thead th {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
    font-weight: 600;
  }
  .amount {
    text-align: end;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .quantity {
    text-align: end;
    color: ${tokens.colorMuted};
    white-space: nowrap;
  }
  .date {
    white-space: nowrap;
  }
  .totals {
    width: min(100%, 24rem);
    margin-inline-start: auto;
    margin-block-start: ${tokens.space};
  }
  .totals th {
    font-weight: 400;
  }
  .totals .strong th,
  .totals .strong td {
    border-block-start: 2px solid ${tokens.colorText};
    font-weight: 700;
  }
  .muted {
    color: ${tokens.colorMuted};
  }
  .notes {
    white-space: pre-line;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${tokens.space};
    margin-block-start: calc(${tokens.space} * 1.5);
    padding-block-start: ${tokens.space};
    border-block-start: 1px solid ${tokens.colorDivider};
  }
  .balance {
    margin: 0;
    font-size: 1.125em;
  }
  .balance strong {
    font-size: 1.25em;
  }
  .balance .pay-amount {
    display: block;
    color: ${tokens.colorMuted};
    font-size: 0.8em;
  }
  .panel {
    padding: ${tokens.space};
    border: 1px solid ${tokens.colorDivider};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
  }
  .panel h2 {
    margin-block-end: calc(${tokens.space} * 0.5);
    font-size: 1.25em;
  }
  .skeleton {
    display: grid;
    gap: ${tokens.space};
    padding: ${tokens.space};
  }
  .skeleton .skeleton-block.title {
    width: min(60%, 18rem);
    height: 2rem;
  }
  .skeleton .skeleton-block.tall {
    height: 8rem;
  }

  /* Phones: each charge becomes a small block, description over date and quantity. */
  @container (max-width: 34rem) {
    .base {
      padding: var(--portal-invoice-padding, ${tokens.space});
    }
    .lines thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .lines tr {
      display: grid;
      grid-template-columns: 1fr auto;
      grid-template-areas: 'description amount' 'date quantity';
      gap: 0 0.75em;
      padding-block: 0.5em;
      border-block-end: 1px solid ${tokens.colorDivider};
    }
    .lines td {
      padding: 0;
      border: 0;
    }
    .lines .description {
      grid-area: description;
    }
    .lines .amount {
      grid-area: amount;
    }
    .lines .date {
      grid-area: date;
      color: ${tokens.colorMuted};
      font-size: 0.875em;
    }
    .lines .quantity {
      grid-area: quantity;
      font-size: 0.875em;
    }
    .applied thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    .applied tr {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      grid-template-areas: 'date amount' 'method status' 'receipt receipt';
      gap: 0.125em 0.75em;
      padding-block: 0.5em;
      border-block-end: 1px solid ${tokens.colorDivider};
    }
    .applied td {
      padding: 0;
      border: 0;
    }
    .applied .date {
      grid-area: date;
      font-weight: 600;
    }
    .applied .amount {
      grid-area: amount;
    }
    .applied .method {
      grid-area: method;
    }
    .applied .status {
      grid-area: status;
      justify-self: end;
    }
    .applied .receipt {
      grid-area: receipt;
      color: ${tokens.colorMuted};
      font-size: 0.875em;
    }
    .footer .pay-button {
      width: 100%;
    }
  }

  @media print {
    :host {
      color: #000 !important;
      background: #fff !important;
    }
    .base {
      padding: 0;
      border: 0;
      background: #fff !important;
    }
    .actions,
    .footer .pay-button,
    button {
      display: none !important;
    }
    .muted,
    .firm,
    thead th,
    .facts dt,
    .quantity {
      color: #000 !important;
    }
    .note {
      background: none;
      border-color: #000;
    }
    th,
    td {
      border-color: #999 !important;
    }
  }
`;
