/**
 * The styles every element shares, down to the sign-in form and the session's frame: hidden text,
 * buttons, fields, alerts and loading placeholders. components/styles/shared.ts gives them with the
 * ones only signed-in sections use (badges, the empty or failed panel), which a signed-out page
 * never downloads.
 */
import { css } from 'lit';
import { tokens } from './tokens.ts';

/** Text that only assistive technology reads. */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/**
 * Buttons: `.button` (primary, brand coloured), `.button.secondary` (outlined) and `.link-button`
 * (a button that looks like a link, for in-place actions such as switching a form's mode).
 * `aria-disabled="true"` renders as disabled while keeping the button focusable.
 */
export const buttonStyles = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 2.75rem;
    padding: 0.5em 1.25em;
    border: 2px solid ${tokens.colorBrand};
    border-radius: ${tokens.radius};
    background: ${tokens.colorBrand};
    color: ${tokens.colorBrandContrast};
    font: inherit;
    font-weight: 600;
    line-height: 1.2;
    text-align: center;
    cursor: pointer;
    /* Only the hover colour eases: a button coming back from disabled is at full contrast at once,
       never caught half-faded. */
    transition: background-color ${tokens.duration};
  }
  .button:hover {
    background: color-mix(in srgb, ${tokens.colorBrand} 85%, ${tokens.colorHoverMix});
  }
  .button.secondary {
    background: transparent;
    color: ${tokens.colorBrand};
  }
  .button.secondary:hover {
    background: color-mix(in srgb, ${tokens.colorBrand} 10%, transparent);
  }
  .button[aria-disabled='true'],
  .button:disabled {
    opacity: 0.65;
    cursor: not-allowed;
  }
  .link-button {
    display: inline;
    padding: 0;
    border: 0;
    background: none;
    color: ${tokens.colorBrand};
    font: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    cursor: pointer;
  }
  .link-button:hover {
    text-decoration-thickness: 2px;
  }
`;

/**
 * The box every text control shares (an input, a select, a text area): its height, padding, border,
 * colours, and a font size that keeps phones from zooming in on focus. Interpolated into a rule,
 * with the rule's own width: `select { width: 100%; ${controlBox} }`.
 */
export const controlBox = css`
  min-height: 2.75rem;
  padding: 0.5em 0.75em;
  border: 1px solid ${tokens.colorBorder};
  border-radius: ${tokens.radius};
  background: ${tokens.colorSurface};
  color: ${tokens.colorText};
  font: inherit;
  font-size: max(1rem, 1em);
`;

/**
 * Form fields: `.field` wraps a `label`, an optional `.hint`, the control and its `.field-error`.
 * Inputs are 16px or larger so that phones do not zoom in on focus.
 */
export const fieldStyles = css`
  .field {
    display: grid;
    gap: 0.25rem;
    margin-block-end: ${tokens.space};
  }
  .field label {
    font-weight: 600;
  }
  .hint {
    margin: 0;
    color: ${tokens.colorMuted};
    font-size: 0.875em;
  }
  .field input {
    width: 100%;
    ${controlBox}
  }
  .field input[aria-invalid='true'] {
    border-color: ${tokens.colorDanger};
    border-width: 2px;
  }
  .field-error {
    margin: 0;
    color: ${tokens.colorDanger};
    font-size: 0.875em;
    font-weight: 600;
  }
`;

/**
 * Messages: `.alert` (an error) and `.notice` (a success or information). Live regions stay in the
 * DOM while empty so that screen readers announce what is later written into them.
 */
export const alertStyles = css`
  .alert:not(:empty),
  .notice:not(:empty) {
    margin-block: 0 ${tokens.space};
    padding: 0.75em 1em;
    border-inline-start: 4px solid currentColor;
    border-radius: ${tokens.radius};
  }
  .alert:not(:empty) {
    color: ${tokens.colorDanger};
    background: color-mix(in srgb, ${tokens.colorDanger} 8%, ${tokens.colorSurface});
  }
  .notice:not(:empty) {
    color: ${tokens.colorSuccess};
    background: color-mix(in srgb, ${tokens.colorSuccess} 8%, ${tokens.colorSurface});
  }
  .alert p,
  .notice p {
    margin: 0;
  }
`;

/** Placeholder blocks shown while content loads; they pulse unless the user prefers less motion. */
export const skeletonStyles = css`
  .skeleton-block {
    display: block;
    height: 1em;
    border-radius: ${tokens.radius};
    background: ${tokens.colorSurfaceAlt};
    animation: portal-skeleton-pulse 1.4s ease-in-out infinite;
  }
  @keyframes portal-skeleton-pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton-block {
      animation: none;
    }
  }
`;
