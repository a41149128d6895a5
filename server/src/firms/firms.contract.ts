import { z } from 'zod';
import { authContract } from '../auth/index.ts';
import { profileContract } from '../contacts/index.ts';
import { mergePatchOf } from '../http/merge-patch.ts';
import { Currency, Instant, Money } from '../http/schema.ts';
import { defaultSettings, sections } from './firm.ts';
import { identitySchema } from './identity.ts';

const { ClientContact } = authContract;

// Requests

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f3a5f');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** An origin is a scheme, host and optional port: no path, no trailing slash. */
export const origin = z.string().refine((value) => {
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
  fontFamily: z
    .string()
    .max(200)
    .regex(/^[\w\s,'"-]+$/, 'must be a CSS font-family list')
    .optional(),
});

/** Payment plans: whether clients may split an open invoice into instalments charged on their dates. */
export const planSettingsSchema = z
  .strictObject({
    enabled: z.boolean().meta({ description: 'Whether clients may put an open invoice on a payment plan' }),
    maxInstalments: z.number().int().min(2).max(24).meta({ description: 'The most instalments a plan may have; a plan runs at most this many months' }),
    minInstalment: z.number().int().min(1).max(100_000_000).meta({ description: 'The smallest instalment, in minor units' }),
  })
  .meta({ id: 'PlanSettings' });

/** Autopay: whether clients may have each new invoice of a matter charged on its due date. */
export const autopaySettingsSchema = z
  .strictObject({
    enabled: z.boolean().meta({ description: 'Whether clients may turn on autopay for the new invoices of a matter' }),
  })
  .meta({ id: 'AutopaySettings' });

export const settingsSchema = z
  .strictObject({
    sections: z.strictObject(Object.fromEntries(sections.map((s) => [s, z.boolean()])) as Record<(typeof sections)[number], z.ZodBoolean>),
    showPayments: z.boolean().default(true),
    paymentMethods: z
      .strictObject({
        card: z.boolean(),
        bankLink: z.boolean(),
        bankAccount: z.boolean(),
        wallets: z
          .boolean()
          .default(false)
          .meta({ description: "Apple Pay and Google Pay with cards, through Stripe's Payment Element; register the firm's domain with Stripe first" }),
      })
      .default(defaultSettings.paymentMethods),
    surcharge: z
      .strictObject({
        enabled: z.boolean(),
        percent: z
          .number()
          .min(0, 'must be 0 or more')
          .max(3, 'must be at most 3 (the card networks cap a surcharge at 3 %)')
          .multipleOf(0.01, 'must have at most two decimals'),
      })
      .default(defaultSettings.surcharge)
      .meta({
        description:
          'A surcharge on credit-card payments to operating invoices, in percent: never on debit or prepaid cards, trust money or clients in states that forbid it (CT, ME, MA, PR), and capped where a state caps it (CO: 2 %)',
      }),
    minimumPayment: z.number().int().min(1).max(100_000_000).default(defaultSettings.minimumPayment),
    maxUploadBytes: z
      .number()
      .int()
      .min(1)
      .max(1024 * 1024 * 1024)
      .default(defaultSettings.maxUploadBytes),
    paymentFailuresPerHour: z.number().int().min(1).max(1000).default(defaultSettings.paymentFailuresPerHour),
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone like America/New_York').default('UTC'),
    portalUrl: httpUrl.optional(),
    inboxEmail: z.email().optional(),
    stripe: z.strictObject({ operatingAccount: stripeAccount.optional(), trustAccount: stripeAccount.optional() }).optional(),
    identity: identitySchema.optional(),
    staffTwoFactor: z
      .enum(['required', 'optional'])
      .default('required')
      .meta({ description: 'Whether staff must set up a second factor (authenticator app or passkey) to sign in' }),
    clientTwoFactor: z.enum(['off', 'optional', 'required']).default('off').meta({
      description:
        'Second factor for clients (authenticator app or passkey): `off` (none), `optional` (each client chooses) or `required` (set up at the next sign-in)',
    }),
    consoleUrl: httpUrl.optional().meta({ description: "The page that embeds the firm's staff console; staff invitations link here" }),
    address: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .meta({ description: "The firm's postal address, one line per line: printed on invoice and receipt PDFs as where to remit payment" }),
    plans: planSettingsSchema.default(defaultSettings.plans),
    autopay: autopaySettingsSchema.default(defaultSettings.autopay),
  })
  .meta({ id: 'FirmSettings', description: 'What the firm lets its clients see and do' });

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
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD')
    .default('USD'),
  siteUrl: httpUrl.optional(),
  allowedOrigins: z.array(origin).max(50).default([]),
  branding: brandingSchema.optional(),
  settings: settingsSchema.default(defaultSettings),
});

/** Everything a firm may change about itself, as a whole: what a merge patch must leave valid. */
export const editableFirmSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like USD'),
  siteUrl: httpUrl.optional(),
  allowedOrigins: z.array(origin).max(50),
  branding: brandingSchema,
  settings: settingsSchema,
});

/**
 * `PATCH /admin/settings`: a JSON Merge Patch (RFC 7396) of the editable fields. Every field, at
 * any depth, may be left out (it stays) or be null (an optional one is removed); the result must
 * be a valid firm as a whole.
 */
export const FirmChanges = mergePatchOf(editableFirmSchema).meta({ id: 'FirmChanges' });

// Replies

const Colors = z.strictObject({
  brand: z.string().meta({ description: 'The brand colour, `#rrggbb`' }),
  brandContrast: z.string().optional().meta({ description: 'Text on the brand colour' }),
  accent: z.string().optional(),
});

export const PaymentMethodsAccepted = z
  .strictObject({
    card: z.boolean(),
    bankLink: z.boolean().meta({ description: 'Bank sign-in (Plaid Link, or the sandbox stand-in)' }),
    bankAccount: z.boolean().meta({ description: 'Bank account and routing numbers typed in' }),
    wallets: z.boolean().optional().meta({ description: 'Apple Pay and Google Pay with cards, when payments go through Stripe' }),
  })
  .meta({ id: 'PaymentMethodsAccepted' });

/** `GET /firms/:slug/branding`: what the sign-in screen shows before anyone signs in. */
export const Branding = z
  .strictObject({
    slug: z.string(),
    name: z.string(),
    currency: Currency,
    logoUrl: z.string().nullable(),
    colors: Colors.required({ brandContrast: true }),
    fontFamily: z.string().nullable(),
    sections: z.strictObject({ activities: z.boolean(), invoices: z.boolean(), messages: z.boolean(), files: z.boolean(), payments: z.boolean() }),
    paymentMethods: PaymentMethodsAccepted,
    minimumPayment: Money.meta({ description: 'The smallest payment the firm accepts, in minor units' }),
    maxUploadBytes: z.number().int().meta({ description: 'The largest file a client may upload, in bytes' }),
    plans: planSettingsSchema,
    autopay: autopaySettingsSchema.optional().meta({ description: 'Whether clients may turn on autopay for a matter' }),
    clientTwoFactor: z
      .enum(['off', 'optional', 'required'])
      .optional()
      .meta({ description: 'Whether clients may (or must) sign in with a second factor; `off` also means no passkey sign-in' }),
  })
  .meta({ id: 'Branding' });

/** `GET /me`. */
/** `GET|PATCH /me`: the signed-in client, their firm, and their own settings. */
export const Me = z.strictObject({ contact: ClientContact, firm: Branding, profile: profileContract.Profile }).meta({ id: 'Me' });

/** `GET|PATCH /admin/settings`. */
export const FirmProfile = z
  .strictObject({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    currency: Currency,
    siteUrl: z.string().nullable(),
    allowedOrigins: z.array(z.string()),
    branding: brandingSchema,
    settings: settingsSchema,
    createdAt: Instant,
    updatedAt: Instant,
    warnings: z
      .array(z.strictObject({ code: z.string(), message: z.string() }))
      .meta({ description: 'What the firm should know, e.g. a brand colour too light to read' }),
  })
  .meta({ id: 'FirmProfile' });
