import { css, type CSSResult } from 'lit';
import { tokens } from './tokens.ts';

// The styles of the sign-in form and the session's frame are a module of their own (a signed-out
// page loads them without the rest); every element still finds them here.
export { alertStyles, buttonStyles, fieldStyles, skeletonStyles, visuallyHiddenStyles } from './basic.ts';

/**
 * The panel a section shows in place of its content when it is empty or failed: a bordered
 * surface, a heading and muted text. `border` is the section's own border token. Interpolated
 * into a section's styles where the rules belong, so its own rules after it still win.
 */
export function statePanelStyles(border: CSSResult = tokens.colorDivider): CSSResult {
  return css`
    .state {
      padding: calc(${tokens.space} * 1.5) ${tokens.space};
      border: 1px solid ${border};
      border-radius: ${tokens.radius};
      background: ${tokens.colorSurface};
    }
    .state h3 {
      margin: 0 0 0.25em;
    }
    .state p {
      color: ${tokens.colorMuted};
    }
    .state .alert p {
      color: inherit;
    }
  `;
}

/**
 * Status badges: `.badge` with `data-tone` `success`, `warning`, `danger`, `info` or `neutral`.
 * The tone only adds colour to a badge's text, which always names the status. A badge stays on
 * one line where it fits; in a column too narrow for a long status (a wide font, a long
 * translation) its words wrap inside it rather than spill over the next column.
 */
export const badgeStyles = css`
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    max-width: 100%;
    padding: 0.125em 0.625em;
    border: 1px solid currentColor;
    border-radius: 999px;
    color: ${tokens.colorMuted};
    background: color-mix(in srgb, currentColor 8%, ${tokens.colorSurface});
    font-size: 0.8125em;
    font-weight: 600;
    line-height: 1.4;
    overflow-wrap: normal;
  }
  .badge::before {
    content: '';
    flex: none;
    width: 0.5em;
    height: 0.5em;
    border-radius: 50%;
    background: currentColor;
  }
  .badge[data-tone='success'] {
    color: ${tokens.colorSuccess};
  }
  .badge[data-tone='warning'] {
    color: ${tokens.colorWarning};
  }
  .badge[data-tone='danger'] {
    color: ${tokens.colorDanger};
  }
  .badge[data-tone='info'] {
    color: ${tokens.colorBrand};
  }
  @media print {
    .badge {
      color: #000 !important;
      background: none !important;
    }
  }
`;
