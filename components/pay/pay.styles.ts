import { css } from 'lit';
import { tokens } from '../styles/tokens.ts';

const border = css`var(--portal-pay-border-color, ${tokens.colorDivider})`;
const brandButton = css`var(--portal-pay-button-background, ${tokens.colorBrand})`;

export const payStyles = css`
  .base {
    max-width: var(--portal-pay-max-width, 36rem);
    padding: var(--portal-pay-padding, calc(${tokens.space} * 1.5));
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: var(--portal-pay-background, ${tokens.colorSurface});
  }
  h2,
  h3,
  .section-title {
    color: var(--portal-pay-heading-color, ${tokens.colorText});
    line-height: 1.25;
  }
  h2 {
    margin: 0;
    font-size: 1.375em;
  }
  h3,
  .subsection-title {
    margin: 0 0 0.25rem;
    font-size: 1em;
  }
  .header {
    margin-block-end: ${tokens.space};
  }
  .firm,
  .muted,
  .method-hint {
    color: ${tokens.colorMuted};
  }
  .firm {
    margin: 0.25rem 0 0;
  }
  fieldset {
    min-width: 0;
    margin: 0 0 ${tokens.space};
    padding: 0;
    border: 0;
  }
  .section-title {
    padding: 0;
    margin-block-end: 0.5rem;
    font-size: 1.0625em;
    font-weight: 700;
  }
  .invoice-line {
    margin: 0 0 0.5rem;
  }
  .label-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .affixed {
    display: flex;
    align-items: stretch;
  }
  .prefix {
    display: inline-flex;
    align-items: center;
    padding: 0 0.75em;
    border: 1px solid ${tokens.colorBorder};
    border-inline-end: 0;
    border-start-start-radius: ${tokens.radius};
    border-end-start-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
  }
  .affixed input {
    border-start-start-radius: 0 !important;
    border-end-start-radius: 0 !important;
  }
  .allocations {
    margin-block-start: 0.5rem;
    padding: 0.75rem ${tokens.space} 0;
    border-inline-start: 3px solid ${border};
  }
  .allocations > .hint {
    margin-block-end: 0.75rem;
  }
  .method {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    margin-block-end: 0.5rem;
    padding: 0.625rem 0.875rem;
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
    background: var(--portal-pay-method-background, ${tokens.colorSurface});
  }
  .method:has(input[type='radio']:checked) {
    border-color: var(--portal-pay-method-selected-color, ${tokens.colorBrand});
    box-shadow: inset 0 0 0 1px var(--portal-pay-method-selected-color, ${tokens.colorBrand});
  }
  .method-hint {
    flex-basis: 100%;
    margin: 0;
    padding-inline-start: 1.75rem;
  }
  .choice {
    display: inline-flex;
    align-items: flex-start;
    gap: 0.625rem;
    min-height: 1.5rem;
    cursor: pointer;
  }
  .choice input {
    flex: none;
    width: 1.125rem;
    height: 1.125rem;
    margin: 0.1875rem 0 0;
    accent-color: ${tokens.colorBrand};
  }
  .confirm-remove {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .button.danger {
    border-color: ${tokens.colorDanger};
    color: ${tokens.colorDanger};
    min-height: 2.25rem;
    padding-block: 0.25em;
  }
  .bank-link,
  .processor-placeholder {
    margin-block-end: ${tokens.space};
    padding: ${tokens.space};
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
  }
  .bank-link p {
    margin: 0 0 0.75rem;
  }
  .linked {
    font-weight: 600;
  }
  .save,
  .mandate {
    margin-block-end: ${tokens.space};
  }
  .save .hint {
    margin-inline-start: 1.75rem;
  }
  .mandate {
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
  }
  .mandate-text {
    margin: 0 0 0.75rem;
    font-size: 0.9375em;
  }
  .surcharge {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 1rem;
    margin: 0 0 0.5rem;
    padding: 0.5rem 0;
    border-block: 1px solid ${border};
  }
  .surcharge-amount {
    font-variant-numeric: tabular-nums;
  }
  .total {
    margin: 0 0 0.75rem;
    font-size: 1.125em;
    font-weight: 700;
  }
  .total:empty {
    display: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-block-start: ${tokens.space};
  }
  .pay-button {
    border-color: ${brandButton};
    background: ${brandButton};
    color: var(--portal-pay-button-color, ${tokens.colorBrandContrast});
  }
  .pay-button:hover {
    background: color-mix(in srgb, ${brandButton} 85%, ${tokens.colorHoverMix});
  }
  ::slotted([slot='footer']) {
    display: block;
    margin-block-start: ${tokens.space};
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .skeleton {
    display: grid;
    gap: 0.75rem;
  }
  .skeleton-block.title {
    width: 50%;
    height: 1.5em;
  }
  .skeleton-block.tall {
    height: 6em;
  }
  .panel > h2,
  .result > h2 {
    margin-block-end: 0.75rem;
  }
  .result[data-status='succeeded'] > h2 {
    color: ${tokens.colorSuccess};
  }
  .result[data-status='failed'] > h2 {
    color: ${tokens.colorDanger};
  }
  .receipt {
    display: grid;
    gap: 0.375rem;
    margin: ${tokens.space} 0;
    padding: ${tokens.space};
    border: 1px solid ${border};
    border-radius: ${tokens.radius};
  }
  .receipt div {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 1rem;
  }
  .receipt dt {
    color: ${tokens.colorMuted};
  }
  .receipt dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  @media (max-width: 30rem) {
    .base {
      padding: ${tokens.space};
    }
    .actions > .button {
      flex: 1 1 100%;
    }
  }
`;
