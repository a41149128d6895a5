import { css } from 'lit';

/**
 * The global design tokens, as CSS values to interpolate into component styles.
 *
 * Each token reads, in order: the host page's own `--portal-*` property, then (for the tokens a
 * firm can brand) the firm's value that `<portal-session>` publishes as `--portal-firm-*`, then
 * the built-in default. The page's CSS therefore always wins over the firm's branding, wherever
 * the page sets it (`:root`, a wrapper, or the element itself).
 *
 * Components never declare these properties; they only read them.
 */
export const tokens = {
  colorBrand: css`var(--portal-color-brand, var(--portal-firm-color-brand, #1f4e79))`,
  colorBrandContrast: css`var(--portal-color-brand-contrast, var(--portal-firm-color-brand-contrast, #ffffff))`,
  colorAccent: css`var(--portal-color-accent, var(--portal-firm-color-accent, #8a5a00))`,
  colorSurface: css`var(--portal-color-surface, #ffffff)`,
  colorSurfaceAlt: css`var(--portal-color-surface-alt, #f3f5f8)`,
  colorText: css`var(--portal-color-text, #1b2430)`,
  colorMuted: css`var(--portal-color-muted, #545e6b)`,
  colorDanger: css`var(--portal-color-danger, #b3261e)`,
  colorSuccess: css`var(--portal-color-success, #1d6b3c)`,
  colorWarning: css`var(--portal-color-warning, #8a5a00)`,
  colorBorder: css`var(--portal-color-border, #6f7987)`,
  colorDivider: css`var(--portal-color-divider, #dde2e8)`,
  fontFamily: css`var(--portal-font-family, var(--portal-firm-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif))`,
  fontSize: css`var(--portal-font-size, 1rem)`,
  lineHeight: css`var(--portal-line-height, 1.5)`,
  radius: css`var(--portal-radius, 6px)`,
  space: css`var(--portal-space, 1rem)`,
  focusRing: css`var(--portal-focus-ring, 3px solid var(--portal-color-brand, var(--portal-firm-color-brand, #1f4e79)))`,
  duration: css`var(--portal-duration, 150ms)`,
  /** Mixed into a filled button's colour on hover: black darkens it; a dark theme sets white to lighten it. */
  colorHoverMix: css`var(--portal-color-hover-mix, #000000)`,
  /** What covers the page behind a dialog. */
  colorBackdrop: css`var(--portal-color-backdrop, rgb(0 0 0 / 0.55))`,
};

/** The global tokens a host page can set, with their built-in defaults (documentation and stories). */
export const tokenDefaults: Readonly<Record<string, string>> = {
  '--portal-color-brand': '#1f4e79',
  '--portal-color-brand-contrast': '#ffffff',
  '--portal-color-accent': '#8a5a00',
  '--portal-color-surface': '#ffffff',
  '--portal-color-surface-alt': '#f3f5f8',
  '--portal-color-text': '#1b2430',
  '--portal-color-muted': '#545e6b',
  '--portal-color-danger': '#b3261e',
  '--portal-color-success': '#1d6b3c',
  '--portal-color-warning': '#8a5a00',
  '--portal-color-border': '#6f7987',
  '--portal-color-divider': '#dde2e8',
  '--portal-font-family': 'system-ui, sans-serif',
  '--portal-font-size': '1rem',
  '--portal-line-height': '1.5',
  '--portal-radius': '6px',
  '--portal-space': '1rem',
  '--portal-focus-ring': '3px solid <brand colour>',
  '--portal-duration': '150ms',
  '--portal-color-hover-mix': '#000000',
  '--portal-color-backdrop': 'rgb(0 0 0 / 0.55)',
};

/**
 * A dark set of the global tokens: light text on dark surfaces, every text colour at least
 * 4.5:1 against both surfaces (WCAG AA), and buttons that lighten on hover. A page applies it
 * with its own CSS, e.g. under `.portal-theme-dark` or `@media (prefers-color-scheme: dark)`
 * (see docs/theming.md); the brand colours are the page's to choose.
 */
export const darkTokens: Readonly<Record<string, string>> = {
  '--portal-color-brand': '#8ab4f8',
  '--portal-color-brand-contrast': '#0b1320',
  '--portal-color-accent': '#f2c46d',
  '--portal-color-surface': '#1b1f24',
  '--portal-color-surface-alt': '#262c33',
  '--portal-color-text': '#e8eaed',
  '--portal-color-muted': '#b0b6be',
  '--portal-color-danger': '#f28b82',
  '--portal-color-success': '#81c995',
  '--portal-color-warning': '#f2c46d',
  '--portal-color-border': '#8c949e',
  '--portal-color-divider': '#3c434c',
  '--portal-color-hover-mix': '#ffffff',
  '--portal-color-backdrop': 'rgb(0 0 0 / 0.7)',
};
