import { css } from 'lit';
import { tokens } from '../styles/tokens.ts';

export const invoicePlanStyles = css`
  :host {
    display: block;
  }
  .plan {
    display: grid;
    gap: calc(${tokens.space} * 0.75);
    margin-block-start: ${tokens.space};
    padding: ${tokens.space};
    border: 1px solid var(--portal-invoice-plan-border-color, ${tokens.colorDivider});
    border-radius: ${tokens.radius};
    background: var(--portal-invoice-plan-background, ${tokens.colorSurface});
  }
  h3,
  h4 {
    margin: 0;
    font-size: 1.125em;
    line-height: 1.3;
  }
  p {
    margin: 0;
  }
  .next {
    font-weight: 600;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: calc(${tokens.space} * 0.375) calc(${tokens.space} * 0.5);
    border-block-end: 1px solid ${tokens.colorDivider};
    text-align: start;
    vertical-align: top;
  }
  .amount {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(${tokens.space} * 0.5);
  }
  .field {
    display: grid;
    gap: calc(${tokens.space} * 0.25);
  }
  select,
  input[type='date'] {
    min-height: 2.5rem;
    padding: 0 calc(${tokens.space} * 0.5);
    border: 1px solid ${tokens.colorDivider};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurface};
    color: ${tokens.colorText};
    font: inherit;
    max-width: 100%;
  }
  fieldset {
    display: grid;
    gap: calc(${tokens.space} * 0.5);
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-block-end: calc(${tokens.space} * 0.25);
    font-weight: 600;
  }
  .authorization {
    padding: calc(${tokens.space} * 0.75);
    border-inline-start: 3px solid var(--portal-invoice-plan-accent, ${tokens.colorBrand});
    background: ${tokens.colorSurfaceAlt};
    font-size: 0.9375em;
    overflow-wrap: anywhere;
  }
  .accept {
    display: flex;
    gap: calc(${tokens.space} * 0.5);
    align-items: flex-start;
  }
  .muted {
    color: ${tokens.colorMuted};
  }
  @media (max-width: 30rem) {
    th,
    td {
      padding-inline: calc(${tokens.space} * 0.25);
    }
  }
`;
