import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { Problem } from '../http/problem.ts';
import { applyMergePatch } from '../http/merge-patch.ts';
import { parse } from '../http/validate.ts';
import { brandingWarnings, defaultSettings, sections, type Firm } from './firm.ts';
import type { FirmsRepository } from './firms.repository.ts';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f3a5f');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** An origin is a scheme, host and optional port: no path, no trailing slash. */
export const origin = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an origin like https://www.firm.com (scheme, host and port only)');

const stripeAccount = z.string().regex(/^acct_[A-Za-z0-9]{1,64}$/, 'must be a Stripe connected account id like acct_1A2b3C');

export const brandingSchema = z.strictObject({
  logoUrl: httpUrl.optional(),
  colors: z.strictObject({ brand: hexColor, brandContrast: hexColor.optional(), accent: hexColor.optional() }),
  fontFamily: z.string().max(200).regex(/^[\w\s,'"-]+$/, 'must be a CSS font-family list').optional(),
});

export const settingsSchema = z.strictObject({
  sections: z.strictObject(Object.fromEntries(sections.map((s) => [s, z.boolean()])) as Record<(typeof sections)[number], z.ZodBoolean>),
  showPayments: z.boolean().default(true),
  paymentMethods: z.strictObject({ card: z.boolean(), bankLink: z.boolean(), bankAccount: z.boolean() }).default(defaultSettings.paymentMethods),
  minimumPayment: z.number().int().min(1).max(100_000_000).default(defaultSettings.minimumPayment),
  maxUploadBytes: z.number().int().min(1).max(1024 * 1024 * 1024).default(defaultSettings.maxUploadBytes),
  paymentFailuresPerHour: z.number().int().min(1).max(1000).default(defaultSettings.paymentFailuresPerHour),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone like America/New_York').default('UTC'),
  portalUrl: httpUrl.optional(),
  inboxEmail: z.email().optional(),
  stripe: z.strictObject({ operatingAccount: stripeAccount.optional(), trustAccount: stripeAccount.optional() }).optional(),
});

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const newFirmSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2 to 63 lowercase letters, digits or hyphens'),
  name: z.string().trim().min(1).max(200),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD').default('USD'),
  siteUrl: httpUrl.optional(),
  allowedOrigins: z.array(origin).max(50).default([]),
  branding: brandingSchema.optional(),
  settings: settingsSchema.default(defaultSettings),
});

/** Everything a firm may change about itself, as a whole: what a merge patch must leave valid. */
const editableFirmSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD'),
  siteUrl: httpUrl.optional(),
  allowedOrigins: z.array(origin).max(50),
  branding: brandingSchema,
  settings: settingsSchema,
});

/** What the firm sees of itself through its API key, with any warnings about its branding. */
export function firmProfile(firm: Firm) {
  const { id, slug, name, currency, siteUrl, allowedOrigins, branding, settings, createdAt, updatedAt } = firm;
  return { id, slug, name, currency, siteUrl, allowedOrigins, branding, settings, createdAt, updatedAt, warnings: brandingWarnings(branding.colors) };
}

export class FirmsService {
  constructor(
    private readonly firms: FirmsRepository,
    private readonly clock: Clock,
  ) {}

  create(input: unknown): Firm {
    const firm = parse(newFirmSchema, input, 'firm');
    if (this.firms.findBySlug(firm.slug)) throw Problem.conflict('firm_exists', `A firm with the slug "${firm.slug}" already exists.`);
    return this.firms.create(firm, this.clock().toISOString());
  }

  /**
   * Changes the firm's profile, branding and settings by a JSON Merge Patch (RFC 7396): only the
   * fields sent change, at any depth, and `null` removes an optional one. The result is checked
   * as a whole, so a patch can never leave the firm half-valid.
   */
  update(firmId: string, patch: unknown): Firm {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw Problem.badRequest('invalid_request', 'The request body must be a JSON object (a JSON Merge Patch of the firm).');
    }
    const current = this.firms.findById(firmId)!;
    const document = {
      name: current.name,
      currency: current.currency,
      ...(current.siteUrl ? { siteUrl: current.siteUrl } : {}),
      allowedOrigins: current.allowedOrigins,
      branding: current.branding,
      settings: current.settings,
    };
    const next = parse(editableFirmSchema, applyMergePatch(document, patch));
    return this.firms.update(firmId, { ...next, siteUrl: next.siteUrl ?? null }, this.clock().toISOString());
  }

  /** The firm a client-facing request names, or a 404 problem. */
  bySlug(slug: string): Firm {
    const firm = this.firms.findBySlug(slug);
    if (!firm) throw new Problem(404, 'firm_not_found', `No firm with the slug "${slug}".`);
    return firm;
  }
}
