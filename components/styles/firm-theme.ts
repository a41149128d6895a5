import type { Branding } from '../api/types.ts';

/** The part of a firm's branding that themes the elements: its colours and font. */
export interface FirmLook {
  colors?: Partial<Branding['colors']>;
  fontFamily?: Branding['fontFamily'];
}

/** The firm-level custom properties that the global tokens fall back to (see tokens.ts). */
export const firmTokens = {
  brand: '--portal-firm-color-brand',
  brandContrast: '--portal-firm-color-brand-contrast',
  accent: '--portal-firm-color-accent',
  fontFamily: '--portal-firm-font-family',
} as const;

/** The firm's branding as `--portal-firm-*` declarations, dropping any value that is not valid CSS for its role. */
export function firmDeclarations(branding: FirmLook | undefined): Map<string, string> {
  const declarations = new Map<string, string>();
  if (!branding) return declarations;
  const colors = branding.colors ?? {};
  const add = (name: string, property: 'color' | 'font-family', value: string | null | undefined) => {
    if (value && isSafeValue(property, value)) declarations.set(name, value.trim());
  };
  add(firmTokens.brand, 'color', colors.brand);
  add(firmTokens.brandContrast, 'color', colors.brandContrast);
  add(firmTokens.accent, 'color', colors.accent);
  add(firmTokens.fontFamily, 'font-family', branding.fontFamily);
  return declarations;
}

// Branding comes from the service, not from the page: accept only plain values of the right kind
// so that a stored value can never pull in a resource or reference another property.
function isSafeValue(property: 'color' | 'font-family', value: string): boolean {
  if (/url\(|var\(|[;{}]/i.test(value)) return false;
  return typeof CSS === 'undefined' || CSS.supports(property, value);
}

/**
 * A firm's branding as a stylesheet for a shadow root: one `:host` rule holding the firm-level
 * properties, which everything inside the host inherits. Values are written through the CSSOM
 * (never parsed from text), so this works under a CSP without `'unsafe-inline'` and leaves the
 * host element's `style` attribute to the page.
 */
export class FirmTheme {
  readonly #host: HTMLElement;
  readonly #sheet: CSSStyleSheet | undefined;

  constructor(host: HTMLElement) {
    this.#host = host;
    if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
      this.#sheet = new CSSStyleSheet();
      this.#sheet.replaceSync(':host {}');
    }
  }

  /** Adds the theme's stylesheet to the host's shadow root, after the component's own styles. */
  adoptInto(root: Node): void {
    if (!this.#sheet || !(root instanceof ShadowRoot)) return;
    if (!root.adoptedStyleSheets.includes(this.#sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
    }
  }

  /** Replaces the firm-level properties with those of `branding` (none when undefined). */
  apply(branding: FirmLook | undefined): void {
    const style = this.#sheet ? (this.#sheet.cssRules[0] as CSSStyleRule).style : this.#host.style;
    for (const name of Object.values(firmTokens)) style.removeProperty(name);
    for (const [name, value] of firmDeclarations(branding)) style.setProperty(name, value);
  }
}
