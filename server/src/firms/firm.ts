import { contrastRatio, minimumContrast, readableTextColor } from '../color.ts';
import type { IdentitySettings } from './identity.ts';

/** A firm's look: applied to every component and every email it sends. */
export interface Branding {
  logoUrl?: string;
  colors: { brand: string; brandContrast?: string; accent?: string };
  fontFamily?: string;
}

/** The portal's sections a firm can turn on or off. Payment history is `showPayments`. */
export type Section = 'activities' | 'invoices' | 'messages' | 'files';
export const sections: readonly Section[] = ['activities', 'invoices', 'messages', 'files'];

/** What the firm lets its clients see and do. */
export interface FirmSettings {
  sections: Record<Section, boolean>;
  /** Whether clients see their payment history. */
  showPayments: boolean;
  /**
   * How clients may pay: card, bank sign-in, bank account and routing numbers; `wallets` offers
   * Apple Pay and Google Pay with cards when payments go through Stripe (the firm's domain must be
   * registered with Stripe first, so it is off until the firm turns it on).
   */
  paymentMethods: { card: boolean; bankLink: boolean; bankAccount: boolean; wallets: boolean };
  /**
   * A surcharge on credit-card payments, in percent (at most 3): only on operating money, never on
   * debit or prepaid cards, never where the client's state forbids it (see payments/surcharge-rules.ts).
   */
  surcharge: { enabled: boolean; percent: number };
  /** The smallest payment the firm accepts, in minor units. */
  minimumPayment: number;
  /** The largest file a client or the firm may upload, in bytes; larger uploads are cut off. */
  maxUploadBytes: number;
  /**
   * How many declined payment attempts a client, or one IP address, may make in an hour before
   * paying is refused until the hour is up (card testing and guessing stop there).
   */
  paymentFailuresPerHour: number;
  /** The firm's IANA time zone: decides when an invoice or a task becomes overdue. */
  timeZone: string;
  /** Where the portal lives on the firm's own site: links in emails point here. */
  portalUrl?: string;
  /** Where notices for the firm (new client messages, payments) are sent. */
  inboxEmail?: string;
  /**
   * The firm's Stripe connected accounts (`acct_…`), used when payments go through Stripe: trust
   * money is always sent to the trust account; operating money to the operating account when one
   * is set, else it stays with the platform account.
   */
  stripe?: { operatingAccount?: string; trustAccount?: string };
  /** How the firm's own site signs its clients in to the portal (token exchange); absent when it does not. */
  identity?: IdentitySettings;
  /** Whether every staff member must set up a second factor (an authenticator app or a passkey) to sign in. */
  staffTwoFactor: 'required' | 'optional';
  /**
   * Whether clients sign in with a second factor (an authenticator app or a passkey): `off` (none
   * asked for, none can be set up), `optional` (each client chooses) or `required` (every client
   * sets one up at their next sign-in).
   */
  clientTwoFactor: 'off' | 'optional' | 'required';
  /** Where the firm's staff console lives: staff invitation emails link here. */
  consoleUrl?: string;
  /** The firm's postal address, one line per line: printed on invoices and receipts, and where payments are remitted. */
  address?: string;
  /** Payment plans: whether a client may split an open invoice into instalments, how many at most, and the smallest instalment (minor units). */
  plans: PlanSettings;
  /** Autopay: whether a client may have each new invoice of a matter charged to a saved method on its due date. */
  autopay: AutopaySettings;
}

/** What a firm allows of autopay. */
export interface AutopaySettings {
  enabled: boolean;
}

/** What a firm allows of payment plans; the longest plan runs `maxInstalments` months. */
export interface PlanSettings {
  enabled: boolean;
  maxInstalments: number;
  minInstalment: number;
}

export interface Firm {
  id: string;
  slug: string;
  name: string;
  currency: string;
  siteUrl: string | null;
  allowedOrigins: string[];
  branding: Branding;
  settings: FirmSettings;
  createdAt: string;
  updatedAt: string;
}

export const defaultBranding: Branding = { colors: { brand: '#1f3a5f' } };

export const defaultSettings: FirmSettings = {
  sections: { activities: true, invoices: true, messages: true, files: true },
  showPayments: true,
  paymentMethods: { card: true, bankLink: true, bankAccount: true, wallets: false },
  surcharge: { enabled: false, percent: 0 },
  minimumPayment: 100,
  maxUploadBytes: 25 * 1024 * 1024,
  paymentFailuresPerHour: 10,
  timeZone: 'UTC',
  staffTwoFactor: 'required',
  clientTwoFactor: 'off',
  plans: { enabled: false, maxInstalments: 6, minInstalment: 5_000 },
  autopay: { enabled: false },
};

/**
 * The text colour chosen for each pair of brand and wished-for text colour: worked out once, not
 * on every `GET /me` and branding read (a pure function of the two, so never stale).
 */
const brandContrasts = new Map<string, string>();

/** The firm's colours with a text colour that is readable on the brand colour (WCAG AA). */
export function readableColors(colors: Branding['colors']): Branding['colors'] & { brandContrast: string } {
  const key = `${colors.brand}|${colors.brandContrast ?? ''}`;
  let brandContrast = brandContrasts.get(key);
  if (brandContrast === undefined) {
    const chosen = colors.brandContrast;
    brandContrast = chosen && contrastRatio(colors.brand, chosen) >= minimumContrast ? chosen : readableTextColor(colors.brand);
    if (brandContrasts.size >= 1_000) brandContrasts.clear();
    brandContrasts.set(key, brandContrast);
  }
  return { ...colors, brandContrast };
}

/** What a firm should know about its colours: text in the brand colour on white must stay readable. */
export function brandingWarnings(colors: Branding['colors']): { code: string; message: string }[] {
  const warnings: { code: string; message: string }[] = [];
  const onWhite = contrastRatio(colors.brand, '#ffffff');
  if (onWhite < minimumContrast) {
    warnings.push({
      code: 'brand_contrast_low',
      message: `The brand colour ${colors.brand} has a contrast of ${onWhite.toFixed(2)}:1 on white; WCAG AA asks for 4.5:1. Links and headings in it will be hard to read: choose a darker shade.`,
    });
  }
  if (colors.brandContrast && contrastRatio(colors.brand, colors.brandContrast) < minimumContrast) {
    warnings.push({
      code: 'brand_contrast_text_low',
      message: `The text colour ${colors.brandContrast} is hard to read on ${colors.brand}; ${readableTextColor(colors.brand)} is used instead.`,
    });
  }
  return warnings;
}

/**
 * What a firm should know about its logo: an SVG one (by its address) shows in no Gmail or Outlook
 * email, and invoice and receipt PDFs print the firm's name in its place.
 */
export function logoWarnings(logoUrl: string | undefined): { code: string; message: string }[] {
  if (!logoUrl) return [];
  let svg = logoUrl.startsWith('data:image/svg');
  try {
    svg ||= new URL(logoUrl).pathname.toLowerCase().endsWith('.svg');
  } catch {
    // Not a URL: the branding schema refuses it before it gets here.
  }
  return svg
    ? [
        {
          code: 'logo_not_raster',
          message:
            'The logo is an SVG image: Gmail and Outlook do not show SVG images in emails, and invoice and receipt PDFs print the firm’s name instead. Use a PNG or JPEG logo (about 480 × 96 pixels) for emails and documents.',
        },
      ]
    : [];
}

/** The public face of a firm, as `GET /firms/:slug/branding` and `GET /me` show it. */
export function publicBranding(firm: Firm) {
  return {
    slug: firm.slug,
    name: firm.name,
    currency: firm.currency,
    logoUrl: firm.branding.logoUrl ?? null,
    colors: readableColors(firm.branding.colors),
    fontFamily: firm.branding.fontFamily ?? null,
    sections: { ...firm.settings.sections, payments: firm.settings.showPayments },
    paymentMethods: firm.settings.paymentMethods,
    minimumPayment: firm.settings.minimumPayment,
    maxUploadBytes: firm.settings.maxUploadBytes,
    plans: firm.settings.plans,
    autopay: firm.settings.autopay,
    clientTwoFactor: firm.settings.clientTwoFactor,
  };
}
export type PublicBranding = ReturnType<typeof publicBranding>;
