import type { Appearance, StripeElementLocale } from '@stripe/stripe-js';

/**
 * The portal's theme as the browser computed it for `<portal-pay>`: colours as `rgb()`/`rgba()`
 * (or hex), lengths in pixels, the font family as a list. Empty or missing values fall back to
 * Stripe's own defaults.
 */
export interface PortalTheme {
  /** `--portal-color-brand`. */
  brand?: string;
  /** `--portal-color-text`. */
  text?: string;
  /** The form's background: `--portal-pay-background`, else `--portal-color-surface`. */
  surface?: string;
  /** `--portal-color-danger`. */
  danger?: string;
  /** `--portal-font-family`. */
  fontFamily?: string;
  /** `--portal-radius`, in pixels. */
  radius?: string;
  /** `--portal-space`, in pixels. */
  space?: string;
}

// The portal's spacing unit is a whole step (1rem by default); Stripe's is the small unit its
// paddings are multiples of (2px by default). One eighth maps the default onto Stripe's default.
const spacingRatio = 8;

const colorPattern = /^(#[0-9a-f]{3,8}|rgba?\([^()]*\)|hsla?\([^()]*\))$/i;
const pixelPattern = /^(\d+(?:\.\d+)?)px$/;

/**
 * Stripe's Appearance for the portal's theme: brand, text, surface and danger colours, the font,
 * the corner radius and the spacing. A dark surface selects Stripe's `night` theme, so that the
 * shades Stripe derives (placeholders, borders) stay readable on it.
 */
export function stripeAppearance(theme: PortalTheme): Appearance {
  const variables: NonNullable<Appearance['variables']> = {};
  const colorPrimary = color(theme.brand);
  const colorText = color(theme.text);
  const colorBackground = color(theme.surface);
  const colorDanger = color(theme.danger);
  if (colorPrimary) variables.colorPrimary = colorPrimary;
  if (colorText) variables.colorText = colorText;
  if (colorBackground) variables.colorBackground = colorBackground;
  if (colorDanger) variables.colorDanger = colorDanger;
  const fontFamily = theme.fontFamily?.trim();
  if (fontFamily) variables.fontFamily = fontFamily;
  const radius = pixels(theme.radius);
  if (radius !== undefined) variables.borderRadius = `${round(radius)}px`;
  const space = pixels(theme.space);
  if (space !== undefined && space > 0) variables.spacingUnit = `${round(space / spacingRatio)}px`;
  const luminance = colorBackground ? relativeLuminance(colorBackground) : undefined;
  return { theme: luminance !== undefined && luminance < 0.2 ? 'night' : 'stripe', variables };
}

/** A colour Stripe understands (hex, `rgb()`, `hsl()`), or undefined for anything else or a transparent one. */
function color(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || !colorPattern.test(trimmed)) return undefined;
  const alpha = /^rgba\(.*[,/]\s*([\d.]+%?)\s*\)$/i.exec(trimmed)?.[1];
  if (alpha !== undefined && parseFloat(alpha) === 0) return undefined;
  return trimmed;
}

function pixels(value: string | undefined): number | undefined {
  const match = pixelPattern.exec(value?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** WCAG relative luminance of a hex or `rgb()` colour; undefined for other notations. */
export function relativeLuminance(value: string): number | undefined {
  const channels = rgbChannels(value);
  if (!channels) return undefined;
  const [r, g, b] = channels.map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function rgbChannels(value: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(value)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((digit) => digit + digit).join('') : hex;
    return [0, 2, 4].map((start) => parseInt(full.slice(start, start + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(value);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : undefined;
}

/**
 * Reads the theme from `probe`, an element styled with the portal's tokens (so that the page's
 * CSS, the firm's branding and the built-in defaults resolve exactly as for the rest of the form):
 * `color` is the brand, `background-color` the surface, `border-top-color` the text,
 * `border-bottom-color` the danger colour, `border-top-left-radius` the radius and `padding-top`
 * the spacing.
 */
export function readPortalTheme(probe: Element): PortalTheme {
  const style = getComputedStyle(probe);
  return {
    brand: style.color,
    surface: style.backgroundColor,
    text: style.borderTopColor,
    danger: style.borderBottomColor,
    fontFamily: style.fontFamily,
    radius: style.borderTopLeftRadius,
    space: style.paddingTop,
  };
}

// The languages Stripe's Elements are translated into (StripeElementLocale).
const stripeLocales = new Set<string>([
  'ar',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-AU',
  'en-CA',
  'en-NZ',
  'en-GB',
  'es',
  'es-ES',
  'es-419',
  'et',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'fr-FR',
  'he',
  'hu',
  'hr',
  'id',
  'it',
  'it-IT',
  'ja',
  'ko',
  'lt',
  'lv',
  'ms',
  'mt',
  'nb',
  'nl',
  'no',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'vi',
  'zh',
  'zh-HK',
  'zh-TW',
]);

/** The page's language as one of Stripe's locales (exact, then the base language), else `auto`. */
export function stripeLocale(language: string): StripeElementLocale {
  const tag = language.trim();
  if (stripeLocales.has(tag)) return tag as StripeElementLocale;
  const base = tag.split('-')[0]?.toLowerCase() ?? '';
  return stripeLocales.has(base) ? (base as StripeElementLocale) : 'auto';
}
