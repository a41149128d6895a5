// Colour contrast as WCAG 2 measures it, the same rule the service applies to a firm's colours
// (it warns when the brand colour is under 4.5:1 on white, and swaps an unreadable text colour
// on the brand colour for black or white). No DOM: the branding form and its tests use it.

/** WCAG AA for normal-size text. */
export const minimumContrast = 4.5;

/** `#rgb` or `#rrggbb`, normalised to lowercase `#rrggbb`; undefined for anything else. */
export function parseHexColor(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return undefined;
  const hex = match[1]!.toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((c) => c + c).join('')}` : `#${hex}`;
}

function relativeLuminance(color: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(color.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, from 1 to 21; undefined unless both are hex colours. */
export function contrastRatio(a: string, b: string): number | undefined {
  const [x, y] = [parseHexColor(a), parseHexColor(b)];
  if (!x || !y) return undefined;
  const [light, dark] = [relativeLuminance(x), relativeLuminance(y)].sort((p, q) => q - p) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function readableTextColor(background: string): string {
  return (contrastRatio(background, '#000000') ?? 0) >= (contrastRatio(background, '#ffffff') ?? 0) ? '#000000' : '#ffffff';
}

/** One contrast check: the ratio, and whether it meets WCAG AA. */
export interface ContrastCheck {
  ratio: number;
  passes: boolean;
}

/** What the service will check of a brand colour, and what text the portal will put on it. */
export interface BrandContrast {
  /** Brand-coloured text and links on a white surface. */
  onWhite: ContrastCheck;
  /** The text colour on brand-coloured buttons, as chosen (or black or white when none is). */
  text: ContrastCheck & { color: string; replaced: boolean };
}

/** The live contrast check of the branding form; undefined while the brand colour is not a hex colour. */
export function brandContrast(brand: string, chosenText: string | undefined): BrandContrast | undefined {
  const color = parseHexColor(brand);
  if (!color) return undefined;
  const onWhite = contrastRatio(color, '#ffffff')!;
  const chosen = parseHexColor(chosenText);
  const chosenRatio = chosen ? contrastRatio(color, chosen)! : 0;
  const replaced = chosen !== undefined && chosenRatio < minimumContrast;
  const textColor = chosen && !replaced ? chosen : readableTextColor(color);
  const textRatio = chosen ? chosenRatio : contrastRatio(color, textColor)!;
  return {
    onWhite: { ratio: onWhite, passes: onWhite >= minimumContrast },
    text: { color: textColor, ratio: textRatio, passes: textRatio >= minimumContrast, replaced },
  };
}
