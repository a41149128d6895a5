import { css } from 'lit';
import { controlBox } from '../../styles/basic.ts';
import { statePanelStyles } from '../../styles/shared.ts';
import { tokens } from '../../styles/tokens.ts';

const border = css`var(--portal-console-payments-border-color, ${tokens.colorDivider})`;
const amountColor = css`var(--portal-console-payments-amount-color, ${tokens.colorText})`;
const timelineColor = css`var(--portal-console-payments-timeline-color, ${tokens.colorBrand})`;

export const paymentsScreenStyles = css`
  :host {
    container-type: inline-size;
  }
  .header,
  .detail-header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75em;
    margin-block-end: 0.5rem;
  }
  h2 {
    margin: 0;
    color: var(--portal-console-payments-heading-color, ${tokens.colorText});
    font-size: 1.5em;
    line-height: 1.25;
  }
  h3 {
    margin: calc(${tokens.space} * 1.25) 0 0.5em;
    font-size: 1.125em;
  }
  .hint {
    margin-block: 0 ${tokens.space};
  }
  .muted {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  select,
  textarea {
    width: 100%;
    ${controlBox}
  }
  textarea {
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border: 2px solid ${tokens.colorDanger};
  }

  .filters {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0 ${tokens.space};
  }
  .filters .field {
    margin-block-end: 0.75rem;
  }
  .clear {
    margin: 0 0 ${tokens.space};
  }

  .totals {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em calc(${tokens.space} * 1.5);
    margin: 0 0 ${tokens.space};
    padding: 0.75em ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
  }
  .total dt {
    color: ${tokens.colorMuted};
    font-size: 0.8125em;
  }
  .total dd {
    margin: 0;
    color: ${amountColor};
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  .list,
  .allocations,
  .refunds {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    overflow: hidden;
  }
  .payment {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0.125em 0.75em;
    padding: calc(${tokens.space} * 0.75) ${tokens.space};
    background: var(--portal-console-payments-row-background, ${tokens.colorSurface});
  }
  .payment + .payment,
  .allocations li + li,
  .refunds li + li {
    border-block-start: 1px solid ${border};
  }
  .payment-amount,
  .amount,
  .refund-amount,
  .detail-amount {
    color: ${amountColor};
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .payment-open {
    grid-column: 1;
    grid-row: 2;
  }
  .payment-status {
    grid-column: 2;
    grid-row: 1 / span 2;
    align-self: center;
  }
  .payment-client,
  .payment-method,
  .payment-date,
  .payment-account {
    grid-column: 1 / -1;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .more {
    display: flex;
    justify-content: center;
    margin-block-start: ${tokens.space};
  }

  .back {
    margin: 0 0 0.75rem;
  }
  .detail h2:focus {
    outline: none;
  }
  .detail h2:focus-visible {
    outline: ${tokens.focusRing};
    outline-offset: 2px;
  }
  .detail-amount {
    margin: 0 0 ${tokens.space};
    font-size: 1.75em;
  }
  .facts {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.75em ${tokens.space};
    margin: 0 0 ${tokens.space};
  }
  .facts dt {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .facts dd {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5em;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
  }
  .allocations li,
  .refunds li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25em 0.75em;
    padding: 0.75em ${tokens.space};
    background: ${tokens.colorSurface};
  }
  .allocations .amount {
    margin-inline-start: auto;
  }
  .refund-amount {
    color: var(--portal-console-payments-refund-color, ${tokens.colorDanger});
  }
  .refund-reason {
    flex-basis: 100%;
    font-size: 0.875em;
  }
  .timeline {
    margin: 0;
    padding: 0 0 0 1.25em;
    list-style: none;
    border-inline-start: 2px solid ${timelineColor};
  }
  .timeline li {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75em;
    padding-block: 0.375em;
  }
  .timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: calc(-1.25em - 6px);
    inset-block-start: 0.8em;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: ${timelineColor};
  }
  .timeline li[data-tone='danger']::before {
    background: ${tokens.colorDanger};
  }
  .timeline time {
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .refund-open,
  .refund-note {
    margin: 0 0 ${tokens.space};
  }
  .refund {
    margin-block: 0 ${tokens.space};
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
  }
  .refund h3 {
    margin-block-start: 0;
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75em;
  }

  ${statePanelStyles(border)}
  .state {
    text-align: center;
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
  .skeleton {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
  }
  .skeleton .skeleton-block {
    height: 2.5rem;
  }

  @container (min-width: 36rem) {
    .filters {
      grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    }
    .facts {
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    }
  }

  /* Wide: one line per payment, in columns. */
  @container (min-width: 60rem) {
    .payment {
      grid-template-columns: 7rem 7rem minmax(0, 1.5fr) minmax(0, 1.5fr) minmax(0, 1.25fr) 6rem 10rem;
      align-items: center;
    }
    .payment-open,
    .payment-status,
    .payment-client,
    .payment-method,
    .payment-date,
    .payment-account {
      grid-column: auto;
      grid-row: auto;
    }
    .payment-amount {
      text-align: end;
    }
  }
`;
