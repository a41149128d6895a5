/** A firm's look: applied to every component and every email it sends. */
export interface Branding {
  logoUrl?: string;
  colors: { brand: string; brandContrast?: string; accent?: string };
  fontFamily?: string;
}

export type Section = 'activities' | 'invoices' | 'payments' | 'messages' | 'files';
export const sections: readonly Section[] = ['activities', 'invoices', 'payments', 'messages', 'files'];

/** What the firm lets its clients see and do. */
export interface FirmSettings {
  sections: Record<Section, boolean>;
  /** Where the portal lives on the firm's own site: links in emails point here. */
  portalUrl?: string;
  /** Where notices for the firm (new client messages, payments) are sent. */
  inboxEmail?: string;
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
  sections: { activities: true, invoices: true, payments: true, messages: true, files: true },
};

/** The public face of a firm, as `GET /firms/:slug/branding` and `GET /me` show it. */
export function publicBranding(firm: Firm) {
  return {
    slug: firm.slug,
    name: firm.name,
    currency: firm.currency,
    logoUrl: firm.branding.logoUrl ?? null,
    colors: firm.branding.colors,
    fontFamily: firm.branding.fontFamily ?? null,
    sections: firm.settings.sections,
  };
}
export type PublicBranding = ReturnType<typeof publicBranding>;
